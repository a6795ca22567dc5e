// Every kind of a child's record from the browser's forms (src/web/pages/records.c,
// record_form.c, child_new.c): each kind's form is drawn from its descriptor and refuses
// an empty submission without storing anything; valid forms save and go back to the
// child's page; a row is corrected (with a reason, as a new revision) and retracted (it
// stays, voided), and its history shows who, when, why and what changed; a new child is
// checked for possible duplicates first; every new route answers each role as the role
// table says. The records made here belong to a child this file adds, so other files'
// fixtures are left as they were.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, CHILD, DB, HEARTH, ROLES, URL_BASE, as, checksum, fingerprint, sql, page, dateBoxes } from './lib.mjs';

// The options a radio group or select offers: [{value, label}].
function options(html, name) {
	const out = [];
	const radio = new RegExp(`<input class="govuk-radios__input" id="[^"]*" name="${name}" type="radio" value="([^"]*)"[^>]*>` +
		'<label[^>]*>([^<]*)</label>', 'g');
	for (const m of html.matchAll(radio)) out.push({ value: m[1], label: m[2] });
	const select = html.match(new RegExp(`<select[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`));
	if (select) {
		for (const m of select[1].matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)) {
			out.push({ value: m[1], label: m[2] });
		}
	}
	return out;
}

// The kinds `hearth record DB kinds` lists, less those that belong to no child (the admin
// pages of another issue cover them; a LADO allegation is the LADO's own case, recorded on
// /lado; a request for authorisation is asked by the save it is about and answered on
// /approvals). A person is recorded from a child's record with their relationship to the child.
const NOT_A_CHILDS = ['team', 'worker', 'worker_absence', 'setting', 'inspection', 'child', 'lado',
	'lado_involved', 'lado_meeting', 'authorisation', 'macpt', 'macpt_member'];
const KINDS = execFileSync(HEARTH, ['record', DB, 'kinds'], { encoding: 'utf8' }).trim().split('\n')
	.map((l) => l.split(/\s+/)[0]).filter((k) => !NOT_A_CHILDS.includes(k));

// The child this file records for: added through the new-child form by a social worker of
// HTTP Team A (who becomes the child's social worker, so the team sees them).
let kid;
async function child() {
	if (kid) return kid;
	const s = await as('social_worker');
	const r = await page('POST', '/children', { session: s, form: {
		given_name: 'Rowan', family_name: 'Formfield', ...dateBoxes('dob', '2015-05-05'), sex: 'M', ethnicity: 'WBRI',
		la_child_id: 'HCFORM1', upn: 'A123456789012', uasc: 'no', restricted: 'no',
	} });
	assert.equal(r.status, 303, r.text.slice(0, 2000));
	const m = r.headers.get('location').match(/^\/children\/(\d+)\?done=added$/);
	assert.ok(m, r.headers.get('location'));
	kid = Number(m[1]);
	assert.equal(sql(`SELECT la_child_id || '|' || given_name FROM child WHERE id = ${kid} AND voided = 0`), 'HCFORM1|Rowan');
	assert.equal(sql(`SELECT count(*) FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE a.child_id = ${kid} ` +
		`AND w.staff_id = 'HTA1' AND a.kind = 'sw' AND a.voided = 0`), '1', 'the social worker holds the new child');
	return kid;
}

// Saves a row through its form; returns its id (from the redirect's #kind-id).
async function record(kind, form, role = 'social_worker') {
	const id = await child();
	const r = await page('POST', `/children/${id}/records/${kind}`, { session: await as(role), form });
	assert.equal(r.status, 303, `${kind}: ${r.status} ${r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 300)}`);
	const m = r.headers.get('location').match(new RegExp(`^/children/${id}(?:/[a-z-]+)?\\?done=recorded&new_findings=\\d+#${kind}-(\\d+)$`));
	assert.ok(m, r.headers.get('location'));
	return Number(m[1]);
}

// A team manager may record every kind of a child's record (src/model/roles.c: casework,
// allocations, supervision), so the two sweeps below go as one.
test('every kind of a child\'s record has a form: 200, a CSRF field, never the child\'s id', async () => {
	const s = await as('team_manager');
	const id = await child();
	assert.ok(KINDS.length >= 25, `kinds: ${KINDS}`);
	for (const kind of KINDS) {
		const r = await page('GET', `/children/${id}/records/${kind}/new`, { session: s });
		assert.equal(r.status, 200, `${kind}: ${r.text.slice(0, 300)}`);
		assert.match(r.text, /<input type="hidden" name="csrf_token" value="[0-9a-f]{16,}">/, kind);
		assert.match(r.text, new RegExp(`<form method="post" action="/children/${id}/records/${kind}"`), kind);
		assert.doesNotMatch(r.text, /name="child_id"/, `${kind}: the form never asks for the child`);
		assert.doesNotMatch(r.text, /name="(?!other_child_la_id)[a-z_]+_id" type="text"/, `${kind}: no reference is a typed id`);
	}
});

test('every form submitted empty shows the error summary and stores nothing', async () => {
	const s = await as('team_manager');
	const id = await child();
	const before = checksum();
	for (const kind of KINDS) {
		const fp = fingerprint();
		const r = await page('POST', `/children/${id}/records/${kind}`, { session: s, form: {} });
		assert.equal(r.status, 400, `${kind}: ${r.status}`);
		assert.match(r.text, /<div class="govuk-error-summary"[\s\S]*There is a problem[\s\S]*<a href="#[a-z_]+(-day)?">/, kind);
		assert.equal(fingerprint(), fp, `${kind}: nothing stored`);
	}
	assert.equal(checksum(), before, 'every table\'s content is unchanged');
});

