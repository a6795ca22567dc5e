// What one client may take of the server: connections per address, the time a request's
// headers may take, requests per signed-in person. Each test starts its own server on the
// suite's record with low limits (so the suite's own server is untouched) and stops it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { BACKEND, CHILD, DB, HEARTH, as, fingerprint, holdTableLock, validNote } from './lib.mjs';

// `hearth serve DB --listen 127.0.0.1:0 ARGS...`: resolves once it listens.
async function startServer(args) {
	const child = spawn(HEARTH, ['serve', DB, '--listen', '127.0.0.1:0', '--threads', '2', ...args],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	const url = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/http:\/\/[^ \n]+/);
			if (m) resolve(m[0]);
		});
		child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
	});
	const { hostname, port } = new URL(url);
	return {
		host: hostname,
		port: Number(port),
		log: () => stderr,
		async stop() {
			child.kill('SIGTERM');
			const code = await exited;
			assert.equal(code, 0, `the server stops cleanly: ${stderr.slice(-500)}`);
		},
	};
}

// A slowloris client: the start of a request, then one more header byte every 500 ms, at
// most `bytes` of them, never the end of the headers. Its `closed` resolves with what the
// server sent once the socket closes; `sent` counts the bytes trickled so far.
function slowloris(srv, localAddress, bytes) {
	const s = { sent: 0, isClosed: false, got: '' };
	const sock = net.connect({ host: srv.host, port: srv.port, localAddress });
	let timer;
	sock.on('connect', () => {
		sock.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nX-Slow: ');
		timer = setInterval(() => {
			if (s.sent >= bytes || s.isClosed) {
				clearInterval(timer);
				return;
			}
			s.sent++;
			sock.write('a');
		}, 500);
	});
	sock.on('data', (d) => (s.got += d.toString('latin1')));
	sock.on('error', () => {}); // a reset is a close too
	s.closed = new Promise((resolve) => sock.on('close', () => {
		s.isClosed = true;
		clearInterval(timer);
		resolve(s.got);
	}));
	s.destroy = () => {
		clearInterval(timer);
		sock.destroy();
	};
	return s;
}

// A GET from a chosen local address (127.0.0.0/8 all reaches the loopback server).
function get(srv, localAddress, path) {
	return new Promise((resolve, reject) => {
		const r = http.request({ host: srv.host, port: srv.port, path, localAddress, agent: false }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		r.on('error', reject);
		r.end();
	});
}

const GET = 'GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n';

const until = async (cond, what, tries = 200) => {
	for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 100));
	assert.ok(cond(), `waited for ${what}`);
};

test('one address cannot take more than its share of connections; others are still served',
	{ timeout: 120000 }, async () => {
		// No header limit here: only the per-address cap may close a slow client.
		const srv = await startServer(['--per-address', '20', '--header-timeout', '0']);
		const slow = [];
		try {
			for (let i = 0; i < 30; i++) slow.push(slowloris(srv, '127.0.0.1', 60));
			await until(() => slow.filter((s) => s.isClosed).length >= 10, '10 of 30 slow connections closed');
			// Another client gets its answer while the slow ones hold their 20.
			assert.equal(await get(srv, '127.0.0.2', '/api/openapi.json'), 200);
			// A fresh connection from the crowded address is closed without an answer.
			const refused = slowloris(srv, '127.0.0.1', 60);
			assert.equal(await refused.closed, '', 'closed at once, nothing sent');
			// The 20 within the cap are still open, still sending, and were never answered.
			const open = slow.filter((s) => !s.isClosed);
			assert.equal(open.length, 20, 'exactly the cap stays open');
			assert.ok(open.every((s) => s.got === '' && s.sent < 60));
			for (const s of slow.filter((x) => x.isClosed)) assert.equal(s.got, '', 'a refused connection gets no answer');
		} finally {
			for (const s of slow) s.destroy();
			await srv.stop();
		}
	});

test('headers that never finish are cut off after the header limit, though bytes keep coming',
	{ timeout: 120000 }, async () => {
		// The idle timeout (30 s) never fires here: a byte arrives every 500 ms.
		const srv = await startServer(['--per-address', '20', '--header-timeout', '2', '--timeout', '30']);
		try {
			const s = slowloris(srv, '127.0.0.3', 60);
			const got = await s.closed;
			assert.ok(s.sent < 60, `closed while still sending (${s.sent} bytes sent)`);
			assert.doesNotMatch(got, /^HTTP\/1\.1 2/);
			// Ordinary requests are unaffected, from the same address too.
			assert.equal(await get(srv, '127.0.0.3', '/api/openapi.json'), 200);
			assert.equal(await get(srv, '127.0.0.2', '/api/openapi.json'), 200);
		} finally {
			await srv.stop();
		}
	});

