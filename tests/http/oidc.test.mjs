// Sign-in through the council's identity provider (OpenID Connect, authorisation code flow
// with PKCE S256; src/web/http/oidc.c), against a small provider written here: node's
// crypto makes its RS256 key, it publishes discovery and a JWKS, checks the PKCE verifier
// at its token endpoint and signs the ID token as each test asks. A good sign-in starts a
// session for the existing Hearth user whose username is the token's email; a token for
// another audience, with a bad signature, expired, or with another nonce is refused, and
// so are an unknown person (nobody is created) and a replayed callback. Each refusal is
// audited. Hearth runs on a server of its own, started with the --oidc-* options. The
// provider's key set is kept (fetched once across sign-ins, again once on a key rotation);
// a begun sign-in is kept in the record, so it survives a restart, and an expired one is refused.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { DB, HEARTH, PASSWORD, sql } from './lib.mjs';

const CLIENT = 'hearth-test-client';
const USERNAME = `jo.oidc.${process.pid}`;
const EMAIL = `Jo.Oidc.${process.pid}@Council.Example`; // an address names its user before the @
const b64u = (b) => Buffer.from(b).toString('base64url');

// ---- the provider ----

const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...key.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
let published = [jwk]; // the JWKS
let signing = { key, kid: 'k1' }; // what the next good ID token is signed with
let jwksFetches = 0;
let issuer;
let mode = 'good'; // how the next ID token is made
let emailNext = EMAIL;
const codes = new Map(); // code -> what /authorize was asked
const tokenAsks = []; // what /token was sent

function idToken(ask) {
	const now = Math.floor(Date.now() / 1000);
	const claims = { iss: issuer, sub: 'subject-1', aud: CLIENT, email: emailNext, nonce: ask.nonce, iat: now,
		exp: now + 300 };
	if (mode === 'audience') claims.aud = 'another-client';
	if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
	if (mode === 'nonce') claims.nonce = 'not-the-nonce-hearth-sent';
	if (mode === 'issuer') claims.iss = 'http://evil.example';
	const kid = mode === 'unknown-kid' ? 'never-published' : signing.kid;
	const header = { alg: mode === 'none' ? 'none' : 'RS256', kid, typ: 'JWT' };
	const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
	if (mode === 'none') return `${input}.`;
	const signer = mode === 'signature' || mode === 'unknown-kid' ? otherKey.privateKey : signing.key.privateKey;
	return `${input}.${b64u(cryptoSign('sha256', Buffer.from(input), signer))}`;
}

const provider = http.createServer((req, res) => {
	const url = new URL(req.url, issuer);
	const json = (status, o, headers = {}) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(JSON.stringify(o));
	};
	if (url.pathname === '/.well-known/openid-configuration') {
		return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
			jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
	}
	if (url.pathname === '/jwks') {
		jwksFetches++;
		return json(200, { keys: published }, { 'Cache-Control': 'public, max-age=3600' });
	}
	if (url.pathname === '/authorize') {
		// The person signs in here and consents; the browser goes back with a code.
		const p = Object.fromEntries(url.searchParams);
		const code = b64u(Buffer.from(`${Math.random()}`));
		codes.set(code, p);
		res.writeHead(302, { Location: `${p.redirect_uri}?code=${code}&state=${p.state}` });
		return res.end();
	}
	if (url.pathname === '/token' && req.method === 'POST') {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			const f = Object.fromEntries(new URLSearchParams(body));
			tokenAsks.push(f);
			const ask = codes.get(f.code);
			codes.delete(f.code); // a code is good once
			const challenge = f.code_verifier ? b64u(createHash('sha256').update(f.code_verifier).digest()) : null;
			if (!ask || f.grant_type !== 'authorization_code' || f.client_id !== CLIENT ||
				f.redirect_uri !== ask.redirect_uri || challenge !== ask.code_challenge) {
				return json(400, { error: 'invalid_grant' });
			}
			return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken(ask) });
		});
		return undefined;
	}
	return json(404, { error: 'not_found' });
});

// ---- Hearth, on a port chosen first (its redirect URI names it) ----

let hearth, base, port, hearthLog = '';

async function freePort() {
	const s = net.createServer();
	await new Promise((r) => s.listen(0, '127.0.0.1', r));
	const { port } = s.address();
	await new Promise((r) => s.close(r));
	return port;
}

before(async () => {
	await new Promise((r) => provider.listen(0, '127.0.0.1', r));
	issuer = `http://127.0.0.1:${provider.address().port}`;
	execFileSync(HEARTH, ['user', DB, 'add', USERNAME, '--role', 'social_worker', '--team', 'HTTP Team A'],
		{ input: `${PASSWORD}\n`, encoding: 'utf8' });
	port = await freePort();
	base = `http://127.0.0.1:${port}`;
	await startHearth();
});

