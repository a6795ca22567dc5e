// The administrator in a real browser: creates a social worker of South Team, who signs in
// and sees their team's caseload; then disables them, and the worker's next page sends them
// to sign in. Run by tests/cli/browser.sh (users browser_admin; South Team's child BC3).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { URL_BASE, PASSWORD, signIn as signInAs, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

const chrome = useBrowser();
const open = (t, name) => chrome.open(t, { shot: `admin-${name}` });
const signIn = (page, username, password) => signInAs(page, username, { password });

test('an administrator creates a social worker who sees their caseload, then disables them', async (t) => {
	const admin = await open(t, 'administrator');
	await signIn(admin.page, 'browser_admin', PASSWORD);
	await admin.page.click('a[href="/admin/users"]');
	await admin.page.click('text=Add a user');
	// A bad username first: the error summary, and nothing stored.
	const before = sql('SELECT count(*) FROM user_account');
	await admin.page.fill('#username', 'Not A Username');
	await admin.page.click('button:has-text("Add the user")');
	assert.ok(await admin.page.isVisible('.govuk-error-summary'));
	assert.match(await admin.page.textContent('.govuk-error-summary'), /Username must be/);
	assert.equal(sql('SELECT count(*) FROM user_account'), before);

	await admin.page.fill('#username', 'south_newcomer');
	await admin.page.selectOption('#role', 'social_worker');
	// Few teams: radios; the workers in post are more than seven (Families Team's and the
	// partner are in post too), so a select.
	await admin.page.getByLabel('South Team', { exact: true }).check();
	await admin.page.selectOption('select#worker_id', { label: 'Sara Quinn (S1)' });
	await admin.page.fill('#password', 'newcomer-password-1');
	await admin.page.click('button:has-text("Add the user")');
	await admin.page.waitForURL(/\/admin\/users\/\d+\?done=added$/);
	assert.match(await admin.page.textContent('.govuk-notification-banner'), /The user has been added/);

	const worker = await open(t, 'new-social-worker');
	await signIn(worker.page, 'south_newcomer', 'newcomer-password-1');
	await worker.page.goto(`${URL_BASE}/caseload`);
	const caseload = await worker.page.textContent('table[data-hearth=caseload]');
	assert.match(caseload, /Juno Stone/, 'South Team\'s child');
	assert.doesNotMatch(caseload, /Hazel Quenby|Ivor Rowe/, 'not North Team\'s children');

	// The administrator disables them; the worker's next page sends them to sign in.
	await admin.page.check('#disable');
	await admin.page.click('button:has-text("Disable the user")');
	await admin.page.waitForURL(/done=disabled$/);
	assert.equal(await admin.page.textContent('[data-hearth=status]'), 'Disabled');
	await worker.page.goto(`${URL_BASE}/caseload`);
	assert.match(worker.page.url(), /\/sign-in/);
	await signIn(worker.page, 'south_newcomer', 'newcomer-password-1');
	assert.match(worker.page.url(), /\/sign-in/, 'a disabled user cannot sign in');
	assert.deepEqual(admin.problems, []);
	assert.deepEqual(worker.problems, []);
});
