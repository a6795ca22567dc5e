// Families First through the browser (issue 19): Families Team's manager sets up a
// multi-agency child protection team with a police member (/macpts); the team's social
// worker records Bea Ashcombe's (BF1) Family Help under s.17 led by a school's partner
// practitioner, who then finds her (and only her) when signed in; the worker records a
// strategy discussion and s.47 enquiry and a child protection plan, each naming the MACPT,
// pre-proceedings with the letter, the FGDM offer and meeting and the family's plan, its
// first meeting, and a kinship special guardianship order with the local offer. The record
// then holds each, as the forms said. Fixtures: tests/cli/browser.sh (Families Team, FW1,
// the partner FP1 of Elm Primary School). Dates are before the pinned today, 31 March 2026.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URL_BASE, choose, fillDate, signIn, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const chrome = useBrowser();

function sql(query) {
	return execFileSync('sqlite3', [DB, query], { encoding: 'utf8' }).trim();
}

// A reference or code chosen by what people read: a select by its option's label, radios
// by the item whose label has the text.
async function pick(page, name, text) {
	if (await page.locator(`select#${name}`).count()) {
		const value = await page.locator(`select#${name} option`, { hasText: text }).first().getAttribute('value');
		await page.selectOption(`select#${name}`, value);
	} else {
		await page.locator(`.govuk-radios__item:has(input[name=${name}])`, { hasText: text }).first().locator('input').check();
	}
}

async function saved(page, what) {
	await page.click('main button[type=submit]');
	await page.waitForLoadState();
	if (/\?done=/.test(page.url())) return;
	const summary = await page.locator('.govuk-error-summary').textContent().catch(() => '(no error summary)');
	assert.fail(`${what}: not saved (at ${page.url()}): ${summary.replace(/\s+/g, ' ').trim()}`);
}

// One kind of record on the child, from its form's address.
// A form's fields in order, each [how, name, value]: 'date' (GOV.UK's three boxes), 'choose'
// (a code: radios or a select), 'pick' (by its label), 'text', or 'check' (a checkbox).
async function fill(page, fields) {
	for (const [how, name, value] of fields) {
		if (how === 'date') await fillDate(page, name, value);
		else if (how === 'choose') await choose(page, name, value);
		else if (how === 'pick') await pick(page, name, value);
		else if (how === 'text') await page.fill(`#${name}`, value);
		else if (how === 'check') await page.check(`#${name}`);
		else throw new Error(`fill: no way '${how}' for ${name}`);
	}
}

// A record of kind added for the child through its form, with fields (as fill), and saved.
async function record(page, child, kind, what, fields) {
	await page.goto(`${URL_BASE}/children/${child}/records/${kind}/new`);
	await fill(page, fields);
	await saved(page, what);
	assert.match(page.url(), new RegExp(`/children/${child}(/[a-z-]+)?\\?done=recorded`), what);
}

