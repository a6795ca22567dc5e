// What is due, from the browser (src/web/pages/due.c), tasks and case supervision:
//  - /due's counts per team and per worker, its filters and its pages agree with
//    `hearth due DB --format json`, worked out here from the same record;
//  - each item links to the form that does it, pre-filled; saving that form clears it;
//  - a manager sets a task for a worker, it is on the worker's /due and home page, the
//    worker does it (a visit of the kind it names, or a done date) and it is gone;
//  - a supervision's action is a task; SUP1 on /team counts the supervised case;
//  - bad filters are refused, naming the parameter;
//  - the home page's in-tray (which reads only the children who can hold an item for its
//    worker) lists exactly the items the full scan of /due gives that worker;
//  - a team manager's /due for their team, asked twice and again after a visit is saved,
//    is each time what `hearth due --team` gives for the children in the team's scope (the
//    server keeps casefiles between requests while the record is unchanged: a save must
//    reach the next list).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, CHILD, DB, HEARTH, PASSWORD, WORKER, as, sql, page, dateBoxes, signIn } from './lib.mjs';

const decode = (s) => s.replaceAll('&amp;', '&');

// The worklist as `hearth due` computes it (the whole authority), less the LADO's items,
// which /due (a page about children) leaves to the LADO's own page, and less restricted
// records (a head of service opens only those they are granted, here none).
function cliDue(args = []) {
	const out = execFileSync(HEARTH, ['due', DB, '--as-at', AS_AT, '--format', 'json', ...args],
		{ encoding: 'utf8', env: { ...process.env, HEARTH_TODAY: AS_AT } });
	const doc = JSON.parse(out);
	const restricted = new Set(sql('SELECT id FROM child WHERE restricted = 1').split('\n').filter(Boolean).map(Number));
	return doc.items.filter((i) => !i.lado_reference && !restricted.has(i.child_id));
}

function summary(html) {
	const m = html.match(/data-hearth="due-summary" data-items="(\d+)" data-overdue="(\d+)"/);
	assert.ok(m, 'the page says how many items it lists');
	return { items: Number(m[1]), overdue: Number(m[2]) };
}

function tallies(html, which) {
	const t = html.match(new RegExp(`data-hearth="due-by-${which}"[\\s\\S]*?</table>`));
	assert.ok(t, `a count by ${which}`);
	return [...t[0].matchAll(/data-id="(\d+)" data-items="(\d+)" data-overdue="(\d+)"/g)]
		.map((m) => ({ id: Number(m[1]), items: Number(m[2]), overdue: Number(m[3]) }));
}

const rows = (html) => [...html.matchAll(/<tr class="govuk-table__row" data-rule="([^"]+)" data-subject="(\d+)" data-child="(\d+)"/g)]
	.map((m) => ({ rule: m[1], subject: Number(m[2]), child: Number(m[3]) }));

