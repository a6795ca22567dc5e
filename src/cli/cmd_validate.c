/* cmd_validate: the DfE's validation rules over the record, as the return would be sent.
 *
 *   hearth validate DB --return ssda903|cin-census [--year Y] [--child ID]
 *                   [--format text|json|csv|xlsx --out FILE.xlsx] [--timing] [--threads N]
 *   hearth validate --files DIR|FILE [FILE...] [--year Y] [--last-year DIR] [--providers FILE]
 *                   [--postcodes FILE] [--la-code CODES] [--format text|json|csv|xlsx --out FILE.xlsx]
 *                   [--threads N]
 *   hearth validate --rules [--return R] [--format text|json|csv]
 *
 * --files validates a return as it was received, with no record (returns_validate_files):
 * the SSDA903 CSV tables or its XML form (--year required: they do not say theirs) or a CIN census XML file
 * (the year from its Header unless --year is given). Every finding names its file and line;
 * what is odd about the files themselves is reported under hearth's read rules R01-R09.
 * --la-code gives the LA's ONS codes, as the record's setting la_ons_codes does for
 * validate DB (rules 229 and 503J; without them those are "not run: needs the LA code").
 * Lists the findings per child (then the whole-return ones) and a count per rule. The year
 * defaults to the collection year containing today. --timing prints, on stderr, the time
 * the validation took and the time a raw read of the same rows takes, in the same run (for
 * bench/returns). --format xlsx writes a workbook for people to --out (a sheet "Findings", one
 * row per finding; "By rule", the count per rule; "Not run", the rules whose reference data was
 * not given), readable by its owner only.
 * --threads N (default: the online CPUs) splits the children between N threads: on the
 * record, the SSDA903 is read on one and checked on another (2 at most), the CIN census's
 * children are cut by id, each part read on its own connection and checked; from files, the
 * SSDA903's children are checked in N runs once read. The findings and their order are the
 * same whatever N (returns_validate_store, returns_validate_files).
 * --rules prints the rule table itself. Exit 0 when the record was
 * validated, whatever it found. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cli/cli.h"
#include "base/mem.h"
#include "cli/resolve.h"
#include "returns/returns.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_progress(void *ctx, int64_t done, int64_t total)
{
	(void)ctx;
	if (total > 0) {
		fprintf(stderr, "\rhearth validate: %lld of %lld children", (long long)done, (long long)total);
	} else {
		fprintf(stderr, "\rhearth validate: %lld children", (long long)done);
	}
	if (total > 0 && done >= total) {
		fputc('\n', stderr);
	}
	fflush(stderr);
}

static const char *flags_text(const struct returns_rule *r)
{
	return (r->flags & RULE_GLOBAL) ? "whole return" : (r->flags & RULE_IMPOSSIBLE) ? "impossible record" : "";
}

static int print_rules(int kind, enum cli_format format)
{
	size_t n;
	const struct returns_rule *r = returns_rules(&n);
	json_t *arr = json_array();
	if (format == FORMAT_CSV) {
		puts("return,rule,severity,table,fields,from_year,needs_columns,flags,message");
	}
	int count[RETURN_KIND_MAX] = {0};
	for (size_t i = 0; i < n; i++) {
		if (kind >= 0 && (int)r[i].kind != kind) {
			continue;
		}
		count[r[i].kind]++;
		if (format == FORMAT_JSON) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:s, s:s}", "return",
							     returns_kind_name(r[i].kind), "rule", r[i].id, "severity",
							     returns_severity_name(r[i].severity), "table", r[i].table,
							     "fields", r[i].fields, "from_year", r[i].from_year,
							     "needs_columns", r[i].needs != 0, "flags", flags_text(&r[i]),
							     "message", r[i].message));
			json_t *refs = json_array();
			static const char *const ref_keys[] = {"last_year", "providers", "postcodes", "provider_sector",
							       "la_code"};
			for (unsigned b = 0; b < sizeof(ref_keys) / sizeof(ref_keys[0]); b++) {
				if (r[i].refs & (1u << b)) {
					json_array_append_new(refs, json_string(ref_keys[b]));
				}
			}
			json_object_set_new(json_array_get(arr, json_array_size(arr) - 1), "needs_reference", refs);
			json_t *tables = json_array(); /* the SSDA903 tables it reads: on files, it runs only when each was given */
			for (unsigned b = 1; b && b <= r[i].tables; b <<= 1) {
				if (r[i].tables & b) {
					json_array_append_new(tables, json_string(returns_table903_name(b)));
				}
			}
			json_object_set_new(json_array_get(arr, json_array_size(arr) - 1), "reads_tables", tables);
		} else if (format == FORMAT_CSV) {
			printf("%s,", returns_kind_name(r[i].kind));
			cli_csv_field(stdout, r[i].id);
			printf(",%s,", returns_severity_name(r[i].severity));
			cli_csv_field(stdout, r[i].table);
			putchar(',');
			cli_csv_field(stdout, r[i].fields);
			printf(",%d,%s,%s,", r[i].from_year, r[i].needs ? "yes" : "no", flags_text(&r[i]));
			cli_csv_field(stdout, r[i].message);
			putchar('\n');
		} else {
			printf("%-9s %-10s %-5s %-20s %s%s%s", returns_kind_name(r[i].kind), r[i].id,
			       returns_severity_name(r[i].severity), r[i].table, r[i].message,
			       r[i].needs ? " [needs columns the record lacks]" : "",
			       r[i].flags & RULE_IMPOSSIBLE ? " [impossible record]" : "");
			for (unsigned b = 1; b <= REF_ALL; b <<= 1) {
				if (r[i].refs & b) {
					printf(" [needs %s]", returns_ref_name(b));
				}
			}
			putchar('\n');
		}
	}
	if (format == FORMAT_JSON) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		puts(s);
		free(s);
	} else if (format == FORMAT_TEXT) {
		printf("%d rules: %d SSDA903, %d CIN census\n", count[0] + count[1], count[0], count[1]);
	}
	json_decref(arr);
	return EXIT_OK;
}

