// Sign-in, sessions, cookies, CSRF and expiry.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CHILD, DB, HEARTH, PASSWORD, assertError, fromAddress, req, signIn, sql } from './lib.mjs';

test('sign-in sets an HttpOnly, SameSite=Strict session cookie (no Secure on loopback) and hands out a CSRF token', async () => {
	const s = await signIn('test_social_worker');
	assert.match(s.cookie, /^hearth_session=[0-9a-f]{64}$/);
	assert.match(s.setCookie, /; HttpOnly/);
	assert.match(s.setCookie, /; SameSite=Strict/);
	assert.match(s.setCookie, /; Path=\//);
	assert.doesNotMatch(s.setCookie, /Secure/);
	assert.match(s.setCookie, /, hearth_device=[0-9a-f]{64}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
	assert.match(s.csrf, /^[0-9a-f]{64}$/);
	assert.equal(s.user.role, 'social_worker');
	const me = await req('GET', '/api/session', { session: s });
	assert.equal(me.status, 200);
	assert.equal(me.json.user.username, 'test_social_worker');
	assert.equal(me.json.csrf_token, s.csrf);
	assert.ok(me.json.permissions.includes('child_read'));
});

test('the session token is stored only as its hash', async () => {
	const s = await signIn('test_social_worker');
	const token = s.cookie.split('=')[1];
	assert.equal(sql(`SELECT count(*) FROM user_session WHERE token_hash = '${token}'`), '0');
	const hash = (await import('node:crypto')).createHash('sha256').update(token).digest('hex');
	assert.equal(sql(`SELECT count(*) FROM user_session WHERE token_hash = '${hash}'`), '1');
});

test('a wrong password and an unknown user get the same 401', async () => {
	const a = await req('POST', '/api/session', { body: { username: 'test_analyst', password: 'not-the-password' } });
	const b = await req('POST', '/api/session', { body: { username: 'nobody_at_all', password: 'not-the-password' } });
	assertError(a, 401, 'credentials');
	assert.equal(a.text, b.text);
	assert.equal(a.headers.get('set-cookie'), null);
});

test('sign-in refuses bad bodies with field and rule', async () => {
	assertError(await req('POST', '/api/session', { body: { username: 'x' } }), 400, 'required', 'password');
	assertError(await req('POST', '/api/session', { body: { username: 'x', password: 'y', remember: true } }), 400,
		'unknown_field', 'remember');
	assertError(await req('POST', '/api/session', { body: { username: 5, password: 'y' } }), 400, 'type', 'username');
	assertError(await req('POST', '/api/session', { body: '{"username":' }), 400, 'json', 'body');
	assertError(await req('POST', '/api/session', { body: 'username=x&password=y',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'content_type');
});

test('no cookie, a garbage cookie or an unknown token: 401', async () => {
	assertError(await req('GET', '/api/session'), 401, 'sign_in');
	assertError(await req('GET', '/api/session', { headers: { Cookie: 'hearth_session=nonsense' } }), 401, 'sign_in');
	assertError(await req('GET', '/api/session', { headers: { Cookie: `hearth_session=${'a'.repeat(64)}` } }), 401);
});

test('CSRF: a change without the token, or with a wrong one, is 403 and changes nothing', async () => {
	const s = await signIn('test_social_worker');
	const before = sql(`SELECT count(*) FROM note WHERE child_id = ${CHILD.in}`);
	const note = { note_date: '2026-03-05', kind: 'case_note', child_voice: false, body: 'csrf test' };
	assertError(await req('POST', `/api/children/${CHILD.in}/notes`, { session: s, body: note, csrf: false }), 403,
		'csrf');
	assertError(await req('POST', `/api/children/${CHILD.in}/notes`, { session: s, body: note, csrf: 'f'.repeat(64) }),
		403, 'csrf');
	assertError(await req('POST', `/api/children/${CHILD.in}/notes`, { session: s, body: note, csrf: 'short' }), 403,
		'csrf');
	// Another session's token is not this session's token.
	const other = await signIn('test_social_worker');
	assertError(await req('POST', `/api/children/${CHILD.in}/notes`, { session: s, body: note, csrf: other.csrf }),
		403, 'csrf');
	assertError(await req('DELETE', '/api/session', { session: s, csrf: false }), 403, 'csrf');
	assert.equal(sql(`SELECT count(*) FROM note WHERE child_id = ${CHILD.in}`), before);
	assert.equal((await req('GET', '/api/session', { session: s })).status, 200, 'the session survived');
});

test('sign-out ends the session and clears the cookie', async () => {
	const s = await signIn('test_social_worker');
	const out = await req('DELETE', '/api/session', { session: s });
	assert.equal(out.status, 204);
	assert.match(out.headers.get('set-cookie'), /^hearth_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/);
	assertError(await req('GET', `/api/children/${CHILD.in}`, { session: s }), 401);
	const row = sql(`SELECT count(*) FROM audit WHERE action = 'sign_out' AND actor = 'user:${s.user.id}'`);
	assert.ok(Number(row) >= 1);
});

test('idle expiry: a session unused for longer than the idle limit is over', async () => {
	const s = await signIn('test_expiry');
	assert.equal((await req('GET', '/api/session', { session: s })).status, 200);
	const hash = (await import('node:crypto')).createHash('sha256').update(s.cookie.split('=')[1]).digest('hex');
	sql(`UPDATE user_session SET seen_at = seen_at - 31 * 60 WHERE token_hash = '${hash}'`);
	assertError(await req('GET', '/api/session', { session: s }), 401);
	assert.equal(sql(`SELECT CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END FROM user_session WHERE token_hash = '${hash}'`),
		'1');
});

test('absolute expiry: a session older than the limit is over even if in use', async () => {
	const s = await signIn('test_expiry');
	const hash = (await import('node:crypto')).createHash('sha256').update(s.cookie.split('=')[1]).digest('hex');
	sql(`UPDATE user_session SET created_at = created_at - 13 * 3600 WHERE token_hash = '${hash}'`);
	assertError(await req('GET', '/api/session', { session: s }), 401);
});

test('disabling a user ends their sessions at once', async () => {
	const s = await signIn('test_disabled');
	assert.equal((await req('GET', `/api/children/${CHILD.in}`, { session: s })).status, 200);
	execFileSync(HEARTH, ['user', DB, 'disable', 'test_disabled'], { stdio: 'pipe' });
	assertError(await req('GET', `/api/children/${CHILD.in}`, { session: s }), 401);
	const again = await req('POST', '/api/session', { body: { username: 'test_disabled', password: PASSWORD } });
	assertError(again, 401, 'credentials');
});

test('failed sign-ins are in the audit trail, with the address they came from', async () => {
	const before = Number(sql("SELECT count(*) FROM audit WHERE action = 'denied' AND section = 'sign_in' AND address = '127.0.0.9'"));
	const headers = { 'Content-Type': 'application/json' };
	const r = await fromAddress('127.0.0.9', 'POST', '/api/session',
		{ body: JSON.stringify({ username: 'nobody', password: 'x' }), headers });
	assert.equal(r.status, 401, r.text);
	assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'denied' AND section = 'sign_in' AND address = '127.0.0.9'"),
		String(before + 1));
});
// The sign-in throttle, known browsers, the password rules, proxies and TLS: signin.test.mjs.
