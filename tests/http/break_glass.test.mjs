// Break-glass: a case worker may read a child outside their scope only by giving a reason;
// the opening is an audit row (action break_glass, the reason with it), each read through it
// is audited as break_glass_read, it is listed for review on /admin/audit and
// /api/break-glass until an auditor marks it reviewed, it never lets a change through, and
// it never opens a restricted child (those need an explicit grant). A person of its own,
// so the suite's shared sessions keep their scope for the other files.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CHILD, DB, HEARTH, PASSWORD, URL_BASE, as, assertError, req, signIn, sql, validNote } from './lib.mjs';

const NAME = `bg_worker_${process.pid}`;
let worker, userId;

async function setup() {
	if (worker) return;
	execFileSync(HEARTH, ['user', DB, 'add', NAME, '--role', 'social_worker', '--team', 'HTTP Team A'],
		{ input: `${PASSWORD}\n`, encoding: 'utf8' });
	worker = await signIn(NAME);
	userId = worker.user.id;
}

const auditRows = (child, action) => sql(`SELECT id, section FROM audit WHERE actor = 'user:${userId}' AND ` +
	`child_id = ${child} AND action = '${action}' ORDER BY id`).split('\n').filter(Boolean);

test('without a reason a child outside the scope stays closed', async () => {
	await setup();
	assertError(await req('GET', `/api/children/${CHILD.out}`, { session: worker }), 404, 'not_found');
	assertError(await req('POST', '/api/break-glass', { session: worker, body: { child_id: CHILD.out } }), 400,
		undefined, 'reason');
	assertError(await req('POST', '/api/break-glass', { session: worker, body: { child_id: CHILD.out, reason: '  ' } }),
		400, 'reason', 'reason');
	assertError(await req('POST', '/api/break-glass', { session: worker, body: { child_id: CHILD.out, reason: 'because' } }),
		400, 'reason', 'reason');
	// Without the CSRF token nothing is opened either.
	assertError(await req('POST', '/api/break-glass',
		{ session: worker, csrf: false, body: { child_id: CHILD.out, reason: 'Police at the door at 2am, child missing' } }), 403, 'csrf');
	assertError(await req('GET', `/api/children/${CHILD.out}`, { session: worker }), 404, 'not_found');
	assert.deepEqual(auditRows(CHILD.out, 'break_glass'), []);
});

test('with a reason the child can be read, audited and flagged for review; changes stay refused', async () => {
	await setup();
	const reason = 'Police at the door at 2am <b>child</b> missing';
	const r = await req('POST', '/api/break-glass', { session: worker, body: { child_id: CHILD.out, reason } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.child_id, CHILD.out);
	assert.match(r.json.until, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	const opened = auditRows(CHILD.out, 'break_glass');
	assert.equal(opened.length, 1);
	const openingId = Number(opened[0].split('|')[0]);
	assert.equal(opened[0].split('|').slice(1).join('|'), reason);
	// The record reads now, and each read is audited as one through break-glass.
	const read = await req('GET', `/api/children/${CHILD.out}`, { session: worker });
	assert.equal(read.status, 200, read.text);
	assert.equal(read.json.id, CHILD.out);
	assert.equal(auditRows(CHILD.out, 'break_glass_read').length, 1);
	assert.equal(auditRows(CHILD.out, 'read').length, 0);
	// Still no change: break-glass is for reading.
	assertError(await req('POST', `/api/children/${CHILD.out}/notes`, { session: worker, body: validNote() }), 404,
		'not_found');
	// The child is not added to the person's lists either.
	const list = await req('GET', '/api/children?limit=500', { session: worker });
	assert.ok(!list.json.children.some((c) => c.id === CHILD.out));
	// Flagged for review: the list for auditors and the admin's audit page.
	const admin = await as('admin');
	const waiting = await req('GET', '/api/break-glass', { session: admin });
	assert.equal(waiting.status, 200, waiting.text);
	const mine = waiting.json.openings.find((o) => o.id === openingId);
	assert.ok(mine, waiting.text);
	assert.deepEqual([mine.actor, mine.child_id, mine.reason], [`user:${userId}`, CHILD.out, reason]);
	const page = await fetch(`${URL_BASE}/admin/audit`, { headers: { Cookie: admin.cookie } });
	const html = await page.text();
	assert.equal(page.status, 200);
	assert.match(html, /break-glass openings? to review/);
	assert.ok(html.includes('Police at the door at 2am &lt;b&gt;child&lt;/b&gt; missing'), 'the reason, escaped');
	// A person who may not audit cannot see the list.
	assertError(await req('GET', '/api/break-glass', { session: worker }), 403, 'permission');
	// Reviewed: it leaves the list (and the review is an audit row of its own).
	assertError(await req('POST', '/api/break-glass/review', { session: admin, body: { id: openingId + 1000000 } }), 404);
	const done = await req('POST', '/api/break-glass/review', { session: admin, body: { id: openingId } });
	assert.equal(done.status, 200, done.text);
	const after = await req('GET', '/api/break-glass', { session: admin });
	assert.ok(!after.json.openings.some((o) => o.id === openingId));
	assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'break_glass_reviewed' AND section = '${openingId}'`), '1');
});

test('break-glass never opens a restricted child, with any reason', async () => {
	await setup();
	// The restricted child is allocated to this person's team, but they hold no grant.
	assertError(await req('GET', `/api/children/${CHILD.restricted}`, { session: worker }), 404, 'not_found');
	const r = await req('POST', '/api/break-glass',
		{ session: worker, body: { child_id: CHILD.restricted, reason: 'Emergency placement tonight, need the history' } });
	// Answered exactly as a child that does not exist.
	const none = await req('POST', '/api/break-glass',
		{ session: worker, body: { child_id: CHILD.none, reason: 'Emergency placement tonight, need the history' } });
	assertError(r, 404, 'not_found');
	assert.equal(r.text, none.text);
	assertError(await req('GET', `/api/children/${CHILD.restricted}`, { session: worker }), 404, 'not_found');
	assert.deepEqual(auditRows(CHILD.restricted, 'break_glass'), []);
	assert.deepEqual(auditRows(CHILD.restricted, 'break_glass_read'), []);
});

test('only case workers may break glass; a child already in scope needs none', async () => {
	await setup();
	const reason = 'Checking before the strategy meeting';
	for (const role of ['analyst', 'admin', 'lado', 'inspector']) {
		assertError(await req('POST', '/api/break-glass', { session: await as(role), body: { child_id: CHILD.out, reason } }),
			403, 'permission');
	}
	assertError(await req('POST', '/api/break-glass', { session: worker, body: { child_id: CHILD.in, reason } }),
		409, 'in_scope');
	// Read as ever, and audited as an ordinary read.
	assert.equal((await req('GET', `/api/children/${CHILD.in}`, { session: worker })).status, 200);
	assert.equal(auditRows(CHILD.in, 'read').length, 1);
	assert.equal(auditRows(CHILD.in, 'break_glass_read').length, 0);
});
