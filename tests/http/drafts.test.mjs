// Nothing typed is ever lost: forms in progress kept as drafts on the server, per person
// and form (src/web/pages/drafts.c). A draft saved by POST /drafts refills the form, is
// listed on its person's home page and nobody else's, and goes when the form is saved; it
// is not the record (no chronology, visit list or due list sees it); bad drafts are
// refused with a clear 4xx and nothing stored; and sign-in returns a person only to a page
// of this server.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHILD, PASSWORD, ROLES, URL_BASE, as, fingerprint, req, signIn, sql } from './lib.mjs';

const C = CHILD.in;
const FORM = `/children/${C}/visits/new`;

// A page request: never follows redirects (a 303 is part of what is tested).
async function page(method, path, { session, form, headers = {} } = {}) {
	const h = { ...headers };
	if (session) h.Cookie = session.cookie;
	let body;
	if (form) {
		body = new URLSearchParams(form).toString();
		h['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const res = await fetch(URL_BASE + path, { method, headers: h, body, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

const typed = { 'visit_date-day': '3', 'visit_date-month': '', 'visit_date-year': '2026', kind: 'cin', seen: 'yes',
	child_said: 'I miss my <b>dog</b> & my cat\nand my nan' };

function draftForm(session, extra = {}) {
	return { csrf_token: session.csrf, draft_path: FORM, draft_title: 'Record a visit', ...typed, ...extra };
}

const draftsOf = (user) => Number(sql(`SELECT count(*) FROM draft WHERE user_id = ${user.id}`));

test('a draft saved by POST /drafts refills the visit form and is listed on its own home page only', async () => {
	const s = await signIn('test_social_worker');
	const saved = await page('POST', '/drafts', { session: s, form: draftForm(s) });
	assert.equal(saved.status, 303, saved.text.slice(0, 300));
	assert.equal(saved.headers.get('location'), FORM, 'the Save draft button returns to the form');
	assert.equal(draftsOf(s.user), 1);
	// The autosave's answer is JSON, and saving again replaces the one draft.
	const auto = await page('POST', '/drafts', { session: s, form: draftForm(s, { draft_autosave: '1' }) });
	assert.equal(auto.status, 200, auto.text.slice(0, 300));
	const answer = JSON.parse(auto.text);
	assert.equal(answer.path, FORM);
	assert.match(answer.saved_text, /^\d{1,2} [A-Z][a-z]{2} \d{4} at \d\d:\d\d$/);
	assert.equal(draftsOf(s.user), 1);
	// Audited as a draft save of this child's form, without what was typed.
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action = 'draft_save' AND actor = 'user:${s.user.id}' ` +
		`AND child_id = ${C} AND route = 'POST /drafts'`)) >= 2);
	assert.equal(sql("SELECT count(*) FROM audit WHERE section LIKE '%dog%' OR route LIKE '%dog%'"), '0');

	const form = await page('GET', FORM, { session: s });
	assert.equal(form.status, 200);
	assert.match(form.text, /data-hearth="draft-restored"[\s\S]*Restored your draft from \d{1,2} [A-Z][a-z]{2} \d{4}/);
	assert.match(form.text, /action="\/drafts\/discard"[\s\S]*Discard draft/);
	assert.match(form.text, />I miss my &lt;b&gt;dog&lt;\/b&gt; &amp; my cat\nand my nan<\/textarea>/,
		'the words as typed, escaped');
	assert.match(form.text, /name="visit_date-day" type="text" inputmode="numeric" value="3"/);
	assert.match(form.text, /name="visit_date-month" type="text" inputmode="numeric" value=""/,
		'a half-typed date comes back half typed, not as today');
	assert.match(form.text, /name="visit_date-year" type="text" inputmode="numeric" value="2026"/);
	assert.match(form.text, /name="kind" type="radio" value="cin" checked/);
	assert.match(form.text, /name="seen" type="radio" value="yes" checked/);
	assert.doesNotMatch(form.text, /govuk-error-summary/, 'a restored draft is not judged until it is saved');
	assert.match(form.text, /name="draft_path" value="\/children\/\d+\/visits\/new"[\s\S]*formaction="\/drafts"/);

	const home = await page('GET', '/', { session: s });
	assert.equal(home.status, 200, 'a person with drafts stops at the home page');
	assert.match(home.text, /Your drafts/);
	const list = home.text.slice(home.text.indexOf('data-hearth="drafts"'));
	assert.match(list, new RegExp(`<a class="govuk-link" href="${FORM}">Record a visit</a>`));
	assert.match(list, /Hazel Quenby \(HC1\)/);
	assert.match(home.text, /href="\/caseload">Go to your caseload/);

	// Another person with the child in scope sees none of it.
	const m = await signIn('test_team_manager');
	const theirs = await page('GET', FORM, { session: m });
	assert.equal(theirs.status, 200);
	assert.doesNotMatch(theirs.text, /Restored your draft|miss my/);
	const theirHome = await page('GET', '/', { session: m });
	// No drafts of theirs: straight on to where their work starts, or (when other test files
	// have left approvals or tasks in their in-tray) the in-tray without a drafts list.
	assert.ok([200, 303].includes(theirHome.status), `their home page: ${theirHome.status}`);
	if (theirHome.status === 200) assert.doesNotMatch(theirHome.text, /data-hearth="drafts"|Your drafts/);
	// Nor can they discard it: discarding names the path, and the path is only theirs.
	await page('POST', '/drafts/discard', { session: m, form: { csrf_token: m.csrf, draft_path: FORM, return: '/' } });
	assert.equal(draftsOf(s.user), 1);

	// Saving the form saves the record and deletes the draft.
	const post = await page('POST', `/children/${C}/visits`, { session: s, form: { csrf_token: s.csrf,
		draft_path: FORM, draft_title: 'Record a visit', ...typed, 'visit_date-month': '3', seen_alone: 'no' } });
	assert.equal(post.status, 303, post.text.slice(0, 500));
	assert.equal(draftsOf(s.user), 0);
	assert.equal(sql(`SELECT count(*) FROM visit WHERE child_id = ${C} AND child_said LIKE 'I miss my <b>dog</b>%'`), '1');
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action = 'draft_discard' AND actor = 'user:${s.user.id}'`))
		>= 1);
	const again = await page('GET', FORM, { session: s });
	assert.doesNotMatch(again.text, /Restored your draft|miss my/);
	// No draft is left to list: the home page goes straight on, or (with other work in the
	// in-tray, such as the items the clock has due) shows that work and no drafts.
	const after = await page('GET', '/', { session: s });
	assert.ok(after.status === 303 || (after.status === 200 && !/Your drafts/.test(after.text)), after.text.slice(0, 300));
});

