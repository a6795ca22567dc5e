/* returns: the DfE statutory returns — SSDA903 (children looked after), the CIN census and
 * the children's social work workforce census — produced from the record, read back into
 * it, and checked against the DfE's validation rules as data is entered.
 *
 * The hub is the *return view* of one child (returns/internal.h): the rows the child has
 * in a return for one collection year, as the DfE defines them. Every path goes through it:
 *     record (casefile + extras) -> view -> rules -> findings        (validate, web)
 *     record -> view -> CSV / XML                                     (export)
 *     CSV / XML -> view -> format checks -> store_insert/update       (import)
 * so the rules are written once, in the DfE's own terms, and run the same way on the record
 * and on a council's old files.
 *
 * Years are collection years: 2025 is the year 1 April 2024 to 31 March 2025 (as in
 * model/codes.h). Codes valid in a year come from model/codes.c; the column layouts, file
 * headers and XML element order of each return and year are tables in this module.
 *
 * Memory: findings and everything they point to live in the arena the caller passes.
 * Nothing here holds global mutable state; given separate arenas, every function is safe
 * from any thread (the store is not: one store per thread).
 *
 * How the web front uses it (all in the request's arena; year = returns_year_of(today), and
 * from April to September also the year before, while that return is being finished):
 *   - a child's page: store_casefile_load + returns_extras_load(st, child, ...) +
 *     returns_validate_child for RETURN_SSDA903 and RETURN_CIN; show each finding's rule
 *     (id, severity, message), table, row and detail;
 *   - the analysts' list: returns_validate_store(st, kind, year, ...), ordered by child;
 *   - a save (API or page), before store_insert / store_update:
 *         returns_check_change(st, e, id_or_0, vals, year, a, &new_findings, &refuse, &err);
 *     refuse: answer 422 with the new findings (each a RULE_IMPOSSIBLE rule among them);
 *     else save, and answer with the new findings as warnings (errors and queries). */
#ifndef HEARTH_RETURNS_RETURNS_H
#define HEARTH_RETURNS_RETURNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "model/casefile.h"
#include "model/entity.h"
#include "store/store.h"

enum returns_kind { RETURN_SSDA903, RETURN_CIN, RETURN_KIND_MAX };
enum returns_severity { SEV_ERROR, SEV_QUERY, SEV_MAX };

/* "ssda903", "cin-census"; returns_kind_parse gives -1 for anything else. */
const char *returns_kind_name(enum returns_kind k);
int returns_kind_parse(const char *s);
/* "error", "query". */
const char *returns_severity_name(enum returns_severity s);

/* ---- collection years ---- */

/* The collection year containing d (1 April to 31 March): 2025-03-31 -> 2025,
 * 2025-04-01 -> 2026. */
int returns_year_of(hdate d);
hdate returns_year_start(int year);	/* 1 April of year - 1 */
hdate returns_year_end(int year);	/* 31 March of year */
/* The years this module can produce and read: RETURNS_YEAR_MIN..RETURNS_YEAR_MAX. */
#define RETURNS_YEAR_MIN 2018
#define RETURNS_YEAR_MAX 2027

/* ---- the rule table ---- */

/* Rule flags. */
enum {
	RULE_IMPOSSIBLE = 1 << 0,	/* the record cannot be true (an end before its start, an
					 * event before birth, overlapping episodes): a save that
					 * would create it should be refused, not just warned about */
	RULE_GLOBAL = 1 << 1,		/* looks across children (duplicates, shares): runs only
					 * when a whole return is validated */
};

/* What a rule needs that the record does not hold yet (see returns_held). A rule whose
 * needs are not all held is skipped when the record is validated (its field would be blank
 * for everyone) but runs on files being imported. */
