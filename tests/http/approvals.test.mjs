// Managers' authorisation (issue 15, part 2; src/work/authorise.c, src/web/pages/approvals.c):
// a social worker's save that ends an assessment stands as awaiting authorisation (the
// authorisation date held back from the record); the team manager sees it on /approvals,
// authorises it (a revision naming the manager, audited; the assessment takes the
// authorisation date, from which AS1 counts) or returns it with a reason, which the worker
// sees on their home page, amends and resubmits. Bad input shows the error summary and
// stores nothing; a social worker cannot authorise. The children here are new, allocated
// to Team A's first worker, so other files' fixtures are left as they were.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, DB, HEARTH, WORKER, as, req, sql, page, dateBoxes } from './lib.mjs';

const summary = (text) => text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0];

// A new child (made at the front door) allocated to Team A's first worker (HTA1,
// test_social_worker) from 5 January 2026, with no referral yet. Returns the child's id.
async function allocatedChild(given, family, la, dob, sex) {
	let r = await page('POST', '/children', { session: await as('front_door'), form: {
		given_name: given, family_name: family, ...dateBoxes('dob', dob), sex, ethnicity: 'WBRI',
		la_child_id: la, uasc: 'no', restricted: 'no' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	const child = Number(r.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	r = await req('POST', `/api/children/${child}/allocations`, { session: await as('head_of_service'),
		body: { worker_id: WORKER.a1, kind: 'sw', start_date: '2026-01-05', reason: 'MANAGE' } });
	assert.equal(r.status, 201, r.text);
	return child;
}

// allocatedChild, with the worker's referral of 5 January 2026 (or referralDate). Returns
// { child, la, referral, sw } (sw: the social worker's session).
async function childWithReferral(given, family, la, dob, sex, referralDate = '2026-01-05') {
	const child = await allocatedChild(given, family, la, dob, sex);
	const sw = await as('social_worker');
	const r = await req('POST', `/api/children/${child}/records/referral`, { session: sw,
		body: { referral_date: referralDate, source: '1A', nfa: false, primary_need: 'N1' } });
	assert.equal(r.status, 201, r.text);
	return { child, la, referral: r.json.record.id, sw };
}

// A child of Team A's first worker (HTA1, test_social_worker), with a referral of 5 January
// 2026 and an assessment begun the next day that the worker ends on 2 February. Returns
// { child, la, assessment, request }.
let n = 0;
async function assessmentAwaiting(given) {
	n += 1;
	const { child, la, referral, sw } = await childWithReferral(given, 'Approvals', `HCAP${n}`, '2015-06-01', 'M');
	const r = await req('POST', `/api/children/${child}/records/assessment`, { session: sw,
		body: { referral_id: referral, start_date: '2026-01-06', authorised_date: '2026-02-02', factors: '2B' } });
	assert.equal(r.status, 201, r.text);
	const assessment = r.json.record.id;
	const request = Number(sql(`SELECT id FROM authorisation WHERE record_kind = 'assessment' AND record_id = ${assessment}`));
	assert.ok(request > 0, 'the save asked for authorisation');
	return { child, la, referral, assessment, request };
}

test('an assessment ended by a social worker awaits authorisation, and the manager authorises it', async () => {
	const k = await assessmentAwaiting('Abe');
	// The save stands, awaiting: the assessment is not complete until it is authorised.
	assert.equal(sql(`SELECT coalesce(authorised_date, 'blank') FROM assessment WHERE id = ${k.assessment}`), 'blank');
	assert.equal(sql(`SELECT state || '|' || asked_by || '|' || asked_date || '|' || point FROM authorisation WHERE id = ${k.request}`),
		`awaiting|${WORKER.a1}|${AS_AT}|assessment_end`);

	const tm = await as('team_manager');
	const list = await page('GET', '/approvals', { session: tm });
	assert.equal(list.status, 200);
	const row = list.text.match(new RegExp(`data-approval="${k.request}">([\\s\\S]*?)</tr>`))?.[1];
	assert.ok(row, 'the request is on the manager\'s list');
	assert.match(row, /End of an assessment/);
	assert.match(row, /data-hearth="waiting">0 working days/, 'asked today: waiting 0 working days');
	assert.match(row, new RegExp(`href="/approvals/${k.request}"`));

	// Reading the request is a read of the child's record: audited as of the child.
	const reads = () => Number(sql(`SELECT count(*) FROM audit WHERE child_id = ${k.child} AND action = 'read' AND section = 'approval'`));
	const read0 = reads();
	assert.equal((await page('GET', `/approvals/${k.request}`, { session: tm })).status, 200);
	assert.equal(reads(), read0 + 1);
	const revisions = Number(sql(`SELECT count(*) FROM revision WHERE tbl = 'authorisation' AND row_id = ${k.request}`));
	const r = await page('POST', `/approvals/${k.request}`, { session: tm, form: { decision: 'authorise', reason: '' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(r.headers.get('location'), '/approvals?done=authorised');
	assert.equal(sql(`SELECT state || '|' || decided_by || '|' || decided_date FROM authorisation WHERE id = ${k.request}`),
		`authorised|${WORKER.a2}|${AS_AT}`);
	// The authorisation date is the assessment's completion date (the DfE's definition).
	assert.equal(sql(`SELECT authorised_date FROM assessment WHERE id = ${k.assessment}`), AS_AT);
	// Revisions naming the manager: of the request, and of the assessment; and audited.
	const tmUser = sql("SELECT id FROM user_account WHERE username = 'test_team_manager'");
	assert.equal(Number(sql(`SELECT count(*) FROM revision WHERE tbl = 'authorisation' AND row_id = ${k.request}`)), revisions + 1);
	assert.equal(sql(`SELECT actor || '|' || reason FROM revision WHERE tbl = 'authorisation' AND row_id = ${k.request} ORDER BY id DESC LIMIT 1`),
		`user:${tmUser}|authorised`);
	assert.equal(sql(`SELECT actor FROM revision WHERE tbl = 'assessment' AND row_id = ${k.assessment} ORDER BY id DESC LIMIT 1`),
		`user:${tmUser}`);
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE actor = 'user:${tmUser}' AND child_id = ${k.child} AND action = 'update' AND section = 'authorisation'`)) >= 1,
		'the authorisation is audited');
	// Gone from the list; answering it again is refused.
	assert.doesNotMatch((await page('GET', '/approvals', { session: tm })).text, new RegExp(`data-approval="${k.request}"`));
	const again = await page('POST', `/approvals/${k.request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(again.status, 400);

	// AS1 counts from the authorisation date. Worked by hand: the referral of Monday 5
	// January 2026 starts the clock (the first assessment of the referral); 45 working days
	// later (no bank holiday falls between) is Monday 9 March: 6-9 Jan 4, to 30 Jan 19, to
	// 27 Feb 39, 2-6 Mar 44, 9 Mar 45. The worker ended it on 2 February (20 working days:
	// in time had that counted) but it was authorised on 31 March (61 working days): late.
	// So the child is in AS1's denominator and not its numerator.
	const list1 = (which) => execFileSync(HEARTH, ['report', DB, 'measure', 'AS1', '--as-at', AS_AT, '--list', which,
		'--format', 'csv'], { encoding: 'utf8' });
	assert.match(list1('denominator'), new RegExp(`\\b${k.la}\\b`));
	assert.doesNotMatch(list1('numerator'), new RegExp(`\\b${k.la}\\b`));
	assert.equal(execFileSync(HEARTH, ['workdays', 'between', '2026-01-05', '2026-03-09'], { encoding: 'utf8' }).trim().split(/\s+/)[0], '45');
});

test('the manager returns it with a reason; the worker sees why, amends and resubmits; then it is authorised', async () => {
	const k = await assessmentAwaiting('Bo');
	const tm = await as('team_manager');
	const reason = 'Add the father\'s views & the school\'s <report>';
	let r = await page('POST', `/approvals/${k.request}`, { session: tm, form: { decision: 'return', reason } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(r.headers.get('location'), '/approvals?done=returned');
	assert.equal(sql(`SELECT state || '|' || decided_by || '|' || reason FROM authorisation WHERE id = ${k.request}`),
		`returned|${WORKER.a2}|${reason}`);
	assert.equal(sql(`SELECT coalesce(authorised_date, 'blank') FROM assessment WHERE id = ${k.assessment}`), 'blank');

	// The worker's home page: returned to them, with the reason (escaped) and the way to amend.
	const sw = await as('social_worker');
	const home = await page('GET', '/', { session: sw });
	assert.equal(home.status, 200);
	const tray = home.text.match(/data-hearth="tray-returned">([\s\S]*?)<\/ul>/)?.[1] ?? '';
	assert.match(tray, new RegExp(`href="/children/${k.child}/records/assessment/${k.assessment}/edit"`));
	assert.ok(tray.includes('Add the father&#39;s views &amp; the school&#39;s &lt;report&gt;') ||
		tray.includes('Add the father&#x27;s views &amp; the school&#x27;s &lt;report&gt;'), tray);

	// The assessment on the child's record says so, with the reason.
	const state = async () => (await page('GET', `/children/${k.child}/plans`, { session: sw })).text
		.match(/data-hearth="authorisation">([\s\S]*?)<\/li>/)?.[1] ?? '';
	assert.match(await state(), /Returned<\/strong> Add the father&#(39|x27);s views/);

	// Amended and saved: resubmitted, awaiting again (the same request, a new revision).
	r = await page('POST', `/children/${k.child}/records/assessment/${k.assessment}`, { session: sw, form: {
		referral_id: String(k.referral), ...dateBoxes('start_date', '2026-01-06'), ...dateBoxes('authorised_date', '2026-03-30'),
		factors: '2B,3B', outcome: 'CIN plan', reason: 'Added the father\'s views' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 600));
	assert.equal(sql(`SELECT state || '|' || coalesce(reason, '') FROM authorisation WHERE id = ${k.request}`), 'awaiting|');
	assert.equal(sql(`SELECT factors || '|' || coalesce(authorised_date, 'blank') FROM assessment WHERE id = ${k.assessment}`), '2B,3B|blank');
	assert.doesNotMatch((await page('GET', '/', { session: sw })).text, /data-hearth="tray-returned"/);
	assert.match(await state(), /Awaiting authorisation/);
	// The manager's home page counts it; then authorises it.
	assert.match((await page('GET', '/', { session: tm })).text, /data-hearth="tray-approvals"/);
	r = await page('POST', `/approvals/${k.request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT authorised_date FROM assessment WHERE id = ${k.assessment}`), AS_AT);
	assert.equal(await state(), '', 'authorised: no tag');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'authorisation' AND row_id = ${k.request}`), '4',
		'asked, returned, resubmitted, authorised: four revisions of the one request');
});

test('bad input: the error summary, and nothing stored', async () => {
	const k = await assessmentAwaiting('Cy');
	const tm = await as('team_manager');
	const before = sql(`SELECT count(*) FROM revision`);
	for (const [form, field, words] of [
		[{}, 'decision', /Choose whether to authorise it or return it/],
		[{ decision: 'maybe' }, 'decision', /Choose whether to authorise it or return it/],
		[{ decision: 'return', reason: '   ' }, 'reason', /Enter the reason for returning it/],
		[{ decision: 'return', reason: 'x'.repeat(100001) }, 'reason', /./],
	]) {
		const r = await page('POST', `/approvals/${k.request}`, { session: tm, form });
		if (form.reason && form.reason.length > 65536) {
			assert.equal(r.status, 413, 'a body over the route\'s limit');
			continue;
		}
		assert.equal(r.status, 400, JSON.stringify(form));
		const s = summary(r.text);
		assert.ok(s, `the error summary for ${JSON.stringify(form)}`);
		assert.match(s, new RegExp(`href="#${field}"`));
		assert.match(s, words);
	}
	const odd = await page('POST', `/approvals/${k.request}`, { session: tm, form: { decision: 'authorise', colour: 'red' } });
	assert.equal(odd.status, 400);
	assert.equal(sql(`SELECT count(*) FROM revision`), before, 'nothing stored');
	assert.equal(sql(`SELECT state FROM authorisation WHERE id = ${k.request}`), 'awaiting');
	// A request that does not exist, or about a child outside the manager's scope: not found.
	assert.equal((await page('GET', '/approvals/99999999', { session: tm })).status, 404);
});

test('a social worker cannot authorise; nor can a role the setting does not name', async () => {
	const k = await assessmentAwaiting('Di');
	const sw = await as('social_worker');
	assert.equal((await page('GET', '/approvals', { session: sw })).status, 403);
	assert.equal((await page('GET', `/approvals/${k.request}`, { session: sw })).status, 403);
	assert.equal((await page('POST', `/approvals/${k.request}`, { session: sw, form: { decision: 'authorise' } })).status, 403);
	// The head of service may see approvals, but the setting names the team manager.
	const hos = await as('head_of_service');
	assert.doesNotMatch((await page('GET', '/approvals', { session: hos })).text, new RegExp(`data-approval="${k.request}"`));
	assert.equal((await page('POST', `/approvals/${k.request}`, { session: hos, form: { decision: 'authorise' } })).status, 403);
	assert.equal(sql(`SELECT state FROM authorisation WHERE id = ${k.request}`), 'awaiting');
	// The local setting decides: with no one named, the worker's save stands as made.
	execFileSync(HEARTH, ['settings', DB, 'set', 'authorise_assessment_end', 'none']);
	try {
		const r = await req('POST', `/api/children/${k.child}/records/assessment`, { session: sw,
			body: { referral_id: k.referral, start_date: '2026-03-02', authorised_date: '2026-03-16' } });
		assert.equal(r.status, 201, r.text);
		assert.equal(sql(`SELECT authorised_date FROM assessment WHERE id = ${r.json.record.id}`), '2026-03-16');
		assert.equal(sql(`SELECT count(*) FROM authorisation WHERE record_kind = 'assessment' AND record_id = ${r.json.record.id}`), '0');
	} finally {
		execFileSync(HEARTH, ['settings', DB, 'set', 'authorise_assessment_end', 'team_manager']);
	}
	// A role name the settings refuse.
	assert.throws(() => execFileSync(HEARTH, ['settings', DB, 'set', 'authorise_cp_plan_end', 'nobody'], { stdio: 'pipe' }));
});

test('the manager\'s own save answers a request; a decision not dated by its authorisation stands as saved, awaiting', async () => {
	const k = await assessmentAwaiting('Eve');
	const tm = await as('team_manager');
	let r = await req('PATCH', `/api/children/${k.child}/records/assessment/${k.assessment}`, { session: tm,
		body: { authorised_date: '2026-03-27', reason: 'Signed off in supervision' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(sql(`SELECT state || '|' || decided_by || '|' || decided_date FROM authorisation WHERE id = ${k.request}`),
		`authorised|${WORKER.a2}|2026-03-27`);
	assert.equal(sql(`SELECT authorised_date FROM assessment WHERE id = ${k.assessment}`), '2026-03-27');
	// An entry to care by the social worker: the episode is saved as it was made, and the
	// care plan at entry awaits the manager.
	r = await req('POST', `/api/children/${k.child}/records/cla_episode`, { session: await as('social_worker'),
		body: { decom: '2026-03-20', rne: 'S', ls: 'C2', cin: 'N1', place: 'U1', long_term: false } });
	assert.equal(r.status, 201, r.text);
	assert.equal(sql(`SELECT decom FROM cla_episode WHERE id = ${r.json.record.id}`), '2026-03-20');
	assert.equal(sql(`SELECT point || '|' || state FROM authorisation WHERE record_kind = 'cla_episode' AND record_id = ${r.json.record.id}`),
		'care_plan_entry|awaiting');
	const list = await page('GET', '/approvals', { session: tm });
	assert.match(list.text, /Care plan at entry to care/);
});

// Closing a case, and stepping down, join managers' authorisation (issue 15, part 3;
// work_propose_close): a social worker's close stands as a proposal awaiting authorisation
// (the request carries the date and reason; nothing ends); the manager authorising it closes
// the case in the same transaction, dated with the proposed date; returning it leaves
// everything open and shows the worker why. A child of Team A's first worker with a referral
// of 5 January 2026, a CIN plan from 2 February and the allocation from 5 January.
async function openCase(given) {
	n += 1;
	const { child, la, referral, sw } = await childWithReferral(given, 'Closing', `HCCL${n}`, '2014-04-01', 'F');
	const r = await req('POST', `/api/children/${child}/records/cin_plan`, { session: sw,
		body: { referral_id: referral, start_date: '2026-02-02' } });
	assert.equal(r.status, 201, r.text);
	return { child, la, referral, plan: r.json.record.id };
}

// What stands open: the referral's closure, the plan's and the (one) allocation's ends, and
// how many early help episodes the child has. Portable SQL (the suite runs on PostgreSQL too).
const ended = (k) => sql(`SELECT coalesce(r.closure_date, '-') || '|' || coalesce(r.closure_reason, '-') || '|' ||
	coalesce(p.end_date, '-') || '|' || (SELECT coalesce(max(end_date), '-') FROM allocation WHERE child_id = ${k.child}) ||
	'|' || (SELECT count(*) FROM early_help WHERE child_id = ${k.child})
	FROM referral r JOIN cin_plan p ON p.referral_id = r.id WHERE r.id = ${k.referral}`);

test('a social worker\'s close awaits authorisation, nothing ended; authorised, it closes on the proposed date', async () => {
	const k = await openCase('Cora');
	const sw = await as('social_worker');
	// The worker may open the form now (propose_close), and not the step up (close_case).
	assert.equal((await page('GET', `/children/${k.child}/close`, { session: sw })).status, 200);
	assert.equal((await page('GET', `/children/${k.child}/step-up`, { session: sw })).status, 403);
	let r = await page('POST', `/children/${k.child}/close`, { session: sw,
		form: { ...dateBoxes('closure_date', '2026-03-27'), closure_reason: 'RC2' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	assert.match(r.text, /data-hearth="proposed"/);
	const request = Number(sql(`SELECT id FROM authorisation WHERE child_id = ${k.child} AND proposed_date IS NOT NULL`));
	assert.equal(sql(`SELECT state || '|' || point || '|' || record_kind || '|' || record_id || '|' || proposed_date || '|' ||
		proposed_reason || '|' || asked_by FROM authorisation WHERE id = ${request}`),
		`awaiting|case_close|referral|${k.referral}|2026-03-27|RC2|${WORKER.a1}`);
	assert.equal(ended(k), '-|-|-|-|0', 'nothing ended while it awaits');
	// A second proposal while one awaits is refused, and stores nothing.
	r = await page('POST', `/children/${k.child}/close`, { session: sw,
		form: { ...dateBoxes('closure_date', '2026-03-27'), closure_reason: 'RC2' } });
	assert.equal(r.status, 400);
	assert.match(summary(r.text) ?? '', /already awaiting authorisation/);
	assert.equal(sql(`SELECT count(*) FROM authorisation WHERE child_id = ${k.child}`), '1');
	// The form says it awaits.
	assert.match((await page('GET', `/children/${k.child}/close`, { session: sw })).text, /data-hearth="proposal-awaiting"/);

	// On the manager's list; the request says what authorising does.
	const tm = await as('team_manager');
	const row = (await page('GET', '/approvals', { session: tm })).text
		.match(new RegExp(`data-approval="${request}">([\\s\\S]*?)</tr>`))?.[1];
	assert.ok(row, 'the proposal is on the manager\'s list');
	assert.match(row, /Decision to close a case/);
	assert.match((await page('GET', `/approvals/${request}`, { session: tm })).text, /data-hearth="proposal">Proposed: closing on 27 Mar 2026, RC2: /);

	r = await page('POST', `/approvals/${request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(sql(`SELECT state || '|' || decided_by || '|' || decided_date FROM authorisation WHERE id = ${request}`),
		`authorised|${WORKER.a2}|${AS_AT}`);
	// Closed with the proposed date and reason: the referral, the plan and the allocation.
	assert.equal(ended(k), '2026-03-27|RC2|2026-03-27|2026-03-27|0');
	// Each ending a revision naming the manager, as is the authorisation; audited.
	const tmUser = sql("SELECT id FROM user_account WHERE username = 'test_team_manager'");
	for (const [tbl, id] of [['referral', k.referral], ['cin_plan', k.plan], ['authorisation', request]]) {
		assert.equal(sql(`SELECT actor FROM revision WHERE tbl = '${tbl}' AND row_id = ${id} ORDER BY id DESC LIMIT 1`),
			`user:${tmUser}`, tbl);
	}
	assert.equal(sql(`SELECT reason FROM revision WHERE tbl = 'referral' AND row_id = ${k.referral} ORDER BY id DESC LIMIT 1`),
		'case closed: RC2, authorised');
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE actor = 'user:${tmUser}' AND child_id = ${k.child} AND action = 'update' AND section = 'authorisation'`)) >= 1,
		'the authorisation is audited');
});

test('a social worker\'s step down returned: nothing ended, the reason shown; resubmitted, then authorised', async () => {
	const k = await openCase('Dan');
	const sw = await as('social_worker');
	let r = await page('POST', `/children/${k.child}/step-down`, { session: sw,
		form: { ...dateBoxes('closure_date', '2026-03-26'), closure_reason: 'RC9' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	const request = Number(sql(`SELECT id FROM authorisation WHERE child_id = ${k.child} AND proposed_date IS NOT NULL`));
	assert.equal(sql(`SELECT state || '|' || point FROM authorisation WHERE id = ${request}`), 'awaiting|step_down');
	const tm = await as('team_manager');
	const reason = 'The school\'s <concerns> are not yet addressed';
	r = await page('POST', `/approvals/${request}`, { session: tm, form: { decision: 'return', reason } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(ended(k), '-|-|-|-|0', 'returned: everything open, no early help opened');
	// The worker sees why: on the form, and on their home page.
	const form = (await page('GET', `/children/${k.child}/step-down`, { session: sw })).text;
	assert.match(form, /data-hearth="proposal-returned"/);
	assert.match(form, /data-hearth="returned-reason">The school&#(39|x27);s &lt;concerns&gt; are not yet addressed</);
	const tray = (await page('GET', '/', { session: sw })).text.match(/data-hearth="tray-returned">([\s\S]*?)<\/ul>/)?.[1] ?? '';
	assert.match(tray, /&lt;concerns&gt;/);
	assert.match(tray, new RegExp(`href="/children/${k.child}/step-down"`), 'amended on its own form');
	// Resubmitted with a later date: the same request, awaiting again; then authorised.
	r = await page('POST', `/children/${k.child}/step-down`, { session: sw,
		form: { ...dateBoxes('closure_date', '2026-03-30'), closure_reason: 'RC9' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(sql(`SELECT count(*) || '|' || max(state) || '|' || max(proposed_date) FROM authorisation WHERE child_id = ${k.child}`),
		'1|awaiting|2026-03-30');
	r = await page('POST', `/approvals/${request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(ended(k), '2026-03-30|RC9|2026-03-30|2026-03-30|1');
	assert.equal(sql(`SELECT start_date || ' ' || step_down FROM early_help WHERE child_id = ${k.child}`), '2026-03-30 1');
});

test('the manager\'s own close takes effect at once', async () => {
	const k = await openCase('Eve');
	const r = await page('POST', `/children/${k.child}/close`, { session: await as('team_manager'),
		form: { ...dateBoxes('closure_date', '2026-03-27'), closure_reason: 'RC8' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	assert.match(r.text, /data-hearth="closed"/);
	assert.equal(ended(k), '2026-03-27|RC8|2026-03-27|2026-03-27|0');
	assert.equal(sql(`SELECT count(*) FROM authorisation WHERE child_id = ${k.child}`), '0');
});

test('a proposal awaiting is answered by the manager\'s own close, with what the manager decided', async () => {
	const k = await openCase('Fay');
	let r = await page('POST', `/children/${k.child}/close`, { session: await as('social_worker'),
		form: { ...dateBoxes('closure_date', '2026-03-20'), closure_reason: 'RC2' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	r = await page('POST', `/children/${k.child}/close`, { session: await as('team_manager'),
		form: { ...dateBoxes('closure_date', '2026-03-24'), closure_reason: 'RC8' } });
	assert.equal(r.status, 200, summary(r.text) ?? r.text.slice(0, 400));
	assert.match(r.text, /data-hearth="closed"/);
	assert.equal(ended(k), '2026-03-24|RC8|2026-03-24|2026-03-24|0');
	assert.equal(sql(`SELECT count(*) || '|' || max(state) || '|' || max(decided_by) || '|' || max(proposed_date) || '|' ||
		max(proposed_reason) FROM authorisation WHERE child_id = ${k.child}`), `1|authorised|${WORKER.a2}|2026-03-24|RC8`);
});

// A referral closed through the generic path (the records form, or an API correction
// setting its closure date) by a role whose closing needs authorisation goes the one way a
// close goes (work_propose_close): it stands as a proposal, nothing ends until the manager
// authorises it, and then the case closes on the proposed date.
test('a social worker closing a referral through the records form or the API: a proposal, nothing ended until authorised', async () => {
	const sw = await as('social_worker');
	const tm = await as('team_manager');
	// Through the API's correction of the referral.
	const k = await openCase('Gus');
	let r = await req('PATCH', `/api/children/${k.child}/records/referral/${k.referral}`, { session: sw,
		body: { closure_date: '2026-03-25', closure_reason: 'RC2', reason: 'Case closing' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(ended(k), '-|-|-|-|0', 'nothing ended: the referral, its plan and the allocation stay open');
	const request = Number(sql(`SELECT id FROM authorisation WHERE child_id = ${k.child}`));
	assert.equal(r.json.authorisation_request, request, 'the answer names the request the closure awaits');
	assert.equal(sql(`SELECT state || '|' || point || '|' || record_kind || '|' || record_id || '|' || proposed_date || '|' ||
		proposed_reason FROM authorisation WHERE child_id = ${k.child}`),
		`awaiting|case_close|referral|${k.referral}|2026-03-25|RC2`, 'one request: a proposal with the date and reason');
	assert.match((await page('GET', '/approvals', { session: tm })).text, new RegExp(`data-approval="${request}"`));
	r = await page('POST', `/approvals/${request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(ended(k), '2026-03-25|RC2|2026-03-25|2026-03-25|0', 'authorised: closed on the proposed date');

	// Through the records form (the referral's edit page).
	const f = await openCase('Hal');
	r = await page('POST', `/children/${f.child}/records/referral/${f.referral}`, { session: sw, form: {
		...dateBoxes('referral_date', '2026-01-05'), source: '1A', nfa: 'no', primary_need: 'N1',
		...dateBoxes('closure_date', '2026-03-26'), closure_reason: 'RC8', reason: 'Case closing' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 600));
	assert.equal(ended(f), '-|-|-|-|0', 'nothing ended from the form either');
	assert.match((await page('GET', r.headers.get('location'), { session: sw })).text,
		/govuk-notification-banner__heading">The correction has been saved: the referral&#(39|x27);s closure has been sent to a manager to authorise</);
	assert.equal(sql(`SELECT state || '|' || proposed_date || '|' || proposed_reason FROM authorisation WHERE child_id = ${f.child}`),
		'awaiting|2026-03-26|RC8');
	// The manager's own correction closes it at once (their role authorises closing).
	const g = await openCase('Ida');
	r = await req('PATCH', `/api/children/${g.child}/records/referral/${g.referral}`, { session: tm,
		body: { closure_date: '2026-03-25', closure_reason: 'RC2', reason: 'Closed in supervision' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(sql(`SELECT closure_date FROM referral WHERE id = ${g.referral}`), '2026-03-25');
	assert.equal(sql(`SELECT count(*) FROM authorisation WHERE child_id = ${g.child}`), '0');
});

// A NEW referral saved already closed (the records form, or POST to the API, with a closure
// date and reason) by a role whose closing needs authorisation goes the same one way: the
// referral is saved open, its closure stands as a proposal pointing at it (on /approvals),
// nothing ends, and the manager's authorisation closes the case on the proposed date with
// the reason, its plans and allocation too, in the transaction that authorises it. Before,
// the referral was saved closed at once with a request beside it. The team manager's own
// such save (their role authorises closing) closes at once and asks nobody.
test('a social worker saving a new referral already closed: saved open, a proposal; authorised, closed on the proposed date', async () => {
	const sw = await as('social_worker');
	const tm = await as('team_manager');
	const openNow = (child) => sql(`SELECT coalesce(max(closure_date), '-') || '|' || coalesce(max(closure_reason), '-') || '|' ||
		count(*) || '|' || (SELECT coalesce(max(end_date), '-') FROM allocation WHERE child_id = ${child}) || '|' ||
		(SELECT coalesce(max(end_date), '-') FROM cin_plan WHERE child_id = ${child}) FROM referral WHERE child_id = ${child}`);
	const proposal = (child) => sql(`SELECT state || '|' || point || '|' || record_kind || '|' || record_id || '|' ||
		proposed_date || '|' || proposed_reason || '|' || asked_by FROM authorisation WHERE child_id = ${child}`);

	// Through the API: POST a referral with its closure.
	n += 1;
	const child = await allocatedChild('Jem', 'Newref', `HCCL${n}`, '2013-07-11', 'M');
	let r = await req('POST', `/api/children/${child}/records/referral`, { session: sw, body: {
		referral_date: '2026-01-05', source: '1A', nfa: false, primary_need: 'N1', closure_date: '2026-03-23',
		closure_reason: 'RC2' } });
	assert.equal(r.status, 201, r.text);
	const referral = r.json.record.id;
	assert.equal(openNow(child), '-|-|1|-|-', 'the referral is saved open; the allocation stands');
	assert.equal(r.json.authorisation_request, Number(sql(`SELECT id FROM authorisation WHERE child_id = ${child}`)),
		'the answer names the request the closure awaits');
	assert.equal(proposal(child), `awaiting|case_close|referral|${referral}|2026-03-23|RC2|${WORKER.a1}`,
		'one request: a proposal to close, with the date and reason, pointing at the new referral');
	// While it awaits, the case is open: a CIN plan may be recorded against the referral.
	r = await req('POST', `/api/children/${child}/records/cin_plan`, { session: sw,
		body: { referral_id: referral, start_date: '2026-02-02' } });
	assert.equal(r.status, 201, r.text);
	const request = Number(sql(`SELECT id FROM authorisation WHERE child_id = ${child}`));
	const row = (await page('GET', '/approvals', { session: tm })).text
		.match(new RegExp(`data-approval="${request}">([\\s\\S]*?)</tr>`))?.[1];
	assert.ok(row, 'the proposal is on the manager\'s list');
	assert.match(row, /Decision to close a case/);
	r = await page('POST', `/approvals/${request}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(openNow(child), '2026-03-23|RC2|1|2026-03-23|2026-03-23',
		'authorised: the referral closed with the reason on the proposed date, its plan and allocation ended');
	assert.equal(sql(`SELECT state || '|' || decided_by || '|' || decided_date FROM authorisation WHERE id = ${request}`),
		`authorised|${WORKER.a2}|${AS_AT}`);
	assert.equal(sql(`SELECT reason FROM revision WHERE tbl = 'referral' AND row_id = ${referral} ORDER BY id DESC LIMIT 1`),
		'case closed: RC2, authorised');

	// Through the records form (/children/{id}/records/referral/new).
	n += 1;
	const f = await allocatedChild('Kay', 'Newref', `HCCL${n}`, '2013-08-12', 'F');
	assert.equal((await page('GET', `/children/${f}/records/referral/new`, { session: sw })).status, 200);
	r = await page('POST', `/children/${f}/records/referral`, { session: sw, form: {
		...dateBoxes('referral_date', '2026-01-05'), source: '1A', nfa: 'no', primary_need: 'N1',
		...dateBoxes('closure_date', '2026-03-24'), closure_reason: 'RC8' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 600));
	const fRef = Number(sql(`SELECT id FROM referral WHERE child_id = ${f}`));
	assert.equal(openNow(f), '-|-|1|-|-', 'saved open from the form too');
	assert.equal(proposal(f), `awaiting|case_close|referral|${fRef}|2026-03-24|RC8|${WORKER.a1}`);
	const fReq = Number(sql(`SELECT id FROM authorisation WHERE child_id = ${f}`));
	// The page the form goes back to shows the referral awaiting authorisation, and its
	// banner says the closure was sent to a manager (not that the record "has been saved").
	const back = (await page('GET', r.headers.get('location'), { session: sw })).text;
	assert.match(back, /data-hearth="authorisation"><strong[^>]*>Awaiting authorisation</);
	assert.match(back, /govuk-notification-banner__heading">The referral has been saved open: its closure has been sent to a manager to authorise</);
	assert.match((await page('GET', '/approvals', { session: tm })).text, new RegExp(`data-approval="${fReq}"`));
	r = await page('POST', `/approvals/${fReq}`, { session: tm, form: { decision: 'authorise' } });
	assert.equal(r.status, 303, summary(r.text) ?? r.text.slice(0, 400));
	assert.equal(openNow(f), '2026-03-24|RC8|1|2026-03-24|-', 'closed on the proposed date with the reason');

	// A bad closure (before the referral) is refused with the error summary, nothing stored.
	n += 1;
	const b = await allocatedChild('Lem', 'Newref', `HCCL${n}`, '2013-09-13', 'M');
	r = await page('POST', `/children/${b}/records/referral`, { session: sw, form: {
		...dateBoxes('referral_date', '2026-01-05'), source: '1A', nfa: 'no', primary_need: 'N1',
		...dateBoxes('closure_date', '2026-01-02'), closure_reason: 'RC8' } });
	assert.equal(r.status, 400);
	assert.ok(summary(r.text), 'the error summary');
	assert.equal(sql(`SELECT count(*) || '|' || (SELECT count(*) FROM authorisation WHERE child_id = ${b}) FROM referral
		WHERE child_id = ${b}`), '0|0', 'no referral, no request');

	// The team manager's own such save closes at once, asking nobody.
	n += 1;
	const m = await allocatedChild('Mo', 'Newref', `HCCL${n}`, '2013-10-14', 'M');
	r = await req('POST', `/api/children/${m}/records/referral`, { session: tm, body: {
		referral_date: '2026-01-05', source: '1A', nfa: false, primary_need: 'N1', closure_date: '2026-03-23',
		closure_reason: 'RC2' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(sql(`SELECT closure_date || '|' || closure_reason FROM referral WHERE child_id = ${m}`), '2026-03-23|RC2');
	assert.equal(sql(`SELECT count(*) FROM authorisation WHERE child_id = ${m}`), '0');
});

// Oldest first, with the working days each has waited. The server's today is HEARTH_TODAY,
// Tuesday 31 March 2026 (tests/lib.sh; AS_AT here); requests asked on earlier days are made
// by the trusted shell (`hearth record authorisation`, as tests/cli/http.sh's fixture does),
// since a save through the server is always asked today. Three children of Team A's first
// worker, each with an assessment begun and not yet authorised, asked about on (in the order
// they are made, which is not the order they were asked):
//   Wednesday 25 March 2026: waiting Thu 26, Fri 27, Mon 30, Tue 31 = 4 working days;
//   Wednesday 24 December 2025: Thu 25 Dec and Fri 26 Dec are bank holidays (Christmas Day,
//     Boxing Day), 27-28 the weekend, Mon 29 to Wed 31 Dec 3, Thu 1 January a bank holiday,
//     Fri 2 Jan 1: 4 by 2 January; then 5 to 30 January 20, 2 to 27 February 20, 2 to 27
//     March 20, Mon 30 and Tue 31 March 2: 62; 4 + 62 = 66 working days;
//   Friday 20 March 2026: Mon 23 to Fri 27 5, Mon 30, Tue 31 2 = 7 working days.
// So the list shows 24 December (66), then 20 March (7), then 25 March (4).
test('/approvals lists the oldest first, each with the working days it has waited', async () => {
	const asked = [['Kit', '2026-03-25', 4], ['Lou', '2025-12-24', 66], ['Max', '2026-03-20', 7]];
	const requests = {};
	for (const [given, date] of asked) {
		n += 1;
		const { child, la, referral, sw } = await childWithReferral(given, 'Oldest', `HCOL${n}`, '2016-02-01', 'F',
			'2025-12-01');
		const r = await req('POST', `/api/children/${child}/records/assessment`, { session: sw,
			body: { referral_id: referral, start_date: '2025-12-02', factors: '2B' } });
		assert.equal(r.status, 201, r.text);
		execFileSync(HEARTH, ['record', DB, 'authorisation', '--child', la, '--point', 'assessment_end',
			'--record-kind', 'assessment', '--record-id', String(r.json.record.id), '--asked-date', date,
			'--asked-by', 'HTA1', '--state', 'awaiting'], { stdio: 'pipe' });
		requests[date] = Number(sql(`SELECT id FROM authorisation WHERE record_kind = 'assessment' AND record_id = ${r.json.record.id}`));
		assert.ok(requests[date] > 0);
	}
	const text = (await page('GET', '/approvals', { session: await as('team_manager') })).text;
	const at = (date) => text.indexOf(`data-approval="${requests[date]}"`);
	for (const [, date] of asked) assert.ok(at(date) > 0, `the request asked on ${date} is listed`);
	assert.ok(at('2025-12-24') < at('2026-03-20') && at('2026-03-20') < at('2026-03-25'),
		'oldest first: 24 December, 20 March, 25 March');
	for (const [, date, days] of asked) {
		const row = text.slice(at(date)).match(/^[\s\S]*?<\/tr>/)[0];
		assert.match(row, new RegExp(`data-hearth="waiting">${days} working days<`), `asked ${date}: ${days} working days`);
	}
});