test('/due for a head of service: counts per team and worker agree with hearth due, and the list is paged', async () => {
	const hos = await as('head_of_service');
	const cli = cliDue();
	const r = await page('GET', '/due', { session: hos });
	assert.equal(r.status, 200);
	const s = summary(r.text);
	assert.equal(s.items, cli.length, 'every item hearth due lists');
	assert.equal(s.overdue, cli.filter((i) => i.status === 'overdue').length);
	assert.ok(cli.length > 50, `the county has more than a page (${cli.length})`);

	// Per worker: hearth due names the worker by staff id; the page by id.
	const staff = new Map(sql('SELECT id, staff_id FROM worker').split('\n').map((l) => l.split('|'))
		.map(([id, s]) => [Number(id), s]));
	const byWorker = new Map();
	for (const i of cli) {
		const k = i.worker || '';
		const c = byWorker.get(k) || { items: 0, overdue: 0 };
		c.items++;
		c.overdue += i.status === 'overdue' ? 1 : 0;
		byWorker.set(k, c);
	}
	const pageWorkers = tallies(r.text, 'worker');
	assert.equal(pageWorkers.reduce((a, w) => a + w.items, 0), cli.length);
	for (const w of pageWorkers) {
		const want = byWorker.get(w.id ? staff.get(w.id) : '');
		assert.deepEqual({ items: w.items, overdue: w.overdue }, want, `worker ${w.id}`);
	}
	// Most overdue first: where the drift is.
	for (let i = 1; i < pageWorkers.length; i++) assert.ok(pageWorkers[i - 1].overdue >= pageWorkers[i].overdue);
	// Per team: each team's workers' items.
	const teamOf = new Map(sql('SELECT id, team_id FROM worker').split('\n').map((l) => l.split('|'))
		.map(([id, t]) => [staff.get(Number(id)), t ? Number(t) : 0]));
	const byTeam = new Map();
	for (const i of cli) {
		const t = i.worker ? teamOf.get(i.worker) : 0;
		byTeam.set(t, (byTeam.get(t) || 0) + 1);
	}
	for (const t of tallies(r.text, 'team')) assert.equal(t.items, byTeam.get(t.id), `team ${t.id}`);

	// Paged, 50 a page, most urgent first, every item once.
	const pages = Math.ceil(cli.length / 50);
	assert.match(r.text, new RegExp(`Page 1 of ${pages}`));
	assert.equal(rows(r.text).length, 50);
	const seen = [];
	for (let p = 1; p <= pages; p++) {
		const pr = await page('GET', `/due?page=${p}`, { session: hos });
		assert.equal(pr.status, 200);
		seen.push(...rows(pr.text));
	}
	assert.equal(seen.length, cli.length);
	const key = (i) => `${i.rule}/${i.subject}/${i.child}`;
	assert.deepEqual(seen.map(key), cli.map((i) => `${i.rule}/${i.subject_id}/${i.child_id}`),
		'the same items in the same order as hearth due');
	const last = await page('GET', `/due?page=${pages}`, { session: hos });
	assert.doesNotMatch(last.text, /rel="next"/);
	assert.match(r.text, /rel="next"/);
});

test('/due filters: team, worker, kind, overdue only, within N working days', async () => {
	const hos = await as('head_of_service');
	const cli = cliDue();
	const staff = new Map(sql('SELECT staff_id, id FROM worker').split('\n').map((l) => l.split('|'))
		.map(([s, id]) => [s, Number(id)]));
	const busiest = [...cli.reduce((m, i) => m.set(i.worker, (m.get(i.worker) || 0) + 1), new Map())]
		.filter(([w]) => w).sort((a, b) => b[1] - a[1])[0];
	const wid = staff.get(busiest[0]);
	let r = await page('GET', `/due?worker=${wid}`, { session: hos });
	assert.equal(summary(r.text).items, busiest[1], 'a worker: their items only');
	assert.match(r.text, new RegExp(`<option value="${wid}" selected>`), 'the form keeps the choice');

	const team = Number(sql(`SELECT team_id FROM worker WHERE id = ${wid}`));
	const teamStaff = new Set(sql(`SELECT staff_id FROM worker WHERE team_id = ${team}`).split('\n'));
	r = await page('GET', `/due?team=${team}`, { session: hos });
	assert.equal(summary(r.text).items, cli.filter((i) => teamStaff.has(i.worker)).length, 'a team');

	r = await page('GET', '/due?overdue=1', { session: hos });
	const overdue = cli.filter((i) => i.status === 'overdue');
	assert.deepEqual(summary(r.text), { items: overdue.length, overdue: overdue.length }, 'overdue only');

	const kind = overdue[0].rule;
	r = await page('GET', `/due?kind=${kind}&overdue=1`, { session: hos });
	const sameKind = (rule) => rule.replace(/_\d+.*$/, '') === kind.replace(/_\d+.*$/, '');
	assert.ok(summary(r.text).items > 0);
	assert.ok(summary(r.text).items <= overdue.filter((i) => sameKind(i.rule)).length, 'one kind of item');
	assert.ok(rows(r.text).every((i) => sameKind(i.rule)), rows(r.text).map((i) => i.rule).join());

	// Within 0 working days: overdue or due today, nothing later.
	r = await page('GET', '/due?within=0', { session: hos });
	assert.equal(summary(r.text).items, cli.filter((i) => i.days_overdue >= 0).length, 'due within 0 working days');
	// Within 20: more than the worklist's own 5, upcoming items included.
	const w20 = summary((await page('GET', '/due?within=20', { session: hos })).text).items;
	assert.ok(w20 >= cli.length, `within 20 (${w20}) holds at least the worklist (${cli.length})`);

	for (const [q, field] of [['within=x', 'within'], ['within=999', 'within'], ['kind=nope', 'kind'],
		['overdue=yes', 'overdue'], ['team=abc', 'team'], ['page=0', 'page'], ['who=them', 'who'], ['sort=x', 'sort']]) {
		const bad = await page('GET', `/due?${q}`, { session: hos });
		assert.equal(bad.status, 400, q);
		assert.match(bad.text, new RegExp(field), `${q} names ${field}`);
	}
});