enum {
	NEED_OC2 = 1 << 0,		/* SDQ, convictions, immunisations, health checks, substance misuse */
	NEED_AD1_ADOPTERS = 1 << 1,	/* number, sex and legal status of adopters */
	NEED_PREV_PERM = 1 << 2,	/* previous permanence option, LA and date */
	NEED_MOTHER = 1 << 3,		/* MOTHER and MC_DOB */
	NEED_UPN_UNKNOWN = 1 << 4,	/* the reason a UPN is unknown (UN1-UN7) */
};
/* The needs the record holds (all of them since migration 003; a need added later starts
 * outside it until its columns exist). */
extern const unsigned returns_held;

struct returns_ctx;	/* a rule's view of one child (internal) */

struct returns_rule {
	const char *id;			/* the DfE's number: "355", "8670Q", "SW01STG1" */
	enum returns_kind kind;
	enum returns_severity severity;
	const char *table;		/* the return's table or module: "Episodes", "Section47" */
	const char *fields;		/* the fields it reads, as the DfE names them */
	const char *message;		/* the DfE's message */
	unsigned flags;			/* RULE_* */
	unsigned needs;			/* NEED_* */
	int from_year, to_year;		/* collection years it applies in; 0 = open-ended */
	void (*check)(struct returns_ctx *x);
	unsigned refs;			/* REF_*: the reference data it needs (refdata.c) */
	unsigned tables;		/* T903_*: the SSDA903 tables it reads (0: none named) */
};

/* The SSDA903's tables, as a rule names those it reads (in the order of the return). A rule
 * on files runs only when each was supplied (a CSV set may leave out a table, the XML form
 * has no SWEpisodes); otherwise it is "not run: needs the table X". The record holds every
 * table. */
enum {
	T903_Header = 1 << 0, T903_Episodes = 1 << 1, T903_Reviews = 1 << 2, T903_UASC = 1 << 3, T903_OC2 = 1 << 4,
	T903_OC3 = 1 << 5, T903_AD1 = 1 << 6, T903_PlacedAdoption = 1 << 7, T903_PrevPerm = 1 << 8,
	T903_Missing = 1 << 9, T903_SWEpisodes = 1 << 10, T903_DoLo = 1 << 11, T903_ALL = (1 << 12) - 1
};

/* Every rule of every return, SSDA903 first, each return's in the DfE's order. */
const struct returns_rule *returns_rules(size_t *n);
/* The rule of kind k with this id, or NULL. */
const struct returns_rule *returns_rule_find(enum returns_kind k, const char *id);
/* Whether the rule applies in year and, on the record (from_record), whether what it
 * needs is held. */
bool returns_rule_applies(const struct returns_rule *r, int year, bool from_record);

/* ---- findings ---- */

struct returns_finding {
	const struct returns_rule *rule;
	int64_t child_id;	/* the record's child id; 0 for a file or a whole-return finding */
	const char *child;	/* LA child id (CHILD / LAchildID), or NULL for a whole-return finding */
	const char *table;	/* where: "Episodes", "CINdetails"... (the rule's table when NULL) */
	int row;		/* 1-based row of the child in that table, 0 for the child as a whole */
	int64_t row_id;		/* the record row behind it (episode id...), 0 when none */
	const char *file;	/* when validating a file: its path, and the line */
	int line;
	hdate date;		/* the row's key date (DECOM, referral date...), DATE_NONE when none */
	const char *detail;	/* what was found, e.g. "DECOM 01/04/2024, DEC 01/04/2024" */
};

struct returns_findings {
	struct returns_finding *items;	/* in the arena of the call that appended them */
	size_t n, cap;
	size_t errors, queries;
};

/* ---- reference data (refdata.c) ---- */

/* What some rules compare the return with, loaded once by the user: last year's return (the
 * rules comparing years), Ofsted's register of providers (URN -> provider type, postcode,
 * registration dates) and the ONS postcode directory (postcode -> district, latitude,
 * longitude). A rule needing one that is not given does not run, and the report says so
 * ("not run: needs ..."): never a silent pass. */
/* REF_PROVIDER_SECTOR: the register given with its Sector column (Local Authority, Private,
 * Voluntary, Health Authority), which the record does not hold: rule 224 reads it. */
