// Inspection readiness over HTTP: the performance dashboard, a measure's drill-down, "What
// inspectors will ask", the Annex A download and the DfE findings list. Who may open them
// (PERM_MEASURES_READ), that the figures are the engine's (the same as `hearth report`),
// that the children behind a figure are only those in the viewer's scope, that a change
// to the record shows at once (the cache is keyed by the record's newest revision), and
// that a child made invalid in tests/cli/http.sh (HC4, CIN census rule 8670Q) is listed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AS_AT, CHILD, DB, HEARTH, URL_BASE, as, req, sql, validVisit } from './lib.mjs';

// A page request that does not follow redirects; the body as text, or as bytes.
// Every child id listed is one the viewer may open: the team's own (HC1 and the restricted
// HC3, and any child another test file made in HTTP Team A), never one outside the team. The
// API answers 404 for a child outside the viewer's scope.
async function assertInScope(ids, session) {
	for (const id of new Set(ids)) {
		const r = await req('GET', `/api/children/${id}`, { session });
		assert.equal(r.status, 200, `child ${id} is outside the team`);
	}
}

async function page(path, { session, bytes = false } = {}) {
	const headers = session ? { Cookie: session.cookie } : {};
	const res = await fetch(URL_BASE + path, { headers, redirect: 'manual' });
	const body = bytes ? Buffer.from(await res.arrayBuffer()) : await res.text();
	return { status: res.status, headers: res.headers, text: bytes ? '' : body, bytes: bytes ? body : null };
}

// The collection year AS_AT falls in (1 April to 31 March).
const [y, m] = AS_AT.split('-').map(Number);
const YEAR = m >= 4 ? y + 1 : y;

// The ids of the children a page links to.
const linked = (html) => [...html.matchAll(/href="\/children\/(\d+)"/g)].map((x) => Number(x[1]));
// The subject rows of a drill-down list (children, workers or allegations).
const subjects = (html) => [...html.matchAll(/<tr class="govuk-table__row" data-subject="(\d+)">/g)].map((x) => Number(x[1]));
const count = (html, what) => Number((html.match(new RegExp(`data-hearth="${what}" data-count="(\\d+)"`)) || [0, 0])[1]);

const routes = ['/performance', `/performance/VOI1.visits?as_at=${AS_AT}`, '/inspection', '/findings',
	'/annex-a.xlsx'];

test('the inspection-readiness pages open for analysts, heads of service and team managers, not social workers',
	async () => {
		for (const path of routes) {
			for (const role of ['analyst', 'head_of_service', 'team_manager']) {
				const r = await page(path, { session: await as(role), bytes: path.endsWith('.xlsx') });
				// Annex A lists every child in the authority: only for roles that see every child.
				const want = path.endsWith('.xlsx') && role === 'team_manager' ? 403 : 200;
				assert.equal(r.status, want, `${role} ${path}: ${r.text.slice(0, 300)}`);
			}
			const sw = await page(path, { session: await as('social_worker') });
			assert.equal(sw.status, 403, `social_worker ${path}`);
			assert.match(sw.headers.get('content-type'), /^text\/html/);
			assert.match(sw.text, /You cannot do this/, 'a refusal is a page');
			const anon = await page(path);
			assert.equal(anon.status, 303, `signed out ${path}`);
		}
	});

