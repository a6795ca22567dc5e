// The web pages in a real browser (Debian's chromium, headless, driven by playwright-core):
// what a social worker and a manager do on a day, keyboard-only sign-in, scope, and a note
// that tries to run script. Run by tests/cli/browser.sh, which makes the record and starts
// the server. Every test saves a screenshot of where it ended (tests/artefacts/browser/).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { URL_BASE, PASSWORD, ARTEFACTS, useBrowser } from './lib.mjs';

const CHILD = Number(process.env.HEARTH_BROWSER_CHILD); // BC1: Hazel Quenby, North Team
const DB = process.env.HEARTH_DB; // the record, a SQLite file (tests/cli/browser.sh)
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

const chrome = useBrowser();

// A fresh browser context (its own cookies) per person; every page is watched for script
// dialogs and console errors (a CSP violation shows as one).
async function open(t, options = {}) {
	const context = await chrome.browser.newContext(options);
	const page = await context.newPage();
	const problems = [];
	page.on('dialog', async (d) => {
		problems.push(`a script dialog opened: ${d.message()}`);
		await d.dismiss();
	});
	page.on('console', (m) => {
		// A page's own status (the 404 page, a form sent back with 400) is not a problem.
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
			problems.push(`console error: ${m.text()}`);
		}
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document') {
			problems.push(`${r.status()} for ${r.url()}`);
		}
	});
	t.after(async () => {
		const name = t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
		await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true }).catch(() => {});
		await context.close();
	});
	return { page, problems };
}

async function signIn(page, username) {
	await page.goto(`${URL_BASE}/sign-in`);
	await page.fill('#username', username);
	await page.fill('#password', PASSWORD);
	await page.click('main button[type=submit]');
}

test('a social worker signs in with the keyboard alone, lands on their in-tray, then their caseload', async (t) => {
	const { page, problems } = await open(t);
	await page.goto(`${URL_BASE}/`);
	assert.match(page.url(), /\/sign-in$/, 'not signed in: sent to sign-in');
	// Tab from the top of the page: the skip link, the header link, then the username box.
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
	let guard = 0;
	while ((await page.evaluate(() => document.activeElement.id)) !== 'username' && guard++ < 5) {
		await page.keyboard.press('Tab');
	}
	await page.keyboard.type('north_worker');
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
	await page.keyboard.type(PASSWORD);
	await page.keyboard.press('Enter');
	// The home page is the in-tray: Hazel's assessment is overdue, so it stops there.
	await page.waitForURL(`${URL_BASE}/`);
	assert.match(await page.textContent('table[data-hearth=due]'), /Complete and authorise the assessment[\s\S]*Hazel Quenby/);
	await page.click('a:text-is("Go to your caseload")');
	await page.waitForURL(/\/caseload$/);
	assert.equal(await page.textContent('h1'), 'My caseload');
	const rows = page.locator('table[data-hearth=caseload] tbody tr');
	assert.equal(await rows.count(), 2, 'BC1 and BC2 are allocated to Nadia Okafor');
	const text = await page.textContent('table[data-hearth=caseload]');
	assert.match(text, /Hazel Quenby/);
	assert.match(text, /Ivor Rowe/);
	assert.doesNotMatch(text, /Juno Stone/, 'a South Team child is not on a North caseload');
	assert.match(text, /Child in need/, "Hazel's status");
	assert.match(text, /not seen alone/, 'the last visit and whether the child was seen alone');
	assert.deepEqual(problems, []);
});

