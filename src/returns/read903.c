/* read903: SSDA903 CSV files read into return views, as they are (see table903.h).
 *
 * A file is known by its header: the table whose columns it holds most of (in any order and
 * letter case; its file name breaks a tie). Each of the file's columns is mapped to the
 * table's; a column the table does not have is noted and not read, one the table has and the
 * file lacks is noted and read as blank. Rows are grouped by CHILD into one view per child;
 * a row whose number of values differs from the header's is read by position as far as it
 * goes and noted on its child, as is a row with a blank CHILD (its child is ""). Values are
 * trimmed of spaces; codes are read in capitals and whole numbers written "1.0" as 1, and
 * otherwise values are kept as written. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "base/mem.h"
#include "returns/readlimits.h"
#include "returns/table903.h"

#define COL(n, k, type, m) {n, k, offsetof(type, m)}
#define CHILDCOL {"CHILD", CK_CHILD, 0}

static const struct s9_col c_header[] = {
	CHILDCOL,
	COL("SEX", CK_CODE, struct s9_child, sex),
	COL("DOB", CK_DATE, struct s9_child, dob),
	COL("ETHNIC", CK_CODE, struct s9_child, ethnic),
	COL("UPN", CK_STR, struct s9_child, upn),
	COL("MOTHER", CK_NUM, struct s9_child, mother),
	COL("MC_DOB", CK_DATE, struct s9_child, mc_dob),
};

static const struct s9_col c_episodes[] = {
	CHILDCOL,
	COL("DECOM", CK_DATE, struct s9_episode, decom),
	COL("RNE", CK_CODE, struct s9_episode, rne),
	COL("LS", CK_CODE, struct s9_episode, ls),
	COL("CIN", CK_CODE, struct s9_episode, cin),
	COL("PLACE", CK_CODE, struct s9_episode, place),
	COL("PLACE_PROVIDER", CK_CODE, struct s9_episode, provider),
	COL("DEC", CK_DATE, struct s9_episode, dec),
	COL("REC", CK_CODE, struct s9_episode, rec),
	COL("REASON_PLACE_CHANGE", CK_CODE, struct s9_episode, rpc),
	COL("HOME_POST", CK_STR, struct s9_episode, home_post),
	COL("PL_POST", CK_STR, struct s9_episode, pl_post),
	COL("URN", CK_STR, struct s9_episode, urn),
};

static const struct s9_col c_reviews[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_review, dob),
	COL("REVIEW", CK_DATE, struct s9_review, date),
	COL("REVIEW_CODE", CK_CODE, struct s9_review, code),
};

static const struct s9_col c_uasc[] = {
	CHILDCOL,
	COL("SEX", CK_CODE, struct s9_uasc, sex),
	COL("DOB", CK_DATE, struct s9_uasc, dob),
	COL("DUC", CK_DATE, struct s9_uasc, duc),
};

static const struct s9_col c_oc2[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_oc2, dob),
	COL("SDQ_SCORE", CK_NUM, struct s9_oc2, v[OC2_SDQ_SCORE]),
	COL("SDQ_REASON", CK_CODE, struct s9_oc2, v[OC2_SDQ_REASON]),
	COL("CONVICTED", CK_NUM, struct s9_oc2, v[OC2_CONVICTED]),
	COL("HEALTH_CHECK", CK_NUM, struct s9_oc2, v[OC2_HEALTH_CHECK]),
	COL("IMMUNISATIONS", CK_NUM, struct s9_oc2, v[OC2_IMMUNISATIONS]),
	COL("TEETH_CHECK", CK_NUM, struct s9_oc2, v[OC2_TEETH_CHECK]),
	COL("HEALTH_ASSESSMENT", CK_NUM, struct s9_oc2, v[OC2_HEALTH_ASSESSMENT]),
	COL("SUBSTANCE_MISUSE", CK_NUM, struct s9_oc2, v[OC2_SUBSTANCE_MISUSE]),
	COL("INTERVENTION_RECEIVED", CK_NUM, struct s9_oc2, v[OC2_INTERVENTION_RECEIVED]),
	COL("INTERVENTION_OFFERED", CK_NUM, struct s9_oc2, v[OC2_INTERVENTION_OFFERED]),
};

static const struct s9_col c_oc3[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_oc3, dob),
	COL("IN_TOUCH", CK_CODE, struct s9_oc3, in_touch),
	COL("ACTIV", CK_CODE, struct s9_oc3, activ),
	COL("ACCOM", CK_CODE, struct s9_oc3, accom),
};

static const struct s9_col c_ad1[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_ad1, dob),
	COL("DATE_INT", CK_DATE, struct s9_ad1, date_int),
	COL("DATE_MATCH", CK_DATE, struct s9_ad1, date_match),
	COL("FOSTER_CARE", CK_NUM, struct s9_ad1, foster_care),
	COL("NB_ADOPTR", CK_NUM, struct s9_ad1, nb_adoptr),
	COL("SEX_ADOPTR", CK_CODE, struct s9_ad1, sex_adoptr),
	COL("LS_ADOPTR", CK_CODE, struct s9_ad1, ls_adoptr),
};

static const struct s9_col c_placed[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_placed, dob),
	COL("DATE_PLACED", CK_DATE, struct s9_placed, date_placed),
	COL("DATE_PLACED_CEASED", CK_DATE, struct s9_placed, date_ceased),
	COL("REASON_PLACED_CEASED", CK_CODE, struct s9_placed, reason),
};

static const struct s9_col c_prevperm[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_prevperm, dob),
	COL("PREV_PERM", CK_CODE, struct s9_prevperm, prev_perm),
	COL("LA_PERM", CK_NUM, struct s9_prevperm, la_perm),
	COL("DATE_PERM", CK_DATE, struct s9_prevperm, date_perm),
};

static const struct s9_col c_missing[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_missing, dob),
	COL("MISSING", CK_CODE, struct s9_missing, type),
	COL("MIS_START", CK_DATE, struct s9_missing, start),
	COL("MIS_END", CK_DATE, struct s9_missing, end),
};

static const struct s9_col c_sw[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_sw, dob),
	COL("SW_ID", CK_STR, struct s9_sw, sw_id),
	COL("SW_DECOM", CK_DATE, struct s9_sw, decom),
	COL("SW_DEC", CK_DATE, struct s9_sw, dec),
	COL("SW_REASON", CK_CODE, struct s9_sw, reason),
};

static const struct s9_col c_dolo[] = {
	CHILDCOL,
	COL("DOB", CK_DATE, struct s9_dolo, dob),
	COL("DOLO_START", CK_DATE, struct s9_dolo, start),
	COL("DOLO_END", CK_DATE, struct s9_dolo, end),
};

#define NCOLS(c) ((int)(sizeof(c) / sizeof((c)[0])))
#define TAB(t, name, from, cols, type, arr)                                                                   \
	{t, name, from, cols, NCOLS(cols), sizeof(type), offsetof(struct s9_child, arr),                     \
	 offsetof(struct s9_child, n_##arr), offsetof(struct s9_child, cap_##arr), offsetof(type, line)}

const struct s9_tabledef s9_tables[S9_TABLE_MAX] = {
	{S9_HEADER, "Header", 0, c_header, NCOLS(c_header), sizeof(struct s9_child), 0, 0, 0,
	 offsetof(struct s9_child, line)},
	TAB(S9_EPISODES, "Episodes", 0, c_episodes, struct s9_episode, episodes),
	TAB(S9_REVIEWS, "Reviews", 0, c_reviews, struct s9_review, reviews),
	TAB(S9_UASC, "UASC", 0, c_uasc, struct s9_uasc, uasc),
	TAB(S9_OC2, "OC2", 0, c_oc2, struct s9_oc2, oc2),
	TAB(S9_OC3, "OC3", 0, c_oc3, struct s9_oc3, oc3),
	TAB(S9_AD1, "AD1", 0, c_ad1, struct s9_ad1, ad1),
	TAB(S9_PLACED, "PlacedAdoption", 0, c_placed, struct s9_placed, placed),
	TAB(S9_PREVPERM, "PrevPerm", 0, c_prevperm, struct s9_prevperm, prevperm),
	TAB(S9_MISSING, "Missing", 0, c_missing, struct s9_missing, missing),
	TAB(S9_SW, "SWEpisodes", 2024, c_sw, struct s9_sw, sw),
	TAB(S9_DOLO, "DoLo", 2027, c_dolo, struct s9_dolo, dolo),
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool has_suffix(const char *name, const char *const *suffixes)
{
	size_t len = strlen(name);
	for (; *suffixes; suffixes++) {
		size_t k = strlen(*suffixes);
		if (len > k && strcasecmp(name + len - k, *suffixes) == 0) {
			return true;
		}
	}
	return false;
}

int returns_expand_paths(const char *const *paths, size_t n, const char *const *suffixes, struct arena *a,
			 const char ***out, size_t *n_out, struct hearth_error *err)
{
	const char **files = NULL;
	size_t nf = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0) {
			return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", paths[i], strerror(errno));
		}
		if (!S_ISDIR(sb.st_mode)) {
			*ARR_PUSH(a, files, nf, cap) = paths[i];
			continue;
		}
		DIR *d = opendir(paths[i]);
		if (!d) {
			return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", paths[i], strerror(errno));
		}
		size_t first = nf;
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (has_suffix(de->d_name, suffixes)) {
				*ARR_PUSH(a, files, nf, cap) = arena_printf(a, "%s/%s", paths[i], de->d_name);
			}
		}
		closedir(d);
		qsort(files + first, nf - first, sizeof(*files), name_cmp);
	}
	*out = files;
	*n_out = nf;
	return 0;
}

static struct s9_child *child_view(struct s9_files *s, const char *child)
{
	int64_t k = smap_get(&s->index, child);
	if (k) {
		return &s->children[k - 1];
	}
	struct s9_child *v = ARR_PUSH(s->a, s->children, s->n_children, s->cap_children);
	memset(v, 0, sizeof(*v));
	v->child = arena_strdup(s->a, child);
	v->dob = v->mc_dob = v->death = DATE_NONE;
	v->files = s->files;
	smap_put(&s->index, s->a, v->child, (int64_t)s->n_children);
	return v;
}

static hdate parse_dmy(const char *s)
{
	hdate d;
	while (s && (*s == ' ' || *s == '\t')) {
		s++;
	}
	if (!sok(s)) {
		return DATE_NONE;
	}
	char b[16];
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
	}
	if (n >= sizeof(b)) {
		return RDATE_BAD;
	}
	memcpy(b, s, n);
	b[n] = '\0';
	return rdate_parse(b, true, &d) == 0 ? d : RDATE_BAD;
}

/* The cell text, trimmed; NULL when blank. */
static const char *cell(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
	}
	return n ? arena_strndup(a, s, n) : NULL;
}

