/* measures: the inspection measures (DOMAIN.md §5) and the Annex A lists (§6), for any
 * as-at date, down to the child.
 *
 * One engine computes every measure. The measures are a table (measures_table[] in
 * table.c): each entry names the measure, the ILACS judgement it informs, its parts (a
 * measure such as CL1 has several: CL1.in_touch, CL1.eet...), a per-child accumulate
 * function and a finish function. The engine walks the children once (the store's
 * casefile scan), hands each child to every measure for every as-at date asked for, and
 * counts what the measures report into each part's numerator and denominator, by team and
 * by worker when asked, and, for the parts whose drill-down is asked for, the children (or
 * workers, or LADO allegations) behind both. Every timeliness question goes through the
 * statutory clock (clock/clock.h): no due date is computed here.
 *
 * The common conventions, which every measure follows unless its comment says otherwise:
 *   - "the period" is the 12 months to the as-at date: from the day after the same date a
 *     year before (date_add_months(as_at, -12) + 1) to the as-at date itself, both days
 *     included. As at 31 March 2026 the period is 1 April 2025 to 31 March 2026.
 *   - The record is read as it stood on the as-at date: rows dated after it are ignored,
 *     and an end date after it counts as still open (cf_open_on).
 *   - A timescale still running on the as-at date (not yet met, not yet due, or due that
 *     very day) is neither in time nor late: it is left out of both numerator and
 *     denominator until it is met or missed. One met on the as-at date counts.
 *   - "On the as-at date" populations (children in care, open plans, care leavers) leave
 *     out children who had died by then; children in care under short breaks (legal status
 *     V3/V4) are left out of the in-care measures, as the clock leaves them out.
 *   - Breakdowns attribute a child to the social worker allocated on the as-at date, or
 *     failing that the last one allocated before it, and to that allocation's team (care
 *     leavers: the personal adviser). Workers are attributed to their own team.
 *
 * Memory: everything a run produces lives in the arena the caller passes and dies with it;
 * the measure table is static. Inputs (struct measures_inputs) are borrowed and must
 * outlive the run and its results. Nothing here keeps global state: distinct runs may go on
 * in distinct threads. Functions that can fail return 0 or a negative HERR_* code and fill
 * err; the others cannot fail (allocation failure aborts). */
#ifndef HEARTH_MEASURES_MEASURES_H
#define HEARTH_MEASURES_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "clock/clock.h"
#include "model/casefile.h"
#include "model/settings.h"
#include "store/store.h"

/* ---- the table ---- */

/* The ILACS judgements (DOMAIN.md §4) a measure informs. */
enum measures_judgement {
	JUDGEMENT_NONE = 0,		/* a part that inherits its measure's judgement */
	JUDGEMENT_LEADERS,		/* the impact of leaders on social work practice */
	JUDGEMENT_HELP_PROTECTION,	/* children who need help and protection */
	JUDGEMENT_IN_CARE,		/* children in care */
	JUDGEMENT_CARE_LEAVERS,		/* care leavers */
	JUDGEMENT_MAX
};

/* What a part's numbers mean. */
enum measures_kind {
	KIND_SHARE,	/* numerator / denominator, a proportion (0..1) */
	KIND_RATIO,	/* numerator / denominator, an average in the part's unit (weeks, days...) */
	KIND_COUNT,	/* numerator only: a count; the denominator is not used and the rate is null */
	KIND_MAX
};

/* What the drill-down lists. */
enum measures_subject { SUBJECT_CHILD, SUBJECT_WORKER, SUBJECT_LADO, SUBJECT_TEAM, SUBJECT_MAX };

enum measures_part_flags {
	PART_BY_TEAM = 1 << 0,		/* a breakdown by team makes sense */
	PART_BY_WORKER = 1 << 1,	/* a breakdown by worker makes sense */
	PART_BY_PA = 1 << 2,		/* attribute to the personal adviser, not the social worker */
	PART_LOWER_BETTER = 1 << 3,	/* a lower rate is better (re-referrals, repeat plans) */
};