test('each due item links to the form that does it, pre-filled; saving it clears the item', async () => {
	const sw = await as('social_worker');
	// HC1's referral of 2 March has no assessment yet: the new assessment form, the referral chosen.
	const referral = Number(sql(`SELECT max(id) FROM referral WHERE child_id = ${CHILD.in}`));
	const child = await page('GET', `/children/${CHILD.in}`, { session: sw });
	assert.equal(child.status, 200);
	const link = decode(child.text.match(/data-rule="assessment_45wd" data-subject="(\d+)">[\s\S]*?href="([^"]+)" data-hearth="due-do"/)[2]);
	assert.equal(link, `/children/${CHILD.in}/records/assessment/new?referral_id=${referral}`);
	const form = await page('GET', link, { session: sw });
	assert.equal(form.status, 200);
	assert.match(form.text, new RegExp(`value="${referral}" (checked|selected)`), 'the referral is chosen already');
	// The same link is on /due (due in May: within 60 working days, not yet due soon).
	const due = await page('GET', '/due?within=60', { session: sw });
	assert.ok(decode(due.text).includes(`href="${link}" data-hearth="due-do"`));

	const saved = await page('POST', `/children/${CHILD.in}/records/assessment`, { session: sw, form: {
		referral_id: String(referral), ...dateBoxes('start_date', '2026-03-05'), ...dateBoxes('authorised_date', '2026-03-20') } });
	assert.equal(saved.status, 303, saved.text.slice(0, 800));
	// A social worker's end of an assessment awaits the manager's authorisation (the local
	// setting's default): the item stays until the manager authorises it.
	let after = await page('GET', `/children/${CHILD.in}`, { session: sw });
	assert.match(after.text, /data-rule="assessment_45wd"/, 'awaiting authorisation, the assessment is still open');
	const request = sql(`SELECT max(id) FROM authorisation WHERE child_id = ${CHILD.in} AND point = 'assessment_end' AND state = 'awaiting'`);
	const ok = await page('POST', `/approvals/${request}`, { session: await as('team_manager'), form: { decision: 'authorise' } });
	assert.equal(ok.status, 303, ok.text.slice(0, 800));
	after = await page('GET', `/children/${CHILD.in}`, { session: sw });
	assert.doesNotMatch(after.text, /data-rule="assessment_45wd"/, 'the assessment, authorised, clears the item');

	// A visit due links to the visit form with its kind chosen; a form takes only declared fields.
	const visit = await page('GET', `/children/${CHILD.in}/records/visit/new?kind=cp&seen=yes`, { session: sw });
	assert.match(visit.text, /name="kind" type="radio" value="cp" checked/);
	assert.match(visit.text, /name="seen" type="radio" value="yes" checked/);
	const odd = await page('GET', `/children/${CHILD.in}/records/visit/new?colour=red`, { session: sw });
	assert.equal(odd.status, 400);
	assert.match(odd.text, /colour/);
	assert.equal((await page('GET', `/children/${CHILD.in}/records/visit/new?child_id=1`, { session: sw })).status, 400,
		'not the child: the path names the child');
});

