// Managers' authorisation in a real browser (issue 15, part 2): a social worker ends an
// assessment; it awaits the team manager's authorisation; the manager returns it with a
// reason; the worker sees the reason on their home page, amends the assessment and saves
// it (resubmitted); the manager authorises it, and AS1 counts from the authorisation date.
// Its own team, workers, users and child (made here with the command line), so no other
// file's counts change. Run by tests/cli/browser.sh.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { URL_BASE, PASSWORD, fillDate, signIn, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const HEARTH = process.env.HEARTH;
const TODAY = process.env.HEARTH_TODAY || '2026-03-31';
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();
const hearth = (...args) => execFileSync(HEARTH, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const hearthIn = (input, ...args) => execFileSync(HEARTH, args, { encoding: 'utf8', input });

let CHILD;
before(async () => {
	hearth('record', DB, 'team', '--name', 'Approvals Team', '--service', 'cin_cp', '--opened', '2020-01-01');
	for (const [staff, given] of [['AP1', 'Ada'], ['AP2', 'Max']]) {
		hearth('record', DB, 'worker', '--staff-id', staff, '--given-name', given, '--family-name', 'Approver',
			'--role', 'social_worker', '--team', 'Approvals Team', '--fte', '1', '--agency', 'no', '--case-holder', 'yes',
			'--start-date', '2020-01-01');
	}
	hearthIn(`${PASSWORD}\n`, 'user', DB, 'add', 'approvals_worker', '--role', 'social_worker', '--team', 'Approvals Team',
		'--worker', 'AP1');
	hearthIn(`${PASSWORD}\n`, 'user', DB, 'add', 'approvals_manager', '--role', 'team_manager', '--team', 'Approvals Team',
		'--worker', 'AP2');
	hearth('child', DB, 'add', '--given', 'Lark', '--family', 'Penrose', '--dob', '2014-05-05', '--sex', 'F', '--la-id', 'BAP1',
		'--ethnicity', 'WBRI');
	hearth('record', DB, 'allocation', '--child', 'BAP1', '--worker', 'AP1', '--kind', 'sw', '--start-date', '2026-01-05');
	hearth('record', DB, 'referral', '--child', 'BAP1', '--referral-date', '2026-01-05', '--source', '1A', '--nfa', 'no',
		'--primary-need', 'N1');
	CHILD = Number(sql("SELECT id FROM child WHERE la_child_id = 'BAP1'"));
});
const chrome = useBrowser(); // launched after the fixture above

async function open(t, username) {
	const opened = await chrome.open(t, { shot: `${username}-${t.name}` });
	await signIn(opened.page, username, { until: 'away' });
	return opened;
}

async function submit(page) {
	await page.click('main button[type=submit]');
	await page.waitForLoadState();
}

// The manager opens the request from /approvals and answers it.
async function answer(page, decision, reason) {
	await page.goto(`${URL_BASE}/approvals`);
	const row = page.locator('[data-hearth=approvals] tr', { hasText: 'Lark Penrose' });
	await assert.doesNotReject(row.first().waitFor(), 'the request is on /approvals');
	assert.match(await row.first().textContent(), /End of an assessment[\s\S]*0 working days/);
	await row.first().locator('a:has-text("Decide")').click();
	await page.waitForURL(/\/approvals\/\d+$/);
	await page.check(decision === 'authorise' ? '#decision' : '#decision-return');
	if (reason) await page.fill('#reason', reason);
	await submit(page);
	await page.waitForURL(/\/approvals\?done=/);
	assert.match(await page.textContent('.govuk-notification-banner'), decision === 'authorise' ? /Authorised/ : /Returned/);
}

test('an assessment returned by the manager, amended, then authorised; AS1 counts from the authorisation', async (t) => {
	const worker = await open(t, 'approvals_worker');
	const manager = await open(t, 'approvals_manager');
	const w = worker.page, m = manager.page;

	// The worker ends the assessment on 2 February: saved, awaiting authorisation.
	await w.goto(`${URL_BASE}/children/${CHILD}/records/assessment/new`);
	await w.check('#referral_id');
	await fillDate(w, 'start_date', '2026-01-06');
	await fillDate(w, 'authorised_date', '2026-02-02');
	await w.fill('#factors', '2B');
	await submit(w);
	assert.match(w.url(), /\?done=recorded/, await w.locator('.govuk-error-summary').textContent().catch(() => w.url()));
	const assessment = Number(sql(`SELECT max(id) FROM assessment WHERE child_id = ${CHILD}`));
	assert.equal(sql(`SELECT coalesce(authorised_date, 'blank') FROM assessment WHERE id = ${assessment}`), 'blank');

	// Bad input first: no decision, then a return without a reason: the summary, nothing stored.
	await m.goto(`${URL_BASE}/approvals`);
	await m.locator('[data-hearth=approvals] tr', { hasText: 'Lark Penrose' }).locator('a:has-text("Decide")').click();
	await m.waitForURL(/\/approvals\/\d+$/);
	await submit(m);
	assert.match(await m.textContent('.govuk-error-summary'), /Choose whether to authorise it or return it/);
	await m.check('#decision-return');
	await submit(m);
	assert.match(await m.textContent('.govuk-error-summary'), /Enter the reason for returning it/);
	assert.equal(sql(`SELECT state FROM authorisation WHERE record_kind = 'assessment' AND record_id = ${assessment}`), 'awaiting');

	// Returned with a reason.
	await answer(m, 'return', 'Add the father\'s views before I sign this off.');

	// The worker's home page: returned, with the reason; the link opens the assessment to amend.
	await w.goto(`${URL_BASE}/`);
	const tray = w.locator('[data-hearth=tray-returned]');
	assert.match(await tray.textContent(), /Add the father's views before I sign this off\./);
	await tray.locator('a').first().click();
	await w.waitForURL(new RegExp(`/children/${CHILD}/records/assessment/${assessment}/edit$`));
	await fillDate(w, 'authorised_date', '2026-03-30');
	await w.fill('#factors', '2B,3B');
	await w.fill('#reason', 'Added the father\'s views');
	await submit(w);
	assert.doesNotMatch(w.url(), /\/edit$/, await w.locator('.govuk-error-summary').textContent().catch(() => w.url()));
	assert.equal(sql(`SELECT state FROM authorisation WHERE record_kind = 'assessment' AND record_id = ${assessment}`), 'awaiting');

	// Authorised: the assessment's completion date is the authorisation date.
	await answer(m, 'authorise');
	assert.equal(sql(`SELECT factors || '|' || authorised_date FROM assessment WHERE id = ${assessment}`), `2B,3B|${TODAY}`);
	// AS1, worked by hand: the referral of Monday 5 January 2026 starts the clock; 45
	// working days on is Monday 9 March. Authorised on 31 March (61 working days): late,
	// though the worker first ended it on 2 February (20 working days). In the
	// denominator, not the numerator.
	const list = (which) => hearth('report', DB, 'measure', 'AS1', '--as-at', TODAY, '--list', which, '--format', 'csv');
	assert.match(list('denominator'), /\bBAP1\b/);
	assert.doesNotMatch(list('numerator'), /\bBAP1\b/);
	assert.deepEqual(worker.problems, []);
	assert.deepEqual(manager.problems, []);
});
