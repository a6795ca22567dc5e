// The LADO's work (issue 15, part 4; src/web/pages/lado.c): an allegation from receipt to
// outcome through the LADO's forms (the adult, the children involved, a meeting, the
// investigations, the outcome and the analysis of risk), with the LADO1 timescales on
// /lado; bad input refused with the error summary and nothing stored; and who may read an
// allegation: the LADO any, a social worker only one that involves a child of their team
// (else 404, as for no allegation), the administrator never.
import test from 'node:test';
import assert from 'node:assert/strict';
import { AS_AT, as, checksum, sql, page, dateBoxes } from './lib.mjs';

const errors = (r) => r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 400);

// A new allegation through the LADO's form; returns its id.
async function allegation(reference, received) {
	const r = await page('POST', '/lado', { session: await as('lado'), form: {
		reference, ...dateBoxes('received_date', received), category: 'physical', sector: 'education',
		adult_name: 'Pat Teacher', adult_role: 'Class teacher', employer: 'Hillside Primary', received_by: 'phone' } });
	assert.equal(r.status, 303, errors(r));
	const m = r.headers.get('location').match(/^\/lado\/(\d+)\?done=saved$/);
	assert.ok(m, r.headers.get('location'));
	return Number(m[1]);
}

async function linkChild(id, form) {
	const r = await page('POST', `/lado/${id}/child`, { session: await as('lado'), form });
	assert.equal(r.status, 303, errors(r));
}