test('a kept-alive connection may wait idle past the header limit for its next request', { timeout: 60000 },
	async () => {
		const srv = await startServer(['--header-timeout', '1', '--timeout', '30']);
		try {
			const answers = await new Promise((resolve, reject) => {
				const got = [];
				let buf = '';
				const sock = net.connect({ host: srv.host, port: srv.port }, () => sock.write(GET));
				sock.setEncoding('latin1');
				sock.on('data', async (d) => {
					buf += d;
					const head = buf.indexOf('\r\n\r\n');
					const m = buf.match(/content-length: (\d+)/i);
					if (head < 0 || !m || buf.length < head + 4 + Number(m[1])) return;
					got.push(buf.slice(0, 12));
					buf = '';
					if (got.length === 2) {
						sock.end();
						resolve(got);
						return;
					}
					// Idle for longer than the header limit, well within the idle timeout.
					await new Promise((r) => setTimeout(r, 2500));
					sock.write(GET);
				});
				sock.on('error', reject);
				sock.on('close', () => reject(new Error(`closed after ${got.length} answers`)));
			});
			assert.deepEqual(answers, ['HTTP/1.1 200', 'HTTP/1.1 200']);
		} finally {
			await srv.stop();
		}
	});

test('each signed-in person\'s requests are capped: 429 with Retry-After; others are unaffected',
	{ timeout: 120000 }, async () => {
		const settings = (k, v) => execFileSync(HEARTH, ['settings', DB, 'set', k, String(v)], { encoding: 'utf8' });
		// A server that reads a tiny rate from the record when it starts: 5 at once, then 1 a minute.
		settings('user_request_burst', 5);
		settings('user_requests_per_minute', 1);
		let srv;
		try {
			srv = await startServer([]);
		} finally {
			settings('user_request_burst', 100);
			settings('user_requests_per_minute', 1200);
		}
		try {
			// Sessions live in the record, so the suite's sessions work on this server too.
			const a = await as('social_worker');
			const b = await as('team_manager');
			const base = `http://${srv.host}:${srv.port}`;
			const get = (s, path) => fetch(base + path, { headers: { Cookie: s.cookie } });
			const statuses = [];
			let refused;
			for (let i = 0; i < 10; i++) {
				const r = await get(a, '/api/session');
				statuses.push(r.status);
				if (r.status === 429 && !refused) refused = { headers: r.headers, json: await r.json() };
				else await r.arrayBuffer();
			}
			assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200], statuses.join(' '));
			assert.ok(refused, `a burst beyond the cap is refused: ${statuses.join(' ')}`);
			assert.equal(refused.json.rule, 'rate');
			assert.ok(Number(refused.headers.get('retry-after')) >= 1, `Retry-After: ${refused.headers.get('retry-after')}`);
			assert.equal(refused.headers.get('x-content-type-options'), 'nosniff');
			assert.match(refused.headers.get('content-security-policy') || '', /default-src 'none'/);
			// A page is refused too, as a page; the page's own assets are not counted.
			const page = await get(a, '/caseload');
			assert.equal(page.status, 429);
			assert.match(await page.text(), /<html/i);
			assert.equal((await get(a, '/assets/hearth.css')).status, 200);
			// Another person is unaffected.
			assert.equal((await get(b, '/api/session')).status, 200);
			assert.equal((await get(b, `/api/openapi.json`)).status, 200);
		} finally {
			await srv.stop();
		}
	});

// The heavy page and API list are stopped past the budget (503, rule "budget", the page as a
// page with its CSP), and the server still answers the next request.
async function heavyStopped(send, head) {
	const page = await send(head, 'GET', '/performance');
	const html = await page.text();
	assert.equal(page.status, 503, html.slice(0, 300));
	assert.match(html, /more work than Hearth allows one request/);
	assert.match(page.headers.get('content-security-policy') || '', /default-src/);
	const api = await send(head, 'GET', '/api/children?limit=500');
	assert.equal(api.status, 503);
	assert.equal((await api.json()).rule, 'budget');
	assert.equal((await send(head, 'GET', '/api/session')).status, 200);
}