/* REF_LA_CODE: the LA's own ONS codes (the setting la_ons_codes, or --la-code), by which
 * rules 229 and 503J tell a postcode's district in the LA's area from one outside it. */
enum { REF_LAST_YEAR = 1 << 0, REF_PROVIDERS = 1 << 1, REF_POSTCODES = 1 << 2, REF_PROVIDER_SECTOR = 1 << 3,
       REF_LA_CODE = 1 << 4, REF_ALL = 31 };
/* What a rule lacks, as one set of bits: REF_* and, shifted by REF_TABLE_SHIFT, the T903_*
 * tables not supplied (returns_rule_not_given; returns_ref_name names each bit). */
#define REF_TABLE_SHIFT 8
#define REF_TABLE(t) ((unsigned)(t) << REF_TABLE_SHIFT)
struct returns_refdata;
/* Empty reference data, in a. */
struct returns_refdata *returns_refdata_new(struct arena *a);
/* Reads the providers CSV (columns found by name in any order and letter case: URN,
 * "Provider type", "Postcode", optional "Registration date" and "Closed date"/"Date closed"),
 * or the postcode CSV (pcds or Postcode, and oslaua or District, lat, long). 0, or
 * HERR_INVALID / HERR_IO naming the file and line. */
int returns_refdata_providers(struct returns_refdata *rd, const char *path, struct hearth_error *err);
int returns_refdata_postcodes(struct returns_refdata *rd, const char *path, struct hearth_error *err);
/* Last year's SSDA903 CSV tables (a directory or files). */
int returns_refdata_last_year(struct returns_refdata *rd, const char *const *paths, size_t n,
			      struct hearth_error *err);
/* The LA's ONS codes, as the setting la_ons_codes takes them ("E10000034,E07000237", or
 * none: then REF_LA_CODE is not given). 0, or HERR_INVALID naming the setting and the rules
 * that need it (rd unchanged). */
int returns_refdata_la_codes(struct returns_refdata *rd, const char *codes, struct hearth_error *err);
/* The codes given, comma-separated, or NULL when none were. */
const char *returns_refdata_la_codes_text(const struct returns_refdata *rd);
/* One row each, as the record holds them (hearth refdata DB import): for returns_refdata_load. */
void returns_refdata_add_provider(struct returns_refdata *rd, const char *urn, const char *type, const char *postcode,
				  hdate registered, hdate closed);
void returns_refdata_add_postcode(struct returns_refdata *rd, const char *postcode, const char *district, double lat,
				  double lon);
/* Each row read, for hearth refdata DB import (fn is called once per row). A provider's
 * sector is NULL when the register had no Sector column, "" when its was blank. */
typedef void (*returns_provider_fn)(void *ctx, const char *urn, const char *type, const char *postcode,
				    hdate registered, hdate closed, const char *sector);
typedef void (*returns_postcode_fn)(void *ctx, const char *postcode, const char *district, double lat, double lon);
void returns_refdata_each_provider(const struct returns_refdata *rd, returns_provider_fn fn, void *ctx);
void returns_refdata_each_postcode(const struct returns_refdata *rd, returns_postcode_fn fn, void *ctx);
/* The record's reference data (hearth refdata DB import): its providers (with their Sector
 * when the register imported had that column: REF_PROVIDER_SECTOR) and postcodes, when
 * imported, the LA's ONS codes when the setting la_ons_codes is set (a stored value that
 * fails its rule is not used, as hearth settings shows), and last year's return as the record's own history (what the record held for
 * the year before, built as that year's return is). returns_validate_store loads it. */
int returns_refdata_load(struct store *st, struct returns_refdata *rd, struct hearth_error *err);
/* REF_* given (rd may be NULL: none). */
unsigned returns_refdata_have(const struct returns_refdata *rd);
/* How many providers / postcodes / last year's children are held. */
size_t returns_refdata_count(const struct returns_refdata *rd, unsigned ref);
/* "last year's return (--last-year DIR)"... for one REF_* bit; "the table SWEpisodes" for a
 * REF_TABLE bit. */
