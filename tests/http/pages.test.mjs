// The web pages over HTTP (the browser suite, tests/browser/, drives them in chromium):
// every page route answers each role as the route table says, HTML only through the
// escaping writer with a Content-Security-Policy, forms refused without the session's
// CSRF token or from another site, a page refusal is a page, reads are audited, and the
// static assets are served from the binary.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHILD, ROLES, URL_BASE, as, fingerprint, raw, sql } from './lib.mjs';

// A page request: never follows redirects (a 303 is part of what is tested).
async function page(method, path, { session, form, headers = {} } = {}) {
	const h = { ...headers };
	if (session) h.Cookie = session.cookie;
	let body;
	if (form) {
		body = new URLSearchParams(form).toString();
		if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
			h['Content-Type'] = 'application/x-www-form-urlencoded';
		}
	}
	const res = await fetch(URL_BASE + path, { method, headers: h, body, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

// Which roles may open each page (the role table in src/model/roles.c, by permission).
const pages = [
	// partner: their list of the children they lead (child_list), and a visit's form (child_write: they
	// record visits), but not the record's pages (no child_read).
	{ path: '/caseload', roles: ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door', 'analyst',
		'head_of_service', 'inspector', 'partner'] },
	{ path: '/due', roles: ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'head_of_service', 'inspector'] },
	{ path: '/team', roles: ['team_manager', 'head_of_service'] },
	{ path: '/search?q=Quenby', roles: ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door',
		'analyst', 'head_of_service', 'inspector', 'partner'] },
	{ path: `/children/${CHILD.in}`, roles: ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door',
		'head_of_service', 'inspector'] },
	{ path: `/children/${CHILD.in}/visits/new`, roles: ['social_worker', 'team_manager', 'iro', 'personal_adviser',
		'front_door', 'partner'] },
	{ path: `/children/${CHILD.in}/reallocate`, roles: ['team_manager', 'head_of_service'] },
	// Multi-agency child protection teams: managers and the administrator (macpt).
	{ path: '/macpts', roles: ['team_manager', 'head_of_service', 'admin'] },
];

for (const p of pages) {
	test(`GET ${p.path.replace(/\d+/, '{id}')} answers each role as the role table says`, async () => {
		for (const role of ROLES) {
			const r = await page('GET', p.path, { session: await as(role) });
			const want = p.roles.includes(role) ? 200 : 403;
			assert.equal(r.status, want, `${role}: ${r.status} ${r.text.slice(0, 200)}`);
			assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8$/);
			assert.match(r.text, /^<!DOCTYPE html>/, `${role}: a page, refusals too`);
		}
	});
}

test('a child is found by LA child id, by name and by date of birth; a bad date is refused on the page', async () => {
	const s = await as('social_worker');
	for (const q of ['q=HC1', 'q=hazel', 'q=Hazel%20Quen', 'dob=3%2F4%2F2012', 'dob=2012-04-03', 'q=quenby&dob=3%2F4%2F2012']) {
		const r = await page('GET', `/search?${q}`, { session: s });
		assert.equal(r.status, 200, q);
		assert.ok(r.text.includes(`href="/children/${CHILD.in}"`), `${q} finds Hazel Quenby`);
		assert.doesNotMatch(r.text, new RegExp(`href="/children/${CHILD.out}"`), `${q}: not a child of another team`);
	}
	const bad = await page('GET', '/search?dob=31%2F2%2F2012', { session: s });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /govuk-error-summary[\s\S]*Date of birth must be a real date/);
});

test('pages carry a Content-Security-Policy that allows no inline script and no framing', async () => {
	const r = await page('GET', '/sign-in');
	assert.equal(r.status, 200);
	const csp = r.headers.get('content-security-policy');
	assert.match(csp, /default-src 'none'/);
	assert.match(csp, /script-src 'self'(;|$)/);
	assert.match(csp, /frame-ancestors 'none'/);
	assert.match(csp, /form-action 'self'/);
	assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
	assert.doesNotMatch(r.text, /<script>|<style>| on[a-z]+=/i, 'no inline script, style or handler');
	assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('signed out, a page sends you to sign in; an unknown page is a 404 page', async () => {
	const r = await page('GET', '/caseload');
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/sign-in?return=%2Fcaseload', 'and back here after signing in');
	const none = await page('GET', '/no-such-page');
	assert.equal(none.status, 404);
	assert.match(none.text, /Page not found/);
});

test('sign-in by form: a wrong password keeps the username, a right one sets the cookie', async () => {
	const bad = await page('POST', '/sign-in', { form: { username: 'test_front_door', password: 'wrong' } });
	assert.equal(bad.status, 401);
	assert.match(bad.text, /The username or password is not right/);
	assert.match(bad.text, /value="test_front_door"/);
	const good = await page('POST', '/sign-in', {
		form: { username: 'test_front_door', password: process.env.HEARTH_PASSWORD } });
	assert.equal(good.status, 303);
	assert.match(good.headers.get('set-cookie'), /^hearth_session=[0-9a-f]{64}; Path=\/; .*HttpOnly; SameSite=Strict/);
});

test('a form without the session CSRF token, or from another site, changes nothing', async () => {
	const s = await as('social_worker');
	const visit = { kind: 'cin', seen: 'yes', seen_alone: 'yes', child_said: 'x',
		'visit_date-day': '30', 'visit_date-month': '3', 'visit_date-year': '2026' };
	const before = fingerprint();
	const none = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: visit });
	assert.equal(none.status, 403);
	assert.match(none.text, /form has expired/);
	const wrong = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: { ...visit,
		csrf_token: '0'.repeat(64) } });
	assert.equal(wrong.status, 403);
	const other = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: { ...visit,
		csrf_token: s.csrf }, headers: { Origin: 'https://evil.example' } });
	assert.equal(other.status, 403);
	const cross = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: { ...visit,
		csrf_token: s.csrf }, headers: { 'Sec-Fetch-Site': 'cross-site' } });
	assert.equal(cross.status, 403);
	const json = await page('POST', `/children/${CHILD.in}/visits`, { session: s,
		headers: { 'Content-Type': 'application/json' } });
	assert.equal(json.status, 415);
	assert.equal(fingerprint(), before, 'nothing stored changed');
});