test('a child from Family Help led by a partner, through a CP plan with its MACPT, pre-proceedings and FGDM, to a kinship SGO', async (t) => {
	const child = Number(sql("SELECT id FROM child WHERE la_child_id = 'BF1'"));
	assert.ok(child > 0, 'the fixture child');

	// The manager sets up the MACPT and its first member.
	const m = await chrome.open(t, { shot: 'families-macpt' });
	await signIn(m.page, 'family_manager', { until: 'away' });
	await m.page.click('nav >> text=MACPTs');
	await m.page.waitForURL(/\/macpts$/);
	await m.page.click('main a:has-text("Set up a team")');
	await fill(m.page, [['text', 'name', 'Browser MACPT'], ['text', 'area', 'Westside'], ['date', 'start_date', '2025-09-01']]);
	await saved(m.page, 'the MACPT');
	assert.match(m.page.url(), /\/macpts\/\d+\?done=saved$/);
	await m.page.click('main a:has-text("Add a member")');
	await fill(m.page, [
		['choose', 'agency', 'police'],
		['text', 'role', 'Detective sergeant'],
		['text', 'name', 'Dee Tective'],
		['date', 'start_date', '2025-09-01'],
	]);
	await saved(m.page, 'the member');
	assert.match(await m.page.textContent('[data-hearth=macpt-members]'), /Dee Tective[\s\S]*Police[\s\S]*Detective sergeant/);
	assert.deepEqual(m.problems, []);

	// The social worker: Family Help under s.17, led by the school's practitioner.
	const w = await chrome.open(t, { shot: 'families-worker' });
	await signIn(w.page, 'family_worker', { until: 'away' });
	await record(w.page, child, 'family_help', 'Family Help', [
		['date', 'start_date', '2025-09-15'],
		['choose', 'level', 's17'],
		['check', 'referral_id'],
		['pick', 'lead_worker_id', 'Pat Partner (Elm Primary School)'],
		['choose', 'lead_agency', 'school'],
		['date', 'plan_date', '2025-09-29'],
		['text', 'family_plan', 'Morning routine support; school attendance reviewed weekly.'],
	]);

	// The partner finds Bea, and only through what the role lets them list.
	const pt = await chrome.open(t, { shot: 'families-partner' });
	await signIn(pt.page, 'family_partner', { until: 'away' });
	await pt.page.goto(`${URL_BASE}/search?q=Ashcombe`);
	assert.match(await pt.page.textContent('main'), /Bea Ashcombe/);
	const denied = await pt.page.goto(`${URL_BASE}/children/${child}/chronology`);
	assert.equal(denied.status(), 403, 'no chronology for the partner');
	const fh = await pt.page.goto(`${URL_BASE}/api/children/${child}/records/family_help`);
	assert.equal(fh.status(), 200);
	assert.match(await fh.text(), /Morning routine support/);
	// On the web: from the search to their page of Bea, a visit recorded there, and back on
	// the page with the success banner, the visit and the family plan (pages/family_help.c).
	await pt.page.goto(`${URL_BASE}/search?q=Ashcombe`);
	await pt.page.click('main a:has-text("Bea Ashcombe")');
	await pt.page.waitForURL(new RegExp(`/children/${child}/family-help$`));
	await pt.page.click('main a:has-text("Record a visit")');
	await fill(pt.page, [
		['date', 'visit_date', '2025-10-01'],
		['choose', 'kind', 'cin'],
		['choose', 'seen', 'yes'],
		['choose', 'seen_alone', 'no'],
		['text', 'summary', 'Walked Bea to school; breakfast club going well.'],
	]);
	await saved(pt.page, "the partner's visit");
	assert.match(pt.page.url(), new RegExp(`/children/${child}/family-help\\?done=visit$`));
	assert.match(await pt.page.textContent('.govuk-notification-banner--success'), /The visit has been recorded/);
	const mine = await pt.page.textContent('main');
	assert.match(mine, /Walked Bea to school/);
	assert.match(mine, /Morning routine support/);

	// Child protection: the s.47 and the plan name the MACPT (offered by the descriptor's field).
	await record(w.page, child, 's47', 'the s.47', [
		['check', 'referral_id'],
		['date', 'strategy_date', '2025-11-03'],
		['date', 'start_date', '2025-11-04'],
		['date', 'icpc_date', '2025-11-20'],
		['check', 'icpc_not_required-no'],
		['pick', 'macpt_id', 'Browser MACPT (Westside)'],
	]);
	await record(w.page, child, 'cp_plan', 'the CP plan', [
		['check', 'referral_id'],
		['date', 'start_date', '2025-11-20'],
		['choose', 'category', 'NEG'],
		['pick', 'macpt_id', 'Browser MACPT (Westside)'],
	]);

	// Pre-proceedings: the letter with the FGDM offer, the offer accepted, the meeting held.
	await record(w.page, child, 'pre_proceedings', 'pre-proceedings', [
		['date', 'start_date', '2026-01-05'],
		['date', 'lbp_sent', '2026-01-06'],
		['choose', 'lbp_fgdm_offer', 'yes'],
		['date', 'fgdm_offered', '2026-01-06'],
		['text', 'fgdm_offered_to', 'Mother and grandmother'],
		['choose', 'fgdm_exempt', 'no'],
		['text', 'fgdm_accepted_by', 'Mother'],
		['date', 'fgdm_held', '2026-01-20'],
		['text', 'fgdm_attendees', 'Mother, grandmother, aunt'],
		['choose', 'child_attended', 'yes'],
		['text', 'family_plan', 'Bea to live with her grandmother.'],
		['date', 'step_decision_date', '2026-03-02'],
		['choose', 'outcome', 'kinship'],
	]);
	await record(w.page, child, 'pp_meeting', 'the first pre-proceedings meeting', [
		['check', 'pre_proceedings_id'],
		['date', 'meeting_date', '2026-01-12'],
		['choose', 'kind', 'initial'],
	]);
	// To a kinship special guardianship order, with the local offer.
	await record(w.page, child, 'kinship', 'the kinship SGO', [
		['choose', 'kind', 'sgo'],
		['date', 'start_date', '2026-03-16'],
		['choose', 'carer_relationship', 'grandparent'],
		['choose', 'allowance', 'yes'],
		['text', 'offer_version', '2025-v2'],
		['date', 'offer_date', '2026-03-03'],
	]);
	assert.deepEqual(w.problems, []);
	assert.deepEqual(pt.problems, []);

	// The record holds what the forms said.
	const macpt = sql("SELECT id FROM macpt WHERE name = 'Browser MACPT'");
	assert.equal(sql(`SELECT agency || '|' || role FROM macpt_member WHERE macpt_id = ${macpt}`), 'police|Detective sergeant');
	assert.equal(sql(`SELECT f.level || '|' || w.staff_id || '|' || f.lead_agency FROM family_help f JOIN worker w ON w.id = f.lead_worker_id WHERE f.child_id = ${child}`),
		's17|FP1|school');
	assert.equal(sql(`SELECT macpt_id FROM s47 WHERE child_id = ${child}`), macpt);
	assert.equal(sql(`SELECT macpt_id FROM cp_plan WHERE child_id = ${child}`), macpt);
	assert.equal(sql(`SELECT lbp_fgdm_offer || '|' || fgdm_offered || '|' || fgdm_held || '|' || outcome FROM pre_proceedings WHERE child_id = ${child}`),
		'1|2026-01-06|2026-01-20|kinship');
	assert.equal(sql(`SELECT kind || '|' || meeting_date FROM pp_meeting WHERE child_id = ${child}`), 'initial|2026-01-12');
	assert.equal(sql(`SELECT kind || '|' || allowance || '|' || offer_version FROM kinship WHERE child_id = ${child}`), 'sgo|1|2025-v2');
});

