// Multi-agency child protection teams on the web (issue 19, part 3; src/web/pages/macpt.c):
// a manager sets up a team, adds members by agency and role, ends a membership, renames
// and closes the team, each change a revision and audited; bad input gets GOV.UK's error
// summary and stores nothing; the roles the role table does not give PERM_MACPT are
// refused; and the s.47 and CP plan forms offer the teams not ended, drawn by the
// descriptor's reference field.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, CHILD, DB, HEARTH, as, checksum, dateBoxes, page, sql } from './lib.mjs';

const errors = (r) => r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 400);

async function newTeam(s, name, area = 'South') {
	const r = await page('POST', '/macpts', { session: s, form: { name, area, ...dateBoxes('start_date', '2026-01-05') } });
	assert.equal(r.status, 303, errors(r));
	const m = r.headers.get('location').match(/^\/macpts\/(\d+)\?done=saved$/);
	assert.ok(m, r.headers.get('location'));
	return Number(m[1]);
}

test('a team from set-up to closing: members by agency and role, each change a revision', async () => {
	const s = await as('team_manager');
	const id = await newTeam(s, 'HTTP South MACPT');
	assert.equal(sql(`SELECT name || '|' || area || '|' || start_date FROM macpt WHERE id = ${id}`), 'HTTP South MACPT|South|2026-01-05');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'macpt' AND row_id = ${id} AND action = 'insert'`), '1');
	// Members: a named police officer, and a worker of ours (a social worker), by agency and role.
	let r = await page('GET', `/macpts/${id}/members/new`, { session: s });
	assert.equal(r.status, 200);
	assert.match(r.text, /name="agency"/, 'the agency is offered from its code list');
	assert.match(r.text, /Education/);
	r = await page('POST', `/macpts/${id}/members`, { session: s, form: { agency: 'police', role: 'Detective sergeant',
		name: 'Ann Officer', ...dateBoxes('start_date', '2026-01-05') } });
	assert.equal(r.status, 303, errors(r));
	const worker = sql("SELECT id FROM worker WHERE staff_id = 'HTA1'");
	r = await page('POST', `/macpts/${id}/members`, { session: s, form: { agency: 'social_work', role: 'Lead child protection practitioner',
		worker_id: worker, ...dateBoxes('start_date', '2026-01-05') } });
	assert.equal(r.status, 303, errors(r));
	// One row a member, joined here (group_concat is SQLite's only; the test runs on both).
	assert.equal(sql(`SELECT agency || ':' || role FROM macpt_member WHERE macpt_id = ${id} ORDER BY id`).split('\n').join(','),
		'police:Detective sergeant,social_work:Lead child protection practitioner');
	r = await page('GET', `/macpts/${id}`, { session: s });
	assert.equal(r.status, 200);
	assert.match(r.text, /Ann Officer/);
	assert.match(r.text, /Test Worker HTA1/);
	assert.equal((r.text.match(/data-current/g) || []).length, 2, 'both members current');
	// The officer leaves: their membership ends (a correction, with its reason).
	const officer = sql(`SELECT id FROM macpt_member WHERE macpt_id = ${id} AND agency = 'police'`);
	r = await page('GET', `/macpts/members/${officer}/edit`, { session: s });
	assert.equal(r.status, 200);
	r = await page('POST', `/macpts/members/${officer}`, { session: s, form: { agency: 'police', role: 'Detective sergeant',
		name: 'Ann Officer', ...dateBoxes('start_date', '2026-01-05'), ...dateBoxes('end_date', '2026-02-01'),
		reason: 'Moved to another district' } });
	assert.equal(r.status, 303, errors(r));
	assert.equal(sql(`SELECT end_date FROM macpt_member WHERE id = ${officer}`), '2026-02-01');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'macpt_member' AND row_id = ${officer} AND reason = 'Moved to another district'`), '1');
	r = await page('GET', `/macpts/${id}`, { session: s });
	assert.equal((r.text.match(/data-current/g) || []).length, 1, 'one member current');
	// Renamed, then closed.
	r = await page('POST', `/macpts/${id}`, { session: s, form: { name: 'HTTP South and West MACPT', area: 'South and West',
		...dateBoxes('start_date', '2026-01-05'), reason: 'Merged with the west' } });
	assert.equal(r.status, 303, errors(r));
	assert.equal(sql(`SELECT name FROM macpt WHERE id = ${id}`), 'HTTP South and West MACPT');
	r = await page('POST', `/macpts/${id}`, { session: s, form: { name: 'HTTP South and West MACPT', area: 'South and West',
		...dateBoxes('start_date', '2026-01-05'), ...dateBoxes('end_date', '2026-03-01'), reason: 'Closed' } });
	assert.equal(r.status, 303, errors(r));
	assert.equal(sql(`SELECT end_date FROM macpt WHERE id = ${id}`), '2026-03-01');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'macpt' AND row_id = ${id}`), '3');
	// Listed, and every page read audited.
	r = await page('GET', '/macpts', { session: s });
	assert.equal(r.status, 200);
	assert.match(r.text, new RegExp(`data-macpt="${id}"`));
	assert.ok(Number(sql("SELECT count(*) FROM audit WHERE section IN ('macpt list', 'macpt') AND action = 'read'")) > 0,
		'the pages are audited');
	// The closed team is no longer offered on a new s.47; the fixture's open one is.
	r = await page('GET', `/children/${CHILD.in}/records/s47/new`, { session: await as('social_worker') });
	assert.equal(r.status, 200);
	assert.match(r.text, /name="macpt_id"/, 'the s.47 form has the MACPT field');
	assert.match(r.text, /HTTP MACPT \(North\)/);
	assert.doesNotMatch(r.text, /HTTP South and West MACPT/);
	r = await page('GET', `/children/${CHILD.in}/records/cp_plan/new`, { session: await as('social_worker') });
	assert.equal(r.status, 200);
	assert.match(r.text, /HTTP MACPT \(North\)/);
});

test('bad input on the MACPT forms: the error summary, nothing stored', async () => {
	const s = await as('admin');
	const id = await newTeam(s, 'HTTP Bad Input MACPT');
	const before = checksum();
	let r = await page('POST', '/macpts', { session: s, form: {} });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*There is a problem/);
	// A name another team has.
	r = await page('POST', '/macpts', { session: s, form: { name: 'HTTP Bad Input MACPT', ...dateBoxes('start_date', AS_AT) } });
	assert.equal(r.status, 400, 'a second team of the same name');
	assert.match(r.text, /govuk-error-summary/);
	// An agency not in the code list; a member with neither worker nor name; leaving before joining.
	r = await page('POST', `/macpts/${id}/members`, { session: s, form: { agency: 'fire', role: 'Officer', name: 'X',
		...dateBoxes('start_date', AS_AT) } });
	assert.equal(r.status, 400);
	assert.match(errors(r), /href="#agency/);
	r = await page('POST', `/macpts/${id}/members`, { session: s, form: { agency: 'health', role: 'Named nurse',
		...dateBoxes('start_date', AS_AT) } });
	assert.equal(r.status, 400);
	assert.match(errors(r), /Select the worker, or enter the member/);
	r = await page('POST', `/macpts/${id}/members`, { session: s, form: { agency: 'health', role: 'Named nurse', name: 'N',
		...dateBoxes('start_date', '2026-03-01'), ...dateBoxes('end_date', '2026-02-01') } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary/);
	// A change with no reason; closing before it began.
	r = await page('POST', `/macpts/${id}`, { session: s, form: { name: 'Renamed', ...dateBoxes('start_date', '2026-01-05') } });
	assert.equal(r.status, 400);
	assert.match(errors(r), /href="#reason/);
	r = await page('POST', `/macpts/${id}`, { session: s, form: { name: 'Renamed', ...dateBoxes('start_date', '2026-01-05'),
		...dateBoxes('end_date', '2025-01-01'), reason: 'x' } });
	assert.equal(r.status, 400);
	assert.equal(checksum(), before, 'nothing stored');
});

test('who may: the roles the role table gives PERM_MACPT; no one else', async () => {
	for (const role of ['team_manager', 'head_of_service', 'admin']) {
		assert.equal((await page('GET', '/macpts', { session: await as(role) })).status, 200, role);
	}
	for (const role of ['social_worker', 'iro', 'personal_adviser', 'lado', 'front_door', 'analyst', 'inspector', 'partner']) {
		const s = await as(role);
		assert.equal((await page('GET', '/macpts', { session: s })).status, 403, role);
		assert.equal((await page('POST', '/macpts', { session: s, form: { name: `No ${role}`, ...dateBoxes('start_date', AS_AT) } })).status, 403, role);
	}
	assert.equal(sql("SELECT count(*) FROM macpt WHERE name LIKE 'No %'"), '0');
});

// The duty check on the web, either side of the day it applies (the setting, here 2 March
// 2026 for the test, put back after): an s.47 whose strategy discussion is on 2 March with no
// MACPT is saved with the warning MACPT1Q, which the child's page lists; one on 1 March, the
// day before, is not warned about; and one on 2 March naming the MACPT is not either.
test('the MACPT duty: a warning on save and in the child\'s findings from the duty date, none before it', async () => {
	const s = await as('social_worker');
	const add = await page('POST', '/children', { session: s, form: { given_name: 'Mae', family_name: 'Dutyday',
		...dateBoxes('dob', '2014-04-04'), sex: 'F', ethnicity: 'WBRI', la_child_id: 'HCMACPT1', uasc: 'no', restricted: 'no' } });
	assert.equal(add.status, 303, add.text.slice(0, 400));
	const id = Number(add.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	let r = await page('POST', `/children/${id}/records/referral`, { session: s, form: {
		...dateBoxes('referral_date', '2026-02-02'), source: '1A', primary_need: 'N1', nfa: 'no' } });
	assert.equal(r.status, 303, errors(r));
	const referral = sql(`SELECT id FROM referral WHERE child_id = ${id}`);
	const macpt = sql("SELECT id FROM macpt WHERE name = 'HTTP MACPT'");
	const s47 = async (day, withMacpt) => {
		const res = await page('POST', `/children/${id}/records/s47`, { session: s, form: { referral_id: referral,
			...dateBoxes('strategy_date', day), icpc_not_required: 'yes', ...(withMacpt ? { macpt_id: macpt } : {}) } });
		assert.equal(res.status, 303, errors(res));
		return res.headers.get('location');
	};
	// The child's findings (the overview's Data quality table): how many are MACPT1Q.
	const macptFindings = async () => {
		const o = await page('GET', `/children/${id}`, { session: s });
		assert.equal(o.status, 200);
		const table = o.text.match(/data-hearth="child-findings"[\s\S]*?<\/table>/)?.[0] ?? '';
		return (table.match(/MACPT1Q/g) || []).length;
	};
	const settings = (v) => execFileSync(HEARTH, ['settings', DB, 'set', 'macpt_duty_from', v], { encoding: 'utf8' });
	settings('2026-03-02');
	try {
		await s47('2026-03-01', false);
		assert.equal(await macptFindings(), 0, 'the day before the duty date, no MACPT: no finding');
		await s47('2026-03-02', true);
		assert.equal(await macptFindings(), 0, 'on the day, naming the MACPT: no finding');
		const where = await s47('2026-03-02', false);
		assert.ok(Number(where.match(/new_findings=(\d+)/)?.[1]) >= 1, `saved with the warning: ${where}`);
		assert.equal(await macptFindings(), 1, 'on the day with no MACPT: one finding');
	} finally {
		settings('2026-04-29');
	}
	assert.equal(await macptFindings(), 0, 'the duty from 29 April: none of these is warned about');
});