// The work budget counts SQLite's virtual machine steps (src/store/sqlite.c); PostgreSQL
// has no step count, so there the budget is time (request_time_limit, src/store/postgres.c).
test('a request past its work budget is stopped with 503 and keeps nothing it began',
	{ timeout: 180000 }, async () => {
		const settings = (k, v) => execFileSync(HEARTH, ['settings', DB, 'set', k, String(v)], { encoding: 'utf8' });
		// A server that reads the budget from the record when it starts.
		const withSetting = async (key, value, usual, fn) => {
			settings(key, value);
			let srv;
			try {
				srv = await startServer([]);
			} finally {
				settings(key, usual);
			}
			const base = `http://${srv.host}:${srv.port}`;
			const send = (s, method, path, body) => fetch(base + path, {
				method,
				headers: { Cookie: s.cookie, ...(body ? { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf } : {}) },
				body: body ? JSON.stringify(body) : undefined,
			});
			try {
				return await fn(send, srv);
			} finally {
				await srv.stop();
			}
		};
		const withBudget = (steps, fn) => withSetting('request_work_limit', steps, 1000000000, fn);
		const head = await as('head_of_service');
		const worker = await as('social_worker');
		if (BACKEND === 'pg') {
			// 3 seconds, far more than any of these requests takes; a statement held up
			// behind another process's lock runs past it whatever the machine's speed.
			await withSetting('request_time_limit', 3000, 120000, async (send, srv) => {
				assert.equal((await send(head, 'GET', '/api/session')).status, 200);
				// The children's list reads child; the county's measures read the casefile
				// packs (one row per child), not child: both tables are held.
				const release = await holdTableLock('child', 'ACCESS EXCLUSIVE');
				let releasePacks = null;
				try {
					releasePacks = await holdTableLock('casefile_pack', 'ACCESS EXCLUSIVE');
					// The server carries on, for what does not need the held tables.
					await heavyStopped(send, head);
				} finally {
					if (releasePacks) await releasePacks();
					await release();
				}
				assert.equal((await send(head, 'GET', '/api/children?limit=5')).status, 200);
				assert.match(srv.log(), /past the request's work budget/);
				// A save whose audit row is held up (EXCLUSIVE lets reads through, not
				// writes): the note and its revision are written, the audit row's insert
				// is cancelled, and the whole save rolls back.
				const before = fingerprint();
				const hold = await holdTableLock('audit', 'EXCLUSIVE');
				let r;
				try {
					r = await send(worker, 'POST', `/api/children/${CHILD.in}/notes`, { ...validNote(), body: 'Budget held' });
				} finally {
					await hold();
				}
				const json = await r.json();
				assert.equal(r.status, 503, JSON.stringify(json));
				assert.equal(json.rule, 'budget');
				assert.equal(fingerprint(), before, 'nothing of the stopped save was kept');
				const ok = await send(worker, 'POST', `/api/children/${CHILD.in}/notes`, { ...validNote(), body: 'Budget free' });
				assert.equal(ok.status, 201, await ok.text());
				assert.notEqual(fingerprint(), before, 'the save was kept');
			});
			return;
		}
		// 300 steps: a session check (some 30 steps) fits; the measures over the demo
		// county (some 20 million) do not.
		await withBudget(300, async (send, srv) => {
			const who = await send(head, 'GET', '/api/session');
			assert.equal(who.status, 200, await who.text());
			// The server carries on.
			await heavyStopped(send, head);
			assert.match(srv.log(), /past the request's work budget/);
		});
		// A save (some 400 steps: scope check, the note, its revision and audit rows, then
		// the note read back for the answer) under budgets from too small to enough, 25
		// steps apart (closer than the read-back's some 40 steps and the note's insert, so
		// some budget runs out at each of the save's last statements): each is refused whole
		// or kept whole, never part, and a kept save is answered 201, never 503 (the budget
		// ends at the commit: a 503 after the note was kept would have the client save it
		// again).
		const outcomes = [];
		const budgets = [...Array.from({ length: 21 }, (_, i) => 100 + 25 * i), 100000];
		for (const steps of budgets) {
			// Taken once the budget is set and set back (each setting is a revision itself).
			let before;
			const body = { ...validNote(), body: `Budget ${steps}` };
			const r = await withBudget(steps, (send) => {
				before = fingerprint();
				return send(worker, 'POST', `/api/children/${CHILD.in}/notes`, body);
			});
			const json = await r.json();
			outcomes.push(`${steps}:${r.status}`);
			if (r.status === 503) {
				assert.equal(json.rule, 'budget', JSON.stringify(json));
				assert.equal(fingerprint(), before, `budget ${steps}: nothing of the stopped save was kept`);
			} else {
				assert.equal(r.status, 201, `budget ${steps}: ${JSON.stringify(json)}`);
				assert.notEqual(fingerprint(), before, `budget ${steps}: the save was kept`);
			}
		}
		console.log(`# budgets and answers: ${outcomes.join(' ')}`);
		assert.match(outcomes[0], /:503$/, outcomes.join(' '));
		assert.match(outcomes.at(-1), /:201$/, outcomes.join(' '));
	});