test("a social worker records a visit with the child's own words and sees it top of the chronology", async (t) => {
	const { page, problems } = await open(t);
	await signIn(page, 'north_worker');
	await page.click('text=Hazel Quenby');
	await page.waitForURL(new RegExp(`/children/${CHILD}$`));
	assert.match(await page.textContent('h1'), /Hazel Quenby/);
	assert.match(await page.textContent('[data-hearth=summary]'), /Nadia Okafor/, 'the allocated worker');
	await page.click('text=Record a visit');
	// A mistake first: no kind chosen, so the form comes back with the error summary and
	// what was typed is kept.
	const words = 'I want to stay at my school & see my nan <3';
	await page.check('#seen');
	await page.check('#seen_alone');
	await page.fill('#child_said', words);
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('.govuk-error-summary'), /There is a problem[\s\S]*Select Kind of visit/);
	assert.equal(await page.inputValue('#child_said'), words, 'the words typed are kept');
	assert.ok(await page.isChecked('#seen_alone'), 'the choices made are kept');
	// The error summary links to the field.
	await page.click('.govuk-error-summary a');
	assert.equal(await page.evaluate(() => document.activeElement.name), 'kind');
	await page.check('#kind');
	await page.click('main button[type=submit]');
	await page.waitForURL(/done=visit/);
	assert.match(await page.textContent('.govuk-notification-banner'), /The visit has been recorded/);
	const first = page.locator('[data-hearth=chronology] li').first();
	assert.match(await first.textContent(), /Visit/);
	assert.ok((await first.textContent()).includes(words), "the child's words, as typed, at the top");
	assert.deepEqual(problems, []);
});

test('a case note holding a script tag shows as text and runs nothing', async (t) => {
	const { page, problems } = await open(t);
	await signIn(page, 'north_worker');
	await page.goto(`${URL_BASE}/children/${CHILD}/notes/new`);
	const body = '<script>alert(1)</script> and <img src=x onerror=alert(2)>';
	await page.check('#kind');
	await page.check('#child_voice-no');
	await page.fill('#body', body);
	await page.click('main button[type=submit]');
	await page.waitForURL(/done=note/);
	const first = page.locator('[data-hearth=chronology] li').first();
	assert.ok((await first.textContent()).includes(body), 'the note is shown exactly as written');
	assert.equal(await page.locator('[data-hearth=chronology] script').count(), 0, 'no script element was made');
	assert.equal(await page.locator('[data-hearth=chronology] img').count(), 0, 'no image element was made');
	// The case notes are a part of the record on a page of their own.
	await page.click('[data-hearth=parts] >> text=Visits and case notes');
	await page.waitForURL(new RegExp(`/children/${CHILD}/visits$`));
	const notes = await page.textContent('table[data-hearth=note]');
	assert.ok(notes.includes(body), 'and as written in the case notes section');
	assert.doesNotMatch(notes, /hearth-said/, "the page's own markup is never shown as text");
	assert.deepEqual(problems, [], 'no dialog opened');
});

test('a manager sees the caseload chart and reallocates a child, which the history shows', async (t) => {
	const { page, problems } = await open(t);
	await signIn(page, 'north_manager');
	await page.waitForURL(/\/team$/);
	const bars = page.locator('svg[data-hearth=caseload-chart] rect.bar');
	assert.equal(await bars.count(), 2, 'one bar per case-holding worker of North Team');
	assert.equal(await page.getAttribute('svg[data-hearth=caseload-chart] rect[data-children="2"]', 'data-children'),
		'2', "Nadia Okafor's two children");
	assert.ok(await page.locator('svg[data-hearth=caseload-chart] line.threshold').count(), 'the threshold is marked');
	await page.goto(`${URL_BASE}/children/${CHILD}/reallocate`);
	// The case holders in post: radios up to seven, a select beyond (other files, run before
	// this one, add workers of their own), so the choice is made either way.
	const owen = 'Owen Pryce (North Team)';
	if (await page.locator('select#worker_id').count()) await page.selectOption('#worker_id', { label: owen });
	else await page.getByLabel(owen).check();
	await page.selectOption('#reason', 'MANAGE');
	await page.click('main button[type=submit]');
	await page.waitForURL(/done=reallocated/);
	assert.match(await page.textContent('[data-hearth=summary]'), /Owen Pryce/, 'the new worker is allocated');
	// The allocations' history is with the people in the child's life.
	await page.click('[data-hearth=parts] >> text=People and relationships');
	await page.waitForURL(new RegExp(`/children/${CHILD}/people$`));
	const history = await page.textContent('table[data-hearth=allocation]');
	assert.match(history, /Owen Pryce/);
	assert.match(history, /Nadia Okafor[\s\S]*Management decision/, "the old allocation ended, with the reason");
	assert.deepEqual(problems, []);
});

