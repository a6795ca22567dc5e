// The front door in a real browser (issue 15, part 1): Closing Team's manager decides two
// contacts from /front-door. A decision with no reason shows the error summary and stores
// nothing; Pia Corr's contact (BK3) becomes a referral, opened in the same save, dated the
// decision's day and from the contact's source; Rafe Dunn's (BK4) goes to early help,
// which opens an early help episode. Both leave /front-door. Run by tests/cli/browser.sh,
// whose fixture makes both contacts.
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

// Opens the child's contact from /front-door by the child's name.
async function decide(page, name) {
	await page.goto(`${URL_BASE}/front-door`);
	const row = page.locator(`table[data-hearth=front-door] tbody tr:has-text("${name}")`);
	assert.equal(await row.count(), 1, `${name}'s contact awaits a decision`);
	await row.locator('a:has-text("Decide")').click();
	await page.waitForLoadState();
	assert.match(await page.textContent('h1'), /Decide on the contact/);
}

const counts = (child) => sql(`SELECT (SELECT count(*) FROM referral WHERE child_id = ${child}) || ' ' ||
	(SELECT count(*) FROM early_help WHERE child_id = ${child}) || ' ' ||
	(SELECT count(*) FROM contact WHERE child_id = ${child} AND decision IS NOT NULL)`);

test('a contact decided at the front door into a referral, opened in the same save', async (t) => {
	const { page, problems } = await open(t);
	const child = childId('BK3');
	await signIn(page, 'closing_manager');
	await decide(page, 'Pia Corr');
	// Bad input: the decision without its reason. The error summary; nothing stored.
	const before = sql('SELECT count(*) FROM revision');
	await choose(page, 'decision', 'referral');
	await fillDate(page, 'decision_date', '2026-03-31');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState();
	assert.match(await page.textContent('.govuk-error-summary'), /Enter the reason for the decision/);
	assert.equal(sql('SELECT count(*) FROM revision'), before, 'nothing was stored');
	assert.equal(counts(child), '0 0 0');

	await choose(page, 'decision', 'referral');
	await fillDate(page, 'decision_date', '2026-03-31');
	await page.fill('#decision_reason', 'Bruising seen at school; threshold for an assessment met.');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState();
	assert.match(page.url(), new RegExp(`/children/${child}\\?done=decided`));
	assert.equal(counts(child), '1 0 1', 'one referral opened, the contact decided');
	assert.equal(sql(`SELECT referral_date || ' ' || source FROM referral WHERE child_id = ${child}`), '2026-03-31 1A');
	assert.equal(sql(`SELECT decision || ' ' || decision_date FROM contact WHERE child_id = ${child}`),
		'referral 2026-03-31');
	await page.goto(`${URL_BASE}/front-door`);
	assert.equal(await page.locator('table[data-hearth=front-door] tbody tr:has-text("Pia Corr")').count(), 0,
		'no longer awaiting a decision');
	assert.deepEqual(problems, []);
});

test('a contact decided at the front door into early help opens an early help episode', async (t) => {
	const { page, problems } = await open(t);
	const child = childId('BK4');
	await signIn(page, 'closing_manager');
	await decide(page, 'Rafe Dunn');
	await choose(page, 'decision', 'early_help');
	await fillDate(page, 'decision_date', '2026-03-31');
	await page.fill('#decision_reason', 'Needs below the threshold; the family agree to a family support worker.');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState();
	assert.match(page.url(), new RegExp(`/children/${child}\\?done=decided`));
	assert.equal(counts(child), '0 1 1', 'one early help episode opened, no referral');
	assert.equal(sql(`SELECT start_date || ' ' || step_down FROM early_help WHERE child_id = ${child}`), '2026-03-31 0');
	assert.deepEqual(problems, []);
});
