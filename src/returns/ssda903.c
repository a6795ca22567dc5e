/* ssda903: the children looked after return as CSV tables and as XML, out of the record
 * and into it.
 *
 * The tables, their exact headers (column order) and the year each began are data
 * (s9_tables); each column says where its value lives in the view's row struct, so one
 * writer and one reader serve every table. Dates are dd/mm/yyyy. The XML form follows
 * CLA.xsd (root EXPSSDA903): the element order is in ssda903_export_xml, XML PL is CSV
 * PLACE, CHILDID is CHILD; it has no social worker episodes and its PL takes two
 * characters, so a 2026 return placing a child in Z11-Z14 cannot be written as XML (the
 * schema check says so). Code validity by year comes from model/codes.c.
 *
 * Import: the files are read into views (read903.c), checked by the DfE's rules as a file is
 * (every finding counted, none a reason to refuse), and written child by child through the
 * importer (import.c); a child the record cannot hold is held back whole. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "model/codes.h"
#include "returns/table903.h"

static void put_row(FILE *f, const struct s9_tabledef *t, const char *child, const void *row)
{
	char b[DATE_STR_SIZE];
	for (int i = 0; i < t->n_cols; i++) {
		const struct s9_col *c = &t->cols[i];
		const char *v = c->kind == CK_CHILD ? child
				: c->kind == CK_DATE ? rdate_dmy(s9_getdate(row, c->off), b)
						     : s9_getstr(row, c->off);
		csv_put(f, v, i == 0);
	}
	fputc('\n', f);
}

static void put_header(FILE *f, const struct s9_tabledef *t)
{
	for (int i = 0; i < t->n_cols; i++) {
		csv_put(f, t->cols[i].name, i == 0);
	}
	fputc('\n', f);
}

static bool table_in_year(const struct s9_tabledef *t, int year)
{
	return !t->from_year || year >= t->from_year;
}

/* Writes one child's rows into the open files. */
static int64_t put_child(FILE *const *files, const struct s9_child *v, int year)
{
	int64_t rows = 0;
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		const struct s9_tabledef *t = &s9_tables[k];
		if (!files[k] || !table_in_year(t, year)) {
			continue;
		}
		if (k == S9_HEADER) {
			put_row(files[k], t, v->child, v);
			rows++;
			continue;
		}
		const char *arr = *(const char *const *)((const char *)v + t->arr_off);
		size_t n = *(const size_t *)((const char *)v + t->n_off);
		for (size_t i = 0; i < n; i++) {
			put_row(files[k], t, v->child, arr + i * t->row_size);
		}
		rows += (int64_t)n;
	}
	return rows;
}

/* ---- export: CSV ---- */

struct export_state {
	const struct returns_export_options *o;
	struct returns_extras *x;
	struct arena scratch;
	FILE *files[S9_TABLE_MAX];
	struct xw *xml;
	int64_t children, rows, done, total;
	/* XML: where each child starts, to name the child behind a schema error */
	struct xstart *starts;
	size_t n_starts, cap_starts;
	struct arena *keep;
};

static void export_progress(struct export_state *s)
{
	if (s->o->progress && ++s->done % 2048 == 0) {
		s->o->progress(s->o->progress_ctx, s->done, s->total);
	}
}

static int csv_child(void *ctx, const struct casefile *cf)
{
	struct export_state *s = ctx;
	struct s9_child v;
	if (view903_build(cf, s->x, s->o->year, &s->scratch, &v)) {
		s->rows += put_child(s->files, &v, s->o->year);
		s->children++;
	}
	arena_reset(&s->scratch); /* keeps a block: no allocation per child */
	export_progress(s);
	return 0;
}

/* The SSDA903's own scan hands each child's extras with it. */
static int csv_child_x(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct export_state *s = ctx;
	s->x = (struct returns_extras *)x;
	return csv_child(ctx, cf);
}

static int check_year(int year, struct hearth_error *err)
{
	if (year < RETURNS_YEAR_MIN || year > RETURNS_YEAR_MAX) {
		return herr_set(err, HERR_INVALID, "year", "year", "%d is not a collection year this hearth knows (%d-%d)",
				year, RETURNS_YEAR_MIN, RETURNS_YEAR_MAX);
	}
	return 0;
}

