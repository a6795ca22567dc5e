/* cmd_report: the inspection measures and Annex A from the shell.
 *
 *   hearth report DB measures [--as-at D] [--format text|json|csv] [--by team|worker|both]
 *                             [--with-annex-a] [--threads N]
 *   hearth report DB measure ID [--as-at D] [--list numerator|denominator|both]
 *                               [--format text|json|csv] [--by team|worker|both] [--threads N]
 *   hearth report DB trend ID --from D --to D [--every month|quarter] [--format text|json|csv]
 *   hearth report DB annex-a [--as-at D] --out FILE.xlsx
 *   hearth report DB annex-a [--as-at D] --format csv --out DIR
 *   hearth report catalogue [--format text|json]
 *
 * Thin: parses options, asks src/measures/ for results (one pass over the children for
 * any number of dates), prints them. ID is a part ("CL1.in_touch", "FD1") or a measure with
 * parts ("CL1": all of them). A trend's dates run from --from in steps of a month (or a
 * quarter) while not after --to; when --from is the last day of a month, every date is the
 * last day of its month. The drill-down lists name children by LA child id, workers by
 * staff id and LADO allegations by reference, never by name. Writing Annex A is an export
 * of personal data: it is written to the audit trail (one row, section annex_a).
 * --threads N (every command but catalogue) splits the children between N threads (default:
 * the online CPUs; 1: one thread, one connection); the output is the same whatever N. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "measures/measures.h"

static const char *const usage_text =
	"usage: hearth report DB measures [--as-at D] [--format text|json|csv] [--by team|worker|both] [--with-annex-a] [--threads N]\n"
	"       hearth report DB measure ID [--as-at D] [--list numerator|denominator|both] [--format text|json|csv] [--threads N]\n"
	"       hearth report DB trend ID --from D --to D [--every month|quarter] [--format text|json|csv] [--threads N]\n"
	"       hearth report DB annex-a [--as-at D] --out FILE.xlsx | --format csv --out DIR [--threads N]\n"
	"       hearth report catalogue [--format text|json]\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* ---- numbers as text ---- */

static void number(char *out, size_t size, double v)
{
	if (v == (double)(long long)v) {
		snprintf(out, size, "%lld", (long long)v);
	} else {
		snprintf(out, size, "%.1f", v);
	}
}

static void rate_text(char *out, size_t size, const struct measures_part_def *d, bool has, double num, double den)
{
	if (!has || den == 0 || d->kind == KIND_COUNT) {
		snprintf(out, size, "-");
	} else if (d->kind == KIND_SHARE) {
		snprintf(out, size, "%.1f%%", 100.0 * num / den);
	} else {
		snprintf(out, size, "%.1f %s", num / den, d->unit);
	}
}

/* The rate for CSV: a share as a proportion, a ratio as a number, a count empty. */
static void rate_csv(char *out, size_t size, const struct measures_part_def *d, bool has, double num, double den)
{
	if (!has || den == 0 || d->kind == KIND_COUNT) {
		out[0] = '\0';
	} else {
		snprintf(out, size, "%.4f", num / den);
	}
}

static void print_json(json_t *doc)
{
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(doc);
}

static int parse_by(const char *by, unsigned *out)
{
	if (!by) {
		*out = 0;
	} else if (strcmp(by, "team") == 0) {
		*out = 1u << BREAKDOWN_TEAM;
	} else if (strcmp(by, "worker") == 0) {
		*out = 1u << BREAKDOWN_WORKER;
	} else if (strcmp(by, "both") == 0) {
		*out = (1u << BREAKDOWN_TEAM) | (1u << BREAKDOWN_WORKER);
	} else {
		cli_fail("--by: '%s' is not team, worker or both", by);
		return -1;
	}
	return 0;
}

/* ---- computing ---- */

/* --threads N: the children split between N threads, each with its own connection on the
 * same state of the record (measures_job_run); 1 is the single-threaded path. The default
 * is the number of online CPUs. Every figure and list is the same whatever N. */
static int64_t threads_opt = -1;

