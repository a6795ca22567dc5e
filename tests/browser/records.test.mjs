// A new child's first weeks recorded through the forms alone, in a real browser: East
// Team's social worker (tests/cli/browser.sh) adds the child (after being shown a possible duplicate), then records a referral,
// an assessment that belongs to it (chosen from the referrals, never typed), and a child
// protection plan; corrects the referral with a reason and reads its history. Run by
// tests/cli/browser.sh (the record and server are made there).
import test from 'node:test';
import assert from 'node:assert/strict';
import { URL_BASE, PASSWORD, useBrowser } from './lib.mjs';

const chrome = useBrowser();
const open = (t) => chrome.open(t, { dialogs: true });

async function fillDate(page, name, day, month, year) {
	await page.fill(`#${name}-day`, String(day));
	await page.fill(`#${name}-month`, String(month));
	await page.fill(`#${name}-year`, String(year));
}

// Opens the form for a kind from the child's page ("Record something else", then the kind).
async function startRecording(page, label) {
	await page.click('[data-hearth=actions] a:has-text("Record something else")');
	await page.waitForURL(/\/records\/new$/);
	await page.click(`[data-hearth=record-kinds] a:text-is("${label}")`);
	await page.waitForURL(/\/records\/[a-z_0-9]+\/new$/);
}

let kitt; // the child the first test adds

test('a new child, a referral, its assessment and a child protection plan, recorded through the forms', async (t) => {
	const { page, problems } = await open(t);
	await page.goto(`${URL_BASE}/sign-in`);
	await page.fill('#username', 'east_worker');
	await page.fill('#password', PASSWORD);
	await page.click('main button[type=submit]');
	await page.waitForURL(/\/caseload$/);

	// A child like one already known (Kit Marlow, born 2 January 2013): shown first.
	await page.click('nav >> text=Add a child');
	await page.waitForURL(/\/children\/new$/);
	await page.fill('#given_name', 'Kitt');
	await page.fill('#family_name', 'Marlow');
	await fillDate(page, 'dob', 2, 1, 2013);
	await page.check('#sex-F');
	await page.fill('#la_child_id', 'BC9');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('[data-hearth=duplicates]'), /may already be known/);
	assert.match(await page.textContent('[data-hearth=duplicate-list]'), /Kit Marlow \(BC4\)/);
	// Not her: a different child born the same day (what was typed is still there).
	assert.equal(await page.inputValue('#given_name'), 'Kitt');
	await page.click('main button[type=submit]:text("This is a different child")');
	await page.waitForURL(/\/children\/\d+\?done=added$/);
	const child = Number(page.url().match(/\/children\/(\d+)/)[1]);
	kitt = child;
	assert.match(await page.textContent('h1'), /Kitt Marlow/);
	assert.match(await page.textContent('[data-hearth=summary]'), /Esme Lund/, 'the worker who added her holds the case');

	// A referral: an empty save first shows the error summary, linked to the fields.
	await startRecording(page, 'Referral');
	await page.fill('#referral_date-day', '');
	await page.fill('#referral_date-month', '');
	await page.fill('#referral_date-year', '');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('.govuk-error-summary'), /There is a problem[\s\S]*Select Referral source/);
	await page.click('.govuk-error-summary a[href="#source"]');
	await fillDate(page, 'referral_date', 2, 3, 2026);
	await page.selectOption('#source', '1A');
	await page.selectOption('#primary_need', 'N1');
	await page.check('#nfa-no');
	await page.click('main button[type=submit]');
	await page.waitForURL(new RegExp(`/children/${child}/[a-z-]+\\?done=recorded`));
	assert.match(await page.textContent('.govuk-notification-banner'), /The record has been saved/);

	// The assessment belongs to that referral: a choice, not an id.
	await startRecording(page, 'Assessment');
	const refs = page.locator('input[name=referral_id]');
	assert.equal(await refs.count(), 1);
	assert.match(await page.textContent('label[for=referral_id]'), /referral of 2 Mar 2026 \(1A/);
	await page.check('#referral_id');
	await fillDate(page, 'start_date', 3, 3, 2026);
	await page.click('main button[type=submit]');
	await page.waitForURL(new RegExp(`/children/${child}/[a-z-]+\\?done=recorded`));

	// A child protection plan on the same referral.
	await startRecording(page, 'Child protection plan');
	await page.check('#referral_id');
	await fillDate(page, 'start_date', 20, 3, 2026);
	await page.check('#category'); // NEG, the first category
	await page.click('main button[type=submit]');
	await page.waitForURL(new RegExp(`/children/${child}/[a-z-]+\\?done=recorded`));
	for (const kind of ['referral', 'assessment', 'cp_plan']) {
		assert.equal(await page.locator(`table[data-hearth=${kind}] tbody tr`).count(), 1, `${kind} on the page`);
	}

	// The referral corrected, with a reason; its history shows the change.
	await page.click('table[data-hearth=referral] a:has-text("Correct")');
	await page.waitForURL(/\/records\/referral\/\d+\/edit$/);
	await page.selectOption('#source', '1C');
	await page.fill('#reason', 'The young person referred herself');
	await page.click('main button[type=submit]');
	await page.waitForURL(/done=corrected/);
	await page.click('table[data-hearth=referral] a:has-text("History")');
	const change = page.locator('[data-action=update] tr[data-field=source]');
	assert.match(await change.locator('[data-hearth=was]').textContent(), /Individual: family member/);
	assert.match(await change.locator('[data-hearth=now]').textContent(), /Individual: self/);
	assert.match(await page.textContent('[data-action=update] [data-hearth=reason]'), /referred herself/);
	assert.deepEqual(problems, []);
});