test('the dashboard shows every measure part with the figures `hearth report` gives, each with a trend', async () => {
	const r = await page(`/performance?as_at=${AS_AT}`, { session: await as('analyst') });
	assert.equal(r.status, 200);
	const report = JSON.parse(execFileSync(HEARTH, ['report', DB, 'measures', '--as-at', AS_AT, '--format', 'json'],
		{ encoding: 'utf8', maxBuffer: 64 << 20 }));
	const shown = new Map([...r.text.matchAll(/<tr class="govuk-table__row" data-measure="([^"]+)">[\s\S]*?data-hearth="numerator">([^<]*)<\/td>[\s\S]*?data-hearth="denominator">([^<]*)<\/td>/g)]
		.map((x) => [x[1], { num: x[2], den: x[3] }]));
	const text = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
	assert.equal(shown.size, report.measures.length, 'one row per part');
	for (const mp of report.measures) {
		const row = shown.get(mp.id);
		assert.ok(row, `${mp.id} is on the dashboard`);
		assert.equal(row.num, text(mp.numerator), `${mp.id} numerator`);
		if (mp.kind !== 'count') assert.equal(row.den, text(mp.denominator), `${mp.id} denominator`);
		assert.match(r.text, new RegExp(`href="/performance/${mp.id.replace('.', '\\.')}\\?as_at=${AS_AT}"`),
			`${mp.id} links to its drill-down`);
	}
	// A line chart per part, each with a title; the same months as figures; Annex A.
	assert.equal((r.text.match(/<svg class="hearth-chart hearth-spark" role="img"[^>]*><title id="spark-\d+">[^<]+<\/title>/g) || []).length,
		report.measures.length);
	assert.equal((r.text.match(/data-hearth="trend-figures"/g) || []).length, 4, 'one table of figures per judgement');
	assert.match(r.text, new RegExp(`href="/annex-a.xlsx\\?as_at=${AS_AT}"`));
	assert.doesNotMatch(r.text, /<script>|<style>| on[a-z]+=/i);
});

test("a measure's drill-down: definition, trend, breakdowns, and only the children in the viewer's scope", async () => {
	const path = `/performance/VOI1.visits?as_at=${AS_AT}&list=denominator`;
	// The team manager of HTTP Team A: HC1 (seen on 3 March, allocated to the team) is behind
	// the figure; every child listed is one of the team's; the rest are counted, not shown.
	const tmSession = await as('team_manager');
	const tm = await page(path, { session: tmSession });
	assert.equal(tm.status, 200);
	assert.match(tm.text, /data-measure="VOI1.visits"/);
	assert.match(tm.text, /<svg class="hearth-chart hearth-trend" role="img"[^>]*><title id="trend-title">/);
	assert.equal((tm.text.match(/<circle class="point"[^>]*><title>/g) || []).length, 13, 'a point per month');
	assert.match(tm.text, /data-hearth="by-team"/);
	assert.match(tm.text, /data-hearth="by-worker"/);
	const rows = subjects(tm.text);
	assert.ok(rows.includes(CHILD.in), 'HC1 is listed');
	await assertInScope(rows, tmSession);
	assert.deepEqual(linked(tm.text).sort(), rows.slice().sort(), 'each listed child links to the record');
	assert.equal(rows.length + count(tm.text, 'not-shown'), count(tm.text, 'list-count'),
		'every child behind the figure is either shown or counted as not shown');

	// A head of service sees every child but the restricted ones (the first 1000 of them, the
	// county's list being longer), each linked; an analyst sees them without links (an analyst
	// may list children, not read their records).
	const hos = await page(path, { session: await as('head_of_service') });
	const hosRows = subjects(hos.text);
	assert.equal(hosRows.length, Math.min(1000, count(hos.text, 'list-count') - count(hos.text, 'not-shown')));
	assert.ok(hosRows.length >= rows.length - 1, 'no fewer than the team manager (but HC3, restricted)');
	assert.deepEqual(linked(hos.text).sort(), hosRows.slice().sort());
	const an = await page(path, { session: await as('analyst') });
	assert.deepEqual(subjects(an.text), hosRows, 'the same children as a head of service');
	assert.deepEqual(linked(an.text), [], 'no links to records for an analyst');
	if (hosRows.includes(CHILD.in)) assert.match(an.text, /Hazel Quenby/);

	// The numerator list, and a measure with parts opens at its first part.
	const num = await page(`/performance/VOI1.visits?as_at=${AS_AT}&list=numerator`, { session: await as('team_manager') });
	assert.equal(num.status, 200);
	assert.match(num.text, /data-list="numerator"/);
	const whole = await page(`/performance/CL1?as_at=${AS_AT}`, { session: await as('analyst') });
	assert.equal(whole.status, 303);
	assert.equal(whole.headers.get('location'), `/performance/CL1.in_touch?as_at=${AS_AT}`);
});