int ssda903_export_csv(struct store *st, const char *dir, const struct returns_export_options *o,
		       struct returns_export_result *res, struct hearth_error *err)
{
	struct export_state s;
	struct tmpfile tf[S9_TABLE_MAX];
	struct arena a = ARENA_INIT;
	memset(&s, 0, sizeof(s));
	memset(tf, 0, sizeof(tf));
	memset(res, 0, sizeof(*res));
	s.o = o;
	int rc = check_year(o->year, err);
	if (!rc && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		rc = herr_set(err, HERR_IO, "out", "io", "cannot make the folder %s: %s", dir, strerror(errno));
	}
	for (int k = 0; !rc && k < S9_TABLE_MAX; k++) {
		if (!table_in_year(&s9_tables[k], o->year)) {
			continue;
		}
		char *path = arena_printf(&a, "%s/%s.csv", dir, s9_tables[k].name);
		if ((rc = tmpfile_open(&tf[k], path, err)) == 0) {
			s.files[k] = tf[k].f;
			put_header(s.files[k], &s9_tables[k]);
			res->files++;
		}
	}
	if (!rc) {
		rc = returns_scan_903(st, o->year, csv_child_x, NULL, &s, err);
	}
	arena_free(&s.scratch);
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		if (!tf[k].f) {
			continue;
		}
		if (rc) {
			tmpfile_abort(&tf[k]);
		} else {
			rc = tmpfile_commit(&tf[k], err);
		}
	}
	if (!rc && o->progress) {
		o->progress(o->progress_ctx, s.done, s.done);
	}
	res->children = s.children;
	res->rows = s.rows;
	arena_free(&a);
	return rc;
}

/* ---- export: XML (CLA.xsd) ---- */

static void xleaf_date(struct xw *w, const char *name, hdate d)
{
	char b[DATE_STR_SIZE];
	if (d == DATE_NONE) {
		return;
	}
	xw_leaf(w, name, rdate_dmy(d, b));
}

static void xml_child(struct xw *w, const struct s9_child *v)
{
	char b[DATE_STR_SIZE];
	xw_open(w, "CHILD");
	xw_open(w, "HEADER");
	xw_leaf(w, "CHILDID", v->child ? v->child : "");
	xw_leaf(w, "UPN", v->upn ? v->upn : "");
	xw_leaf(w, "SEX", v->sex ? v->sex : "");
	xw_leaf(w, "DOB", rdate_dmy(v->dob, b));
	xw_leaf(w, "ETHNIC", v->ethnic ? v->ethnic : "");
	xw_leaf(w, "UASC", v->n_uasc ? "1" : "0");
	if (v->n_uasc) {
		xleaf_date(w, "DUC", v->uasc[0].duc);
	}
	if (v->n_ad1) {
		const struct s9_ad1 *a = &v->ad1[0];
		xleaf_date(w, "DATE_INT", a->date_int);
		xleaf_date(w, "DATE_MATCH", a->date_match);
		xw_leaf(w, "FOSTER_CARE", a->foster_care);
		xw_leaf(w, "NB_ADOPTR", a->nb_adoptr);
		xw_leaf(w, "SEX_ADOPTR", a->sex_adoptr);
		xw_leaf(w, "LS_ADOPTR", a->ls_adoptr);
	}
	if (v->n_oc3) {
		xw_leaf(w, "IN_TOUCH", v->oc3[0].in_touch);
		xw_leaf(w, "ACTIV", v->oc3[0].activ);
		xw_leaf(w, "ACCOM", v->oc3[0].accom);
	}
	for (size_t i = 0; i < v->n_missing; i++) {
		xw_open(w, "AMISSING");
		xw_leaf(w, "MISSING", v->missing[i].type ? v->missing[i].type : "");
		xw_leaf(w, "MIS_START", rdate_dmy(v->missing[i].start, b));
		xleaf_date(w, "MIS_END", v->missing[i].end);
		xw_close(w, "AMISSING");
	}
	for (size_t i = 0; i < v->n_reviews; i++) {
		xw_open(w, "AREVIEW");
		xw_leaf(w, "REVIEW", rdate_dmy(v->reviews[i].date, b));
		xw_leaf(w, "REVIEW_CODE", v->reviews[i].code ? v->reviews[i].code : "");
		xw_close(w, "AREVIEW");
	}
	xw_leaf(w, "MOTHER", v->mother);
	xleaf_date(w, "MC_DOB", v->mc_dob);
	if (v->n_prevperm) {
		xw_open(w, "PERMANENCE");
		xw_leaf(w, "PREV_PERM", v->prevperm[0].prev_perm);
		xw_leaf(w, "LA_PERM", v->prevperm[0].la_perm);
		xleaf_date(w, "DATE_PERM", v->prevperm[0].date_perm);
		xw_close(w, "PERMANENCE");
	}
	if (v->n_oc2) {
		static const char *const names[OC2_FIELD_MAX] = {
			"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
			"HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"};
		xw_open(w, "OC2");
		for (int k = 0; k < OC2_FIELD_MAX; k++) {
			xw_leaf(w, names[k], v->oc2[0].v[k]);
		}
		xw_close(w, "OC2");
	}
	for (size_t i = 0; i < v->n_placed; i++) {
		xw_open(w, "AD_PLACED");
		xw_leaf(w, "DATE_PLACED", rdate_dmy(v->placed[i].date_placed, b));
		xleaf_date(w, "DATE_PLACED_CEASED", v->placed[i].date_ceased);
		xw_leaf(w, "REASON_PLACED_CEASED", v->placed[i].reason);
		xw_close(w, "AD_PLACED");
	}
	xw_close(w, "HEADER");
	for (size_t i = 0; i < v->n_episodes; i++) {
		const struct s9_episode *e = &v->episodes[i];
		xw_open(w, "EPISODE");
		xw_leaf(w, "DECOM", rdate_dmy(e->decom, b));
		xw_leaf(w, "RNE", e->rne ? e->rne : "");
		xw_leaf(w, "LS", e->ls ? e->ls : "");
		xw_leaf(w, "CIN", e->cin ? e->cin : "");
		xw_leaf(w, "PL", e->place ? e->place : "");
		xw_leaf(w, "PL_POST", e->pl_post);
		xw_leaf(w, "HOME_POST", e->home_post);
		xw_leaf(w, "URN", e->urn);
		xw_leaf(w, "PLACE_PROVIDER", e->provider);
		xw_leaf(w, "DEC", rdate_dmy(e->dec, b));
		xw_leaf(w, "REC", e->rec ? e->rec : "");
		xw_leaf(w, "REASON_PLACE_CHANGE", e->rpc);
		xw_close(w, "EPISODE");
	}
	xw_close(w, "CHILD");
}

