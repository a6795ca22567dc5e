// Sends every request of the hostile-input catalogue (cases.mjs) to the live server named
// by tests/cli/hostile.sh's environment, on raw sockets (so any bytes can be sent), as the
// case's user, and prints one "ok - hostile: ..." or "not ok - hostile: ..." line per case,
// then whether every table's checksum (tests/http/lib.mjs checksum()) is as it was before,
// and the answers counted by status.
import net from 'node:net';
import cases from './cases.mjs';
import { HOST, PORT, PASSWORD, checksum, signIn } from '../http/lib.mjs';

const ctx = {
	host: `${HOST}:${PORT}`,
	child: Number(process.env.HOSTILE_CHILD),
	outChild: Number(process.env.HOSTILE_CHILD_OUT),
	user: 'test_social_worker',
	password: PASSWORD,
};

// Sessions: one per role, and the cookies the cookie cases need.
const sessions = {};
async function session(role) {
	if (!sessions[role]) sessions[role] = await signIn(`test_${role}`);
	return sessions[role];
}

function send(bytes, { halfClose = false } = {}) {
	return new Promise((resolve) => {
		const chunks = [];
		let done = false;
		const finish = (why) => {
			if (done) return;
			done = true;
			sock.destroy();
			resolve({ data: Buffer.concat(chunks), why });
		};
		const sock = net.connect({ host: HOST, port: Number(PORT) }, () => {
			sock.write(bytes);
			if (halfClose) sock.end();
		});
		sock.setTimeout(15000, () => finish('timeout'));
		sock.on('data', (d) => {
			chunks.push(d);
			const s = Buffer.concat(chunks).toString('latin1');
			const head = s.indexOf('\r\n\r\n');
			const m = s.slice(0, head).match(/\r\ncontent-length: *(\d+)/i);
			if (head >= 0 && m && Buffer.concat(chunks).length >= head + 4 + Number(m[1])) finish('answered');
		});
		sock.on('end', () => finish('closed'));
		sock.on('close', () => finish('closed'));
		sock.on('error', (e) => finish(`error ${e.code}`));
	});
}

function parse(buf) {
	const s = buf.toString('latin1');
	const m = s.match(/^HTTP\/1\.[01] (\d{3})/);
	const head = s.indexOf('\r\n\r\n');
	const headers = head >= 0 ? s.slice(0, head) : s;
	const loc = headers.match(/\r\nlocation: *([^\r\n]*)/i);
	return { status: m ? Number(m[1]) : null, text: buf.toString('utf8'), raw: s, location: loc ? loc[1] : null };
}

function expected(c, status) {
	const want = Array.isArray(c.expect) ? c.expect : [c.expect];
	return want.some((w) => (w === 'closed' ? status === null
		: typeof w === 'number' ? status === w
			: status !== null && String(status)[0] === w[0]));
}

const val = (v) => (typeof v === 'function' ? v(ctx) : v);

async function build(c) {
	if (c.raw) return Buffer.from(c.raw(ctx), 'latin1');
	const headers = { Host: ctx.host, ...(c.headers || {}), Connection: 'close' };
	let body = val(c.body);
	let s = null;
	if (c.as) s = await session(c.as);
	if (c.signIn) await session('social_worker');
	if (s) {
		const own = s.cookie;
		const tok = own.split('=')[1];
		const cookies = {
			own, tamper: `hearth_session=${tok.slice(0, -1)}${tok.endsWith('0') ? '1' : '0'}`,
			upper: `hearth_session=${tok.toUpperCase().replace(/^(.)/, 'A')}`, short: `hearth_session=${tok.slice(1)}`,
			long: `hearth_session=${tok}0`, ended: ctx.ended,
		};
		headers.Cookie = c.cookie ? c.cookie(cookies) : own;
	}
	const foreign = (await session('admin')).csrf;
	const csrf = c.csrf ?? (c.method !== 'GET' && s ? 'own' : 'none');
	const tokens = { own: s?.csrf, foreign, 'own-upper': s?.csrf.toUpperCase(), 'own-truncated': s?.csrf.slice(0, -1),
		'own-doubled': s ? s.csrf + s.csrf : undefined };
	if (csrf.startsWith('form')) {
		const which = csrf === 'form' ? s?.csrf : csrf === 'form-foreign' ? foreign : csrf === 'form-wrong' ? 'f'.repeat(64) : null;
		if (which) body = `${body ? body + '&' : ''}csrf_token=${which}`;
	} else if (csrf !== 'none') {
		headers['X-CSRF-Token'] = csrf in tokens ? tokens[csrf] : csrf;
	}
	const bodyBuf = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	if (bodyBuf) headers['Content-Length'] = String(bodyBuf.length);
	const head = `${c.method} ${val(c.path)} HTTP/1.1\r\n` +
		Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
	return Buffer.concat([Buffer.from(head, 'latin1'), bodyBuf || Buffer.alloc(0)]);
}

// An ended session, for the cookie cases: signed in, then signed out.
{
	const s = await signIn('test_social_worker');
	await fetch(`http://${ctx.host}/api/session`, { method: 'DELETE', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf } });
	ctx.ended = s.cookie;
}
for (const r of ['social_worker', 'team_manager', 'analyst', 'inspector', 'admin']) await session(r);

const before = checksum();
const counts = {};
let failed = 0;
for (const c of cases) {
	if (c.noChange === undefined && c.method === 'POST' && expected(c, 201)) throw new Error(`${c.name}: a case may not store`);
	const { data, why } = await send(await build(c), { halfClose: c.halfClose });
	const a = parse(data);
	const key = a.status ?? `no answer (${why})`;
	counts[key] = (counts[key] || 0) + 1;
	const problems = [];
	if (a.status !== null && a.status >= 500 && ![].concat(c.expect).includes(a.status)) problems.push(`a ${a.status}`);
	if (c.json && !(/\r\ncontent-type: application\/json/i.test(a.raw) && /\r\nx-content-type-options: nosniff/i.test(a.raw))) {
		problems.push('the answer is not JSON with nosniff');
	}
	if (!expected(c, a.status)) problems.push(`answered ${a.status ?? `nothing (${why})`}, wanted ${JSON.stringify(c.expect)}`);
	for (const bad of c.absent || []) if (a.raw.includes(bad) || a.text.includes(bad)) problems.push(`the answer holds ${JSON.stringify(bad)}`);
	if (c.location && !c.location(a.location)) problems.push(`redirects to ${JSON.stringify(a.location)}`);
	if (c.noRows && a.status === 200) {
		const j = JSON.parse(a.text.slice(a.text.indexOf('\r\n\r\n') + 4) || '{}');
		if (j.children?.length) problems.push(`${j.children.length} children match a metacharacter`);
	}
	if (problems.length) {
		failed++;
		console.log(`not ok - hostile: ${c.name}: ${problems.join('; ')}`);
		console.log(`    ${a.raw.slice(0, 300).replace(/\r?\n/g, '\n    ')}`);
	} else {
		console.log(`ok - hostile: ${c.name} (${a.status ?? 'closed'})`);
	}
}
const after = checksum();
if (before === after) console.log(`ok - hostile: every table's checksum is unchanged after ${cases.length} requests`);
else {
	failed++;
	console.log('not ok - hostile: the stored record changed');
}
console.log(`# hostile: ${cases.length} requests; answers by status: ${Object.entries(counts).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
process.exit(failed ? 1 : 0);
