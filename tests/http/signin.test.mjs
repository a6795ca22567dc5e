// Sign-in as a council needs it (issue 17): a growing wait per account and address kept in
// the record (a restart forgets nothing) that an attacker cannot turn against the real user,
// known browsers, an admin's unlock, the password rules, sessions ended at once, trusted
// proxies, Secure cookies and TLS with HSTS.
// The clock the tests set is the stored state: a wait is ended by moving its until_at into
// the past, as session.test.mjs does with a session's seen_at. Each test signs in from its
// own 127.0.0.x address so the throttle's counts do not reach other tests.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { DB, HEARTH, HOST, PASSWORD, PORT, sql } from './lib.mjs';

// A request from a chosen local address to a chosen server (default: the suite's).
function call(method, urlPath, { from = '127.0.0.1', body, headers = {}, server, tls = false } = {}) {
	const base = server ? new URL(server) : { hostname: HOST, port: PORT };
	const mod = tls ? https : http;
	const data = body === undefined ? undefined : JSON.stringify(body);
	const h = { ...headers };
	if (data !== undefined) h['Content-Type'] = 'application/json';
	return new Promise((resolve, reject) => {
		const r = mod.request({ host: base.hostname, port: Number(base.port), method, path: urlPath,
			localAddress: from, headers: h, agent: false, rejectUnauthorized: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (text += d));
			res.on('end', () => {
				let json = null;
				try {
					json = text ? JSON.parse(text) : null;
				} catch {
					json = null;
				}
				resolve({ status: res.statusCode, headers: res.headers, text, json });
			});
		});
		r.on('error', reject);
		if (data !== undefined) r.write(data);
		r.end();
	});
}

const signInFrom = (from, username, password, opts = {}) =>
	call('POST', '/api/session', { from, body: { username, password }, ...opts });

// The cookie named name from an answer's Set-Cookie headers ("name=value"), or undefined.
function cookieOf(res, name) {
	const all = res.headers['set-cookie'] || [];
	const c = all.find((s) => s.startsWith(`${name}=`));
	return c && { pair: c.split(';')[0], full: c };
}

// Another `hearth serve` on the same record, as after a restart; stop() ends it.
async function startServer(extra = []) {
	const child = spawn(HEARTH, ['serve', DB, '--listen', '127.0.0.1:0', '--threads', '2', ...extra],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	const url = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/https?:\/\/[^ \n]+/);
			if (m) resolve(m[0].replace(/\/$/, ''));
		});
		child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
	});
	return {
		url,
		stop: async () => {
			child.kill('SIGTERM');
			assert.equal(await exited, 0, stderr);
		},
	};
}

function hearth(args, input) {
	const r = spawnSync(HEARTH, args, { input: input === undefined ? '' : input, encoding: 'utf8', timeout: 30000 });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

const user = 'test_throttled';
const A = '127.0.0.21';
const B = '127.0.0.22';

test('wrong passwords from one address hold back that account from that address only, and are audited', async () => {
	for (let i = 0; i < 5; i++) {
		const r = await signInFrom(A, user, `wrong-${i}`);
		assert.equal(r.status, 401, r.text);
		assert.equal(r.json.rule, 'credentials');
	}
	// The sixth try, with the right password, is not checked: it waits.
	const held = await signInFrom(A, user, PASSWORD);
	assert.equal(held.status, 429, held.text);
	assert.equal(held.json.rule, 'throttled');
	assert.ok(Number(held.headers['retry-after']) > 0, JSON.stringify(held.headers));
	// The sign-in page says how long to wait.
	const form = `username=${user}&password=${encodeURIComponent(PASSWORD)}`;
	const page = await new Promise((resolve, reject) => {
		const rq = http.request({ host: HOST, port: Number(PORT), method: 'POST', path: '/sign-in', localAddress: A,
			agent: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': form.length } },
		(res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode, text }));
		});
		rq.on('error', reject);
		rq.end(form);
	});
	assert.equal(page.status, 429);
	assert.match(page.text, /Too many failed sign-ins from here\. Wait \d+ seconds, then try again/);
	// The real user elsewhere gets in.
	const elsewhere = await signInFrom(B, user, PASSWORD);
	assert.equal(elsewhere.status, 200, elsewhere.text);
	// Every failure, the wait begun and the try held back are in the audit trail.
	assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'denied' AND section = 'sign_in' AND address = '${A}'`),
		'5');
	assert.equal(sql(`SELECT section FROM audit WHERE action = 'throttle' AND address = '${A}'`),
		'sign_in waits 15s: account from this address');
	assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'denied' AND address = '${A}' AND ` +
		"section = 'sign_in held back: account from this address'"), '2');
});

