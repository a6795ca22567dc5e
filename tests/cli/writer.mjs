// A client that keeps a Hearth server busy saving case notes and records every save the
// server acknowledged (backup.sh and durability.sh use it).
//   node tests/cli/writer.mjs URL USERNAME PASSWORD CHILD_ID ACKS_FILE [CONCURRENCY]
// Signs in, then CONCURRENCY loops each post a note, one after another, until SIGTERM. For
// every 201 it appends "NOTE_ID ACK_MS" to ACKS_FILE, ACK_MS being the wall-clock time in
// milliseconds when the answer had arrived (so a save acknowledged at ACK_MS was committed
// before it). Answers other than 201 and refused connections (a server killed, restarting)
// are counted and retried after a short pause; on exit it prints "acked N failed N" and
// exits 0, or 1 when it could not sign in at all.
import fs from 'node:fs';
import http from 'node:http';

const [url, username, password, childId, acksFile, conc = '4'] = process.argv.slice(2);
if (!acksFile) {
	console.error('usage: node writer.mjs URL USERNAME PASSWORD CHILD_ID ACKS_FILE [CONCURRENCY]');
	process.exit(2);
}
const base = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conc) });
const acks = fs.openSync(acksFile, 'a');
let acked = 0;
let failed = 0;
let stopping = false;

function request(method, path, body, headers = {}) {
	return new Promise((resolve) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request({
			host: base.hostname, port: base.port, method, path, agent,
			headers: { ...headers, ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}) },
		}, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { text += c; });
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
			res.on('error', () => resolve({ status: 0, text: '' }));
		});
		req.setTimeout(30000, () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, text: '' }));
		if (data) req.write(data);
		req.end();
	});
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function signIn() {
	for (let i = 0; i < 100 && !stopping; i++) {
		const r = await request('POST', '/api/session', { username, password });
		if (r.status === 200) {
			const cookie = String(r.headers['set-cookie'] || '').split(';')[0];
			return { cookie, csrf: JSON.parse(r.text).csrf_token };
		}
		await pause(100);
	}
	return null;
}

async function loop(session, n) {
	let i = 0;
	while (!stopping) {
		const r = await request('POST', `/api/children/${childId}/notes`, {
			note_date: '2026-03-30', kind: 'case_note', child_voice: false, body: `load note ${n}.${i++}`,
		}, { Cookie: session.cookie, 'X-CSRF-Token': session.csrf });
		if (r.status === 201) {
			const at = Date.now();
			fs.writeSync(acks, `${JSON.parse(r.text).note.id} ${at}\n`);
			acked++;
		} else {
			failed++;
			await pause(20);
		}
	}
}

process.on('SIGTERM', () => { stopping = true; });
const session = await signIn();
if (!session) {
	console.error('writer: could not sign in');
	process.exit(1);
}
await Promise.all(Array.from({ length: Number(conc) }, (_, n) => loop(session, n)));
fs.closeSync(acks);
agent.destroy();
console.log(`acked ${acked} failed ${failed}`);
