// Tasks from the clock, in a real browser: North Team's manager sets Nadia Okafor a task on
// Ivor Rowe (BC2: not Hazel, whose visits other files count) that a child in need visit does; it is on Nadia's /due with the
// statutory items; she follows its link to the visit form (the kind chosen already),
// records the visit, and the task is gone. Run by tests/cli/browser.sh.
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
const CHILD = Number(sql("SELECT id FROM child WHERE la_child_id = 'BC2'")); // Ivor Rowe, Nadia's

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
	const [y, m, d] = iso.split('-');
	await page.fill(`#${name}-day`, String(Number(d)));
	await page.fill(`#${name}-month`, String(Number(m)));
	await page.fill(`#${name}-year`, y);
}

test('a task set by a manager is on the worker\'s /due and is cleared by the visit that does it', async (t) => {
	const nadia = sql("SELECT id FROM worker WHERE staff_id = 'N1'");
	const today = process.env.HEARTH_TODAY; // the server's today (tests/lib.sh)
	assert.ok(today, 'HEARTH_TODAY is set');
	const due = sql(`SELECT date('${today}', '+7 days')`);

	// The manager sets the task from the child's page.
	const m = await open(t);
	await signIn(m.page, 'north_manager');
	await m.page.goto(`${URL_BASE}/children/${CHILD}/records/task/new`);
	assert.equal(await m.page.textContent('h1'), 'Record a task');
	await choose(m.page, 'worker_id', nadia);
	await m.page.fill('#what', 'See Hazel at home after the school meeting');
	await fillDate(m.page, 'set_date', today);
	await fillDate(m.page, 'due_date', due);
	await choose(m.page, 'done_by_visit', 'cin');
	await m.page.click('button:has-text("Save the task")');
	await m.page.waitForURL(/done=recorded/);
	const task = sql("SELECT id FROM task WHERE what = 'See Hazel at home after the school meeting'");
	assert.ok(Number(task) > 0, 'stored');

	// The worker sees it on /due with the statutory items, and follows its link.
	const w = await open(t);
	await signIn(w.page, 'north_worker');
	await w.page.goto(`${URL_BASE}/due`);
	const row = w.page.locator(`table[data-hearth=due] tr[data-rule=task][data-subject="${task}"]`);
	assert.equal(await row.count(), 1, 'the task is on her /due');
	assert.match(await row.textContent(), /Task: See Hazel at home after the school meeting/);
	assert.ok(await w.page.locator('table[data-hearth=due] tr[data-rule=assessment_45wd]').count() > 0,
		"with the statutory items (Hazel's assessment)");
	await row.locator('a[data-hearth=due-do]').click();
	await w.page.waitForURL(/\/records\/visit\/new\?kind=cin/);
	assert.ok(await w.page.isChecked('input[name=kind][value=cin]'), 'the kind of visit is chosen already');
	assert.ok(await w.page.isChecked('input[name=seen][value=yes]'));
	await choose(w.page, 'seen_alone', 'no');
	await w.page.fill('#child_said', 'I like my new teacher');
	await w.page.click('button:has-text("Save the visit")');
	await w.page.waitForURL(/done=recorded/);

	// Gone from /due and from the child's page.
	await w.page.goto(`${URL_BASE}/due`);
	assert.equal(await w.page.locator(`tr[data-rule=task][data-subject="${task}"]`).count(), 0, 'the visit did it');
	await w.page.goto(`${URL_BASE}/children/${CHILD}`);
	assert.equal(await w.page.locator('table[data-hearth=child-due] tr[data-rule=task]').count(), 0);
	assert.deepEqual(m.problems.concat(w.problems), []);
});
