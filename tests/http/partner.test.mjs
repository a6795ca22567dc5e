// The partner practitioner's page of a child they lead (GET /children/{id}/family-help,
// pages/family_help.c): the child's name, the Family Help with its family plan, and the
// visits and case notes they recorded themselves, newest first, with the links the role
// table allows; nothing of another worker's. Saving a visit, a note or Family Help on the
// web lands there with GOV.UK's success banner. The fixture (tests/cli/http.sh): the
// partner test_partner (worker HTP1, a school's) leads HC1's Family Help ("Attendance plan
// with the school") and is named on restricted HC3's without a grant.
import test from 'node:test';
import assert from 'node:assert/strict';
import { AS_AT, CHILD, as, dateBoxes, page, req, sql, validNote, validVisit } from './lib.mjs';

const C = CHILD.in;
const PAGE = `/children/${C}/family-help`;
const BANNER = /govuk-notification-banner--success[\s\S]*govuk-notification-banner__heading">([^<]*)</;

// Words no other test writes, so their presence or absence on the page is this test's.
const OWN_VISIT = 'Partner page: walked Hazel to school';
const OWN_NOTE_OLD = 'Partner page: an older note';
const OWN_NOTE_NEW = 'Partner page: the newest note';
const SW_NOTE = 'Partner page: the social worker\'s private note';
const SW_VISIT = 'Partner page: the social worker\'s own visit';

// The day before d (ISO), for an older note.
function dayBefore(iso) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

function bannerOf(html) {
	const m = html.match(BANNER);
	return m ? m[1] : null;
}

test('partner: saving a visit and notes on the web lands on their page of the child, with the success banner', async () => {
	const p = await as('partner');
	const visit = await page('POST', `/children/${C}/visits`, { session: p, form: { ...dateBoxes('visit_date', AS_AT),
		kind: 'cin', seen: 'yes', seen_alone: 'no', child_said: 'She likes her new class', summary: OWN_VISIT } });
	assert.equal(visit.status, 303, visit.text.slice(0, 300));
	assert.equal(visit.headers.get('location'), `${PAGE}?done=visit`);
	const landed = await page('GET', visit.headers.get('location'), { session: p });
	assert.equal(landed.status, 200, landed.text.slice(0, 300));
	assert.equal(bannerOf(landed.text), 'The visit has been recorded');
	assert.ok(landed.text.includes(OWN_VISIT));

	// Two notes: the older typed second, so newest first is the page's order, not the saving's.
	for (const [date, body] of [[AS_AT, OWN_NOTE_NEW], [dayBefore(AS_AT), OWN_NOTE_OLD]]) {
		const note = await page('POST', `/children/${C}/notes`, { session: p, form: { ...dateBoxes('note_date', date),
			kind: 'case_note', child_voice: 'no', body } });
		assert.equal(note.status, 303, note.text.slice(0, 300));
		assert.equal(note.headers.get('location'), `${PAGE}?done=note`);
	}
	const after = await page('GET', `${PAGE}?done=note`, { session: p });
	assert.equal(bannerOf(after.text), 'The case note has been recorded');
	assert.ok(after.text.indexOf(OWN_NOTE_NEW) > 0 && after.text.indexOf(OWN_NOTE_NEW) < after.text.indexOf(OWN_NOTE_OLD),
		'newest note first');
	// The forms' way back is this page, not a record they may not read.
	for (const form of [`/children/${C}/visits/new`, `/children/${C}/notes/new`, `/children/${C}/records/family_help/new`]) {
		const f = await page('GET', form, { session: p });
		assert.equal(f.status, 200, form);
		assert.ok(f.text.includes(`<a href="${PAGE}" class="govuk-back-link">`), form);
	}
	// Without ?done= there is no banner.
	assert.equal(bannerOf((await page('GET', PAGE, { session: p })).text), null);
});