static int xml_child_cb(void *ctx, const struct casefile *cf)
{
	struct export_state *s = ctx;
	struct s9_child v;
	if (view903_build(cf, s->x, s->o->year, &s->scratch, &v)) {
		*ARR_PUSH(s->keep, s->starts, s->n_starts, s->cap_starts) =
			(struct xstart){s->xml->line, arena_strdup(s->keep, v.child ? v.child : "")};
		xml_child(s->xml, &v);
		s->children++;
		s->rows++;
	}
	arena_reset(&s->scratch); /* keeps a block: no allocation per child */
	export_progress(s);
	return 0;
}

static int xml_child_x(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct export_state *s = ctx;
	s->x = (struct returns_extras *)x;
	return xml_child_cb(ctx, cf);
}

int ssda903_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
		       struct returns_export_result *res, struct hearth_error *err)
{
	struct export_state s;
	struct tmpfile tf;
	struct arena a = ARENA_INIT;
	struct xw w = {0};
	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	s.o = o;
	s.keep = &a;
	s.xml = &w;
	int rc = check_year(o->year, err);
	if (!rc) {
		rc = tmpfile_open(&tf, path, err);
	}
	if (rc) {
		return rc;
	}
	w.f = tf.f;
	xw_start_doc(&w);
	xw_open(&w, "EXPSSDA903");
	rc = returns_scan_903(st, o->year, xml_child_x, NULL, &s, err);
	arena_free(&s.scratch);
	xw_close(&w, "EXPSSDA903");
	if (!rc && s.children == 0) {
		rc = herr_set(err, HERR_INVALID, "year", "empty", "no child was looked after in %d: an SSDA903 XML "
				"file needs at least one CHILD", o->year);
	}
	if (!rc && o->xsd) {
		fflush(tf.f);
		int64_t line = 0;
		rc = xml_validate_file(tf.tmp, o->xsd, &line, err);
		const char *who = rc ? xml_child_at(s.starts, s.n_starts, line) : NULL;
		if (who && err) {
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n, " (child %s)", who);
		}
	}
	if (rc) {
		tmpfile_abort(&tf);
	} else {
		rc = tmpfile_commit(&tf, err);
		res->files = 1;
	}
	res->children = s.children;
	res->rows = s.rows;
	arena_free(&a);
	return rc;
}

/* ---- import ---- */

struct s9_import {
	struct importer *im;
	struct returns_import_result *res;
	struct s9_files r;
};

/* What is odd about a file as a whole: a file that is no table (or a second one) refuses the
 * import, as its rows cannot be placed; a column extra or missing, or the encoding, is a note. */
static void file_problem(void *ctx, const struct rread_note *n)
{
	struct s9_import *s = ctx;
	if (n->p == RREAD_NOT_TABLE || n->p == RREAD_SECOND_TABLE) {
		importer_reject(s->im, n->file, n->line, n->column, "header", "%s", n->message);
	} else {
		importer_note(s->im, "%s:%d: %s%s%s", n->file, n->line, n->column ? n->column : "", n->column ? ": " : "",
			      n->message);
		s->res->not_held += n->p == RREAD_EXTRA_COLUMN;
	}
}

static const char *const ep_cols[] = {"decom", "DECOM", "rne", "RNE", "ls", "LS", "cin", "CIN", "place", "PLACE",
				      "place_provider", "PLACE_PROVIDER", "dec", "DEC", "rec", "REC",
				      "reason_place_change", "REASON_PLACE_CHANGE", "home_post", "HOME_POST",
				      "pl_post", "PL_POST", "urn", "URN", "child_id", "CHILD", NULL};
static const char *const child_cols[] = {"la_child_id", "CHILD", "sex", "SEX", "dob", "DOB", "ethnicity", "ETHNIC",
					 "upn", "UPN", "uasc_ceased", "DUC", "upn_unknown", "UPN", "mother", "MOTHER",
					 "mc_dob", "MC_DOB", NULL};
static const char *const pp_cols[] = {"prev_perm", "PREV_PERM", "prev_perm_la", "LA_PERM", "prev_perm_date",
				      "DATE_PERM", NULL};
