// The administrator's pages (src/web/pages/admin*.c): users, teams, local settings, the
// inspection history and the audit trail. Each page answers the administrator and refuses
// every other role; a social worker created here signs in and sees only their team's
// children; disabling them refuses their very next request; bad input on every form shows
// the error summary and stores nothing (a checksum of every table); every change leaves
// an audit row.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHILD, PASSWORD, ROLES, URL_BASE, as, checksum, fromAddress, req, signIn, sql } from './lib.mjs';

async function page(method, path, { session, form } = {}) {
	const headers = {};
	if (session) headers.Cookie = session.cookie;
	let body;
	if (form) {
		body = new URLSearchParams({ csrf_token: session.csrf, ...form }).toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const res = await fetch(URL_BASE + path, { method, headers, body, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

const ADMIN_PAGES = ['/admin/users', '/admin/users/new', '/admin/teams', '/admin/settings', '/admin/inspections',
	'/admin/inspections/new'];
const userId = (name) => sql(`SELECT id FROM user_account WHERE username = '${name}'`);
const teamId = (name) => sql(`SELECT id FROM team WHERE name = '${name}'`);
const workerId = (staff) => sql(`SELECT id FROM worker WHERE staff_id = '${staff}'`);
const auditCount = (where) => Number(sql(`SELECT count(*) FROM audit WHERE ${where}`));

test('every administration page answers the administrator and refuses every other role', async () => {
	const pages = [...ADMIN_PAGES, `/admin/users/${userId('test_analyst')}`, `/admin/teams/${teamId('HTTP Team A')}`];
	for (const role of ROLES) {
		const s = await as(role);
		for (const p of pages) {
			const r = await page('GET', p, { session: s });
			assert.equal(r.status, role === 'admin' ? 200 : 403, `${role} ${p}: ${r.text.slice(0, 200)}`);
			assert.match(r.text, /^<!DOCTYPE html>/);
		}
		// The audit trail: for the role with audit_read (the administrator).
		const a = await page('GET', '/admin/audit', { session: s });
		assert.equal(a.status, role === 'admin' ? 200 : 403, `${role} /admin/audit`);
	}
	const list = await page('GET', '/admin/users', { session: await as('admin') });
	assert.match(list.text, /test_social_worker/);
	assert.match(list.text, /Last signed in/);
	assert.doesNotMatch(list.text, /argon2/, 'no password hash on the page');
});

test('an administrator creates a social worker who sees only their team\'s children; disabling them refuses their next request', async () => {
	const admin = await as('admin');
	const name = `web_sw_${Date.now() % 100000}`;
	const r = await page('POST', '/admin/users', { session: admin, form: { username: name, role: 'social_worker',
		team_id: teamId('HTTP Team B'), worker_id: workerId('HTB1'), password: 'a-long-enough-password' } });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const id = userId(name);
	assert.match(r.headers.get('location'), new RegExp(`^/admin/users/${id}\\?done=added$`));
	assert.equal(auditCount(`action = 'user_admin' AND section = 'user ${name} added as social_worker' ` +
		`AND actor = 'user:${userId('test_admin')}'`), 1);
	// The password is stored only as its argon2id hash.
	assert.match(sql(`SELECT password_hash FROM user_account WHERE id = ${id}`), /^\$argon2id\$/);

	const sw = await signIn(name, 'a-long-enough-password');
	const kids = await req('GET', '/api/children?q=Quenby', { session: sw });
	assert.equal(kids.status, 200);
	assert.deepEqual(kids.json.children.map((c) => c.id), [CHILD.out], 'only Team B\'s child');
	const caseload = await page('GET', '/caseload', { session: sw });
	assert.equal(caseload.status, 200);
	assert.ok(caseload.text.includes(`href="/children/${CHILD.out}"`));
	assert.ok(!caseload.text.includes(`href="/children/${CHILD.in}"`));

	const off = await page('POST', `/admin/users/${id}/disable`, { session: admin, form: { confirm: 'yes' } });
	assert.equal(off.status, 303, off.text.slice(0, 400));
	assert.equal(sql(`SELECT disabled FROM user_account WHERE id = ${id}`), '1');
	assert.equal(sql(`SELECT count(*) FROM user_session WHERE user_id = ${id} AND ended_at IS NULL`), '0');
	assert.equal(auditCount(`action = 'user_admin' AND section = 'user ${id} disabled; their sessions ended'`), 1);
	// Their very next request is refused, on the API and on a page; and they cannot sign in.
	assert.equal((await req('GET', '/api/children?q=Quenby', { session: sw })).status, 401);
	const next = await page('GET', '/caseload', { session: sw });
	assert.equal(next.status, 303);
	assert.match(next.headers.get('location'), /^\/sign-in/);
	const again = await req('POST', '/api/session', { body: { username: name, password: 'a-long-enough-password' } });
	assert.equal(again.status, 401);
});

test('a generated password is shown once and works; a reset and a role change are audited', async () => {
	const admin = await as('admin');
	const name = `web_gen_${Date.now() % 100000}`;
	const r = await page('POST', '/admin/users', { session: admin, form: { username: name, role: 'analyst',
		generate: 'yes' } });
	assert.equal(r.status, 201, r.text.slice(0, 400));
	const pw = r.text.match(/data-hearth="password">([0-9a-f]{16})</)[1];
	await signIn(name, pw);
	const id = userId(name);
	const reset = await page('POST', `/admin/users/${id}/password`, { session: admin,
		form: { password: 'another-long-password' } });
	assert.equal(reset.status, 303);
	await signIn(name, 'another-long-password');
	assert.equal(auditCount(`action = 'user_admin' AND section = 'user ${id} password changed; their sessions ended'`), 1);
	assert.ok(!sql(`SELECT section FROM audit WHERE section LIKE '%${id}%'`).includes('another'));
	const role = await page('POST', `/admin/users/${id}/role`, { session: admin,
		form: { role: 'team_manager', team_id: teamId('HTTP Team A') } });
	assert.equal(role.status, 303, role.text.slice(0, 400));
	assert.equal(sql(`SELECT role || ' ' || team_id FROM user_account WHERE id = ${id}`),
		`team_manager ${teamId('HTTP Team A')}`);
	assert.equal(auditCount(`action = 'user_admin' AND section = 'user ${id} role set to team_manager'`), 1);
});

test('unlock after failed sign-ins: the throttled user may sign in again at once', async () => {
	const admin = await as('admin');
	const name = `web_lock_${Date.now() % 100000}`;
	assert.equal((await page('POST', '/admin/users', { session: admin, form: { username: name, role: 'analyst',
		password: 'locked-out-password' } })).status, 303);
	const headers = { 'Content-Type': 'application/json' };
	const body = (p) => JSON.stringify({ username: name, password: p });
	// Wrong passwords from one address hold back the account from that address (a growing
	// delay: the right password from elsewhere would still get in, signin.test.mjs).
	for (let i = 0; i < 6; i++) {
		const w = await fromAddress('127.0.0.55', 'POST', '/api/session', { body: body(`wrong-${i}`), headers });
		assert.ok([401, 429].includes(w.status), `wrong password ${i}: ${w.status}`);
	}
	const locked = await fromAddress('127.0.0.55', 'POST', '/api/session', { body: body('locked-out-password'), headers });
	assert.equal(locked.status, 429, 'held back before the unlock');
	const id = userId(name);
	const un = await page('POST', `/admin/users/${id}/unlock`, { session: admin, form: { confirm: 'yes' } });
	assert.equal(un.status, 303, un.text.slice(0, 300));
	assert.equal(auditCount(`action = 'user_admin' AND section LIKE 'sign-in unlocked for user ${name}%'`), 1);
	const ok = await fromAddress('127.0.0.55', 'POST', '/api/session', { body: body('locked-out-password'), headers });
	assert.equal(ok.status, 200, ok.text);
});

test('bad input on every form: the error summary names the field, and nothing is stored', async () => {
	const admin = await as('admin');
	const uid = userId('test_analyst');
	const teamA = teamId('HTTP Team A');
	const before = checksum();
	const cases = [
		['/admin/users', { username: 'Bad Name!', role: 'social_worker', team_id: teamA, password: 'long-enough-pw' }, /Username must be/],
		['/admin/users', { username: 'test_analyst', role: 'analyst', password: 'long-enough-pw' }, /already a user called test_analyst/],
		['/admin/users', { username: 'nobody_here', role: 'wizard', password: 'long-enough-pw' }, /Select a role from the list/],
		['/admin/users', { username: 'nobody_here', role: 'social_worker', password: 'long-enough-pw' }, /Select the team/],
		['/admin/users', { username: 'nobody_here', role: 'analyst', password: 'short' }, /Password must be 10 to 1024/],
		['/admin/users', { username: 'nobody_here', role: 'analyst' }, /Enter a password/],
		[`/admin/users/${uid}/role`, { role: 'analyst', team_id: '999999' }, /Select an open team/],
		[`/admin/users/${uid}/password`, { password: 'short' }, /Password must be/],
		[`/admin/users/${uid}/unlock`, {}, /Tick the box to confirm you want to unlock/],
		[`/admin/users/${uid}/disable`, { confirm: 'no' }, /Tick the box to confirm you want to disable/],
		[`/admin/users/${userId('test_admin')}/disable`, { confirm: 'yes' }, /cannot disable yourself/],
		['/admin/teams', { name: '', service: 'cin_cp', 'opened-day': '1', 'opened-month': '1', 'opened-year': '2026' }, /Enter Name/],
		['/admin/teams', { name: 'HTTP Team A', service: 'cin_cp', 'opened-day': '1', 'opened-month': '1', 'opened-year': '2026' }, /Name/],
		['/admin/teams', { name: 'A new team', service: 'cin_cp', 'opened-day': '31', 'opened-month': '2', 'opened-year': '2026' }, /Opened must be a real date/],
		[`/admin/teams/${teamA}/rename`, { name: '' }, /Enter Name/],
		[`/admin/teams/${teamA}/close`, { 'closed-day': '31', 'closed-month': '3', 'closed-year': '2026' }, /cannot close: its workers hold \d+ open allocation/],
		[`/admin/teams/${teamA}/close`, {}, /Enter a date for Closed/],
		['/admin/settings', { caseload_threshold: 'abc' }, /Caseload threshold: &#39;abc&#39; is not a whole number \(rule: whole_number\)|Caseload threshold: 'abc' is not a whole number/],
		['/admin/inspections', { kind: '' }, /Enter a date for Inspection began/],
	];
	// Settings: every other value as it stands, one refused.
	const settings = await page('GET', '/admin/settings', { session: admin });
	const current = Object.fromEntries([...settings.text.matchAll(/name="([a-z_]+)" type="text" aria-describedby="[^"]*" value="([^"]*)"/g)]
		.map((m) => [m[1], m[2]]));
	assert.ok(current.caseload_threshold, 'the settings form shows the caseload threshold');
	for (const [path, form, message] of cases) {
		const f = path === '/admin/settings' ? { ...current, ...form } : form;
		const r = await page('POST', path, { session: admin, form: f });
		assert.equal(r.status, 400, `${path} ${JSON.stringify(form)}: ${r.status} ${r.text.slice(0, 300)}`);
		assert.match(r.text, /govuk-error-summary/, path);
		assert.match(r.text, message, `${path} ${JSON.stringify(form)}`);
	}
	assert.equal(checksum(), before, 'nothing stored');
});

test('teams: create, rename and close an empty team, each audited', async () => {
	const admin = await as('admin');
	const name = `Web Team ${Date.now() % 100000}`;
	const r = await page('POST', '/admin/teams', { session: admin, form: { name, service: 'cin_cp', 'opened-day': '2',
		'opened-month': '3', 'opened-year': '2026' } });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const id = teamId(name);
	assert.ok(id);
	assert.equal(auditCount(`action = 'create' AND section = 'team' AND actor = 'user:${userId('test_admin')}'`) >= 1, true);
	const rn = await page('POST', `/admin/teams/${id}/rename`, { session: admin, form: { name: `${name} renamed` } });
	assert.equal(rn.status, 303, rn.text.slice(0, 400));
	assert.equal(sql(`SELECT name FROM team WHERE id = ${id}`), `${name} renamed`);
	const cl = await page('POST', `/admin/teams/${id}/close`, { session: admin, form: { 'closed-day': '31',
		'closed-month': '3', 'closed-year': '2026' } });
	assert.equal(cl.status, 303, cl.text.slice(0, 400));
	assert.equal(sql(`SELECT closed FROM team WHERE id = ${id}`), '2026-03-31');
	assert.equal(Number(sql(`SELECT count(*) FROM revision WHERE tbl = 'team' AND row_id = ${id}`)), 3);
	assert.equal(auditCount(`action = 'update' AND section = 'team' AND actor = 'user:${userId('test_admin')}'`) >= 2, true);
});

test('settings: a changed value is stored, audited and shown; the default is shown beside it', async () => {
	const admin = await as('admin');
	const s = await page('GET', '/admin/settings', { session: admin });
	const form = Object.fromEntries([...s.text.matchAll(/name="([a-z_]+)" type="text" aria-describedby="[^"]*" value="([^"]*)"/g)]
		.map((m) => [m[1], m[2]]));
	assert.match(s.text, /Default: 18 cases per FTE/);
	const next = String(Number(form.caseload_threshold) === 21 ? 22 : 21);
	const r = await page('POST', '/admin/settings', { session: admin, form: { ...form, caseload_threshold: next } });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	assert.equal(sql("SELECT value FROM setting WHERE key = 'caseload_threshold' AND voided = 0"), next);
	assert.ok(auditCount(`section = 'setting' AND actor = 'user:${userId('test_admin')}'`) >= 1);
	const again = await page('GET', '/admin/settings', { session: admin });
	assert.match(again.text, new RegExp(`id="caseload_threshold" name="caseload_threshold" type="text" aria-describedby="[^"]*" value="${next}"`));
	// Put it back, so other tests see the default.
	assert.equal((await page('POST', '/admin/settings', { session: admin, form: { ...form } })).status, 303);
});

test('inspections: add one and correct it; the inspection page shows it', async () => {
	const admin = await as('admin');
	const before = Number(sql('SELECT count(*) FROM inspection'));
	const form = { 'start_date-day': '9', 'start_date-month': '2', 'start_date-year': '2026', kind: 'focused_visit',
		grade_overall: '', findings: 'Managers know their services well' };
	const r = await page('POST', '/admin/inspections', { session: admin, form });
	assert.equal(r.status, 303, r.text.slice(0, 600));
	assert.equal(Number(sql('SELECT count(*) FROM inspection')), before + 1);
	const id = sql('SELECT max(id) FROM inspection');
	const c = await page('POST', `/admin/inspections/${id}`, { session: admin, form: { ...form, findings: 'Corrected findings' } });
	assert.equal(c.status, 303, c.text.slice(0, 600));
	assert.equal(sql(`SELECT findings FROM inspection WHERE id = ${id}`), 'Corrected findings');
	assert.ok(auditCount(`section = 'inspection' AND action = 'update' AND actor = 'user:${userId('test_admin')}'`) >= 1);
	const list = await page('GET', '/admin/inspections', { session: admin });
	assert.ok(list.text.includes(`href="/admin/inspections/${id}"`));
});

test('the audit trail: filtered by user, child and dates, newest first, paged; a bad filter is refused', async () => {
	const admin = await as('admin');
	await req('GET', `/api/children/${CHILD.in}`, { session: await as('social_worker') });
	const la = sql(`SELECT la_child_id FROM child WHERE id = ${CHILD.in}`);
	const r = await page('GET', `/admin/audit?user=test_social_worker&child=${la}&limit=5`, { session: admin });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const rows = [...r.text.matchAll(/<tr class="govuk-table__row"><td class="govuk-table__cell">([^<]+)<\/td><td class="govuk-table__cell">([^<]+)<\/td><td class="govuk-table__cell">[^<]*<\/td><td class="govuk-table__cell">(\d*)<\/td>/g)];
	assert.ok(rows.length > 0 && rows.length <= 5, `rows: ${rows.length}`);
	const sw = `user:${userId('test_social_worker')}`;
	for (const m of rows) {
		assert.equal(m[2], sw);
		assert.equal(Number(m[3]), CHILD.in);
	}
	const times = rows.map((m) => m[1]);
	assert.deepEqual([...times].sort().reverse(), times, 'newest first');
	const total = Number(sql(`SELECT count(*) FROM audit WHERE actor = '${sw}' AND child_id = ${CHILD.in}`));
	assert.match(r.text, new RegExp(`>${total} rows?, newest first<`));
	if (total > 5) assert.match(r.text, /rel="next"/);
	// Dates: a day with no rows, then a bad date and a reversed range.
	const none = await page('GET', '/admin/audit?from=2001-01-01&to=2001-01-02', { session: admin });
	assert.match(none.text, /0 rows, newest first/);
	const bad = await page('GET', '/admin/audit?from=2026-02-31', { session: admin });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /govuk-error-summary[\s\S]*From must be a real date/);
	const rev = await page('GET', '/admin/audit?from=2026-03-02&to=2026-03-01', { session: admin });
	assert.equal(rev.status, 400);
	const who = await page('GET', '/admin/audit?user=no_such_person', { session: admin });
	assert.equal(who.status, 400);
	assert.match(who.text, /there is no user called no_such_person/);
	// Reading the trail is itself audited.
	assert.ok(auditCount(`section = 'audit trail' AND actor = 'user:${userId('test_admin')}'`) >= 1);
});
