// Tasks from the clock, in a real browser: North Team's manager sets Nadia Okafor a task on
// Ivor Rowe (BC2: not Hazel, whose visits other files count) that a child in need visit does; it is on Nadia's /due with the
// statutory items; she follows its link to the visit form (the kind chosen already),
// records the visit, and the task is gone. Run by tests/cli/browser.sh.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { URL_BASE, choose, fillDate, signIn as signInAs, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();
const CHILD = Number(sql("SELECT id FROM child WHERE la_child_id = 'BC2'")); // Ivor Rowe, Nadia's

const chrome = useBrowser();
const open = (t) => chrome.open(t);
const signIn = (page, username) => signInAs(page, username, { until: 'load' });

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
