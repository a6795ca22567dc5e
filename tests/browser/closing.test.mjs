// Closing a case and stepping down, in a real browser (issue 15, part 3). Closing Team's
// manager closes Nell Ashby's case (BK1) with a CIN census reason: a reason left out shows
// the error summary and stores nothing; then RC7 saves, and her open CP plan and her
// allocation end on the same day, each a revision, while her CIN plan (ended before) is
// left as it was. Then she steps Otto Birch (BK2) down to early help: his case closes (RC9,
// chosen already) and an early help episode opens marked as a step down (EH1.step_down).
// Closing Team's social worker has no step up button and its form refuses her. Run by
// tests/cli/browser.sh, whose fixture makes Closing Team and both children.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { URL_BASE, choose, fillDate, signIn as signInAs, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();
const childId = (la) => Number(sql(`SELECT id FROM child WHERE la_child_id = '${la}'`));

const chrome = useBrowser();
const open = (t) => chrome.open(t);
const signIn = (page, username) => signInAs(page, username, { until: 'load' });

const digest = (child) =>
	sql(`SELECT (SELECT group_concat(coalesce(closure_date, '-') || coalesce(closure_reason, '-')) FROM referral
		WHERE child_id = ${child}) || '|' || (SELECT group_concat(coalesce(end_date, '-')) FROM cp_plan
		WHERE child_id = ${child}) || '|' || (SELECT group_concat(coalesce(end_date, '-')) FROM allocation
		WHERE child_id = ${child}) || '|' || (SELECT count(*) FROM revision)`);

test('a case closed with a reason code: its CP plan and allocation end with it', async (t) => {
	const { page, problems } = await open(t);
	const child = childId('BK1');
	await signIn(page, 'closing_manager');
	await page.goto(`${URL_BASE}/children/${child}`);
	await page.click('[data-hearth=actions] a:has-text("Close the case")');
	await page.waitForLoadState();
	assert.match(page.url(), new RegExp(`/children/${child}/close$`));
	// The reasons are the CIN census's, each with its words.
	assert.match(await page.textContent('form[data-hearth=close]'), /RC7[\s\S]*child no longer in need/);

	// Bad input: no reason. The error summary names it, and nothing is stored.
	const before = digest(child);
	await fillDate(page, 'closure_date', '2026-03-20');
	await page.click('form[data-hearth=close] button[type=submit]');
	await page.waitForLoadState();
	assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary is shown');
	assert.match(await page.textContent('.govuk-error-summary'), /Choose the reason the case closed/);
	assert.equal(digest(child), before, 'nothing was stored');

	await fillDate(page, 'closure_date', '2026-03-20');
	await choose(page, 'closure_reason', 'RC7');
	await page.click('form[data-hearth=close] button[type=submit]');
	await page.waitForLoadState();
	// A confirmation of what ended (with her allocation ended, her record leaves the team's scope).
	const panel = await page.textContent('[data-hearth=closed]');
	assert.match(panel, /Case closed/);
	assert.match(panel, /RC7: Services ceased for any other reason/);
	assert.match(await page.textContent('main'), /1 referral closed, 1 plan ended and 1 allocation ended/);

	assert.equal(sql(`SELECT closure_date || ' ' || closure_reason FROM referral WHERE child_id = ${child}`),
		'2026-03-20 RC7');
	assert.equal(sql(`SELECT end_date FROM cp_plan WHERE child_id = ${child}`), '2026-03-20', 'the CP plan ended');
	assert.equal(sql(`SELECT end_date FROM cin_plan WHERE child_id = ${child}`), '2026-01-05',
		'the CIN plan that had ended already is as it was');
	assert.equal(sql(`SELECT end_date FROM allocation WHERE child_id = ${child}`), '2026-03-20',
		'the allocation ended');
	// Each ending a revision; nothing deleted or retracted.
	assert.equal(sql(`SELECT group_concat(tbl, ' ') FROM (SELECT tbl FROM revision WHERE action = 'update'
		AND reason = 'case closed: RC7' ORDER BY tbl)`), 'allocation cp_plan referral');
	assert.equal(sql(`SELECT count(*) FROM cp_plan WHERE child_id = ${child} AND voided = 0`), '1');
	assert.deepEqual(problems, []);
});

test('a step down: the case closes and early help opens, marked as a step down', async (t) => {
	const { page, problems } = await open(t);
	const child = childId('BK2');
	await signIn(page, 'closing_manager');
	await page.goto(`${URL_BASE}/children/${child}`);
	await page.click('[data-hearth=actions] a:has-text("Step down to early help")');
	await page.waitForLoadState();
	// RC9 (closed after assessment, referred to early help) is chosen already.
	const chosen = (await page.locator('select#closure_reason').count())
		? await page.inputValue('select#closure_reason')
		: await page.getAttribute('input[name=closure_reason]:checked', 'value');
	assert.equal(chosen, 'RC9');
	// Bad input: a date in the future. The error summary, nothing stored.
	const before = digest(child);
	await fillDate(page, 'closure_date', '2026-04-02');
	await page.click('form[data-hearth=step-down] button[type=submit]');
	await page.waitForLoadState();
	assert.match(await page.textContent('.govuk-error-summary'), /in the future/);
	assert.equal(digest(child), before, 'nothing was stored');
	assert.equal(sql(`SELECT count(*) FROM early_help WHERE child_id = ${child}`), '0');

	await fillDate(page, 'closure_date', '2026-03-25');
	await page.click('form[data-hearth=step-down] button[type=submit]');
	await page.waitForLoadState();
	assert.match(await page.textContent('[data-hearth=closed]'), /Stepped down to early help[\s\S]*RC9/);
	assert.match(await page.textContent('main'), /An early help episode opened on/);
	assert.equal(sql(`SELECT closure_date || ' ' || closure_reason FROM referral WHERE child_id = ${child}`),
		'2026-03-25 RC9');
	assert.equal(sql(`SELECT end_date FROM allocation WHERE child_id = ${child}`), '2026-03-25');
	assert.equal(sql(`SELECT start_date || ' ' || step_down || ' ' || coalesce(end_date, '-') FROM early_help
		WHERE child_id = ${child}`), '2026-03-25 1 -', 'an open early help episode, stepped down');
	assert.deepEqual(problems, []);
});

// A social worker proposes closing (it awaits a manager: tests/http/approvals.test.mjs);
// stepping up is the manager's alone.
test('a social worker may not step a case up', async (t) => {
	const { page } = await open(t);
	const child = childId('BK1');
	await signIn(page, 'closing_worker');
	await page.goto(`${URL_BASE}/children/${child}`);
	assert.equal(await page.locator('[data-hearth=actions] a:has-text("Step up to social care")').count(), 0);
	const res = await page.goto(`${URL_BASE}/children/${child}/step-up`);
	assert.equal(res.status(), 403);
});
