// A child's record on pages of its own: the overview and each part answer each role as the
// role table says, are audited one row per read and are not found out of scope; the
// chronology's filters (kind, from, to) and pages give exactly the events `hearth child
// show --format json` lists for that child, newest first; every event links to its record;
// the overview no longer holds the chronology and is much shorter than the record.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BACKEND, CHILD, DB, HEARTH, ROLES, URL_BASE, as, sql } from './lib.mjs';

async function page(path, session) {
	const res = await fetch(URL_BASE + path, { headers: session ? { Cookie: session.cookie } : {}, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

const PARTS = ['', '/chronology', '/visits', '/plans', '/care', '/education', '/health', '/leaving-care', '/people',
	'/history'];
// The roles that may read a child's record (PERM_CHILD_READ in src/model/roles.c).
const READERS = ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door', 'head_of_service',
	'inspector'];

// The unrestricted child with the most visits: a long record (in the demo county, a
// hundred events and more), which a head of service may read.
const BIG = Number(sql('SELECT v.child_id FROM visit v JOIN child c ON c.id = v.child_id WHERE c.restricted = 0 ' +
	'AND c.voided = 0 AND v.voided = 0 GROUP BY v.child_id ORDER BY count(*) DESC, v.child_id LIMIT 1'));

// The child's chronology as the command line gives it, newest first: "record:id:date".
function expected() {
	const out = execFileSync(HEARTH, ['child', DB, 'show', String(BIG), '--format', 'json'], { encoding: 'utf8' });
	const events = JSON.parse(out).chronology.map((e) => ({ key: `${e.record}:${e.id}:${e.date}`, ...e }));
	return events.reverse();
}

// The events a chronology page lists, in order.
const listed = (html) => [...html.matchAll(/<li [^>]*data-record="(\w+)" data-id="(\d+)" data-date="([\d-]+)"/g)]
	.map((m) => `${m[1]}:${m[2]}:${m[3]}`);

const routeOf = (part) => `GET /children/{id}${part}`;
const reads = (child, part) => Number(sql(`SELECT count(*) FROM audit WHERE child_id = ${child} AND action = 'read' ` +
	`AND route = '${routeOf(part)}'`));

test("each part of a child's record answers each role as the role table says", async () => {
	for (const part of PARTS) {
		for (const role of ROLES) {
			const r = await page(`/children/${CHILD.in}${part}`, await as(role));
			assert.equal(r.status, READERS.includes(role) ? 200 : 403, `${part || '/'} as ${role}: ${r.text.slice(0, 200)}`);
			assert.match(r.text, /^<!DOCTYPE html>/);
		}
	}
});

test('each part read is audited (one row per read); out of scope it is not found, and audited as denied', async () => {
	const s = await as('social_worker');
	for (const part of PARTS) {
		const before = reads(CHILD.in, part);
		const r = await page(`/children/${CHILD.in}${part}`, s);
		assert.equal(r.status, 200, part);
		assert.match(r.text, /data-hearth="parts"/, `${part}: the parts' navigation`);
		assert.match(r.text, new RegExp(`href="/children/${CHILD.in}${part}" aria-current="page"`), `${part} is marked`);
		assert.equal(reads(CHILD.in, part), before + 1, `${part}: one audit row`);
		const out = await page(`/children/${CHILD.out}${part}`, s);
		assert.equal(out.status, 404, `${part}: another team's child`);
		assert.match(out.text, /Page not found/);
		assert.doesNotMatch(out.text, /Quenby/);
		assert.equal(sql(`SELECT action FROM audit WHERE child_id = ${CHILD.out} ORDER BY id DESC LIMIT 1`), 'denied');
		assert.equal((await page(`/children/${CHILD.none}${part}`, s)).status, 404);
	}
});

test('the chronology lists every event newest first, fifty a page, as the command line does', async () => {
	const s = await as('head_of_service');
	const want = expected();
	assert.ok(want.length > 100, `child ${BIG} has a long record (${want.length} events): is the demo county there?`);
	const got = [];
	const pages = Math.ceil(want.length / 50);
	for (let p = 1; p <= pages; p++) {
		const r = await page(`/children/${BIG}/chronology?page=${p}`, s);
		assert.equal(r.status, 200);
		const these = listed(r.text);
		assert.equal(these.length, p < pages ? 50 : want.length - 50 * (pages - 1), `page ${p}`);
		assert.match(r.text, new RegExp(`Events ${50 * (p - 1) + 1} to ${50 * (p - 1) + these.length} of ${want.length}`));
		assert.match(r.text, /class="govuk-pagination"/);
		if (p < pages) assert.match(r.text, new RegExp(`href="/children/${BIG}/chronology\\?page=${p + 1}" rel="next"`));
		got.push(...these);
	}
	assert.deepEqual(got, want.map((e) => e.key));
	const beyond = await page(`/children/${BIG}/chronology?page=${pages + 1}`, s);
	assert.equal(beyond.status, 200);
	assert.deepEqual(listed(beyond.text), []);
	for (const bad of ['0', '-1', 'two', '1.5']) {
		assert.equal((await page(`/children/${BIG}/chronology?page=${bad}`, s)).status, 400, `page=${bad}`);
	}
});

test("the chronology's filters: one kind, a date range (typed either way), and both, paged alike", async () => {
	const s = await as('head_of_service');
	const want = expected();
	// Every page of a filtered chronology, joined.
	async function all(query) {
		const out = [];
		for (let p = 1; ; p++) {
			const r = await page(`/children/${BIG}/chronology?${query}&page=${p}`, s);
			assert.equal(r.status, 200, `${query}: ${r.text.slice(0, 200)}`);
			const these = listed(r.text);
			out.push(...these);
			if (these.length < 50) return out;
		}
	}
	const visits = want.filter((e) => e.record === 'visit').map((e) => e.key);
	assert.ok(visits.length > 50, 'more than one page of visits');
	assert.deepEqual(await all('kind=visit'), visits);
	assert.deepEqual(await all('kind=child'), want.filter((e) => e.record === 'child').map((e) => e.key));
	// A range from the middle of the record: from a third of the way back to two thirds.
	const from = want[Math.floor((want.length * 2) / 3)].date, to = want[Math.floor(want.length / 3)].date;
	const inRange = (e) => e.date >= from && e.date <= to;
	const range = want.filter(inRange).map((e) => e.key);
	assert.ok(range.length > 0 && range.length < want.length);
	assert.deepEqual(await all(`from=${from}&to=${to}`), range);
	const [y, m, d] = to.split('-').map(Number);
	assert.deepEqual(await all(`from=${from}&to=${encodeURIComponent(`${d}/${m}/${y}`)}`), range, 'to typed as d/m/yyyy');
	assert.deepEqual(await all(`kind=visit&from=${from}`), want.filter((e) => e.record === 'visit' && e.date >= from)
		.map((e) => e.key));
	// A filtered page's links keep the filter.
	const first = await page(`/children/${BIG}/chronology?kind=visit`, s);
	assert.match(first.text, new RegExp(`href="/children/${BIG}/chronology\\?kind=visit&amp;page=2" rel="next"`));
	// Bad filters: the form again with the error beside its field, and no events.
	for (const [query, words] of [['from=31%2F2%2F2025', /From must be a real date/], ['to=soon', /To must be a real date/],
		[`from=${to}&to=${from}`, /To must be the same as or after From/], ['kind=team', /Show must be a kind of record/]]) {
		const r = await page(`/children/${BIG}/chronology?${query}`, s);
		assert.equal(r.status, 400, query);
		assert.match(r.text, /govuk-error-summary/);
		assert.match(r.text, words);
		assert.deepEqual(listed(r.text), []);
	}
});

test('every event links to its record: its row on its part page, and its history', async () => {
	const s = await as('head_of_service');
	const r = await page(`/children/${BIG}/chronology?kind=visit`, s);
	const m = r.text.match(/data-record="visit" data-id="(\d+)"[^>]*><strong>[^<]*<\/strong> <a class="govuk-link" href="([^"]+)">/);
	assert.ok(m, 'a visit links to its row');
	assert.equal(m[2], `/children/${BIG}/visits#visit-${m[1]}`);
	assert.ok(r.text.includes(`href="/children/${BIG}/records/visit/${m[1]}/history"`), 'and to its history');
	const part = await page(`/children/${BIG}/visits`, s);
	assert.equal(part.status, 200);
	assert.ok(part.text.includes(`<tr class="govuk-table__row" id="visit-${m[1]}">`), 'the row is on the visits page');
	assert.doesNotMatch(part.text, /data-hearth="chronology"/);
});

// Table rows and list items: how long a page is, counted rather than measured.
const rows = (html) => (html.match(/<tr[ >]/g) || []).length + (html.match(/<li[ >]/g) || []).length;

test('the overview is the summary, what is due and data quality: no chronology, a fraction of the record', async () => {
	const s = await as('head_of_service');
	const overview = await page(`/children/${BIG}`, s);
	assert.equal(overview.status, 200);
	for (const part of ['summary', 'overdue', 'parts']) assert.match(overview.text, new RegExp(`data-hearth="${part}"`));
	assert.match(overview.text, /id="due"/);
	assert.match(overview.text, /id="findings"/);
	assert.doesNotMatch(overview.text, /data-hearth="chronology"/, 'the chronology is on its own page');
	assert.doesNotMatch(overview.text, /data-hearth="visit"/, 'the visits are on their own page');
	let whole = 0;
	for (const part of PARTS.slice(2, 9)) whole += rows((await page(`/children/${BIG}${part}`, s)).text);
	whole += expected().length;
	assert.ok(rows(overview.text) * 5 < whole, `the overview's ${rows(overview.text)} rows against the record's ${whole}`);
	// The old address of a filtered chronology leads to the chronology.
	const old = await page(`/children/${BIG}?kind=visit`, s);
	assert.equal(old.status, 303);
	assert.equal(old.headers.get('location'), `/children/${BIG}/chronology?kind=visit`);
});

test("the history lists every change to the child's records, retractions too, newest first", async () => {
	const s = await as('head_of_service');
	const tables = sql(BACKEND === 'pg'
		? "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'child_id' AND table_name NOT IN ('audit', 'access_grant') ORDER BY 1"
		: "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'child_id' AND m.name NOT IN ('audit', 'access_grant') ORDER BY 1")
		.split('\n').filter(Boolean);
	const arms = [`SELECT id FROM revision WHERE tbl = 'child' AND row_id = ${BIG}`, ...tables.map((t) =>
		`SELECT r.id FROM revision r JOIN "${t}" t ON t.id = r.row_id WHERE r.tbl = '${t}' AND t.child_id = ${BIG}`)];
	const ids = sql(`SELECT id FROM (${arms.join(' UNION ALL ')}) x ORDER BY id DESC`).split('\n').map(Number);
	assert.ok(ids.length > 50, `${ids.length} changes`);
	const r1 = await page(`/children/${BIG}/history`, s);
	assert.equal(r1.status, 200);
	assert.match(r1.text, new RegExp(`Changes 1 to 50 of ${ids.length}, newest first`));
	const shown = (html) => [...html.matchAll(/data-revision="(\d+)"/g)].map((m) => Number(m[1]));
	assert.deepEqual(shown(r1.text), ids.slice(0, 50));
	const r2 = await page(`/children/${BIG}/history?page=2`, s);
	assert.deepEqual(shown(r2.text), ids.slice(50, 100));
	assert.equal((await page(`/children/${BIG}/history?page=x`, s)).status, 400);
});

test('what may be recorded: one link per kind of record a child has, for those who may record', async () => {
	const r = await page(`/children/${CHILD.in}/records/new`, await as('social_worker'));
	assert.equal(r.status, 200);
	const kinds = [...r.text.matchAll(/href="\/children\/\d+\/records\/(\w+)\/new"/g)].map((m) => m[1]);
	for (const k of ['visit', 'note', 'referral', 'cla_episode', 'pathway_plan', 'relationship']) assert.ok(kinds.includes(k), k);
	for (const k of ['team', 'worker', 'worker_absence', 'setting', 'inspection', 'child']) assert.ok(!kinds.includes(k), k);
	assert.equal((await page(`/children/${CHILD.in}/records/new`, await as('inspector'))).status, 403);
	assert.equal((await page(`/children/${CHILD.out}/records/new`, await as('social_worker'))).status, 404);
	const overview = await page(`/children/${CHILD.in}`, await as('social_worker'));
	assert.ok(overview.text.includes(`href="/children/${CHILD.in}/records/new"`), 'the overview offers it');
	assert.doesNotMatch((await page(`/children/${CHILD.in}`, await as('inspector'))).text, /records\/new/);
});
