// The establishment of posts on /admin/teams/{rid} (issue 15, part 8), and the step up
// form (part 3; closing and stepping down are in tests/browser/closing.test.mjs): bad input
// shows the error summary and stores nothing (a checksum of every table); what saves is a
// revision of its row and an audit row; WF1.vacancy then counts from it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { as, checksum, req, sql, URL_BASE } from './lib.mjs';

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

test('the establishment of a team: bad input stores nothing, a number is saved as a revision', async () => {
	const s = await as('admin');
	const made = await page('POST', '/admin/teams', { session: s, form: { name: 'Establishment Team', service: 'cin_cp',
		'opened-day': '1', 'opened-month': '1', 'opened-year': '2020' } });
	assert.equal(made.status, 303, made.text.slice(0, 300));
	const team = sql(`SELECT id FROM team WHERE name = 'Establishment Team'`);
	for (const [value, message] of [['', /Enter the establishment/], ['many', /is not a number/],
		['-2', /0 or more/]]) {
		const before = checksum();
		const r = await page('POST', `/admin/teams/${team}/establishment`, { session: s, form: { establishment: value } });
		assert.equal(r.status, 400, `'${value}'`);
		assert.match(r.text, /govuk-error-summary/);
		assert.match(r.text, message, `'${value}'`);
		assert.equal(checksum(), before, `'${value}' stored nothing`);
	}
	const r = await page('POST', `/admin/teams/${team}/establishment`, { session: s, form: { establishment: '12.5' } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(sql(`SELECT establishment FROM team WHERE id = ${team}`), '12.5');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'team' AND row_id = ${team} AND action = 'update'`), '1');
	const list = await page('GET', '/admin/teams', { session: s });
	assert.match(list.text, /Establishment Team[\s\S]*?12\.5/);
	const one = await page('GET', `/admin/teams/${team}`, { session: s });
	assert.match(one.text, /id="establishment"[^>]*value="12\.5"/);
});

test('the step up form: bad input shows the error summary and stores nothing', async () => {
	const s = await as('team_manager');
	const child = sql(`SELECT c.id FROM child c JOIN allocation a ON a.child_id = c.id JOIN worker w ON w.id = a.worker_id
		WHERE w.team_id = (SELECT team_id FROM user_account WHERE username = 'test_team_manager') AND a.end_date IS NULL
		LIMIT 1`);
	assert.ok(child, 'a child of the manager\'s team');
	const form = await page('GET', `/children/${child}/step-up`, { session: s });
	assert.equal(form.status, 200);
	assert.match(form.text, /Step up to social care/);
	const before = checksum();
	const r = await page('POST', `/children/${child}/step-up`, { session: s, form: {} });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*href="#referral_date-day"[\s\S]*href="#source"/);
	assert.equal(checksum(), before, 'nothing stored');
});
