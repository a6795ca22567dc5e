// Every kind of a child's record over the JSON API (/api/children/{id}/records/{kind}),
// saved through src/work as `hearth record` is: a refused change is 422 listing every
// reason and stores nothing (a checksum of every table's content, not a row count); an
// unknown kind or field is 400 naming it; corrections and retractions need a reason and
// show in the history; a child out of scope is 404; a role that may not record the kind
// is 403.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { AS_AT, BACKEND, CHILD, DB, HEARTH, WORKER, as, assertError, fingerprint, req, sql, validNote, validVisit } from './lib.mjs';

const C = CHILD.in;
const base = `/api/children/${C}/records`;

// A checksum of what a change could touch: every table's row count and highest id (as
// fingerprint() gives them), and the whole content of every row of the fixture children
// (HC1, HC2, HC3) in every table of a child's record, and of the revision log past where
// this file began. (Hashing every row of the demo county takes longer than the server keeps
// an idle connection.)
const fixtureChildren = [CHILD.in, CHILD.out, CHILD.restricted].join(', ');
const firstRevision = Number(sql('SELECT coalesce(max(id), 0) FROM revision'));
let childTables;
function checksum() {
	if (!childTables) {
		childTables = sql(BACKEND === 'pg'
			? "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() " +
				"AND column_name = 'child_id' ORDER BY 1"
			: "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p ON p.name = 'child_id' " +
				"WHERE m.type = 'table' ORDER BY 1").split('\n').filter((t) => t !== 'audit');
	}
	const h = createHash('sha256').update(fingerprint());
	h.update(sql(`SELECT * FROM child WHERE id IN (${fixtureChildren}) ORDER BY id`));
	for (const t of childTables) {
		h.update(`${t}\n`).update(sql(`SELECT * FROM "${t}" WHERE child_id IN (${fixtureChildren}) ORDER BY id`));
	}
	h.update(sql(`SELECT * FROM revision WHERE id > ${firstRevision} ORDER BY id`));
	return h.digest('hex');
}

const doc = await (await fetch(`${process.env.HEARTH_URL}/api/openapi.json`)).json();
const schemas = doc.components.schemas;
const kinds = schemas.Kind.enum;

test('every kind of a child\'s record is described, from the descriptor', () => {
	for (const k of ['visit', 'note', 'referral', 'assessment', 'cla_episode', 'leaver_contact', 'lado', 'child']) {
		assert.ok(kinds.includes(k), k);
		assert.ok(schemas[`RecordInput_${k}`] && schemas[`Record_${k}`], k);
	}
	assert.ok(!kinds.includes('team') && !kinds.includes('worker') && !kinds.includes('setting'));
	assert.deepEqual(schemas.RecordInput_cla_episode.properties.ls.enum.slice(0, 2), ['C1', 'C2']);
	assert.ok(!('child_id' in schemas.RecordInput_visit.properties), 'the path names the child');
});

test('each kind posted with a code outside its list: 422 naming the field, and nothing stored', async () => {
	const tm = await as('team_manager'); // records casework and allocations
	const before = checksum();
	let tried = 0;
	for (const k of kinds) {
		const props = schemas[`RecordInput_${k}`].properties;
		const coded = Object.entries(props).filter(([, p]) => p.enum);
		if (coded.length === 0 || k === 'child' || k === 'lado') continue;
		const body = Object.fromEntries(coded.map(([name]) => [name, 'ZZ9']));
		const r = await req('POST', `${base}/${k}`, { session: tm, body });
		// A request for authorisation is asked by the save it is about and answered on
		// /approvals: no role records one directly, so the role table refuses it first.
		if (k === 'authorisation') {
			assert.equal(r.status, 403, `${k}: ${r.text}`);
			continue;
		}
		assert.equal(r.status, 422, `${k}: ${r.text}`);
		assert.ok(Array.isArray(r.json.errors) && r.json.errors.length >= coded.length, `${k}: ${r.text}`);
		for (const [name] of coded) {
			assert.ok(r.json.errors.some((e) => e.field === name && e.rule === 'code' && /ZZ9/.test(e.message)),
				`${k}.${name} named: ${r.text}`);
		}
		tried++;
	}
	assert.ok(tried >= 18, `kinds tried: ${tried}`);
	// A new child too.
	const child = await req('POST', '/api/children', { session: tm,
		body: { given_name: 'Zed', family_name: 'Coded', dob: '2019-01-01', sex: 'ZZ9', ethnicity: 'ZZ9' } });
	assert.equal(child.status, 422, child.text);
	assert.deepEqual(child.json.errors.map((e) => e.field).sort(), ['ethnicity', 'sex']);
	assert.equal(checksum(), before, 'nothing stored changed');
});