test('partner: a Family Help saved on the web lands on the page too', async () => {
	const p = await as('partner');
	const me = sql("SELECT id FROM worker WHERE staff_id = 'HTP1'");
	// An earlier episode, ended before the fixture's began (2 March 2026).
	const fh = await page('POST', `/children/${C}/records/family_help`, { session: p, form: {
		...dateBoxes('start_date', '2025-10-06'), level: 'targeted', lead_worker_id: me, lead_agency: 'school',
		family_plan: 'Partner page: the autumn plan', ...dateBoxes('end_date', '2026-01-30'), end_reason: 'needs_met' } });
	assert.equal(fh.status, 303, fh.text.replace(/\s+/g, ' ').match(/govuk-error-summary[\s\S]{0,600}/)?.[0] ?? fh.text.slice(0, 300));
	const to = fh.headers.get('location');
	assert.match(to, new RegExp(`^${PAGE}\\?done=recorded#family_help-\\d+$`));
	const landed = await page('GET', to.replace(/#.*/, ''), { session: p });
	assert.equal(bannerOf(landed.text), 'The record has been saved');
	assert.ok(landed.text.includes('Partner page: the autumn plan'));
	assert.ok(landed.text.includes(`id="${to.split('#')[1]}"`), 'the saved row is on the page');
});

test("partner: their page of HC1 shows the Family Help and their own visits and notes, and nothing of another worker's", async () => {
	const p = await as('partner');
	const sw = await as('social_worker');
	const n = await req('POST', `/api/children/${C}/records/note`, { session: sw, body: { ...validNote(), body: SW_NOTE } });
	assert.equal(n.status, 201, n.text);
	const v = await req('POST', `/api/children/${C}/visits`, { session: sw, body: { ...validVisit(), summary: SW_VISIT } });
	assert.equal(v.status, 201, v.text);
	const own = await req('POST', `/api/children/${C}/records/note`, { session: p, body: validNote() });
	assert.equal(own.status, 201, own.text);
	const ownId = own.json.record.id;

	const r = await page('GET', PAGE, { session: p });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const html = r.text;
	// The child, the Family Help they lead with its family plan.
	const name = sql(`SELECT given_name || ' ' || family_name FROM child WHERE id = ${C}`);
	assert.ok(html.includes(name), 'the child is named');
	assert.match(html, /data-hearth="family_help-list"[\s\S]*Attendance plan with the school/);
	// Their own rows, with their history, correct and retract links (the role table lets them).
	assert.match(html, /data-hearth="note-list"/);
	assert.match(html, /data-hearth="visit-list"/);
	for (const tail of ['/history', '/edit', '/retract']) {
		assert.ok(html.includes(`href="/children/${C}/records/note/${ownId}${tail}"`), `note ${tail}`);
	}
	// Ways to record more.
	assert.ok(html.includes(`href="/children/${C}/visits/new"`));
	assert.ok(html.includes(`href="/children/${C}/notes/new"`));
	// The social worker's note and visit (and their ids) appear nowhere in the page.
	assert.ok(!html.includes(SW_NOTE), 'no other worker\'s note');
	assert.ok(!html.includes(SW_VISIT), 'no other worker\'s visit');
	assert.ok(!html.includes(`/records/note/${n.json.record.id}`));
	assert.ok(!html.includes(`/records/visit/${v.json.visit.id}`));
	// Every row listed is theirs: the page's rows are exactly what the API lets them read.
	for (const kind of ['note', 'visit']) {
		const api = (await req('GET', `/api/children/${C}/records/${kind}?limit=500`, { session: p })).json.records.map((x) => x.id);
		const shown = [...html.matchAll(new RegExp(`data-kind="${kind}" data-id="(\\d+)"`, 'g'))].map((m) => Number(m[1]));
		assert.deepEqual(shown.sort((a, b) => a - b), api.sort((a, b) => a - b), kind);
	}
	// No other part of the record: no chronology, no link to the overview or its parts.
	assert.ok(!html.includes(`href="/children/${C}/chronology"`));
	assert.ok(!html.includes(`href="/children/${C}"`));
	// The history link works for them.
	assert.equal((await page('GET', `/children/${C}/records/note/${ownId}/history`, { session: p })).status, 200);
	// The read is audited, naming HC1.
	const uid = sql("SELECT id FROM user_account WHERE username = 'test_partner'");
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE actor = 'user:${uid}' AND child_id = ${C} AND section = 'family help'`)) > 0);
});

test('partner: a child they do not lead, or restricted, is not found, as a child that does not exist', async () => {
	const p = await as('partner');
	const none = await page('GET', `/children/${CHILD.none}/family-help`, { session: p });
	assert.equal(none.status, 404);
	for (const id of [CHILD.out, CHILD.restricted]) {
		const r = await page('GET', `/children/${id}/family-help`, { session: p });
		assert.equal(r.status, 404, `child ${id}`);
		assert.equal(r.text.replaceAll(String(id), 'ID'), none.text.replaceAll(String(CHILD.none), 'ID'));
	}
});

test('partner: their caseload links each child to this page', async () => {
	const r = await page('GET', '/caseload', { session: await as('partner') });
	assert.equal(r.status, 200);
	assert.ok(r.text.includes(`href="${PAGE}"`), 'HC1 links to its Family Help page');
	assert.ok(!r.text.includes(`href="/children/${C}"`));
	// The caseload shows a partner nothing worked out from the whole record: no status (it
	// would say "child protection plan"), nothing from the clock, no way to /due; only
	// their own last visit (the social worker's visit of this file is not theirs).
	const table = r.text.slice(r.text.indexOf('data-hearth="caseload"'), r.text.indexOf('</table>'));
	assert.ok(table.length > 0, 'the caseload table');
	for (const absent of ['>Status<', '>Next due<', '>Overdue<', 'govuk-tag', 'Nothing due']) {
		assert.ok(!table.includes(absent), `no ${absent} for a partner`);
	}
	assert.ok(!r.text.includes('See everything that is due'), 'no way to /due');
	assert.match(table, />Your last visit</);
	// A social worker's caseload keeps every column.
	const sw = await page('GET', '/caseload', { session: await as('social_worker') });
	for (const present of ['>Status<', '>Next due<', '>Overdue<', '>Last visit<']) {
		assert.ok(sw.text.includes(present), `${present} for a social worker`);
	}
});

test('the page is the partner\'s: a role that reads the whole record has the record, not this', async () => {
	for (const role of ['social_worker', 'team_manager', 'inspector', 'lado', 'admin']) {
		assert.equal((await page('GET', PAGE, { session: await as(role) })).status, 403, role);
	}
	// A social worker saving a visit still lands on the chronology, as before.
	const s = await as('social_worker');
	const v = await page('POST', `/children/${C}/visits`, { session: s, form: { ...dateBoxes('visit_date', AS_AT),
		kind: 'cin', seen: 'yes', seen_alone: 'no', child_said: 'x', summary: 'y' } });
	assert.equal(v.status, 303);
	assert.match(v.headers.get('location'), new RegExp(`^/children/${C}/chronology\\?done=visit`));
});