test('the wait is kept in the record: a restarted server still holds the account back from that address', async () => {
	const again = await startServer();
	try {
		const held = await signInFrom(A, user, PASSWORD, { server: again.url });
		assert.equal(held.status, 429, held.text);
		const elsewhere = await signInFrom(B, user, PASSWORD, { server: again.url });
		assert.equal(elsewhere.status, 200, elsewhere.text);
	} finally {
		await again.stop();
	}
});

test('each further failure doubles the wait (the clock moved on past the first)', async () => {
	const key = `p:${user}|${A}`;
	sql(`UPDATE signin_throttle SET until_at = 0 WHERE key = '${key}'`);
	const r = await signInFrom(A, user, 'wrong-again');
	assert.equal(r.status, 401, r.text);
	assert.equal(sql(`SELECT failures || ' ' || (until_at - last_at) FROM signin_throttle WHERE key = '${key}'`),
		'6 30');
	assert.equal((await signInFrom(A, user, PASSWORD)).status, 429);
	// When the wait is over, the right password gets in and the count is forgotten.
	sql(`UPDATE signin_throttle SET until_at = 0 WHERE key = '${key}'`);
	assert.equal((await signInFrom(A, user, PASSWORD)).status, 200);
	assert.equal(sql(`SELECT count(*) FROM signin_throttle WHERE key = '${key}'`), '0');
});

test('hearth user unlock clears an account held back, audited', async () => {
	for (let i = 0; i < 5; i++) assert.equal((await signInFrom(A, user, `wrong-${i}`)).status, 401);
	assert.equal((await signInFrom(A, user, PASSWORD)).status, 429);
	const r = hearth(['user', DB, 'unlock', user]);
	assert.equal(r.status, 0, r.err);
	assert.match(r.out, /test_throttled may sign in again from anywhere \(1 held back\)/);
	assert.equal((await signInFrom(A, user, PASSWORD)).status, 200);
	assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'user_admin' AND section = " +
		"'sign-in unlocked for user test_throttled (1 held back)'"), '1');
	const bad = hearth(['user', DB, 'unlock', user, '--address', 'not-an-address']);
	assert.equal(bad.status, 1);
	assert.match(bad.err, /--address: .*rule: address/);
	const none = hearth(['user', DB, 'unlock', 'nobody_at_all']);
	assert.equal(none.status, 1);
	assert.match(none.err, /no user 'nobody_at_all'/);
});

