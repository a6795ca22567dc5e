// Bad input against the running server: each gets a clear 4xx naming the field and the
// rule, and nothing stored changes (the record's fingerprint before and after is equal).
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHILD, as, assertError, fingerprint, raw, req, validNote, validVisit } from './lib.mjs';

const C = CHILD.in;
const visits = `/api/children/${C}/visits`;
const notes = `/api/children/${C}/notes`;

// Runs fn, then checks the record is as it was.
async function unchanged(fn) {
	const before = fingerprint();
	await fn();
	assert.equal(fingerprint(), before, 'the stored record changed');
}

function visitWith(change) {
	return { ...validVisit(), ...change };
}

test('malformed JSON: 400 json', () => unchanged(async () => {
	const s = await as('social_worker');
	for (const body of ['{"visit_date": "2026-03-31",', '{visit_date: 1}', '', 'null x', '{"a":1} {"b":2}']) {
		const r = await req('POST', visits, { session: s, body });
		assertError(r, 400, body === '' ? 'required' : 'json', 'body');
	}
}));

test('not an object, duplicate keys: 400', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('POST', visits, { session: s, body: '[1,2]' }), 400, 'type', 'body');
	assertError(await req('POST', visits, { session: s, body: '"text"' }), 400, 'type', 'body');
	assertError(await req('POST', visits,
		{ session: s, body: '{"visit_date":"2026-03-31","visit_date":"2026-03-30","kind":"cin","seen":true,"seen_alone":true}' }),
	400, 'duplicate_field');
}));

test('wrong types: 400 type, naming the field', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('POST', visits, { session: s, body: visitWith({ seen: 'yes' }) }), 400, 'type', 'seen');
	assertError(await req('POST', visits, { session: s, body: visitWith({ visit_date: 20260331 }) }), 400, 'type',
		'visit_date');
	assertError(await req('POST', visits, { session: s, body: visitWith({ worker_id: '1' }) }), 400, 'type', 'worker_id');
	assertError(await req('POST', visits, { session: s, body: visitWith({ worker_id: 1.5 }) }), 400, 'type', 'worker_id');
	assertError(await req('POST', visits, { session: s, body: visitWith({ child_said: ['a'] }) }), 400, 'type',
		'child_said');
	assertError(await req('POST', notes, { session: s, body: { ...validNote(), body: { text: 'x' } } }), 400, 'type',
		'body');
}));

test('unknown fields: 400 unknown_field (child_id comes from the path, never the body)', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('POST', visits, { session: s, body: visitWith({ colour: 'blue' }) }), 400, 'unknown_field',
		'colour');
	assertError(await req('POST', visits, { session: s, body: visitWith({ child_id: CHILD.out }) }), 400,
		'unknown_field', 'child_id');
	assertError(await req('POST', visits, { session: s, body: visitWith({ id: 1 }) }), 400, 'unknown_field', 'id');
	const tm = await as('team_manager');
	assertError(await req('POST', `/api/children/${C}/allocations`, { session: tm, body: { worker_id: 1, end_date: '2026-01-01' } }),
		400, 'unknown_field', 'end_date');
}));

test('unknown codes: 400 code', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('POST', visits, { session: s, body: visitWith({ kind: 'zz' }) }), 400, 'code', 'kind');
	assertError(await req('POST', notes, { session: s, body: { ...validNote(), kind: 'gossip' } }), 400, 'code', 'kind');
	const tm = await as('team_manager');
	assertError(await req('POST', `/api/children/${C}/allocations`, { session: tm, body: { worker_id: 1, kind: 'boss' } }),
		400, 'code', 'kind');
}));

test('impossible dates: 400 date', () => unchanged(async () => {
	const s = await as('social_worker');
	for (const d of ['2025-02-30', '2026-13-01', '31/03/2026', '2026-3-1', 'yesterday']) {
		assertError(await req('POST', visits, { session: s, body: visitWith({ visit_date: d }) }), 400, 'date',
			'visit_date');
	}
	assertError(await req('GET', `/api/children?dob=2025-02-30`, { session: s }), 400, 'date', 'dob');
	assertError(await req('GET', `/api/children/${C}/due?as_at=2026-02-29`, { session: s }), 400, 'date', 'as_at');
}));

test('missing required fields and rules of the record: 400 naming them', () => unchanged(async () => {
	const s = await as('social_worker');
	const v = validVisit();
	delete v.seen;
	assertError(await req('POST', visits, { session: s, body: v }), 400, 'required', 'seen');
	assertError(await req('POST', visits, { session: s, body: visitWith({ visit_date: '2001-01-01' }) }), 400,
		'not_before_birth', 'visit_date');
	assertError(await req('POST', visits, { session: s, body: visitWith({ worker_id: 987654321 }) }), 400, 'reference',
		'worker_id');
}));