struct measures_part_def {
	const char *id;			/* "FD1", or "CL1.in_touch" for a measure with parts */
	const char *title;
	enum measures_kind kind;
	enum measures_subject subject;
	const char *numerator;		/* what the numerator counts, in plain words */
	const char *denominator;	/* what the denominator counts ("" for a count) */
	const char *unit;		/* KIND_RATIO: "weeks", "days"...; else "" */
	unsigned flags;
	enum measures_judgement judgement;	/* JUDGEMENT_NONE: the measure's */
};

struct measures_run;
struct measures_child;
struct annex_a;
/* Called once per child per as-at date (see internal.h for what a measure may read and how
 * it counts); finish once per as-at date after every child, for what is not a child's
 * (workers, LADO allegations) or needs every child first. Either may be NULL. */
typedef void (*measures_child_fn)(struct measures_child *c);
typedef void (*measures_finish_fn)(struct measures_child *c);

struct measures_def {
	const char *id;			/* "CL1" */
	const char *title;
	enum measures_judgement judgement;
	const char *definition;		/* the definition as implemented, in a sentence or two */
	const struct measures_part_def *parts;
	int n_parts;
	measures_child_fn child;
	measures_finish_fn finish;
};

extern const struct measures_def measures_table[];
extern const int measures_count;

/* The measure with this id ("CL1"), or NULL. Static data. */
const struct measures_def *measures_find(const char *id);
/* The part with this id ("CL1.in_touch", or "FD1" for a one-part measure), or NULL; *m_out
 * (may be NULL) receives its measure. Static data. */
const struct measures_part_def *measures_find_part(const char *id, const struct measures_def **m_out);
/* The judgement a part informs (its own, or its measure's). */
enum measures_judgement measures_part_judgement(const struct measures_def *m, const struct measures_part_def *p);
/* "leaders", "help_protection", "in_care", "care_leavers"; and the words Ofsted uses. */
const char *measures_judgement_code(enum measures_judgement j);
const char *measures_judgement_title(enum measures_judgement j);
/* "share", "ratio", "count"; "child", "worker", "lado". */
const char *measures_kind_code(enum measures_kind k);
const char *measures_subject_code(enum measures_subject s);

/* ---- inputs beyond the casefiles ---- */

struct measures_team {
	int64_t id;
	const char *name, *service;
	double establishment;	/* FTE posts; 0 when not recorded */
	hdate closed;		/* DATE_NONE while open (read only when there is an establishment) */
};

struct measures_worker {
	int64_t id, team_id;
	const char *staff_id, *given_name, *family_name, *role;
	double fte;
	bool agency, case_holder;
	bool registered;		/* holds a Social Work England number */
	hdate start, end;		/* end DATE_NONE while in post */
};

/* A child's disability as Annex A asks it: any code but NONE is a disability. */
struct measures_disability {
	int64_t child_id;
	bool disabled;
};

/* Everything the measures and Annex A read besides the casefiles. Arrays sorted by id
 * (child_id for disability); all borrowed. */
struct measures_inputs {
	struct settings settings;
	const struct measures_team *teams;
	size_t n_teams;
	const struct measures_worker *workers;
	size_t n_workers;
	const struct clock_lado *lado;
	size_t n_lado;
	const struct measures_disability *disability;
	size_t n_disability;
};

/* Teams, workers, LADO allegations, disabilities and settings from the store, into a
 * (a stored setting that fails its rule is skipped, its default kept, and counted in
 * *bad_settings when that is not NULL). Returns 0 or a negative HERR_* code. */
int measures_inputs_load(struct store *st, struct arena *a, struct measures_inputs *out, int *bad_settings,
			 struct hearth_error *err);
/* The settings, teams and workers only (no LADO allegations, no disabilities), for a run
 * whose caller reads only parts that use neither (the team page's SUP1). */
