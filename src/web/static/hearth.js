// Hearth's pages work without JavaScript; this only lets GOV.UK Frontend's components
// enhance them (error summary focus, skip link...). Loaded as a module from our own
// origin, so the Content-Security-Policy needs no inline script.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