const TASK_SET = '2025-04-01', TASK_DUE = '2025-04-02';
test('a manager sets a task; it is on the worker\'s /due and home page; doing it clears it', async () => {
	const tm = await as('team_manager');
	const sw = await as('social_worker');
	const before = Number(sql('SELECT count(*) FROM task'));
	// The form names the worker and who set it (the manager) already.
	const form = await page('GET', `/children/${CHILD.in}/records/task/new?worker_id=${WORKER.a1}`, { session: tm });
	assert.equal(form.status, 200);
	assert.match(form.text, new RegExp(`name="worker_id"[^>]*value="${WORKER.a1}" checked|<option value="${WORKER.a1}" selected`));
	assert.match(form.text, new RegExp(`name="set_by"[^>]*value="${WORKER.a2}" checked|name="set_by"[\\s\\S]*?<option value="${WORKER.a2}" selected`));
	// Bad input: the error summary, nothing stored.
	const bad = await page('POST', `/children/${CHILD.in}/records/task`, { session: tm, form: {
		worker_id: String(WORKER.a1), ...dateBoxes('set_date', '2026-03-30'), ...dateBoxes('due_date', '2026-03-01') } });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /govuk-error-summary/);
	assert.equal(Number(sql('SELECT count(*) FROM task')), before);

	// Set and due a year ago, so that they are the most overdue of the worker's items: the
	// in-tray shows the ten most urgent, and other files' children (allocated to this worker
	// with their own overdue items) must not push these off it.
	const set = async (what, extra = {}) => {
		const r = await page('POST', `/children/${CHILD.in}/records/task`, { session: tm, form: {
			worker_id: String(WORKER.a1), what, ...dateBoxes('set_date', TASK_SET), ...dateBoxes('due_date', TASK_DUE),
			set_by: String(WORKER.a2), ...extra } });
		assert.equal(r.status, 303, r.text.slice(0, 800));
		return Number(sql(`SELECT max(id) FROM task WHERE what = '${what}'`));
	};
	const call = await set('Ring the school nurse');
	const visitTask = await set('See Hazel at home', { done_by_visit: 'cp' });
	assert.ok(Number(sql(`SELECT count(*) FROM revision WHERE tbl = 'task' AND row_id = ${call}`)) >= 1,
		'revisioned like any record');

	let due = await page('GET', '/due', { session: sw });
	let mine = rows(due.text).filter((i) => i.rule === 'task');
	assert.deepEqual(mine.map((i) => i.subject).sort(), [call, visitTask].sort(), 'both tasks on the worker\'s /due');
	assert.match(due.text, /Task: Ring the school nurse/);
	const home = await page('GET', '/', { session: sw });
	assert.equal(home.status, 200, 'the in-tray holds them');
	assert.match(home.text, /Task: See Hazel at home/);
	// The manager's own /due (tasks are for the worker) does not list them as theirs.
	const tmDue = await page('GET', '/due', { session: tm });
	assert.doesNotMatch(tmDue.text, /Task: Ring the school nurse/);
	assert.match((await page('GET', '/due?who=team', { session: tm })).text, /Task: Ring the school nurse/);

	// The visit task links to the visit form, kind chosen; recording the visit does it.
	const vlink = decode(due.text.match(new RegExp(`data-rule="task" data-subject="${visitTask}"[\\s\\S]*?href="([^"]+)" data-hearth="due-do"`))[1]);
	assert.equal(vlink, `/children/${CHILD.in}/records/visit/new?kind=cp&seen=yes`);
	const v = await page('POST', `/children/${CHILD.in}/records/visit`, { session: sw, form: {
		...dateBoxes('visit_date', AS_AT), kind: 'cp', worker_id: String(WORKER.a1), seen: 'yes', seen_alone: 'yes' } });
	assert.equal(v.status, 303, v.text.slice(0, 800));
	// The other is marked done: a correction setting its done date, with a reason.
	const clink = decode(due.text.match(new RegExp(`data-rule="task" data-subject="${call}"[\\s\\S]*?href="([^"]+)" data-hearth="due-do"`))[1]);
	assert.equal(clink, `/children/${CHILD.in}/records/task/${call}/edit`);
	const done = await page('POST', `/children/${CHILD.in}/records/task/${call}`, { session: sw, form: {
		worker_id: String(WORKER.a1), what: 'Ring the school nurse', ...dateBoxes('set_date', TASK_SET),
		...dateBoxes('due_date', TASK_DUE), ...dateBoxes('done_date', AS_AT), set_by: String(WORKER.a2),
		reason: 'Done: rang the nurse' } });
	assert.equal(done.status, 303, done.text.slice(0, 800));
	due = await page('GET', '/due', { session: sw });
	mine = rows(due.text).filter((i) => i.rule === 'task' && [call, visitTask].includes(i.subject));
	assert.deepEqual(mine, [], 'both gone');
	assert.doesNotMatch(due.text, /Ring the school nurse|See Hazel at home/);
	// hearth due agrees: neither task is listed.
	assert.ok(!cliDue(['--team', 'HTTP Team A']).some((i) => i.rule === 'task' && [call, visitTask].includes(i.subject_id)));
});