const char *returns_ref_name(unsigned ref);
/* The REF_* the rule needs that rd lacks (0: it runs). */
unsigned returns_rule_refs_missing(const struct returns_rule *r, const struct returns_refdata *rd);
/* What the rule needs that is not given: the REF_* rd lacks and REF_TABLE(the T903_* tables
 * it reads among tables_absent). 0: it runs. */
unsigned returns_rule_not_given(const struct returns_rule *r, const struct returns_refdata *rd, unsigned tables_absent);
/* "SWEpisodes" for T903_SWEpisodes (NULL for no one table). */
const char *returns_table903_name(unsigned t);

/* ---- the record's rows beyond the casefile ---- */

/* Opaque: the rows the returns read that a casefile does not carry (disabilities,
 * assessment factors, social workers' ids). */
struct returns_extras;

/* Loads the extras for one child (child_id) or the whole record (0), into a. */
int returns_extras_load(struct store *st, int64_t child_id, struct arena *a, struct returns_extras **out,
			struct hearth_error *err);

/* The extras of one child from rows already read (each ordered by id, as the store hands
 * them out): its disabilities and assessments, and the workers its rows name (a worker
 * not given reads as blank). The child's page reads each table once and builds these
 * from the same rows. In a. */
struct returns_extras *returns_extras_of_rows(int64_t *dis_ids, struct hval **dis_rows, size_t n_dis,
					     int64_t *ass_ids, struct hval **ass_rows, size_t n_ass, int64_t *wk_ids,
					     struct hval **wk_rows, size_t n_wk, struct arena *a);
/* The day the MACPT duty applies (the setting macpt_duty_from) for extras built from rows,
 * which otherwise take the setting's default; returns_extras_load reads the setting itself. */
void returns_extras_set_macpt_duty_from(struct returns_extras *x, hdate d);

/* ---- validation of the record ---- */

/* Validates one child's record for a return and year, appending findings to out (in a).
 * x may be NULL: the rules that read the extras then see blanks where the record has
 * none, so pass it when you have it. Whole-return rules (RULE_GLOBAL) do not run here.
 * Returns the number of findings appended. Pure: no I/O. */
size_t returns_validate_child(const struct casefile *cf, const struct returns_extras *x, enum returns_kind k,
			      int year, struct arena *a, struct returns_findings *out);

/* Progress while a whole record is read: done of total children (total 0 when unknown). */
typedef void (*returns_progress_fn)(void *ctx, int64_t done, int64_t total);

/* Validates the whole record (every child, then the whole-return rules). Findings are
 * ordered by child (record order), then rule order, and are the same whatever threads is.
 * threads 1: all on this thread. With 2 or more, the SSDA903 is checked on a second thread
 * while this one reads the record (progress is called from it; a and out are that thread's
 * until the call returns), and the CIN census's children are split by id between threads,
 * each reading its part on a connection of its own (store_readers_open: on PostgreSQL, one
 * connection and one thread). */
int returns_validate_store(struct store *st, enum returns_kind k, int year, int threads, struct arena *a,
			   struct returns_findings *out, returns_progress_fn progress, void *pctx,
			   struct hearth_error *err);

/* For a save (the web's API or a page): the findings a change to one row would create
 * that the child's record does not have now. e is the entity, id the row (0 for an
 * insert), vals its values after the change (e->n_fields of them, as for store_insert). The
 * child's record is loaded, the change applied in memory and both validated for year.
 * *refuse is set when a new finding comes from a RULE_IMPOSSIBLE rule. Rows that no return
 * reads (visits, notes...) give no findings. Nothing is written. */
int returns_check_change(struct store *st, const struct entity *e, int64_t id, const struct hval *vals, int year,
			 struct arena *a, struct returns_findings *new_out, bool *refuse, struct hearth_error *err);

/* The findings in after that are not in before (same rule, child, table and key date). */
size_t returns_findings_new(const struct returns_findings *before, const struct returns_findings *after,
			    struct arena *a, struct returns_findings *out);

/* ---- validation of files as received ---- */

