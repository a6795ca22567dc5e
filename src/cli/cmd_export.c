/* cmd_export: the DfE returns, written from the record.
 *
 *   hearth export DB ssda903 --year Y [--out DIR] [--xml FILE] [--xsd FILE | --standards DIR]
 *   hearth export DB cin-census --year Y --out FILE.xml (--xsd FILE | --standards DIR)
 *   hearth export DB workforce [--date YYYY-MM-DD] --out FILE.xml (--xsd FILE | --standards DIR)
 *                  [--vacancies FTE]
 *
 * SSDA903 writes its CSV tables into DIR (default: the current directory) unless only
 * --xml is given; --xml writes the XML form too, validated against CLA.xsd when a schema is
 * given. The CIN and workforce census files are always validated against the DfE's schema
 * before they take their name, so one of --xsd or --standards (the folder holding
 * ssda903/, cin-census/ and workforce/) is required for them. The workforce census date
 * defaults to the latest 30 September on or before today. Progress on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/settings.h"
#include "returns/returns.h"

struct setting_src {
	struct store *st;
	struct arena *a;
};

static const char *get_setting(void *ctx, const char *key)
{
	struct setting_src *s = ctx;
	return store_setting(s->st, key, s->a);
}

static void on_progress(void *ctx, int64_t done, int64_t total)
{
	if (total > 0) {
		fprintf(stderr, "\rhearth export %s: %lld of %lld children", (const char *)ctx, (long long)done,
			(long long)total);
	} else {
		fprintf(stderr, "\rhearth export %s: %lld children", (const char *)ctx, (long long)done);
	}
	if (total > 0 && done >= total) {
		fputc('\n', stderr);
	}
	fflush(stderr);
}

/* The schema for a return: --xsd, or its place under --standards. */
static const char *schema_path(const char *xsd, const char *standards, const char *what, int year, struct arena *a)
{
	if (xsd) {
		return xsd;
	}
	if (!standards) {
		return NULL;
	}
	if (strcmp(what, "ssda903") == 0) {
		return arena_printf(a, "%s/ssda903/CLA.xsd", standards);
	}
	if (strcmp(what, "cin-census") == 0) {
		/* The year's own schema when it is there; else the latest earlier one (2026-27 has
		 * none yet: the 2025-26 schema checks all but the pre-proceedings block, which
		 * returns/cin_pp.c checks against Hearth's element table). Dropping the DfE's
		 * CIN_schema_<year>.xsd into the folder is all it takes to use it. */
		for (int y = year; y >= 2024; y--) {
			const char *p = arena_printf(a, "%s/cin-census/CIN_schema_%d.xsd", standards, y);
			if (access(p, R_OK) == 0) {
				return p;
			}
		}
		return arena_printf(a, "%s/cin-census/CIN_schema_%d.xsd", standards, year);
	}
	return arena_printf(a, "%s/workforce/social_work_workforce_2022.xsd", standards);
}