async function startHearth() {
	hearth = spawn(HEARTH, ['serve', DB, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--oidc-issuer', issuer,
		'--oidc-client-id', CLIENT, '--oidc-redirect-uri', `${base}/oidc/callback`, '--oidc-email-domain',
		'council.example'], { stdio: ['ignore', 'pipe', 'pipe'] });
	hearth.stderr.on('data', (d) => (hearthLog += d));
	await new Promise((resolve, reject) => {
		let out = '';
		hearth.stdout.on('data', (d) => {
			out += d;
			if (/http:\/\//.test(out)) resolve();
		});
		hearth.on('exit', (code) => reject(new Error(`serve exited ${code}: ${hearthLog}`)));
	});
}

async function stopHearth() {
	const exited = new Promise((r) => hearth.on('exit', r));
	hearth.kill('SIGTERM');
	assert.equal(await exited, 0, hearthLog.slice(-500));
	hearth = null;
}

after(async () => {
	if (hearth) await stopHearth();
	provider.close();
});

const cookieOf = (res, name) => (res.headers.getSetCookie() || []).map((c) => c.split(';')[0])
	.find((c) => c.startsWith(`${name}=`));

// The browser's part: Hearth's start, the provider, Hearth's callback. Returns the callback's
// answer, the callback URL (to replay) and the hearth_oidc cookie.
async function signInVia(how, email = EMAIL) {
	const { callback, state } = await begin(how, email);
	const res = await fetch(callback, { redirect: 'manual', headers: { Cookie: state } });
	return { res, text: await res.text(), callback, state };
}

// All but the last step: Hearth's start and the provider; the callback URL and the cookie.
async function begin(how, email = EMAIL) {
	mode = how;
	emailNext = email;
	const start = await fetch(`${base}/oidc/start`, { redirect: 'manual' });
	assert.equal(start.status, 303, await start.text());
	const to = new URL(start.headers.get('location'));
	assert.equal(to.origin + to.pathname, `${issuer}/authorize`);
	const p = Object.fromEntries(to.searchParams);
	assert.equal(p.response_type, 'code');
	assert.equal(p.client_id, CLIENT);
	assert.equal(p.code_challenge_method, 'S256');
	assert.match(p.code_challenge, /^[A-Za-z0-9_-]{43}$/);
	assert.match(p.state, /^[0-9a-f]{64}$/);
	assert.match(p.nonce, /^[0-9a-f]{64}$/);
	assert.match(p.scope, /\bopenid\b/);
	const state = cookieOf(start, 'hearth_oidc');
	assert.equal(state, `hearth_oidc=${p.state}`);
	const back = await fetch(to, { redirect: 'manual' });
	assert.equal(back.status, 302);
	return { callback: back.headers.get('location'), state };
}

const denials = () => Number(sql("SELECT count(*) FROM audit WHERE action = 'denied' AND section LIKE 'oidc:%'"));

test('a good sign-in starts a session for the Hearth user the token names', async () => {
	const { res, text } = await signInVia('good');
	// A page of Hearth's own sends the browser home (a redirect would lose the SameSite=Strict
	// session cookie, the chain having begun at the provider's site).
	assert.equal(res.status, 200, text.slice(0, 400));
	assert.match(text, /<meta http-equiv="refresh" content="0;url=\/">/);
	const session = cookieOf(res, 'hearth_session');
	assert.ok(session, 'a session cookie');
	const me = await fetch(`${base}/api/session`, { headers: { Cookie: session } });
	assert.equal(me.status, 200);
	assert.equal((await me.json()).user.username, USERNAME);
	// The token endpoint was given the PKCE verifier (it checked it against the challenge).
	assert.match(tokenAsks.at(-1).code_verifier, /^[0-9a-f]{64}$/);
	const id = sql(`SELECT id FROM user_account WHERE username = '${USERNAME}'`);
	assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'sign_in' AND section = 'oidc' AND actor = 'user:${id}'`), '1');
});

test('the provider\'s key set is fetched once across sign-ins (kept for its Cache-Control max-age)', async () => {
	for (let i = 0; i < 2; i++) {
		const { res, text } = await signInVia('good');
		assert.equal(res.status, 200, text.slice(0, 400));
	}
	assert.equal(jwksFetches, 1, 'three sign-ins since the server started, one fetch of the JWKS');
});

for (const [how, words] of [['audience', /another audience/], ['signature', /signature is not the provider/],
	['expired', /expired/], ['nonce', /nonce is not this sign-in/], ['issuer', /another issuer/],
	['none', /not signed with RS256/]]) {
	test(`an ID token refused: ${how}`, async () => {
		const before = denials();
		const { res, text } = await signInVia(how);
		assert.equal(res.status, 403, text.slice(0, 400));
		assert.match(text, words);
		assert.equal(cookieOf(res, 'hearth_session'), undefined, 'no session');
		assert.equal(denials(), before + 1, 'the refusal is audited');
	});
}

test('nobody is created: a person the provider knows but Hearth does not is refused', async () => {
	const stranger = `stranger.${process.pid}`;
	const { res, text } = await signInVia('good', `${stranger}@council.example`);
	assert.equal(res.status, 403, text.slice(0, 400));
	assert.match(text, /not a Hearth user/);
	assert.equal(sql(`SELECT count(*) FROM user_account WHERE username = '${stranger}'`), '0');
	// The right name in another organisation's domain names nobody here.
	const other = await signInVia('good', `${USERNAME}@elsewhere.example`);
	assert.equal(other.res.status, 403, other.text.slice(0, 400));
	assert.match(other.text, /not an address in this council.{1,6}s domain/);
});

test('a callback is good once, and only in the browser that began it', async () => {
	const { res, callback, state } = await signInVia('good');
	assert.equal(res.status, 200);
	const again = await fetch(callback, { redirect: 'manual', headers: { Cookie: state } });
	assert.equal(again.status, 403);
	// Another browser (no hearth_oidc cookie, or another's) gets nowhere with a fresh code.
	mode = 'good';
	const start = await fetch(`${base}/oidc/start`, { redirect: 'manual' });
	const back = await fetch(start.headers.get('location'), { redirect: 'manual' });
	const stolen = await fetch(back.headers.get('location'), { redirect: 'manual' });
	assert.equal(stolen.status, 403);
	assert.equal(cookieOf(stolen, 'hearth_session'), undefined);
});

test('the sign-in page offers the provider only where one is set up; elsewhere /oidc/start is 404', async () => {
	assert.match(await (await fetch(`${base}/sign-in`)).text(), /href="\/oidc\/start"/);
	assert.doesNotMatch(await (await fetch(`${process.env.HEARTH_URL}/sign-in`)).text(), /\/oidc\/start/);
	const r = await fetch(`${process.env.HEARTH_URL}/oidc/start`, { redirect: 'manual' });
	assert.equal(r.status, 404);
});

test('a key rotation: a token signed with a new key is accepted after one fetch of the key set', async () => {
	const newKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
	published = [{ ...newKey.publicKey.export({ format: 'jwk' }), kid: 'k2', alg: 'RS256', use: 'sig' }];
	signing = { key: newKey, kid: 'k2' };
	const n = jwksFetches;
	const first = await signInVia('good');
	assert.equal(first.res.status, 200, first.text.slice(0, 400));
	assert.equal(jwksFetches, n + 1, 'the kept set lacked k2: fetched again, once');
	const second = await signInVia('good');
	assert.equal(second.res.status, 200, second.text.slice(0, 400));
	assert.equal(jwksFetches, n + 1, 'the new set is kept');
	// A kid the provider never published: one more fetch, then refused (not a fetch per try).
	const before = denials();
	const stranger = await signInVia('unknown-kid');
	assert.equal(stranger.res.status, 403, stranger.text.slice(0, 400));
	assert.match(stranger.text, /key is not in the provider.{1,6}s key set/);
	assert.equal(jwksFetches, n + 2);
	assert.equal(denials(), before + 1);
});

const stateHash = (cookie) => createHash('sha256').update(cookie.split('=')[1]).digest('hex');

test('a sign-in begun before a restart is finished after it: pending sign-ins are in the record', async () => {
	const { callback, state } = await begin('good');
	// Kept as the state's SHA-256, never the state itself.
	assert.equal(sql(`SELECT count(*) FROM oidc_pending WHERE state_hash = '${stateHash(state)}'`), '1');
	assert.equal(sql(`SELECT count(*) FROM oidc_pending WHERE state_hash = '${state.split('=')[1]}'`), '0');
	await stopHearth();
	await startHearth();
	const res = await fetch(callback, { redirect: 'manual', headers: { Cookie: state } });
	assert.equal(res.status, 200, (await res.text()).slice(0, 400));
	const session = cookieOf(res, 'hearth_session');
	const me = await fetch(`${base}/api/session`, { headers: { Cookie: session } });
	assert.equal((await me.json()).user.username, USERNAME);
	assert.equal(sql(`SELECT count(*) FROM oidc_pending WHERE state_hash = '${stateHash(state)}'`), '0', 'taken');
});

test('an expired pending sign-in is refused, and forgotten', async () => {
	const { callback, state } = await begin('good');
	// Its expiry moved into the past (the clock the test can set is the record's).
	sql(`UPDATE oidc_pending SET expires_at = 1 WHERE state_hash = '${stateHash(state)}'`);
	const before = denials();
	const res = await fetch(callback, { redirect: 'manual', headers: { Cookie: state } });
	const text = await res.text();
	assert.equal(res.status, 403, text.slice(0, 400));
	assert.match(text, /too old/);
	assert.equal(cookieOf(res, 'hearth_session'), undefined, 'no session');
	assert.equal(denials(), before + 1);
	assert.equal(sql(`SELECT count(*) FROM oidc_pending WHERE state_hash = '${stateHash(state)}'`), '0');
});
