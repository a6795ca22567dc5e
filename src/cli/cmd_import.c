/* cmd_import: a council's past returns and Annex A lists, read into the record.
 *
 *   hearth import DB ssda903 DIR|FILE.csv...|FILE.xml --year Y
 *   hearth import DB cin-census FILE.xml [--year Y] [--xsd FILE | --standards DIR]
 *   hearth import DB annex-a FILE.xlsx [--partial]
 *
 * Everything goes through the store's write path (revisions and audit rows as for any
 * change). The SSDA903 and the CIN census come in child by child: the DfE's findings on the
 * files are counted (notes), never a reason to refuse, and a child the record cannot hold
 * is held back whole, each reason on stderr as "held back: child C: FILE:LINE: COLUMN:
 * message (rule R)". The summary on stdout says how many children and rows came in and how
 * many were held back. An Annex A row that cannot be taken is reported as
 * "FILE:LINE: COLUMN: message (rule R)"; when any is, nothing is written unless --partial.
 * Progress on a terminal. Exit 0 when everything came in; 1 when something was held back
 * or refused (the summary says what came in), or the import could not run. A file that
 * cannot be read whole (cut short, not well-formed, a damaged workbook) writes nothing even
 * with --partial: one line on stderr names the file and where it broke, and the exit is 1. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "returns/returns.h"

static void on_progress(void *ctx, int64_t done, int64_t total)
{
	if (total > 0) {
		fprintf(stderr, "\rhearth import %s: %lld of %lld rows", (const char *)ctx, (long long)done,
			(long long)total);
	} else {
		fprintf(stderr, "\rhearth import %s: %lld read", (const char *)ctx, (long long)done);
	}
	if (total > 0 && done >= total) {
		fputc('\n', stderr);
	}
	fflush(stderr);
}

int cmd_import(int argc, char **argv)
{
	int64_t year = 0;
	bool partial = false;
	const char *xsd = NULL, *standards = NULL;
	struct cli_opt opts[] = {
		{"--year", OPT_INT, &year, false},
		{"--partial", OPT_FLAG, &partial, false},
		{"--xsd", OPT_STR, &xsd, false},
		{"--standards", OPT_STR, &standards, false},
	};
	char *pos[256];
	int n_pos;
	const char *usage = "usage: hearth import DB ssda903 DIR|FILE.csv...|FILE.xml --year Y\n"
			    "       hearth import DB cin-census FILE.xml [--year Y] [--xsd FILE | --standards DIR]\n"
			    "       hearth import DB annex-a FILE.xlsx [--partial]\n";
	if (cli_parse(argc, argv, 1, opts, 4, pos, 256, &n_pos) || n_pos < 3) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *what = pos[1];
	bool s903 = strcmp(what, "ssda903") == 0, cin = strcmp(what, "cin-census") == 0,
	     annex = strcmp(what, "annex-a") == 0;
	if (!s903 && !cin && !annex) {
		cli_fail("'%s' is not something hearth imports (ssda903, cin-census, annex-a)", what);
		return EXIT_USAGE;
	}
	if ((cin || annex) && n_pos != 3) {
		cli_fail("%s: one file at a time", what);
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_import_options o = {0};
	o.year = (int)year;
	o.partial = partial;
	o.actor = cli_actor();
	o.xsd = xsd;
	o.standards = standards;
	if (isatty(STDERR_FILENO)) {
		o.progress = on_progress;
		o.progress_ctx = (void *)what;
	}
	struct returns_import_result r = {0};
	int rc;
	if (s903) {
		rc = ssda903_import(st, (const char *const *)pos + 2, (size_t)n_pos - 2, &o, &a, &r, &err);
	} else if (cin) {
		rc = cin_import(st, pos[2], &o, &a, &r, &err);
	} else {
		rc = annex_a_import(st, pos[2], &o, &a, &r, &err);
	}
	if (rc) {
		cli_error(&err);
		arena_free(&a);
		store_close(st);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < r.n_rejects; i++) {
		const struct returns_reject *j = &r.rejects[i];
		if (j->child) {
			fprintf(stderr, "held back: child %s: ", j->child);
		}
		fprintf(stderr, "%s:%d: %s%s%s (rule %s)\n", j->file ? j->file : "?", j->line, j->column ? j->column : "",
			j->column ? ": " : "", j->message, j->rule ? j->rule : "?");
	}
	for (size_t i = 0; i < r.n_notes; i++) {
		fprintf(stderr, "note: %s\n", r.notes[i]);
	}
	bool by_child = r.children > 0;
	if (!r.committed && r.rejected) {
		printf("%s %d: nothing imported: %lld %s refused in %lld rows read%s\n", what, r.year, (long long)r.rejected,
		       r.rejected == 1 ? "value or file was" : "values or files were", (long long)r.rows,
		       annex ? " (use --partial to import the rest)" : "");
	} else if (by_child) {
		printf("%s %d: %lld children (%lld rows) read: %lld children (%lld rows) imported, %lld held back "
		       "(%lld rows); %lld records added, %lld updated, %lld unchanged; %lld DfE findings in the files\n",
		       what, r.year, (long long)r.children, (long long)r.rows, (long long)(r.children - r.children_held),
		       (long long)(r.rows - r.rows_held), (long long)r.children_held, (long long)r.rows_held,
		       (long long)r.inserted, (long long)r.updated, (long long)r.unchanged, (long long)r.findings);
		if (r.children_held) {
			fprintf(stderr, "hearth: %lld child%s held back (listed above): the others are imported\n",
				(long long)r.children_held, r.children_held == 1 ? "" : "ren");
		}
	} else {
		printf("%s %d: %lld rows read: %lld records added, %lld updated, %lld unchanged, %lld rejected\n", what,
		       r.year, (long long)r.rows, (long long)r.inserted, (long long)r.updated, (long long)r.unchanged,
		       (long long)r.rejected);
	}
	int rc_exit = (!r.committed && r.rejected) || r.children_held ? EXIT_FAIL : EXIT_OK;
	arena_free(&a);
	store_close(st);
	return rc_exit;
}