/* A cell as the view holds it: a code in capitals (the DfE's codes are: "u4" is U4), a whole
 * number as digits ("1.0" is 1), anything else as written; trimmed, NULL when blank. */
static const char *value(struct arena *a, enum col_kind k, const char *s)
{
	char *v = (char *)cell(a, s);
	int64_t n;
	if (!v) {
		return NULL;
	}
	if (k == CK_CODE) {
		for (char *p = v; *p; p++) {
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		}
	} else if (k == CK_NUM && strchr(v, '.') && rnum_whole(v, &n)) {
		v = arena_printf(a, "%lld", (long long)n);
	}
	return v;
}

static void note_row(struct s9_files *s, struct s9_child *v, enum rread_problem p, const char *file, int line,
		     const char *column, const char *message)
{
	*ARR_PUSH(s->a, v->problems, v->n_problems, v->cap_problems) =
		(struct rread_note){p, file, line, column, message};
}

static void note_file(struct s9_files *s, enum rread_problem p, const char *file, int line, const char *column,
		      const char *message)
{
	struct rread_note n = {p, file, line, column, message};
	if (s->problem) {
		s->problem(s->ctx, &n);
	}
}

/* One data row (fields, n of them) of table t into its child's view. */
static void read_row(struct s9_files *s, const struct s9_tabledef *t, char **fields, int n, int line)
{
	const int *map = s->map[t->t];
	const char *path = s->files[t->t];
#define FIELD(i) (map[i] >= 0 && map[i] < n ? fields[map[i]] : "")
	const char *child = cell(s->a, FIELD(0));
	struct s9_child *v = child_view(s, child ? child : "");
	if (n != s->n_file_cols[t->t]) {
		note_row(s, v, RREAD_COLUMNS, path, line, NULL,
			 arena_printf(s->a, "%d values where the %s header has %d: read by position", n, t->name,
				      s->n_file_cols[t->t]));
	}
	if (!child) {
		note_row(s, v, RREAD_BLANK_CHILD, path, line, "CHILD", "CHILD is blank");
	}
	void *row;
	if (t->t == S9_HEADER) {
		row = v;
		v->n_header++;
		if (v->header) {
			return; /* INT32 reports the second row; the first is kept */
		}
		v->header = true;
	} else {
		char *base = (char *)v;
		void **arr = (void **)(base + t->arr_off);
		size_t *nr = (size_t *)(base + t->n_off), *cap = (size_t *)(base + t->cap_off);
		if (*nr == *cap) {
			size_t ncap = *cap ? *cap * 2 : 4;
			*arr = arena_grow(s->a, *arr, *nr, ncap, t->row_size);
			*cap = ncap;
		}
		row = (char *)*arr + (*nr)++ * t->row_size;
		memset(row, 0, t->row_size);
	}
	for (int i = 1; i < t->n_cols; i++) {
		const struct s9_col *c = &t->cols[i];
		char *at = (char *)row + c->off;
		if (c->kind == CK_DATE) {
			*(hdate *)at = parse_dmy(FIELD(i));
			if (*(hdate *)at == RDATE_BAD) {
				note_row(s, v, RREAD_VALUE, path, line, c->name,
					 arena_printf(s->a, "'%s' is not a date (dd/mm/yyyy)", cell(s->a, FIELD(i))));
			}
		} else {
			*(const char **)at = value(s->a, c->kind, FIELD(i));
		}
	}
#undef FIELD
	*(int *)((char *)row + t->line_off) = line;
}