test("a child's overview fits a screen or two; the parts and the chronology are a link away", async (t) => {
	const { page, problems } = await open(t);
	await page.setViewportSize({ width: 1280, height: 800 });
	await signIn(page, 'north_worker');
	await page.goto(`${URL_BASE}/children/${CHILD}`);
	// Laid out at 1280 wide: the whole document's height (a year and a half of visits and
	// notes once made it several times this).
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	assert.ok(height < 3000, `the overview is ${height} px tall at 1280 wide`);
	assert.equal(await page.locator('[data-hearth=chronology]').count(), 0, 'no chronology on the overview');
	assert.match(await page.textContent('[data-hearth=summary]'), /Social worker/);
	console.log(`# the overview at 1280 wide: ${height} px`);
	// Without script, by links: the chronology, newest first, fifty to a page.
	await page.click('[data-hearth=parts] >> text=Chronology');
	await page.waitForURL(new RegExp(`/children/${CHILD}/chronology$`));
	const items = page.locator('[data-hearth=chronology] li');
	assert.equal(await items.count(), 50);
	const dates = await items.evaluateAll((li) => li.map((x) => x.dataset.date));
	assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
	await page.fill('#from', '1/1/2025');
	await page.fill('#to', '31/1/2025');
	await page.selectOption('#kind', 'visit');
	await page.click('.hearth-filter button[type=submit]');
	await page.waitForURL(/kind=visit/);
	const january = await page.locator('[data-hearth=chronology] li').evaluateAll((li) => li.map((x) => x.dataset.date));
	assert.deepEqual(january, ['2025-01-17', '2025-01-03'], "January 2025's two visits");
	await page.screenshot({ path: path.join(ARTEFACTS, 'child-chronology-filtered.png'), fullPage: true });
	assert.deepEqual(problems, []);
});

test("a social worker of another team cannot reach the child: the page is not found", async (t) => {
	const { page, problems } = await open(t);
	await signIn(page, 'south_worker');
	const res = await page.goto(`${URL_BASE}/children/${CHILD}`);
	assert.equal(res.status(), 404);
	assert.equal(await page.textContent('h1'), 'Page not found');
	assert.doesNotMatch(await page.content(), /Quenby/, 'nothing of the child is shown');
	// The same answer as for a child that does not exist.
	const none = await page.goto(`${URL_BASE}/children/${CHILD + 100000}`);
	assert.equal(none.status(), 404);
	assert.deepEqual(problems, []);
});

