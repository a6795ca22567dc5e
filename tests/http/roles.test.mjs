// Every role against every route: the expected status of each, as a table. The child is
// HC1 (allocated to HTTP Team A's social worker, to the IRO and to the PA), so every role
// that may read a record has it in scope. Then scope itself: a child outside the caller's
// scope is answered exactly as a child that does not exist.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, CHILD, HEARTH, ROLES, URL_BASE, WORKER, as, assertError, dateBoxes, page, req, signIn, sql, validNote, validVisit } from './lib.mjs';

const C = CHILD.in;
const sw = 'social_worker', tm = 'team_manager', iro = 'iro', pa = 'personal_adviser', lado = 'lado',
	fd = 'front_door', an = 'analyst', hos = 'head_of_service', adm = 'admin', insp = 'inspector', ptn = 'partner';

// route -> [anonymous, then one status per role in ROLES order]
//                                                              anon  sw   tm   iro  pa  lado  fd   an  hos  adm insp ptn
const MATRIX = [
	['GET', '/api/openapi.json', null, /*                     */ [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]],
	['GET', '/api/session', null, /*                          */ [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]],
	['POST', '/api/session', 'signin', /*                     */ [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]],
	['DELETE', '/api/session', null, /*                       */ [401, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204]],
	['GET', '/api/users', null, /*                            */ [401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]],
	['GET', '/api/children', null, /*                         */ [401, 200, 200, 200, 200, 403, 200, 200, 200, 403, 200, 200]],
	['GET', '/api/children/{id}', null, /*                    */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 403]],
	['GET', '/api/children/{id}/chronology', null, /*         */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 403]],
	['GET', '/api/children/{id}/allocations', null, /*        */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 403]],
	['POST', '/api/children/{id}/allocations', 'allocate', /* */ [401, 403, 201, 403, 403, 403, 403, 403, 201, 403, 403, 403]],
	['GET', '/api/children/{id}/visits', null, /*             */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 403]],
	// Who may record what is the role table's record kinds (src/model/roles.c): a visit or a
	// note is casework (social workers and team managers), not the IRO's, PA's or front door's.
	['POST', '/api/children/{id}/visits', 'visit', /*         */ [401, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 201]],
	['GET', '/api/children/{id}/notes', null, /*              */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 403]],
	['POST', '/api/children/{id}/notes', 'note', /*           */ [401, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 201]],
	// Every kind of record ({kind} is note here; {rid} a fresh note of HC1's each time).
	['POST', '/api/children', 'child', /*                     */ [401, 201, 201, 403, 403, 403, 201, 403, 403, 403, 403, 403]],
	// A partner lists notes, only their own (roles.c reads_own); the {rid} below is a social
	// worker's note, which to the partner is no note at all (404).
	['GET', '/api/children/{id}/records/{kind}', null, /*     */ [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 200]],
	['POST', '/api/children/{id}/records/{kind}', 'note', /*  */ [401, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 201]],
	['PATCH', '/api/children/{id}/records/{kind}/{rid}', 'correct', [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404]],
	['POST', '/api/children/{id}/records/{kind}/{rid}/retract', 'retract',
		/*                                                    */ [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404]],
	['GET', '/api/children/{id}/records/{kind}/{rid}/history', null, [401, 200, 200, 200, 200, 403, 200, 403, 200, 403, 200, 404]],
	['GET', '/api/children/{id}/due', null, /*                */ [401, 200, 200, 200, 200, 403, 403, 403, 200, 403, 200, 403]],
	['GET', '/api/due', null, /*                              */ [401, 200, 200, 200, 200, 403, 403, 403, 200, 403, 200, 403]],
	// Break-glass: case workers may ask (HC1 is already in their scope: 409); auditors review.
	['POST', '/api/break-glass', 'break_glass', /*            */ [401, 409, 409, 409, 409, 403, 403, 403, 403, 403, 403, 403]],
	['GET', '/api/break-glass', null, /*                      */ [401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]],
	['POST', '/api/break-glass/review', null, /*              */ [401, 403, 403, 403, 403, 403, 403, 403, 403, 415, 403, 403]],
];