test('case supervision: an action is a task for its owner; SUP1 on /team counts the case', async () => {
	const tm = await as('team_manager');
	const team = await page('GET', '/team', { session: tm });
	assert.equal(team.status, 200);
	const sup = (html) => {
		const m = html.match(/data-hearth="team-sup1" data-num="(\d+)" data-den="(\d+)"/);
		assert.ok(m, 'the team page shows SUP1');
		return { num: Number(m[1]), den: Number(m[2]) };
	};
	const was = sup(team.text);
	const s = await page('POST', `/children/${CHILD.in}/records/supervision`, { session: tm, form: {
		...dateBoxes('supervision_date', '2026-03-25'), supervisor_id: String(WORKER.a2), worker_id: String(WORKER.a1),
		reflection: 'Hazel is settled at school', decisions: 'Keep the plan; see her alone' } });
	assert.equal(s.status, 303, s.text.slice(0, 800));
	const sid = Number(sql(`SELECT max(id) FROM supervision WHERE child_id = ${CHILD.in}`));
	const now = sup((await page('GET', '/team', { session: tm })).text);
	assert.equal(now.den, was.den);
	assert.equal(now.num, was.num + 1, 'the supervised case counts');

	const people = await page('GET', `/children/${CHILD.in}/visits`, { session: tm });
	const add = decode(people.text.match(/href="([^"]+)" data-hearth="add-action"/)[1]);
	assert.equal(add, `/children/${CHILD.in}/records/task/new?supervision_id=${sid}`);
	const form = await page('GET', add, { session: tm });
	assert.match(form.text, new RegExp(`name="supervision_id"[^>]*value="${sid}" checked|<option value="${sid}" selected`));
	const a = await page('POST', `/children/${CHILD.in}/records/task`, { session: tm, form: {
		worker_id: String(WORKER.a1), what: 'See Hazel alone', ...dateBoxes('set_date', '2026-03-25'),
		...dateBoxes('due_date', '2026-04-08'), supervision_id: String(sid) } });
	assert.equal(a.status, 303, a.text.slice(0, 800));
	const within = await page('GET', '/due?within=10', { session: await as('social_worker') });
	assert.match(within.text, /Task: See Hazel alone/, 'the action is on its owner\'s /due');

	// /performance shows SUP1 too (at a date of its own: the dashboard caches each date's
	// figures for a minute, and other files check today's against hearth report).
	const perf = await page('GET', '/performance?as_at=2026-03-29', { session: await as('head_of_service') });
	assert.equal(perf.status, 200);
	assert.match(perf.text, /Open cases supervised within the local interval/);
});

// The in-tray's narrower read (src/web/pages/due.c, only_worker: the casefiles of the
// children allocated to the worker or with a task for them) against the full scan of the
// team that /due makes, for the case holders of the demo team with the most children: the
// same count, the same overdue count and the same most urgent items in the same order.
test('the in-tray lists what the full scan of /due gives each worker of the busiest team', async () => {
	const live = `a.voided = 0 AND a.start_date <= '${AS_AT}' AND (a.end_date IS NULL OR a.end_date > '${AS_AT}')`;
	const team = sql(`SELECT w.team_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE ${live}
		AND a.kind = 'sw' GROUP BY w.team_id ORDER BY count(*) DESC, w.team_id LIMIT 1`);
	assert.ok(team, 'the demo county allocates children');
	const teamName = sql(`SELECT name FROM team WHERE id = ${team}`);
	const workers = sql(`SELECT w.id, w.staff_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE ${live}
		AND a.kind = 'sw' AND w.team_id = ${team} GROUP BY w.id ORDER BY count(*) DESC, w.id LIMIT 6`)
		.split('\n').filter(Boolean).map((l) => l.split('|'));
	assert.ok(workers.length >= 2, `several case holders in ${teamName}`);
	let compared = 0;
	for (const [id, staff] of workers) {
		const name = `tray_${staff.toLowerCase()}`;
		execFileSync(HEARTH, ['user', DB, 'add', name, '--role', 'social_worker', '--team', teamName, '--worker', staff],
			{ input: `${PASSWORD}\n`, env: { ...process.env, HEARTH_TODAY: AS_AT } });
		const me = await signIn(name);
		const full = await page('GET', `/due?worker=${id}`, { session: me });
		assert.equal(full.status, 200);
		const want = summary(full.text);
		const home = await page('GET', '/', { session: me });
		if (want.items === 0) {
			assert.doesNotMatch(home.text, /data-hearth="tray-due-summary"/, `${staff}: nothing due, no section`);
			continue;
		}
		assert.equal(home.status, 200, `${staff}: the in-tray holds their items`);
		const m = home.text.match(/data-hearth="tray-due-summary">(\d+) items? (?:is|are) for you, (\d+) overdue/);
		assert.ok(m, `${staff}: the in-tray counts their items`);
		assert.deepEqual({ items: Number(m[1]), overdue: Number(m[2]) }, want, `${staff}: the same counts as /due`);
		const tray = rows(home.text);
		assert.equal(tray.length, Math.min(10, want.items));
		assert.deepEqual(tray, rows(full.text).slice(0, tray.length), `${staff}: the same items, most urgent first`);
		compared += want.items;
	}
	assert.ok(compared > 0, 'some worker of the team has items to compare');
});