test('oversized bodies: 413', () => unchanged(async () => {
	const s = await as('social_worker');
	const big = JSON.stringify({ ...validNote(), body: 'x'.repeat((1 << 20) + 10) });
	assertError(await req('POST', notes, { session: s, body: big }), 413, 'too_large');
	// Sign-in takes at most 4 KiB.
	assertError(await req('POST', '/api/session', { body: { username: 'a', password: 'p'.repeat(5000) } }), 413,
		'too_large');
	// A body declared too large is refused before it is sent, when the client waits for 100-continue.
	const answer = await raw(`POST ${notes} HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\nX-CSRF-Token: ${s.csrf}\r\n` +
		'Content-Type: application/json\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n');
	assert.match(answer, /^HTTP\/1\.1 413 /);
}));

test('a text longer than its field allows: 400 length', () => unchanged(async () => {
	const s = await as('social_worker');
	const r = await req('POST', notes, { session: s, body: { ...validNote(), body: 'x'.repeat(100001) } });
	assertError(r, 400, undefined, 'body');
}));

test('invalid UTF-8 in a body: 400 utf8', () => unchanged(async () => {
	const s = await as('social_worker');
	const head = Buffer.from('{"note_date":"2026-03-31","kind":"case_note","child_voice":false,"body":"');
	const tail = Buffer.from('"}');
	for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
		const body = Buffer.concat([head, Buffer.from(bad), tail]);
		assertError(await req('POST', notes, { session: s, body }), 400, 'utf8', 'body');
	}
}));

test('NUL bytes: 400, raw or escaped, in a body or a URL', () => unchanged(async () => {
	const s = await as('social_worker');
	const rawNul = Buffer.from('{"note_date":"2026-03-31","kind":"case_note","child_voice":false,"body":"a\u0000b"}');
	assertError(await req('POST', notes, { session: s, body: rawNul }), 400, undefined, 'body');
	assertError(await req('POST', notes, { session: s, body: '{"note_date":"2026-03-31","kind":"case_note","child_voice":false,"body":"a\\u0000b"}' }),
		400, 'nul', 'body');
	assertError(await req('GET', `/api/children/${C}%00`, { session: s }), 400, 'nul', 'path');
	assertError(await req('GET', `/api/children?q=a%00b`, { session: s }), 400, 'nul', 'query');
	// Control characters in text are refused by the record's own rule.
	assertError(await req('POST', notes, { session: s, body: { ...validNote(), body: 'bad\u0001' } }), 400, 'text',
		'body');
}));

test('invalid UTF-8 and control characters in the URL: 400', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('GET', '/api/children?q=%ff%fe', { session: s }), 400, 'utf8', 'query');
	assertError(await req('GET', '/api/children?q=%0d%0aSet-Cookie:x', { session: s }), 400, 'control', 'query');
	assertError(await req('GET', '/api/children?q=%zz', { session: s }), 400, 'escape', 'query');
}));