// The CIN census for 2026-27 (the collection year ending 31 March 2027: --year 2027), the
// first with the PreProceedingsandFGDM block (src/returns/cin_pp.c, CIN_PP_FIRST_YEAR), on
// the record the journey above made. Bea is in it: her referral, her Family Help at s.17
// (a CIN plan) and her CP plan are all open on 1 April 2026. Her pre-proceedings is not:
// it began on 5 January 2026 and ended with the step decision of 2 March 2026, with no
// court application, so it was not open on any day of 2026-27, and a census writes what
// was open in its year (cin_pp_view skips a pre-proceedings whose last date, the later of
// the step decision and the court application, is before the year's start). The DfE has
// not said which pre-proceedings the block holds (standards/changes-2026 README §1.1:
// definitions not found); that is Hearth's reading, kept here as it is. So her 2026-27
// entry carries no block, and neither does her 2025-26 one (the block's first year is
// 2026-27). The export takes no as-at date and reads nothing of today: the pinned today
// (31 March 2026, before the census's reference date) needs no change for it.
test('the CIN census: Bea in 2026-27 with her CIN and CP plans, her 2025-26 pre-proceedings in no block; on a copy open into 2026-27, the block with the values of the forms', async (t) => {
	const STANDARDS = process.env.STANDARDS;
	if (!STANDARDS || !fs.existsSync(STANDARDS)) {
		t.skip(`no standards folder (STANDARDS=${STANDARDS}): the CIN census is checked against its XSD, so was not written`);
		return;
	}
	const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'families-'));
	const entry = (year) => {
		const out = path.join(dir, `cin${year}.xml`);
		// Refuses (exit status not 0, so execFileSync throws) a file that fails the 2025-26
		// XSD or, for the block, Hearth's element table.
		execFileSync(process.env.HEARTH, ['export', DB, 'cin-census', '--year', year, '--out', out, '--standards', STANDARDS],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const xml = fs.readFileSync(out, 'utf8');
		const at = xml.indexOf('<LAchildID>BF1</LAchildID>');
		assert.ok(at >= 0, `BF1 is in the CIN census ${year}`);
		return xml.slice(at, xml.indexOf('</Child>', at));
	};
	const bea = entry('2027');
	for (const [el, value] of [['CINreferralDate', '2025-09-01'], ['CINPlanStartDate', '2025-09-15'],
		['CPPstartDate', '2025-11-20'], ['InitialCategoryOfAbuse', 'NEG']]) {
		assert.ok(bea.includes(`<${el}>${value}</${el}>`), `2026-27: her entry has ${el} ${value}`);
	}
	assert.ok(!/<(CINPlanEndDate|CPPendDate|CINclosureDate)>/.test(bea), '2026-27: her plans and referral still open');
	assert.ok(!bea.includes('PreProceedingsandFGDM'), '2026-27: no block for a pre-proceedings concluded on 2 March 2026');
	assert.ok(!entry('2026').includes('PreProceedingsandFGDM'), '2025-26: no block before its first year');

	// What the block would carry from the journey's forms, had her pre-proceedings still been
	// open in 2026-27: on a copy of the record (the one the server serves stays as the journey
	// left it), a court application on 20 April 2026 is added to it. That date is after the
	// pinned today, which `hearth record` refuses, so that one command (and the export after
	// it, for consistency) runs with HEARTH_TODAY=2026-04-30. Every other element is the
	// journey's: start 5 Jan, letter 6 Jan, FGDM offered (6 Jan: 1) and held (20 Jan: 1),
	// the initial meeting 12 Jan and no review meeting, the step decision 2 Mar with its
	// outcome (Hearth's code: the DfE's list is not published), in the element table's order.
	const copy = path.join(dir, 'copy.db');
	sql(`.backup '${copy}'`);
	const later = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HEARTH_TODAY: '2026-04-30' } };
	const pp = sql(`SELECT id FROM pre_proceedings WHERE child_id = (SELECT id FROM child WHERE la_child_id = 'BF1')`);
	execFileSync(process.env.HEARTH, ['record', copy, 'update', 'pre_proceedings', pp, '--court-app-date', '2026-04-20',
		'--reason', 'browser test: the block of a pre-proceedings open in 2026-27'], later);
	execFileSync(process.env.HEARTH, ['export', copy, 'cin-census', '--year', '2027', '--out', path.join(dir, 'copy.xml'),
		'--standards', STANDARDS], later);
	const xml = fs.readFileSync(path.join(dir, 'copy.xml'), 'utf8');
	const at = xml.indexOf('<LAchildID>BF1</LAchildID>');
	const block = xml.slice(at, xml.indexOf('</Child>', at)).match(/<PreProceedingsandFGDM>([\s\S]*?)<\/PreProceedingsandFGDM>/);
	assert.ok(at >= 0 && block, '2026-27, the copy: her entry carries the block');
	assert.deepEqual([...block[1].matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => `${m[1]}=${m[2]}`), [
		'PPStartDate=2026-01-05', 'LBPSentDate=2026-01-06', 'FGDMMeetingOffer=1', 'FGDMMeetingFac=1',
		'InitialPPMeetingDate=2026-01-12', 'ReviewMeetingsCount=0', 'StepDecisionDate=2026-03-02', 'PPOutcome=kinship',
		'CourtAppDate=2026-04-20']);
});
