// The server itself: kept-alive connections stay open between requests, and SIGTERM lets
// a request in flight finish before the server stops (a second server on the same record,
// so the suite's own server is untouched).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { CHILD, DB, HEARTH, HOST, PORT, as, signIn, sql, validNote } from './lib.mjs';

// Sends each request on one socket, waiting for each answer; resolves with the answers.
function onOneSocket(host, port, requests) {
	return new Promise((resolve, reject) => {
		const answers = [];
		let buf = '';
		const sock = net.connect({ host, port }, () => sock.write(requests[0]));
		sock.setEncoding('latin1');
		sock.on('data', (d) => {
			buf += d;
			const head = buf.indexOf('\r\n\r\n');
			const m = buf.match(/content-length: (\d+)/i);
			if (head >= 0 && m && buf.length >= head + 4 + Number(m[1])) {
				answers.push(buf.slice(0, head + 4 + Number(m[1])));
				buf = buf.slice(head + 4 + Number(m[1]));
				if (answers.length === requests.length) {
					sock.end();
					resolve(answers);
				} else {
					sock.write(requests[answers.length]);
				}
			}
		});
		sock.on('error', reject);
		sock.on('close', () => (answers.length < requests.length ? reject(new Error(`closed after ${answers.length}`)) : 0));
	});
}

test('a kept-alive connection serves request after request', async () => {
	const s = await as('social_worker');
	const get = `GET /api/children/${CHILD.in} HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\n\r\n`;
	const answers = await onOneSocket(HOST, Number(PORT), [get, get, get]);
	for (const a of answers) {
		assert.match(a, /^HTTP\/1\.1 200 /);
		assert.doesNotMatch(a, /connection: close/i);
	}
});

test('SIGTERM: a request in flight finishes, then the server stops cleanly', async () => {
	const child = spawn(HEARTH, ['serve', DB, '--listen', '127.0.0.1:0', '--threads', '2'],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
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
	const s = await signIn('test_social_worker');
	const before = Number(sql(`SELECT count(*) FROM note WHERE child_id = ${CHILD.in}`));
	const body = JSON.stringify({ ...validNote(), body: 'written while the server was stopping' });
	const head = `POST /api/children/${CHILD.in}/notes HTTP/1.1\r\nHost: x\r\nCookie: ${s.cookie}\r\n` +
		`X-CSRF-Token: ${s.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const answer = await new Promise((resolve, reject) => {
		let got = '';
		const sock = net.connect({ host: hostname, port: Number(port) }, async () => {
			// Headers and half the body, then the signal, then the rest.
			sock.write(head + body.slice(0, 20));
			await new Promise((r) => setTimeout(r, 300));
			child.kill('SIGTERM');
			await new Promise((r) => setTimeout(r, 300));
			sock.write(body.slice(20));
		});
		sock.setEncoding('latin1');
		sock.on('data', (d) => (got += d));
		sock.on('close', () => resolve(got));
		sock.on('error', reject);
	});
	assert.match(answer, /^HTTP\/1\.1 201 /, answer.slice(0, 300));
	assert.match(answer, /connection: close/i, 'answers while stopping close their connection');
	const { code } = await exited;
	assert.equal(code, 0, stderr);
	assert.match(stderr, /hearth: serve: stopped/);
	assert.equal(Number(sql(`SELECT count(*) FROM note WHERE child_id = ${CHILD.in}`)), before + 1);
	// No new connections once stopping began.
	await assert.rejects(fetch(url + 'api/openapi.json'));
});

test('a port in use fails loudly', async () => {
	const r = await new Promise((resolve) => {
		const c = spawn(HEARTH, ['serve', DB, '--listen', `127.0.0.1:${PORT}`], { stdio: ['ignore', 'pipe', 'pipe'] });
		let err = '';
		c.stderr.on('data', (d) => (err += d));
		c.on('exit', (code) => resolve({ code, err }));
	});
	assert.equal(r.code, 1);
	assert.match(r.err, /could not listen/);
});

test('a slow client is cut off after the connection timeout', async () => {
	const child = spawn(HEARTH, ['serve', DB, '--listen', '127.0.0.1:0', '--timeout', '1'],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		const url = await new Promise((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (d) => {
				out += d;
				const m = out.match(/http:\/\/[^ \n]+/);
				if (m) resolve(m[0]);
			});
			child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
		});
		const { hostname, port } = new URL(url);
		// Half a request line, then nothing: the server closes the connection by itself.
		const closed = await new Promise((resolve, reject) => {
			const sock = net.connect({ host: hostname, port: Number(port) }, () => sock.write('GET /api/sess'));
			let got = '';
			sock.on('data', (d) => (got += d));
			sock.on('close', () => resolve(got));
			sock.on('error', reject);
		});
		assert.doesNotMatch(closed, /^HTTP\/1\.1 2/);
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.on('exit', r));
	}
});