struct returns_files_result {
	enum returns_kind kind;	/* what the files were */
	int year;
	const char *year_from;	/* "--year" or "the file's Header" (static text) */
	int64_t children, rows;	/* CIN census: rows are Child elements */
	int files;		/* files read */
	unsigned tables_absent;	/* SSDA903: the T903_* tables not supplied */
};

/* Validates a return as it was received, with no record: the SSDA903 as CSV tables (a
 * directory means every .csv and .xml in it) or one CIN census XML file. Every value is kept
 * as written (an invalid code, a malformed date, a blank are the rules' to find), every rule
 * of the year runs, the whole-return ones too, and the findings are appended to out (in a),
 * each with its file and line. What is odd about the files themselves (a file that is no
 * table, a column extra or missing, a row of the wrong length, a value not of its element's
 * type, the encoding, a file that breaks part way) is a finding under hearth's read rules
 * (R01-R09). year: the collection year, or 0 to take it from the file's Header (the CIN
 * census; SSDA903 CSV tables do not say theirs). ref (may be NULL): the reference data the
 * rules that need it read; those rules do not run without it. Fails, naming the file, when a path cannot
 * be read, the files mix returns, or the year cannot be told (the message says how to give
 * it). threads: the SSDA903's children, once read, are checked on that many threads (each a
 * run of them in file order, its findings merged in that order: the same findings whatever
 * threads is); the CIN census is read on this thread and, with threads 2 or more, checked on
 * a second, in the order read. */
int returns_validate_files(const char *const *paths, size_t n, int year, int threads, const struct returns_refdata *ref,
			   struct arena *a, struct returns_findings *out, struct returns_files_result *res,
			   struct hearth_error *err);

/* ---- export ---- */

struct returns_export_options {
	int year;		/* collection year */
	hdate date;		/* workforce: the census date (30 September) */
	const char *la_code;	/* three digits, from the settings */
	const char *xsd;	/* the DfE schema to validate against (XML); NULL: none given */
	double vacancies_fte;	/* workforce: vacancies; below 0: from the teams' establishments */
	returns_progress_fn progress;
	void *progress_ctx;
};

/* What an export wrote. */
struct returns_export_result {
	int64_t children;
	int64_t rows;		/* CSV rows or XML child elements written */
	int64_t skipped;	/* workforce: workers in post without a Social Work England number */
	int files;
};

/* SSDA903 as CSV: one file per table the year has (<Table>.csv: Header.csv,
 * Episodes.csv...) in dir (made when absent). Each file is written to a temporary name and
 * renamed, so a failure leaves no partial file. Every file the returns write is readable by
 * its owner only (0600): it holds children's personal data. */
int ssda903_export_csv(struct store *st, const char *dir, const struct returns_export_options *o,
		       struct returns_export_result *res, struct hearth_error *err);
/* SSDA903 as XML (root EXPSSDA903, standards/ssda903/CLA.xsd). When o->xsd is set the file
 * is validated against it before it takes its name; an invalid file is never left behind
 * and err names the first problem (and the child). */
int ssda903_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
		       struct returns_export_result *res, struct hearth_error *err);
/* The CIN census XML for o->year. o->xsd is required (CIN_schema_<year>.xsd): the file is
 * validated with libxml2 before it takes its name; an invalid file is never written. */
int cin_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
		   struct returns_export_result *res, struct hearth_error *err);
/* The workforce census XML on o->date (social_work_workforce_2022.xsd, required). */
int workforce_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
			 struct returns_export_result *res, struct hearth_error *err);

/* ---- import ---- */

/* One value the record could not take (or a file it could not read): where and why. */
struct returns_reject {
	const char *child;	/* the LA child id held back because of it; NULL: the file */
	const char *file;
	int line;		/* 0: the file as a whole */
	const char *column;	/* the column or element, or NULL */
	const char *rule;	/* the record's rule broken ("code", "date", "held"...) */
	const char *message;
};