/* A header cell as a column name: trimmed of spaces. */
static bool same_name(const char *h, const char *name)
{
	while (*h == ' ' || *h == '\t') {
		h++;
	}
	size_t n = strlen(h);
	while (n && (h[n - 1] == ' ' || h[n - 1] == '\t')) {
		n--;
	}
	return strlen(name) == n && strncasecmp(h, name, n) == 0;
}

static int column_in(const struct csv *c, const char *name)
{
	for (int i = 0; i < c->n; i++) {
		if (same_name(c->fields[i], name)) {
			return i;
		}
	}
	return -1;
}

/* The table whose columns the header holds most of, CHILD among them; a tie goes to the
 * table the file is named after, then to the smaller table. NULL when none holds CHILD and
 * more than half of its columns (or, named after the file, at least one more). */
static const struct s9_tabledef *table_of_header(const struct csv *c, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t blen = strcspn(base, ".");
	const struct s9_tabledef *best = NULL;
	int best_n = 0;
	bool best_named = false;
	if (column_in(c, "CHILD") < 0) {
		return NULL;
	}
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		const struct s9_tabledef *t = &s9_tables[k];
		int n = 0;
		for (int i = 0; i < t->n_cols; i++) {
			n += column_in(c, t->cols[i].name) >= 0;
		}
		bool named = strlen(t->name) == blen && strncasecmp(base, t->name, blen) == 0;
		if (n < 2 || (!named && n * 2 <= t->n_cols)) {
			continue;
		}
		if (!best || n > best_n || (n == best_n && named && !best_named) ||
		    (n == best_n && named == best_named && t->n_cols < best->n_cols)) {
			best = t;
			best_n = n;
			best_named = named;
		}
	}
	return best;
}