test('an allegation from receipt to outcome, with its children, a meeting and the analysis of risk', async () => {
	const s = await as('lado');
	const id = await allegation('HTTP-LADO-1', '2026-03-02');
	assert.equal(sql(`SELECT adult_name || '|' || employer || '|' || sector || '|' || received_by FROM lado WHERE id = ${id}`),
		'Pat Teacher|Hillside Primary|education|phone');
	await linkChild(id, { la_child_id: 'HC1' });
	await linkChild(id, { name: 'A child at another school' });
	assert.equal(sql(`SELECT count(*) || '|' || count(x.linked_child_id) FROM lado_involved x WHERE x.lado_id = ${id} AND voided = 0`), '2|1');
	let r = await page('POST', `/lado/${id}/meeting`, { session: s, form: {
		...dateBoxes('meeting_date', '2026-03-05'), attendees: 'LADO, head teacher, police', actions: 'Police to interview by 12 March' } });
	assert.equal(r.status, 303, errors(r));
	// /lado shows it open, with its timescales (received 2 March: 1 month is 2 April).
	r = await page('GET', '/lado', { session: s });
	assert.equal(r.status, 200);
	const row = r.text.match(new RegExp(`data-lado="${id}">([\\s\\S]*?)</tr>`));
	assert.ok(row, 'the open allegation is listed');
	assert.match(row[1], /HTTP-LADO-1/);
	assert.match(row[1], /2 children/);
	assert.match(row[1], /Overdue/, 'not considered within 1 working day of 2 March');
	// The outcome, the employer's action, a DBS referral and the analysis of risk: a change with a reason.
	const form = await page('GET', `/lado/${id}/edit`, { session: s });
	assert.equal(form.status, 200);
	r = await page('POST', `/lado/${id}`, { session: s, form: {
		reference: 'HTTP-LADO-1', ...dateBoxes('received_date', '2026-03-02'), ...dateBoxes('considered_date', '2026-03-03'),
		category: 'physical', sector: 'education', outcome: 'substantiated', ...dateBoxes('resolved_date', AS_AT),
		adult_name: 'Pat Teacher', adult_role: 'Class teacher', employer: 'Hillside Primary', received_by: 'phone',
		police_investigation: 'No further action by the police', employer_investigation: 'Disciplinary hearing held',
		employer_action: 'Dismissed', ...dateBoxes('dbs_referral', AS_AT), regulator_referral: 'TRA, 31 March',
		risk_analysis: 'Pattern of rough handling seen by two staff', risk_decision: 'Substantiated',
		risk_rationale: 'Two consistent witness accounts', reason: 'The outcome is known' } });
	assert.equal(r.status, 303, errors(r));
	assert.equal(sql(`SELECT outcome || '|' || resolved_date || '|' || risk_rationale FROM lado WHERE id = ${id}`),
		`substantiated|${AS_AT}|Two consistent witness accounts`);
	assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = 'lado' AND row_id = ${id} AND reason = 'The outcome is known'`), '1');
	r = await page('GET', `/lado/${id}`, { session: s });
	assert.equal(r.status, 200);
	assert.match(r.text, /Two consistent witness accounts/);
	assert.match(r.text, /Hazel Quenby/);
	assert.match(r.text, /A child at another school \(not known to us\)/);
	assert.match(r.text, /Police to interview by 12 March/);
	r = await page('GET', '/lado', { session: s });
	assert.doesNotMatch(r.text, new RegExp(`data-lado="${id}"`), 'resolved: no longer open');
});

test('bad input on the LADO\'s forms: the error summary, nothing stored', async () => {
	const s = await as('lado');
	const id = await allegation('HTTP-LADO-2', AS_AT);
	const before = checksum();
	let r = await page('POST', '/lado', { session: s, form: {} });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*There is a problem/);
	r = await page('POST', '/lado', { session: s, form: { reference: 'HTTP-LADO-2', ...dateBoxes('received_date', AS_AT),
		category: 'physical', sector: 'education' } });
	assert.equal(r.status, 400, 'the reference is unique');
	r = await page('POST', `/lado/${id}/child`, { session: s, form: {} });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*Enter the child&#39;s LA child id, or their name|govuk-error-summary[\s\S]*Enter the child/);
	r = await page('POST', `/lado/${id}/child`, { session: s, form: { la_child_id: 'NO-SUCH-CHILD' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /There is no child with that LA child id/);
	r = await page('POST', `/lado/${id}/meeting`, { session: s, form: { ...dateBoxes('meeting_date', AS_AT) } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary/);
	r = await page('POST', `/lado/${id}`, { session: s, form: { reference: 'HTTP-LADO-2', ...dateBoxes('received_date', AS_AT),
		category: 'physical', sector: 'education' } });
	assert.equal(r.status, 400, 'a change needs a reason');
	assert.match(r.text, /Enter why you are changing this record/);
	assert.equal((await page('GET', '/lado/999999999', { session: s })).status, 404);
	assert.equal(checksum(), before, 'every table is unchanged');
});

test('who reads an allegation: the LADO; a social worker only for a child of theirs (else 404); never the admin', async () => {
	const mine = await allegation('HTTP-LADO-3', AS_AT);
	await linkChild(mine, { la_child_id: 'HC1' }); // Team A's child
	const theirs = await allegation('HTTP-LADO-4', AS_AT);
	await linkChild(theirs, { la_child_id: 'HC2' }); // Team B's child
	const nobody = await allegation('HTTP-LADO-5', AS_AT); // no child linked
	const sw = await as('social_worker');
	assert.equal((await page('GET', `/lado/${mine}`, { session: sw })).status, 200);
	assert.equal((await page('GET', `/lado/${theirs}`, { session: sw })).status, 404, 'a child of another team');
	assert.equal((await page('GET', `/lado/${nobody}`, { session: sw })).status, 404, 'no child of theirs');
	const shown = await page('GET', `/lado/${mine}`, { session: sw });
	assert.doesNotMatch(shown.text, /Change the allegation|Record a meeting/, 'a reader is offered no forms');
	assert.equal((await page('GET', '/lado', { session: sw })).status, 403, 'the list is the LADO\'s');
	assert.equal((await page('GET', `/lado/${mine}/edit`, { session: sw })).status, 403);
	const before = checksum();
	assert.equal((await page('POST', `/lado/${mine}/meeting`, { session: sw, form: { ...dateBoxes('meeting_date', AS_AT),
		attendees: 'x' } })).status, 403);
	assert.equal(checksum(), before);
	assert.equal((await page('GET', `/lado/${mine}`, { session: await as('admin') })).status, 403);
	assert.equal((await page('GET', `/lado/${theirs}`, { session: await as('lado') })).status, 200);
	const tm = await as('team_manager'); // HTTP Team A too
	assert.equal((await page('GET', `/lado/${theirs}`, { session: tm })).status, 404);
});
