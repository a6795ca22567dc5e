/* internal: what the returns module's files share; never included outside src/returns/.
 *
 * The return views. A view is one child's rows in one return for one collection year,
 * holding values as the return's file holds them: codes as written in that year (SEX "1"
 * in a 2024 SSDA903, "M" from 2025), dates as hdate. A view is built from the record
 * (view903.c, viewcin.c) or read from a file (ssda903.c, cin_census.c); the rules
 * (rules903.c, rulescin.c) read only views. A date read from a file that is present but not
 * a date is RDATE_BAD; DATE_NONE is blank. Every row carries where it came from: the file
 * line (0 from the record) and the record row id (0 from a file).
 *
 * Views live in an arena; strings point into the arena, the code tables or the casefile
 * (which must then outlive the view). */
#ifndef HEARTH_RETURNS_INTERNAL_H
#define HEARTH_RETURNS_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "returns/returns.h"

#define RDATE_BAD (INT32_MIN + 1)

/* A date that is present and valid. */
static inline bool dok(hdate d)
{
	return d != DATE_NONE && d != RDATE_BAD;
}

/* A non-blank string. */
static inline bool sok(const char *s)
{
	return s && *s;
}

/* A growing array in an arena: ARR_PUSH(a, arr, n, cap) returns a zeroed new last element. */
#define ARR_PUSH(a, arr, n, cap)                                                               \
	((n) == (cap) ? ((arr) = arena_grow((a), (arr), (n), (cap) = (cap) ? (cap) * 2 : 8, sizeof(*(arr)))) \
		      : (arr),                                                                 \
	 &(arr)[(n)++])

/* ---- what reading a file found before any rule ran ---- */

/* A file that is no table of the return, a second file of one table, a column the table
 * does not have (or lacks), a row whose values do not match the header, a row with no child
 * id, a file not in UTF-8, a value that is not of its element's type. */
enum rread_problem { RREAD_NOT_TABLE, RREAD_SECOND_TABLE, RREAD_EXTRA_COLUMN, RREAD_MISSING_COLUMN, RREAD_COLUMNS,
		     RREAD_BLANK_CHILD, RREAD_ENCODING, RREAD_VALUE, RREAD_UNREADABLE, RREAD_MAX };

struct rread_note {
	enum rread_problem p;
	const char *file;
	int line;		/* 0: the file as a whole */
	const char *column;	/* or NULL */
	const char *message;
};

/* The rule a read problem is reported under (ids "R01".., not the DfE's: these are what
 * hearth found reading the files; RREAD_EXTRA_COLUMN and RREAD_ENCODING are queries). */
const struct returns_rule *rread_rule(enum returns_kind k, enum rread_problem p);

/* ---- SSDA903 ---- */

enum s9_table { S9_HEADER, S9_EPISODES, S9_REVIEWS, S9_UASC, S9_OC2, S9_OC3, S9_AD1, S9_PLACED, S9_PREVPERM,
		S9_MISSING, S9_SW, S9_DOLO, S9_TABLE_MAX };

struct s9_episode {
	hdate decom, dec;
	const char *rne, *ls, *cin, *place, *provider, *rec, *rpc, *home_post, *pl_post, *urn;
	int line;
	int64_t id;
};

struct s9_review {
	hdate dob, date;
	const char *code;
	int line;
	int64_t id;
};

struct s9_missing {
	hdate dob, start, end;
	const char *type;	/* M missing, A away from placement */
	int line;
	int64_t id;
};

struct s9_uasc {
	const char *sex;
	hdate dob, duc;
	int line;
};

enum s9_oc2_field { OC2_SDQ_SCORE, OC2_SDQ_REASON, OC2_CONVICTED, OC2_HEALTH_CHECK, OC2_IMMUNISATIONS,
		    OC2_TEETH_CHECK, OC2_HEALTH_ASSESSMENT, OC2_SUBSTANCE_MISUSE, OC2_INTERVENTION_RECEIVED,
		    OC2_INTERVENTION_OFFERED, OC2_FIELD_MAX };