/* The error for a file that cannot be read whole (r: what csv_next said): the rows after the
 * break are unknown, so nothing of the files should be used. */
static int unreadable(const char *path, const struct csv *c, int r, struct hearth_error *err)
{
	if (r == 0) {
		return herr_set(err, HERR_INVALID, "file", "csv",
				"%s:%d: the file ends inside a row (%d values where the header has more): it looks cut "
				"short", path, c->lineno, c->n);
	}
	return herr_set(err, HERR_INVALID, "file", "csv", "%s:%d: %s", path, c->lineno,
			r == -1 ? "a quoted value is never closed" : c->bad);
}

/* Identifies a file's table from its header and maps its columns. */
static int identify(struct s9_files *s, const char *path, struct hearth_error *err)
{
	struct csv c;
	if (csv_open(&c, path)) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", path, strerror(errno));
	}
	int r = csv_next(&c);
	if (r < 0) {
		int rc = unreadable(path, &c, r, err);
		csv_close(&c);
		return rc;
	}
	const struct s9_tabledef *t = r == 1 ? table_of_header(&c, path) : NULL;
	if (!t) {
		note_file(s, RREAD_NOT_TABLE, path, 1, NULL,
			  "the first line is not the header of an SSDA903 table (Header, Episodes, Reviews, UASC, OC2, "
			  "OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes)");
	} else if (s->files[t->t]) {
		note_file(s, RREAD_SECOND_TABLE, path, 1, NULL,
			  arena_printf(s->a, "a second %s table (the first is %s): not read", t->name, s->files[t->t]));
	} else {
		s->files[t->t] = path;
		s->n_file_cols[t->t] = c.n;
		int *map = arena_alloc(s->a, sizeof(int) * (size_t)t->n_cols);
		for (int i = 0; i < t->n_cols; i++) {
			map[i] = column_in(&c, t->cols[i].name);
			if (map[i] < 0) {
				note_file(s, RREAD_MISSING_COLUMN, path, 1, t->cols[i].name,
					  arena_printf(s->a, "the %s table has a column %s, and this file has none: read as "
						       "blank", t->name, t->cols[i].name));
			}
		}
		s->map[t->t] = map;
		for (int i = 0; i < c.n; i++) {
			bool known = false;
			for (int k = 0; k < t->n_cols && !known; k++) {
				known = map[k] == i;
			}
			if (!known) {
				const char *name = cell(s->a, c.fields[i]);
				note_file(s, RREAD_EXTRA_COLUMN, path, 1, name ? name : "",
					  arena_printf(s->a, "column %d (%s) is not one of the %s table's: not read", i + 1,
						       name ? name : "no name", t->name));
			}
		}
	}
	csv_close(&c);
	return 0;
}