struct returns_import_options {
	int year;		/* 0: read from the files */
	bool partial;		/* Annex A: import the good rows of a workbook with errors (the
				 * SSDA903 and CIN census always hold back only the children they
				 * cannot take) */
	const char *actor;	/* who the revisions name */
	const char *xsd;	/* CIN census: validate the file against it first (optional) */
	const char *standards;	/* or the standards folder: the schema of the file's year */
	returns_progress_fn progress;	/* rows done of rows read */
	void *progress_ctx;
};

struct returns_import_result {
	int year;
	int64_t rows;		/* data rows read (CIN census: Child elements) */
	int64_t children;	/* children in the files */
	int64_t children_held;	/* children held back whole (listed in rejects) */
	int64_t rows_held;	/* the rows of those children */
	int64_t findings;	/* the DfE's findings on the files (counted per rule in notes) */
	int64_t inserted, updated, unchanged;
	int64_t rejected;	/* values (or files) the record could not take */
	int64_t not_held;	/* values read that the record has no column for (listed in notes) */
	struct returns_reject *rejects;	/* in the arena */
	size_t n_rejects, cap_rejects;
	const char **notes;	/* one line each: what was read but not stored, and why */
	size_t n_notes, cap_notes;
	bool committed;		/* false: nothing was written (all-or-nothing refused) */
};

/* Reads SSDA903 CSV files (each identified by its header; a directory means every *.csv in
 * it) into the record through the store's write path. The DfE's rules run over the files
 * and their findings are counted (notes), never a reason to refuse: every child whose rows
 * the record can hold comes in. A child it cannot hold (a value that is no date, no code of
 * any year, a row the record refuses) is held back whole: nothing of it is written, and each
 * reason is a reject naming the child, file, line and column. A row already in the record
 * (same child and key date) is updated only where the file has a value the record lacks or
 * differs from, so importing the same files twice changes nothing. Returns 0 when it ran
 * (see res: children, children_held, committed), or a negative error when it could not
 * (I/O), or when a file could not be read whole (cut short, not well-formed, not text): then
 * nothing at all is written and the error names the file and line. */
/* Reads SSDA903 CSV files (each identified by its exact header; a directory means every
 * *.csv in it) into the record through the store's write path. Rows that break the
 * year's format or the record's rules are rejected with file, line, column and rule; when
 * any is and !partial nothing is written. A row already in the record (same child and key
 * date) is updated only where the file has a value the record lacks or differs from, so
 * importing the same files twice changes nothing. Returns 0 when it ran (see
 * res->committed and res->rejected), or a negative error when it could not (I/O), or when
 * a file could not be read whole (cut short, not well-formed, not text): then nothing at
 * all is written, --partial or not, and the error names the file and line. */
int ssda903_import(struct store *st, const char *const *paths, size_t n_paths,
		   const struct returns_import_options *o, struct arena *a, struct returns_import_result *res,
		   struct hearth_error *err);
/* The CIN census XML (any of the 2024-2027 schemas), likewise; a schema given (xsd or
 * standards) that the file breaks is a finding (a note naming the line), not a refusal. */
int cin_import(struct store *st, const char *path, const struct returns_import_options *o, struct arena *a,
	       struct returns_import_result *res, struct hearth_error *err);
/* An Ofsted Annex A workbook (.xlsx, read with the module's own zip and XML reader):
 * children from every list, and contacts, early help, referrals, assessments, section 47
 * enquiries, CP plans, episodes in care, care leavers' contacts and adoption decisions. */
int annex_a_import(struct store *st, const char *path, const struct returns_import_options *o,
		   struct arena *a, struct returns_import_result *res, struct hearth_error *err);

/* ---- timing, for bench/returns ---- */

/* Reads what validating return k for year reads (for the SSDA903: the children it can
 * hold and their rows; for the CIN census: every casefile and the extras) and does nothing
 * with it: the raw scan that validation is measured against. Returns the number of
 * children read, or a negative error. */
int64_t returns_raw_scan(struct store *st, enum returns_kind k, int year, struct hearth_error *err);

#endif