test('an address with many failures for any account waits; other addresses and known browsers do not', async () => {
	const C = '127.0.0.24';
	// A known browser: it signed in from C before the failures began.
	const first = await signInFrom(C, 'test_device', PASSWORD);
	assert.equal(first.status, 200, first.text);
	const device = cookieOf(first, 'hearth_device');
	assert.match(device.full, /^hearth_device=[0-9a-f]{64}; Path=\/; Max-Age=7776000; HttpOnly; SameSite=Strict$/);
	assert.equal((await signInFrom(C, 'nobody_1', 'guess')).status, 401);
	// The address's count is at 99 (the clock of the test): one more starts its wait.
	sql(`UPDATE signin_throttle SET failures = 99 WHERE key = 'a:${C}'`);
	assert.equal((await signInFrom(C, 'nobody_2', 'guess')).status, 401);
	assert.equal(sql(`SELECT section FROM audit WHERE action = 'throttle' AND address = '${C}'`),
		'sign_in waits 15s: this address');
	const held = await signInFrom(C, 'test_inspector', PASSWORD);
	assert.equal(held.status, 429, held.text);
	assert.equal((await signInFrom('127.0.0.25', 'test_inspector', PASSWORD)).status, 200);
	// The known browser gets in from the held-back address, and its own failures count apart.
	const known = await signInFrom(C, 'test_device', PASSWORD, { headers: { Cookie: device.pair } });
	assert.equal(known.status, 200, known.text);
	assert.equal(cookieOf(known, 'hearth_device'), undefined, 'a known browser keeps its cookie');
	// An attacker at the same address holds back test_device there, but not its known browser.
	sql(`UPDATE signin_throttle SET until_at = 0 WHERE key = 'a:${C}'`);
	const pairKey = `p:test_device|${C}`;
	sql(`INSERT INTO signin_throttle (key, username, address, failures, last_at, until_at) VALUES ('${pairKey}', ` +
		`'test_device', '${C}', 9, 0, 99999999999)`);
	assert.equal((await signInFrom(C, 'test_device', PASSWORD)).status, 429);
	assert.equal((await signInFrom(C, 'test_device', PASSWORD, { headers: { Cookie: device.pair } })).status, 200);
	// Someone else's browser cookie is no known browser for this account.
	assert.equal((await signInFrom(C, 'test_device', PASSWORD, { headers: { Cookie: 'hearth_device=' + 'a'.repeat(64) } }))
		.status, 429);
	const r = hearth(['user', DB, 'unlock', 'test_device', '--address', C]);
	assert.equal(r.status, 0, r.err);
	assert.match(r.out, new RegExp(`so may everyone from ${C.replace(/\./g, '\\.')} \\(2 held back\\)`));
	assert.equal((await signInFrom(C, 'test_inspector', PASSWORD)).status, 200);
});

test('hearth user add and passwd: NCSC rules, and a long password is kept whole, never cut', async () => {
	const count = () => sql("SELECT count(*) FROM user_account WHERE username = 'test_pw_rules'");
	const add = (pw) => hearth(['user', DB, 'add', 'test_pw_rules', '--role', 'analyst'], `${pw}\n`);
	const refusals = [
		['short-pass', /at least 12 characters \(rule: password_length\)/],
		['Password2024!!', /\(rule: common\)/],
		['P@ssw0rd123456', /\(rule: common\)/],
		['Hearth2026!!!', /\(rule: common\)/],
		['test_pw_rules1', /\(rule: common\)/],
		['qwertyuiop123', /\(rule: common\)/],
		['abcabcabcabcabc', /\(rule: common\)/],
		['x'.repeat(1025), /at most 1024 bytes \(this one has 1025\)/],
		['a fine passphrase\u0007here', /\(rule: text\)/],
	];
	for (const [pw, why] of refusals) {
		const r = add(pw);
		assert.equal(r.status, 1, `${pw.slice(0, 20)}: ${r.out}`);
		assert.match(r.err, why);
		assert.equal(count(), '0', `nothing stored for ${pw.slice(0, 20)}`);
	}
	// 600 characters: the whole of it is the password (before, only the first 511 were kept).
	const words = ['river', 'lamp', 'orbit', 'cactus', 'violet', 'anchor', 'puzzle', 'meadow'];
	let long = '';
	for (let i = 0; long.length < 600; i++) long += words[(i * 5) % words.length] + (i % 10);
	long = long.slice(0, 600);
	const r = add(long);
	assert.equal(r.status, 0, r.err);
	assert.equal((await signInFrom('127.0.0.26', 'test_pw_rules', long)).status, 200);
	assert.equal((await signInFrom('127.0.0.26', 'test_pw_rules', long.slice(0, 511))).status, 401);
	// The maximum itself is accepted.
	const max = long + long.slice(0, 424);
	assert.equal(Buffer.byteLength(max), 1024);
	const p = hearth(['user', DB, 'passwd', 'test_pw_rules'], `${max}\n`);
	assert.equal(p.status, 0, p.err);
	assert.equal((await signInFrom('127.0.0.26', 'test_pw_rules', max)).status, 200);
});