static int read_file(struct s9_files *s, const struct s9_tabledef *t, struct hearth_error *err)
{
	struct csv c;
	const char *path = s->files[t->t];
	if (csv_open(&c, path)) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", path, strerror(errno));
	}
	int r = csv_next(&c); /* the header */
	while ((r = csv_next(&c)) == 1) {
		if (c.n == 1 && !*c.fields[0]) {
			continue; /* a blank line */
		}
		s->rows++;
		if (c.n < s->n_file_cols[t->t] && c.unterminated) {
			int rc = unreadable(path, &c, 0, err); /* the last line, short and with no newline */
			csv_close(&c);
			return rc;
		}
		read_row(s, t, c.fields, c.n, c.lineno);
	}
	int rc = r < 0 ? unreadable(path, &c, r, err) : 0;
	if (!rc && c.encoding) {
		note_file(s, RREAD_ENCODING, path, 0, NULL,
			  arena_printf(s->a, "not UTF-8: read as %s", c.encoding));
	}
	csv_close(&c);
	return rc;
}

/* ---- the XML form (CLA.xsd, root EXPSSDA903), as ssda903_export_xml writes it ----
 * Each CHILD's HEADER and EPISODEs become the rows of the CSV tables, and go through
 * read_row as a CSV row does, so every value is kept as written and checked the same way:
 * CHILDID is CHILD, PL is PLACE, and a table's DOB and SEX are the HEADER's. The HEADER
 * holds one row each of UASC (UASC 1, DUC), AD1 and OC3 (when any of their items is there),
 * and the repeated AMISSING, AREVIEW, PERMANENCE, OC2 and AD_PLACED elements; the XML has
 * no social worker episodes (SWEpisodes) and no DoLo. An element the schema does not have is
 * a query (R03) naming it, never a refusal. */

