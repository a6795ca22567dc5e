// The front door in a real browser (issue 15, part 1): Closing Team's manager decides two
// contacts from /front-door. A decision with no reason shows the error summary and stores
// nothing; Pia Corr's contact (BK3) becomes a referral, opened in the same save, dated the
// decision's day and from the contact's source; Rafe Dunn's (BK4) goes to early help,
// which opens an early help episode. Both leave /front-door. Run by tests/cli/browser.sh,
// whose fixture makes both contacts.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

const URL_BASE = process.env.HEARTH_URL;
const PASSWORD = process.env.HEARTH_PASSWORD;
const ARTEFACTS = process.env.HEARTH_ARTEFACTS;
const DB = process.env.HEARTH_DB;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();
const childId = (la) => Number(sql(`SELECT id FROM child WHERE la_child_id = '${la}'`));

let browser;
before(async () => {
	browser = await chromium.launch({
		executablePath: process.env.HEARTH_CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
			'--disable-sync'],
	});
});
after(async () => {
	await browser?.close();
});

async function open(t) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
	});
	t.after(async () => {
		const name = t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
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
	await page.waitForLoadState();
}

// A choice drawn as radios or, when long, a select: either way by its value.
async function choose(page, name, value) {
	if (await page.locator(`select#${name}`).count()) {
		await page.selectOption(`select#${name}`, String(value));
	} else {
		await page.check(`input[name=${name}][value="${value}"]`);
	}
}

async function fillDate(page, name, iso) {
	const [y, m, d] = iso.split('-').map(Number);
	await page.fill(`#${name}-day`, String(d));
	await page.fill(`#${name}-month`, String(m));
	await page.fill(`#${name}-year`, String(y));
}

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