/* Findings per rule: the rule table's order, then rules outside it (the read rules) in the
 * order first met. */
static void by_rule(const struct returns_findings *f, json_t *arr, FILE *text)
{
	size_t n;
	const struct returns_rule *r = returns_rules(&n);
	const struct returns_rule **order = xmalloc(sizeof(*order) * (n + f->n + 1));
	size_t no = 0;
	for (size_t i = 0; i < n; i++) {
		order[no++] = &r[i];
	}
	for (size_t k = 0; k < f->n; k++) {
		const struct returns_rule *x = f->items[k].rule;
		bool seen = x >= r && x < r + n;
		for (size_t j = n; !seen && j < no; j++) {
			seen = order[j] == x;
		}
		if (!seen) {
			order[no++] = x;
		}
	}
	for (size_t i = 0; i < no; i++) {
		size_t c = 0;
		for (size_t k = 0; k < f->n; k++) {
			c += f->items[k].rule == order[i];
		}
		if (!c) {
			continue;
		}
		if (arr) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s}", "rule", order[i]->id, "severity",
							     returns_severity_name(order[i]->severity), "count", (json_int_t)c,
							     "message", order[i]->message));
		} else {
			fprintf(text, "  %-10s %-5s %6zu  %s\n", order[i]->id, returns_severity_name(order[i]->severity), c,
				order[i]->message);
		}
	}
	free(order);
}

static json_t *finding_json(const struct returns_finding *f, bool files)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:b}", "rule", f->rule->id, "severity",
			      returns_severity_name(f->rule->severity), "table", f->table ? f->table : "", "row", f->row,
			      "detail", f->detail ? f->detail : "", "message", f->rule->message, "impossible",
			      (f->rule->flags & RULE_IMPOSSIBLE) != 0);
	if (files) {
		json_object_set_new(o, "file", json_string(f->file ? f->file : ""));
		json_object_set_new(o, "line", json_integer(f->line));
	}
	return o;
}

static const char *needs_text(char *needs)
{
	static char b[320];
	snprintf(b, sizeof(b), "not run: needs %s", needs);
	return b;
}

/* The rules of kind k that apply in year but did not run for want of reference data or of a
 * table the files did not supply (absent: T903_*): each with what it needs. Appended to arr (JSON) or printed (text, csv). */