/* The text of the leaf element named name under el (NULL when none), in a. */
static const char *xleaf(struct arena *a, xmlNode *el, const char *name)
{
	for (xmlNode *c = el ? el->children : NULL; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			const char *r = arena_strdup(a, t ? (const char *)t : "");
			xmlFree(t);
			return r;
		}
	}
	return NULL;
}

/* One row of table t from element el (the header hd gives CHILD, DOB and SEX). */
static void xml_row(struct s9_files *s, const struct s9_tabledef *t, xmlNode *el, xmlNode *hd)
{
	char **fields = arena_alloc(s->a, sizeof(char *) * (size_t)t->n_cols);
	for (int i = 0; i < t->n_cols; i++) {
		const char *name = t->cols[i].name, *v = NULL;
		if (strcmp(name, "CHILD") == 0) {
			v = xleaf(s->a, hd, "CHILDID");
		} else if (strcmp(name, "PLACE") == 0) {
			v = xleaf(s->a, el, "PL");
		} else {
			v = xleaf(s->a, el, name);
			if (!v && el != hd) {
				v = xleaf(s->a, hd, name);
			}
		}
		fields[i] = (char *)(v ? v : "");
	}
	s->rows++;
	read_row(s, t, fields, t->n_cols, (int)xmlGetLineNo(el));
}

static bool xml_has_any(struct arena *a, xmlNode *hd, const char *const *names)
{
	for (; *names; names++) {
		if (xleaf(a, hd, *names)) {
			return true;
		}
	}
	return false;
}

/* The elements a HEADER, an EPISODE and the HEADER's repeated elements may hold. */
static const char *const XML_HEADER[] = {"CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "DATE_INT",
					 "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
					 "IN_TOUCH", "ACTIV", "ACCOM", "AMISSING", "AREVIEW", "MOTHER", "MC_DOB",
					 "PERMANENCE", "OC2", "AD_PLACED", NULL};
static const char *const XML_EPISODE[] = {"DECOM", "RNE", "LS", "CIN", "PL", "PL_POST", "HOME_POST", "URN",
					  "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "PL_LA",
					  "PL_LOCATION", "PL_DISTANCE", NULL};

static void xml_unknown(struct s9_files *s, const char *path, xmlNode *el, const char *const *known,
			const struct s9_tabledef *t)
{
	for (xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !in_set((const char *)c->name, known)) {
			const char *name = arena_strdup(s->a, (const char *)c->name);
			note_file(s, RREAD_EXTRA_COLUMN, path, (int)xmlGetLineNo(c), name,
				  arena_printf(s->a, "<%s> is not an element of %s: not read", name,
					       t ? t->name : (const char *)el->name));
		}
	}
}

