// The DfE feed's log (/feed and /feed/{rid}, src/web/pages/feed.c). A new postcode for HC1 and
// for restricted HC3 changes both children's payloads; `hearth feed --out` on the test record then
// delivers them (and whatever earlier tests changed), and the log shows that run first with
// the counts the command printed. A run's page names a child and links its record only where
// the viewer may: the head of service sees HC1 linked and HC3 (restricted, no grant) only
// counted; the analyst sees HC1's LA id but no link (it reads no records); the administrator
// (no children at all) sees every child counted, none named. Roles without feed_read get 403.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD, DB, HEARTH, as, page, sql } from './lib.mjs';

const PER_PAGE = 100; // pages/feed.c CHILDREN_PER_PAGE
let run; // { id, new, updated, purged, unchanged, delivered }
let failed; // a send run that failed, as the feed records one (its answer, requests, message)
const la = (id) => sql(`SELECT la_child_id FROM child WHERE id = ${id}`);

// The page of run's children on which child's item stands (items in the order delivered).
function pageOf(child) {
	const at = Number(sql(`SELECT count(*) FROM feed_item WHERE submission_id = ${run.id} AND id <= ` +
		`(SELECT max(id) FROM feed_item WHERE submission_id = ${run.id} AND child_id = ${child})`));
	assert.ok(at > 0, `child ${child} was delivered in run ${run.id}`);
	return Math.ceil(at / PER_PAGE);
}