// The table covers every documented route, so a new route cannot be added without a row.
test('the role table covers every route the API documents', async () => {
	const doc = await (await fetch(`${URL_BASE}/api/openapi.json`)).json();
	const documented = [];
	for (const [path, ops] of Object.entries(doc.paths)) {
		for (const m of Object.keys(ops)) documented.push(`${m.toUpperCase()} ${path}`);
	}
	assert.deepEqual(MATRIX.map(([m, p]) => `${m} ${p}`).sort(), documented.sort());
	for (const [, , , row] of MATRIX) assert.equal(row.length, ROLES.length + 1);
});

// Reallocations move the child between Team A's two workers, so it stays in Team A.
async function otherWorker() {
	const r = await req('GET', `/api/children/${C}/allocations`, { session: await as(hos) });
	const now = r.json.allocations.find((a) => a.kind === 'sw' && a.current);
	return now && now.worker_id === WORKER.a2 ? WORKER.a1 : WORKER.a2;
}

// A note of HC1's, new for each try, so a retraction always has a live row to retract.
async function freshNote() {
	const r = await req('POST', `/api/children/${C}/records/note`, { session: await as(sw), body: validNote() });
	assert.equal(r.status, 201, r.text);
	return r.json.record.id;
}

async function bodyFor(kind, role) {
	switch (kind) {
	case 'signin':
		return { username: role ? `test_${role}` : 'test_social_worker', password: process.env.HEARTH_PASSWORD };
	case 'allocate':
		return { worker_id: await otherWorker(), kind: 'sw', start_date: AS_AT, reason: 'MANAGE' };
	case 'visit':
		return validVisit();
	case 'note':
		return validNote();
	case 'child':
		return { given_name: 'Rowan', family_name: `Roles${role}`, dob: '2018-02-03', sex: 'F' };
	case 'correct':
		return { reason: 'typed in error', body: 'Called the school again' };
	case 'retract':
		return { reason: 'entered in error' };
	case 'break_glass':
		return { child_id: C, reason: 'Roles table: a child in scope' };
	default:
		return undefined;
	}
}

for (const [method, path, kind, expected] of MATRIX) {
	test(`roles: ${method} ${path}`, async () => {
		const got = [];
		for (let i = 0; i <= ROLES.length; i++) {
			const role = i === 0 ? null : ROLES[i - 1];
			let url = path.replace('{id}', String(C)).replace('{kind}', 'note');
			if (url.includes('{rid}')) url = url.replace('{rid}', String(await freshNote()));
			// Signing out ends a session: that row uses a session of its own.
			const session = role === null ? undefined : method === 'DELETE' ? await signIn(`test_${role}`) : await as(role);
			const body = await bodyFor(kind, role);
			const r = await req(method, url, { session, body });
			if (r.status >= 400) {
				assert.ok(r.json && 'error' in r.json && 'field' in r.json && 'rule' in r.json, `${role}: ${r.text}`);
			}
			got.push(r.status);
		}
		assert.deepEqual(got, expected, `anon, ${ROLES.join(', ')}`);
	});
}

test('scope: a child outside the caller\'s scope is answered exactly as one that does not exist', async () => {
	const s = await as(sw);
	const routes = ['', '/chronology', '/allocations', '/visits', '/notes', '/due'];
	for (const suffix of routes) {
		const out = await req('GET', `/api/children/${CHILD.out}${suffix}`, { session: s });
		const none = await req('GET', `/api/children/${CHILD.none}${suffix}`, { session: s });
		const junk = await req('GET', `/api/children/abc${suffix}`, { session: s });
		assertError(out, 404, 'not_found', 'id');
		assert.equal(out.text, none.text, suffix);
		assert.equal(out.text, junk.text, suffix);
		assert.equal(out.headers.get('content-length'), none.headers.get('content-length'));
	}
	// Writes too.
	const v = await req('POST', `/api/children/${CHILD.out}/visits`, { session: s, body: validVisit() });
	const n = await req('POST', `/api/children/${CHILD.none}/visits`, { session: s, body: validVisit() });
	assertError(v, 404, 'not_found');
	assert.equal(v.text, n.text);
});

test('scope: the list shows only the children in scope', async () => {
	const mine = await req('GET', '/api/children?q=Quenby', { session: await as(sw) });
	assert.equal(mine.status, 200);
	assert.deepEqual(mine.json.children.map((c) => c.id), [C]);
	const all = await req('GET', '/api/children?q=Quenby', { session: await as(hos) });
	assert.deepEqual(all.json.children.map((c) => c.id).sort((a, b) => a - b), [C, CHILD.out].sort((a, b) => a - b));
	const granted = await req('GET', '/api/children?q=Quenby', { session: await as(tm) });
	assert.deepEqual(granted.json.children.map((c) => c.id).sort((a, b) => a - b),
		[C, CHILD.restricted].sort((a, b) => a - b));
});