int cmd_export(int argc, char **argv)
{
	const char *out = NULL, *xml = NULL, *xsd = NULL, *standards = NULL, *vacancies = NULL;
	int64_t year = 0;
	hdate date = DATE_NONE;
	struct cli_opt opts[] = {
		{"--year", OPT_INT, &year, false},	  {"--out", OPT_STR, &out, false},
		{"--xml", OPT_STR, &xml, false},	  {"--xsd", OPT_STR, &xsd, false},
		{"--standards", OPT_STR, &standards, false}, {"--date", OPT_DATE, &date, false},
		{"--vacancies", OPT_STR, &vacancies, false},
	};
	char *pos[2];
	int n_pos;
	const char *usage =
		"usage: hearth export DB ssda903 --year Y [--out DIR] [--xml FILE] [--xsd FILE | --standards DIR]\n"
		"       hearth export DB cin-census --year Y --out FILE.xml (--xsd FILE | --standards DIR)\n"
		"       hearth export DB workforce [--date D] --out FILE.xml (--xsd FILE | --standards DIR) "
		"[--vacancies FTE]\n";
	if (cli_parse(argc, argv, 1, opts, 7, pos, 2, &n_pos) || n_pos != 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *what = pos[1];
	bool s903 = strcmp(what, "ssda903") == 0, cin = strcmp(what, "cin-census") == 0,
	     wf = strcmp(what, "workforce") == 0;
	if (!s903 && !cin && !wf) {
		cli_fail("'%s' is not a return hearth writes (ssda903, cin-census, workforce)", what);
		return EXIT_USAGE;
	}
	if (xsd && standards) {
		cli_fail("--xsd and --standards: give one or the other");
		return EXIT_USAGE;
	}
	if ((s903 || cin) && !year) {
		cli_fail("--year: the collection year is required (2025 is 1 April 2024 to 31 March 2025)");
		return EXIT_USAGE;
	}
	if ((cin || wf) && !out) {
		cli_fail("--out: the file to write is required");
		return EXIT_USAGE;
	}
	double vac = 0;
	if (vacancies) {
		char *end;
		vac = strtod(vacancies, &end);
		if (*end || vac < 0) {
			cli_fail("--vacancies: '%s' is not a number of FTE posts", vacancies);
			return EXIT_USAGE;
		}
	}
	if (wf && date == DATE_NONE) {
		int y, m, d;
		date_to_ymd(date_today(), &y, &m, &d);
		date = date_from_ymd(m >= 10 ? y : y - 1, 9, 30);
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct settings s;
	struct setting_src src = {st, &a};
	if (settings_load(&s, get_setting, &src, &err) > 0) {
		char line[700];
		fprintf(stderr, "hearth: warning: %s; the default is used\n", herr_line(&err, line, sizeof(line)));
		herr_clear(&err);
	}
	struct returns_export_options o = {0};
	o.year = (int)year;
	o.date = date;
	o.la_code = s.la_code;
	o.xsd = schema_path(xsd, standards, what, (int)year, &a);
	o.vacancies_fte = vacancies ? vac : -1; /* none given: from the teams' establishments */
	if (isatty(STDERR_FILENO)) {
		o.progress = on_progress;
		o.progress_ctx = (void *)what;
	}
	struct returns_export_result r = {0};
	int rc = 0;
	if ((cin || wf) && !o.xsd) {
		cli_fail("%s: the DfE schema is needed to check the file before it is written: give --xsd FILE or "
			 "--standards DIR", what);
		store_close(st);
		arena_free(&a);
		return EXIT_USAGE;
	}
	if (s903) {
		if (out || !xml) {
			rc = ssda903_export_csv(st, out ? out : ".", &o, &r, &err);
			if (!rc) {
				printf("SSDA903 %lld: %d files, %lld children, %lld rows written to %s\n", (long long)year,
				       r.files, (long long)r.children, (long long)r.rows, out ? out : ".");
			}
		}
		if (!rc && xml) {
			rc = ssda903_export_xml(st, xml, &o, &r, &err);
			if (!rc) {
				printf("SSDA903 %lld: %lld children written to %s%s\n", (long long)year,
				       (long long)r.children, xml, o.xsd ? " (valid against the schema)" : "");
			}
		}
	} else if (cin) {
		rc = cin_export_xml(st, out, &o, &r, &err);
		if (!rc) {
			printf("CIN census %lld: %lld children written to %s (valid against %s)\n", (long long)year,
			       (long long)r.children, out, o.xsd);
		}
	} else {
		rc = workforce_export_xml(st, out, &o, &r, &err);
		if (!rc) {
			char d[DATE_STR_SIZE];
			printf("workforce census %s: %lld workers written to %s (valid against %s)\n", date_format(date, d),
			       (long long)r.rows, out, o.xsd);
			if (r.skipped) {
				fprintf(stderr, "hearth: note: %lld workers in post have no Social Work England number and "
						"are not in the census\n", (long long)r.skipped);
			}
		}
	}
	if (rc) {
		cli_error(&err);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