int measures_inputs_load_staff(struct store *st, struct arena *a, struct measures_inputs *out,
			       struct hearth_error *err);
/* The team or worker with this id in the inputs, or NULL. */
const struct measures_team *measures_team_of(const struct measures_inputs *in, int64_t id);
const struct measures_worker *measures_worker_of(const struct measures_inputs *in, int64_t id);

/* ---- results ---- */

enum measures_breakdown_kind { BREAKDOWN_TEAM, BREAKDOWN_WORKER, BREAKDOWN_MAX };

/* One team's or worker's share of a part (id 0: not allocated to anyone). */
struct measures_cell {
	int64_t id;
	double num, den;
};

/* One subject behind a part: a child (id = child id), a worker or a LADO allegation, with
 * how much it put into the numerator and the denominator (a child with three contacts in
 * the period puts 3 into FD1's denominator). */
struct measures_item {
	int64_t id;
	const char *ref;		/* LA child id, staff id or LADO reference */
	int64_t worker_id, team_id;	/* attribution (0 when none) */
	double num, den;
};

struct measures_extra {		/* a further figure of a part: mean, median, max... */
	const char *name;
	double value;
};

#define MEASURES_MAX_EXTRAS 4

struct measures_part_result {
	const struct measures_def *measure;
	const struct measures_part_def *def;
	double num, den;
	bool has_rate;			/* false for a count, or when the denominator is 0 */
	double rate;
	struct measures_extra extras[MEASURES_MAX_EXTRAS];
	int n_extras;
	const char *note;		/* why a figure is missing, or NULL */
	struct measures_cell *by[BREAKDOWN_MAX];	/* NULL unless asked for and the part allows */
	size_t n_by[BREAKDOWN_MAX];
	bool collected;			/* items were asked for */
	struct measures_item *items;	/* in subject id order */
	size_t n_items;
};

struct measures_result {
	hdate as_at, period_from;	/* the period is [period_from, as_at] */
	const struct measures_inputs *in;
	struct measures_part_result *parts;	/* one per part, in table order */
	size_t n_parts;
};

/* The part with this id in a result, or NULL. */
const struct measures_part_result *measures_result_part(const struct measures_result *r, const char *id);

/* ---- running the engine ---- */

struct measures_options {
	/* Drill-down: keep the subjects behind the parts whose id equals this or starts with
	 * it and a dot ("CL1" keeps every CL1 part); "*" keeps every part; NULL none. */
	const char *collect;
	unsigned breakdowns;		/* 1 << BREAKDOWN_TEAM | 1 << BREAKDOWN_WORKER */
};

/* A run over one or more as-at dates (a trend is one run, one pass over the children).
 * dates: n_dates as-at dates (copied). The run and everything it makes live in a. */
struct measures_run *measures_run_new(struct arena *a, const struct measures_inputs *in, const hdate *dates,
				      size_t n_dates, const struct measures_options *opt);
/* Counts one child for every date. cf is read during the call only (anything kept is
 * copied). Children must come in ascending id order, as the store's scan gives them. */
void measures_run_child(struct measures_run *r, const struct casefile *cf);
/* Finishes the run: returns n_dates results (in the run's arena), in the order of dates.
 * Call once; the run is done afterwards. */
struct measures_result *measures_run_finish(struct measures_run *r);

/* Adds src's counts into r (same inputs, dates and options; src's children all after r's
 * in id order): totals, breakdowns, counters (m_counts), and src's items appended after r's
 * (their references copied into r's arena, so src's may be freed). Before finishing r. */
void measures_run_merge(struct measures_run *r, const struct measures_run *src);

