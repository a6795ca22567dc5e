// One child, one record (issue 20): the NHS number found by /search and the API's ?q=
// with or without its spaces, and the page of possible duplicates by role: the front door
// and managers see it, in scope only (a restricted child only with a grant); "not the
// same child" needs a reason, is remembered, and cannot be said twice.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CHILD, DB, HEARTH, URL_BASE, as, checksum, req, sql } from './lib.mjs';

async function page(method, path, { session, form } = {}) {
	const h = {};
	if (session) h.Cookie = session.cookie;
	let body;
	if (form) {
		body = new URLSearchParams(form).toString();
		h['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const res = await fetch(URL_BASE + path, { method, headers: h, body, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

const hearth = (...args) => execFileSync(HEARTH, args, { encoding: 'utf8' });
const idOf = (la) => Number(sql(`SELECT id FROM child WHERE la_child_id = '${la}' AND voided = 0`));

// A second record of Hazel Quenby (HC1, Team A: one letter dropped, the same birthday)
// with an NHS number, and a second of the restricted Juno Quenby (HC3), both in Team A.
hearth('child', DB, 'add', '--given', 'Hazl', '--family', 'Quenby', '--dob', '2012-04-03', '--sex', 'F',
	'--la-id', 'HCD1', '--nhs-number', '943 476 5919');
hearth('child', DB, 'add', '--given', 'Juno', '--family', 'Quenbey', '--dob', '2019-08-09', '--sex', 'F',
	'--la-id', 'HCD3');
for (const la of ['HCD1', 'HCD3']) {
	hearth('record', DB, 'allocation', '--child', la, '--worker', 'HTA1', '--kind', 'sw', '--start-date', '2025-01-06');
}
const HCD1 = idOf('HCD1'), HCD3 = idOf('HCD3');
const pair = (a, b) => `data-pair="${Math.min(a, b)}-${Math.max(a, b)}"`;

test('an NHS number is refused by name when its check digit is wrong, and nothing is stored', () => {
	let out = '';
	try {
		hearth('child', DB, 'add', '--given', 'Nobody', '--family', 'Checkdigit', '--dob', '2015-01-01',
			'--la-id', 'HCBAD', '--nhs-number', '943 476 5918');
		assert.fail('a wrong check digit was accepted');
	} catch (e) {
		out = String(e.stderr);
		assert.equal(e.status, 1);
	}
	assert.match(out, /nhs_number/);
	assert.match(out, /nhs_check_digit/);
	assert.equal(sql("SELECT count(*) FROM child WHERE la_child_id = 'HCBAD'"), '0');
});

test('/search and the API find a child by NHS number, with or without spaces', async () => {
	const s = await as('front_door');
	for (const q of ['9434765919', '943 476 5919']) {
		const p = await page('GET', `/search?q=${encodeURIComponent(q)}`, { session: s });
		assert.equal(p.status, 200);
		assert.match(p.text, new RegExp(`href="/children/${HCD1}"`));
		const api = await req('GET', `/api/children?q=${encodeURIComponent(q)}`, { session: s });
		assert.equal(api.status, 200, api.text);
		assert.ok(JSON.stringify(api.json).includes('"HCD1"'), api.text);
	}
	const none = await req('GET', '/api/children?q=9434765918', { session: s });
	assert.equal(none.status, 200);
	assert.ok(!JSON.stringify(none.json).includes('"HCD1"'));
});

test("the child's page shows the NHS number as it is printed", async () => {
	const p = await page('GET', `/children/${HCD1}`, { session: await as('front_door') });
	assert.equal(p.status, 200);
	assert.match(p.text, /NHS number<\/dt><dd class="govuk-summary-list__value">943 476 5919 \(not verified\)/);
});

test('/duplicates by role: the front door and managers; others are refused', async () => {
	for (const role of ['social_worker', 'iro', 'personal_adviser', 'analyst', 'lado', 'admin', 'inspector']) {
		const p = await page('GET', '/duplicates', { session: await as(role) });
		assert.equal(p.status, 403, `${role}: ${p.status}`);
	}
	for (const role of ['front_door', 'team_manager', 'head_of_service']) {
		const p = await page('GET', '/duplicates', { session: await as(role) });
		assert.equal(p.status, 200, `${role}: ${p.status}`);
		assert.ok(p.text.includes(pair(CHILD.in, HCD1)), `${role} sees Hazel's pair`);
		assert.match(p.text, /data-reason="same_dob_similar_name"/);
	}
	const anon = await page('GET', '/duplicates');
	assert.notEqual(anon.status, 200);
});

test('a restricted child is in a pair only for those granted it', async () => {
	const m = await page('GET', '/duplicates', { session: await as('team_manager') }); // granted HC3
	assert.ok(m.text.includes(pair(CHILD.restricted, HCD3)));
	for (const role of ['front_door', 'head_of_service']) {
		const p = await page('GET', '/duplicates', { session: await as(role) });
		assert.ok(!p.text.includes(pair(CHILD.restricted, HCD3)), role);
	}
	// Nor can the front door judge it: the same answer as no such child.
	const fd = await as('front_door');
	const post = await page('POST', '/duplicates/not-same', { session: fd,
		form: { csrf_token: fd.csrf, a: CHILD.restricted, b: HCD3, reason: 'twins' } });
	assert.equal(post.status, 404);
});

test('managers see the merge link; the front door does not', async () => {
	const m = await page('GET', '/duplicates', { session: await as('team_manager') });
	assert.match(m.text, /href="\/merge\?keep=/);
	const fd = await page('GET', '/duplicates', { session: await as('front_door') });
	assert.doesNotMatch(fd.text, /href="\/merge\?keep=/);
});

test('"not the same child" needs a reason, is remembered, and is said once', async () => {
	const fd = await as('front_door');
	const form = { csrf_token: fd.csrf, a: HCD1, b: CHILD.in };
	const blank = await page('POST', '/duplicates/not-same', { session: fd, form: { ...form, reason: '  ' } });
	assert.equal(blank.status, 400);
	assert.match(blank.text, /Say why they are not the same child/);
	assert.ok(blank.text.includes(pair(CHILD.in, HCD1)), 'still offered after a refusal');
	const noCsrf = await page('POST', '/duplicates/not-same', { session: fd,
		form: { a: HCD1, b: CHILD.in, reason: 'different mothers' } });
	assert.equal(noCsrf.status, 403);
	const ok = await page('POST', '/duplicates/not-same', { session: fd, form: { ...form, reason: 'different mothers' } });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(ok.headers.get('location'), '/duplicates?done=not_same');
	for (const role of ['front_door', 'team_manager']) {
		const p = await page('GET', '/duplicates', { session: await as(role) });
		assert.ok(!p.text.includes(pair(CHILD.in, HCD1)), `${role}: the pair is no longer offered`);
	}
	const again = await page('POST', '/duplicates/not-same', { session: fd, form: { ...form, reason: 'again' } });
	assert.equal(again.status, 409);
	const audit = hearth('audit', DB, '--child', String(HCD1));
	assert.match(audit, /not_duplicate/);
});

// ---- merge, by role, and undone exactly ----

// Two records of one child in Team A, each with a note, for the merge tests.
hearth('child', DB, 'add', '--given', 'Ivy', '--family', 'Merridew', '--dob', '2016-02-03', '--sex', 'F', '--la-id', 'HCM1');
hearth('child', DB, 'add', '--given', 'Ivy', '--family', 'Meridew', '--dob', '2016-02-03', '--sex', 'F', '--la-id', 'HCM2');
for (const la of ['HCM1', 'HCM2']) {
	hearth('record', DB, 'allocation', '--child', la, '--worker', 'HTA1', '--kind', 'sw', '--start-date', '2025-01-06');
	hearth('record', DB, 'note', '--child', la, '--note-date', '2026-03-02', '--kind', 'case_note', '--child-voice', 'no',
		'--body', `A note on ${la}`);
}
const HCM1 = idOf('HCM1'), HCM2 = idOf('HCM2');
// The record's own tables (not the merge's bookkeeping, whose rows grow): what undo restores.
const recordSum = () => checksum().split('\n').filter((l) => !/^child_merge/.test(l) && !/^revision\|/.test(l)).join('\n');

test('merging is for managers: others are refused, and out of scope is no such child', async () => {
	for (const role of ['social_worker', 'front_door', 'analyst', 'iro', 'inspector', 'admin']) {
		const s = await as(role);
		const g = await page('GET', `/merge?keep=${HCM1}&other=${HCM2}`, { session: s });
		assert.equal(g.status, 403, `${role} GET`);
		const p = await page('POST', '/merge', { session: s, form: { csrf_token: s.csrf, keep: HCM1, other: HCM2,
			reason: 'same child' } });
		assert.equal(p.status, 403, `${role} POST`);
	}
	const m = await as('team_manager');
	const form = await page('GET', `/merge?keep=${HCM1}&other=${HCM2}`, { session: m });
	assert.equal(form.status, 200);
	assert.match(form.text, /Merge the records/);
	const out = await page('GET', `/merge?keep=${HCM1}&other=${CHILD.out}`, { session: m }); // Team B's child
	assert.equal(out.status, 404);
	const post = await page('POST', '/merge', { session: m, form: { csrf_token: m.csrf, keep: HCM1, other: CHILD.out,
		reason: 'x' } });
	assert.equal(post.status, 404);
});

test('a merge needs a reason; then one child everywhere; undo puts every row back exactly', async () => {
	const m = await as('team_manager');
	const before = recordSum();
	const blank = await page('POST', '/merge', { session: m, form: { csrf_token: m.csrf, keep: HCM1, other: HCM2, reason: '' } });
	assert.equal(blank.status, 400);
	assert.equal(recordSum(), before, 'a refused merge changes nothing');
	const done = await page('POST', '/merge', { session: m, form: { csrf_token: m.csrf, keep: HCM1, other: HCM2,
		reason: 'Ivy recorded twice at the front door' } });
	assert.equal(done.status, 303, done.text.slice(0, 300));
	const where = done.headers.get('location');
	const mergeId = Number(/merge=(\d+)/.exec(where)[1]);
	const shown = await page('GET', where, { session: m });
	assert.equal(shown.status, 200);
	assert.match(shown.text, /data-hearth="rows">2</); // its allocation and its note
	// The merged-away record's address leads to the kept one; the API answers for it.
	const redirect = await page('GET', `/children/${HCM2}`, { session: m });
	assert.equal(redirect.status, 303);
	assert.equal(redirect.headers.get('location'), `/children/${HCM1}`);
	const api = await req('GET', `/api/children/${HCM2}`, { session: m });
	assert.equal(api.status, 200, api.text);
	assert.ok(api.text.includes('"HCM1"'), 'the API answers with the kept record');
	const kept = await page('GET', `/children/${HCM1}/chronology`, { session: m });
	assert.match(kept.text, /A note on HCM2/);
	const search = await req('GET', '/api/children?q=HCM2', { session: m });
	assert.equal(search.status, 200);
	assert.ok(!search.text.includes('"HCM2"'), 'search finds one child');
	assert.notEqual(recordSum(), before);
	// Undo, by a head of service (scope: all), with a reason.
	const h = await as('head_of_service');
	const noReason = await page('POST', '/merge/undo', { session: h, form: { csrf_token: h.csrf, merge: mergeId, reason: ' ' } });
	assert.equal(noReason.status, 400);
	const undo = await page('POST', '/merge/undo', { session: h, form: { csrf_token: h.csrf, merge: mergeId,
		reason: 'they are cousins' } });
	assert.equal(undo.status, 303, undo.text.slice(0, 300));
	assert.equal(recordSum(), before, 'every record table as it was before the merge');
	const again = await page('POST', '/merge/undo', { session: h, form: { csrf_token: h.csrf, merge: mergeId, reason: 'again' } });
	assert.equal(again.status, 409);
	const back = await page('GET', `/children/${HCM2}`, { session: m });
	assert.equal(back.status, 200);
	const audit = hearth('audit', DB, '--child', String(HCM2));
	assert.match(audit, /merge_undo/);
});

// The children added here leave the shared world as they found it: retracted, so the
// other files' lists (a search for Quenby, Team A's caseload) are what they expect.
after(() => {
	for (const id of [HCD1, HCD3, HCM1, HCM2]) {
		hearth('record', DB, 'void', 'child', String(id), '--reason', 'tests/http/duplicates.test.mjs: done');
	}
});