static const char *const oc2_cols[] = {"sdq_score", "SDQ_SCORE", "sdq_reason", "SDQ_REASON",
				       "convicted", "CONVICTED", "health_check", "HEALTH_CHECK", "immunisations",
				       "IMMUNISATIONS", "teeth_check", "TEETH_CHECK", "health_assessment",
				       "HEALTH_ASSESSMENT", "substance_misuse", "SUBSTANCE_MISUSE",
				       "intervention_received", "INTERVENTION_RECEIVED", "intervention_offered",
				       "INTERVENTION_OFFERED", NULL};
static const char *const rv_cols[] = {"review_date", "REVIEW", "participation", "REVIEW_CODE", NULL};
static const char *const ms_cols[] = {"start_at", "MIS_START", "end_at", "MIS_END", "away", "MISSING", NULL};
static const char *const oc3_cols[] = {"in_touch", "IN_TOUCH", "activity", "ACTIV", "accommodation", "ACCOM", NULL};
static const char *const ad_cols[] = {"decision_date", "DATE_PLACED", "ceased_date", "DATE_PLACED_CEASED",
				      "ceased_reason", "REASON_PLACED_CEASED", "matched_date", "DATE_MATCH", NULL};
static const char *const ad1_cols[] = {"decision_date", "DATE_INT", "matched_date", "DATE_MATCH", "adopters_number",
				       "NB_ADOPTR", "adopters_sex", "SEX_ADOPTR", "adopters_legal_status", "LS_ADOPTR",
				       NULL};
static const char *const sw_cols[] = {"start_date", "SW_DECOM", "end_date", "SW_DEC", "reason", "SW_REASON",
				      "worker_id", "SW_ID", NULL};

static hinstant day_instant(hdate d)
{
	return dok(d) ? instant_from_date(d) : 0;
}

/* A whole number as the file writes it ("1.0" is 1; s9_holdable has held back anything else). */
static void set_number(struct hval *v, const char *s)
{
	int64_t n;
	if (rnum_whole(s, &n)) {
		imp_set_int(v, n);
	}
}

/* A 0/1 item as the file writes it ("true", "1.0" too); blank stays blank. */
static void set_yes_no(struct hval *v, const char *s)
{
	int b = ryes_no(s);
	if (b >= 0) {
		imp_set_int(v, b);
	}
}

/* The Header's values the child row holds beyond imp_child's, into more (HEADER_MORE of
 * them): the reason a UPN is unknown, and motherhood: MOTHER 1 (and her child's date of
 * birth) is set, but MOTHER 0 only fills a blank, since an older year's 0 says she was not
 * a mother then, not now. */
#define HEADER_MORE 3
static void header_more(const struct s9_child *v, struct imp_more more[HEADER_MORE])
{
	more[0] = (struct imp_more){CHILD_UPN_UNKNOWN, {.null = true}, false};
	more[1] = (struct imp_more){CHILD_MOTHER, {.null = true}, ryes_no(v->mother) != 1};
	more[2] = (struct imp_more){CHILD_MC_DOB, {.null = true}, false};
	if (upn_unknown_code(v->upn, RETURN_SSDA903)) {
		imp_set_str(&more[0].val, v->upn);
	}
	set_yes_no(&more[1].val, v->mother);
	imp_set_date(&more[2].val, v->mc_dob);
}

static const char *upper(struct arena *a, const char *s)
{
	if (!sok(s)) {
		return s;
	}
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++) {
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	}
	return u;
}

/* A value the record cannot take: the child is held back (importer_reject while the child is
 * being written names it). */
#define HOLD(tab_, row_, col_, ...) \
	importer_reject(im, s->r.files[(tab_)->t], line_at(row_, tab_), col_, "held", __VA_ARGS__)

/* Whether the record can hold every value of the child's rows as the files give them; each
 * one it cannot is a reject (file, line, column, why), and then nothing of the child is
 * written. What the store refuses (codes of no year, dates out of order) is found when
 * written; this finds what would otherwise be lost on the way: what the reader noted on the
 * child's rows (a date that is no date, a row of the wrong length), a number or a yes/no
 * that is neither, a second row where the record keeps one, a row with no
 * Header to hang from. */
