// The audit trail: every read of a child's record and every change writes a row (who,
// what, route, address), durable before the answer is sent; N reads make N rows, also
// when they arrive together (group commit); refusals are recorded as denied.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CHILD, DB, HEARTH, as, holdWriteLock, req, signIn, sql, validNote, validVisit } from './lib.mjs';

const C = CHILD.in;
const reads = (section, actor) => Number(sql(`SELECT count(*) FROM audit WHERE action = 'read' AND child_id = ${C} ` +
	`AND section = '${section}'${actor ? ` AND actor = '${actor}'` : ''}`));

test('each read is in the audit trail by the time its answer arrives', async () => {
	const s = await as('social_worker');
	const actor = `user:${s.user.id}`;
	for (let i = 0; i < 5; i++) {
		const before = reads('record', actor);
		const r = await req('GET', `/api/children/${C}`, { session: s });
		assert.equal(r.status, 200);
		// Read with another connection straight after the answer: the row is committed.
		assert.equal(reads('record', actor), before + 1);
	}
	const row = sql(`SELECT actor, action, child_id, section, route, address FROM audit WHERE child_id = ${C} ` +
		`AND action = 'read' ORDER BY id DESC LIMIT 1`);
	assert.equal(row, `${actor}|read|${C}|record|GET /api/children/{id}|127.0.0.1`);
});

test('N reads give N audit rows, also when all N arrive at once', async () => {
	const s = await as('team_manager');
	const actor = `user:${s.user.id}`;
	// 3N requests at once are 3N connections from one address: within the server's default
	// cap of 64 per address (tests/http/limits.test.mjs), which refuses the rest.
	const N = 20;
	const before = { record: reads('record', actor), chronology: reads('chronology', actor), visits: reads('visits', actor) };
	const paths = [];
	for (let i = 0; i < N; i++) paths.push(`/api/children/${C}`, `/api/children/${C}/chronology`, `/api/children/${C}/visits`);
	const answers = await Promise.all(paths.map((p) => req('GET', p, { session: s })));
	assert.ok(answers.every((r) => r.status === 200));
	assert.equal(reads('record', actor) - before.record, N);
	assert.equal(reads('chronology', actor) - before.chronology, N);
	assert.equal(reads('visits', actor) - before.visits, N);
});

test('every read route writes its section', async () => {
	const s = await as('head_of_service');
	const actor = `user:${s.user.id}`;
	for (const [suffix, section] of [['', 'record'], ['/chronology', 'chronology'], ['/allocations', 'allocations'],
		['/visits', 'visits'], ['/notes', 'notes'], ['/due', 'due']]) {
		const before = reads(section, actor);
		assert.equal((await req('GET', `/api/children/${C}${suffix}`, { session: s })).status, 200);
		assert.equal(reads(section, actor), before + 1, section);
	}
	const lists = () => Number(sql(`SELECT count(*) FROM audit WHERE actor = '${actor}' AND section = 'children list'`));
	const before = lists();
	await req('GET', '/api/children?q=Qu', { session: s });
	assert.equal(lists(), before + 1);
});

test('changes write their audit row in their own transaction, with the route and address', async () => {
	const s = await as('social_worker');
	const v = await req('POST', `/api/children/${C}/visits`, { session: s, body: validVisit() });
	assert.equal(v.status, 201, v.text);
	const row = sql(`SELECT actor, action, child_id, section, route, address FROM audit WHERE action = 'create' ` +
		`AND section = 'visit' ORDER BY id DESC LIMIT 1`);
	assert.equal(row, `user:${s.user.id}|create|${C}|visit|POST /api/children/{id}/visits|127.0.0.1`);
	const rev = sql(`SELECT actor, action FROM revision WHERE tbl = 'visit' AND row_id = ${v.json.visit.id}`);
	assert.equal(rev, `user:${s.user.id}|insert`);
	const n = await req('POST', `/api/children/${C}/notes`, { session: s, body: validNote() });
	assert.equal(n.status, 201);
	assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'create' AND section = 'note' AND child_id = ${C} ` +
		`AND route = 'POST /api/children/{id}/notes'`) >= '1', true);
});

test('refused reads are recorded as denied, and write no read row', async () => {
	const s = await as('social_worker');
	const actor = `user:${s.user.id}`;
	const denied = () => Number(sql(`SELECT count(*) FROM audit WHERE action = 'denied' AND actor = '${actor}' ` +
		`AND child_id = ${CHILD.out}`));
	const readsOut = () => Number(sql(`SELECT count(*) FROM audit WHERE action = 'read' AND child_id = ${CHILD.out}`));
	const d0 = denied(), r0 = readsOut();
	assert.equal((await req('GET', `/api/children/${CHILD.out}`, { session: s })).status, 404);
	assert.equal(denied(), d0 + 1);
	assert.equal(readsOut(), r0);
	const an = await as('analyst');
	const before = Number(sql(`SELECT count(*) FROM audit WHERE action = 'denied' AND actor = 'user:${an.user.id}'`));
	assert.equal((await req('GET', `/api/children/${C}`, { session: an })).status, 403);
	assert.equal(Number(sql(`SELECT count(*) FROM audit WHERE action = 'denied' AND actor = 'user:${an.user.id}'`)),
		before + 1);
});

test('sign-in is audited', async () => {
	const s = await as('inspector');
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action = 'sign_in' AND actor = 'user:${s.user.id}'`)) >= 1);
});

test('the audit chain is whole after all this (hearth audit --verify)', () => {
	const out = execFileSync(HEARTH, ['audit', DB, '--verify'], { encoding: 'utf8' });
	assert.match(out, /^ok: the audit chain is whole/);
});

test('when the audit row cannot be written, the answer is 500 and holds no record content', async () => {
	const s = await signIn('test_social_worker'); // fresh: no "last seen" write is due
	const name = sql(`SELECT given_name FROM child WHERE id = ${C}`);
	// Another process holds the write lock longer than the server waits for it.
	const release = await holdWriteLock();
	const before = reads('record');
	try {
		const r = await req('GET', `/api/children/${C}`, { session: s });
		assert.equal(r.status, 500, r.text);
		assert.equal(r.json.rule, 'audit');
		assert.ok(!r.text.includes(name), 'no record content');
	} finally {
		await release();
	}
	assert.equal(reads('record'), before, 'and no row was half-written');
	// Once the lock is gone, reads are answered (and audited) again.
	assert.equal((await req('GET', `/api/children/${C}`, { session: s })).status, 200);
	assert.equal(reads('record'), before + 1);
});