test('changing a password ends every session of that person at once; the old password no longer works', async () => {
	const s1 = await signInFrom('127.0.0.27', 'test_passwd', PASSWORD);
	const s2 = await signInFrom('127.0.0.28', 'test_passwd', PASSWORD);
	const other = await signInFrom('127.0.0.27', 'test_analyst', PASSWORD);
	const cookies = [s1, s2, other].map((s) => cookieOf(s, 'hearth_session').pair);
	for (const c of cookies) assert.equal((await call('GET', '/api/session', { headers: { Cookie: c } })).status, 200);
	const r = hearth(['user', DB, 'passwd', 'test_passwd'], 'a new and longer passphrase\n');
	assert.equal(r.status, 0, r.err);
	assert.match(r.out, /their sessions have ended/);
	assert.equal((await call('GET', '/api/session', { headers: { Cookie: cookies[0] } })).status, 401);
	assert.equal((await call('GET', '/api/session', { headers: { Cookie: cookies[1] } })).status, 401);
	assert.equal((await call('GET', '/api/session', { headers: { Cookie: cookies[2] } })).status, 200,
		'another person keeps their session');
	assert.equal((await signInFrom('127.0.0.29', 'test_passwd', PASSWORD)).status, 401);
	assert.equal((await signInFrom('127.0.0.29', 'test_passwd', 'a new and longer passphrase')).status, 200);
	assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'user_admin' AND section = 'user ' || " +
		"(SELECT id FROM user_account WHERE username = 'test_passwd') || ' password changed; their sessions ended'"), '1');
});

test('behind a proxy: X-Forwarded-For and -Proto believed only from a trusted proxy; session lifetimes are settings', async () => {
	const set = (k, v) => {
		const r = hearth(['settings', DB, 'set', k, v]);
		assert.equal(r.status, 0, r.err);
	};
	const bad = hearth(['settings', DB, 'set', 'trusted_proxies', '10.0.0.1,not-an-address']);
	assert.equal(bad.status, 1);
	assert.match(bad.err, /trusted_proxies: .*rule: addresses/);
	set('trusted_proxies', '127.0.0.31,::1');
	set('session_idle_minutes', '2');
	let srv;
	try {
		srv = await startServer();
	} finally {
		set('trusted_proxies', 'none');
		set('session_idle_minutes', '30');
	}
	try {
		const forwarded = { 'X-Forwarded-For': '198.51.100.7, 203.0.113.10', 'X-Forwarded-Proto': 'https' };
		// From an address that is not a trusted proxy both headers are ignored.
		const u1 = await signInFrom('127.0.0.32', 'test_proxy', 'wrong', { server: srv.url, headers: forwarded });
		assert.equal(u1.status, 401);
		assert.equal(u1.headers['strict-transport-security'], undefined);
		const u2 = await signInFrom('127.0.0.32', 'test_proxy', PASSWORD, { server: srv.url, headers: forwarded });
		assert.equal(u2.status, 200, u2.text);
		assert.doesNotMatch(cookieOf(u2, 'hearth_session').full, /Secure/);
		// From the trusted proxy: the client is the rightmost address no proxy of ours wrote.
		const t1 = await signInFrom('127.0.0.31', 'test_proxy', 'wrong', { server: srv.url, headers: forwarded });
		assert.equal(t1.status, 401);
		assert.equal(t1.headers['strict-transport-security'], 'max-age=31536000');
		const t2 = await signInFrom('127.0.0.31', 'test_proxy', PASSWORD, { server: srv.url, headers: forwarded });
		assert.equal(t2.status, 200, t2.text);
		assert.match(cookieOf(t2, 'hearth_session').full, /; Secure$/);
		assert.match(cookieOf(t2, 'hearth_device').full, /; Secure$/);
		assert.equal(t2.headers['strict-transport-security'], 'max-age=31536000');
		const rows = sql("SELECT address FROM audit WHERE action = 'denied' AND section = 'sign_in' AND actor = " +
			"(SELECT 'user:' || id FROM user_account WHERE username = 'test_proxy') ORDER BY id");
		assert.equal(rows, '127.0.0.32\n203.0.113.10');
		assert.equal(sql("SELECT count(*) FROM signin_throttle WHERE key = 'p:test_proxy|203.0.113.10'"), '0',
			'cleared by the success');
		assert.equal(sql("SELECT count(*) FROM signin_throttle WHERE key = 'a:203.0.113.10'"), '1');
		// A proxy-forwarded header that is not an address leaves the proxy's own address.
		const junk = await signInFrom('127.0.0.31', 'test_proxy', 'wrong',
			{ server: srv.url, headers: { 'X-Forwarded-For': 'a.b.c.d' } });
		assert.equal(junk.status, 401);
		assert.equal(sql("SELECT address FROM audit WHERE action = 'denied' AND section = 'sign_in' ORDER BY id DESC " +
			'LIMIT 1'), '127.0.0.31');
		// The idle limit is the setting (2 minutes) this server started with.
		const cookie = cookieOf(t2, 'hearth_session').pair;
		const me = await call('GET', '/api/session', { server: srv.url, headers: { Cookie: cookie } });
		assert.equal(me.json.idle_timeout_s, 120);
		const hash = (await import('node:crypto')).createHash('sha256').update(cookie.split('=')[1]).digest('hex');
		sql(`UPDATE user_session SET seen_at = seen_at - 150 WHERE token_hash = '${hash}'`);
		assert.equal((await call('GET', '/api/session', { server: srv.url, headers: { Cookie: cookie } })).status, 401);
	} finally {
		await srv.stop();
	}
});