test('a form refuses a field it does not read, an unknown kind and another child\'s row', async () => {
	const s = await as('social_worker');
	const id = await child();
	const fp = fingerprint();
	let r = await page('POST', `/children/${id}/records/visit`, { session: s, form: { ...dateBoxes('visit_date', AS_AT),
		kind: 'cin', seen: 'yes', seen_alone: 'no', child_id: String(CHILD.in) } });
	assert.equal(r.status, 400);
	assert.match(r.text, /child_id is not a field of this form/);
	r = await page('POST', `/children/${id}/records/visit`, { session: s, form: { ...dateBoxes('visit_date', AS_AT),
		kind: 'cin', seen: 'yes', seen_alone: 'no', worker_id: '999999' } });
	assert.equal(r.status, 400, 'a worker that was not offered');
	assert.match(r.text, /govuk-error-summary[\s\S]*Select Visited by from the list/);
	for (const path of [`/children/${id}/records/team/new`, `/children/${id}/records/nonsense/new`]) {
		assert.equal((await page('GET', path, { session: s })).status, 404, path);
	}
	const other = sql(`SELECT min(id) FROM visit WHERE child_id = ${CHILD.in} AND voided = 0`);
	assert.equal((await page('GET', `/children/${id}/records/visit/${other}/edit`, { session: s })).status, 404,
		'a row of another child is not found under this one');
	assert.equal((await page('GET', `/children/${id}/records/note/${other}/history`, { session: s })).status, 404);
	assert.equal(fingerprint(), fp);
});