static size_t not_run(enum returns_kind k, int year, bool files, const struct returns_refdata *ref, unsigned absent,
		      json_t *arr, enum cli_format format, FILE *out)
{
	size_t n, c = 0;
	const struct returns_rule *r = returns_rules(&n);
	for (size_t i = 0; i < n; i++) {
		unsigned miss = r[i].kind == k && returns_rule_applies(&r[i], year, !files)
					? returns_rule_not_given(&r[i], ref, absent)
					: 0;
		if (!miss) {
			continue;
		}
		char needs[300] = "";
		for (unsigned b = 1; b && b <= miss; b <<= 1) {
			if (miss & b) {
				size_t l = strlen(needs);
				snprintf(needs + l, sizeof(needs) - l, "%s%s", l ? " and " : "", returns_ref_name(b));
			}
		}
		c++;
		if (arr) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "rule", r[i].id, "needs", needs, "message",
							     r[i].message));
		} else if (format == FORMAT_CSV) {
			fputs(files ? ",,0," : ",0,", out);
			cli_csv_field(out, r[i].id);
			fputs(",not run,", out);
			cli_csv_field(out, r[i].table);
			fprintf(out, ",0,");
			cli_csv_field(out, needs_text(needs));
			putc(',', out);
			cli_csv_field(out, r[i].message);
			putc('\n', out);
		} else {
			if (c == 1) {
				fputs("not run:\n", out);
			}
			fprintf(out, "  %-10s not run: needs %s\n", r[i].id, needs);
		}
	}
	return c;
}

/* files: the findings come from files (each has its file and line), not the record. */
static void print_findings(const struct returns_findings *f, enum returns_kind k, int year, enum cli_format format,
			   bool files, const struct returns_refdata *ref, unsigned absent)
{
	if (format == FORMAT_CSV) {
		puts(files ? "child,file,line,rule,severity,table,row,detail,message"
			   : "child,child_id,rule,severity,table,row,detail,message");
		for (size_t i = 0; i < f->n; i++) {
			const struct returns_finding *x = &f->items[i];
			cli_csv_field(stdout, x->child ? x->child : "");
			if (files) {
				putchar(',');
				cli_csv_field(stdout, x->file ? x->file : "");
				printf(",%d,", x->line);
			} else {
				printf(",%lld,", (long long)x->child_id);
			}
			cli_csv_field(stdout, x->rule->id);
			printf(",%s,", returns_severity_name(x->rule->severity));
			cli_csv_field(stdout, x->table);
			printf(",%d,", x->row);
			cli_csv_field(stdout, x->detail ? x->detail : "");
			putchar(',');
			cli_csv_field(stdout, x->rule->message);
			putchar('\n');
		}
		not_run(k, year, files, ref, absent, NULL, format, stdout);
		return;
	}
	if (format == FORMAT_JSON) {
		json_t *children = json_array(), *whole = json_array(), *rules = json_array(), *cur = NULL;
		int64_t cur_id = -1;
		const char *cur_child = NULL;
		for (size_t i = 0; i < f->n; i++) {
			const struct returns_finding *x = &f->items[i];
			if (!x->child) {
				json_array_append_new(whole, finding_json(x, files));
				continue;
			}
			if (!cur || x->child_id != cur_id || strcmp(x->child, cur_child) != 0) {
				cur = json_array();
				json_array_append_new(children, json_pack("{s:s, s:I, s:o}", "child", x->child, "child_id",
									  (json_int_t)x->child_id, "findings", cur));
				cur_id = x->child_id;
				cur_child = x->child;
			}
			json_array_append_new(cur, finding_json(x, files));
		}
		by_rule(f, rules, NULL);
		json_t *nr = json_array();
		not_run(k, year, files, ref, absent, nr, format, NULL);
		json_t *doc = json_pack("{s:s, s:i, s:I, s:I, s:o, s:o, s:o, s:o}", "return", returns_kind_name(k), "year",
					year, "errors", (json_int_t)f->errors, "queries", (json_int_t)f->queries, "children",
					children, "whole_return", whole, "by_rule", rules, "not_run", nr);
		char *s = json_dumps(doc, JSON_INDENT(2));
		puts(s);
		free(s);
		json_decref(doc);
		return;
	}
	size_t children = 0;
	const char *last = NULL;
	int64_t last_id = -1;
	bool in_whole = false;
	for (size_t i = 0; i < f->n; i++) {
		const struct returns_finding *x = &f->items[i];
		if (x->child && (!last || x->child_id != last_id || strcmp(x->child, last) != 0)) {
			printf("%s%s\n", i ? "\n" : "", x->child);
			last = x->child;
			last_id = x->child_id;
			children++;
			in_whole = false;
		} else if (!x->child && !in_whole) {
			printf("%swhole return\n", i ? "\n" : "");
			last = NULL;
			in_whole = true;
		}
		printf("  %-5s %-10s %s", returns_severity_name(x->rule->severity), x->rule->id, x->table ? x->table : "");
		if (x->row) {
			printf(" row %d", x->row);
		}
		if (files && x->file) {
			printf("%s(%s:%d)", x->table ? " " : "", x->file, x->line);
		}
		printf(": %s\n  %-16s %s\n", x->detail ? x->detail : "", "", x->rule->message);
	}
	printf("%s%s %d (1 April %d to 31 March %d): %zu errors, %zu queries in %zu children\n", f->n ? "\n" : "",
	       k == RETURN_SSDA903 ? "SSDA903" : "CIN census", year, year - 1, year, f->errors, f->queries, children);
	if (f->n) {
		puts("by rule:");
		by_rule(f, NULL, stdout);
	}
	not_run(k, year, files, ref, absent, NULL, format, stdout);
}