static int threads_of(void)
{
	return cli_threads(threads_opt);
}

static int bad_threads(void)
{
	return cli_threads(threads_opt) < 0 ? -1 : 0;
}

/* The measures (n dates; none when n is 0) and, when aa is not NULL, the Annex A lists as at
 * aa_as_at, in one pass over the children. */
static int compute_job(struct store *st, const hdate *dates, size_t n, const struct measures_options *opt,
		       hdate aa_as_at, struct arena *a, struct measures_result **out, struct annex_a **aa)
{
	struct hearth_error err = {0};
	struct measures_job job = {.dates = dates, .n_dates = n, .annex_a = aa != NULL, .annex_as_at = aa_as_at,
				   .threads = threads_of()};
	if (opt) {
		job.opt = *opt;
	}
	int rc = measures_job_run(st, &job, a, &err);
	if (!rc && job.bad_settings > 0) {
		fprintf(stderr, "hearth: warning: %d stored setting%s broke %s rule; the default is used\n",
			job.bad_settings, job.bad_settings == 1 ? "" : "s", job.bad_settings == 1 ? "its" : "their");
	}
	if (rc) {
		cli_error(&err);
		return rc;
	}
	if (out) {
		*out = job.results;
	}
	if (aa) {
		*aa = job.aa;
	}
	return 0;
}

static int compute(struct store *st, const hdate *dates, size_t n, const struct measures_options *opt,
		   struct arena *a, struct measures_result **out)
{
	return compute_job(st, dates, n, opt, DATE_NONE, a, out, NULL);
}

/* ---- hearth report DB measures ---- */

static void print_breakdowns_text(const struct measures_result *r, const struct measures_part_result *p)
{
	char num[32], den[32], rate[48];
	for (int b = 0; b < BREAKDOWN_MAX; b++) {
		for (size_t i = 0; p->by[b] && i < p->n_by[b]; i++) {
			const struct measures_cell *cell = &p->by[b][i];
			const char *name = "(none)";
			if (b == BREAKDOWN_TEAM) {
				const struct measures_team *t = measures_team_of(r->in, cell->id);
				name = t && t->name ? t->name : name;
			} else {
				const struct measures_worker *w = measures_worker_of(r->in, cell->id);
				name = w && w->staff_id ? w->staff_id : name;
			}
			number(num, sizeof(num), cell->num);
			number(den, sizeof(den), cell->den);
			rate_text(rate, sizeof(rate), p->def, true, cell->num, cell->den);
			printf("    %-6s %-80.80s %10s %11s %22s\n", b == BREAKDOWN_TEAM ? "team" : "worker", name, num,
			       p->def->kind == KIND_COUNT ? "" : den, rate);
		}
	}
}

static void print_measures_text(const struct measures_result *r)
{
	char from[DATE_STR_SIZE], to[DATE_STR_SIZE], num[32], den[32], rate[48];
	printf("Measures as at %s (the period: %s to %s)\n", date_format(r->as_at, to), date_format(r->period_from, from),
	       to);
	for (int j = JUDGEMENT_LEADERS; j < JUDGEMENT_MAX; j++) {
		bool header = false;
		for (size_t i = 0; i < r->n_parts; i++) {
			const struct measures_part_result *p = &r->parts[i];
			if (measures_part_judgement(p->measure, p->def) != (enum measures_judgement)j) {
				continue;
			}
			if (!header) {
				printf("\n%s\n", measures_judgement_title((enum measures_judgement)j));
				printf("  %-28s %-58s %10s %11s %22s\n", "ID", "MEASURE", "NUMERATOR", "DENOMINATOR", "RATE");
				header = true;
			}
			number(num, sizeof(num), p->num);
			number(den, sizeof(den), p->den);
			rate_text(rate, sizeof(rate), p->def, p->has_rate, p->num, p->den);
			printf("  %-28s %-58.58s %10s %11s %22s\n", p->def->id, p->def->title, num,
			       p->def->kind == KIND_COUNT ? "" : den, rate);
			if (p->note) {
				printf("  %-28s (%s)\n", "", p->note);
			}
			print_breakdowns_text(r, p);
		}
	}
}

