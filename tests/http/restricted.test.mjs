// Restricted children (child.restricted = 1) are read only by a person granted them
// (access_grant), whatever the role: every answer of every GET route in the route table
// (src/web/routes.c, read here so a new route is swept without being listed), for every
// role's user, in the demo county and the fixture world, is searched for the identity of
// every restricted child the user holds no grant for: its LA child id, its full name (where
// no unrestricted child has the same) and a link to its record. Lists are paged through
// (PAGES_MAX); the Annex A workbook is unzipped and every part of it searched. Figures may
// still count these children; only who they are must not show. Then people granted some
// restricted children see exactly those, where the route lists them.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { AS_AT, CHILD, DB, HEARTH, PASSWORD, ROLES, URL_BASE, sql, signIn } from './lib.mjs';

const DEMO_PASSWORD = 'hearth-demo'; // src/cli/demo_users.c
// Pages followed in one list (each at the route's largest page size): a team's lists end
// well within this; the county-wide list of children is probed by LA id, name and date of
// birth instead of read whole (which would take minutes).
const PAGES_MAX = 10;

// ---- the route table ----

// Every GET row of src/web/routes.c: its path and the query parameters it takes.
function getRoutes() {
	const src = readFileSync(new URL('../../src/web/routes.c', import.meta.url), 'utf8');
	const table = src.slice(src.indexOf('web_routes[] = {'), src.indexOf('const int web_route_count'));
	const rows = table.split(/(?=\{WEB_[A-Z]+,)/).filter((r) => r.startsWith('{WEB_GET,'));
	return rows.map((row) => {
		const path = row.match(/^\{WEB_GET,\s*"([^"]+)"/)[1];
		const q = row.match(/\.query\s*=\s*\{([^}]*)\}/);
		const query = q ? q[1].replace(/\bPAGE\b/, '"limit", "offset"').match(/"[^"]+"/g).map((s) => s.slice(1, -1)) : [];
		return { path, query };
	});
}

// ---- the county's restricted children ----