/* The findings as a workbook: "Findings" (one row per finding: child, where, rule, fields,
 * what was found) and "By rule" (a count per rule, as by_rule). Created 0600: it names children. */
static int write_xlsx(const struct returns_findings *f, const char *path, bool files, enum returns_kind k, int year,
		      const struct returns_refdata *ref, unsigned absent)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		cli_fail("--out: cannot create the workbook %s", path);
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Findings");
	static const char *const head_files[] = {"Child", "File", "Line", "Rule", "Severity", "Table", "Row", "Fields",
						 "Detail", "Message", NULL};
	static const char *const head_db[] = {"Child", "Child id", "Rule", "Severity", "Table", "Row", "Fields",
					      "Detail", "Message", NULL};
	const char *const *head = files ? head_files : head_db;
	for (lxw_col_t c = 0; head[c]; c++) {
		worksheet_write_string(ws, 0, c, head[c], bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < f->n; i++) {
		const struct returns_finding *x = &f->items[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		lxw_col_t c = 0;
		worksheet_write_string(ws, r, c++, x->child ? x->child : "", NULL);
		if (files) {
			worksheet_write_string(ws, r, c++, x->file ? x->file : "", NULL);
			worksheet_write_number(ws, r, c++, x->line, NULL);
		} else {
			worksheet_write_number(ws, r, c++, (double)x->child_id, NULL);
		}
		worksheet_write_string(ws, r, c++, x->rule->id, NULL);
		worksheet_write_string(ws, r, c++, returns_severity_name(x->rule->severity), NULL);
		worksheet_write_string(ws, r, c++, x->table ? x->table : "", NULL);
		worksheet_write_number(ws, r, c++, x->row, NULL);
		worksheet_write_string(ws, r, c++, x->rule->fields ? x->rule->fields : "", NULL);
		worksheet_write_string(ws, r, c++, x->detail ? x->detail : "", NULL);
		worksheet_write_string(ws, r, c++, x->rule->message, NULL);
	}
	lxw_worksheet *wr = workbook_add_worksheet(wb, "By rule");
	static const char *const head_rule[] = {"Rule", "Severity", "Count", "Message"};
	for (lxw_col_t c = 0; c < 4; c++) {
		worksheet_write_string(wr, 0, c, head_rule[c], bold);
	}
	json_t *rules = json_array();
	by_rule(f, rules, NULL);
	size_t i;
	json_t *o;
	json_array_foreach(rules, i, o)
	{
		lxw_row_t r = (lxw_row_t)(i + 1);
		worksheet_write_string(wr, r, 0, json_string_value(json_object_get(o, "rule")), NULL);
		worksheet_write_string(wr, r, 1, json_string_value(json_object_get(o, "severity")), NULL);
		worksheet_write_number(wr, r, 2, (double)json_integer_value(json_object_get(o, "count")), NULL);
		worksheet_write_string(wr, r, 3, json_string_value(json_object_get(o, "message")), NULL);
	}
	json_decref(rules);
	lxw_worksheet *wn = workbook_add_worksheet(wb, "Not run");
	static const char *const head_nr[] = {"Rule", "Needs", "Message"};
	for (lxw_col_t c = 0; c < 3; c++) {
		worksheet_write_string(wn, 0, c, head_nr[c], bold);
	}
	json_t *nr = json_array();
	not_run(k, year, files, ref, absent, nr, FORMAT_JSON, NULL);
	json_array_foreach(nr, i, o)
	{
		lxw_row_t r = (lxw_row_t)(i + 1);
		worksheet_write_string(wn, r, 0, json_string_value(json_object_get(o, "rule")), NULL);
		worksheet_write_string(wn, r, 1, json_string_value(json_object_get(o, "needs")), NULL);
		worksheet_write_string(wn, r, 2, json_string_value(json_object_get(o, "message")), NULL);
	}
	json_decref(nr);
	mode_t old = umask(077);
	lxw_error rc = workbook_close(wb);
	umask(old);
	if (rc != LXW_NO_ERROR) {
		cli_fail("--out: cannot write the workbook %s: %s", path, lxw_strerror(rc));
		return -1;
	}
	return 0;
}

/* The reference data given on the command line (NULL: not given). */
struct files_refs {
	const char *last_year, *providers, *postcodes, *la_code;
};

static int validate_files(const char *first, char **more, int n_more, int year, int threads, enum cli_format format,
			  const char *out, const struct files_refs *given)
{
	const char **paths = xmalloc(sizeof(*paths) * (size_t)(n_more + 1));
	paths[0] = first;
	for (int i = 0; i < n_more; i++) {
		paths[i + 1] = more[i];
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_findings f = {0};
	struct returns_files_result res;
	struct returns_refdata *ref = returns_refdata_new(&a);
	int rc = 0;
	if (given->la_code) {
		rc = returns_refdata_la_codes(ref, given->la_code, &err);
	}
	if (!rc && given->providers) {
		rc = returns_refdata_providers(ref, given->providers, &err);
	}
	if (!rc && given->postcodes) {
		rc = returns_refdata_postcodes(ref, given->postcodes, &err);
	}
	if (!rc && given->last_year) {
		rc = returns_refdata_last_year(ref, &given->last_year, 1, &err);
	}
	if (!rc) {
		rc = returns_validate_files(paths, (size_t)n_more + 1, year, threads, ref, &a, &f, &res, &err);
	}
	free(paths);
	if (rc) {
		cli_error(&err);
	} else if (format == FORMAT_XLSX) {
		rc = write_xlsx(&f, out, true, res.kind, res.year, ref, res.tables_absent) ? HERR_IO : 0;
	} else {
		print_findings(&f, res.kind, res.year, format, true, ref, res.tables_absent);
		if (format == FORMAT_TEXT) {
			printf("read: %d file%s, %lld children, %lld rows; the year %d from %s\n", res.files,
			       res.files == 1 ? "" : "s", (long long)res.children, (long long)res.rows, res.year,
			       res.year_from);
		}
	}
	arena_free(&a);
	return rc ? (rc == HERR_INVALID ? EXIT_USAGE : EXIT_FAIL) : EXIT_OK;
}

int cmd_validate(int argc, char **argv)
{
	const char *ret = NULL, *format_name = "text", *child = NULL, *files = NULL, *out = NULL;
	struct files_refs given = {0};
	int64_t year = 0, threads_opt = -1;
	bool timing = false, rules = false;
	struct cli_opt opts[] = {
		{"--return", OPT_STR, &ret, false},	{"--year", OPT_INT, &year, false},
		{"--format", OPT_STR, &format_name, false}, {"--child", OPT_STR, &child, false},
		{"--timing", OPT_FLAG, &timing, false},	{"--rules", OPT_FLAG, &rules, false},
		{"--files", OPT_STR, &files, false},	{"--out", OPT_STR, &out, false},
		{"--last-year", OPT_STR, &given.last_year, false}, {"--providers", OPT_STR, &given.providers, false},
		{"--postcodes", OPT_STR, &given.postcodes, false}, {"--la-code", OPT_STR, &given.la_code, false},
		{"--threads", OPT_INT, &threads_opt, false},
	};
	char *pos[256];
	int n_pos;
	enum cli_format format;
	const char *usage = "usage: hearth validate DB --return ssda903|cin-census [--year Y] [--child ID] "
			    "[--format text|json|csv|xlsx --out FILE.xlsx] [--threads N]\n"
			    "       hearth validate --files DIR|FILE [FILE...] [--year Y] [--last-year DIR] [--providers FILE]\n"
			    "                       [--postcodes FILE] [--la-code CODES] [--format text|json|csv|xlsx --out FILE.xlsx]\n"
			    "                       [--threads N]\n"
			    "       hearth validate --rules [--return R] [--format F]\n";
	int threads;
	if (cli_parse(argc, argv, 1, opts, (int)(sizeof(opts) / sizeof(opts[0])), pos, 256, &n_pos) ||
	    (threads = cli_threads(threads_opt)) < 0 ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_CSV) | (1u << FORMAT_XLSX),
		       &format)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((format == FORMAT_XLSX) != (out != NULL) || (format == FORMAT_XLSX && rules)) {
		cli_fail("--format xlsx writes a workbook: give it --out FILE.xlsx (and --out only with it; not with --rules)");
		return EXIT_USAGE;
	}
	int kind = ret ? returns_kind_parse(ret) : -1;
	if (ret && kind < 0) {
		cli_fail("--return: '%s' is not ssda903 or cin-census", ret);
		return EXIT_USAGE;
	}
	if (rules) {
		return print_rules(kind, format);
	}
	if (files) {
		return validate_files(files, pos, n_pos, (int)year, threads, format, out, &given);
	}
	if (n_pos != 1 || kind < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!year) {
		year = returns_year_of(date_today());
	}
	if (year < RETURNS_YEAR_MIN || year > RETURNS_YEAR_MAX) {
		cli_fail("--year: %lld is not a collection year this hearth knows (%d-%d)", (long long)year,
			 RETURNS_YEAR_MIN, RETURNS_YEAR_MAX);
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_findings f = {0};
	int rc = 0;
	double t0 = now_s();
	if (child) {
		int64_t id;
		struct casefile cf;
		struct returns_extras *x;
		rc = resolve_ref(st, "child", child, &id, &err);
		if (!rc) {
			rc = store_casefile_load(st, id, &a, &cf, &err);
		}
		if (!rc) {
			rc = returns_extras_load(st, id, &a, &x, &err);
		}
		if (!rc) {
			returns_validate_child(&cf, x, (enum returns_kind)kind, (int)year, &a, &f);
		}
	} else {
		bool tty = isatty(STDERR_FILENO) && !timing;
		rc = returns_validate_store(st, (enum returns_kind)kind, (int)year, threads, &a, &f,
					    tty ? on_progress : NULL, NULL, &err);
	}
	double t1 = now_s();
	/* What the rules had (the record's reference data), for the rules not run. */
	struct returns_refdata *ref = returns_refdata_new(&a);
	if (!rc && !child) {
		rc = returns_refdata_load(st, ref, &err);
	} else {
		ref = NULL;
	}
	if (rc) {
		cli_error(&err);
	} else if (format == FORMAT_XLSX) {
		rc = write_xlsx(&f, out, false, (enum returns_kind)kind, (int)year, ref, 0) ? HERR_IO : 0;
	} else {
		print_findings(&f, (enum returns_kind)kind, (int)year, format, false, ref, 0);
		if (timing && !child) {
			double t2 = now_s();
			int64_t n = returns_raw_scan(st, (enum returns_kind)kind, (int)year, &err);
			double t3 = now_s();
			fprintf(stderr, "timing: validate %.3f s, raw scan %.3f s of %lld children, ratio %.2f\n", t1 - t0,
				t3 - t2, (long long)n, (t3 - t2) > 0 ? (t1 - t0) / (t3 - t2) : 0.0);
		}
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
