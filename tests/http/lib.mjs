// What the HTTP tests share: the server's address and the fixtures from tests/cli/http.sh
// (environment variables), requests with a chosen identity, raw sockets for what fetch
// cannot send, and a fingerprint of the stored record for "nothing changed".
// The record is a SQLite file or a postgresql:// database (tests/run's pg suite): sql(),
// fingerprint() and holdWriteLock() work on either, so tests need not know which.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

function env(name) {
	const v = process.env[name];
	if (!v) throw new Error(`${name} is not set: run these tests through tests/cli/http.sh`);
	return v;
}

export const URL_BASE = env('HEARTH_URL');
export const DB = env('HEARTH_DB');
export const BACKEND = /^postgres(ql)?:\/\//.test(DB) ? 'pg' : 'sqlite'; // which engine holds DB
export const HEARTH = env('HEARTH_BIN');
export const PASSWORD = env('HEARTH_PASSWORD');
export const AS_AT = env('HEARTH_AS_AT');
export const LOG = env('HEARTH_LOG');
export const CHILD = {
	in: Number(env('HEARTH_CHILD_IN')), // allocated to HTTP Team A (sw), the IRO and the PA
	out: Number(env('HEARTH_CHILD_OUT')), // allocated to HTTP Team B
	restricted: Number(env('HEARTH_CHILD_RESTRICTED')), // Team A, restricted; granted to test_team_manager
	none: Number(env('HEARTH_CHILD_NONE')), // no such child
};
export const WORKER = { a1: Number(env('HEARTH_WORKER_A1')), a2: Number(env('HEARTH_WORKER_A2')) };
export const { hostname: HOST, port: PORT } = new URL(URL_BASE);

export const ROLES = ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'lado', 'front_door', 'analyst',
	'head_of_service', 'admin', 'inspector', 'partner'];

// One query's rows, one per line, columns separated by '|', NULL as nothing: sqlite3's
// default output, and psql's unaligned tuples-only output. Write queries both engines read
// alike (a condition's value is 1/0 on SQLite but t/f on PostgreSQL: use CASE for those).
export function sql(query) {
	if (BACKEND === 'pg') {
		return execFileSync('psql', [DB, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', query],
			{ encoding: 'utf8', env: { ...process.env, PGCLIENTENCODING: 'UTF8' } }).trim();
	}
	return execFileSync('sqlite3', [DB, query], { encoding: 'utf8' }).trim();
}

// PostgreSQL writers queue on this transaction-scoped advisory lock (WRITE_LOCK_KEY in
// src/store/postgres.c); SQLite's writers on the file's write lock.
const PG_WRITE_LOCK_KEY = 4827271;

// Another process takes the record's write lock, as a stuck writer would, and holds it
// until the returned function is called (it resolves once the lock is let go). The server
// waits for the lock 10 seconds on either engine.
export async function holdWriteLock() {
	return BACKEND === 'pg'
		? holdLock('psql', [DB, '-qtAX'], `BEGIN;\nSELECT pg_advisory_xact_lock(${PG_WRITE_LOCK_KEY});\nSELECT 'locked';\n`,
			'ROLLBACK;\n\\q\n')
		: holdLock('sqlite3', [DB], ".timeout 20000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n", 'ROLLBACK;\n.quit\n');
}

// PostgreSQL only: another process holds `LOCK TABLE table IN mode MODE` until the returned
// function is called, so the server's statements that need the table wait (as long as
// their budget lets them: a statement held up so runs past any time limit, on any machine).
export async function holdTableLock(table, mode) {
	return holdLock('psql', [DB, '-qtAX'], `BEGIN;\nLOCK TABLE "${table}" IN ${mode} MODE;\nSELECT 'locked';\n`,
		'ROLLBACK;\n\\q\n');
}

async function holdLock(cmd, args, take, release) {
	const locker = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
	const exited = new Promise((r) => locker.on('exit', r));
	let out = '';
	locker.stdout.on('data', (d) => (out += d));
	locker.stdin.write(take);
	while (!out.includes('locked')) {
		if (locker.exitCode !== null) throw new Error(`${cmd} could not take the lock`);
		await new Promise((r) => setTimeout(r, 20));
	}
	return async () => {
		locker.stdin.end(release);
		await exited;
	};
}

// A session: the cookie and the CSRF token from sign-in.
export async function signIn(username, password = PASSWORD) {
	const res = await fetch(`${URL_BASE}/api/session`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ username, password }),
	});
	const body = await res.json();
	assert.equal(res.status, 200, `sign in as ${username}: ${JSON.stringify(body)}`);
	const cookie = res.headers.get('set-cookie').split(';')[0];
	return { cookie, csrf: body.csrf_token, user: body.user, setCookie: res.headers.get('set-cookie') };
}

const sessions = new Map();
// One session per role for the whole file (sign-in costs an argon2id hash).
export async function as(role) {
	if (!sessions.has(role)) sessions.set(role, await signIn(`test_${role}`));
	return sessions.get(role);
}