struct s9_oc2 {
	hdate dob;
	const char *v[OC2_FIELD_MAX];
	int line;
	int64_t id;		/* the cla_outcome row, 0 when none is recorded */
};

struct s9_oc3 {
	hdate dob;
	const char *in_touch, *activ, *accom;
	int line;
	int64_t id;
};

struct s9_ad1 {
	hdate dob, date_int, date_match;
	const char *foster_care, *nb_adoptr, *sex_adoptr, *ls_adoptr;
	int line;
	int64_t id;
};

struct s9_placed {
	hdate dob, date_placed, date_ceased;
	const char *reason;
	int line;
	int64_t id;
};

struct s9_prevperm {
	hdate dob, date_perm;
	const char *prev_perm, *la_perm;
	int line;
};

struct s9_sw {
	hdate dob, decom, dec;
	const char *sw_id, *reason;
	int line;
	int64_t id;
};

/* A deprivation of liberty order (the DoLo table, from 2026-27: ssda903_dolo_rules_2026_27
 * in the standards note; columns CHILD, DOB, DOLO_START, DOLO_END; a blank end: open). */
struct s9_dolo {
	hdate dob, start, end;
	int line;
	int64_t id;
};

#define VARR(type, name) \
	type *name;      \
	size_t n_##name, cap_##name

struct s9_child {
	int64_t id;		/* the record's child id; 0 from a file */
	const char *child;	/* CHILD */
	const char *sex, *ethnic, *upn, *mother;
	hdate dob, mc_dob;
	bool header;		/* has a Header row (from a file it may not) */
	int line;		/* the Header row's line */
	int n_header;		/* Header rows for this CHILD (files: INT32) */
	VARR(struct s9_episode, episodes);
	VARR(struct s9_review, reviews);
	VARR(struct s9_uasc, uasc);
	VARR(struct s9_oc2, oc2);
	VARR(struct s9_oc3, oc3);
	VARR(struct s9_ad1, ad1);
	VARR(struct s9_placed, placed);
	VARR(struct s9_prevperm, prevperm);
	VARR(struct s9_missing, missing);
	VARR(struct s9_sw, sw);
	VARR(struct s9_dolo, dolo);
	/* Facts beyond the year's rows. hist: every episode up to the year's end (from the
	 * record: the child's whole history; from a file: the year's episodes). */
	const struct s9_episode *hist;
	size_t n_hist;
	hdate death;		/* the record's date of death, DATE_NONE from a file */
	const char *const *files;	/* from files: the path of each table's file, by s9_table */
	VARR(struct rread_note, problems);	/* from files: what was odd about its rows */
};

/* ---- CIN census ---- */

struct ci_assessment {
	hdate start, review, authorised;
	const char **factors;
	size_t n_factors;
	int line;
	int64_t id;
};

struct ci_plan {
	hdate start, end;
	int line;
	int64_t id;
};

struct ci_s47 {
	hdate start, target, icpc;
	const char *not_required;	/* "0" / "1" */
	int line;
	int64_t id;
	bool no_macpt;			/* from the record: began on or after the MACPT duty date
					 * with no MACPT named (rule MACPT1Q) */
};

struct ci_cpp {
	hdate start, end;
	const char *initial, *latest;
	int previous;		/* NumberOfPreviousCPP, -1 when missing */
	hdate *reviews;		/* RDATE_BAD / DATE_NONE for an empty or bad CPPreviewDate */
	size_t n_reviews;
	int line;
	int64_t id;
	bool no_macpt;		/* from the record: as ci_s47's */
};

