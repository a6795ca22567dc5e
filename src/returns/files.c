/* files: a return validated as received, from its files, with no record.
 *
 * The files are read into the same return views the record's own return is built into
 * (read903.c for the SSDA903 CSV tables, cin_census.c for the CIN census XML), with every
 * value kept as written: a code that is no code, a date that is no date, a blank, are left
 * for the rules to find. Then every rule of the year runs, the whole-return ones too, exactly
 * as on the record (engine.c), with from_record false so that no rule is skipped for what the
 * record does not hold. What is odd about the files themselves (a file that is no table, a
 * column extra or missing, a row of the wrong length, a value not of its element's type, the
 * encoding, a file that cannot be read to its end) is reported under hearth's own read rules
 * (rread_rule: R01..R09), beside the DfE's.
 *
 * The year is the caller's, or the CIN census file's own Header; it is never guessed from a
 * date in the data. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "base/threads.h"
#include "returns/table903.h"

#define RR(id, sev, msg) {id, 0, sev, "file", "", msg, 0, 0, 0, 0, NULL, 0}

static struct returns_rule read_rules[RETURN_KIND_MAX][RREAD_MAX] = {
	[RETURN_SSDA903] = {
		[RREAD_NOT_TABLE] = RR("R01", SEV_ERROR, "The file is not a table of the return: its rows are not read."),
		[RREAD_SECOND_TABLE] = RR("R02", SEV_ERROR, "A second file of the same table: its rows are not read."),
		[RREAD_EXTRA_COLUMN] = RR("R03", SEV_QUERY, "A column the table does not have: its values are not read."),
		[RREAD_MISSING_COLUMN] = RR("R04", SEV_ERROR, "A column of the table is missing: its values are blank."),
		[RREAD_COLUMNS] = RR("R05", SEV_ERROR, "The row has more or fewer values than the header."),
		[RREAD_BLANK_CHILD] = RR("R06", SEV_ERROR, "The row has no child identifier."),
		[RREAD_ENCODING] = RR("R07", SEV_QUERY, "The file is not UTF-8."),
		[RREAD_VALUE] = RR("R08", SEV_ERROR, "A value is not of its field's type."),
		[RREAD_UNREADABLE] = RR("R09", SEV_ERROR, "The file cannot be read to its end: the rest is not read."),
	},
};

static pthread_once_t read_rules_once = PTHREAD_ONCE_INIT;

static void read_rules_init(void)
{
	for (int p = 0; p < RREAD_MAX; p++) {
		read_rules[RETURN_CIN][p] = read_rules[RETURN_SSDA903][p];
		read_rules[RETURN_CIN][p].kind = RETURN_CIN;
	}
}

const struct returns_rule *rread_rule(enum returns_kind k, enum rread_problem p)
{
	pthread_once(&read_rules_once, read_rules_init);
	return &read_rules[k][p];
}

/* ---- the files named ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

/* The root element of an XML file ("" when none is found in its first 4 KB). */
static const char *xml_root(const char *path, struct arena *a)
{
	FILE *f = fopen(path, "rb");
	char b[4097];
	size_t n = f ? fread(b, 1, sizeof(b) - 1, f) : 0;
	if (f) {
		fclose(f);
	}
	b[n] = '\0';
	for (char *p = b; (p = strchr(p, '<')) != NULL; p++) {
		if (p[1] == '?' || p[1] == '!') {
			continue;
		}
		size_t k = strcspn(p + 1, " \t\r\n/>");
		return arena_strndup(a, p + 1, k);
	}
	return "";
}

/* ---- findings ---- */

static void read_finding(struct returns_ctx *x, enum returns_kind k, const struct rread_note *n, const char *child)
{
	const struct returns_rule *saved = x->rule;
	const struct s9_child *s9 = x->s9;
	const struct ci_child *ci = x->ci;
	x->rule = rread_rule(k, n->p);
	x->s9 = NULL;
	x->ci = NULL;
	const char *file = x->file;
	x->file = n->file;
	size_t at = x->out->n;
	rx_emit(x, NULL, 0, n->line, 0, DATE_NONE, "%s%s%s", n->column ? n->column : "", n->column ? ": " : "",
		n->message);
	struct returns_finding *f = &x->out->items[at];
	f->child = child ? arena_strdup(x->a, child) : NULL;
	f->table = NULL;
	x->file = file;
	x->rule = saved;
	x->s9 = s9;
	x->ci = ci;
}

/* ---- SSDA903 ---- */

struct s9_run {
	struct returns_ctx *x;
};

static void s9_file_problem(void *ctx, const struct rread_note *n)
{
	struct s9_run *r = ctx;
	read_finding(r->x, RETURN_SSDA903, n, NULL);
}