/* All of it from the store, with the children split between threads.
 *
 * threads <= 1 is the single-threaded path: the inputs and one scan on st. With more, st
 * and threads - 1 more connections (store_readers_open) each begin a read transaction on
 * the same state of the record (checked: the same newest revision on each; see store.h),
 * the inputs are read on st inside it, the children's id range is cut into threads parts
 * and each thread scans its part on its own connection into its own run and lists, in its
 * own arena; the main thread then merges them in id order (measures_run_merge,
 * annex_a_merge) and finishes. Every figure and list is byte for byte the single-threaded
 * one: a child's contributions are whole numbers (exact sums in any order), items and rows
 * are appended part after part, and the finish functions run once on the merged run.
 * On PostgreSQL the scan stays on one connection (one thread), inside one read-only
 * repeatable-read transaction. Results in a (as measures_compute and annex_a_compute). */
struct measures_job {
	const hdate *dates;		/* the measures' as-at dates (n_dates 0: no measures) */
	size_t n_dates;
	struct measures_options opt;
	bool annex_a;			/* also the Annex A lists as at annex_as_at */
	hdate annex_as_at;
	int threads;
	/* out */
	int bad_settings;		/* stored settings that broke their rule (defaults used) */
	int threads_used;
	struct measures_inputs *in;
	struct measures_result *results;	/* n_dates of them */
	struct annex_a *aa;
};
int measures_job_run(struct store *st, struct measures_job *job, struct arena *a, struct hearth_error *err);

/* One pass over every child in the store (store_casefiles_scan), handing each casefile to
 * the run and to the Annex A lists (either may be NULL). Returns 0 or a negative HERR_*
 * code from the store. */
int measures_scan(struct store *st, struct measures_run *run, struct annex_a *aa, struct hearth_error *err);
/* The whole thing from the store: loads the inputs, scans every child once, finishes.
 * *out receives n_dates results, all in a. Returns 0 or a negative HERR_* code. */
int measures_compute(struct store *st, const hdate *dates, size_t n_dates, const struct measures_options *opt,
		     struct arena *a, struct measures_result **out, struct hearth_error *err);

/* ---- output ---- */

/* The report as JSON: {"as_at", "period": {"from", "to"}, "measures": [entry...]} with one
 * entry per part: id, measure, title, judgement, kind, unit, numerator, denominator, rate,
 * what the numerator and denominator count, extras, note, and by_team / by_worker when
 * they were computed. A new reference the caller json_decref()s. Dump it with
 * JSON_REAL_PRECISION(10) or so: rates are rounded to 4 decimal places. */
json_t *measures_to_json(const struct measures_result *r);
/* One part as JSON (the same entry), with "numerator_list" and "denominator_list" (subject
 * id, reference, attribution and its counts) when the part's items were collected and
 * lists says so (1: numerator list, 2: denominator list, 3: both). */
json_t *measures_part_to_json(const struct measures_result *r, const struct measures_part_result *p, int lists);
/* A trend: {"id", "title", "kind", "unit", "series": [{"as_at", "numerator", "denominator",
 * "rate"}...]} for one part over n results. */
json_t *measures_trend_to_json(const struct measures_result *rs, size_t n, const char *part_id);

/* The children behind a part, for a drill-down page: the subject ids whose numerator (when
 * numerator is true) or denominator share is non-zero, in id order, in a. The part's items
 * must have been collected (else *n_out is 0 and NULL is returned). */
int64_t *measures_drill(const struct measures_result *r, const char *part_id, bool numerator, struct arena *a,
			size_t *n_out);

/* ---- Annex A (Ofsted, January 2024) ---- */

enum annex_a_type {
	AA_TEXT,	/* a string written as is (identifiers, names) */
	AA_CODE,	/* a permitted value, in the lettered form the schema gives */
	AA_DATE,	/* a date: dd/mm/yyyy (a date cell so formatted in the workbook) */
	AA_INT,		/* a whole number */
	AA_TYPE_MAX
};

struct annex_a_column {
	const char *header;		/* exactly as the schema's column_map key */
	enum annex_a_type type;
	bool blank_ok;			/* the schema's canbeblank */
};

#define ANNEX_A_LISTS 11