/* A PreProceedingsandFGDM block (CIN census from 2026-27; cin_pp.c). */
struct ci_pp {
	hdate start, lbp_sent, initial_meeting, step_decision, court_app, letter_init_cp;
	const char *offer, *facilitated;	/* FGDMMeetingOffer, FGDMMeetingFac: "1" / "0" */
	int review_meetings;			/* ReviewMeetingsCount */
	const char *outcome;			/* PPOutcome: the pp_outcome code, NULL while open */
	int64_t id;
};

struct ci_details {
	hdate referral, closure, icpc;	/* icpc: DateOfInitialCPC at this level */
	const char *source, *need, *reason, *nfa;	/* nfa "0" / "1" */
	VARR(struct ci_assessment, assessments);
	VARR(struct ci_plan, plans);
	VARR(struct ci_s47, s47s);
	VARR(struct ci_cpp, cpps);
	VARR(struct ci_pp, pps);
	int line;
	int64_t id;
};

struct ci_child {
	int64_t id;
	const char *la_id, *upn, *former_upn, *upn_unknown, *sex, *ethnicity;
	hdate dob, expected, death;
	const char **disabilities;
	size_t n_disabilities;
	VARR(struct ci_details, details);
	int line;
	const char *file;
	/* From the record only (cin_pp_view): a care or supervision application in the year
	 * with no FGDM offer or exemption recorded (s.31ZA); the first one's date and row. */
	bool fgdm_missing;
	hdate fgdm_missing_date;
	int64_t fgdm_missing_id;
};

/* The file's Header (from the record: what the export writes). */
struct ci_header {
	const char *collection, *lea;
	int year;
	hdate reference;
	int line;
};

/* Reading a CIN census file with no record (files.c): its Header (the file is checked
 * whole first: well-formed, within readlimits.h), then its children one by one, each with
 * the values in it not of their element's type (bad, n_bad). Both fail with an error naming
 * the file and line when the file cannot be read whole. cin_check_year: 0 when the CIN census
 * is read for year; else an error saying how to give the year. */
#define CIN_YEAR_MIN 2019
typedef void (*cin_read_fn)(void *ctx, struct ci_child *v, const struct rread_note *bad, size_t n_bad);
int cin_read_header(const char *path, struct arena *a, struct ci_header *hdr, struct hearth_error *err);
int cin_read_children(const char *path, struct arena *a, cin_read_fn fn, void *ctx, struct hearth_error *err);
int cin_check_year(int year, struct hearth_error *err);

/* ---- rules ---- */

/* What the whole-return rules look across (filled child by child, then read once). */
struct rglobal {
	struct rkey *keys;	/* (kind, value, child) for duplicate checks */
	size_t n_keys, cap_keys;
	int64_t children, unknown_sex, multi_disability, with_disability;
	bool disability_used[32];
	int64_t header_rows;
};

struct rkey {
	int kind;		/* 0 UPN, 1 LA child id */
	const char *value;
	const char *child;
	int64_t child_id;
	int line;
};

struct returns_ctx {
	const struct returns_rule *rule;
	const struct returns_refdata *ref;	/* may be NULL: none given */
	unsigned tables_absent;			/* the T903_* tables the files did not supply (0 on the record) */
	/* From the record: the child's casefile, to build last year's view of it when a rule
	 * asks (ref_last_of); last_state 0 not built, 1 built, 2 not in last year's return. */
	const struct casefile *cf;
	const struct returns_extras *ex;
	struct arena *va;
	struct s9_child *last_view;
	int last_state;
	int year;
	hdate ys, ye;			/* the collection year */
	bool from_record;
	const struct s9_child *s9;	/* SSDA903 rules */
	const struct ci_child *ci;	/* CIN rules */
	const struct ci_header *hdr;	/* CIN: the Header */
	const struct rglobal *g;	/* RULE_GLOBAL: the accumulated return */
	const char *file;		/* from a file */
	struct arena *a;
	struct returns_findings *out;
	/* the child rules that apply, worked out on the first child (engine.c) */
	const struct returns_rule **run;
	size_t n_run;
	int run_kind;			/* the kind run was made for, + 1 (0: not made) */
};

