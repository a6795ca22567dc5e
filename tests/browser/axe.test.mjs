// axe-core (npm, devDependencies) on every kind of page issue 14 added: the child's overview
// and each part of the record, a new child, a record's new, correct, retract and history
// forms, the due list, the home in-tray, the front door, the LADO list, possible duplicates
// and the users' admin page. No violation of serious or critical impact may remain; the
// failure lists each one (rule, impact, the first elements). Each page is opened as a user
// who may see it (tests/cli/browser.sh's fixture users); nothing is saved.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL_BASE, signIn as signInAs, useBrowser } from './lib.mjs';

const CHILD = process.env.HEARTH_BROWSER_CHILD; // Hazel (BC1), North Team's, with a referral and visits
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_SOURCE = fs.readFileSync(AXE_PATH, 'utf8');

const chrome = useBrowser();

// A page of its own for test t, signed in as username (console errors are not checked here).
async function signIn(t, username) {
	const { page } = await chrome.open(t, { shot: `axe-${t.name}` });
	await signInAs(page, username, { until: 'away' });
	return page;
}

// The page's serious and critical violations, as lines. Hearth's CSP forbids inline script,
// and addScriptTag({path}) inlines the file's text, so the library is evaluated through the
// DevTools protocol instead (page.evaluate is not subject to the page's CSP).
async function violations(page, where) {
	const response = await page.goto(`${URL_BASE}${where}`);
	assert.equal(response.status(), 200, `${where}: status`);
	if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
		await page.evaluate(AXE_SOURCE);
	}
	const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	assert.ok(Array.isArray(result.violations), `${where}: axe ran`);
	assert.ok(result.passes.length + result.incomplete.length + result.inapplicable.length > 0, `${where}: axe checked rules`);
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${where}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function check(page, pages) {
	const found = [];
	for (const where of pages) found.push(...(await violations(page, where)));
	assert.deepEqual(found, [], `serious or critical accessibility violations:\n${found.join('\n')}`);
}

test('axe: a social worker\'s pages, the child\'s record and its forms', async (t) => {
	const page = await signIn(t, 'north_worker');
	const parts = ['', '/chronology', '/visits', '/plans', '/care', '/education', '/health', '/leaving-care', '/people',
		'/history'].map((p) => `/children/${CHILD}${p}`);
	await check(page, ['/', '/due', '/children/new', ...parts, `/children/${CHILD}/records/new`,
		`/children/${CHILD}/records/referral/new`, `/children/${CHILD}/records/visit/new`,
		`/children/${CHILD}/records/cla_episode/new`]);
	// A record to correct, retract and read the history of: the child's referral, from
	// whichever part of the record lists it.
	let edit = null;
	for (const where of parts) {
		await page.goto(`${URL_BASE}${where}`);
		const link = page.locator('table[data-hearth=referral] a:has-text("Correct")');
		if (await link.count()) {
			edit = await link.first().getAttribute('href');
			break;
		}
	}
	const rec = edit?.match(/\/records\/referral\/(\d+)\/edit$/);
	assert.ok(rec, `a Correct link for the referral on a part of the record: ${edit}`);
	const base = `/children/${CHILD}/records/referral/${rec[1]}`;
	await check(page, [`${base}/edit`, `${base}/retract`, `${base}/history`]);
});

test('axe: the front door, possible duplicates and approvals (a team manager)', async (t) => {
	await check(await signIn(t, 'west_manager'), ['/front-door', '/duplicates', '/approvals']);
});

test('axe: the LADO list', async (t) => {
	await check(await signIn(t, 'browser_lado'), ['/lado']);
});

test('axe: multi-agency child protection teams, their forms (a team manager)', async (t) => {
	const macpt = execFileSync('sqlite3', [process.env.HEARTH_DB, "SELECT id FROM macpt WHERE name = 'Eastside MACPT'"],
		{ encoding: 'utf8' }).trim();
	const member = execFileSync('sqlite3', [process.env.HEARTH_DB, `SELECT min(id) FROM macpt_member WHERE macpt_id = ${macpt}`],
		{ encoding: 'utf8' }).trim();
	await check(await signIn(t, 'north_manager'), ['/macpts', '/macpts/new', `/macpts/${macpt}`, `/macpts/${macpt}/edit`,
		`/macpts/${macpt}/members/new`, `/macpts/members/${member}/edit`]);
});

test('axe: the users\' admin page', async (t) => {
	await check(await signIn(t, 'browser_admin'), ['/admin/users']);
});

test('axe: closing a case, stepping down and up (a team manager), a team\'s establishment (the admin)', async (t) => {
	await check(await signIn(t, 'north_manager'), ['close', 'step-down', 'step-up'].map((p) => `/children/${CHILD}/${p}`));
	const team = execFileSync('sqlite3', [process.env.HEARTH_DB, "SELECT id FROM team WHERE name = 'North Team'"],
		{ encoding: 'utf8' }).trim();
	await check(await signIn(t, 'browser_admin'), ['/admin/teams', `/admin/teams/${team}`]);
});
