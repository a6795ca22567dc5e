// A stand-in for the DfE's children's social care API, for tests/cli/feed.sh: an OAuth2
// token endpoint (client credentials) and the upload endpoint, on a loopback port it prints
// ("listening PORT"). Usage: node feed_server.mjs DIR
//
// What each request gets is scripted by two files in DIR, one line per request, consumed
// in order: token_plan (token requests) and api_plan (uploads). A line is an HTTP status
// to answer with, "hang" (read the request and never answer: the client's timeout), or
// "ok" (judged on its merits, as below).
// With no line left, a request is judged on its merits: the token endpoint wants
// grant_type=client_credentials and the client id and secret below; the upload wants a
// token this server issued and the SupplierKey below, and answers 200 with one submission
// id per child, as the DfE does.
//
// What it saw goes in DIR/log.jsonl, one line per request: {kind, status, children:
// [{la_child_id, mis_child_id, purge, stubs}]} (children for answered uploads), and every
// body answered 200 in DIR/body-N.json, for the schema check.
import { appendFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const dir = process.argv[2];
const CLIENT_ID = 'hearth-test';
const CLIENT_SECRET = 'not-a-real-secret';
const SUPPLIER_KEY = 'supplier-key-1';
const tokens = new Set();
let bodies = 0;

function next(plan) {
	const file = `${dir}/${plan}`;
	if (!existsSync(file)) return null;
	const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
	if (!lines.length) return null;
	writeFileSync(file, lines.slice(1).join('\n'));
	return lines[0].trim();
}

function log(entry) {
	appendFileSync(`${dir}/log.jsonl`, JSON.stringify(entry) + '\n');
}

// Purge stubs inside a child: objects with purge true below the child itself.
function stubs(x, top = true) {
	if (Array.isArray(x)) return x.reduce((n, v) => n + stubs(v, false), 0);
	if (x && typeof x === 'object') {
		let n = !top && x.purge === true ? 1 : 0;
		for (const v of Object.values(x)) n += stubs(v, false);
		return n;
	}
	return 0;
}

function answer(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(body === undefined ? '' : JSON.stringify(body));
}

const server = createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const text = Buffer.concat(chunks).toString('utf8');
		const isToken = req.url === '/token';
		const kind = isToken ? 'token' : 'upload';
		const planned = next(isToken ? 'token_plan' : 'api_plan');
		if (planned === 'hang') {
			log({ kind, status: 'hang' });
			return; // never answered: the client times out
		}
		if (planned && planned !== 'ok') {
			log({ kind, status: Number(planned) });
			return answer(res, Number(planned), { error: 'planned' });
		}
		if (req.method !== 'POST') {
			log({ kind, status: 405 });
			return answer(res, 405, { error: 'method' });
		}
		if (isToken) {
			const f = new URLSearchParams(text);
			if (f.get('grant_type') !== 'client_credentials' || f.get('client_id') !== CLIENT_ID ||
			    f.get('client_secret') !== CLIENT_SECRET) {
				log({ kind, status: 401 });
				return answer(res, 401, { error: 'invalid_client' });
			}
			const token = `tok-${randomUUID()}`;
			tokens.add(token);
			log({ kind, status: 200, scope: f.get('scope') });
			return answer(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
		}
		const m = /^\/children_social_care_data\/(\d+)\/children$/.exec(req.url);
		const auth = /^Bearer (.+)$/.exec(req.headers.authorization || '');
		if (!m) {
			log({ kind, status: 404, url: req.url });
			return answer(res, 404, { error: 'path' });
		}
		if (!auth || !tokens.has(auth[1])) {
			log({ kind, status: 401 });
			return answer(res, 401, { error: 'token' });
		}
		if (req.headers.supplierkey !== SUPPLIER_KEY) {
			log({ kind, status: 403 });
			return answer(res, 403, { error: 'supplier key' });
		}
		let doc;
		try {
			doc = JSON.parse(text);
		} catch {
			log({ kind, status: 400 });
			return answer(res, 400, { error: 'malformed' });
		}
		const children = (doc.Children || []).map((c) => ({
			la_child_id: c.la_child_id, mis_child_id: c.mis_child_id, purge: c.purge, stubs: stubs(c),
		}));
		writeFileSync(`${dir}/body-${++bodies}.json`, text);
		log({ kind, status: 200, la: m[1], children });
		const now = new Date().toISOString().replace('T', '_').replace('Z', '');
		return answer(res, 200, children.map(() => `${now}_${randomUUID()}`));
	});
});
server.listen(0, '127.0.0.1', () => {
	console.log(`listening ${server.address().port}`);
});