test('an unknown kind or field is 400 naming it', async () => {
	const s = await as('social_worker');
	const before = checksum();
	assertError(await req('POST', `${base}/gossip`, { session: s, body: validNote() }), 400, 'unknown_kind', 'kind');
	assertError(await req('GET', `${base}/gossip`, { session: s }), 400, 'unknown_kind', 'kind');
	// Kinds that are not a child's: the organisation's own tables.
	for (const k of ['team', 'worker', 'setting', 'inspection', 'worker_absence']) {
		assertError(await req('POST', `${base}/${k}`, { session: s, body: {} }), 400, 'unknown_kind', 'kind');
	}
	const r = await req('POST', `${base}/note`, { session: s, body: { ...validNote(), colour: 'blue' } });
	assertError(r, 400, 'unknown_field', 'colour');
	assertError(await req('POST', `${base}/note`, { session: s, body: { ...validNote(), child_id: CHILD.out } }), 400,
		'unknown_field', 'child_id');
	assertError(await req('POST', '/api/children', { session: s, body: { given_name: 'A', shoe_size: 3 } }), 400,
		'unknown_field', 'shoe_size');
	assert.equal(checksum(), before);
});

test('what the API refuses that it used to accept: future events, seen alone unseen, another worker', async () => {
	const s = await as('social_worker');
	const before = checksum();
	const cases = [
		[{ ...validVisit(), visit_date: '2199-12-31' }, 'visit_date', 'not_in_future'],
		[{ ...validVisit(), visit_date: '2026-04-01' }, 'visit_date', 'not_in_future'],
		[{ ...validVisit(), seen: false, seen_alone: true }, 'seen_alone', 'seen_alone_needs_seen'],
		[{ ...validVisit(), worker_id: WORKER.a2 }, 'worker_id', 'not_yourself'], // a colleague, not yourself
	];
	for (const [body, field, rule] of cases) {
		const r = await req('POST', `${base}/visit`, { session: s, body });
		assertError(r, 422, rule, field);
		assert.deepEqual(r.json.errors[0], { field, rule, message: r.json.error });
	}
	const note = await req('POST', `${base}/note`, { session: s, body: { ...validNote(), note_date: '2150-01-01' } });
	assertError(note, 422, 'not_in_future', 'note_date');
	// The older routes refuse them too (with their 400).
	assertError(await req('POST', `/api/children/${C}/visits`, { session: s,
		body: { ...validVisit(), visit_date: '2199-12-31' } }), 400, 'not_in_future', 'visit_date');
	assert.equal(checksum(), before);
	// A team manager may name a worker of their team.
	const tm = await req('POST', `${base}/visit`, { session: await as('team_manager'),
		body: { ...validVisit(), worker_id: WORKER.a1 } });
	assert.equal(tm.status, 201, tm.text);
	assert.equal(tm.json.record.worker_id, WORKER.a1);
	// Blank: yourself.
	const own = await req('POST', `${base}/visit`, { session: s, body: validVisit() });
	assert.equal(own.status, 201, own.text);
	assert.equal(own.json.record.worker_id, WORKER.a1);
	assert.equal(own.json.kind, 'visit');
});

