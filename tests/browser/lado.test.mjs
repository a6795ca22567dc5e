// The LADO's allegation in a real browser (issue 15, part 4), from receipt to outcome: the
// LADO records it (the adult, how and when it came in; bad input first: the error summary,
// nothing stored), links a child known to us (Pia Corr, BK3, Closing Team's), records the
// allegation management meeting, then the initial consideration, outcome and analysis of
// risk. Closing Team's social worker, whose child it involves, may read it; South Team's,
// with no child linked, gets the page not found, and neither sees /lado. Run by
// tests/cli/browser.sh (users browser_lado, closing_worker, south_worker).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { URL_BASE, choose, fillDate, signIn as signInAs, useBrowser } from './lib.mjs';

const DB = process.env.HEARTH_DB;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

const chrome = useBrowser();
const open = (t, label) => chrome.open(t, { shot: `lado-${label}-${t.name}` });
const signIn = (page, username) => signInAs(page, username, { until: 'load' });

async function save(page) {
	await page.locator('main form button.govuk-button[type=submit]').first().click();
	await page.waitForLoadState();
}

test('a LADO allegation from receipt to outcome, not visible to a social worker with no linked child', async (t) => {
	const { page, problems } = await open(t, 'lado');
	await signIn(page, 'browser_lado');
	await page.goto(`${URL_BASE}/lado/new`);
	// Bad input: no category or sector. The error summary; nothing stored.
	const before = sql('SELECT count(*) FROM lado');
	await page.fill('#reference', 'BR-LADO-1');
	await fillDate(page, 'received_date', '2026-03-02');
	await save(page);
	assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary');
	assert.equal(sql('SELECT count(*) FROM lado'), before, 'nothing was stored');

	await page.fill('#reference', 'BR-LADO-1');
	await fillDate(page, 'received_date', '2026-03-02');
	await choose(page, 'category', 'physical');
	await choose(page, 'sector', 'education');
	await page.fill('#adult_name', 'Dale Pike');
	await page.fill('#adult_role', 'PE teacher');
	await page.fill('#employer', 'Brook High School');
	await choose(page, 'received_by', 'phone');
	await save(page);
	const id = (page.url().match(/\/lado\/(\d+)\?done=saved/) || [])[1];
	assert.ok(id, `saved: ${page.url()}`);

	await page.goto(`${URL_BASE}/lado/${id}/child`);
	await page.fill('#la_child_id', 'BK3');
	await save(page);
	assert.match(page.url(), new RegExp(`/lado/${id}\\?done=saved`));

	await page.goto(`${URL_BASE}/lado/${id}/meeting`);
	await fillDate(page, 'meeting_date', '2026-03-09');
	await page.fill('#attendees', 'LADO, head teacher, police');
	await page.fill('#actions', 'Police to interview; school to keep Mr Pike from contact with pupils.');
	await save(page);
	assert.match(page.url(), new RegExp(`/lado/${id}\\?done=saved`));

	await page.goto(`${URL_BASE}/lado/${id}/edit`);
	await fillDate(page, 'considered_date', '2026-03-03');
	await choose(page, 'outcome', 'unsubstantiated');
	await fillDate(page, 'resolved_date', '2026-03-27');
	await page.fill('#risk_analysis', 'One account, not corroborated by the other pupils present.');
	await page.fill('#risk_decision', 'No further LADO action; the school to run refresher training.');
	await page.fill('#risk_rationale', 'No evidence to support the allegation or disprove it.');
	await page.fill('#reason', 'The outcome of the police and school investigations.');
	await save(page);
	assert.match(page.url(), new RegExp(`/lado/${id}\\?done=saved`));
	assert.equal(sql(`SELECT considered_date || ' ' || outcome || ' ' || resolved_date FROM lado WHERE id = ${id}`),
		'2026-03-03 unsubstantiated 2026-03-27');
	assert.equal(sql(`SELECT count(*) FROM lado_meeting WHERE lado_id = ${id}`), '1');
	assert.equal(sql(`SELECT count(*) FROM lado_involved WHERE lado_id = ${id} AND linked_child_id IS NOT NULL`), '1');
	assert.match(await page.textContent('main'), /Unsubstantiated/);
	assert.deepEqual(problems, []);

	// Closing Team's social worker: BK3 is hers, so the allegation opens; /lado does not.
	const mine = await open(t, 'linked');
	await signIn(mine.page, 'closing_worker');
	let res = await mine.page.goto(`${URL_BASE}/lado/${id}`);
	assert.equal(res.status(), 200);
	assert.match(await mine.page.textContent('main'), /BR-LADO-1/);
	res = await mine.page.goto(`${URL_BASE}/lado`);
	assert.equal(res.status(), 403);

	// South Team's social worker, no child of hers linked: the page not found.
	const other = await open(t, 'unlinked');
	await signIn(other.page, 'south_worker');
	res = await other.page.goto(`${URL_BASE}/lado/${id}`);
	assert.equal(res.status(), 404);
	assert.doesNotMatch(await other.page.textContent('main'), /BR-LADO-1|Dale Pike/);
});