static void print_measures_csv(const struct measures_result *r)
{
	char as_at[DATE_STR_SIZE], num[32], den[32], rate[48];
	date_format(r->as_at, as_at);
	printf("as_at,id,measure,judgement,kind,title,numerator,denominator,rate,unit,breakdown,breakdown_id,"
	       "breakdown_name\n");
	for (size_t i = 0; i < r->n_parts; i++) {
		const struct measures_part_result *p = &r->parts[i];
		const char *judgement = measures_judgement_code(measures_part_judgement(p->measure, p->def));
		number(num, sizeof(num), p->num);
		number(den, sizeof(den), p->den);
		rate_csv(rate, sizeof(rate), p->def, p->has_rate, p->num, p->den);
		printf("%s,%s,%s,%s,%s,", as_at, p->def->id, p->measure->id, judgement, measures_kind_code(p->def->kind));
		cli_csv_field(stdout, p->def->title);
		printf(",%s,%s,%s,%s,,,\n", num, p->def->kind == KIND_COUNT ? "" : den, rate, p->def->unit);
		for (int b = 0; b < BREAKDOWN_MAX; b++) {
			for (size_t k = 0; p->by[b] && k < p->n_by[b]; k++) {
				const struct measures_cell *cell = &p->by[b][k];
				const char *name = "";
				if (b == BREAKDOWN_TEAM) {
					const struct measures_team *t = measures_team_of(r->in, cell->id);
					name = t && t->name ? t->name : "";
				} else {
					const struct measures_worker *w = measures_worker_of(r->in, cell->id);
					name = w && w->staff_id ? w->staff_id : "";
				}
				number(num, sizeof(num), cell->num);
				number(den, sizeof(den), cell->den);
				rate_csv(rate, sizeof(rate), p->def, true, cell->num, cell->den);
				printf("%s,%s,%s,%s,%s,", as_at, p->def->id, p->measure->id, judgement,
				       measures_kind_code(p->def->kind));
				cli_csv_field(stdout, p->def->title);
				printf(",%s,%s,%s,%s,%s,%lld,", num, p->def->kind == KIND_COUNT ? "" : den, rate, p->def->unit,
				       b == BREAKDOWN_TEAM ? "team" : "worker", (long long)cell->id);
				cli_csv_field(stdout, name);
				putchar('\n');
			}
		}
	}
}

/* --with-annex-a: the Annex A lists built in the same pass over the children (nothing
 * written: the counts are printed after the measures; bench/measures times this). */