test('correct needs a reason; retract needs a reason; the history shows who, when, why, from and to', async () => {
	const s = await as('social_worker');
	const made = await req('POST', `${base}/note`, { session: s, body: validNote() });
	assert.equal(made.status, 201, made.text);
	const rid = made.json.record.id;
	const url = `${base}/note/${rid}`;
	let before = checksum();
	assertError(await req('PATCH', url, { session: s, body: { body: 'Called the school twice' } }), 422, 'required',
		'reason');
	assertError(await req('PATCH', url, { session: s, body: { body: 'x', reason: '   ' } }), 422, 'required', 'reason');
	assertError(await req('PATCH', url, { session: s, body: { note_date: '2199-01-01', reason: 'typo' } }), 422,
		'not_in_future', 'note_date');
	assertError(await req('PATCH', url, { session: s, body: { kind: 'ZZ9', reason: 'typo' } }), 422, 'code', 'kind');
	assertError(await req('PATCH', url, { session: s, body: { reason: 'typo', mood: 'sad' } }), 400, 'unknown_field',
		'mood');
	assert.equal(checksum(), before, 'refused corrections store nothing');
	const fixed = await req('PATCH', url, { session: s, body: { body: 'Called the school twice', reason: 'typo' } });
	assert.equal(fixed.status, 200, fixed.text);
	assert.equal(fixed.json.record.body, 'Called the school twice');
	assert.equal(fixed.json.record.kind, 'case_note', 'fields not given stay');
	before = checksum();
	assertError(await req('POST', `${url}/retract`, { session: s, body: {} }), 422, 'required', 'reason');
	assertError(await req('POST', `${url}/retract`, { session: s, body: { reason: 'x', why: 'y' } }), 400,
		'unknown_field', 'why');
	assert.equal(checksum(), before);
	const gone = await req('POST', `${url}/retract`, { session: s, body: { reason: 'wrong child' } });
	assert.equal(gone.status, 200, gone.text);
	assert.deepEqual(gone.json, { kind: 'note', id: rid, retracted: true, reason: 'wrong child' });
	const h = await req('GET', `${url}/history`, { session: s });
	assert.equal(h.status, 200, h.text);
	assert.equal(h.json.retracted, true);
	assert.deepEqual(h.json.revisions.map((r) => r.action), ['insert', 'update', 'void']);
	const [ins, upd, voided] = h.json.revisions;
	assert.equal(upd.by, `user:${s.user.id}`);
	assert.equal(upd.reason, 'typo');
	assert.deepEqual(upd.changes, [{ field: 'body', label: 'Note', from: 'Called the school', to: 'Called the school twice' }]);
	assert.ok(ins.changes.some((c) => c.field === 'note_date' && c.from === '' && c.to === AS_AT));
	assert.equal(voided.reason, 'wrong child');
	assert.match(voided.at, /^\d{4}-\d\d-\d\d/);
	// Retracted: out of the list, and nothing left to correct or retract.
	const list = await req('GET', `${base}/note?limit=500`, { session: s });
	assert.equal(list.status, 200);
	assert.ok(!list.json.records.some((r) => r.id === rid));
	assertError(await req('PATCH', url, { session: s, body: { body: 'again', reason: 'x' } }), 404);
	assertError(await req('POST', `${url}/retract`, { session: s, body: { reason: 'x' } }), 404);
	// The audit trail has the read of the history.
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE child_id = ${C} AND section = 'history'`)) >= 1);
});

test('corrections on five kinds each leave their history', async () => {
	const tm = await as('team_manager');
	const made = {
		visit: validVisit(),
		contact: { contact_date: '2026-03-02', source: '1A', summary: 'Call from school' },
		health: { kind: 'dental', done_date: '2026-03-03' },
		pathway_plan: { review_date: '2026-03-04' },
		participation: { event_date: '2026-03-05', kind: 'youth_council', detail: 'Spoke up' },
	};
	const change = { visit: { seen_alone: true }, contact: { summary: 'Call from the school nurse' },
		health: { done_date: '2026-03-06' }, pathway_plan: { review_date: '2026-03-07' },
		participation: { detail: 'Spoke up about transport' } };
	for (const [k, body] of Object.entries(made)) {
		const props = schemas[`RecordInput_${k}`].properties;
		for (const [name, p] of Object.entries(props)) {
			if (p.enum && name in body && !p.enum.includes(body[name])) body[name] = p.enum[0];
		}
		const r = await req('POST', `${base}/${k}`, { session: tm, body });
		assert.equal(r.status, 201, `${k}: ${r.text}`);
		const rid = r.json.record.id;
		const c = await req('PATCH', `${base}/${k}/${rid}`, { session: tm, body: { ...change[k], reason: `fix ${k}` } });
		assert.equal(c.status, 200, `${k}: ${c.text}`);
		const h = await req('GET', `${base}/${k}/${rid}/history`, { session: tm });
		const upd = h.json.revisions.at(-1);
		assert.equal(upd.reason, `fix ${k}`);
		const [field, to] = Object.entries(change[k])[0];
		const ch = upd.changes.find((x) => x.field === field);
		assert.ok(ch, `${k}: ${JSON.stringify(upd)}`);
		assert.equal(ch.to, to === true ? 'yes' : String(to));
	}
});

test('a {rid} that is not this child\'s row of that kind, or a child out of scope, is 404', async () => {
	const tm = await as('team_manager'); // HC1 and (granted) HC3 in scope
	const r = await req('POST', `${base}/note`, { session: tm, body: validNote() });
	const rid = r.json.record.id;
	const other = `/api/children/${CHILD.restricted}/records/note/${rid}`;
	assertError(await req('GET', `${other}/history`, { session: tm }), 404, 'not_found', 'rid');
	assertError(await req('PATCH', other, { session: tm, body: { reason: 'x', body: 'y' } }), 404, 'not_found', 'rid');
	// The same id under another kind names that kind's row: 404 unless it is HC1's.
	if (sql(`SELECT count(*) FROM cla_episode WHERE id = ${rid} AND child_id = ${C}`) === '0') {
		assertError(await req('GET', `${base}/cla_episode/${rid}/history`, { session: tm }), 404, 'not_found', 'rid');
	}
	assertError(await req('GET', `${base}/note/999999999/history`, { session: tm }), 404, 'not_found', 'rid');
	// A {rid} is digits only: "abc" names no resource at all.
	assertError(await req('GET', `${base}/note/abc/history`, { session: tm }), 404, 'not_found', 'path');
	const s = await as('social_worker');
	const before = checksum();
	for (const [m, path, body] of [['GET', 'records/note'], ['POST', 'records/note', validNote()],
		['PATCH', `records/note/${rid}`, { reason: 'x' }], ['POST', `records/note/${rid}/retract`, { reason: 'x' }],
		['GET', `records/note/${rid}/history`]]) {
		const out = await req(m, `/api/children/${CHILD.out}/${path}`, { session: s, body });
		const none = await req(m, `/api/children/${CHILD.none}/${path}`, { session: s, body });
		assertError(out, 404, 'not_found', 'id');
		assert.equal(out.text, none.text, path);
	}
	assert.equal(checksum(), before);
});

test('a role that may not record the kind gets 403, and nothing is stored', async () => {
	const before = checksum();
	const deny = [
		['iro', 'visit', validVisit()],
		['personal_adviser', 'note', validNote()],
		['front_door', 'visit', validVisit()],
		['social_worker', 'allocation', { worker_id: WORKER.a1, kind: 'sw', start_date: AS_AT }],
		['social_worker', 'lado', { reference: 'L-1', received_date: AS_AT, category: 'physical', sector: 'education' }],
	];
	for (const [role, kind, body] of deny) {
		const r = await req('POST', `${base}/${kind}`, { session: await as(role), body });
		assertError(r, 403, 'permission', 'kind');
	}
	const s = await as('social_worker');
	const note = await req('POST', `${base}/note`, { session: s, body: validNote() });
	const url = `${base}/note/${note.json.record.id}`;
	const mid = checksum();
	for (const role of ['iro', 'personal_adviser', 'front_door']) {
		assertError(await req('PATCH', url, { session: await as(role), body: { reason: 'x', body: 'y' } }), 403,
			'permission', 'kind');
		assertError(await req('POST', `${url}/retract`, { session: await as(role), body: { reason: 'x' } }), 403,
			'permission', 'kind');
	}
	for (const role of ['inspector', 'analyst', 'admin', 'lado', 'head_of_service']) {
		assertError(await req('POST', `${base}/note`, { session: await as(role), body: validNote() }), 403);
	}
	assertError(await req('POST', '/api/children', { session: await as('iro'),
		body: { given_name: 'I', family_name: 'Ro', dob: '2019-01-01' } }), 403, 'permission');
	assert.equal(checksum(), mid);
	assert.notEqual(mid, before, 'the social worker\'s note was stored');
	// What each may record, it may: the PA a pathway plan review, the front door a contact.
	const pa = await req('POST', `${base}/pathway_plan`, { session: await as('personal_adviser'),
		body: { review_date: AS_AT } });
	assert.equal(pa.status, 201, pa.text);
	const fd = await req('POST', `${base}/contact`, { session: await as('front_door'),
		body: { contact_date: AS_AT, source: '1A' } });
	assert.equal(fd.status, 201, fd.text);
});

test('a new child, at the front door', async () => {
	const fd = await as('front_door');
	const r = await req('POST', '/api/children', { session: fd,
		body: { given_name: 'Nell', family_name: 'Newcome', dob: '2021-07-08', sex: 'F' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.child.given_name, 'Nell');
	assert.match(r.json.child.la_child_id, /^C\d+/);
	const before = checksum();
	const none = await req('POST', '/api/children', { session: fd, body: { given_name: 'No', family_name: 'Date' } });
	assertError(none, 422, 'required', 'dob');
	const later = await req('POST', '/api/children', { session: fd,
		body: { given_name: 'Not', family_name: 'Yet', dob: '2026-04-01' } });
	assertError(later, 422, 'not_in_future', 'dob');
	assert.equal(checksum(), before);
	const list = await req('GET', `/api/children/${r.json.child.id}/records/child`, { session: fd });
	assert.equal(list.status, 200, list.text);
	assert.equal(list.json.records[0].family_name, 'Newcome');
});

// A person has no child of their own: posted under a child with their relationship to the
// child ("relationship": {...}), both are saved in one transaction, or neither.
test('a person is added with their relationship to the child, both or neither', async () => {
	const s = await as('social_worker');
	const input = schemas.RecordInput_person;
	assert.ok(kinds.includes('person'));
	assert.ok(input.required.includes('relationship') && input.properties.relationship.properties.kind.enum.includes('father'));
	assert.ok(!('person_id' in input.properties.relationship.properties) &&
		!('child_id' in input.properties.relationship.properties), 'the save links them');
	const people = () => sql("SELECT count(*) FROM person WHERE family_name = 'Apilink'");
	const tom = { given_name: 'Tom', family_name: 'Apilink', dob: '1985-06-07', sex: 'M' };
	const before = checksum();
	const fp = fingerprint();
	// No relationship at all, a relationship refused, and a person refused: 422, nothing.
	let r = await req('POST', `${base}/person`, { session: s, body: tom });
	assertError(r, 422, 'required', 'kind');
	assert.ok(r.json.errors.some((e) => e.field === 'parental_responsibility'), r.text);
	r = await req('POST', `${base}/person`, { session: s, body: { ...tom,
		relationship: { kind: 'uncle', parental_responsibility: false } } });
	assertError(r, 422, 'code', 'kind');
	r = await req('POST', `${base}/person`, { session: s, body: { ...tom, dob: '2199-01-01',
		relationship: { kind: 'father', parental_responsibility: true } } });
	assertError(r, 422, 'not_in_future', 'dob');
	assertError(await req('POST', `${base}/person`, { session: s, body: { ...tom,
		relationship: { kind: 'father', parental_responsibility: true, person_id: 1 } } }), 400, 'unknown_field', 'person_id');
	assertError(await req('POST', `${base}/person`, { session: s, body: { ...tom,
		relationship: { kind: 'father', parental_responsibility: true, mood: 'x' } } }), 400, 'unknown_field', 'mood');
	assertError(await req('POST', `${base}/person`, { session: await as('front_door'), body: { ...tom,
		relationship: { kind: 'father', parental_responsibility: true } } }), 403, 'permission', 'kind');
	assert.equal(people(), '0', 'a refused save stores no person');
	assert.equal(fingerprint(), fp);
	assert.equal(checksum(), before);
	// Saved: the person, and the relationship naming them and this child.
	r = await req('POST', `${base}/person`, { session: s, body: { ...tom,
		relationship: { kind: 'father', parental_responsibility: true, start_date: '2015-01-01' } } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.record.given_name, 'Tom');
	assert.equal(r.json.relationship.person_id, r.json.record.id);
	assert.equal(r.json.relationship.child_id, C);
	assert.equal(sql(`SELECT count(*) FROM relationship WHERE person_id = ${r.json.record.id} AND child_id = ${C} ` +
		"AND kind = 'father' AND voided = 0"), '1');
	assert.equal(people(), '1');
	// The child's people are those their relationships name.
	const list = await req('GET', `${base}/person?limit=500`, { session: s });
	assert.equal(list.status, 200, list.text);
	assert.ok(list.json.records.some((p) => p.id === r.json.record.id && p.family_name === 'Apilink'));
	const other = await req('GET', `/api/children/${CHILD.restricted}/records/person?limit=500`, { session: await as('team_manager') });
	assert.equal(other.status, 200, other.text);
	assert.ok(!other.json.records.some((p) => p.id === r.json.record.id), 'not another child\'s person');
});

// A person is this child's while a live relationship of this child names them: corrected
// (PATCH, a revision), their history read, and retracted from this child's record with the
// relationship; a person linked to another child too is not retracted (that record would
// lose them: rule linked_to_other_children); a person of a child out of scope is 404.
test('a person is corrected, traced and retracted from the child\'s record; another child\'s record stays whole', async () => {
	const s = await as('social_worker');
	let r = await req('POST', `${base}/person`, { session: s, body: { given_name: 'Ida', family_name: 'Apifix',
		dob: '1980-01-02', relationship: { kind: 'mother', parental_responsibility: true } } });
	assert.equal(r.status, 201, r.text);
	const pid = r.json.record.id, rel = r.json.relationship.id;
	// A correction needs a reason, refuses a bad value and an unknown field: nothing stored.
	let before = checksum();
	assertError(await req('PATCH', `${base}/person/${pid}`, { session: s, body: { family_name: 'Apifixed' } }),
		422, 'required', 'reason');
	assertError(await req('PATCH', `${base}/person/${pid}`, { session: s, body: { dob: '2199-01-01', reason: 'typo' } }),
		422, 'not_in_future', 'dob');
	assertError(await req('PATCH', `${base}/person/${pid}`, { session: s, body: { sex: 'Q', reason: 'typo' } }),
		422, 'code', 'sex');
	assertError(await req('PATCH', `${base}/person/${pid}`, { session: s, body: { mood: 'x', reason: 'typo' } }),
		400, 'unknown_field', 'mood');
	assert.equal(checksum(), before);
	assert.equal(sql(`SELECT family_name FROM person WHERE id = ${pid}`), 'Apifix');
	r = await req('PATCH', `${base}/person/${pid}`, { session: s, body: { family_name: 'Apifixed', reason: 'misspelt' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.record.family_name, 'Apifixed');
	assert.equal(r.json.record.given_name, 'Ida', 'what was not named stays');
	r = await req('GET', `${base}/person/${pid}/history`, { session: s });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.json.revisions.map((v) => v.action), ['insert', 'update']);
	assert.equal(r.json.revisions[1].reason, 'misspelt');
	assert.deepEqual(r.json.revisions[1].changes.map((c) => [c.field, c.from, c.to]), [['family_name', 'Apifix', 'Apifixed']]);
	// Another child's person, and this person under another child: 404, as a missing one.
	execFileSync(HEARTH, ['record', DB, 'person', '--given-name', 'Otto', '--family-name', 'Outscope'], { encoding: 'utf8' });
	const out = Number(sql("SELECT max(id) FROM person WHERE family_name = 'Outscope'"));
	execFileSync(HEARTH, ['record', DB, 'relationship', '--child', String(CHILD.out), '--person', String(out),
		'--kind', 'father', '--parental-responsibility', 'true'], { encoding: 'utf8' });
	before = checksum();
	for (const [method, path, body] of [['GET', `${base}/person/${out}/history`], ['PATCH', `${base}/person/${out}`,
		{ family_name: 'X', reason: 'y' }], ['POST', `${base}/person/${out}/retract`, { reason: 'y' }],
	['GET', `/api/children/${CHILD.out}/records/person/${out}/history`], ['GET', `${base}/person/999999999/history`]]) {
		const outOfScope = path.startsWith(`/api/children/${CHILD.out}/`);
		assertError(await req(method, path, { session: s, body }), 404, outOfScope ? undefined : 'not_found',
			outOfScope ? undefined : 'rid');
	}
	assert.equal(checksum(), before);
	// Linked to another child too (a sibling's mother): refused, naming the rule; nothing changes.
	const tm = await as('team_manager');
	r = await req('POST', `/api/children/${CHILD.restricted}/records/relationship`, { session: tm, body: {
		person_id: pid, kind: 'mother', parental_responsibility: true } });
	assert.equal(r.status, 201, r.text);
	const sib = r.json.record.id;
	before = checksum();
	assertError(await req('POST', `${base}/person/${pid}/retract`, { session: s, body: {} }), 422, 'required', 'reason');
	r = await req('POST', `${base}/person/${pid}/retract`, { session: s, body: { reason: 'wrong family' } });
	assertError(r, 409, 'linked_to_other_children', 'rid');
	assert.match(r.json.error, /linked to another child's record too/);
	assert.equal(checksum(), before);
	// The other child's link retracted, the person goes from this record with their relationship.
	assert.equal((await req('POST', `/api/children/${CHILD.restricted}/records/relationship/${sib}/retract`, { session: tm,
		body: { reason: 'not her child' } })).status, 200);
	r = await req('POST', `${base}/person/${pid}/retract`, { session: s, body: { reason: 'wrong family' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(sql(`SELECT voided FROM person WHERE id = ${pid}`), '1');
	assert.equal(sql(`SELECT voided FROM relationship WHERE id = ${rel}`), '1', 'no live relationship names a retracted person');
	assert.equal(sql(`SELECT reason FROM revision WHERE tbl = 'person' AND row_id = ${pid} AND action = 'void'`), 'wrong family');
	assert.ok(!(await req('GET', `${base}/person?limit=500`, { session: s })).json.records.some((p) => p.id === pid));
	const h = await req('GET', `${base}/relationship/${rel}/history`, { session: s });
	assert.equal(h.status, 200, h.text);
	assert.equal(h.json.retracted, true, 'the relationship\'s history keeps the retraction');
});