// Conditional reveals (HEARTH_FIELD_SHOWN_WHEN in src/model/entities.def.h): GOV.UK
// Frontend hides a field until the option that shows it is chosen, and hides it again when
// another is. A reveal several options share (the reason for a placement change, for P, T,
// U and B) stays open from one of them to another.
test('a conditional reveal opens on choosing its option and closes on another', async (t) => {
	assert.ok(kitt, 'the first test added the child');
	const { page, problems } = await open(t);
	await page.goto(`${URL_BASE}/sign-in`);
	await page.fill('#username', 'east_worker');
	await page.fill('#password', PASSWORD);
	await page.click('main button[type=submit]');
	await page.waitForURL((u) => !u.pathname.startsWith('/sign-in')); // the caseload, or the in-tray

	await page.goto(`${URL_BASE}/children/${kitt}/records/visit/new`);
	assert.equal(await page.isVisible('#child_said'), false, 'what the child said: hidden until seen');
	await page.check('#seen');
	await page.locator('#child_said').waitFor({ state: 'visible' });
	assert.ok(await page.getAttribute('#seen', 'aria-controls'), 'the option says what it reveals');
	await page.check('#seen-no');
	await page.locator('#child_said').waitFor({ state: 'hidden' });
	await page.check('#seen');
	await page.check('#seen_alone');
	await page.fill('#child_said', 'I like the new bedroom');
	await page.check('#kind');
	await page.click('main button[type=submit]');
	await page.waitForURL(new RegExp(`/children/${kitt}/[a-z-]+\\?done=recorded`));

	await page.goto(`${URL_BASE}/children/${kitt}/records/cla_episode/new`);
	assert.equal(await page.isVisible('#reason_place_change'), false, 'a placement change\'s reason: hidden');
	await page.check('#rne-P');
	await page.locator('#reason_place_change').waitFor({ state: 'visible' });
	await page.check('#rne-T');
	await page.locator('#reason_place_change').waitFor({ state: 'visible' });
	assert.equal(await page.isVisible('#reason_place_change'), true, 'still open from P to T');
	await page.check('#rne-L');
	await page.locator('#reason_place_change').waitFor({ state: 'hidden' });
	assert.deepEqual(problems, []);
});