static int report_measures(struct store *st, int argc, char **argv)
{
	hdate as_at = date_today();
	const char *format_name = "text", *by = NULL;
	bool with_annex_a = false;
	struct cli_opt opts[] = {
		{"--as-at", OPT_DATE, &as_at, false},
		{"--format", OPT_STR, &format_name, false},
		{"--by", OPT_STR, &by, false},
		{"--with-annex-a", OPT_FLAG, &with_annex_a, false},
		{"--threads", OPT_INT, &threads_opt, false},
	};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	struct measures_options mo = {0};
	if (cli_parse(argc, argv, 3, opts, 5, pos, 0, &n_pos) || bad_threads() ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_CSV), &format) ||
	    parse_by(by, &mo.breakdowns)) {
		return usage();
	}
	struct arena a = ARENA_INIT;
	struct measures_result *r = NULL;
	struct annex_a *aa = NULL;
	int rc;
	rc = compute_job(st, &as_at, 1, &mo, as_at, &a, &r, with_annex_a ? &aa : NULL);
	if (!rc) {
		if (format == FORMAT_JSON) {
			json_t *doc = measures_to_json(r);
			if (aa) {
				json_t *counts = json_object();
				for (int l = 0; l < ANNEX_A_LISTS; l++) {
					json_object_set_new(counts, annex_a_lists[l].key, json_integer((json_int_t)aa->lists[l].n));
				}
				json_object_set_new(doc, "annex_a_rows", counts);
			}
			print_json(doc);
		} else if (format == FORMAT_CSV) {
			print_measures_csv(r);
		} else {
			print_measures_text(r);
			for (int l = 0; aa && l < ANNEX_A_LISTS; l++) {
				printf("%s%-8s %-32s %8zu rows\n", l ? "" : "\nAnnex A\n", annex_a_lists[l].sheet,
				       annex_a_lists[l].title, aa->lists[l].n);
			}
		}
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- hearth report DB measure ID ---- */

static const char *item_worker(const struct measures_result *r, const struct measures_item *it)
{
	const struct measures_worker *w = it->worker_id ? measures_worker_of(r->in, it->worker_id) : NULL;
	return w && w->staff_id ? w->staff_id : "";
}

static const char *item_team(const struct measures_result *r, const struct measures_item *it)
{
	const struct measures_team *t = it->team_id ? measures_team_of(r->in, it->team_id) : NULL;
	return t && t->name ? t->name : "";
}

static bool item_in(const struct measures_part_result *p, const struct measures_item *it, bool numerator)
{
	return numerator ? it->num != 0 : (it->den != 0 || p->def->kind == KIND_COUNT);
}

static void print_list_text(const struct measures_result *r, const struct measures_part_result *p, bool numerator)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_items; i++) {
		n += item_in(p, &p->items[i], numerator);
	}
	const char *what = p->def->subject == SUBJECT_CHILD ? "children" : p->def->subject == SUBJECT_WORKER ? "workers"
			   : p->def->subject == SUBJECT_TEAM						     ? "teams"
													     : "allegations";
	printf("\n%s list: %zu %s (%s)\n", numerator ? "Numerator" : "Denominator", n, what,
	       numerator ? p->def->numerator : p->def->denominator[0] ? p->def->denominator : p->def->numerator);
	if (!n) {
		return;
	}
	printf("  %-10s %-16s %-10s %-40s %10s %10s\n", "ID", "REF", "WORKER", "TEAM", "NUMERATOR", "DENOMINATOR");
	char num[32], den[32];
	for (size_t i = 0; i < p->n_items; i++) {
		const struct measures_item *it = &p->items[i];
		if (!item_in(p, it, numerator)) {
			continue;
		}
		number(num, sizeof(num), it->num);
		number(den, sizeof(den), it->den);
		printf("  %-10lld %-16s %-10s %-40.40s %10s %10s\n", (long long)it->id, it->ref ? it->ref : "",
		       item_worker(r, it), item_team(r, it), num, p->def->kind == KIND_COUNT ? "" : den);
	}
}

static void print_part_text(const struct measures_result *r, const struct measures_part_result *p, int lists)
{
	char as_at[DATE_STR_SIZE], from[DATE_STR_SIZE], num[32], den[32], rate[48];
	const struct measures_part_def *d = p->def;
	printf("%s  %s\n", d->id, d->title);
	printf("  as at %s; the period %s to %s; informs: %s\n", date_format(r->as_at, as_at),
	       date_format(r->period_from, from), as_at,
	       measures_judgement_title(measures_part_judgement(p->measure, d)));
	printf("  definition: %s\n", p->measure->definition);
	number(num, sizeof(num), p->num);
	number(den, sizeof(den), p->den);
	rate_text(rate, sizeof(rate), d, p->has_rate, p->num, p->den);
	printf("  numerator:   %10s  %s\n", num, d->numerator);
	if (d->kind != KIND_COUNT) {
		printf("  denominator: %10s  %s\n", den, d->denominator);
		printf("  rate:        %10s%s\n", rate, d->flags & PART_LOWER_BETTER ? "  (lower is better)" : "");
	}
	for (int i = 0; i < p->n_extras; i++) {
		number(num, sizeof(num), p->extras[i].value);
		printf("  %-12s %10s\n", p->extras[i].name, num);
	}
	if (p->note) {
		printf("  note: %s\n", p->note);
	}
	print_breakdowns_text(r, p);
	if (lists & 1) {
		print_list_text(r, p, true);
	}
	if (lists & 2) {
		print_list_text(r, p, false);
	}
}