/* One CHILD element, expanded: its HEADER's rows, its repeated elements' and its EPISODEs'. */
static void xml_child(struct s9_files *s, const char *path, xmlNode *c)
{
	static const struct {
		enum s9_table t;
		const char *element;
	} repeated[] = {{S9_MISSING, "AMISSING"}, {S9_REVIEWS, "AREVIEW"}, {S9_PREVPERM, "PERMANENCE"},
			{S9_OC2, "OC2"}, {S9_PLACED, "AD_PLACED"}};
	xmlNode *hd = NULL;
	for (xmlNode *e = c->children; e && !hd; e = e->next) {
		hd = e->type == XML_ELEMENT_NODE && strcmp((const char *)e->name, "HEADER") == 0 ? e : NULL;
	}
	if (!hd) {
		note_file(s, RREAD_BLANK_CHILD, path, (int)xmlGetLineNo(c), "HEADER", "a CHILD with no HEADER: not read");
		return;
	}
	xml_row(s, &s9_tables[S9_HEADER], hd, hd);
	xml_unknown(s, path, hd, XML_HEADER, &s9_tables[S9_HEADER]);
	const char *uasc = xleaf(s->a, hd, "UASC");
	if ((uasc && (strcmp(uasc, "1") == 0 || strcasecmp(uasc, "true") == 0)) || xleaf(s->a, hd, "DUC")) {
		xml_row(s, &s9_tables[S9_UASC], hd, hd);
	}
	if (xml_has_any(s->a, hd, (const char *const[]){"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
							 "SEX_ADOPTR", "LS_ADOPTR", NULL})) {
		xml_row(s, &s9_tables[S9_AD1], hd, hd);
	}
	if (xml_has_any(s->a, hd, (const char *const[]){"IN_TOUCH", "ACTIV", "ACCOM", NULL})) {
		xml_row(s, &s9_tables[S9_OC3], hd, hd);
	}
	for (xmlNode *e = hd->children; e; e = e->next) {
		for (size_t k = 0; e->type == XML_ELEMENT_NODE && k < sizeof(repeated) / sizeof(repeated[0]); k++) {
			if (strcmp((const char *)e->name, repeated[k].element) == 0) {
				xml_row(s, &s9_tables[repeated[k].t], e, hd);
			}
		}
	}
	for (xmlNode *e = c->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE || e == hd) {
			continue;
		}
		if (strcmp((const char *)e->name, "EPISODE") == 0) {
			xml_row(s, &s9_tables[S9_EPISODES], e, hd);
			xml_unknown(s, path, e, XML_EPISODE, &s9_tables[S9_EPISODES]);
		} else {
			note_file(s, RREAD_EXTRA_COLUMN, path, (int)xmlGetLineNo(e), (const char *)e->name,
				  arena_printf(s->a, "<%s> is not an element of CHILD: not read", (const char *)e->name));
		}
	}
}

/* The file is read a CHILD at a time (xmlTextReader: each CHILD expanded, read, then freed
 * as the reader moves on), so what it costs is the values kept, not a tree of the whole
 * file (about ten times its size: an England return's tree would be gigabytes). A file that
 * breaks part way is an error, and what was read before it is not used. */