test("a browser's \"Origin: null\" is judged by its Sec-Fetch-Site", async () => {
	const form = { username: 'test_front_door', password: process.env.HEARTH_PASSWORD };
	const same = await page('POST', '/sign-in', { form, headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' } });
	assert.equal(same.status, 303);
	const bare = await page('POST', '/sign-in', { form, headers: { Origin: 'null' } });
	assert.equal(bare.status, 403);
});

test('a visit recorded by form is stored, with its revision, and redirects to the record', async () => {
	const s = await as('social_worker');
	const before = Number(sql('SELECT count(*) FROM visit'));
	const r = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: {
		csrf_token: s.csrf, 'visit_date-day': '30', 'visit_date-month': '3', 'visit_date-year': '2026',
		kind: 'cin', seen: 'yes', seen_alone: 'yes', child_said: 'Ich möchte bleiben\r\nat my school', summary: '' } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), `/children/${CHILD.in}/chronology?done=visit&new_findings=0`);
	assert.equal(Number(sql('SELECT count(*) FROM visit')), before + 1);
	const id = sql('SELECT max(id) FROM visit');
	assert.equal(sql(`SELECT child_said FROM visit WHERE id = ${id}`), 'Ich möchte bleiben\nat my school',
		'UTF-8 kept, CRLF stored as LF');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'visit' AND row_id = ${id}`), '1');
});

test('a refused form comes back with the error summary, what was typed, and nothing stored', async () => {
	const s = await as('social_worker');
	const before = fingerprint();
	const r = await page('POST', `/children/${CHILD.in}/visits`, { session: s, form: {
		csrf_token: s.csrf, 'visit_date-day': '31', 'visit_date-month': '2', 'visit_date-year': '2026',
		kind: 'cin', seen: 'yes', child_said: '<b>kept & escaped</b>' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary/);
	assert.match(r.text, /Visit date must be a real date/);
	assert.match(r.text, /Select Child seen alone/);
	assert.match(r.text, /&lt;b&gt;kept &amp; escaped&lt;\/b&gt;<\/textarea>/, 'typed text kept, escaped');
	assert.equal(fingerprint(), before);
});

test("reading a child's page is audited, with the page's route", async () => {
	const s = await as('social_worker');
	const before = Number(sql(`SELECT count(*) FROM audit WHERE child_id = ${CHILD.in} AND action = 'read'`));
	const r = await page('GET', `/children/${CHILD.in}`, { session: s });
	assert.equal(r.status, 200);
	assert.equal(Number(sql(`SELECT count(*) FROM audit WHERE child_id = ${CHILD.in} AND action = 'read'`)), before + 1);
	assert.equal(sql(`SELECT route FROM audit WHERE child_id = ${CHILD.in} ORDER BY id DESC LIMIT 1`),
		'GET /children/{id}');
	// Out of scope: the same 404 page as a child that does not exist, and audited as denied.
	const out = await page('GET', `/children/${CHILD.out}`, { session: s });
	const gone = await page('GET', `/children/${CHILD.none}`, { session: s });
	assert.equal(out.status, 404);
	assert.equal(gone.status, 404);
	assert.equal(out.text.replace(/csrf_token" value="[0-9a-f]+"/, ''), gone.text.replace(/csrf_token" value="[0-9a-f]+"/, ''));
	assert.equal(sql(`SELECT action FROM audit WHERE child_id = ${CHILD.out} ORDER BY id DESC LIMIT 1`), 'denied');
});

test('the static assets are served from the binary, cacheable, with their types', async () => {
	const css = await page('GET', '/assets/govuk-frontend.min.css');
	assert.equal(css.status, 200);
	assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
	assert.match(css.headers.get('cache-control'), /max-age=\d+/);
	assert.doesNotMatch(css.text, /@font-face/, 'no licensed typeface is asked for');
	const js = await page('GET', '/assets/hearth.js');
	assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
	assert.equal((await page('GET', '/assets/nothing.css')).status, 404);
	const climb = await raw('GET /assets/../api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
	assert.match(climb, /^HTTP\/1\.1 400 /);
});