/* The children, once read, checked on several threads: part k takes the k-th run of them
 * (in the order read) into its own findings and tally (rx_part), merged part after part. */
struct s9_part {
	struct rx_part rp;
	struct s9_child *children;
	size_t n;
};

static void s9_check(struct returns_ctx *x, struct rglobal *g, struct s9_child *children, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct s9_child *v = &children[i];
		s9_prepare(v);
		x->s9 = v;
		for (size_t k = 0; k < v->n_problems; k++) {
			read_finding(x, RETURN_SSDA903, &v->problems[k], v->child);
		}
		rules_run_child(x, RETURN_SSDA903, g);
	}
	x->s9 = NULL;
}

static void s9_part_main(void *arg)
{
	struct s9_part *p = arg;
	s9_check(&p->rp.x, &p->rp.g, p->children, p->n);
}

static int validate_903(const char *const *paths, size_t n, int threads, struct returns_ctx *x,
			struct returns_files_result *res, struct hearth_error *err)
{
	struct s9_run run = {x};
	struct s9_files f;
	memset(&f, 0, sizeof(f));
	f.a = x->a;
	f.problem = s9_file_problem;
	f.ctx = &run;
	int rc = s9_read(&f, paths, n, err);
	if (rc == HERR_INVALID) {
		/* A file that breaks part way: a finding, and the rows read before it are checked. */
		struct rread_note note = {RREAD_UNREADABLE, NULL, 0, NULL, arena_strdup(x->a, err->message)};
		read_finding(x, RETURN_SSDA903, &note, NULL);
		herr_clear(err);
	} else if (rc) {
		return rc;
	}
	/* A rule reading a table not supplied does not run (the report lists it). */
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		x->tables_absent |= f.files[k] ? 0 : 1u << k;
	}
	struct rglobal g;
	memset(&g, 0, sizeof(g));
	int parts = threads < 1 ? 1 : threads > THREADS_MAX ? THREADS_MAX : threads;
	if (parts > 1 && f.n_children >= (size_t)parts) {
		struct s9_part *p = xcalloc((size_t)parts, sizeof(*p));
		for (int k = 0; k < parts; k++) {
			size_t from = f.n_children * (size_t)k / (size_t)parts, to = f.n_children * (size_t)(k + 1) / (size_t)parts;
			rx_part_init(&p[k].rp, x);
			p[k].children = f.children + from;
			p[k].n = to - from;
		}
		threads_run(p, sizeof(*p), parts, s9_part_main);
		for (int k = 0; k < parts; k++) {
			rx_part_merge(x, &g, &p[k].rp);
		}
		free(p);
	} else {
		s9_check(x, &g, f.children, f.n_children);
	}
	rules_run_global(x, RETURN_SSDA903, &g);
	res->tables_absent = x->tables_absent;
	res->children = (int64_t)f.n_children;
	res->rows = f.rows;
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		bool again = false; /* the XML form: one file holds every table */
		for (int j = 0; j < k && f.files[k]; j++) {
			again = again || f.files[j] == f.files[k];
		}
		res->files += f.files[k] != NULL && !again;
	}
	return 0;
}

/* ---- CIN census ---- */

struct cin_run {
	struct returns_ctx *x;
	struct rglobal g;
	int64_t children;
};

static void cin_check(struct returns_ctx *x, struct rglobal *g, struct ci_child *v, const struct rread_note *bad,
		      size_t n_bad)
{
	x->ci = v;
	for (size_t i = 0; i < n_bad; i++) {
		read_finding(x, RETURN_CIN, &bad[i], v->la_id ? v->la_id : "");
	}
	rules_run_child(x, RETURN_CIN, g);
	x->ci = NULL;
}

static void cin_child(void *ctx, struct ci_child *v, const struct rread_note *bad, size_t n_bad)
{
	struct cin_run *r = ctx;
	r->children++;
	cin_check(r->x, &r->g, v, bad, n_bad);
}

/* Read on this thread, checked on a second (pipe.c): the child and its notes are in the
 * reader's arena, which lives on; the checker's findings and tally are its part's. */
struct cin_item {
	struct ci_child v;
	const struct rread_note *bad;
	size_t n_bad;
};

struct cin_piped {
	struct rx_part rp;
	struct rx_pipe *pipe;
	int64_t children;
};

static void cin_check_item(void *ctx, void *item)
{
	struct rx_part *p = ctx;
	struct cin_item *it = item;
	cin_check(&p->x, &p->g, &it->v, it->bad, it->n_bad);
}

static void cin_child_piped(void *ctx, struct ci_child *v, const struct rread_note *bad, size_t n_bad)
{
	struct cin_piped *r = ctx;
	r->children++;
	struct cin_item *it = rx_pipe_slot(r->pipe, NULL);
	*it = (struct cin_item){*v, bad, n_bad};
	rx_pipe_push(r->pipe);
}