test('scope by role: team, own allocations, all, and restricted records only with a grant', async () => {
	const expect = {
		// role: [HC1 in team A, HC2 team B, HC3 restricted team A]
		[sw]: [200, 404, 404],
		[tm]: [200, 404, 200], // granted HC3
		[iro]: [200, 404, 404], // allocated to HC1 as IRO only
		[pa]: [200, 404, 404],
		[fd]: [200, 200, 404],
		[hos]: [200, 200, 404],
		[insp]: [200, 200, 404],
	};
	for (const [role, statuses] of Object.entries(expect)) {
		const s = await as(role);
		const got = [];
		for (const id of [C, CHILD.out, CHILD.restricted]) got.push((await req('GET', `/api/children/${id}`, { session: s })).status);
		assert.deepEqual(got, statuses, role);
	}
});

test('the inspector reads but never writes; the administrator reads no case content', async () => {
	const i = await as(insp);
	assertError(await req('POST', `/api/children/${C}/notes`, { session: i, body: validNote() }), 403, 'permission');
	const a = await as(adm);
	for (const suffix of ['', '/chronology', '/visits', '/notes']) {
		assertError(await req('GET', `/api/children/${C}${suffix}`, { session: a }), 403, 'permission');
	}
	const users = await req('GET', '/api/users', { session: a });
	assert.equal(users.status, 200);
	assert.ok(users.json.users.every((u) => !('password_hash' in u)));
});