test('an unknown measure is a 404 page; bad parameters are refused', async () => {
	const s = await as('analyst');
	for (const name of ['NOPE', 'CL1.nope', 'cla1']) {
		const r = await page(`/performance/${name}`, { session: s });
		assert.equal(r.status, 404, name);
		assert.match(r.text, /Page not found/);
	}
	for (const path of ['/performance?as_at=2026-02-30', '/performance/CLA1?list=everyone', '/inspection?as_at=soon',
		'/findings?return=annex-a', `/findings?year=1999`, '/findings?limit=0', '/performance?who=me']) {
		const r = await page(path, { session: s });
		assert.equal(r.status, 400, path);
		assert.match(r.text, /^<!DOCTYPE html>/);
	}
});

test('after a change the measures say when they were computed, and are at most a minute behind', async () => {
	const path = `/performance/VOI1.visits?as_at=${AS_AT}`;
	const s = await as('analyst');
	const figure = (html) => [html.match(/data-hearth="numerator">(\d+)</)[1], html.match(/data-hearth="denominator">(\d+)</)[1]].map(Number);
	const first = await page(path, { session: s });
	assert.match(first.text, /data-hearth="computed">Figures worked out at \d\d:\d\d:\d\d/);
	const [num, den] = figure(first.text);
	const v = await req('POST', `/api/children/${CHILD.in}/visits`, { session: await as('social_worker'),
		body: validVisit() });
	assert.equal(v.status, 201, v.text);
	// A visit with the child seen and their words recorded: counted once the figures are
	// worked out again (at once when they are more than a minute old).
	const after = figure((await page(path, { session: s })).text);
	assert.ok([num, num + 1].includes(after[0]) && after[1] - den === after[0] - num, `${[num, den]} then ${after}`);
});

test('What inspectors will ask: the four judgements, a question and a figure for each part, the history', async () => {
	const r = await page(`/inspection?as_at=${AS_AT}`, { session: await as('head_of_service') });
	assert.equal(r.status, 200);
	for (const j of ['leaders', 'help_protection', 'in_care', 'care_leavers']) {
		assert.match(r.text, new RegExp(`data-judgement="${j}"`));
	}
	const parts = r.text.match(/<tr class="govuk-table__row" data-measure="[^"]+"><td class="govuk-table__cell">[^<]+\?<br>/g) || [];
	const report = JSON.parse(execFileSync(HEARTH, ['report', 'catalogue', '--format', 'json'], { encoding: 'utf8' }));
	const n = report.measures.reduce((k, mm) => k + mm.parts.length, 0);
	assert.equal(parts.length, n, 'a question for every part');
	assert.equal((r.text.match(/data-hearth="last-grade"/g) || []).length, 4);
	const inspections = Number(sql(`SELECT count(*) FROM inspection WHERE voided = 0 AND start_date <= '${AS_AT}'`));
	assert.equal((r.text.match(/data-inspection="\d+"/g) || []).length, inspections);
});

