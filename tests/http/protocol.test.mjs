// Requests libmicrohttpd would let through but Hearth refuses before looking for a route:
// HTTP/1.1 without exactly one Host, a NUL in the request target (which would cut the path
// short unseen), oversized request lines and headers. Each is refused with Hearth's own
// error body and security headers, and the connection closed. Raw sockets, since fetch
// cannot send any of these.
import test from 'node:test';
import assert from 'node:assert/strict';
import { raw } from './lib.mjs';

// A raw answer's status, headers (lower-cased names) and body.
function parse(answer) {
	const head = answer.indexOf('\r\n\r\n');
	assert.ok(head > 0, `an HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`);
	const lines = answer.slice(0, head).split('\r\n');
	const headers = {};
	for (const l of lines.slice(1)) {
		const i = l.indexOf(':');
		headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
	}
	const body = answer.slice(head + 4);
	let json = null;
	try {
		json = JSON.parse(body);
	} catch {
		json = null;
	}
	return { status: Number(lines[0].slice(9, 12)), headers, body, json };
}

// Hearth's own refusal: the status, the JSON error with its rule, the security headers,
// and the connection closed.
function assertRefused(answer, status, rule, field) {
	const a = parse(answer);
	assert.equal(a.status, status, answer.slice(0, 300));
	assert.ok(a.json && typeof a.json.error === 'string', `Hearth's error body: ${a.body.slice(0, 200)}`);
	assert.equal(a.json.rule, rule, a.body);
	assert.equal(a.json.field, field, a.body);
	assert.match(a.headers['content-security-policy'] || '', /default-src 'none'/);
	assert.equal(a.headers['x-content-type-options'], 'nosniff');
	assert.equal(a.headers['x-frame-options'], 'DENY');
	assert.equal(a.headers['cache-control'], 'no-store');
	assert.equal((a.headers.connection || '').toLowerCase(), 'close');
}

test('HTTP/1.1 without a Host header: 400 with Hearth\'s headers', async () => {
	assertRefused(await raw('GET /api/openapi.json HTTP/1.1\r\n\r\n'), 400, 'host', 'Host');
	assertRefused(await raw('GET /api/openapi.json HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'), 400, 'host', 'Host');
	// With one Host it is answered; HTTP/1.0 needs none.
	assert.equal(parse(await raw('GET /api/openapi.json HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')).status, 200);
	assert.equal(parse(await raw('GET /api/openapi.json HTTP/1.0\r\n\r\n')).status, 200);
});

test('a NUL in the request target: 400, never the path before it', async () => {
	for (const target of ['/api/openapi.json\0', '/api/openapi.json\0/../../etc/passwd', '/\0/api/openapi.json',
		'/api/openapi.json?x=1\0']) {
		const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
		assertRefused(answer, 400, 'control', 'path');
	}
});

test('control characters in the path: 400 with Hearth\'s headers', async () => {
	for (const c of ['\x01', '\x1b', '\x7f', '\t']) {
		const a = parse(await raw(`GET /api/open${c}api.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
		assert.equal(a.status, 400, JSON.stringify(c));
		assert.ok(a.json && typeof a.json.error === 'string', a.body);
		assert.equal(a.headers['x-content-type-options'], 'nosniff');
		assert.match(a.headers['content-security-policy'] || '', /default-src 'none'/);
	}
});

test('an oversized request target or headers: 414 or 431 from Hearth, within libmicrohttpd\'s memory', async () => {
	assertRefused(await raw(`GET /api/openapi.json?q=${'a'.repeat(17000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 414,
		'length', 'path');
	assertRefused(await raw(`GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`), 431,
		'too_large', 'headers');
	// Below Hearth's limit (16 KiB) headers are fine.
	const ok = parse(await raw(`GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(12000)}\r\n` +
		'Connection: close\r\n\r\n'));
	assert.equal(ok.status, 200);
});
