// bench/load.mjs: the client of bench/load (run by it; see there and bench/README.md).
// Plain node:http, one keep-alive agent of one socket per connection, so each of the CONNS
// connections is one person's browser held open for the whole run. No npm packages.
//
//   node bench/load.mjs prepare URL WORK PASSWORD AS_AT
//       WORK/users ("USERNAME TEAM_ID" a line) and WORK/children ("CHILD_ID TEAM_ID") in;
//       signs every user in, keeps each child one of its team may read (GET /api/children/{id}
//       200), fetches every read of the mix once (so the record's pages are warm) and writes
//       each answer to WORK/www/r/N, the file nginx serves in its place; saves one visit and
//       one note (their answers become WORK/www/w/visit and w/note, and they are acknowledged
//       writes like any other). Writes WORK/plan.json.
//   node bench/load.mjs run URL WORK SECONDS CONNS WRITE_PCT TAG [--reference] [--pid PID]
//       holds CONNS connections for SECONDS, each one person (the users in turn) going round
//       their team's children: a read (an audited page or API answer) or, every
//       100/WRITE_PCT-th request, a save (a visit or a note, alternately, through the API);
//       each acknowledged save's id, child and tag is appended to WORK/acked-TAG.csv.
//       --reference: the same connections and sequence against nginx, each read as the
//       static copy of its answer and each save as a GET of a save's answer. --pid: samples
//       the server's VmRSS every second and reads its VmHWM at the end. Prints one JSON line.
import fs from 'node:fs';
import http from 'node:http';

const [mode, url, work, ...rest] = process.argv.slice(2);
const base = new URL(url);

function request(agent, method, path, { cookie, csrf, body } = {}) {
	return new Promise((resolve) => {
		const headers = {};
		if (cookie) headers.Cookie = cookie;
		if (csrf) headers['X-CSRF-Token'] = csrf;
		let data;
		if (body !== undefined) {
			data = Buffer.from(JSON.stringify(body));
			headers['Content-Type'] = 'application/json';
			headers['Content-Length'] = data.length;
		}
		const t0 = process.hrtime.bigint();
		const r = http.request({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks),
				ms: Number(process.hrtime.bigint() - t0) / 1e6, headers: res.headers }));
			res.on('error', (e) => resolve({ status: 0, error: e.code || e.message, ms: 0 }));
		});
		r.setTimeout(60000, () => r.destroy(new Error('timeout')));
		r.on('error', (e) => resolve({ status: 0, error: e.code || e.message, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
		r.end(data);
	});
}

// The first is the check the child is readable at all (a restricted child is not).
const readPaths = (id) => [`/api/children/${id}`, `/children/${id}`, `/children/${id}/visits`, `/children/${id}/chronology`,
	`/api/children/${id}/visits`, `/api/children/${id}/notes`, `/api/children/${id}/chronology`];

const saveBody = (kind, asAt, tag) => kind === 'visit'
	? { visit_date: asAt, kind: 'other', seen: true, seen_alone: false, child_said: `load ${tag}` }
	: { note_date: asAt, kind: 'case_note', child_voice: false, body: `load ${tag}` };