test('hearth serve --secure-cookies marks cookies Secure on plain HTTP (a TLS proxy in front); no HSTS without TLS', async () => {
	const srv = await startServer(['--secure-cookies']);
	try {
		const r = await signInFrom('127.0.0.33', 'test_proxy', PASSWORD, { server: srv.url });
		assert.equal(r.status, 200, r.text);
		assert.match(cookieOf(r, 'hearth_session').full, /; Secure$/);
		assert.equal(r.headers['strict-transport-security'], undefined);
	} finally {
		await srv.stop();
	}
});

test('hearth serve --tls-cert --tls-key serves HTTPS with HSTS on every answer and Secure cookies', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'hearth-tls-'));
	try {
		const cert = path.join(dir, 'cert.pem');
		const key = path.join(dir, 'key.pem');
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
			'-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'pipe' });
		const half = hearth(['serve', DB, '--listen', '127.0.0.1:0', '--tls-cert', cert]);
		assert.equal(half.status, 1);
		assert.match(half.err, /--tls-key: TLS needs both --tls-cert and --tls-key/);
		const notPem = hearth(['serve', DB, '--listen', '127.0.0.1:0', '--tls-cert', DB.startsWith('postgres') ? '/etc/hostname' : DB,
			'--tls-key', key]);
		assert.equal(notPem.status, 1);
		assert.match(notPem.err, /--tls-cert: .* is not a PEM file/);
		const srv = await startServer(['--tls-cert', cert, '--tls-key', key]);
		try {
			assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
			const r = await signInFrom('127.0.0.34', 'test_proxy', PASSWORD, { server: srv.url, tls: true });
			assert.equal(r.status, 200, r.text);
			assert.match(cookieOf(r, 'hearth_session').full, /; Secure$/);
			for (const p of ['/api/openapi.json', '/sign-in', '/no-such-page', '/api/children']) {
				const a = await call('GET', p, { server: srv.url, tls: true });
				assert.equal(a.headers['strict-transport-security'], 'max-age=31536000', `${p}: ${a.status}`);
				assert.equal(a.headers['x-content-type-options'], 'nosniff', p);
			}
			// Plain HTTP to the TLS port is not served.
			const plain = await call('GET', '/api/openapi.json', { server: srv.url.replace('https', 'http') })
				.then((x) => x.status, () => 'refused');
			assert.notEqual(plain, 200);
		} finally {
			await srv.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