struct annex_a_list {
	const char *key;		/* "list_1": the schema's key, and the CSV's file name */
	const char *sheet;		/* "List 1": the workbook's sheet name */
	const char *title;		/* "Contacts" */
	int months;			/* the window: 6 (plus open work) or 12 */
	const struct annex_a_column *cols;
	int n_cols;
};

extern const struct annex_a_list annex_a_lists[ANNEX_A_LISTS];

/* One cell: a date, a number, or a string (codes point at static tables). */
union annex_a_cell {
	hdate d;
	int64_t n;
	const char *s;
};

#define ANNEX_A_NONE_INT INT64_MIN	/* a blank number */

#define ANNEX_A_CHUNK 4096		/* rows per chunk */

/* A list's rows, in chunks of ANNEX_A_CHUNK rows of the list's n_cols cells each, so that
 * a growing list never copies (or wastes) what it already holds; read them through
 * annex_a_row(). */
struct annex_a_rows {
	union annex_a_cell **chunks;
	size_t n_chunks, cap_chunks;
	size_t n;			/* rows */
};

struct annex_a {
	hdate as_at;
	hdate from6, from12;		/* first days of the 6- and 12-month windows */
	const struct measures_inputs *in;
	struct arena *a;
	struct annex_a_rows lists[ANNEX_A_LISTS];
	const char **worker_names;	/* "Given Family" by worker index, made when first needed */
};

/* A new, empty set of lists as at as_at, in a (inputs borrowed). */
struct annex_a *annex_a_new(struct arena *a, const struct measures_inputs *in, hdate as_at);
/* Appends src's rows after aa's, list by list (text copied into aa's arena). */
void annex_a_merge(struct annex_a *aa, const struct annex_a *src);
/* Adds one child's rows to every list it belongs in (cf read during the call only). */
void annex_a_child(struct annex_a *aa, const struct casefile *cf);
/* The cells of row i of list l (0-based list index). */
const union annex_a_cell *annex_a_row(const struct annex_a *aa, int l, size_t i);
/* A cell as text: dates dd/mm/yyyy, numbers in decimal, blanks "" (out: 24 bytes at least;
 * the result may point at out or at the cell's own string). */
const char *annex_a_cell_text(const struct annex_a_column *col, const union annex_a_cell *cell, char *out,
			      size_t size);

/* Which children the lists may name. The lists name each child (LA id, date of birth,
 * legal status, team, worker), so a person's download must hold only the children that
 * person may open: restricted children only with a grant. named returns 1 (listed), 0
 * (left out of every list) or a negative HERR_* code (err filled), which stops the work. */
struct annex_a_filter {
	int (*named)(void *ctx, int64_t child_id, struct hearth_error *err);
	void *ctx;
};

/* Loads the inputs, scans every child once and fills *out (in a), with the children
 * filter allows; a NULL filter lists every child (`hearth report`, for whoever holds the
 * record itself). */
int annex_a_compute(struct store *st, hdate as_at, const struct annex_a_filter *filter, struct arena *a,
		    struct annex_a **out, struct hearth_error *err);
/* The whole lot in one scan: the measures as at as_at and the Annex A lists, for the
 * benchmark and for callers that want both. */
int measures_and_annex_a(struct store *st, hdate as_at, const struct measures_options *opt, struct arena *a,
			 struct measures_result **mr, struct annex_a **aa, struct hearth_error *err);

/* The workbook: one sheet per list, headers in row 1, one row per record. Overwrites
 * path. Returns 0, or HERR_IO with err naming the file. */
int annex_a_write_xlsx(const struct annex_a *aa, const char *path, struct hearth_error *err);
/* Eleven CSV files list_1.csv ... list_11.csv in dir (created when missing; files
 * overwritten). Returns 0, or HERR_IO with err naming the file. */
int annex_a_write_csv(const struct annex_a *aa, const char *dir, struct hearth_error *err);

#endif