static int read_xml(struct s9_files *s, const char *path, struct hearth_error *err)
{
	int rc = xml_check_file(path, err);
	if (rc) {
		return rc;
	}
	struct xml_errors xe = {0};
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_SAFE_OPTIONS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s", path);
	}
	xmlTextReaderSetStructuredErrorHandler(r, xml_error_cb, &xe);
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		const struct s9_tabledef *t = &s9_tables[k];
		int *map = arena_alloc(s->a, sizeof(int) * (size_t)t->n_cols);
		for (int i = 0; i < t->n_cols; i++) {
			map[i] = i;
		}
		s->map[k] = map;
		s->n_file_cols[k] = t->n_cols;
		s->files[k] = k == S9_SW || k == S9_DOLO ? NULL : path; /* not in the XML form: not supplied */
	}
	bool rooted = false;
	int ok = xmlTextReaderRead(r);
	while (ok == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			ok = xmlTextReaderRead(r);
			continue;
		}
		const char *name = (const char *)xmlTextReaderConstName(r);
		int depth = xmlTextReaderDepth(r);
		if (depth == 0) {
			if (strcmp(name, "EXPSSDA903") != 0) {
				xmlFreeTextReader(r);
				return herr_set(err, HERR_INVALID, "file", "xml", "%s: the root element is not EXPSSDA903",
						path);
			}
			rooted = true;
			ok = xmlTextReaderRead(r);
			continue;
		}
		/* depth 1: a CHILD, or an element that is not one. After it, xmlTextReaderNext
		 * stands on the node that follows it, looked at before reading on (a CHILD written
		 * right after another, with no white space between, would otherwise be skipped). */
		xmlNodePtr n = xmlTextReaderExpand(r);
		if (!n) {
			ok = -1;
			break;
		}
		if (strcmp(name, "CHILD") == 0) {
			xml_child(s, path, n);
		} else {
			note_file(s, RREAD_EXTRA_COLUMN, path, (int)xmlGetLineNo(n), arena_strdup(s->a, name),
				  arena_printf(s->a, "<%s> is not a CHILD: not read", name));
		}
		ok = xmlTextReaderNext(r);
	}
	xmlFreeTextReader(r);
	if (ok < 0 || !rooted) {
		if (xe.count) {
			return herr_set(err, HERR_INVALID, "file", "xml", "%s:%lld: not well-formed XML: %s", path,
					(long long)xe.line, xe.message);
		}
		return herr_set(err, HERR_INVALID, "file", "xml", "%s: not well-formed XML", path);
	}
	return 0;
}

int s9_read(struct s9_files *s, const char *const *paths, size_t n, struct hearth_error *err)
{
	const char **files = NULL;
	size_t nf = 0;
	static const char *const csv[] = {".csv", ".xml", NULL};
	int rc = returns_expand_paths(paths, n, csv, s->a, &files, &nf, err);
	if (rc) {
		return rc;
	}
	if (nf == 0) {
		return herr_set(err, HERR_INVALID, "file", "no_files", "no CSV files to read");
	}
	size_t n_xml = 0;
	for (size_t i = 0; i < nf; i++) {
		size_t l = strlen(files[i]);
		n_xml += l > 4 && strcasecmp(files[i] + l - 4, ".xml") == 0;
	}
	if (n_xml && (n_xml > 1 || nf > 1)) {
		return herr_set(err, HERR_INVALID, "file", "mixed", "an SSDA903 is one XML file or its CSV tables: "
				"give one at a time");
	}
	if (n_xml) {
		return read_xml(s, files[0], err);
	}
	/* Identify every file, then read them Header first, so that children are met in the
	 * Header's order. */
	for (size_t i = 0; i < nf; i++) {
		if ((rc = identify(s, files[i], err))) {
			return rc;
		}
	}
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		if (s->files[k] && (rc = read_file(s, &s9_tables[k], err))) {
			return rc;
		}
	}
	return 0;
}

/* Sorting rows by their key date (stable: file order breaks ties). */
#define SORT_BY(fn, type, member)                                                      \
	static void fn(type *arr, size_t n)                                            \
	{                                                                              \
		for (size_t i = 1; i < n; i++) {                                       \
			type t = arr[i];                                               \
			size_t j = i;                                                  \
			while (j > 0 && arr[j - 1].member > t.member) {                \
				arr[j] = arr[j - 1];                                   \
				j--;                                                   \
			}                                                              \
			arr[j] = t;                                                    \
		}                                                                      \
	}

SORT_BY(sort_episodes, struct s9_episode, decom)
SORT_BY(sort_reviews, struct s9_review, date)
SORT_BY(sort_missing, struct s9_missing, start)
SORT_BY(sort_placed, struct s9_placed, date_placed)
SORT_BY(sort_sw, struct s9_sw, decom)

void s9_prepare(struct s9_child *v)
{
	sort_episodes(v->episodes, v->n_episodes);
	sort_reviews(v->reviews, v->n_reviews);
	sort_missing(v->missing, v->n_missing);
	sort_placed(v->placed, v->n_placed);
	sort_sw(v->sw, v->n_sw);
	v->hist = v->episodes;
	v->n_hist = v->n_episodes;
}