test('Annex A downloads as an xlsx workbook, audited', async () => {
	const s = await as('analyst');
	const before = Number(sql("SELECT count(*) FROM audit WHERE section = 'annex a' AND action = 'read'"));
	const r = await page(`/annex-a.xlsx?as_at=${AS_AT}`, { session: s, bytes: true });
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	assert.equal(r.headers.get('content-disposition'), `attachment; filename="annex-a-${AS_AT}.xlsx"`);
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.equal(r.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
	assert.equal(Number(r.headers.get('content-length')), r.bytes.length);
	assert.ok(r.bytes.includes(Buffer.from('xl/worksheets/sheet11.xml')), 'eleven sheets');
	assert.equal(Number(sql("SELECT count(*) FROM audit WHERE section = 'annex a' AND action = 'read'")), before + 1);
});

test('the findings page lists the DfE finding of a child made invalid, within the viewer\'s scope', async () => {
	const hc4 = Number(sql("SELECT id FROM child WHERE la_child_id = 'HC4'"));
	assert.ok(hc4 > 0, 'the fixture child HC4');
	const base = `/findings?return=cin-census&year=${YEAR}`;
	const an = await as('analyst');
	const first = await page(base, { session: an });
	assert.equal(first.status, 200);
	const rule = first.text.match(/data-rule="8670Q" data-count="(\d+)"[\s\S]*?href="(\/findings\?[^"#]+)#rule-8670Q"/);
	assert.ok(rule, '8670Q is counted, with a link to its findings');
	// From where the rule's findings begin, page until HC4's (children come in id order, and
	// HC4 was made after the county).
	let path = rule[2].replace(/&amp;/g, '&').replace(/limit=\d+/, 'limit=500');
	let found = null;
	for (let i = 0; i < 20 && path && !found; i++) {
		const r = await page(path, { session: an });
		assert.equal(r.status, 200, path);
		found = r.text.match(new RegExp(`<tr class="govuk-table__row" data-rule="([^"]+)" data-child="${hc4}">([\\s\\S]*?)</tr>`));
		const next = r.text.match(/href="(\/findings\?[^"]+)#list" rel="next"/);
		path = next ? next[1].replace(/&amp;/g, '&') : null;
	}
	assert.ok(found, "HC4's finding is listed");
	assert.equal(found[1], '8670Q');
	assert.match(found[2], /HC4/);
	assert.match(found[2], /Fenna Rulebreak/);

	// The team manager of HTTP Team A: HC4 is in no team, so it is counted but not shown; every
	// child listed is one of the team's.
	const tmSession = await as('team_manager');
	const tm = await page(`${base}&limit=500`, { session: tmSession });
	assert.equal(tm.status, 200);
	assert.match(tm.text, /data-rule="8670Q"/, 'the counts are the whole return\'s');
	const children = [...tm.text.matchAll(/data-child="(\d+)"/g)].map((x) => Number(x[1]));
	assert.ok(!children.includes(hc4));
	await assertInScope(children.filter((id) => id !== 0), tmSession);
	assert.ok(count(tm.text, 'not-shown') > 0, 'the children not shown are counted');

	// The SSDA903 return answers too (its reader takes its own snapshot).
	const ssda = await page(`/findings?return=ssda903&year=${YEAR}&limit=1`, { session: an });
	assert.equal(ssda.status, 200);

	// A change shows at once: a second open assessment for HC4 (rule 8896), recorded from the
	// shell, is on the page the next time it is asked for.
	const rows8896 = (html) => (html.match(new RegExp(`data-rule="8896" data-child="${hc4}"`, 'g')) || []).length;
	const all = async () => {
		let text = '';
		for (let next = `${base}&limit=500`; next;) {
			const r = await page(next, { session: an });
			assert.equal(r.status, 200, next);
			text += r.text;
			const m = r.text.match(/href="(\/findings\?[^"]+)#list" rel="next"/);
			next = m ? m[1].replace(/&amp;/g, '&') : null;
		}
		return text;
	};
	assert.equal(rows8896(await all()), 0);
	const referral = sql(`SELECT max(r.id) FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'HC4'`);
	execFileSync(HEARTH, ['record', DB, 'assessment', '--child', 'HC4', '--referral', referral, '--start-date',
		'2025-11-05'], { encoding: 'utf8' });
	assert.equal(rows8896(await all()), 1);
});