async function prepare(password, asAt) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
	const users = fs.readFileSync(`${work}/users`, 'utf8').trim().split('\n').map((l) => l.split(' '));
	const sessions = [];
	for (const [username, team] of users) {
		const r = await request(agent, 'POST', '/api/session', { body: { username, password } });
		if (r.status !== 200) throw new Error(`sign-in as ${username}: ${r.status} ${r.body}`);
		const cookie = r.headers['set-cookie'][0].split(';')[0];
		sessions.push({ username, team, cookie, csrf: JSON.parse(r.body).csrf_token });
	}
	const byTeam = new Map(sessions.map((s) => [s.team, s]));
	const children = fs.readFileSync(`${work}/children`, 'utf8').trim().split('\n').map((l) => l.split(' '));
	fs.mkdirSync(`${work}/www/r`, { recursive: true });
	fs.mkdirSync(`${work}/www/w`, { recursive: true });
	const teams = {}; // team -> { children: [id], reads: [[path, ref]] }
	let n = 0, refused = 0;
	const queue = children.filter(([, team]) => byTeam.has(team));
	async function one([id, team]) {
		const s = byTeam.get(team);
		const got = [];
		for (const path of readPaths(id)) {
			const r = await request(agent, 'GET', path, s);
			if (r.status !== 200) {
				if (path === `/api/children/${id}`) { refused++; return; } // restricted, or out of scope
				throw new Error(`GET ${path} as ${s.username}: ${r.status}`);
			}
			got.push([path, r.body]);
		}
		const t = teams[team] || (teams[team] = { children: [], reads: [] });
		t.children.push(Number(id));
		for (const [path, body] of got) {
			const ref = `/r/${n++}`;
			fs.writeFileSync(`${work}/www${ref}`, body);
			t.reads.push([path, ref]);
		}
	}
	const workers = Array.from({ length: 8 }, async () => {
		while (queue.length) await one(queue.shift());
	});
	await Promise.all(workers);
	// One save of each kind: their answers are what nginx serves for a save.
	const [team0] = Object.keys(teams);
	const s = byTeam.get(team0), child = teams[team0].children[0];
	const acked = [];
	for (const kind of ['visit', 'note']) {
		const tag = `prepare-${kind}`;
		const r = await request(agent, 'POST', `/api/children/${child}/${kind}s`, { ...s, body: saveBody(kind, asAt, tag) });
		if (r.status !== 201) throw new Error(`POST ${kind} as ${s.username}: ${r.status} ${r.body}`);
		fs.writeFileSync(`${work}/www/w/${kind}`, r.body);
		acked.push(`${kind},${JSON.parse(r.body)[kind].id},${child},${tag}\n`);
	}
	fs.writeFileSync(`${work}/acked-prepare.csv`, acked.join(''));
	agent.destroy();
	fs.writeFileSync(`${work}/plan.json`, JSON.stringify({ asAt, sessions, teams }));
	const reads = Object.values(teams).reduce((a, t) => a + t.reads.length, 0);
	const kids = Object.values(teams).reduce((a, t) => a + t.children.length, 0);
	console.log(JSON.stringify({ users: sessions.length, teams: Object.keys(teams).length, children: kids, reads, refused }));
}