static bool s9_holdable(struct s9_import *s, const struct s9_child *v, int year)
{
	struct importer *im = s->im;
	for (size_t i = 0; i < v->n_problems; i++) {
		const struct rread_note *p = &v->problems[i];
		importer_reject(im, p->file, p->line, p->column, "held", "%s", p->message);
	}
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		const struct s9_tabledef *t = &s9_tables[k];
		size_t n = rows_of(v, t);
		for (size_t i = 0; i < n; i++) {
			const void *row = row_at(v, t, i);
			if (!v->header && k != S9_HEADER && i == 0) {
				HOLD(t, row, "CHILD", "child %s has no Header row: the record needs the child's own "
				     "details to hold the rows", v->child);
			}
		}
	}
	const struct s9_tabledef *T = &s9_tables[S9_HEADER];
	if (v->header) {
		if (v->n_header > 1) {
			HOLD(T, v, "CHILD", "%d Header rows for child %s: the record holds one", v->n_header, v->child);
		}
		if (sok(v->sex) && !s9_sex_in(upper(imp_arena(im), v->sex), year)) {
			HOLD(T, v, "SEX", "'%s' is not a %d SEX code", v->sex, year);
		}
		if (sok(v->mother) && ryes_no(v->mother) < 0) {
			HOLD(T, v, "MOTHER", "'%s' is neither 1 nor 0", v->mother);
		}
	}
	if (v->n_uasc > 1) {
		HOLD(&s9_tables[S9_UASC], &v->uasc[1], "CHILD", "%zu UASC rows: the record holds one", v->n_uasc);
	}
	if (v->n_prevperm > 1) {
		HOLD(&s9_tables[S9_PREVPERM], &v->prevperm[1], "CHILD", "%zu PrevPerm rows: the record holds one",
		     v->n_prevperm);
	}
	for (size_t i = 0; i < v->n_missing; i++) {
		const char *m = v->missing[i].type;
		if (!sok(m) || strlen(m) != 1 || !strchr("MmAa", m[0])) {
			HOLD(&s9_tables[S9_MISSING], &v->missing[i], "MISSING", "'%s' is neither M nor A", m ? m : "");
		}
	}
	static const char *const oc2_names[OC2_FIELD_MAX] = {
		"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
		"HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"};
	for (size_t i = 0; i < v->n_oc2; i++) {
		int64_t n;
		const char *const *o = v->oc2[i].v;
		if (sok(o[OC2_SDQ_SCORE]) && !rnum_whole(o[OC2_SDQ_SCORE], &n)) {
			HOLD(&s9_tables[S9_OC2], &v->oc2[i], "SDQ_SCORE", "'%s' is not a whole number", o[OC2_SDQ_SCORE]);
		}
		for (int k = OC2_CONVICTED; k < OC2_FIELD_MAX; k++) {
			if (sok(o[k]) && ryes_no(o[k]) < 0) {
				HOLD(&s9_tables[S9_OC2], &v->oc2[i], oc2_names[k], "'%s' is neither 1 nor 0", o[k]);
			}
		}
	}
	for (size_t i = 0; i < v->n_ad1; i++) {
		int64_t n;
		if (sok(v->ad1[i].nb_adoptr) && !rnum_whole(v->ad1[i].nb_adoptr, &n)) {
			HOLD(&s9_tables[S9_AD1], &v->ad1[i], "NB_ADOPTR", "'%s' is not a whole number", v->ad1[i].nb_adoptr);
		}
	}
	for (size_t i = 0; i < v->n_oc3; i++) {
		bool in_year = false;
		for (int age = 17; dok(v->dob) && age <= 21; age++) {
			hdate b = date_birthday(v->dob, age);
			in_year = in_year || (b >= returns_year_start(year) && b <= returns_year_end(year));
		}
		if (!in_year) {
			HOLD(&s9_tables[S9_OC3], &v->oc3[i], "DOB", "the record keeps a care leaver's OC3 as a contact "
			     "around the 17th to 21st birthday, and this young person has none in the year");
		}
	}
	for (size_t i = 0; i < v->n_sw; i++) {
		if (!sok(v->sw[i].sw_id)) {
			HOLD(&s9_tables[S9_SW], &v->sw[i], "SW_ID", "SW_ID is blank: the record needs the worker");
		}
	}
	return !importer_child_failed(im);
}
#undef HOLD

/* Whether the record as written so far (the child's episodes in) puts the young person in
 * the year's OC3 cohort by the care history alone. */
static bool oc3_by_history(struct importer *im, int64_t id, int year)
{
	struct arena tmp = ARENA_INIT;
	struct casefile cf;
	struct hearth_error err = {0};
	bool yes = store_casefile_load(imp_store(im), id, &tmp, &cf, &err) == 0 && view903_oc3_by_history(&cf, year);
	arena_free(&tmp);
	return yes;
}