// Nothing typed is lost to a time-out (src/web/pages/drafts.c, src/web/static/hearth.js).
test('a visit typed, autosaved, the session expired: signing in again brings it back to finish', async (t) => {
	const { page, problems } = await open(t);
	await signIn(page, 'north_worker');
	// Hazel is Owen's since the reallocation: nothing is waiting, so home goes on.
	await page.waitForURL(/\/caseload$/);
	const form = `/children/${CHILD}/visits/new`;
	await page.goto(`${URL_BASE}${form}`);
	const words = 'My foster carer takes me swimming on Saturdays.\nI want to see my brother more.';
	await page.check('#kind');
	await page.check('#seen');
	await page.check('#seen_alone');
	await page.fill('#child_said', words);
	// The autosave: a couple of seconds after the typing stops, the page says it is kept.
	await page.locator('[data-hearth=draft-status]', { hasText: 'Draft saved' }).waitFor();
	const user = sql("SELECT id FROM user_account WHERE username = 'north_worker'");
	assert.equal(sql(`SELECT count(*) FROM draft WHERE user_id = ${user} AND path = '${form}'`), '1');

	// The session ends as an idle one does (unused for longer than the limit).
	const token = (await page.context().cookies()).find((c) => c.name === 'hearth_session').value;
	const hash = createHash('sha256').update(token).digest('hex');
	sql(`UPDATE user_session SET seen_at = seen_at - 31 * 60 WHERE token_hash = '${hash}'`);
	await page.reload();
	await page.waitForURL(/\/sign-in\?return=/);
	assert.equal(await page.textContent('h1'), 'Sign in to Hearth');
	await page.fill('#username', 'north_worker');
	await page.fill('#password', PASSWORD);
	await page.click('main button[type=submit]');

	// Back at the form, with what was typed.
	await page.waitForURL(`${URL_BASE}${form}`);
	assert.match(await page.textContent('[data-hearth=draft-restored]'), /Restored your draft from/);
	assert.equal(await page.inputValue('#child_said'), words);
	assert.ok(await page.isChecked('#seen_alone'), 'the choices made come back too');
	assert.ok(await page.isChecked('#kind'));
	await page.fill('#summary', 'Visited at the placement; the child was settled.');
	await page.click('button:has-text("Save the visit")');
	await page.waitForURL(/done=visit/);
	assert.match(await page.textContent('.govuk-notification-banner'), /The visit has been recorded/);
	// The visit is on the child's record: its visits part lists it.
	await page.goto(`${URL_BASE}${form.replace(/\/new$/, '')}`);
	assert.ok((await page.textContent('table[data-hearth=visit]')).includes('I want to see my brother more.'),
		"the visit is on the child's page");
	assert.equal(sql(`SELECT count(*) FROM draft WHERE user_id = ${user}`), '0', 'saving it removed the draft');
	// The home page goes straight on: nothing waiting (no drafts left to list).
	await page.goto(`${URL_BASE}/`);
	await page.waitForURL(/\/caseload$/);
	assert.deepEqual(problems, []);
});

test('without JavaScript, Save draft keeps the form; the home page lists it; it can be discarded', async (t) => {
	const { page, problems } = await open(t, { javaScriptEnabled: false });
	await signIn(page, 'north_worker');
	// Hazel is Owen's since the reallocation: nothing is waiting, so home goes on.
	await page.waitForURL(/\/caseload$/);
	const form = `/children/${CHILD}/notes/new`;
	await page.goto(`${URL_BASE}${form}`);
	await page.fill('#note_date-day', '7');
	await page.fill('#note_date-month', '');
	await page.fill('#body', 'Half a thought about the school meeting');
	await page.click('button:has-text("Save draft")');
	await page.waitForURL(`${URL_BASE}${form}`);
	assert.match(await page.textContent('[data-hearth=draft-restored]'), /Restored your draft from/);
	assert.equal(await page.inputValue('#body'), 'Half a thought about the school meeting');
	assert.equal(await page.inputValue('#note_date-day'), '7');
	assert.equal(await page.inputValue('#note_date-month'), '', 'a half-typed date comes back as typed');
	await page.goto(`${URL_BASE}/`);
	const list = page.locator('table[data-hearth=drafts]');
	assert.match(await list.textContent(), /Record a case note[\s\S]*Hazel Quenby \(BC1\)/);
	await list.locator('button:has-text("Discard")').click();
	await page.waitForURL(/\/caseload$/);
	// Discarded: home has nothing to list and goes on to the caseload.
	assert.match(page.url(), /\/caseload$/);
	await page.goto(`${URL_BASE}${form}`);
	assert.equal(await page.locator('[data-hearth=draft-restored]').count(), 0);
	assert.equal(await page.inputValue('#body'), '');
	assert.deepEqual(problems, []);
});