static void print_list_csv(const struct measures_result *r, const struct measures_part_result *p, int lists)
{
	char num[32], den[32];
	for (size_t i = 0; i < p->n_items; i++) {
		const struct measures_item *it = &p->items[i];
		bool in_num = item_in(p, it, true), in_den = item_in(p, it, false);
		if (!((lists & 1) && in_num) && !((lists & 2) && in_den)) {
			continue;
		}
		number(num, sizeof(num), it->num);
		number(den, sizeof(den), it->den);
		printf("%s,%s,%lld,", p->def->id, measures_subject_code(p->def->subject), (long long)it->id);
		cli_csv_field(stdout, it->ref ? it->ref : "");
		putchar(',');
		cli_csv_field(stdout, item_worker(r, it));
		putchar(',');
		cli_csv_field(stdout, item_team(r, it));
		printf(",%s,%s,%d,%d\n", num, p->def->kind == KIND_COUNT ? "" : den, in_num, in_den);
	}
}

static int report_measure(struct store *st, int argc, char **argv)
{
	hdate as_at = date_today();
	const char *format_name = "text", *list = NULL, *by = NULL;
	struct cli_opt opts[] = {
		{"--as-at", OPT_DATE, &as_at, false},
		{"--format", OPT_STR, &format_name, false},
		{"--list", OPT_STR, &list, false},
		{"--by", OPT_STR, &by, false},
		{"--threads", OPT_INT, &threads_opt, false},
	};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	struct measures_options mo = {0};
	if (cli_parse(argc, argv, 3, opts, 5, pos, 1, &n_pos) || n_pos != 1 || bad_threads() ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_CSV), &format) ||
	    parse_by(by, &mo.breakdowns)) {
		return usage();
	}
	int lists = 0;
	if (list) {
		if (strcmp(list, "numerator") == 0) {
			lists = 1;
		} else if (strcmp(list, "denominator") == 0) {
			lists = 2;
		} else if (strcmp(list, "both") == 0) {
			lists = 3;
		} else {
			cli_fail("--list: '%s' is not numerator, denominator or both", list);
			return usage();
		}
	}
	const char *id = pos[0];
	if (!measures_find_part(id, NULL) && !measures_find(id)) {
		cli_fail("there is no measure '%s' (hearth report catalogue lists them)", id);
		return EXIT_FAIL;
	}
	if (format == FORMAT_CSV && !lists) {
		lists = 3;
	}
	mo.collect = lists ? id : NULL;
	struct arena a = ARENA_INIT;
	struct measures_result *r;
	int rc = compute(st, &as_at, 1, &mo, &a, &r);
	if (!rc) {
		size_t prefix = strlen(id);
		json_t *parts = json_array();
		bool first = true;
		if (format == FORMAT_CSV) {
			printf("part,subject,id,ref,worker,team,numerator,denominator,in_numerator,in_denominator\n");
		}
		for (size_t i = 0; i < r->n_parts; i++) {
			const struct measures_part_result *p = &r->parts[i];
			const char *pid = p->def->id;
			if (strcmp(pid, id) != 0 && !(strncmp(pid, id, prefix) == 0 && pid[prefix] == '.')) {
				continue;
			}
			if (format == FORMAT_JSON) {
				json_array_append_new(parts, measures_part_to_json(r, p, lists));
			} else if (format == FORMAT_CSV) {
				print_list_csv(r, p, lists);
			} else {
				if (!first) {
					putchar('\n');
				}
				print_part_text(r, p, lists);
			}
			first = false;
		}
		if (format == FORMAT_JSON) {
			if (json_array_size(parts) == 1 && measures_find_part(id, NULL)) {
				print_json(json_incref(json_array_get(parts, 0)));
				json_decref(parts);
			} else {
				char d[DATE_STR_SIZE];
				print_json(json_pack("{s:s, s:s, s:o}", "id", id, "as_at", date_format(as_at, d), "parts", parts));
			}
		} else {
			json_decref(parts);
		}
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- hearth report DB trend ID ---- */

static int report_trend(struct store *st, int argc, char **argv)
{
	hdate from = DATE_NONE, to = DATE_NONE;
	const char *every = "month", *format_name = "text";
	struct cli_opt opts[] = {
		{"--from", OPT_DATE, &from, false},
		{"--to", OPT_DATE, &to, false},
		{"--every", OPT_STR, &every, false},
		{"--format", OPT_STR, &format_name, false},
		{"--threads", OPT_INT, &threads_opt, false},
	};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	if (cli_parse(argc, argv, 3, opts, 5, pos, 1, &n_pos) || n_pos != 1 || bad_threads() ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_CSV), &format)) {
		return usage();
	}
	if (from == DATE_NONE || to == DATE_NONE) {
		cli_fail("trend needs --from and --to");
		return usage();
	}
	if (to < from) {
		cli_fail("--to is before --from");
		return EXIT_USAGE;
	}
	int step = strcmp(every, "month") == 0 ? 1 : strcmp(every, "quarter") == 0 ? 3 : 0;
	if (!step) {
		cli_fail("--every: '%s' is not month or quarter", every);
		return usage();
	}
	const char *id = pos[0];
	if (!measures_find_part(id, NULL)) {
		const struct measures_def *m = measures_find(id);
		if (m && m->n_parts > 1) {
			cli_fail("%s has parts: name one (%s...)", id, m->parts[0].id);
		} else {
			cli_fail("there is no measure '%s' (hearth report catalogue lists them)", id);
		}
		return EXIT_FAIL;
	}
	int y, m, d;
	date_to_ymd(from, &y, &m, &d);
	bool month_end = d == date_days_in_month(y, m);
	hdate dates[600];
	size_t n = 0;
	for (int k = 0; n < sizeof(dates) / sizeof(dates[0]); k += step) {
		hdate t = date_add_months(from, k);
		if (month_end) {
			int ty, tm, td;
			date_to_ymd(t, &ty, &tm, &td);
			t = date_from_ymd(ty, tm, date_days_in_month(ty, tm));
		}
		if (t > to) {
			break;
		}
		dates[n++] = t;
	}
	struct arena a = ARENA_INIT;
	struct measures_result *rs;
	struct measures_options mo = {0};
	int rc = compute(st, dates, n, &mo, &a, &rs);
	if (!rc) {
		const struct measures_part_def *def = measures_find_part(id, NULL);
		char as_at[DATE_STR_SIZE], num[32], den[32], rate[48];
		if (format == FORMAT_JSON) {
			print_json(measures_trend_to_json(rs, n, id));
		} else {
			if (format == FORMAT_CSV) {
				printf("as_at,id,numerator,denominator,rate\n");
			} else {
				printf("%s  %s, every %s from %s\n", id, def->title, every, date_format(from, as_at));
				printf("  %-10s %10s %11s %14s\n", "AS AT", "NUMERATOR", "DENOMINATOR", "RATE");
			}
			for (size_t i = 0; i < n; i++) {
				const struct measures_part_result *p = measures_result_part(&rs[i], id);
				number(num, sizeof(num), p->num);
				number(den, sizeof(den), p->den);
				date_format(rs[i].as_at, as_at);
				if (format == FORMAT_CSV) {
					rate_csv(rate, sizeof(rate), def, p->has_rate, p->num, p->den);
					printf("%s,%s,%s,%s,%s\n", as_at, id, num, def->kind == KIND_COUNT ? "" : den, rate);
				} else {
					rate_text(rate, sizeof(rate), def, p->has_rate, p->num, p->den);
					printf("  %-10s %10s %11s %14s\n", as_at, num, def->kind == KIND_COUNT ? "" : den, rate);
				}
			}
		}
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- hearth report DB annex-a ---- */

static int report_annex_a(struct store *st, int argc, char **argv)
{
	hdate as_at = date_today();
	const char *format_name = "xlsx", *out = NULL;
	struct cli_opt opts[] = {
		{"--as-at", OPT_DATE, &as_at, false},
		{"--format", OPT_STR, &format_name, false},
		{"--out", OPT_STR, &out, false},
		{"--threads", OPT_INT, &threads_opt, false},
	};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 3, opts, 4, pos, 0, &n_pos) || bad_threads()) {
		return usage();
	}
	bool csv = strcmp(format_name, "csv") == 0;
	if (!csv && strcmp(format_name, "xlsx") != 0) {
		cli_fail("--format: '%s' is not xlsx or csv", format_name);
		return usage();
	}
	if (!out || !*out) {
		cli_fail("annex-a needs --out (a .xlsx file, or a directory with --format csv)");
		return usage();
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct annex_a *aa = NULL;
	int rc = compute_job(st, NULL, 0, NULL, as_at, &a, NULL, &aa);
	if (rc) {
		arena_free(&a);
		return EXIT_FAIL;
	}
	if (!rc) {
		rc = csv ? annex_a_write_csv(aa, out, &err) : annex_a_write_xlsx(aa, out, &err);
	}
	if (!rc) {
		struct store_audit row = {cli_actor(), "read", 0, "annex_a", "cli:report annex-a", "local"};
		rc = store_audit_append(st, &row, 1, &err);
	}
	if (!rc) {
		char d[DATE_STR_SIZE];
		printf("Annex A as at %s written to %s\n", date_format(as_at, d), out);
		for (int l = 0; l < ANNEX_A_LISTS; l++) {
			printf("  %-8s %-32s %8zu rows\n", annex_a_lists[l].sheet, annex_a_lists[l].title, aa->lists[l].n);
		}
	} else {
		cli_error(&err);
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- hearth report catalogue ---- */

static int report_catalogue(int argc, char **argv)
{
	const char *format_name = "text";
	struct cli_opt opts[] = {{"--format", OPT_STR, &format_name, false}};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	if (cli_parse(argc, argv, 2, opts, 1, pos, 0, &n_pos) ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON), &format)) {
		return usage();
	}
	json_t *arr = json_array();
	for (int i = 0; i < measures_count; i++) {
		const struct measures_def *m = &measures_table[i];
		if (format == FORMAT_TEXT) {
			printf("%-6s %s  [%s]\n       %s\n", m->id, m->title, measures_judgement_code(m->judgement),
			       m->definition);
		}
		json_t *parts = json_array();
		for (int k = 0; k < m->n_parts; k++) {
			const struct measures_part_def *p = &m->parts[k];
			if (format == FORMAT_TEXT) {
				printf("       - %-28s %s (%s)\n", p->id, p->title, measures_kind_code(p->kind));
			}
			json_array_append_new(
				parts, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", p->id, "title", p->title,
						 "kind", measures_kind_code(p->kind), "judgement",
						 measures_judgement_code(measures_part_judgement(m, p)), "numerator",
						 p->numerator, "denominator", p->denominator, "unit", p->unit, "lower_is_better",
						 (p->flags & PART_LOWER_BETTER) != 0));
		}
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", m->id, "title", m->title,
						     "judgement", measures_judgement_code(m->judgement), "definition",
						     m->definition, "parts", parts));
	}
	if (format == FORMAT_JSON) {
		print_json(json_pack("{s:o}", "measures", arr));
	} else {
		json_decref(arr);
	}
	return EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "catalogue") == 0) {
		return report_catalogue(argc, argv);
	}
	if (argc < 3) {
		return usage();
	}
	const char *what = argv[2];
	bool annex = strcmp(what, "annex-a") == 0;
	if (!annex && strcmp(what, "measures") != 0 && strcmp(what, "measure") != 0 && strcmp(what, "trend") != 0) {
		cli_fail("report: '%s' is not measures, measure, trend or annex-a", what);
		return usage();
	}
	struct store *st = cli_open(argv[1], annex ? STORE_WRITE : STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	int rc = annex ? report_annex_a(st, argc, argv)
	       : strcmp(what, "measures") == 0 ? report_measures(st, argc, argv)
	       : strcmp(what, "measure") == 0	? report_measure(st, argc, argv)
					       : report_trend(st, argc, argv);
	store_close(st);
	return rc;
}