/* Writes one child's rows into the record. */
static void write_child(struct s9_import *s, struct s9_child *v, int year)
{
	struct importer *im = s->im;
	bool header_ok = v->header;
	int64_t id = 0;
	struct imp_where w = {s->r.files[S9_HEADER], v->line, child_cols};
	if (header_ok) {
		const char *upn = sok(v->upn) && !upn_unknown_code(v->upn, RETURN_SSDA903) ? v->upn : NULL;
		struct imp_more more[HEADER_MORE];
		header_more(v, more);
		id = imp_child(im, &w, v->child, v->dob, DATE_NONE, s9_sex_in(upper(imp_arena(im), v->sex), year), v->ethnic, upn, NULL,
			       DATE_NONE, arena_printf(imp_arena(im), "SSDA903 %d", year), more, HEADER_MORE);
	}
	/* Every other row needs the child (a child the record refused is held back whole). */
	if (!id) {
		return;
	}
	const struct entity *E = &entity_cla_episode;
	for (size_t i = 0; i < v->n_episodes; i++) {
		const struct s9_episode *e = &v->episodes[i];
		struct imp_where we = {s->r.files[S9_EPISODES], e->line, ep_cols};
		struct hval *r = imp_vals(im, E), *def = imp_vals(im, E);
		imp_set_int(&r[CLA_EPISODE_CHILD_ID], id);
		imp_set_date(&r[CLA_EPISODE_DECOM], e->decom);
		imp_set_str(&r[CLA_EPISODE_RNE], e->rne);
		imp_set_str(&r[CLA_EPISODE_LS], e->ls);
		imp_set_str(&r[CLA_EPISODE_CIN], e->cin);
		imp_set_str(&r[CLA_EPISODE_PLACE], e->place);
		imp_set_str(&r[CLA_EPISODE_PLACE_PROVIDER], e->provider);
		imp_set_date(&r[CLA_EPISODE_DEC], e->dec);
		imp_set_str(&r[CLA_EPISODE_REC], e->rec);
		imp_set_str(&r[CLA_EPISODE_REASON_PLACE_CHANGE], e->rpc);
		imp_set_str(&r[CLA_EPISODE_HOME_POST], e->home_post);
		imp_set_str(&r[CLA_EPISODE_PL_POST], e->pl_post);
		imp_set_str(&r[CLA_EPISODE_URN], e->urn);
		/* Long-term fostering placements are intended to last until 18. */
		imp_set_int(&def[CLA_EPISODE_LONG_TERM], str_eq(e->place, "U1") || str_eq(e->place, "U4"));
		imp_upsert(im, &we, E, id, CLA_EPISODE_DECOM, -1, r, def);
	}
	for (size_t i = 0; i < v->n_reviews; i++) {
		struct imp_where wr = {s->r.files[S9_REVIEWS], v->reviews[i].line, rv_cols};
		struct hval *r = imp_vals(im, &entity_cla_review);
		imp_set_int(&r[CLA_REVIEW_CHILD_ID], id);
		imp_set_date(&r[CLA_REVIEW_REVIEW_DATE], v->reviews[i].date);
		imp_set_str(&r[CLA_REVIEW_PARTICIPATION], v->reviews[i].code);
		imp_upsert(im, &wr, &entity_cla_review, id, CLA_REVIEW_REVIEW_DATE, -1, r, NULL);
	}
	for (size_t i = 0; i < v->n_uasc && i < 1; i++) {
		struct imp_where wu = {s->r.files[S9_UASC], v->uasc[i].line, child_cols};
		static const int fields[] = {CHILD_UASC, CHILD_UASC_CEASED};
		struct hval vals[2];
		imp_set_int(&vals[0], 1);
		imp_set_date(&vals[1], v->uasc[i].duc);
		imp_child_set(im, &wu, id, fields, vals, 2);
	}
	for (size_t i = 0; i < v->n_missing; i++) {
		const struct s9_missing *m = &v->missing[i];
		struct imp_where wm = {s->r.files[S9_MISSING], m->line, ms_cols};
		struct hval *r = imp_vals(im, &entity_missing), *def = imp_vals(im, &entity_missing);
		imp_set_int(&r[MISSING_CHILD_ID], id);
		imp_set_int(&r[MISSING_START_AT], day_instant(m->start));
		r[MISSING_START_AT].null = !dok(m->start);
		imp_set_int(&r[MISSING_END_AT], day_instant(m->end));
		r[MISSING_END_AT].null = !dok(m->end);
		imp_set_int(&r[MISSING_AWAY], str_eq(m->type, "A") || str_eq(m->type, "a"));
		imp_set_int(&def[MISSING_RHI_ACCEPTED], 0);
		imp_upsert(im, &wm, &entity_missing, id, MISSING_START_AT, -1, r, def);
	}
	for (size_t i = 0; i < v->n_oc3; i++) {
		const struct s9_oc3 *o = &v->oc3[i];
		if (!dok(v->dob)) {
			continue;
		}
		/* The return says how things stood around the birthday: recorded on the birthday,
		 * unless the record has a contact within the OC3 window already. */
		hdate bday = DATE_NONE;
		for (int age = 17; age <= 21; age++) {
			hdate b = date_birthday(v->dob, age);
			if (b >= returns_year_start(year) && b <= returns_year_end(year)) {
				bday = b;
			}
		}
		if (bday == DATE_NONE) {
			continue;
		}
		/* "Not in touch" with nothing known is what a record with the young person's care
		 * history and no contact around the birthday already says: nothing to add. Without
		 * that history, the contact keeps the young person in the care leavers' cohort. */
		if (str_eq(o->in_touch, "NO") && str_eq(o->activ, "0") && str_eq(o->accom, "0") &&
		    imp_count(im, &entity_cla_episode, id) > 0 && oc3_by_history(im, id, year)) {
			continue;
		}
		struct imp_where wo = {s->r.files[S9_OC3], o->line, oc3_cols};
		const struct entity *L = &entity_leaver_contact;
		struct hval *r = imp_vals(im, L), *def = imp_vals(im, L);
		imp_set_int(&r[LEAVER_CONTACT_CHILD_ID], id);
		imp_set_date(&r[LEAVER_CONTACT_CONTACT_DATE], bday);
		imp_set_str(&r[LEAVER_CONTACT_IN_TOUCH], o->in_touch);
		imp_set_str(&r[LEAVER_CONTACT_ACTIVITY], o->activ);
		imp_set_str(&r[LEAVER_CONTACT_ACCOMMODATION], o->accom);
		if (sok(o->accom) && strlen(o->accom) == 2) {
			imp_set_int(&def[LEAVER_CONTACT_SUITABLE], o->accom[1] == '1');
		}
		imp_set_int(&def[LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED], 0);
		imp_upsert_near(im, &wo, L, id, LEAVER_CONTACT_CONTACT_DATE, -1, date_add_months(bday, -3),
				date_add_months(bday, 1), r, def);
	}
	const struct entity *A = &entity_adoption;
	for (size_t i = 0; i < v->n_placed; i++) {
		const struct s9_placed *p = &v->placed[i];
		struct imp_where wp = {s->r.files[S9_PLACED], p->line, ad_cols};
		struct hval *r = imp_vals(im, A);
		imp_set_int(&r[ADOPTION_CHILD_ID], id);
		imp_set_date(&r[ADOPTION_DECISION_DATE], p->date_placed);
		imp_set_date(&r[ADOPTION_CEASED_DATE], p->date_ceased);
		imp_set_str(&r[ADOPTION_CEASED_REASON], p->reason);
		imp_upsert(im, &wp, A, id, ADOPTION_DECISION_DATE, -1, r, NULL);
	}
	for (size_t i = 0; i < v->n_ad1; i++) {
		const struct s9_ad1 *o = &v->ad1[i];
		struct imp_where wa = {s->r.files[S9_AD1], o->line, ad1_cols};
		struct hval *r = imp_vals(im, A);
		imp_set_int(&r[ADOPTION_CHILD_ID], id);
		imp_set_date(&r[ADOPTION_DECISION_DATE], o->date_int);
		imp_set_date(&r[ADOPTION_MATCHED_DATE], o->date_match);
		set_number(&r[ADOPTION_ADOPTERS_NUMBER], o->nb_adoptr);
		imp_set_str(&r[ADOPTION_ADOPTERS_SEX], o->sex_adoptr);
		imp_set_str(&r[ADOPTION_ADOPTERS_LEGAL_STATUS], o->ls_adoptr);
		imp_upsert(im, &wa, A, id, ADOPTION_DECISION_DATE, -1, r, NULL);
	}
	for (size_t i = 0; i < v->n_sw; i++) {
		const struct s9_sw *o = &v->sw[i];
		struct imp_where ws = {s->r.files[S9_SW], o->line, sw_cols};
		int64_t worker = imp_worker(im, &ws, o->sw_id, o->decom);
		if (!worker) {
			if (!sok(o->sw_id)) {
				importer_reject(im, ws.file, ws.line, "SW_ID", "required", "SW_ID is blank");
			}
			continue;
		}
		const struct entity *L = &entity_allocation;
		struct hval *r = imp_vals(im, L);
		imp_set_int(&r[ALLOCATION_CHILD_ID], id);
		imp_set_int(&r[ALLOCATION_WORKER_ID], worker);
		imp_set_str(&r[ALLOCATION_KIND], "sw");
		imp_set_date(&r[ALLOCATION_START_DATE], o->decom);
		imp_set_date(&r[ALLOCATION_END_DATE], o->dec);
		imp_set_str(&r[ALLOCATION_REASON], o->reason);
		imp_upsert(im, &ws, L, id, ALLOCATION_START_DATE, ALLOCATION_WORKER_ID, r, NULL);
	}
	/* OC2: the year's row, dated the 31 March ending it. A row with every item blank says
	 * nothing (the return lists every child looked after for 12 months) and adds none. */
	const struct entity *O = &entity_cla_outcome;
	for (size_t i = 0; i < v->n_oc2; i++) {
		const struct s9_oc2 *o = &v->oc2[i];
		bool any = false;
		for (int k = 0; k < OC2_FIELD_MAX; k++) {
			any = any || sok(o->v[k]);
		}
		if (!any) {
			continue;
		}
		struct imp_where wo = {s->r.files[S9_OC2], o->line, oc2_cols};
		struct hval *r = imp_vals(im, O);
		imp_set_int(&r[CLA_OUTCOME_CHILD_ID], id);
		imp_set_date(&r[CLA_OUTCOME_YEAR_END], returns_year_end(year));
		set_number(&r[CLA_OUTCOME_SDQ_SCORE], o->v[OC2_SDQ_SCORE]);
		imp_set_str(&r[CLA_OUTCOME_SDQ_REASON], o->v[OC2_SDQ_REASON]);
		for (int k = OC2_CONVICTED; k < OC2_FIELD_MAX; k++) {
			/* the yes/no items are in the same order in the file and the record */
			set_yes_no(&r[CLA_OUTCOME_CONVICTED + (k - OC2_CONVICTED)], o->v[k]);
		}
		imp_upsert(im, &wo, O, id, CLA_OUTCOME_YEAR_END, -1, r, NULL);
	}
	/* PrevPerm, set on the child apart from the Header, so that a refused value rejects
	 * only its own row. Z1 with nothing else is "not known", which a blank says too. */
	for (size_t i = 0; i < v->n_prevperm && i < 1; i++) {
		const struct s9_prevperm *p = &v->prevperm[i];
		if ((str_eq(p->prev_perm, "Z1") && !sok(p->la_perm) && !dok(p->date_perm))) {
			continue;
		}
		struct imp_where wp = {s->r.files[S9_PREVPERM], p->line, pp_cols};
		static const int fields[] = {CHILD_PREV_PERM, CHILD_PREV_PERM_LA, CHILD_PREV_PERM_DATE};
		struct hval vals[3];
		imp_set_str(&vals[0], p->prev_perm);
		imp_set_str(&vals[1], p->la_perm);
		imp_set_date(&vals[2], p->date_perm);
		imp_child_set(im, &wp, id, fields, vals, 3);
	}
}