/* Appends a finding of the running rule. table NULL: the rule's table. row 1-based (0:
 * the child). line: the file line (0 from the record). */
void rx_emit(struct returns_ctx *x, const char *table, int row, int line, int64_t row_id, hdate date,
	     const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void rx_vemit(struct returns_ctx *x, const char *table, int row, int line, int64_t row_id, hdate date,
	      const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

/* The rule tables (rules903.c, rules903_more.c, rulescin.c) and their sizes. */
extern const struct returns_rule returns_rules_903[];
extern const size_t returns_rules_903_n;
extern const struct returns_rule returns_rules_903_more[];
extern const size_t returns_rules_903_more_n;
extern const struct returns_rule returns_rules_cin[];
extern const size_t returns_rules_cin_n;

/* Runs every rule of kind that applies to one child's view (x->s9 or x->ci set); the
 * global accumulator g (may be NULL) collects what the whole-return rules need. */
size_t rules_run_child(struct returns_ctx *x, enum returns_kind kind, struct rglobal *g);
/* Runs the whole-return rules over g. */
size_t rules_run_global(struct returns_ctx *x, enum returns_kind kind, struct rglobal *g);

/* One thread's part of a validation split between threads (engine.c): the same context as
 * the whole run's (year, source, reference data), but its own arena, findings and tally, so
 * that it shares nothing writable with the other parts. rx_part_merge appends a part's
 * findings and tally to the run's (x->out, g) and hands its arena's blocks to x->a (what the
 * findings point to lives on); merged in the children's order, part after part, the findings
 * are those one thread would have made, in the same order. */
struct rx_part {
	struct returns_ctx x;
	struct returns_findings out;
	struct rglobal g;
	struct arena a;
};
void rx_part_init(struct rx_part *p, const struct returns_ctx *run);
void rx_part_merge(struct returns_ctx *x, struct rglobal *g, struct rx_part *p);

/* Reading on this thread and checking on a second, the items in batches of per_batch, each
 * item (size bytes, copied into the batch) handed to check(ctx, item) on the checker's
 * thread in the order pushed (pipe.c). rx_pipe_slot: room for the next item, and the
 * batch's arena (text may be NULL) for what the item must keep that the reader will reuse;
 * rx_pipe_push sends it. rx_pipe_end: after the last item, returns when every item has been
 * checked, and frees the pipe (and the batches' arenas: what the checker keeps, it copies). */
typedef void (*rx_pipe_fn)(void *ctx, void *item);
struct rx_pipe;
struct rx_pipe *rx_pipe_start(size_t size, size_t per_batch, rx_pipe_fn check, void *ctx);
void *rx_pipe_slot(struct rx_pipe *p, struct arena **text);
void rx_pipe_push(struct rx_pipe *p);
void rx_pipe_end(struct rx_pipe *p);

/* ---- reference data (refdata.c) ---- */

struct ref_provider {
	const char *urn, *type, *postcode;
	hdate registered, closed;	/* DATE_NONE when not given */
	const char *sector;		/* the register's Sector, NULL when not given */
};
struct ref_postcode {
	const char *postcode, *district;
	double lat, lon;
};
/* Lookups (NULL when absent or not given). A postcode is found in any letter case, with or
 * without its space. */
const struct ref_provider *ref_provider_find(const struct returns_refdata *rd, const char *urn);
/* Gives the last provider added its Sector (and the reference data REF_PROVIDER_SECTOR). */
void ref_provider_sector(struct returns_refdata *rd, const char *sector);
const struct ref_postcode *ref_postcode_find(const struct returns_refdata *rd, const char *postcode);
/* Last year's view of the child with this CHILD, prepared (s9_prepare). */
const struct s9_child *ref_last_year(const struct returns_refdata *rd, const char *child);
/* Last year's view of the child the rules are on: from the record (built from x->cf for the
 * year before) or from last year's files. NULL when the child was not in it. */
const struct s9_child *ref_last_of(struct returns_ctx *x);
/* A last-year child added by hand (tests; the record's own last year): a zeroed view to fill,
 * found by ref_last_year from then on. */
struct s9_child *ref_last_year_add(struct returns_refdata *rd, const char *child);
extern const struct returns_rule returns_rules_ref[];
extern const size_t returns_rules_ref_n;

/* ---- building views from the record ---- */

struct returns_extras;
/* The extras of one row, by record id (NULL when none). */
size_t rx_disabilities(const struct returns_extras *x, int64_t child_id, const char ***codes);
const char *rx_factors(const struct returns_extras *x, int64_t assessment_id);
/* The day the MACPT duty applies (the setting macpt_duty_from; its default when the extras
 * were built from rows, unless returns_extras_set_macpt_duty_from); DATE_NONE for no extras. */
hdate rx_macpt_duty_from(const struct returns_extras *x);
const char *rx_worker_swid(const struct returns_extras *x, int64_t worker_id);

/* A copy of x with the row of entity e (id, vals) put in, for a change not yet saved. */
struct returns_extras *rx_extras_apply(const struct returns_extras *x, const struct entity *e, int64_t id,
				       const struct hval *vals, struct arena *a);

/* A copy of base (may be NULL) whose map for entity e holds exactly these rows. */
struct returns_extras *rx_extras_with(struct arena *a, const struct returns_extras *base, const struct entity *e,
				      int64_t *ids, struct hval **rows, size_t n);

/* Row-to-casefile conversions (apply.c): the element of the casefile array a row of e
 * becomes, put into cf (replacing the element with the same id, else added; the array is
 * kept in date order). Entities no return reads are ignored. */
void rx_apply_row(struct casefile *cf, const struct entity *e, int64_t id, const struct hval *v, struct arena *a);

/* The SSDA903's own scan (load.c): only the children the return can hold and only the rows
 * it reads, child by child (in id order); x holds the workers' SW ids. Far cheaper than
 * store_casefiles_scan on a large record. The casefiles' arrays (not the child's own text)
 * live until the scan ends: end (may be NULL) is called after the last child, while they
 * still do. */
typedef int (*rx_scan_fn)(void *ctx, const struct casefile *cf, const struct returns_extras *x);
int returns_scan_903(struct store *st, int year, rx_scan_fn fn, void (*end)(void *ctx), void *ctx,
		     struct hearth_error *err);

/* Fills v from the record for year; false when the child has no place in the return. */
bool view903_build(const struct casefile *cf, const struct returns_extras *x, int year, struct arena *a,
		   struct s9_child *v);
/* Whether the record's care history alone (its contacts aside) puts the young person in the
 * year's OC3 cohort. */
bool view903_oc3_by_history(const struct casefile *cf, int year);
bool viewcin_build(const struct casefile *cf, const struct returns_extras *x, int year, struct arena *a,
		   struct ci_child *v);

/* SEX as the year writes it (SSDA903: 1/2 before 2025; CIN: GenderCurrent 1/2/0 in 2024),
 * and back to the record's M/F/U (NULL when the code is not one of the year's). */
const char *s9_sex_out(const char *sex, int year);
const char *s9_sex_in(const char *code, int year);
const char *ci_sex_out(const char *sex, int year);
const char *ci_sex_in(const char *code, int year);

/* ---- identifiers ---- */

/* 0 when upn is a well-formed UPN; else the CIN rule it breaks ("1510" check letter, "1530"
 * LA code, "1540" characters 5-12, "1550" character 13), or "format" for the wrong length. */
const char *upn_problem(const char *upn);
/* Whether upn breaks the CIN rule ("1510" check letter, "1530" LA code, "1540" length or
 * characters 5-12, "1550" character 13), each judged on its own, so that a UPN with a
 * wrong LA code and a wrong check letter breaks both. */
bool upn_breaks(const char *upn, const char *rule);
/* The check letter of the 12 characters after it, or 0 when they cannot carry one. */
char upn_check_letter(const char *twelve);
/* UN1-UN5 (SSDA903), UN1-UN7 (CIN). */
bool upn_unknown_code(const char *s, enum returns_kind k);
/* Whether code is a three-digit English or Welsh LA number *check*. */
bool la_code_known(const char *code);
/* A UK postcode shape ("B97 4AB", "SW1A 1AA"), space optional. */
bool postcode_valid(const char *s);
/* An Ofsted URN: "SC" and 6 digits, or 6-7 digits (URN for schools) *check*. */
bool urn_valid(const char *s);

/* ---- small helpers ---- */

/* A string -> id map (open addressing). Keys are not copied: they must outlive the map;
 * the table lives in the arena given to smap_put. smap_get gives 0 for a missing key. */
struct smap {
	const char **keys;
	int64_t *vals;
	size_t cap, n;
};
void smap_put(struct smap *m, struct arena *a, const char *k, int64_t v);
int64_t smap_get(const struct smap *m, const char *k);

char *rdate_dmy(hdate d, char out[DATE_STR_SIZE]);	/* "dd/mm/yyyy", "" blank, "?" bad */
bool str_eq(const char *a, const char *b);	/* NULL and "" are equal */
bool in_set(const char *s, const char *const *set);	/* set ends with NULL */
/* A date as a file writes it, any year from 1 to 9999 (a rule, not the reader, decides that
 * 1066 is implausible): dmy "dd/mm/yyyy" (the day and month may be one digit), else
 * "yyyy-mm-dd". 0, or -1 when the text is no date. */
int rdate_parse(const char *s, bool dmy, hdate *out);
/* A whole number as files write it: "12", "+3", "1.0", "7.000" (a fraction that is all
 * zeros); false for anything else (blank, "1.5", "1e3", "x"). */
bool rnum_whole(const char *s, int64_t *out);
/* A yes/no item as files write it: 1 for "1", "true", "1.0" (any letter case), 0 for "0",
 * "false", "0.0"; -1 for blank or anything else. */
int ryes_no(const char *s);
/* Interval overlap for [a1, a2] and [b1, b2], open ends (DATE_NONE) running forever. */
bool overlaps(hdate a1, hdate a2, hdate b1, hdate b2, bool touching);

/* ---- XML ---- */

/* A small writer: indented elements, text escaped, every line counted (so a schema error
 * on line N can be traced to the child that starts before it). */
struct xw {
	FILE *f;
	int depth;
	int64_t line;
	bool open_tag;		/* last thing written was a start tag on its own line */
	int err;
};
void xw_start_doc(struct xw *w);
void xw_open(struct xw *w, const char *name);
void xw_close(struct xw *w, const char *name);
void xw_leaf(struct xw *w, const char *name, const char *text);	/* nothing when text NULL */
void xw_leaf_empty(struct xw *w, const char *name);
void xw_leaf_date(struct xw *w, const char *name, hdate d);	/* yyyy-mm-dd; nothing when blank */

/* Where each child's element starts in a file being written, so that a schema error on a
 * line can name the child; xml_child_at gives the child whose element holds line. */
struct xstart {
	int64_t line;
	const char *child;
};
const char *xml_child_at(const struct xstart *starts, size_t n, int64_t line);

/* Validates the file at path against the schema at xsd with libxml2. 0 when valid; else
 * HERR_INVALID naming the first problem's line and message, and *bad_line set. */
int xml_validate_file(const char *path, const char *xsd, int64_t *bad_line, struct hearth_error *err);

/* cin_pp.c: the CIN census PreProceedingsandFGDM block. No DfE schema with the block has
 * been published; Hearth's own element table (cin_pp_elements, the names and order of the
 * standards note) is what the block is checked against until one is. */
#define CIN_PP_FIRST_YEAR 2027	/* the collection year (ending 31 March) that first has it */
extern const char *const cin_pp_elements[];
extern const int cin_pp_element_count;
void cin_pp_view(const struct casefile *cf, int year, struct ci_child *v, struct arena *a);
void cin_pp_put(struct xw *w, const struct ci_pp *p);
/* Validates the written file: whole against xsd when the schema defines the block; else
 * each block against the element table, and the file without its blocks against xsd. */
int cin_pp_validate(const char *path, const char *xsd, int year, int64_t *bad_line, struct hearth_error *err);

/* libxml2's first error (its line and message), kept instead of printed: xml_error_cb is a
 * structured error handler whose context is a struct xml_errors. */
struct xml_errors {
	int count;
	int64_t line;
	char message[400];
};
struct _xmlError;
void xml_error_cb(void *ctx, struct _xmlError *e);

/* Writes to a temporary file beside path and renames it over path on success. */
struct tmpfile {
	char *path, *tmp;
	FILE *f;
};
int tmpfile_open(struct tmpfile *t, const char *path, struct hearth_error *err);
int tmpfile_commit(struct tmpfile *t, struct hearth_error *err);	/* closes, renames */
void tmpfile_abort(struct tmpfile *t);					/* closes, unlinks */

/* ---- import: writing views into the record ---- */

struct importer;	/* import.c */

struct importer *importer_new(struct store *st, const struct returns_import_options *o, struct arena *a,
			      struct returns_import_result *res);
int importer_load(struct importer *im, struct hearth_error *err);	/* existing children, workers */
/* Rejects a row: file, line, column, rule, message. */
void importer_reject(struct importer *im, const char *file, int line, const char *column, const char *rule,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void importer_note(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void importer_progress(struct importer *im, int64_t done, int64_t total);
/* Child by child: importer_child_begin says whether to write the child (false: it is held
 * back already, and is counted so); every reject until importer_child_end holds the child
 * back, and importer_child_end says whether it came in. rows: the child's rows in the files.
 * importer_child_failed: whether the child being written has been refused yet. */
bool importer_child_begin(struct importer *im, const char *la_id, int64_t rows);
bool importer_child_failed(const struct importer *im);
bool importer_child_end(struct importer *im);
/* Ends a pass over the children: 0 when committed; 1 when a held-back child left writes in
 * the batch, which was then rolled back and begun again (the caller runs the pass again; the
 * held-back children are skipped); a negative error. */
int importer_pass_end(struct importer *im, struct hearth_error *err);
/* Opens the batch; finishes it: commit, or roll back when rows were rejected and the
 * import is not partial. */
int importer_begin(struct importer *im, struct hearth_error *err);
int importer_finish(struct importer *im, struct hearth_error *err);
/* Undoes the whole batch, --partial or not: for a file that could not be read whole, of
 * which nothing is kept. The caller returns the error that says where the file broke. */
void importer_abort(struct importer *im);

/* The record rows a view's child maps to. Each returns the row id (0 when the row was
 * rejected: the reject is recorded with file, line and the column named by the store's
 * error). */
struct imp_where {
	const char *file;
	int line;
	const char *const *columns;	/* field name -> the file's column, pairs ending NULL */
};
/* More of the child row a file gives: a field and its value (blank: the file says
 * nothing); fill marks a value that may only fill a blank, for what an older return states
 * and later events overtake (a young woman not yet a mother in that year). */
struct imp_more {
	int field;
	struct hval val;
	bool fill;
};
/* The child with this LA id, created when absent (the return carries no names: the record
 * says where it came from). expected: the expected date of birth to hold (the caller gives
 * the date of birth itself when the file has events before the birth, which the record
 * allows only for a child with an expected date). more (n_more of them, may be NULL) go
 * into the same insert or update. */
int64_t imp_child(struct importer *im, const struct imp_where *w, const char *la_id, hdate dob, hdate expected,
		  const char *sex, const char *ethnicity, const char *upn, const char *former_upn, hdate death,
		  const char *source, const struct imp_more *more, size_t n_more);
/* The child already imported or in the record with this LA id; 0 when none. */
int64_t imp_child_id(struct importer *im, const char *la_id);
/* Generic keyed upsert: finds a live row of e for the child whose key field equals the key
 * value (a date field: the same day; key2 >= 0 adds a second key field), else inserts
 * vals. An existing row is updated where vals has a non-blank value that differs. */
int64_t imp_upsert(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		   int key, int key2, struct hval *vals, const struct hval *defaults);
/* The same, matching instead any row whose key date is in [from, to] (the nearest to vals'
 * key date). defaults (may be NULL): values used only when a row is inserted. */
int64_t imp_upsert_near(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
			int key, int key2, hdate from, hdate to, struct hval *vals, const struct hval *defaults);
/* The same, where a stored row whose key field is blank is matched by its key_alt field
 * (a section 47 enquiry without a start date, by its strategy discussion). */
int64_t imp_upsert_alt(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		       int key, int key2, int key_alt, struct hval *vals, const struct hval *defaults);
/* The child's row of e (stored or added by this import) with the latest key date on or
 * before d; 0 when none. */
int64_t imp_latest(struct importer *im, const struct entity *e, int64_t child_id, int key, hdate d);
/* How many rows of e the child has (stored, or added by this import). */
size_t imp_count(struct importer *im, const struct entity *e, int64_t child_id);
/* How many of them have their key date before d. */
size_t imp_count_before(struct importer *im, const struct entity *e, int64_t child_id, int key, hdate d);
/* Sets fields of an existing child where the values are given and differ. */
int imp_child_set(struct importer *im, const struct imp_where *w, int64_t child_id, const int *fields,
		  const struct hval *vals, int n);
/* A worker by SW id (Social Work England number or staff id), created when absent. */
int64_t imp_worker(struct importer *im, const struct imp_where *w, const char *sw_id, hdate start);
/* Blank values for e (every field null). */
struct hval *imp_vals(struct importer *im, const struct entity *e);
void imp_set_str(struct hval *v, const char *s);
void imp_set_date(struct hval *v, hdate d);
void imp_set_int(struct hval *v, int64_t i);
/* The arena the importer uses. */
struct arena *imp_arena(struct importer *im);
struct store *imp_store(struct importer *im);

/* ---- CSV ---- */

struct csv {
	FILE *f;
	char *line;
	size_t cap;
	int lineno;		/* of the record just read (its first line) */
	char **fields;
	int n, capf;
	struct buf cell;
	bool unterminated;	/* the record's last line has no newline: the file may be cut short */
	const char *bad;	/* why csv_next returned -2 */
	const char *encoding;	/* NULL: UTF-8 (with or without its byte order mark); else the
				 * encoding a line was read in ("Windows-1252") */
	struct buf conv;	/* a line converted to UTF-8 */
};
int csv_open(struct csv *c, const char *path);
/* Reads the next record: 1, 0 at the end, -1 on an unterminated quote, -2 when the file
 * cannot be read as text (a read error, a NUL byte, UTF-16: c->bad says which). A line that
 * is not UTF-8 is read as Windows-1252 (c->encoding says so). */
int csv_next(struct csv *c);
void csv_close(struct csv *c);
/* Writes one CSV field (quoted when needed). */
void csv_put(FILE *f, const char *s, bool first);

/* The files named (read903.c): each path as given, or every file in a directory whose name
 * ends with one of suffixes (NULL-terminated, any letter case), in name order; arena
 * strings. 0, or HERR_IO naming the path that cannot be read. */
int returns_expand_paths(const char *const *paths, size_t n, const char *const *suffixes, struct arena *a,
			 const char ***out, size_t *n_out, struct hearth_error *err);
#endif