const rows = (query) => sql(query).split('\n').filter(Boolean).map((l) => l.split('|'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function restrictedChildren() {
	// An LA id or a name an unrestricted child shares says nothing of the restricted one.
	const shared = (cond) => `CASE WHEN EXISTS (SELECT 1 FROM child o WHERE o.restricted = 0 AND ${cond}) THEN 0 ELSE 1 END`;
	return rows(`SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.dob, ` +
		`${shared('o.la_child_id = c.la_child_id')}, ` +
		`${shared('o.given_name = c.given_name AND o.family_name = c.family_name')} ` +
		`FROM child c WHERE c.restricted = 1 ORDER BY c.id`)
		.map(([id, la, given, family, dob, laUnique, nameUnique]) => ({
			id: Number(id), la, family, dob, name: `${given} ${family}`, laUnique: laUnique === '1',
			nameUnique: nameUnique === '1',
		}));
}

function grantsOf(username) {
	return new Set(rows(`SELECT g.child_id FROM access_grant g JOIN user_account u ON u.id = g.user_id WHERE ` +
		`u.username = '${username}' AND g.revoked_at IS NULL`).map((r) => Number(r[0])));
}

// What in a text names one of the children, one find per child. What the request
// itself said (a search box's value, the query carried in a link) is not a find.
function identityIn(text, children, requested) {
	if (!children.length) return [];
	const asked = new URL(requested, URL_BASE).searchParams;
	for (const [name, v] of asked) {
		const esc = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;');
		text = text.replaceAll(`value="${v}"`, 'value=""').replaceAll(`value="${esc}"`, 'value=""')
			.replace(new RegExp(`([?&;]${escape(name)}=)[^&"#\\s]*`, 'g'), '$1');
	}
	const found = [];
	const byLa = new Map(children.filter((c) => c.laUnique).map((c) => [c.la, c]));
	const byName = new Map(children.filter((c) => c.nameUnique).map((c) => [c.name, c]));
	const byId = new Map(children.map((c) => [String(c.id), c]));
	const alt = (keys) => [...keys].sort((a, b) => b.length - a.length).map(escape).join('|');
	if (byLa.size) {
		for (const m of text.matchAll(new RegExp(`(?<![A-Za-z0-9])(${alt(byLa.keys())})(?![A-Za-z0-9])`, 'g'))) {
			found.push(`LA id ${m[1]}`);
		}
	}
	if (byName.size) {
		for (const m of text.matchAll(new RegExp(`(?<![A-Za-z])(${alt(byName.keys())})(?![A-Za-z])`, 'g'))) {
			found.push(`name of ${byName.get(m[1]).la}`);
		}
	}
	// A link to the record (the id asked for may be echoed by the refusal itself).
	for (const m of text.matchAll(/\/children\/(\d+)(?![0-9])/g)) {
		if (byId.has(m[1]) && !requested.includes(`/children/${m[1]}`)) found.push(`link to ${byId.get(m[1]).la}`);
	}
	return [...new Set(found)];
}

// ---- reading answers ----

// The text of every entry of a zip archive (an xlsx workbook), from its central directory.
function unzipText(buf) {
	let eocd = buf.length - 22;
	while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
	assert.ok(eocd >= 0, 'the workbook is a zip archive');
	const n = buf.readUInt16LE(eocd + 10);
	let at = buf.readUInt32LE(eocd + 16);
	const parts = [];
	for (let i = 0; i < n; i++) {
		assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory entry');
		const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
		const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
		const local = buf.readUInt32LE(at + 42);
		const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const raw = buf.subarray(data, data + size);
		parts.push((method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
		at += 46 + nameLen + extraLen + commentLen;
	}
	return parts.join('\n');
}

async function get(session, path) {
	const res = await fetch(URL_BASE + path, { headers: { Cookie: session.cookie }, redirect: 'manual' });
	const bytes = Buffer.from(await res.arrayBuffer());
	const type = res.headers.get('content-type') || '';
	const text = /spreadsheetml/.test(type) ? unzipText(bytes) : bytes.toString('utf8');
	return { status: res.status, type, text };
}

// The next page of a list: GOV.UK pagination's rel="next" link, or the API's offset.
function nextPage(path, answer) {
	if (answer.status !== 200) return null;
	if (/^text\/html/.test(answer.type)) {
		const m = answer.text.match(/<a [^>]*href="([^"]+)"[^>]*rel="next"/);
		return m ? m[1].replace(/&amp;/g, '&').replace(/#.*/, '') : null;
	}
	if (/json/.test(answer.type)) {
		let j;
		try {
			j = JSON.parse(answer.text);
		} catch {
			return null;
		}
		if (j && Number.isInteger(j.total) && Number.isInteger(j.limit) && Number.isInteger(j.offset) &&
			j.offset + j.limit < j.total) {
			const u = new URL(path, URL_BASE);
			u.searchParams.set('offset', String(j.offset + j.limit));
			return u.pathname + u.search;
		}
	}
	return null;
}

// ---- what to ask each route ----

function pathsOf(route, values) {
	const m = route.path.match(/\{(\w+)\}/);
	if (!m) return [route.path];
	const prefix = route.path.slice(0, m.index);
	const options = m[1] === 'id' ? values.childIds.map(String) : values.names.get(prefix);
	assert.ok(options && options.length, `the sweep knows what to put for {${m[1]}} in ${route.path}`);
	// A row of the child's own for {kind}/{rid}: its first allocation (every child in a
	// scope has one), or for a decision its first contact.
	const rowOf = (id) => (route.path.endsWith('/decide') ? ['contact', values.contactOf.get(id)]
		: ['allocation', values.allocationOf.get(id)]);
	return options.map((v) => {
		const [kind, rid] = rowOf(v);
		return route.path.replace(`{${m[1]}}`, encodeURIComponent(v)).replace('{kind}', kind).replace('{rid}', String(rid));
	});
}

// One request per value of each parameter (as_at always, at its largest page), not every mix.
function queriesOf(route, values) {
	const base = new URLSearchParams();
	if (route.query.includes('as_at')) base.set('as_at', AS_AT);
	const out = [base];
	for (const name of route.query) {
		assert.ok(name in values.query, `the sweep knows what to put for ${name} in ${route.path}`);
		for (const v of values.query[name]) {
			const q = new URLSearchParams(base);
			q.set(name, v);
			out.push(q);
		}
	}
	return out.map((q) => (q.toString() ? `?${q}` : ''));
}

// The largest page a route gives, from its refusal of a larger one ("limit must be a whole
// number from 1 to N"), so long lists take the fewest requests.
const limits = new Map();
async function largestPage(session, route, path) {
	if (!route.query.includes('limit')) return null;
	if (!limits.has(route.path)) {
		const a = await get(session, `${path}?limit=999999999`);
		const m = a.text.match(/limit must be a whole number from 1 to (\d+)/);
		if (a.status === 400 && m) limits.set(route.path, m[1]);
		else if (a.status !== 401 && a.status !== 403 && a.status !== 404) assert.fail(`${path}?limit=999999999: ${a.status}`);
	}
	return limits.get(route.path) || null;
}

// Every GET route with every expansion, as one user; pages followed. Returns what leaked.
async function sweep(session, routes, values, hidden) {
	const leaks = [];
	const answered = new Set(); // the routes that answered 200
	for (const route of routes) {
		for (const path of pathsOf(route, values)) {
			const limit = await largestPage(session, route, path);
			for (const query of queriesOf(route, values)) {
				let url = path + query;
				if (limit) url += `${query ? '&' : '?'}limit=${limit}`;
				for (let page = 0; url && page < PAGES_MAX; page++) {
					const a = await get(session, url);
					if (a.status === 200) answered.add(route.path);
					const finds = identityIn(a.text, hidden, url);
					if (finds.length) leaks.push({ url, status: a.status, finds });
					url = nextPage(url, a);
				}
			}
		}
	}
	return { leaks, answered };
}

// ---- the fixture ----

let restricted, routes, values, annexRestricted;

before(async () => {
	restricted = restrictedChildren();
	routes = getRoutes();
	const hos = await signIn('test_head_of_service');
	// The drill-downs and assets, as linked from the pages that list them.
	const names = new Map();
	for (const prefix of routes.map((r) => r.path.match(/^(.*\/)\{name\}/)).filter(Boolean).map((m) => m[1])) {
		const found = new Set();
		for (const from of ['/', `/performance?as_at=${AS_AT}`]) {
			const a = await get(hos, from);
			for (const m of a.text.matchAll(new RegExp(`href="${escape(prefix)}([^"?#/]+)`, 'g'))) found.add(decodeURIComponent(m[1]));
		}
		names.set(prefix, [...found]);
	}
	// LADO allegations: the LADO's pages name the children an allegation involves.
	names.set('/lado/', rows('SELECT id FROM lado WHERE voided = 0 ORDER BY id LIMIT 3').map((r) => r[0]));
	// The administrator's pages of a user, a team, an inspection (they name no child).
	names.set('/admin/users/', rows('SELECT min(id) FROM user_account').map((r) => r[0]));
	names.set('/admin/teams/', rows('SELECT min(id) FROM team').map((r) => r[0]));
	// Requests for authorisation (the fixture's is about restricted HC3).
	names.set('/approvals/', rows('SELECT id FROM authorisation WHERE voided = 0 ORDER BY id LIMIT 3').map((r) => r[0]));
	names.set('/admin/inspections/', rows('SELECT coalesce(min(id), 1) FROM inspection').map((r) => r[0]));
	// Multi-agency child protection teams and their members (they name no child).
	names.set('/macpts/', rows('SELECT coalesce(min(id), 1) FROM macpt').map((r) => r[0]));
	names.set('/macpts/members/', rows('SELECT coalesce(min(id), 1) FROM macpt_member').map((r) => r[0]));
	// The DfE feed's runs: the fixture's (every child) and the latest (feed.test.mjs's, with HC3).
	names.set('/feed/', rows('SELECT id FROM feed_submission ORDER BY id DESC LIMIT 2').map((r) => r[0]));
	// The restricted children a team-scoped user would otherwise see: in the demo team
	// manager's team (the busiest) and HC3 in HTTP Team A.
	const inTeam = rows(`SELECT DISTINCT c.id FROM child c JOIN allocation a ON a.child_id = c.id JOIN worker w ON ` +
		`w.id = a.worker_id JOIN user_account u ON u.team_id = w.team_id WHERE u.username IN ('team_manager', ` +
		`'test_team_manager') AND c.restricted = 1 AND a.voided = 0 AND a.kind = 'sw' AND a.end_date IS NULL ` +
		`ORDER BY c.id LIMIT 4`).map((r) => Number(r[0]));
	// The restricted children in the authority's whole Annex A, as `hearth report` (run by
	// whoever holds the record itself) writes it.
	const dir = mkdtempSync(join(tmpdir(), 'hearth-annex-'));
	try {
		execFileSync(HEARTH, ['report', DB, 'annex-a', '--as-at', AS_AT, '--format', 'csv', '--out', dir]);
		const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
		const laIds = new Set(text.split(/[\n,]/).map((s) => s.replace(/"/g, '')));
		annexRestricted = restricted.filter((c) => c.laUnique && laIds.has(c.la));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const sample = restricted.filter((c) => c.nameUnique && c.laUnique).slice(0, 2);
	const childIds = [...new Set([CHILD.in, CHILD.restricted, ...inTeam, ...annexRestricted.slice(0, 2).map((c) => c.id)])];
	const firstOf = (table) => new Map(rows(`SELECT child_id, min(id) FROM ${table} WHERE voided = 0 AND child_id IN ` +
		`(${childIds.join(', ')}) GROUP BY child_id`).map((r) => [String(r[0]), r[1]]));
	values = {
		childIds,
		allocationOf: firstOf('allocation'),
		contactOf: firstOf('contact'),
		names,
		query: {
			as_at: [], limit: [], offset: [], year: [], kind: [], done: [], new_findings: [],
			q: [...sample.map((c) => c.la), ...sample.map((c) => c.family), ...sample.map((c) => c.name)],
			dob: sample.map((c) => c.dob).filter(Boolean),
			who: ['me', 'team'],
			team: rows(`SELECT DISTINCT team_id FROM user_account WHERE team_id IS NOT NULL`).map((r) => r[0]),
			list: ['numerator', 'denominator'],
			return: ['ssda903', 'cin-census'],
			worker: rows(`SELECT DISTINCT worker_id FROM user_account WHERE worker_id IS NOT NULL`).map((r) => r[0]),
			overdue: ['yes'], within: ['20'], page: [], from: [], to: [], merge: [], user: [],
			// The merge page names the two records it is asked about: never a restricted one.
			keep: [String(CHILD.restricted), ...restricted.slice(0, 2).map((c) => String(c.id))], other: [String(CHILD.in)],
			child: sample.map((c) => c.la),
			// The identity provider's answer (no provider is set up on this server: 404).
			code: ['x'], state: ['x'], error: [], error_description: [], iss: [], session_state: [],
		},
	};
});

test('the sweep has restricted children to look for, and routes to look in', () => {
	assert.ok(restricted.some((c) => c.id === CHILD.restricted), 'HC3 is restricted');
	assert.ok(routes.length >= 20 && routes.some((r) => r.path === '/annex-a.xlsx'), 'the route table was read');
	assert.ok(values.childIds.length >= 3);
});

// The demo county's one user per role (when there is a demo county), and the fixture's
// users whose scope is a team or their own children (HTTP Team A holds HC3, restricted,
// granted to test_team_manager only; test_partner leads HC1, so answers its Family Help
// page, and is named on HC3's without a grant); a fixture user who sees every child would see just
// what the demo's user of that role sees, so is left out when there is a demo county.
function users() {
	const have = new Set(rows('SELECT username FROM user_account WHERE disabled = 0').map((r) => r[0]));
	const demo = ROLES.filter((r) => have.has(r));
	const scoped = ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'partner'];
	return [...demo.map((r) => [r, DEMO_PASSWORD]),
		...ROLES.filter((r) => !demo.length || scoped.includes(r)).map((r) => [`test_${r}`, PASSWORD])];
}

test('no answer of any route names a restricted child to someone without a grant for it', async () => {
	const leaks = [];
	const answered = new Set();
	// Two people at a time (the server has two threads).
	const queue = users();
	const worker = async () => {
		for (let u = queue.shift(); u; u = queue.shift()) {
			const [username, password] = u;
			const session = await signIn(username, password);
			const granted = grantsOf(username);
			const r = await sweep(session, routes, values, restricted.filter((c) => !granted.has(c.id)));
			for (const p of r.answered) answered.add(p);
			leaks.push(...r.leaks.map((l) => ({ username, ...l })));
		}
	};
	await Promise.all([worker(), worker()]);
	const told = leaks.map((l) => `${l.username}: ${l.url} (${l.status}) names ${l.finds.length} restricted ` +
		`${l.finds.length === 1 ? 'child' : 'children'}: ${l.finds.slice(0, 3).join(', ')}`);
	assert.deepEqual(told.slice(0, 20), [], `${told.length} answers name restricted children`);
	// The sweep read something of every route (signed in, /sign-in only sends people on).
	// Two answer only a whole question the sweep, one parameter at a time, does not ask:
	// /merge (a pair, keep and other) and a contact's decision (a contact not yet decided);
	// their answers for each role are in roles.test.mjs. The identity provider's routes answer
	// 404 here (this server has no provider; tests/http/oidc.test.mjs starts one).
	const needsMore = ['/sign-in', '/merge', '/children/{id}/records/{kind}/{rid}/decide', '/oidc/start', '/oidc/callback'];
	assert.deepEqual(routes.map((r) => r.path).filter((p) => !answered.has(p) && !needsMore.includes(p)), [],
		'routes no one was answered by');
});

// A user of the role with a grant for some restricted children in the Annex A lists.
async function grantedUser(role, children) {
	const username = `granted_${role}`;
	execFileSync(HEARTH, ['user', DB, 'add', username, '--role', role], { input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'pipe'] });
	for (const c of children) execFileSync(HEARTH, ['user', DB, 'grant', username, c.la], { stdio: 'ignore' });
	return { username, session: await signIn(username) };
}

test('a person granted restricted children sees them where they are listed, and no others', async () => {
	// The fixture's HC3, granted to test_team_manager in HTTP Team A.
	const tm = await signIn('test_team_manager');
	const hc3 = restricted.find((c) => c.id === CHILD.restricted);
	await assertFinds('test_team_manager', tm, hc3);
	assert.equal((await get(tm, `/children/${hc3.id}`)).status, 200, 'test_team_manager opens HC3');
	// In the demo county: people of each role that downloads Annex A, granted two of the
	// restricted children it lists.
	if (!rows("SELECT username FROM user_account WHERE username = 'analyst'").length) return; // no demo county
	assert.ok(annexRestricted.length >= 2, 'the demo county has restricted children in Annex A');
	const grantedKids = annexRestricted.slice(0, 2);
	const others = restricted.filter((c) => !grantedKids.includes(c));
	for (const role of ['analyst', 'head_of_service', 'inspector']) {
		const { username, session } = await grantedUser(role, grantedKids);
		const annex = await get(session, `/annex-a.xlsx?as_at=${AS_AT}`);
		assert.equal(annex.status, 200, `${username} downloads Annex A`);
		for (const c of grantedKids) {
			assert.ok(identityIn(annex.text, [c], '').includes(`LA id ${c.la}`), `${username}'s Annex A lists ${c.la}`);
			await assertFinds(username, session, c);
		}
		assert.deepEqual(identityIn(annex.text, others, ''), [], `${username}'s Annex A names no other restricted child`);
		if (role !== 'analyst') { // analysts read lists, not records
			for (const c of grantedKids) {
				assert.equal((await get(session, `/children/${c.id}`)).status, 200, `${username} opens ${c.la}`);
				assert.equal((await get(session, `/api/children/${c.id}`)).status, 200);
			}
		}
	}
});

// The child is listed when searched for by LA id, on the page and by the API.
async function assertFinds(username, session, c) {
	const search = await get(session, `/search?q=${encodeURIComponent(c.la)}`);
	assert.equal(search.status, 200);
	assert.ok(search.text.includes(`href="/children/${c.id}"`), `${username} finds ${c.la} by search`);
	const api = await get(session, `/api/children?q=${encodeURIComponent(c.la)}`);
	assert.equal(api.status, 200);
	assert.deepEqual(JSON.parse(api.text).children.map((x) => x.la_child_id), [c.la], `${username}: /api/children`);
}