test('a team\'s /due equals hearth due for the team, asked again and after a save (kept casefiles follow the record)', async () => {
	const live = `a.voided = 0 AND a.start_date <= '${AS_AT}' AND (a.end_date IS NULL OR a.end_date > '${AS_AT}')`;
	const team = Number(sql(`SELECT w.team_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE ${live}
		AND a.kind = 'sw' GROUP BY w.team_id ORDER BY count(*) DESC, w.team_id LIMIT 1`));
	const teamName = sql(`SELECT name FROM team WHERE id = ${team}`);
	execFileSync(HEARTH, ['user', DB, 'add', 'keep_tm', '--role', 'team_manager', '--team', teamName],
		{ input: `${PASSWORD}\n`, env: { ...process.env, HEARTH_TODAY: AS_AT } });
	const tm = await signIn('keep_tm');
	// The children a team manager sees: a live social worker or PA allocation to one of the
	// team's workers, not restricted (the store's team scope).
	const inScope = () => new Set(sql(`SELECT DISTINCT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id
		JOIN child c ON c.id = a.child_id WHERE ${live} AND a.kind IN ('sw', 'pa') AND w.team_id = ${team}
		AND c.voided = 0 AND c.restricted = 0`).split('\n').filter(Boolean).map(Number));
	const want = () => {
		const scope = inScope();
		return cliDue(['--team', teamName]).filter((i) => scope.has(i.child_id))
			.map((i) => `${i.rule}/${i.subject_id}/${i.child_id}`);
	};
	const list = async () => {
		const first = await page('GET', `/due?team=${team}`, { session: tm });
		assert.equal(first.status, 200);
		const pages = Math.max(1, Math.ceil(summary(first.text).items / 50));
		const seen = rows(first.text);
		for (let p = 2; p <= pages; p++) seen.push(...rows((await page('GET', `/due?team=${team}&page=${p}`, { session: tm })).text));
		return { html: first.text, keys: seen.map((i) => `${i.rule}/${i.subject}/${i.child}`) };
	};
	const before = want();
	assert.ok(before.length > 50, `the team has more than a page of items (${before.length})`);
	const once = await list();
	assert.deepEqual(once.keys, before, 'the same items in the same order as hearth due');
	assert.deepEqual((await list()).keys, before, 'asked again: the same');

	// A visit due on the list, recorded: the next list is hearth due's again, without it.
	const visit = decode(once.html).match(/data-subject="(\d+)" data-child="(\d+)">[\s\S]*?href="\/children\/\d+\/records\/visit\/new\?kind=(\w+)&seen=yes"/);
	assert.ok(visit, 'a visit is due on the first page');
	const [, , child, kind] = visit;
	const gone = once.keys.find((k) => k.endsWith(`/${child}`) && /visit/.test(k));
	const saved = await page('POST', `/children/${child}/records/visit`, { session: tm, form: {
		...dateBoxes('visit_date', AS_AT), kind, seen: 'yes', seen_alone: 'yes', child_said: 'Fine',
		summary: 'Seen at home' } });
	assert.equal(saved.status, 303, saved.text.slice(0, 800));
	const after = want();
	assert.ok(!after.includes(gone), `hearth due no longer lists ${gone}`);
	assert.deepEqual((await list()).keys, after, 'after the save: hearth due\'s list, the visit\'s item gone');
});
