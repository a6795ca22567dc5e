// What the browser tests share: the server's address and password from tests/cli/browser.sh
// (environment variables), one headless chromium per file, a fresh page per person that is
// watched for console errors and leaves a screenshot, signing in, and GOV.UK's inputs.
import { after, before } from 'node:test';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const URL_BASE = process.env.HEARTH_URL;
export const PASSWORD = process.env.HEARTH_PASSWORD;
export const ARTEFACTS = process.env.HEARTH_ARTEFACTS;

// Debian's chromium (HEARTH_CHROMIUM), headless, for the calling file: launched by a before
// hook (after the file's own hooks registered earlier), closed after the file. Returns
// { browser } (set once launched) and open(t, options), a page on it (below).
export function useBrowser() {
	const session = { browser: undefined, open: (t, options) => openPage(session.browser, t, options) };
	before(async () => {
		session.browser = await chromium.launch({
			executablePath: process.env.HEARTH_CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
				'--disable-sync'],
		});
	});
	after(async () => {
		await session.browser?.close();
	});
	return session;
}

// A fresh browser context (its own cookies) and page for test t; returns { context, page,
// problems }. Console errors (a CSP violation shows as one; a page's own 4xx status does not
// count) go into problems; with dialogs, so does any script dialog (dismissed), each problem
// then labelled. When t ends, the page's screenshot is saved in ARTEFACTS as shot (default
// the test's name) made safe for a file name, and the context closes.
export async function openPage(browser, t, { shot = t.name, dialogs = false } = {}) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const problems = [];
	if (dialogs) {
		page.on('dialog', async (d) => {
			problems.push(`a script dialog opened: ${d.message()}`);
			await d.dismiss();
		});
	}
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
			problems.push(dialogs ? `console error: ${m.text()}` : m.text());
		}
	});
	t.after(async () => {
		const name = shot.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
		await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true }).catch(() => {});
		await context.close();
	});
	return { context, page, problems };
}

// Signs in through the sign-in form. until: 'sent' (the form is sent, nothing more),
// 'load' (the next page's load state) or 'away' (a page other than /sign-in: signed in).
export async function signIn(page, username, { password = PASSWORD, until = 'sent' } = {}) {
	await page.goto(`${URL_BASE}/sign-in`);
	await page.fill('#username', username);
	await page.fill('#password', password);
	await page.click('main button[type=submit]');
	if (until === 'load') await page.waitForLoadState();
	else if (until === 'away') await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

// A choice drawn as radios or, when long, a select: either way by its value.
export async function choose(page, name, value) {
	if (await page.locator(`select#${name}`).count()) {
		await page.selectOption(`select#${name}`, String(value));
	} else {
		await page.check(`input[name=${name}][value="${value}"]`);
	}
}

// A date (ISO) as GOV.UK's three boxes; a missing episode's instants have a fourth, the time.
export async function fillDate(page, name, iso, time) {
	const [y, m, d] = iso.split('-').map(Number);
	await page.fill(`#${name}-day`, String(d));
	await page.fill(`#${name}-month`, String(m));
	await page.fill(`#${name}-year`, String(y));
	if (time !== undefined) await page.fill(`#${name}-time`, time);
}