// A request. opts: session (from signIn/as), body (object: sent as JSON; string or
// Buffer: sent as is), headers, csrf (default: the session's token on non-GET; false:
// none; a string: that).
export async function req(method, path, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	if (opts.session) headers.Cookie = opts.session.cookie;
	const csrf = opts.csrf === undefined ? (method !== 'GET' && opts.session ? opts.session.csrf : false) : opts.csrf;
	if (csrf) headers['X-CSRF-Token'] = csrf;
	let body;
	if (opts.body !== undefined) {
		if (typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) {
			body = opts.body;
		} else {
			body = JSON.stringify(opts.body);
		}
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
	}
	const res = await fetch(URL_BASE + path, { method, headers, body });
	const text = await res.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

// A page request, as a browser's form sends it: never follows redirects (a 303 is part of
// what is tested). opts: session (from signIn/as: its cookie, and with a form its CSRF
// token unless the form names one), form (an object: sent url-encoded).
export async function page(method, path, { session, form } = {}) {
	const headers = {};
	if (session) headers.Cookie = session.cookie;
	let body;
	if (form) {
		const f = new URLSearchParams();
		if (session && !('csrf_token' in form)) f.append('csrf_token', session.csrf);
		for (const [k, v] of Object.entries(form)) f.append(k, v);
		body = f.toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const res = await fetch(URL_BASE + path, { method, headers, body, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

// A date (ISO) as the three boxes of a GOV.UK date input, as form fields.
export function dateBoxes(name, iso) {
	const [y, m, d] = iso.split('-');
	return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

// Raw bytes on a fresh connection; resolves with the whole answer as text (the server
// closes, or a timeout of a few seconds ends the wait).
export function raw(bytes, { localAddress } = {}) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		const sock = net.connect({ host: HOST, port: Number(PORT), localAddress }, () => sock.write(bytes));
		sock.setTimeout(5000, () => sock.end());
		sock.on('data', (d) => {
			chunks.push(d);
			// One complete answer is enough.
			const s = Buffer.concat(chunks).toString('latin1');
			const m = s.match(/content-length: (\d+)/i);
			const head = s.indexOf('\r\n\r\n');
			if (m && head >= 0 && s.length >= head + 4 + Number(m[1])) sock.end();
		});
		sock.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
		sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
		sock.on('error', reject);
	});
}

// A request through node's http module, from a chosen local address (127.0.0.0/8 all
// reaches the loopback server; the throttle counts addresses).
export function fromAddress(localAddress, method, path, { body, headers = {} } = {}) {
	return new Promise((resolve, reject) => {
		const r = http.request({ host: HOST, port: Number(PORT), method, path, localAddress, headers, agent: false },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text,
					json: text ? JSON.parse(text) : null }));
			});
		r.on('error', reject);
		if (body !== undefined) r.write(body);
		r.end();
	});
}

// The stored record's fingerprint: for every table but the audit trail, sessions, pending OIDC sign-ins and the
// sign-in throttle's state (which refusals may write), its row count and highest id. Every change to a row also adds a
// revision, so an update shows in the revision table's numbers.
let fingerprintSql;
export function fingerprint() {
	if (!fingerprintSql) {
		const tables = sql(BACKEND === 'pg'
			? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() " +
				"AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit', 'user_session', 'hearth_meta', " +
				"'signin_throttle', 'signin_device', 'oidc_pending') " +
				'ORDER BY table_name'
			: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
				"AND name NOT IN ('audit', 'user_session', 'signin_throttle', 'signin_device', 'oidc_pending') ORDER BY name").split('\n');
		// Every Hearth table has an integer key named id (SQLite's rowid).
		fingerprintSql = tables.map((t) => `SELECT '${t}', count(*), max(id) FROM "${t}"`).join(' UNION ALL ') +
			' ORDER BY 1';
	}
	return sql(fingerprintSql);
}

// The same error shape everywhere.
export function assertError(r, status, rule, field) {
	assert.equal(r.status, status, `status ${r.status}: ${r.text}`);
	assert.ok(r.json && typeof r.json.error === 'string', `error body: ${r.text}`);
	assert.ok('field' in r.json && 'rule' in r.json, `error body has field and rule: ${r.text}`);
	if (rule !== undefined) assert.equal(r.json.rule, rule, r.text);
	if (field !== undefined) assert.equal(r.json.field, field, r.text);
}

export const validVisit = () => ({ visit_date: AS_AT, kind: 'cin', seen: true, seen_alone: false,
	child_said: 'I like my new school' });
export const validNote = () => ({ note_date: AS_AT, kind: 'case_note', child_voice: false, body: 'Called the school' });

// A content checksum of the stored record: every row of every table but the audit trail,
// sessions and the sign-in throttle (which refusals may write) hashed in id order, and the revision log by its count
// and highest id (it is append-only: every change adds to it). Stronger than fingerprint()
// (an edited row shows), and slower: a few seconds on the demo county, so tests take it
// around a batch of requests, not around each one.
let checksumSql;
export function checksum() {
	if (!checksumSql) {
		const tables = sql(BACKEND === 'pg'
			? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() " +
				"AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit', 'user_session', 'signin_throttle', 'signin_device', 'oidc_pending', 'hearth_meta', 'revision') " +
				'ORDER BY table_name'
			: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
				"AND name NOT IN ('audit', 'user_session', 'signin_throttle', 'signin_device', 'oidc_pending', 'revision') ORDER BY name").split('\n');
		const hash = (t) => (BACKEND === 'pg'
			? `SELECT '${t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "${t}" x`
			: `SELECT '${t}', hex(sha3_query('SELECT * FROM "${t}" ORDER BY id'))`);
		checksumSql = tables.map(hash).join(' UNION ALL ') +
			" UNION ALL SELECT 'revision', count(*) || ':' || coalesce(max(id), 0) FROM revision ORDER BY 1";
	}
	return sql(checksumSql);
}