test('valid forms save: a visit, a referral, its assessment chosen from the referrals, an episode in care, a review', async () => {
	const s = await as('social_worker');
	const id = await child();
	const visit = await record('visit', { ...dateBoxes('visit_date', '2026-03-20'), kind: 'cin', seen: 'yes',
		seen_alone: 'yes', child_said: 'I like <script>alert("x")</script> & \'quotes\'', summary: 'Home visit' });
	assert.equal(sql(`SELECT seen_alone || '|' || child_id FROM visit WHERE id = ${visit}`), `1|${id}`);
	const referral = await record('referral', { ...dateBoxes('referral_date', '2026-03-02'), source: '1A',
		primary_need: 'N1', nfa: 'no' });
	// The assessment's referral is a choice among this child's referrals, never a typed id.
	const form = await page('GET', `/children/${id}/records/assessment/new`, { session: s });
	const refs = options(form.text, 'referral_id');
	assert.deepEqual(refs.map((o) => o.value), [String(referral)], 'only this child\'s referral is offered');
	assert.match(refs[0].label, /^referral of 2 Mar 2026 \(1A – /);
	const assessment = await record('assessment', { referral_id: refs[0].value, ...dateBoxes('start_date', '2026-03-03'),
		factors: '2B' });
	assert.equal(sql(`SELECT referral_id FROM assessment WHERE id = ${assessment}`), String(referral));
	const episode = await record('cla_episode', { ...dateBoxes('decom', '2026-03-10'), rne: 'S', ls: 'C2', cin: 'N1',
		place: 'U1', long_term: 'no' });
	assert.equal(sql(`SELECT ls || '|' || place FROM cla_episode WHERE id = ${episode} AND voided = 0`), 'C2|U1');
	const iro = options((await page('GET', `/children/${id}/records/cla_review/new`, { session: s })).text, 'iro_id');
	assert.ok(iro.some((o) => /Worker HTIRO/.test(o.label)), 'the IRO is among the workers offered');
	const review = await record('cla_review', { ...dateBoxes('review_date', '2026-03-25'), participation: 'PN1',
		iro_id: iro.find((o) => /Worker HTIRO/.test(o.label)).value });
	assert.equal(sql(`SELECT participation FROM cla_review WHERE id = ${review}`), 'PN1');
	// The child's page shows the new rows, free text escaped, with their links.
	// (The overview says it was saved; each row is on its part of the record.)
	const top = await page('GET', `/children/${id}?done=recorded`, { session: s });
	assert.equal(top.status, 200);
	assert.match(top.text, /The record has been saved/);
	const r = { text: '' };
	for (const part of ['visits', 'plans', 'care']) {
		const p = await page('GET', `/children/${id}/${part}`, { session: s });
		assert.equal(p.status, 200, part);
		r.text += p.text;
	}
	assert.ok(r.text.includes('I like &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;'));
	assert.doesNotMatch(r.text, /<script>alert/);
	for (const [kind, rid] of [['visit', visit], ['assessment', assessment], ['cla_episode', episode]]) {
		assert.ok(r.text.includes(`id="${kind}-${rid}"`), `${kind} row shown`);
		assert.ok(r.text.includes(`href="/children/${id}/records/${kind}/${rid}/edit"`), `${kind}: Correct`);
		assert.ok(r.text.includes(`href="/children/${id}/records/${kind}/${rid}/retract"`), `${kind}: Retract`);
	}
});

// A person has no child of their own: from a child's record they are saved with their
// relationship to that child (src/work work_add_linked), both or neither.
test('a person is recorded with their relationship to the child, in one save; a refusal stores neither', async () => {
	const s = await as('social_worker');
	const id = await child();
	const kinds = await page('GET', `/children/${id}/records/new`, { session: s });
	assert.ok(kinds.text.includes(`href="/children/${id}/records/person/new" data-kind="person">Person</a>`),
		'offered among the kinds to record');
	const form = await page('GET', `/children/${id}/records/person/new`, { session: s });
	assert.equal(form.status, 200);
	for (const name of ['given_name', 'family_name', 'dob-day', 'sex', 'address', 'kind', 'parental_responsibility',
		'start_date-day', 'end_date-day']) {
		assert.ok(form.text.includes(`name="${name}"`), `the form has ${name}`);
	}
	assert.match(form.text, /data-hearth="link">Their relationship to this child</);
	assert.doesNotMatch(form.text, /name="(person_id|child_id|other_child_la_id)"/, 'the save links them itself');
	assert.doesNotMatch(form.text, /name="dob-day"[^>]*value="\d/, 'a date of birth is not today by default');
	const people = () => sql("SELECT count(*) FROM person WHERE family_name = 'Linkwell'");
	const mara = { given_name: 'Mara', family_name: 'Linkwell', ...dateBoxes('dob', '1990-02-03'), sex: 'F' };
	// The person is fine, the relationship is not (no kind): refused, with the summary
	// linked to the relationship's field, what was typed kept, and no person stored.
	let fp = fingerprint();
	let r = await page('POST', `/children/${id}/records/person`, { session: s, form: { ...mara,
		parental_responsibility: 'yes' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#kind">[^<]*Relationship/);
	assert.ok(r.text.includes('value="Mara"'), 'what was typed is kept');
	assert.equal(people(), '0', 'a refused relationship stores no person');
	assert.equal(fingerprint(), fp);
	// The relationship is fine, the person is not; and a date in the future in each.
	r = await page('POST', `/children/${id}/records/person`, { session: s, form: { ...mara, family_name: '',
		kind: 'mother', parental_responsibility: 'yes' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#family_name">/);
	r = await page('POST', `/children/${id}/records/person`, { session: s, form: { ...mara, kind: 'mother',
		parental_responsibility: 'yes', ...dateBoxes('start_date', '2199-01-01') } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#start_date-day">[^<]*in the future/);
	r = await page('POST', `/children/${id}/records/person`, { session: s, form: { ...mara, kind: 'mother',
		parental_responsibility: 'yes', phone: '1', shoe_size: '3' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /shoe_size is not a field of this form/);
	assert.equal(people(), '0');
	assert.equal(fingerprint(), fp);
	// Saved: the person and the relationship naming them and this child, back to the
	// people part of the record at the relationship's row.
	r = await page('POST', `/children/${id}/records/person`, { session: s, form: { ...mara, kind: 'mother',
		parental_responsibility: 'yes', ...dateBoxes('start_date', '2015-05-05') } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
	const m = r.headers.get('location').match(new RegExp(`^/children/${id}/people\\?done=recorded&new_findings=\\d+#relationship-(\\d+)$`));
	assert.ok(m, r.headers.get('location'));
	const rel = Number(m[1]);
	assert.equal(people(), '1');
	assert.equal(sql(`SELECT r.child_id || '|' || r.kind || '|' || r.parental_responsibility || '|' || p.given_name || '|' || p.dob ` +
		`FROM relationship r JOIN person p ON p.id = r.person_id WHERE r.id = ${rel} AND r.voided = 0 AND p.voided = 0`),
	`${id}|mother|1|Mara|1990-02-03`, 'the relationship names the new person and this child');
	assert.equal(sql(`SELECT count(*) FROM revision WHERE (tbl = 'person' AND row_id = (SELECT person_id FROM relationship ` +
		`WHERE id = ${rel})) OR (tbl = 'relationship' AND row_id = ${rel})`), '2', 'each row has its revision');
	// She is now among the people a kinship arrangement may name as its carer.
	const kin = await page('GET', `/children/${id}/records/kinship/new`, { session: s });
	assert.ok(options(kin.text, 'carer_id').some((o) => o.label === 'Mara Linkwell'));
	// A front door worker may not record people: not offered, no form, and 403 on a post.
	const fdKinds = await page('GET', `/children/${id}/records/new`, { session: await as('front_door') });
	assert.equal(fdKinds.status, 200);
	assert.ok(fdKinds.text.includes('data-kind="contact"'), 'the front door is offered what it may record');
	assert.ok(!fdKinds.text.includes('data-kind="person"') && !fdKinds.text.includes('data-kind="visit"'),
		'and not what the role table refuses it');
	assert.equal((await page('GET', `/children/${id}/records/person/new`, { session: await as('front_door') })).status, 403);
	fp = fingerprint();
	r = await page('POST', `/children/${id}/records/person`, { session: await as('front_door'), form: { ...mara,
		kind: 'mother', parental_responsibility: 'yes' } });
	assert.equal(r.status, 403);
	assert.equal(fingerprint(), fp);
});

// A person is this child's while a live relationship of this child names them: the people
// part of the record offers Correct, Retract and History for them beside the relationship;
// a correction is a revision; a retraction goes with this child's relationship, and is
// refused while another child's record names them too; another child's person is 404.
test('a person is corrected (a revision, in the history) and retracted from the child\'s record', async () => {
	const s = await as('social_worker');
	const id = await child();
	let r = await page('POST', `/children/${id}/records/person`, { session: s, form: { given_name: 'Wren',
		family_name: 'Webfix', ...dateBoxes('dob', '1988-08-08'), kind: 'mother', parental_responsibility: 'yes' } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
	const rel = Number(r.headers.get('location').match(/#relationship-(\d+)$/)[1]);
	const pid = Number(sql(`SELECT person_id FROM relationship WHERE id = ${rel}`));
	const people = await page('GET', `/children/${id}/people`, { session: s });
	for (const tail of ['/edit', '/retract', '/history']) {
		assert.ok(people.text.includes(`href="/children/${id}/records/person/${pid}${tail}"`), `the people part links ${tail}`);
	}
	const edit = await page('GET', `/children/${id}/records/person/${pid}/edit`, { session: s });
	assert.equal(edit.status, 200, edit.text.slice(0, 300));
	assert.ok(edit.text.includes('value="Webfix"'), 'the form filled in');
	assert.doesNotMatch(edit.text, /name="(kind|parental_responsibility|person_id|child_id)"/,
		'the relationship is its own row, corrected on its own');
	assert.match(edit.text, /name="reason"/);
	// Bad input: the error summary, what was typed kept, nothing stored.
	const fp = fingerprint();
	const before = checksum();
	const wren = { given_name: 'Wren', family_name: 'Webfixe', ...dateBoxes('dob', '1988-08-08') };
	r = await page('POST', `/children/${id}/records/person/${pid}`, { session: s, form: { ...wren, family_name: '',
		reason: 'misspelt' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#family_name">/);
	r = await page('POST', `/children/${id}/records/person/${pid}`, { session: s, form: wren });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#reason">Enter why you are correcting this record/);
	assert.ok(r.text.includes('value="Webfixe"'), 'what was typed is kept');
	r = await page('POST', `/children/${id}/records/person/${pid}`, { session: s, form: { ...wren,
		...dateBoxes('dob', '2199-01-01'), reason: 'misspelt' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#dob-day">/);
	assert.equal(fingerprint(), fp);
	assert.equal(checksum(), before);
	// Saved as a revision; the history shows both, with was and now and the reason.
	r = await page('POST', `/children/${id}/records/person/${pid}`, { session: s, form: { ...wren, reason: 'misspelt' } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
	assert.equal(r.headers.get('location'), `/children/${id}/people?done=corrected&new_findings=0#person-${pid}`,
		'back to the people part, where they are listed');
	assert.ok((await page('GET', `/children/${id}/people`, { session: s })).text.includes(`id="person-${pid}"`));
	assert.equal(sql(`SELECT family_name || '|' || voided FROM person WHERE id = ${pid}`), 'Webfixe|0');
	const h = await page('GET', `/children/${id}/records/person/${pid}/history`, { session: s });
	assert.equal(h.status, 200);
	const cards = [...h.text.matchAll(/<div class="govuk-summary-card" data-hearth="revision" data-action="([a-z]+)">([\s\S]*?)<\/div><\/div>/g)];
	assert.deepEqual(cards.map((m) => m[1]), ['insert', 'update']);
	assert.match(cards[1][2], /data-field="family_name">[\s\S]*data-hearth="was">Webfix<[\s\S]*data-hearth="now">Webfixe</);
	assert.ok(cards[1][2].includes('misspelt'));
	// A person of a child out of scope, under this child or their own: 404, as a missing one.
	execFileSync(HEARTH, ['record', DB, 'person', '--given-name', 'Otto', '--family-name', 'Webscope'], { encoding: 'utf8' });
	const out = Number(sql("SELECT max(id) FROM person WHERE family_name = 'Webscope'"));
	execFileSync(HEARTH, ['record', DB, 'relationship', '--child', String(CHILD.out), '--person', String(out),
		'--kind', 'father', '--parental-responsibility', 'true'], { encoding: 'utf8' });
	const fp2 = fingerprint();
	for (const path of [`/children/${id}/records/person/${out}/edit`, `/children/${id}/records/person/${out}/history`,
		`/children/${id}/records/person/${out}/retract`, `/children/${CHILD.out}/records/person/${out}/history`,
		`/children/${id}/records/person/999999999/edit`]) {
		assert.equal((await page('GET', path, { session: s })).status, 404, path);
	}
	assert.equal((await page('POST', `/children/${id}/records/person/${out}/retract`, { session: s,
		form: { reason: 'x' } })).status, 404);
	assert.equal((await page('POST', `/children/${id}/records/person/${out}`, { session: s,
		form: { given_name: 'O', family_name: 'X', reason: 'x' } })).status, 404);
	assert.equal(fingerprint(), fp2);
	// Linked to another child too: refused, naming the rule, nothing changes.
	const sib = execFileSync(HEARTH, ['record', DB, 'relationship', '--child', String(CHILD.in), '--person', String(pid),
		'--kind', 'mother', '--parental-responsibility', 'true'], { encoding: 'utf8' }).match(/recorded relationship (\d+)/)[1];
	const fp3 = fingerprint();
	assert.equal((await page('GET', `/children/${id}/records/person/${pid}/retract`, { session: s })).status, 200);
	r = await page('POST', `/children/${id}/records/person/${pid}/retract`, { session: s, form: { reason: '' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /Enter why you are retracting this record/);
	r = await page('POST', `/children/${id}/records/person/${pid}/retract`, { session: s, form: { reason: 'wrong family' } });
	assert.equal(r.status, 409);
	assert.match(r.text, /govuk-error-summary[\s\S]*linked to another child&#39;s record too[^<]*retract this child&#39;s relationship/);
	assert.equal(fingerprint(), fp3);
	execFileSync(HEARTH, ['record', DB, 'void', 'relationship', sib, '--reason', 'not hers'], { encoding: 'utf8' });
	// Retracted: the person and this child's relationship to them stay, voided.
	r = await page('POST', `/children/${id}/records/person/${pid}/retract`, { session: s, form: { reason: 'wrong family' } });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT p.voided || '|' || r.voided FROM person p, relationship r WHERE p.id = ${pid} AND r.id = ${rel}`), '1|1');
	assert.equal((await page('GET', `/children/${id}/records/person/${pid}/edit`, { session: s })).status, 404);
	const rh = await page('GET', `/children/${id}/records/relationship/${rel}/history`, { session: s });
	assert.match(rh.text, /data-action="void"[\s\S]*wrong family/, 'the relationship\'s history keeps the retraction');
});

// The element that starts at html[start] (a <div ...>), to its matching </div>.
function divAt(html, start) {
	const re = /<div\b|<\/div>/g;
	re.lastIndex = start;
	let depth = 0;
	for (let m; (m = re.exec(html));) {
		depth += m[0] === '</div>' ? -1 : 1;
		if (depth === 0) return html.slice(start, re.lastIndex);
	}
	return html.slice(start);
}

// Conditional reveals are data (HEARTH_FIELD_SHOWN_WHEN in src/model/entities.def.h), which
// the API describes as x-shown-when: every one of them is drawn as GOV.UK's reveal under
// the options that show it (and only those), the field inside it; without JavaScript it is
// simply there. A form ignores a field whose condition is not met.
test('conditional reveals are drawn from the descriptor\'s data, and a hidden field is ignored', async () => {
	const s = await as('team_manager');
	const id = await child();
	const doc = await (await fetch(`${URL_BASE}/api/openapi.json`)).json();
	const conds = [];
	for (const [name, schema] of Object.entries(doc.components.schemas)) {
		if (!name.startsWith('RecordInput_')) continue;
		for (const [field, p] of Object.entries(schema.properties)) {
			const w = p['x-shown-when'];
			if (w) conds.push({ kind: name.slice('RecordInput_'.length), field, when: w.field, values: w.values });
		}
	}
	assert.ok(conds.some((c) => c.kind === 'visit' && c.field === 'child_said' && c.when === 'seen'), JSON.stringify(conds));
	assert.ok(conds.some((c) => c.kind === 'cla_episode' && c.field === 'reason_place_change' && c.values.length > 1));
	for (const c of conds) {
		const what = `${c.kind}.${c.field} shown when ${c.when} is ${c.values}`;
		const html = (await page('GET', `/children/${id}/records/${c.kind}/new`, { session: s })).text;
		const opts = [...html.matchAll(new RegExp(`<input class="govuk-radios__input" id="[^"]*" name="${c.when}" ` +
			'type="radio" value="([^"]*)"[^>]*?(?: data-aria-controls="([^"]*)")?>', 'g'))];
		assert.ok(opts.length >= 2, `${what}: ${c.when} is drawn as radios`);
		const targets = new Set();
		for (const [, value, target] of opts) {
			if (!c.values.includes(value)) continue;
			assert.ok(target, `${what}: option ${value} controls a reveal`);
			targets.add(target);
		}
		assert.equal(targets.size, 1, `${what}: one reveal for its options`);
		const [target] = targets;
		const start = html.indexOf(`<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="${target}"`);
		assert.ok(start > 0, `${what}: the reveal, hidden until chosen`);
		assert.ok(new RegExp(`name="${c.field}(-day)?"`).test(divAt(html, start)), `${what}: the field is inside it`);
		assert.equal([...html.matchAll(new RegExp(`id="${c.field}(-day)?"`, 'g'))].length, 1, `${what}: drawn once`);
		assert.match(html, new RegExp(`<div class="govuk-radios govuk-radios--small" data-module="govuk-radios">` +
			`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${c.when}"`), `${what}: Frontend's module`);
	}
	// Without JavaScript: a visit whose child was not seen keeps nothing typed as what they
	// said; one seen keeps it.
	const unseen = await record('visit', { ...dateBoxes('visit_date', '2026-03-23'), kind: 'cin', seen: 'no',
		seen_alone: 'no', child_said: 'Typed before seen was changed' }, 'team_manager');
	assert.equal(sql(`SELECT coalesce(child_said, '(blank)') FROM visit WHERE id = ${unseen}`), '(blank)');
	const seen = await record('visit', { ...dateBoxes('visit_date', '2026-03-23'), kind: 'cin', seen: 'yes',
		seen_alone: 'no', child_said: 'Hello' }, 'team_manager');
	assert.equal(sql(`SELECT child_said FROM visit WHERE id = ${seen}`), 'Hello');
	// A field ignored is not judged either: an informal arrangement's allowance, even one
	// that is not yes or no, is left out; its support package kept.
	const kin = await record('kinship', { kind: 'informal', ...dateBoxes('start_date', '2026-03-01'), allowance: 'maybe',
		support_package: 'yes' }, 'team_manager');
	assert.equal(sql(`SELECT coalesce(CAST(allowance AS TEXT), 'blank') || '|' || CAST(support_package AS TEXT) FROM kinship WHERE id = ${kin}`), 'blank|1');
	const refused = await page('POST', `/children/${id}/records/kinship`, { session: s, form: { kind: 'sgo',
		...dateBoxes('start_date', '2026-03-01'), allowance: 'maybe' } });
	assert.equal(refused.status, 400, 'shown, the same field is judged');
	assert.match(refused.text, /govuk-error-summary[\s\S]*<a href="#allowance">/);
});

test('codes offered are those in use on the record\'s date; a code not in use then is refused', async () => {
	const s = await as('social_worker');
	const id = await child();
	// Placement K3 came in with the 2024-25 collection year, H5 went out before it
	// (src/model/codes.c); a new episode is dated today (2026) until the worker says.
	const form = await page('GET', `/children/${id}/records/cla_episode/new`, { session: s });
	const place = options(form.text, 'place');
	assert.ok(place.length > 7 && place.every((o) => / – /.test(o.label)), 'placements: a select of "CODE – words"');
	assert.ok(place.some((o) => o.value === 'K3'), 'K3 is offered today');
	assert.ok(!place.some((o) => o.value === 'H5'), 'H5 is not');
	const fp = fingerprint();
	const r = await page('POST', `/children/${id}/records/cla_episode`, { session: s, form: {
		...dateBoxes('decom', '2016-03-10'), rne: 'S', ls: 'C2', cin: 'N1', place: 'K3', long_term: 'no' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#place">Placement \(PLACE\): code K3 is not in use on 10 Mar 2016/);
	assert.ok(options(r.text, 'place').some((o) => o.value === 'H5'), 'redrawn for 2016: H5 is offered then');
	assert.equal(fingerprint(), fp);
});

// Correct and retract on five kinds, each with its history.
const CORRECTIONS = [
	{ kind: 'visit', form: { ...dateBoxes('visit_date', '2026-03-21'), kind: 'cin', seen: 'yes', seen_alone: 'no' },
		change: { kind: 'cp' }, field: 'kind', was: 'Child in need visit', now: 'Child protection visit' },
	{ kind: 'note', form: { ...dateBoxes('note_date', '2026-03-22'), kind: 'case_note', child_voice: 'no', body: 'First words' },
		change: { body: 'Second <b>words</b>' }, field: 'body', was: 'First words', now: 'Second &lt;b&gt;words&lt;/b&gt;' },
	{ kind: 'health', form: { kind: 'dental', ...dateBoxes('done_date', '2026-03-05') },
		change: dateBoxes('done_date', '2026-03-06'), field: 'done_date', was: '5 Mar 2026', now: '6 Mar 2026' },
	{ kind: 'education', form: { school_name: 'Hill Primary', ...dateBoxes('start_date', '2025-09-01'), sen: 'none' },
		change: { school_name: 'Hill Academy' }, field: 'school_name', was: 'Hill Primary', now: 'Hill Academy' },
	{ kind: 'cin_plan', needsReferral: true, form: { ...dateBoxes('start_date', '2026-03-04') },
		change: dateBoxes('end_date', '2026-03-28'), field: 'end_date', was: '(blank)', now: '28 Mar 2026' },
	{ kind: 'missing', form: { ...dateBoxes('start_at', '2026-03-12'), 'start_at-time': '21:30', away: 'no', rhi_accepted: 'no' },
		change: { ...dateBoxes('end_at', '2026-03-13'), 'end_at-time': '08:15' }, field: 'end_at', was: '(blank)',
		now: '13 Mar 2026 at 08:15 UTC' },
];

for (const c of CORRECTIONS) {
	test(`a ${c.kind} is corrected with a reason and retracted; its history shows who, when, why and what changed`, async () => {
		const s = await as('social_worker');
		const id = await child();
		const form = { ...c.form };
		if (c.needsReferral) {
			const refs = options((await page('GET', `/children/${id}/records/${c.kind}/new`, { session: s })).text, 'referral_id');
			assert.ok(refs.length >= 1, 'a referral to choose');
			form.referral_id = refs[0].value;
		}
		const rid = await record(c.kind, form);
		// The correction form comes filled in.
		const edit = await page('GET', `/children/${id}/records/${c.kind}/${rid}/edit`, { session: s });
		assert.equal(edit.status, 200);
		assert.match(edit.text, /<textarea[^>]* name="reason"/);
		const first = Object.entries(c.form)[0];
		assert.ok(edit.text.includes(`name="${first[0]}"`) && edit.text.includes(`value="${first[1]}"`) ||
			edit.text.includes(`>${first[1]}</textarea>`), `${c.kind}: filled in with ${first}`);
		// No reason: refused, nothing stored, what was typed kept.
		const fp = fingerprint();
		const changed = { ...form, ...c.change };
		let r = await page('POST', `/children/${id}/records/${c.kind}/${rid}`, { session: s, form: changed });
		assert.equal(r.status, 400);
		assert.match(r.text, /govuk-error-summary[\s\S]*<a href="#reason">Enter why you are correcting this record/);
		assert.equal(fingerprint(), fp);
		r = await page('POST', `/children/${id}/records/${c.kind}/${rid}`, { session: s,
			form: { ...changed, reason: `Typed wrongly <i>${c.kind}</i>` } });
		assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
		assert.match(r.headers.get('location'), new RegExp(`done=corrected.*#${c.kind}-${rid}$`));
		assert.equal(sql(`SELECT count(*) FROM revision WHERE tbl = '${c.kind}' AND row_id = ${rid} AND action = 'update'`), '1');
		// Retracted: a reason is needed; then the row stays, voided.
		r = await page('POST', `/children/${id}/records/${c.kind}/${rid}/retract`, { session: s, form: { reason: '' } });
		assert.equal(r.status, 400);
		assert.match(r.text, /Enter why you are retracting this record/);
		assert.equal((await page('GET', `/children/${id}/records/${c.kind}/${rid}/retract`, { session: s })).status, 200);
		r = await page('POST', `/children/${id}/records/${c.kind}/${rid}/retract`, { session: s,
			form: { reason: 'Entered on the wrong child' } });
		assert.equal(r.status, 303);
		assert.equal(sql(`SELECT voided FROM ${c.kind} WHERE id = ${rid}`), '1', 'the row stays, voided');
		assert.equal((await page('GET', `/children/${id}/records/${c.kind}/${rid}/edit`, { session: s })).status, 404,
			'a retracted row is not corrected');
		// The history: recorded, corrected (was / now, why), retracted (why), by whom.
		const h = await page('GET', `/children/${id}/records/${c.kind}/${rid}/history`, { session: s });
		assert.equal(h.status, 200);
		const cards = [...h.text.matchAll(/<div class="govuk-summary-card" data-hearth="revision" data-action="([a-z]+)">([\s\S]*?)<\/div><\/div>/g)];
		assert.deepEqual(cards.map((m) => m[1]), ['insert', 'update', 'void']);
		for (const m of cards) assert.match(m[2], /on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC by Test Worker HTA1 \(test_social_worker\)/);
		const row = cards[1][2].match(new RegExp(`<tr class="govuk-table__row" data-field="${c.field}">([\\s\\S]*?)</tr>`));
		assert.ok(row, `${c.kind}: the change of ${c.field} is listed: ${cards[1][2]}`);
		assert.ok(row[1].includes(`data-hearth="was">${c.was}<`), `${c.kind} was: ${row[1]}`);
		assert.ok(row[1].includes(`data-hearth="now">${c.now}<`), `${c.kind} now: ${row[1]}`);
		assert.ok(cards[1][2].includes(`Typed wrongly &lt;i&gt;${c.kind}&lt;/i&gt;`), 'the reason, escaped');
		assert.ok(cards[2][2].includes('Entered on the wrong child'));
	});
}

test('the child\'s own details are corrected from their page; a possible duplicate is shown before a new child is saved', async () => {
	const s = await as('social_worker');
	const id = await child();
	let r = await page('GET', `/children/${id}/records/child/${id}/edit`, { session: s });
	assert.equal(r.status, 200);
	assert.ok(r.text.includes('value="Formfield"'));
	assert.equal((await page('GET', `/children/${id}/records/child/${CHILD.in}/edit`, { session: s })).status, 404);
	// The same date of birth and a similar name as a child the worker can see: shown, with a link.
	const fp = fingerprint();
	const hazel = { given_name: 'hazel', family_name: 'Quenbey', ...dateBoxes('dob', '2012-04-03'), sex: 'F',
		la_child_id: 'HCFORM2', uasc: 'no', restricted: 'no' };
	r = await page('POST', '/children', { session: s, form: hazel });
	assert.equal(r.status, 409);
	assert.match(r.text, /This child may already be known/);
	assert.ok(r.text.includes(`href="/children/${CHILD.in}"`), 'a link to the existing child');
	assert.match(r.text, /<input type="hidden" name="confirm" value="yes">/);
	assert.ok(r.text.includes('value="Quenbey"'), 'what was typed is kept');
	// The same UPN, whatever the name.
	r = await page('POST', '/children', { session: s, form: { ...hazel, given_name: 'Zed', family_name: 'Other',
		...dateBoxes('dob', '2010-01-01'), upn: 'A123456789012' } });
	assert.equal(r.status, 409);
	assert.ok(r.text.includes(`href="/children/${id}"`) && /the same UPN/.test(r.text));
	assert.equal(fingerprint(), fp, 'nothing saved before the person confirms');
	// A child of another team is never shown to this worker (the front door, who sees every child, is).
	const ivor = { given_name: 'Ivor', family_name: 'Quenby', ...dateBoxes('dob', '2014-06-07'), sex: 'M',
		la_child_id: 'HCFORM3', uasc: 'no', restricted: 'no' };
	r = await page('POST', '/children', { session: await as('front_door'), form: ivor });
	assert.equal(r.status, 409);
	assert.ok(r.text.includes(`href="/children/${CHILD.out}"`));
	r = await page('POST', '/children', { session: s, form: ivor });
	assert.equal(r.status, 303, 'no child this worker can see is like this one');
	const dup = Number(r.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	assert.ok(dup > 0);
	// Confirmed after the warning: saved.
	r = await page('POST', '/children', { session: await as('front_door'), form: { ...hazel, confirm: 'yes' } });
	assert.equal(r.status, 303);
	const hazel2 = Number(r.headers.get('location').match(/^\/children\/(\d+)/)[1]);
	// Tidy: both retracted through their own page (a child is retracted like any row).
	for (const c of [dup, hazel2]) {
		const who = c === dup ? s : await as('front_door');
		r = await page('POST', `/children/${c}/records/child/${c}/retract`, { session: who,
			form: { reason: 'Added by the forms test' } });
		assert.equal(r.status, 303);
		assert.equal(sql(`SELECT voided FROM child WHERE id = ${c}`), '1');
	}
	// A bad new child: the summary, nothing stored.
	const fp2 = fingerprint();
	r = await page('POST', '/children', { session: s, form: { given_name: '', ...dateBoxes('dob', '2012-02-31') } });
	assert.equal(r.status, 400);
	assert.match(r.text, /govuk-error-summary[\s\S]*Date of birth must be a real date[\s\S]*Enter Given name/);
	assert.equal(fingerprint(), fp2);
});

// Who may use each new route (PERM_CHILD_WRITE for changes, PERM_CHILD_READ for history:
// src/model/roles.c), and a child out of scope is 404 for everyone who may otherwise.
const WRITERS = ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door', 'partner'];
// Each role's kinds of record, and the kinds it may read, from the server's own role table
// (hearth test-routes): a partner reads (and so may change a row of) Family Help, and of
// visits and notes only their own (reads_own: another's row is not found).
const TABLE = JSON.parse(execFileSync(HEARTH, ['test-routes'], { encoding: 'utf8' })).roles;
const RECORDS = Object.fromEntries(TABLE.map((r) => [r.role, r.records]));
const READS = Object.fromEntries(TABLE.map((r) => [r.role, r.reads]));
const READS_OWN = Object.fromEntries(TABLE.map((r) => [r.role, r.reads_own]));
const READERS = [...WRITERS, 'head_of_service', 'inspector'];

test('every new route answers each role as the role table says, in scope and out of scope', async () => {
	// A row of each child: HC1's visit (in scope for Team A, its IRO and PA) and HC2's
	// allocation (Team B's child: out of their scope; the front door and the roles that see
	// every child see it).
	const visitIn = ['visit', sql(`SELECT min(id) FROM visit WHERE child_id = ${CHILD.in} AND voided = 0`)];
	const allocationOut = ['allocation', sql(`SELECT min(id) FROM allocation WHERE child_id = ${CHILD.out} AND voided = 0`)];
	// And a person of each (no child of their own: theirs through a live relationship).
	const person = (child, family) => {
		const pid = execFileSync(HEARTH, ['record', DB, 'person', '--given-name', 'Role', '--family-name', family],
			{ encoding: 'utf8' }).match(/recorded person (\d+)/)[1];
		execFileSync(HEARTH, ['record', DB, 'relationship', '--child', String(child), '--person', pid, '--kind', 'other_relative',
			'--parental-responsibility', 'false'], { encoding: 'utf8' });
		return ['person', pid];
	};
	const pairs = [[visitIn, allocationOut], [person(CHILD.in, 'Rolesin'), person(CHILD.out, 'Rolesout')]];
	const SEES_ALL = ['front_door', 'head_of_service', 'inspector'];
	const routes = [
		{ m: 'GET', p: (c, [k]) => `/children/${c}/records/${k}/new`, roles: WRITERS },
		{ m: 'POST', p: (c, [k]) => `/children/${c}/records/${k}`, roles: WRITERS, refused: 400 },
		{ m: 'GET', p: (c, [k, v]) => `/children/${c}/records/${k}/${v}/edit`, roles: WRITERS },
		{ m: 'POST', p: (c, [k, v]) => `/children/${c}/records/${k}/${v}`, roles: WRITERS, refused: 400 },
		{ m: 'GET', p: (c, [k, v]) => `/children/${c}/records/${k}/${v}/retract`, roles: WRITERS },
		{ m: 'POST', p: (c, [k, v]) => `/children/${c}/records/${k}/${v}/retract`, roles: WRITERS, refused: 400 },
		{ m: 'GET', p: (c, [k, v]) => `/children/${c}/records/${k}/${v}/history`, roles: READERS },
	];
	const fp = fingerprint();
	for (const [inRow, outRow] of pairs) for (const rt of routes) {
		const name = `${rt.m} ${rt.p('{id}', ['{kind}', '{rid}'])}`;
		for (const role of ROLES) {
			const s = await as(role);
			// The POSTs carry an empty form: a role the table lets through is refused by the
			// form (400), never by the table, and nothing is stored either way.
			const form = rt.m === 'POST' ? {} : undefined;
			// The route's permission first, then (out of scope) 404, then whether the role
			// may record that kind (the role table's "records"; reading a history needs none).
			const allowed = rt.roles.includes(role);
			const mayKind = (k) => (rt.roles === READERS || RECORDS[role].includes(k)) &&
				(!name.includes('{rid}') || READS[role].includes(k));
			// HC1's visit is none of the partner's (the fixture's, by no worker): to a role that
			// reads only its own visits, not found.
			const notOwn = (k) => name.includes('{rid}') && READS_OWN[role].includes(k);
			let r = await page(rt.m, rt.p(CHILD.in, inRow), { session: s, form });
			assert.equal(r.status, !allowed || !mayKind(inRow[0]) ? 403 : notOwn(inRow[0]) ? 404 : (rt.refused ?? 200),
				`${name} as ${role}`);
			assert.match(r.text, /^<!DOCTYPE html>/, 'a page, refusals too');
			r = await page(rt.m, rt.p(CHILD.out, outRow), { session: s, form });
			const want = !allowed ? 403 : !SEES_ALL.includes(role) ? 404 : !mayKind(outRow[0]) ? 403 : (rt.refused ?? 200);
			assert.equal(r.status, want, `${name} for a child out of scope, as ${role}`);
		}
	}
	for (const role of ROLES) {
		const r = await page('GET', '/children/new', { session: await as(role) });
		assert.equal(r.status, WRITERS.includes(role) ? 200 : 403, `GET /children/new as ${role}`);
		const p = await page('POST', '/children', { session: await as(role), form: {} });
		assert.equal(p.status, WRITERS.includes(role) ? 400 : 403, `POST /children as ${role}`);
	}
	assert.equal(fingerprint(), fp, 'no refused request stored anything');
});

// Issue 14 part 1: a saved record returns to the child's page with, as warnings, the DfE
// findings the save caused; long text is drawn with GOV.UK's character count. An assessment
// begun (1 March 2026) the day before its referral (2 March) is saved, and the CIN census
// rule 1103 ("the assessment start date cannot be before the referral date") now finds it.
test('a save that causes a DfE finding is kept and shown with a warning; long text has a character count', async () => {
	const id = await child();
	const s = await as('social_worker');
	const referral = await record('referral', { ...dateBoxes('referral_date', '2026-03-02'), source: '1A',
		primary_need: 'N1', nfa: 'no' });
	const r = await page('POST', `/children/${id}/records/assessment`, { session: s, form: {
		referral_id: String(referral), ...dateBoxes('start_date', '2026-03-01'), factors: '2B' } });
	assert.equal(r.status, 303, r.text.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0] ?? r.text.slice(0, 300));
	const where = r.headers.get('location');
	const found = Number(where.match(/new_findings=(\d+)/)?.[1]);
	assert.ok(found >= 1, `the save's findings are counted: ${where}`);
	const shown = await page('GET', where.replace(/#.*/, ''), { session: s });
	assert.equal(shown.status, 200);
	assert.match(shown.text, /data-hearth="new-findings"[\s\S]*?the DfE's validation rules now find \d+ new/);
	const saved = sql(`SELECT count(*) FROM assessment WHERE referral_id = ${referral} AND voided = 0`);
	assert.equal(saved, '1', 'a finding is a warning, not a refusal');

	const note = await page('GET', `/children/${id}/records/note/new`, { session: s });
	assert.equal(note.status, 200);
	assert.match(note.text, /govuk-character-count"[^>]*data-module="govuk-character-count"[\s\S]*?<textarea class="govuk-textarea govuk-js-character-count[^"]*" id="body"/);
});