static int validate_cin(const char *path, int year_given, int threads, struct returns_ctx *x, struct ci_header *hdr,
			struct returns_files_result *res, struct hearth_error *err)
{
	int rc = cin_read_header(path, x->a, hdr, err);
	if (rc) {
		return rc;
	}
	int year = year_given ? year_given : hdr->year ? hdr->year : dok(hdr->reference) ? returns_year_of(hdr->reference) : 0;
	if ((rc = cin_check_year(year, err))) {
		return rc;
	}
	res->year = year;
	res->year_from = year_given ? "--year" : "the file's Header";
	x->year = year;
	x->ys = returns_year_start(year);
	x->ye = returns_year_end(year);
	x->hdr = hdr;
	x->file = path;
	struct cin_run run;
	memset(&run, 0, sizeof(run));
	run.x = x;
	if (threads > 1) {
		struct cin_piped *pr = xcalloc(1, sizeof(*pr));
		rx_part_init(&pr->rp, x);
		pr->pipe = rx_pipe_start(sizeof(struct cin_item), 64, cin_check_item, &pr->rp);
		rc = cin_read_children(path, x->a, cin_child_piped, pr, err);
		rx_pipe_end(pr->pipe);
		rx_part_merge(x, &run.g, &pr->rp);
		run.children = pr->children;
		free(pr);
	} else {
		rc = cin_read_children(path, x->a, cin_child, &run, err);
	}
	if (rc == HERR_INVALID) {
		struct rread_note note = {RREAD_UNREADABLE, path, 0, NULL, arena_strdup(x->a, err->message)};
		read_finding(x, RETURN_CIN, &note, NULL);
		herr_clear(err);
	} else if (rc) {
		return rc;
	}
	rules_run_global(x, RETURN_CIN, &run.g);
	res->children = res->rows = run.children;
	res->files = 1;
	return 0;
}

int returns_validate_files(const char *const *paths, size_t n, int year, int threads, const struct returns_refdata *ref,
			   struct arena *a, struct returns_findings *out, struct returns_files_result *res,
			   struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	const char **files = NULL;
	size_t nf = 0;
	static const char *const suffixes[] = {".csv", ".xml", NULL};
	int rc = returns_expand_paths(paths, n, suffixes, a, &files, &nf, err);
	if (rc) {
		return rc;
	}
	size_t n_csv = 0, n_xml = 0;
	const char *xml = NULL;
	for (size_t i = 0; i < nf; i++) {
		if (ends_with(files[i], ".xml")) {
			n_xml++;
			xml = files[i];
		} else {
			n_csv++;
		}
	}
	if (nf == 0) {
		return herr_set(err, HERR_INVALID, "files", "no_files", "no .csv or .xml files to validate");
	}
	if (n_xml && n_csv) {
		return herr_set(err, HERR_INVALID, "files", "mixed", "SSDA903 CSV tables and XML files together: "
				"validate one return at a time");
	}
	if (n_xml > 1) {
		return herr_set(err, HERR_INVALID, "files", "mixed", "%zu XML files: validate one return at a time",
				n_xml);
	}
	if (year && (year < RETURNS_YEAR_MIN || year > RETURNS_YEAR_MAX)) {
		return herr_set(err, HERR_INVALID, "year", "year", "%d is not a collection year this hearth knows (%d-%d)",
				year, RETURNS_YEAR_MIN, RETURNS_YEAR_MAX);
	}
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.out = out;
	x.ref = ref;
	const char *root = xml ? xml_root(xml, a) : "";
	if (xml && strcmp(root, "EXPSSDA903") != 0) { /* an SSDA903 XML file is read903.c's, as its CSV tables */
		if (strcmp(root, "Message") != 0) {
			return herr_set(err, HERR_INVALID, "files", "xml", "%s: the root element is <%s>, not a CIN census's "
					"<Message> or an SSDA903's <EXPSSDA903>", xml, root);
		}
		res->kind = RETURN_CIN;
		struct ci_header *hdr = arena_alloc(a, sizeof(*hdr));
		return validate_cin(xml, year, threads, &x, hdr, res, err);
	}
	res->kind = RETURN_SSDA903;
	if (!year) {
		return herr_set(err, HERR_INVALID, "year", "year",
				"SSDA903 files do not say their collection year: give it with --year Y (2025 is 1 April "
				"2024 to 31 March 2025)");
	}
	res->year = year;
	res->year_from = "--year";
	x.year = year;
	x.ys = returns_year_start(year);
	x.ye = returns_year_end(year);
	return validate_903(files, nf, threads, &x, res, err);
}
