// Hearth's pages work without JavaScript; this only lets GOV.UK Frontend's components
// enhance them (error summary focus, skip link...), and keeps forms in progress as drafts.
// Loaded as a module from our own origin, so the Content-Security-Policy needs no inline
// script.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// Conditional reveals (HEARTH_FIELD_SHOWN_WHEN in src/model/entities.def.h). One several
// options share (the reason for a placement change, for episodes P, T, U and B): GOV.UK
// Frontend syncs each option on its own, so an unchecked one after the checked one would
// hide it again; it is shown here whenever any option controlling it is checked. And the
// aria-expanded Frontend puts on each radio is taken off again: ARIA allows it on no radio
// (axe-core's aria-allowed-attr, tests/browser/axe.test.mjs); aria-controls says enough.
// Runs on 'change', which follows the 'click' Frontend listens to, and after its 'pageshow'.
function syncReveals() {
	// Frontend moves data-aria-controls to aria-controls as it starts.
	const controls = (i) => i.getAttribute('aria-controls') ?? i.dataset.ariaControls;
	const radios = [...document.querySelectorAll('input[type=radio]')].filter(controls);
	for (const i of radios) i.removeAttribute('aria-expanded');
	for (const c of document.querySelectorAll('.govuk-radios__conditional')) {
		const inputs = radios.filter((i) => controls(i) === c.id);
		if (inputs.length > 1) c.classList.toggle('govuk-radios__conditional--hidden', !inputs.some((i) => i.checked));
	}
}
syncReveals();
// Frontend syncs every reveal again on 'pageshow' (after load, and back from the cache).
window.addEventListener('pageshow', syncReveals);
document.addEventListener('change', (e) => {
	if (e.target instanceof HTMLInputElement && e.target.type === 'radio') syncReveals();
});

// Drafts (src/web/pages/drafts.c): a form carrying a draft_path field is saved to the
// server as the person types, a couple of seconds after they stop, and at once when the
// page is hidden (another tab, the laptop closed). Without JavaScript its Save draft button
// posts the same fields to the same place. A save that fails says so beside the buttons:
// a person whose session has ended must know that what they type now is not being kept.
const AUTOSAVE_AFTER_MS = 2000;

function keepDrafts(form) {
	const button = form.querySelector('[data-hearth="save-draft"]');
	const status = document.createElement('p');
	status.className = 'govuk-body-s hearth-draft-status';
	status.setAttribute('role', 'status');
	status.dataset.hearth = 'draft-status';
	(button ? button.parentNode : form).appendChild(status);

	const fields = () => new URLSearchParams(new FormData(form));
	let saved = fields().toString(); // what the server holds (the form as drawn)
	let timer = null;
	let saving = null;
	let submitted = false;

	async function save(force) {
		clearTimeout(timer);
		timer = null;
		if (submitted) return;
		if (saving) await saving; // one save at a time, in order
		const body = fields();
		const text = body.toString();
		if (text === saved && !force) return;
		body.set('draft_autosave', '1');
		saving = (async () => {
			try {
				// A redirect here means the session is over (sign-in): not followed.
				const res = await fetch('/drafts', { method: 'POST', body, credentials: 'same-origin',
					redirect: 'manual' });
				if (res.ok) {
					saved = text;
					const answer = await res.json();
					status.classList.remove('hearth-draft-status--failed');
					status.textContent = `Draft saved ${answer.saved_text}`;
				} else {
					throw new Error(res.type === 'opaqueredirect' ? 'signed out' : `status ${res.status}`);
				}
			} catch (e) {
				status.classList.add('hearth-draft-status--failed');
				status.textContent = e.message === 'signed out'
					? 'You have been signed out, so your latest changes are not saved as a draft. ' +
						'Sign in again in another tab, then save the draft.'
					: 'Your draft could not be saved just now. It will be tried again when you next type.';
			}
		})();
		await saving;
		saving = null;
	}

	const later = () => {
		clearTimeout(timer);
		timer = setTimeout(save, AUTOSAVE_AFTER_MS);
	};
	form.addEventListener('input', later);
	form.addEventListener('change', later);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden' && timer) save();
	});
	// The record is being saved: no draft may be written after it (saving deletes it).
	form.addEventListener('submit', (ev) => {
		if (ev.submitter === button) {
			ev.preventDefault();
			save(true);
			return;
		}
		submitted = true;
		clearTimeout(timer);
	});
}

for (const form of document.querySelectorAll('form')) {
	if (form.querySelector('input[name="draft_path"]') && form.querySelector('[data-hearth="save-draft"]')) {
		keepDrafts(form);
	}
}