int ssda903_import(struct store *st, const char *const *paths, size_t n_paths,
		   const struct returns_import_options *o, struct arena *a, struct returns_import_result *res,
		   struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	struct s9_import s;
	memset(&s, 0, sizeof(s));
	s.im = importer_new(st, o, a, res);
	s.res = res;
	s.r.a = a;
	s.r.problem = file_problem;
	s.r.ctx = &s;
	int rc = s9_read(&s.r, paths, n_paths, err);
	if (rc) {
		if (rc == HERR_INVALID && (strcmp(err->rule, "csv") == 0 || strcmp(err->rule, "xml") == 0)) {
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n, ": nothing was imported");
		}
		return rc;
	}
	bool any = false;
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		any = any || s.r.files[k];
	}
	if (!any) {
		res->year = o->year;
		return 0; /* no file was a table: nothing to import */
	}
	/* The CSV tables do not say their year, and a date in them does not either (an open
	 * episode begun years ago is in every return since): the caller says. */
	int year = o->year;
	if (!year) {
		return herr_set(err, HERR_INVALID, "year", "year",
				"SSDA903 CSV files do not say their collection year: give it with --year Y (2025 is "
				"1 April 2024 to 31 March 2025)");
	}
	if ((rc = check_year(year, err))) {
		return rc;
	}
	res->year = year;
	res->rows = s.r.rows;

	/* The DfE's rules over the files, as the DfE would run them: every finding is counted
	 * for the report, none stops a row. */
	struct returns_findings found = {0};
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.year = year;
	x.ys = returns_year_start(year);
	x.ye = returns_year_end(year);
	x.a = a;
	x.out = &found;
	struct smap counts = {0};
	for (size_t i = 0; i < s.r.n_children; i++) {
		struct s9_child *v = &s.r.children[i];
		s9_prepare(v);
		size_t before = found.n;
		x.s9 = v;
		rules_run_child(&x, RETURN_SSDA903, NULL);
		for (size_t f = before; f < found.n; f++) {
			const char *id = found.items[f].rule->id;
			smap_put(&counts, a, id, smap_get(&counts, id) + 1);
		}
		found.n = 0; /* counted: the findings themselves are not kept */
	}
	if ((rc = importer_load(s.im, err)) || (rc = importer_begin(s.im, err))) {
		return rc;
	}
	/* Child by child; a pass that held back a child after writing some of its rows is undone
	 * and run again without it (importer_pass_end). */
	for (;;) {
		int64_t done = 0;
		for (size_t i = 0; i < s.r.n_children; i++) {
			struct s9_child *v = &s.r.children[i];
			int64_t n = v->header + (int64_t)(v->n_episodes + v->n_reviews + v->n_uasc + v->n_oc2 + v->n_oc3 +
							  v->n_ad1 + v->n_placed + v->n_prevperm + v->n_missing + v->n_sw);
			if (importer_child_begin(s.im, v->child, n) && s9_holdable(&s, v, year)) {
				write_child(&s, v, year);
			}
			importer_child_end(s.im);
			done += n;
			if (i % 512 == 0) {
				importer_progress(s.im, done, s.r.rows);
			}
		}
		rc = importer_pass_end(s.im, err);
		if (rc <= 0) {
			break;
		}
	}
	if (rc) {
		return rc;
	}
	importer_progress(s.im, s.r.rows, s.r.rows);
	for (size_t i = 0; i < counts.cap; i++) {
		if (counts.keys[i]) {
			const struct returns_rule *r = returns_rule_find(RETURN_SSDA903, counts.keys[i]);
			res->findings += counts.vals[i];
			importer_note(s.im, "DfE rule %s: %lld finding%s in the files (%s)", counts.keys[i],
				      (long long)counts.vals[i], counts.vals[i] == 1 ? "" : "s", r ? r->message : "");
		}
	}
	return 0;
}