before(async () => {
	// A postcode is in the payload (a visit is not: tests/cli/feed.sh), so each child is updated.
	for (const [child, postcode] of [[CHILD.in, 'WR1 1FT'], [CHILD.restricted, 'WR3 3FT']]) {
		execFileSync(HEARTH, ['record', DB, 'update', 'child', String(child), '--postcode', postcode, '--reason',
			'moved house'], { encoding: 'utf8' });
	}
	// A failed send as `hearth feed --send` records one (tests/cli/feed.sh makes real ones
	// against a local endpoint): a 500 after four requests, nothing delivered.
	sql(`INSERT INTO feed_submission (started_at, finished_at, mode, target, actor, n_new, n_updated, n_purged, ` +
		`n_unchanged, n_delivered, outcome, http_status, attempts, message) VALUES ('2026-03-30T06:00:00Z', ` +
		`'2026-03-30T06:00:09Z', 'send', 'http://127.0.0.1:9/api', 'cli:feed-test', 3, 2, 1, 7, 0, 'error', 500, 4, ` +
		`'upload refused: HTTP 500 after 3 retries')`);
	failed = Number(sql(`SELECT max(id) FROM feed_submission WHERE actor = 'cli:feed-test'`));
	const dir = mkdtempSync(join(tmpdir(), 'hearth-feed-'));
	try {
		const out = execFileSync(HEARTH, ['feed', DB, '--out', join(dir, 'feed.json')], { encoding: 'utf8' });
		const m = out.match(/submission (\d+) written: (\d+) new, (\d+) updated \(\d+ purge stubs\), (\d+) purged; (\d+) unchanged; (\d+) delivered/);
		assert.ok(m, out);
		const [id, n, u, p, same, delivered] = m.slice(1).map(Number);
		run = { id, new: n, updated: u, purged: p, unchanged: same, delivered };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	assert.ok(run.updated >= 2 && run.delivered === run.new + run.updated + run.purged, JSON.stringify(run));
});

// The cells of one run's row of the log: data-count="name" -> number.
function rowOf(html, id) {
	const m = html.match(new RegExp(`<tr[^>]*data-run="${id}"[^>]*>([\\s\\S]*?)</tr>`));
	assert.ok(m, `run ${id} is listed`);
	const counts = Object.fromEntries([...m[1].matchAll(/data-count="(\w+)">(\d+)</g)].map((c) => [c[1], Number(c[2])]));
	return { html: m[1], counts };
}

test('the log lists the run first with the counts hearth feed printed, and the failed send with its answer', async () => {
	const r = await page('GET', '/feed', { session: await as('head_of_service') });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const first = r.text.match(/data-run="(\d+)"/);
	assert.equal(Number(first[1]), run.id, 'newest first');
	const row = rowOf(r.text, run.id);
	assert.deepEqual(row.counts, { new: run.new, updated: run.updated, purged: run.purged, unchanged: run.unchanged,
		delivered: run.delivered, requests: 0 });
	assert.match(row.html, /data-mode="file">Written to a file/);
	assert.match(row.html, /data-outcome="written"/);
	const bad = rowOf(r.text, failed);
	assert.deepEqual(bad.counts, { new: 3, updated: 2, purged: 1, unchanged: 7, delivered: 0, requests: 4 });
	assert.match(bad.html, /HTTP 500/);
	assert.match(bad.html, /data-outcome="error">Failed/);
	assert.match(bad.html, /upload refused: HTTP 500 after 3 retries/);
	assert.match(r.text, new RegExp(`href="/feed/${run.id}"`));
});

test("a run's page: the head of service sees HC1 linked, restricted HC3 counted and not named", async () => {
	const s = await as('head_of_service');
	const top = await page('GET', `/feed/${run.id}`, { session: s });
	assert.equal(top.status, 200);
	assert.match(top.text, new RegExp(`data-total="${run.delivered}"`));
	assert.match(top.text, new RegExp(`${run.new} new, ${run.updated} updated, ${run.purged} purged, ${run.unchanged} unchanged`));
	const hc1 = await page('GET', `/feed/${run.id}?page=${pageOf(CHILD.in)}`, { session: s });
	assert.match(hc1.text, new RegExp(`<a class="govuk-link" href="/children/${CHILD.in}">${la(CHILD.in)}</a>`));
	const hc3 = await page('GET', `/feed/${run.id}?page=${pageOf(CHILD.restricted)}`, { session: s });
	assert.equal(hc3.status, 200);
	assert.doesNotMatch(hc3.text, new RegExp(`/children/${CHILD.restricted}(?![0-9])`));
	assert.doesNotMatch(hc3.text, new RegExp(`>${la(CHILD.restricted)}<`));
	assert.match(hc3.text, /data-withheld="1"/);
	// Every row of a page is a child, named or withheld: a full page holds PER_PAGE of them.
	const rows = (t) => (t.match(/<tr class="govuk-table__row" data-state=/g) || []).length;
	assert.equal(rows(top.text), Math.min(run.delivered, PER_PAGE));
});

test('the analyst sees LA ids without links; the administrator sees no child named', async () => {
	const p = pageOf(CHILD.in);
	const an = await page('GET', `/feed/${run.id}?page=${p}`, { session: await as('analyst') });
	assert.equal(an.status, 200);
	assert.match(an.text, new RegExp(`>${la(CHILD.in)}<`));
	assert.doesNotMatch(an.text, /href="\/children\/\d+/);
	const adm = await page('GET', `/feed/${run.id}?page=${p}`, { session: await as('admin') });
	assert.equal(adm.status, 200);
	assert.doesNotMatch(adm.text, new RegExp(`>${la(CHILD.in)}<`));
	assert.doesNotMatch(adm.text, /href="\/children\/\d+/);
	assert.equal((adm.text.match(/data-withheld="1"/g) || []).length,
		(adm.text.match(/<tr class="govuk-table__row" data-state=/g) || []).length);
});

test('roles without feed_read are refused; no such run is 404; a bad page is 400', async () => {
	for (const role of ['social_worker', 'team_manager', 'front_door', 'inspector', 'lado']) {
		for (const path of ['/feed', `/feed/${run.id}`]) {
			const r = await page('GET', path, { session: await as(role) });
			assert.equal(r.status, 403, `${role} ${path}`);
		}
	}
	const s = await as('analyst');
	assert.equal((await page('GET', `/feed/${run.id + 1000}`, { session: s })).status, 404);
	assert.equal((await page('GET', '/feed?page=0', { session: s })).status, 400);
});
