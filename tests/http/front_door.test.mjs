// The front door (issue 15, part 1; src/web/pages/front_door.c, work_contact_decide): the
// queue of contacts awaiting a decision, oldest first, with what is known about the child
// (earlier contacts, a referral within 12 months: re-referral risk); the decision form,
// which refuses bad input with the error summary and stores nothing; a decision to refer
// that opens the referral, and one for early help that opens the episode, each in the same
// save as the contact's decision; a contact decided twice is refused. The children here
// are added by the front door itself, so other files' fixtures are left as they were.
import test from 'node:test';
import assert from 'node:assert/strict';
import { AS_AT, CHILD, as, checksum, sql, page, dateBoxes } from './lib.mjs';

// A child added by the front door, and a contact about them; returns { child, contact }.
let n = 0;
async function contactAbout(given, contactDate) {
	const s = await as('front_door');
	n += 1;
	let r = await page('POST', '/children', { session: s, form: {
		given_name: given, family_name: 'Frontdoor', ...dateBoxes('dob', '2016-02-02'), sex: 'F', ethnicity: 'WBRI',
		la_child_id: `HCFD${n}`, uasc: 'no', restricted: 'no',
	} });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 500));
	const child = Number(r.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	r = await page('POST', `/children/${child}/records/contact`, { session: s, form: {
		...dateBoxes('contact_date', contactDate), source: '1A', summary: 'School worried about bruising',
	} });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 500));
	const contact = Number(r.headers.get('location').match(/#contact-(\d+)$/)[1]);
	return { child, contact };
}

const decidePath = (k) => `/children/${k.child}/records/contact/${k.contact}/decide`;

test('/front-door lists undecided contacts oldest first, with the re-referral risk and a link to decide', async () => {
	const older = await contactAbout('Ada', '2026-03-02');
	const newer = await contactAbout('Bea', AS_AT);
	// Bea was referred 3 months ago: a referral now would be a re-referral.
	const s = await as('front_door');
	const r0 = await page('POST', `/children/${newer.child}/records/referral`, { session: s, form: {
		...dateBoxes('referral_date', '2025-12-15'), source: '1A', nfa: 'yes' } });
	assert.equal(r0.status, 303, r0.text.slice(0, 300));
	const r = await page('GET', '/front-door', { session: s });
	assert.equal(r.status, 200);
	const rows = [...r.text.matchAll(/<tr class="govuk-table__row" data-contact="(\d+)">([\s\S]*?)<\/tr>/g)];
	const ids = rows.map((m) => Number(m[1]));
	assert.ok(ids.includes(older.contact) && ids.includes(newer.contact), 'both contacts are listed');
	assert.ok(ids.indexOf(older.contact) < ids.indexOf(newer.contact), 'oldest first');
	const row = (k) => rows.find((m) => Number(m[1]) === k.contact)[2];
	assert.match(row(older), /Overdue/, 'a contact of 2 March is past the 1 working day aim on 31 March');
	assert.doesNotMatch(row(newer), /Overdue/);
	assert.match(row(newer), /Re-referral risk/);
	assert.doesNotMatch(row(older), /Re-referral risk/);
	assert.match(row(older), new RegExp(`href="${decidePath(older)}"`));
	// A social worker has no front door.
	assert.equal((await page('GET', '/front-door', { session: await as('social_worker') })).status, 403);
});

test('a bad decision shows the error summary and stores nothing', async () => {
	const k = await contactAbout('Cai', AS_AT);
	const s = await as('front_door');
	const before = checksum();
	let r = await page('POST', decidePath(k), { session: s, form: {} });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*Choose the decision/);
	assert.match(r.text, /Enter the reason for the decision/);
	r = await page('POST', decidePath(k), { session: s, form: {
		decision: 'referral', ...dateBoxes('decision_date', AS_AT), decision_reason: 'Risk of harm',
		...dateBoxes('police_date', AS_AT) } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*a partner check needs its date and what was shared/);
	r = await page('POST', decidePath(k), { session: s, form: {
		decision: 'referral', ...dateBoxes('decision_date', '2099-01-01'), decision_reason: 'Risk of harm' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*in the future/);
	r = await page('POST', decidePath(k), { session: s, form: { decision: 'nonsense' } });
	assert.equal(r.status, 400);
	assert.equal(checksum(), before, 'every table is unchanged');
	// Another child's contact under this child's path is not found.
	assert.equal((await page('GET', `/children/${CHILD.in}/records/contact/${k.contact}/decide`, { session: s })).status, 404);
	assert.equal((await page('GET', `/children/${k.child}/records/visit/${k.contact}/decide`, { session: s })).status, 404);
});

test('deciding "referral" opens the referral in the same save, with the partner checks recorded', async () => {
	const k = await contactAbout('Dot', '2026-03-30');
	const s = await as('front_door');
	const form = await page('GET', decidePath(k), { session: s });
	assert.equal(form.status, 200);
	assert.match(form.text, /name="decision_reason"/);
	assert.doesNotMatch(form.text, /name="contact_date-day"/, 'the decision form does not re-ask the contact');
	const referrals = sql(`SELECT count(*) FROM referral WHERE child_id = ${k.child}`);
	assert.equal(referrals, '0');
	const r = await page('POST', decidePath(k), { session: s, form: {
		decision: 'referral', ...dateBoxes('decision_date', AS_AT), decision_reason: 'Bruising, no explanation',
		...dateBoxes('police_date', '2026-03-30'), police_shared: 'Two call-outs for domestic abuse',
		...dateBoxes('health_date', AS_AT), health_shared: 'Missed health visitor appointments',
		family_told: 'yes', consent: 'no' } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 500));
	const m = r.headers.get('location').match(new RegExp(`^/children/${k.child}\\?done=decided&new_findings=\\d+#referral-(\\d+)$`));
	assert.ok(m, r.headers.get('location'));
	assert.equal(sql(`SELECT referral_date || '|' || source || '|' || nfa FROM referral WHERE id = ${m[1]} AND child_id = ${k.child} AND voided = 0`),
		`${AS_AT}|1A|0`);
	assert.equal(sql(`SELECT decision || '|' || decision_date || '|' || decision_reason || '|' || police_date || '|' || ` +
		`police_shared || '|' || family_told || '|' || consent FROM contact WHERE id = ${k.contact}`),
	`referral|${AS_AT}|Bruising, no explanation|2026-03-30|Two call-outs for domestic abuse|1|0`);
	// The contact's revision and the referral's are the front door's, with the audit behind them.
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'contact' AND row_id = ${k.contact} AND action = 'update' ` +
		"AND reason = 'front door decision'"), '1');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'referral' AND row_id = ${m[1]} AND action = 'insert'`), '1');
	// Decided: off the queue, and a second decision is refused with nothing stored.
	const q = await page('GET', '/front-door', { session: s });
	assert.doesNotMatch(q.text, new RegExp(`data-contact="${k.contact}"`));
	const before = checksum();
	const again = await page('POST', decidePath(k), { session: s, form: {
		decision: 'nfa', ...dateBoxes('decision_date', AS_AT), decision_reason: 'Changed my mind' } });
	assert.equal(again.status, 400);
	assert.match(again.text, /decided already/);
	assert.equal(checksum(), before);
});

test('deciding "early help" opens the early help episode; a manager may decide too', async () => {
	const k = await contactAbout('Eve', AS_AT);
	// The team manager sees the contact only for a child in their team: allocate the child
	// to HTTP Team A first (a manager's own decision).
	const tm = await as('team_manager');
	const front = await as('front_door');
	const r = await page('POST', decidePath(k), { session: front, form: {
		decision: 'early_help', ...dateBoxes('decision_date', AS_AT), decision_reason: 'Needs support with routines',
		family_told: 'yes', consent: 'yes' } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 500));
	const m = r.headers.get('location').match(/#early_help-(\d+)$/);
	assert.ok(m, r.headers.get('location'));
	assert.equal(sql(`SELECT start_date || '|' || step_down || '|' || coalesce(end_date, '') FROM early_help WHERE id = ${m[1]} ` +
		`AND child_id = ${k.child}`), `${AS_AT}|0|`);
	assert.equal(sql(`SELECT count(*) FROM referral WHERE child_id = ${k.child}`), '0', 'no referral for early help');
	// A team manager has the front door too (children of their team).
	assert.equal((await page('GET', '/front-door', { session: tm })).status, 200);
});

test('no further action opens nothing', async () => {
	const k = await contactAbout('Fay', AS_AT);
	const r = await page('POST', decidePath(k), { session: await as('front_door'), form: {
		decision: 'nfa', ...dateBoxes('decision_date', AS_AT), decision_reason: 'Information only; family supported' } });
	assert.equal(r.status, 303);
	assert.match(r.headers.get('location'), new RegExp(`#contact-${k.contact}$`));
	assert.equal(sql(`SELECT (SELECT count(*) FROM referral WHERE child_id = ${k.child}) + ` +
		`(SELECT count(*) FROM early_help WHERE child_id = ${k.child})`), '0');
});