test('a draft is not the record: the chronology, visits and due list do not change', async () => {
	const s = await signIn('test_social_worker');
	const reads = async () => Promise.all([`/api/children/${C}/chronology?limit=500`, `/api/children/${C}/visits`,
		`/api/children/${C}/due`, `/api/children/${C}`].map(async (p) => {
		const r = await req('GET', p, { session: s });
		assert.equal(r.status, 200, `${p}: ${r.text}`);
		return r.text;
	}));
	const pageChronology = async () => {
		const r = await page('GET', `/children/${C}`, { session: s });
		assert.equal(r.status, 200);
		return r.text.slice(r.text.indexOf('data-hearth="chronology"'), r.text.indexOf('</ol>'));
	};
	const before = await reads();
	const beforePage = await pageChronology();
	const fp = fingerprint().split('\n').filter((l) => !l.startsWith('draft|'));
	const note = `/children/${C}/notes/new`;
	const r = await page('POST', '/drafts', { session: s, form: { csrf_token: s.csrf, draft_path: note,
		draft_title: 'Record a case note', 'note_date-day': '1', 'note_date-month': '1', 'note_date-year': '2026',
		kind: 'case_note', body: 'Not yet part of the record' } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(draftsOf(s.user), 1);
	assert.deepEqual(await reads(), before);
	assert.equal(await pageChronology(), beforePage);
	assert.doesNotMatch(beforePage, /Not yet part of the record/);
	assert.deepEqual(fingerprint().split('\n').filter((l) => !l.startsWith('draft|')), fp,
		'only the draft table changed');
	// Discarded from its banner: gone, and back to the (now blank) form.
	const d = await page('POST', '/drafts/discard', { session: s, form: { csrf_token: s.csrf, draft_path: note,
		return: note } });
	assert.equal(d.status, 303);
	assert.equal(d.headers.get('location'), note);
	assert.equal(draftsOf(s.user), 0);
	assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action = 'draft_discard' AND child_id = ${C}`)) >= 1);
});

test('bad drafts are refused with a clear 4xx and nothing stored', async () => {
	const s = await signIn('test_social_worker');
	const other = await signIn('test_iro');
	const before = fingerprint();
	const refused = async (status, form, message, opts = {}) => {
		const r = await page('POST', '/drafts', { session: s, form, ...opts });
		assert.equal(r.status, status, `${JSON.stringify(form).slice(0, 200)}: ${r.text.slice(0, 300)}`);
		if (message) assert.match(r.text, message);
	};
	// Over-long: the body over the route's limit, and the typing over the draft's.
	await refused(413, draftForm(s, { child_said: 'x'.repeat(70000) }), /larger than this request allows/);
	await refused(413, draftForm(s, { child_said: 'x'.repeat(65600) }), /a draft may hold at most 65536 characters/);
	// Not a form's path.
	const notForm = /draft_path must be the path of one of Hearth(&#39;|')s forms/;
	for (const p of [`/children/${C}`, `/children/${C}/visits`, '/caseload', '/drafts', '//evil.example/x',
		'https://evil.example/', `${FORM}?kind=cin`, `/children/${C}/../visits/new`, `${FORM}\r\nSet-Cookie: a=b`,
		'/\\evil.example', '/sign-in', '']) {
		await refused(400, draftForm(s, { draft_path: p }), notForm);
	}
	await refused(400, draftForm(s, { draft_title: '' }), /draft_title must be the form(&#39;|')s title/);
	await refused(400, draftForm(s, { draft_title: 't'.repeat(121) }), /draft_title/);
	// A child out of scope, or none, is answered alike.
	await refused(404, draftForm(s, { draft_path: `/children/${CHILD.out}/visits/new` }));
	await refused(404, draftForm(s, { draft_path: `/children/${CHILD.none}/visits/new` }));
	// Another session's CSRF token, none, or another site.
	await refused(403, draftForm(s, { csrf_token: other.csrf }), /form has expired/);
	const { csrf_token: _, ...noToken } = draftForm(s);
	await refused(403, noToken, /form has expired/);
	await refused(403, draftForm(s), null, { headers: { Origin: 'https://evil.example' } });
	// A role that may not fill in the form.
	const an = await as('analyst');
	const r = await page('POST', '/drafts', { session: an, form: { ...draftForm(an) } });
	assert.equal(r.status, 403);
	assert.equal(fingerprint(), before, 'nothing stored');
});

test('POST /drafts: every role, as the form it names allows', async () => {
	// The visit form opens for these roles (tests/http/pages.test.mjs), and so may be drafted.
	const may = new Set(['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door', 'partner']);
	const anon = await page('POST', '/drafts', { form: { csrf_token: 'x', draft_path: FORM, draft_title: 'x' } });
	assert.equal(anon.status, 303, 'signed out: to sign in');
	assert.equal(anon.headers.get('location'), `/sign-in?return=${encodeURIComponent(FORM)}`);
	for (const role of ROLES) {
		const s = await as(role);
		const r = await page('POST', '/drafts', { session: s, form: draftForm(s) });
		assert.equal(r.status, may.has(role) ? 303 : 403, `${role}: ${r.text.slice(0, 200)}`);
		assert.equal(draftsOf(s.user), may.has(role) ? 1 : 0, role);
		const d = await page('POST', '/drafts/discard', { session: s, form: { csrf_token: s.csrf, draft_path: FORM } });
		assert.equal(d.status, 303, `${role} discards`);
		assert.equal(d.headers.get('location'), '/');
		assert.equal(draftsOf(s.user), 0, role);
	}
});

test('signing in returns to the page asked for, and only ever to a page of this server', async () => {
	const out = await page('GET', FORM);
	assert.equal(out.status, 303);
	const to = out.headers.get('location');
	assert.equal(to, `/sign-in?return=${encodeURIComponent(FORM)}`);
	const form = await page('GET', to);
	assert.equal(form.status, 200);
	assert.match(form.text, new RegExp(`<input type="hidden" name="return" value="${FORM}">`));
	const good = await page('POST', '/sign-in', { form: { username: 'test_social_worker', password: PASSWORD,
		return: FORM } });
	assert.equal(good.status, 303);
	assert.equal(good.headers.get('location'), FORM);
	// A form posted after the session ended: back to that form (its autosaved draft refills it).
	const late = await page('POST', `/children/${C}/visits`, { form: { csrf_token: 'x', draft_path: FORM, ...typed } });
	assert.equal(late.status, 303);
	assert.equal(late.headers.get('location'), `/sign-in?return=${encodeURIComponent(FORM)}`);

	for (const evil of ['//evil.example', '//evil.example/children/1', '/\\evil.example', 'https://evil.example/',
		'http:/evil.example', 'javascript:alert(1)', '/%2F%2Fevil.example', `${FORM}\r\nSet-Cookie: a=b`,
		'/caseload\nLocation: //evil.example', ' /caseload', '/sign-in', '/assets/hearth.js', '/no/such/page',
		`/children/${C}/./visits/new`, '/caseload?x="><script>', 'evil.example']) {
		const signin = await page('GET', `/sign-in?return=${encodeURIComponent(evil)}`);
		if (signin.status === 200) {
			assert.doesNotMatch(signin.text, /name="return"/, `not carried: ${JSON.stringify(evil)}`);
		} else {
			assert.equal(signin.status, 400, `${JSON.stringify(evil)}: ${signin.status}`);
		}
		const r = await page('POST', '/sign-in', { form: { username: 'test_social_worker', password: PASSWORD,
			return: evil } });
		assert.equal(r.status, 303, JSON.stringify(evil));
		assert.equal(r.headers.get('location'), '/', `refused: ${JSON.stringify(evil)}`);
	}
	// A query is kept when the page takes it.
	const q = await page('POST', '/sign-in', { form: { username: 'test_social_worker', password: PASSWORD,
		return: '/search?q=Quenby' } });
	assert.equal(q.headers.get('location'), '/search?q=Quenby');
});