function vm(pid, key) {
	try {
		const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

function quantile(sorted, q) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function run(seconds, conns, writePct, tag, reference, pid) {
	const plan = JSON.parse(fs.readFileSync(`${work}/plan.json`, 'utf8'));
	const ackFile = fs.openSync(`${work}/acked-${tag}.csv`, 'w');
	const every = writePct > 0 ? Math.max(1, Math.round(100 / writePct)) : Infinity;
	const lat = { read: [], write: [] };
	const st = { requests: 0, reads: 0, writes: 0, acked: 0, errors: 0, limited: 0, status: {}, samples: [],
		opened: 0, open: 0, heldMin: Infinity, heldMax: 0, slices: [], rssSlices: [], rss: [] };
	const deadline = Date.now() + seconds * 1000;
	const started = Date.now();
	function note(kind, r) {
		st.requests++;
		st[kind === 'read' ? 'reads' : 'writes']++;
		const key = r.status || r.error;
		st.status[key] = (st.status[key] || 0) + 1;
		if (r.status >= 200 && r.status < 400) {
			lat[kind].push(r.ms);
			return true;
		}
		if (r.status === 429 || r.status === 503) st.limited++;
		else st.errors++;
		if (st.samples.length < 10) st.samples.push(`${kind} ${key} ${r.body ? r.body.toString().slice(0, 200) : ''}`);
		return false;
	}
	async function connection(c) {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, keepAliveMsecs: 30000 });
		const seen = new WeakSet();
		const s = plan.sessions[c % plan.sessions.length];
		const t = plan.teams[s.team];
		let i = (c * 7919) % t.reads.length, k = (c * 104729) % t.children.length, n = 0;
		// Every socket the agent opens is counted: more than CONNS means the server closed one.
		const origCreate = agent.createConnection.bind(agent);
		agent.createConnection = (opts, cb) => {
			const sock = origCreate(opts, cb);
			if (!seen.has(sock)) {
				seen.add(sock);
				st.opened++;
				st.open++;
				sock.on('close', () => st.open--);
			}
			return sock;
		};
		while (Date.now() < deadline) {
			n++;
			if (n % every === 0) {
				const kind = (n / every) % 2 ? 'visit' : 'note';
				const child = t.children[k++ % t.children.length];
				const wtag = `${tag}-${c}-${n}`;
				const r = reference
					? await request(agent, 'GET', `/w/${kind}`)
					: await request(agent, 'POST', `/api/children/${child}/${kind}s`, { ...s, body: saveBody(kind, plan.asAt, wtag) });
				if (note('write', r) && !reference) {
					if (r.status !== 201) {
						st.errors++;
						if (st.samples.length < 10) st.samples.push(`write ${r.status} is not 201`);
						continue;
					}
					const id = JSON.parse(r.body)[kind].id;
					fs.writeSync(ackFile, `${kind},${id},${child},${wtag}\n`);
					st.acked++;
				}
			} else {
				const [path, ref] = t.reads[i++ % t.reads.length];
				note('read', await request(agent, 'GET', reference ? ref : path, reference ? {} : s));
			}
		}
		agent.destroy();
	}
	let last = 0;
	const ticker = setInterval(() => {
		const sec = Math.round((Date.now() - started) / 1000);
		if (sec >= 2 && Date.now() < deadline) {
			st.heldMin = Math.min(st.heldMin, st.open);
			st.heldMax = Math.max(st.heldMax, st.open);
		}
		if (pid) st.rss.push(vm(pid, 'VmRSS'));
		if (sec % 10 === 0 && sec > 0 && Date.now() <= deadline + 500) {
			st.slices.push(Math.round((st.requests - last) / 10));
			if (pid) st.rssSlices.push(Math.round((vm(pid, 'VmRSS') || 0) / 1024));
			last = st.requests;
		}
	}, 1000);
	await Promise.all(Array.from({ length: conns }, (_, c) => connection(c)));
	clearInterval(ticker);
	const elapsed = (Date.now() - started) / 1000;
	fs.closeSync(ackFile);
	const all = lat.read.concat(lat.write).sort((a, b) => a - b);
	lat.read.sort((a, b) => a - b);
	lat.write.sort((a, b) => a - b);
	const r2 = (x) => Math.round(x * 100) / 100;
	const rss = st.rss.filter((x) => x != null);
	console.log(JSON.stringify({
		conns, seconds: r2(elapsed), requests: st.requests, reads: st.reads, writes: st.writes, acked: st.acked,
		errors: st.errors, limited: st.limited, status: st.status, samples: st.samples,
		rps: Math.round(st.requests / elapsed), p50_ms: r2(quantile(all, 0.5)), p99_ms: r2(quantile(all, 0.99)),
		max_ms: r2(all[all.length - 1] || NaN), read_p99_ms: r2(quantile(lat.read, 0.99)),
		write_p50_ms: r2(quantile(lat.write, 0.5)), write_p99_ms: r2(quantile(lat.write, 0.99)),
		opened: st.opened, held_min: st.heldMin === Infinity ? 0 : st.heldMin, held_max: st.heldMax,
		slices_rps: st.slices, slices_rss_mib: st.rssSlices,
		rss_kib_first: rss[0] ?? null, rss_kib_last: rss[rss.length - 1] ?? null, rss_kib_max: rss.length ? Math.max(...rss) : null,
		hwm_kib: pid ? vm(pid, 'VmHWM') : null,
	}));
}

if (mode === 'prepare') {
	await prepare(rest[0], rest[1]);
} else if (mode === 'run') {
	const [seconds, conns, writePct, tag, ...flags] = rest;
	const pidAt = flags.indexOf('--pid');
	await run(Number(seconds), Number(conns), Number(writePct), tag, flags.includes('--reference'),
		pidAt >= 0 ? Number(flags[pidAt + 1]) : 0);
} else {
	console.error('usage: node bench/load.mjs prepare URL WORK PASSWORD AS_AT | run URL WORK SECONDS CONNS WRITE_PCT TAG [--reference] [--pid PID]');
	process.exit(2);
}