test('reallocation ends the current allocation and starts the new one', async () => {
	const s = await as(tm);
	const before = await req('GET', `/api/children/${C}/allocations`, { session: s });
	const current = before.json.allocations.filter((a) => a.kind === 'sw' && a.current);
	assert.equal(current.length, 1);
	const target = current[0].worker_id === WORKER.a1 ? WORKER.a2 : WORKER.a1;
	const r = await req('POST', `/api/children/${C}/allocations`,
		{ session: s, body: { worker_id: target, start_date: AS_AT, reason: 'MANAGE' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.allocation.worker_id, target);
	assert.deepEqual(r.json.ended, [current[0].id]);
	const after = await req('GET', `/api/children/${C}/allocations`, { session: s });
	const now = after.json.allocations.filter((a) => a.kind === 'sw' && a.current);
	assert.deepEqual(now.map((a) => a.worker_id), [target]);
	const same = await req('POST', `/api/children/${C}/allocations`, { session: s, body: { worker_id: target } });
	assertError(same, 409, 'same_worker');
	const rec = await req('GET', `/api/children/${C}`, { session: s });
	assert.equal(rec.json.allocated.find((a) => a.kind === 'sw').worker_id, target);
});

// ---- every route in the route table, pages included, with every role ----
// The routes and the roles come from the server's own binary (`hearth test-routes`: the
// route table of src/web/routes.c and the role table of src/model/roles.c), so a route
// added to the table is tried here without a row being written for it. What each role
// must get follows from the tables, not from a list per route:
//   signed out: an open route answers; a page sends you to sign in (303); the API says 401;
//   a role without the route's permission, or a read-only role on a route that writes: 403
//   (a page for pages, the JSON error with rule "permission" or "read_only" for the API);
//   otherwise the route answers: a GET 200 (or a 303 that is not to sign-in); a change,
//   sent here with an empty body so nothing is stored, its own answer (a 400 saying what
//   is missing, or 2xx/303), never 401, 403, 404 or a 5xx;
//   a child route for a child outside the role's scope (team or own allocations), or one
//   that does not exist: 404, the same as for no child at all.
const TABLES = JSON.parse(execFileSync(HEARTH, ['test-routes'], { encoding: 'utf8' }));
// A value for each path parameter other than {id} (the child): a new one needs its sample here.
// The administrator's pages take a user, a team or an inspection: a fixture's (the empty
// forms this test posts change nothing: each wants a field or a ticked box).
const ADMIN_USER = sql("SELECT id FROM user_account WHERE username = 'test_analyst'");
const ADMIN_TEAM = sql("SELECT id FROM team WHERE name = 'HTTP Reviewing'");
const ADMIN_INSPECTION = sql('SELECT min(id) FROM inspection');
const SAMPLE = { '/assets/{name}': 'hearth.css', '/performance/{name}': 'FD1',
	'/admin/users/{rid}': ADMIN_USER, '/admin/users/{rid}/role': ADMIN_USER, '/admin/users/{rid}/password': ADMIN_USER,
	'/admin/users/{rid}/unlock': ADMIN_USER, '/admin/users/{rid}/disable': ADMIN_USER,
	'/admin/teams/{rid}': ADMIN_TEAM, '/admin/teams/{rid}/rename': ADMIN_TEAM, '/admin/teams/{rid}/close': ADMIN_TEAM,
	'/admin/teams/{rid}/establishment': ADMIN_TEAM,
	'/admin/inspections/{rid}': ADMIN_INSPECTION,
	// the fixture's run of the DfE feed (tests/cli/http.sh)
	'/feed/{rid}': sql('SELECT max(id) FROM feed_submission') };
// A multi-agency child protection team of the fixtures, and its member.
const MACPT = sql("SELECT id FROM macpt WHERE name = 'HTTP MACPT'");
for (const path of ['/macpts/{rid}', '/macpts/{rid}/edit', '/macpts/{rid}/members/new', '/macpts/{rid}/members']) SAMPLE[path] = MACPT;
for (const path of ['/macpts/members/{rid}/edit', '/macpts/members/{rid}']) SAMPLE[path] = sql(`SELECT min(id) FROM macpt_member WHERE macpt_id = ${MACPT}`);

// The routes of a child's record by kind ({kind}/{rid}) are tried on a case note of C's
// (a kind social workers and managers record; other roles' right to it comes from the role
// table's "records"), and the LADO's pages on an allegation that involves C.
const KIND = 'note';
const NOTE_ID = await (async () => {
	const r = await req('POST', `/api/children/${C}/notes`, { session: await as('social_worker'), body: validNote() });
	assert.equal(r.status, 201, JSON.stringify(r.json));
	return Number(sql(`SELECT max(id) FROM note WHERE child_id = ${C} AND voided = 0`));
})();
const LADO_ID = await (async () => {
	const s = await as('lado');
	const [y, m, d] = AS_AT.split('-');
	const form = (fields) => {
		const f = new URLSearchParams({ csrf_token: s.csrf, ...fields });
		return { method: 'POST', headers: { Cookie: s.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: f.toString(), redirect: 'manual' };
	};
	let r = await fetch(`${URL_BASE}/lado`, form({ reference: 'ROLES-LADO', 'received_date-day': String(Number(d)),
		'received_date-month': String(Number(m)), 'received_date-year': y, category: 'physical', sector: 'education',
		adult_name: 'Sam Coach', adult_role: 'Coach', employer: 'Town FC', received_by: 'phone' }));
	const id = (r.headers.get('location') || '').match(/^\/lado\/(\d+)/)?.[1];
	assert.ok(id, `an allegation for the role test: ${r.status} ${await r.text()}`);
	r = await fetch(`${URL_BASE}/lado/${id}/child`, form({ la_child_id: sql(`SELECT la_child_id FROM child WHERE id = ${C}`) }));
	assert.equal(r.status, 303, 'the allegation involves C');
	return id;
})();
// The front door's decision is made on a contact not yet decided.
const CONTACT_ID = await (async () => {
	const r = await req('POST', `/api/children/${C}/records/contact`, { session: await as('front_door'),
		body: { contact_date: AS_AT, source: '1A' } });
	assert.equal(r.status, 201, JSON.stringify(r.json));
	return Number(sql(`SELECT max(id) FROM contact WHERE child_id = ${C} AND voided = 0`));
})();
// Routes that record one fixed kind: the role table's "records" decides them as it does {kind}.
const FIXED_KIND = { 'POST /api/children': 'child', 'POST /api/children/{id}/visits': 'visit',
	'POST /api/children/{id}/notes': 'note' };
for (const path of ['/lado/{name}', '/lado/{name}/edit', '/lado/{name}/child', '/lado/{name}/meeting']) SAMPLE[path] = LADO_ID;
// A request for a manager's authorisation: a social worker's decision to close a referral,
// which stands as a proposal (the referral saved open). On a child made for the purpose,
// allocated as C is to Team A's first worker, so C and the other files' fixtures are left as
// they were (the role test's empty answer to it stores nothing).
SAMPLE['/approvals/{rid}'] = await (async () => {
	let r = await page('POST', '/children', { session: await as('front_door'), form: { given_name: 'Roland',
		family_name: 'Rolesample', ...dateBoxes('dob', '2012-02-03'), sex: 'M', ethnicity: 'WBRI',
		la_child_id: 'HCROLES1', uasc: 'no', restricted: 'no' } });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const child = Number(r.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	r = await req('POST', `/api/children/${child}/allocations`, { session: await as('head_of_service'),
		body: { worker_id: WORKER.a1, kind: 'sw', start_date: AS_AT, reason: 'MANAGE' } });
	assert.equal(r.status, 201, r.text);
	r = await req('POST', `/api/children/${child}/records/referral`, { session: await as('social_worker'),
		body: { referral_date: AS_AT, source: '1A', nfa: false, closure_date: AS_AT, closure_reason: 'RC8' } });
	assert.equal(r.status, 201, JSON.stringify(r.json));
	const id = sql(`SELECT id FROM authorisation WHERE record_kind = 'referral' AND record_id = ${r.json.record.id} AND state = 'awaiting'`);
	assert.ok(Number(id) > 0, 'a request awaiting authorisation');
	return id;
})();

// A form or change for a kind of a child's record: the role table's "records" decides it.
const recordChange = (route) => route.path.includes('{kind}') &&
	(route.writes || /\/(new|edit|retract)$/.test(route.path));

function target(route, child) {
	let path = route.path.replace('{id}', String(child));
	if (path.endsWith('/decide')) path = path.replace('{kind}', 'contact').replace('{rid}', String(CONTACT_ID));
	if (path.includes('{kind}')) path = path.replace('{kind}', KIND).replace('{rid}', String(NOTE_ID));
	if (/\{[a-z_]+\}/.test(path)) {
		assert.ok(SAMPLE[route.path], `${route.method} ${route.path}: give a sample value for its parameter in SAMPLE`);
		path = path.replace(/\{[a-z_]+\}/, SAMPLE[route.path]);
	}
	return path;
}

// What the role table says `role` (an entry of TABLES.roles, or null: signed out) must get.
function expected(route, role) {
	// Sign-in through an identity provider is not set up on the suite's server (its own
	// server in tests/http/oidc.test.mjs), so its routes are not found, for anyone.
	if (route.path.startsWith('/oidc/')) return 404;
	if (route.open) return 'answer';
	if (role === null) return route.page ? 'sign-in' : 401;
	// A partner reaches a child's {kind} routes that need child_read by family_help; then,
	// as everyone, reads (and changes a row of) only the kinds the role table lets it read.
	const kindRoute = route.path.includes('{kind}');
	const partnerRead = route.permission === 'child_read' && kindRoute && role.permissions.includes('family_help');
	if (!role.permissions.includes(route.permission) && !partnerRead) return 403;
	if (route.writes && role.read_only) return 403;
	if (kindRoute && (route.permission === 'child_read' || route.path.includes('{rid}')) &&
		!role.reads.includes(route.path.endsWith('/decide') ? 'contact' : KIND)) return 403;
	// A kind the role reads only its own rows of (the partner's notes): the social worker's
	// note is, to it, no row at all.
	if (kindRoute && route.path.includes('{rid}') && !route.path.endsWith('/decide') && role.reads_own.includes(KIND)) return 404;
	if (recordChange(route) && !role.records.includes(route.path.endsWith('/decide') ? 'contact' : KIND)) return 403;
	const fixed = FIXED_KIND[`${route.method} ${route.path}`];
	if (fixed && !role.records.includes(fixed)) return 403;
	return 'answer';
}

// One request as a page or the API would send it (pages: a form with the CSRF token).
async function call(route, path, session) {
	if (!route.page) return req(route.method, path, { session, body: route.body ? {} : undefined });
	const headers = {};
	if (session) headers.Cookie = session.cookie;
	let body;
	if (route.method !== 'GET') {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = session ? new URLSearchParams({ csrf_token: session.csrf }).toString() : '';
	}
	const res = await fetch(URL_BASE + path, { method: route.method, headers, body, redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text };
}

function judge(route, who, want, r) {
	const at = `${route.method} ${route.path} as ${who}: ${r.status} ${r.text.slice(0, 160)}`;
	if (want === 'sign-in') {
		assert.equal(r.status, 303, at);
		// To sign in, and back to the page asked for once signed in (page.c).
		assert.match(r.headers.get('location'), /^\/sign-in(\?return=[^&]+)?$/, at);
	} else if (want === 403) {
		assert.equal(r.status, 403, at);
		if (route.page) assert.match(r.text, /^<!DOCTYPE html>/, at);
		else assert.ok(['permission', 'read_only'].includes(r.json && r.json.rule), at);
	} else if (want === 404) {
		assert.equal(r.status, 404, at);
		if (!route.page) assert.equal(r.json && r.json.rule, 'not_found', at);
	} else if (typeof want === 'number') {
		assert.equal(r.status, want, at);
	} else if (route.method === 'GET') {
		assert.ok(r.status === 200 || (r.status === 303 && r.headers.get('location') !== '/sign-in'), at);
	} else {
		// An empty change is refused (400, or 422 naming each missing field), or goes through.
		assert.ok([200, 201, 204, 303, 400, 422].includes(r.status) || (route.open && r.status === 401), at);
	}
}

test('the route table from the server: every API route is documented, every role has a test user', async () => {
	const doc = await (await fetch(`${URL_BASE}/api/openapi.json`)).json();
	const documented = [];
	for (const [path, ops] of Object.entries(doc.paths)) {
		for (const m of Object.keys(ops)) documented.push(`${m.toUpperCase()} ${path}`);
	}
	const api = TABLES.routes.filter((r) => !r.page).map((r) => `${r.method} ${r.path}`);
	assert.deepEqual(api.sort(), documented.sort());
	assert.ok(TABLES.routes.some((r) => r.page), 'pages are in the table');
	assert.deepEqual(TABLES.roles.map((r) => r.role).sort(), [...ROLES].sort());
});

for (const route of TABLES.routes) {
	test(`every role: ${route.method} ${route.path}${route.page ? ' (page)' : ''}`, async () => {
		// Signing out ends the session: a route that may (a change needing only to be
		// signed in) gets a session of its own for each role.
		const ends = route.method !== 'GET' && route.permission === 'signed_in';
		judge(route, 'signed out', expected(route, null), await call(route, target(route, C)));
		for (const role of TABLES.roles) {
			const session = ends ? await signIn(`test_${role.role}`) : await as(role.role);
			const want = expected(route, role);
			judge(route, role.role, want, await call(route, target(route, C), session));
			if (!route.child || want !== 'answer') continue;
			// Scope: out of it is the same 404 as no such child.
			// (A {rid} is a row of C's, so under another child it is not found either.)
			const outside = role.scope === 'team' || role.scope === 'own' || route.path.includes('{rid}') ? 404 : 'answer';
			judge(route, `${role.role} (a child of another team)`, outside, await call(route, target(route, CHILD.out), session));
			judge(route, `${role.role} (no such child)`, 404, await call(route, target(route, CHILD.none), session));
		}
	});
}

// The partner practitioner (test_partner, a school's, worker HTP1) leads HC1's Family Help
// and is named as lead on restricted HC3's without a grant. They see HC1's Family Help, and
// the visits and notes they wrote themselves, and nothing else of any child's record.
test('partner: sees only the child they lead, and only its Family Help', async () => {
	const p = await as(ptn);
	// Only HC1 in their list (HC3 is led but restricted and not granted; HC2 is not theirs).
	const list = await req('GET', '/api/children?q=Quenby', { session: p });
	assert.equal(list.status, 200);
	assert.deepEqual(list.json.children.map((c) => c.id), [C]);
	// HC1's Family Help, with the family plan: readable.
	const fh = await req('GET', `/api/children/${C}/records/family_help`, { session: p });
	assert.equal(fh.status, 200, fh.text);
	assert.equal(JSON.stringify(fh.json).includes('Attendance plan with the school'), true);
	// Another child's, and the restricted child's they are named on: as a child that does not exist.
	for (const id of [CHILD.out, CHILD.restricted]) {
		const other = await req('GET', `/api/children/${id}/records/family_help`, { session: p });
		const none = await req('GET', `/api/children/${CHILD.none}/records/family_help`, { session: p });
		assertError(other, 404, 'not_found', 'id');
		assert.equal(other.text, none.text);
	}
	// No other part of HC1's record: not the record, chronology, allocations, visits or notes
	// lists, due items, nor any other kind through {kind}.
	for (const suffix of ['', '/chronology', '/allocations', '/visits', '/notes', '/due']) {
		assertError(await req('GET', `/api/children/${C}${suffix}`, { session: p }), 403, 'permission');
	}
	for (const kind of ['cp_plan', 's47', 'referral', 'relationship', 'pre_proceedings', 'allocation', 'lado']) {
		assertError(await req('GET', `/api/children/${C}/records/${kind}`, { session: p }), 403, 'permission');
	}
	// No LADO, no measures, no front door, no administration.
	for (const path of ['/lado', '/front-door', '/performance', '/admin/users', '/due']) {
		const r = await req('GET', path, { session: p });
		assert.equal(r.status, 403, path);
	}
	// They record a note on HC1 (for themselves only), and Family Help, but no other kind.
	const n = await req('POST', `/api/children/${C}/notes`, { session: p, body: validNote() });
	assert.equal(n.status, 201, n.text);
	assertError(await req('POST', `/api/children/${C}/records/cp_plan`, { session: p, body: {} }), 403, 'permission', 'kind');
	// A note of the social worker's is neither readable nor correctable by the partner: to
	// them it is no note at all.
	const swNote = (await req('POST', `/api/children/${C}/records/note`, { session: await as(sw), body: validNote() })).json.record.id;
	assertError(await req('PATCH', `/api/children/${C}/records/note/${swNote}`,
		{ session: p, body: { reason: 'x', body: 'changed' } }), 404, 'not_found', 'rid');
	assertError(await req('GET', `/api/children/${C}/records/note/${swNote}/history`, { session: p }), 404, 'not_found', 'rid');
	// Every read is audited like anyone's: the Family Help read names HC1.
	await partnerReadsBack(p, n.json.note.id, swNote);
	// A note saved on the page goes back to their page of the child (partner.test.mjs), not to
	// a chronology they may not read.
	const form = await page('POST', `/children/${C}/notes`, { session: p, form: { ...dateBoxes('note_date', AS_AT),
		kind: 'case_note', child_voice: 'no', body: 'Spoke to Hazel at lunch' } });
	assert.equal(form.status, 303, form.text.slice(0, 300));
	assert.equal(form.headers.get('location'), `/children/${C}/family-help?done=note`);
	assert.equal((await page('GET', `/children/${C}/family-help`, { session: p })).status, 200);
	assert.equal((await page('GET', '/caseload', { session: p })).status, 200);
	const uid = sql("SELECT id FROM user_account WHERE username = 'test_partner'");
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE actor = 'user:${uid}' AND child_id = ${C}`)) > 0);
});

// The partner reads back the visits and notes they recorded on HC1, and no one else's: the
// lists hold only theirs (the social worker's fixture visit and notes are left out), each
// has its history, and another worker's row is not found (roles.c: reads_own).
async function partnerReadsBack(p, ownNote, swNote) {
	const v = await req('POST', `/api/children/${C}/visits`, { session: p, body: validVisit() });
	assert.equal(v.status, 201, v.text);
	const me = Number(sql("SELECT id FROM worker WHERE staff_id = 'HTP1'"));
	for (const [kind, own] of [['note', ownNote], ['visit', v.json.visit.id]]) {
		const list = await req('GET', `/api/children/${C}/records/${kind}`, { session: p });
		assert.equal(list.status, 200, list.text);
		const ids = list.json.records.map((x) => x.id);
		assert.ok(ids.includes(own), `${kind}: their own is listed`);
		assert.ok(list.json.records.every((x) => x.worker_id === me), `${kind}: only theirs (${JSON.stringify(ids)})`);
		assert.equal(list.json.total, ids.length);
		const others = Number(sql(`SELECT count(*) FROM ${kind} WHERE child_id = ${C} AND voided = 0 AND coalesce(worker_id, 0) <> ${me}`));
		assert.ok(others > 0, `${kind}: HC1 has other workers' rows to leave out`);
		const h = await req('GET', `/api/children/${C}/records/${kind}/${own}/history`, { session: p });
		assert.equal(h.status, 200, h.text);
	}
	assert.ok(!(await req('GET', `/api/children/${C}/records/note`, { session: p })).json.records.some((x) => x.id === swNote));
	// Another child's, even a note of theirs would be: out of scope (HC2 is not theirs).
	assertError(await req('GET', `/api/children/${CHILD.out}/records/note`, { session: p }), 404, 'not_found', 'id');
	// Still no chronology, no visits or notes pages of the whole record.
	for (const suffix of ['/chronology', '/visits', '/notes']) {
		assertError(await req('GET', `/api/children/${C}${suffix}`, { session: p }), 403, 'permission');
	}
}
