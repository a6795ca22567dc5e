// Signing in through the council's identity provider, in a real browser: from Hearth's
// sign-in page, "Sign in with your organisation's account", to the provider's own page (a
// small provider written here: a consent button, a PKCE-checking token endpoint, an RS256
// ID token from node's crypto) and back, signed in as the Hearth user the token names.
// tests/http/oidc.test.mjs tests the refusals; this is the person's way through. Hearth runs
// on a server of its own (started with the --oidc-* options) on the browser suite's record.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { PASSWORD, useBrowser } from './lib.mjs';

const { HEARTH, HEARTH_DB: DB } = process.env;
const CLIENT = 'hearth-browser-client';
const USERNAME = `oidc_browser_${process.pid}`;
const b64u = (b) => Buffer.from(b).toString('base64url');
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...key.publicKey.export({ format: 'jwk' }), kid: 'b1', alg: 'RS256', use: 'sig' };
const codes = new Map();
let issuer;

const provider = http.createServer((req, res) => {
	const url = new URL(req.url, issuer);
	const json = (status, o) => {
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(o));
	};
	if (url.pathname === '/.well-known/openid-configuration') {
		return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
			jwks_uri: `${issuer}/jwks` });
	}
	if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
	if (url.pathname === '/authorize' && req.method === 'GET') {
		// The provider's page: the person consents with a button (the form carries the ask).
		const fields = [...url.searchParams].map(([k, v]) =>
			`<input type="hidden" name="${k}" value="${v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">`).join('');
		res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		return res.end(`<!DOCTYPE html><html lang="en"><title>Council sign-in</title><h1>Council sign-in</h1>
			<form method="post" action="/authorize">${fields}<button id="consent">Continue as ${USERNAME}</button></form>`);
	}
	let body = '';
	req.on('data', (d) => (body += d));
	req.on('end', () => {
		const f = Object.fromEntries(new URLSearchParams(body));
		if (url.pathname === '/authorize') {
			const code = b64u(Buffer.from(`${Math.random()}`));
			codes.set(code, f);
			res.writeHead(302, { Location: `${f.redirect_uri}?code=${code}&state=${f.state}` });
			return res.end();
		}
		if (url.pathname === '/token') {
			const ask = codes.get(f.code);
			codes.delete(f.code);
			const challenge = f.code_verifier ? b64u(createHash('sha256').update(f.code_verifier).digest()) : null;
			if (!ask || challenge !== ask.code_challenge || f.client_id !== CLIENT) return json(400, { error: 'invalid_grant' });
			const now = Math.floor(Date.now() / 1000);
			const claims = { iss: issuer, sub: 'b-1', aud: CLIENT, email: `${USERNAME}@council.example`, nonce: ask.nonce,
				iat: now, exp: now + 300 };
			const input = `${b64u(JSON.stringify({ alg: 'RS256', kid: 'b1', typ: 'JWT' }))}.${b64u(JSON.stringify(claims))}`;
			const idToken = `${input}.${b64u(cryptoSign('sha256', Buffer.from(input), key.privateKey))}`;
			return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
		}
		return json(404, { error: 'not_found' });
	});
	return undefined;
});

let hearth, base, log = '';

before(async () => {
	await new Promise((r) => provider.listen(0, '127.0.0.1', r));
	issuer = `http://127.0.0.1:${provider.address().port}`;
	execFileSync(HEARTH, ['user', DB, 'add', USERNAME, '--role', 'social_worker', '--team', 'North Team'],
		{ input: `${PASSWORD}\n`, encoding: 'utf8' });
	const s = net.createServer();
	await new Promise((r) => s.listen(0, '127.0.0.1', r));
	const { port } = s.address();
	await new Promise((r) => s.close(r));
	base = `http://127.0.0.1:${port}`;
	hearth = spawn(HEARTH, ['serve', DB, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--oidc-issuer', issuer,
		'--oidc-client-id', CLIENT, '--oidc-redirect-uri', `${base}/oidc/callback`, '--oidc-email-domain',
		'council.example'], { stdio: ['ignore', 'pipe', 'pipe'] });
	hearth.stderr.on('data', (d) => (log += d));
	await new Promise((resolve, reject) => {
		let out = '';
		hearth.stdout.on('data', (d) => {
			out += d;
			if (/http:\/\//.test(out)) resolve();
		});
		hearth.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
	});
});

after(async () => {
	if (hearth) {
		const exited = new Promise((r) => hearth.on('exit', r));
		hearth.kill('SIGTERM');
		assert.equal(await exited, 0, log.slice(-500));
	}
	provider.close();
});

const { open } = useBrowser();

test('a person signs in with their organisation\'s account: Hearth, the provider\'s page, back signed in', async (t) => {
	const { page, problems } = await open(t);
	await page.goto(`${base}/sign-in`);
	await page.click('a[data-hearth=oidc]');
	await page.waitForURL((u) => u.origin === issuer);
	assert.equal(await page.textContent('h1'), 'Council sign-in');
	await page.click('#consent');
	// Back at Hearth: its own page sends the browser home, signed in (a person with no
	// caseload of their own goes on from there to the search).
	await page.waitForURL((u) => u.origin === base && !u.pathname.startsWith('/oidc/'));
	assert.doesNotMatch(page.url(), /sign-in/);
	const me = await page.evaluate(async () => (await fetch('/api/session')).json());
	assert.equal(me.user.username, USERNAME);
	assert.deepEqual(problems, []);
	// The session cookie is Hearth's own, kept from scripts.
	const cookies = await page.context().cookies(base);
	const session = cookies.find((c) => c.name === 'hearth_session');
	assert.ok(session && session.httpOnly, JSON.stringify(cookies.map((c) => c.name)));
});