test('very long headers: 4xx', async () => {
	const s = await as('social_worker');
	const answer = await raw(`GET /api/children/${C} HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\n` +
		`X-Padding: ${'a'.repeat(100000)}\r\n\r\n`);
	const status = Number(answer.slice(9, 12));
	assert.ok(status >= 400 && status < 500, answer.slice(0, 200));
	const many = await raw(`GET /api/children/${C} HTTP/1.1\r\nHost: x\r\n` +
		Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`).join('') + '\r\n');
	const status2 = Number(many.slice(9, 12));
	assert.ok(status2 >= 400 && status2 < 500, many.slice(0, 200));
	const longUrl = await raw(`GET /api/children?q=${'a'.repeat(60000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
	const status3 = Number(longUrl.slice(9, 12));
	assert.ok(status3 >= 400 && status3 < 500, longUrl.slice(0, 200));
});

test('path traversal: 400, never a file', () => unchanged(async () => {
	const s = await as('social_worker');
	for (const p of ['/api/../etc/passwd', '/api/children/%2e%2e/%2e%2e/etc/passwd', '/api/./session',
		'/api/children/..%2f..%2fetc%2fpasswd', `/api/children/${C}/..`]) {
		const r = await raw(`GET ${p} HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\nConnection: close\r\n\r\n`);
		assert.match(r, /^HTTP\/1\.1 400 /, p);
		assert.match(r, /"rule":"path_traversal"/, p);
		assert.doesNotMatch(r, /root:/);
	}
	// Anything else that is no route is a plain 404: JSON under /api/, the 404 page elsewhere.
	assertError(await req('GET', '/api/etc/passwd', { session: s }), 404, 'not_found', 'path');
	const page = await req('GET', '/etc/passwd', { session: s });
	assert.equal(page.status, 404);
	assert.match(page.text, /Page not found/);
	assert.equal((await req('GET', '/api/children/1/../../etc', { session: s })).status, 404);
}));

test('SQL payloads: refused where they break a field\'s form, inert where they are search text', () => unchanged(async () => {
	const s = await as('social_worker');
	const sql = "' OR '1'='1'; DROP TABLE child; --";
	assertError(await req('GET', `/api/children/${encodeURIComponent(`1 OR 1=1`)}`, { session: s }), 404, 'not_found');
	assertError(await req('GET', `/api/children/${encodeURIComponent(`${C}; DROP TABLE child`)}`, { session: s }), 404);
	assertError(await req('POST', visits, { session: s, body: visitWith({ kind: `cin${sql}` }) }), 400, 'code', 'kind');
	assertError(await req('POST', visits, { session: s, body: visitWith({ visit_date: `2026-03-31${sql}` }) }), 400,
		'date');
	assertError(await req('GET', `/api/children?limit=${encodeURIComponent('1; DROP TABLE child')}`, { session: s }),
		400, 'range', 'limit');
	assertError(await req('GET', `/api/children?${encodeURIComponent("q' OR 1=1 --")}=x`, { session: s }), 400,
		'unknown_field');
	// As search text it is only text: it matches no one, and finds nobody out of scope.
	const r = await req('GET', `/api/children?q=${encodeURIComponent(sql)}`, { session: s });
	assert.equal(r.status, 200);
	assert.equal(r.json.total, 0);
	const wild = await req('GET', `/api/children?q=${encodeURIComponent('%')}`, { session: s });
	assert.equal(wild.json.total, 0);
}));

test('script payloads: refused in coded, dated and numeric fields; answers are JSON that no browser runs', () => unchanged(async () => {
	const s = await as('social_worker');
	const xss = '<script>alert(1)</script>';
	assertError(await req('POST', visits, { session: s, body: visitWith({ kind: xss }) }), 400, 'code', 'kind');
	assertError(await req('POST', visits, { session: s, body: visitWith({ visit_date: xss }) }), 400, 'date');
	assertError(await req('GET', `/api/children?limit=${encodeURIComponent(xss)}`, { session: s }), 400, 'range');
	assertError(await req('GET', `/api/children?${encodeURIComponent(xss)}=1`, { session: s }), 400, 'unknown_field');
	const r = await req('GET', `/api/children/${encodeURIComponent(xss)}`, { session: s });
	assertError(r, 404);
	assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	assert.match(r.headers.get('content-security-policy'), /default-src 'none'/);
}));

test('the wrong content type, a body where none is taken, unknown parameters: 4xx', () => unchanged(async () => {
	const s = await as('social_worker');
	assertError(await req('POST', visits, { session: s, body: JSON.stringify(validVisit()),
		headers: { 'Content-Type': 'text/plain' } }), 415, 'content_type');
	assertError(await req('POST', visits, { session: s, body: JSON.stringify(validVisit()),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
	const withBody = await raw(`GET /api/children/${C} HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\n` +
		'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
	assert.match(withBody, /^HTTP\/1\.1 400 /);
	assert.match(withBody, /"rule":"no_body"/);
	assertError(await req('GET', `/api/children?colour=blue`, { session: s }), 400, 'unknown_field', 'colour');
	assertError(await req('GET', `/api/children?q=a&q=b`, { session: s }), 400, 'repeated', 'q');
	assertError(await req('GET', `/api/children?limit=0`, { session: s }), 400, 'range', 'limit');
	assertError(await req('GET', `/api/children?limit=100000`, { session: s }), 400, 'range', 'limit');
	assertError(await req('GET', `/api/children?offset=-1`, { session: s }), 400, 'range', 'offset');
	assertError(await req('GET', `/api/children?q=${'a'.repeat(201)}`, { session: s }), 400, 'length', 'q');
}));

test('methods a path does not have: 405 with Allow', async () => {
	const s = await as('social_worker');
	const r = await req('PUT', `/api/children/${C}`, { session: s, body: {} });
	assertError(r, 405, 'method');
	assert.equal(r.headers.get('allow'), 'GET');
	const d = await req('DELETE', visits, { session: s });
	assertError(d, 405);
	assert.equal(d.headers.get('allow'), 'GET, POST');
});

test('every answer carries the security headers', async () => {
	const s = await as('social_worker');
	for (const r of [await req('GET', `/api/children/${C}`, { session: s }), await req('GET', '/nope'),
		await req('GET', '/api/openapi.json'), await req('POST', '/api/session', { body: '{' })]) {
		assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
		assert.equal(r.headers.get('cache-control'), 'no-store');
		assert.equal(r.headers.get('x-frame-options'), 'DENY');
	}
});
