/* check: `hearth check`, the record's health.
 *
 * First the engine's own checks (integrity_check, foreign_key_check), then the record's
 * invariants: the schema is current; every live row is valid by its descriptor (codes,
 * required fields, dates in order); every row has the revision that created it; a child's episodes in care do not overlap; a child has at
 * most one social worker allocated at a time; the audit trail's hash chain is whole; each
 * child's casefile pack equals the one its rows give (store_packs_verify). Each problem is reported as one line. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "model/casefile.h"
#include "model/validate.h"
#include "store/internal.h"

struct check_ctx {
	store_problem_fn report;
	void *ctx;
	int problems;
};

static void problem(struct check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct check_ctx *c, const char *fmt, ...)
{
	char line[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->report(c->ctx, line);
	c->problems++;
}

static void engine_problem(void *ctx, const char *what)
{
	problem(ctx, "database: %s", what);
}

static int check_rows(struct store *st, struct check_ctx *c, struct hearth_error *err)
{
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		struct arena a = ARENA_INIT;
		int64_t *ids;
		struct hval **rows;
		size_t n;
		int rc = store_all_rows(st, e, &a, &ids, &rows, &n, err);
		if (rc) {
			arena_free(&a);
			return rc;
		}
		for (size_t i = 0; i < n; i++) {
			struct hearth_error e2 = {0};
			if (validate_row(e, rows[i], &e2)) {
				char line[700];
				problem(c, "%s %lld: %s", e->name, (long long)ids[i], herr_line(&e2, line, sizeof(line)));
			}
		}
		arena_free(&a);
	}
	return 0;
}

static int check_revisions(struct store *st, struct check_ctx *c, struct hearth_error *err)
{
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		struct buf b = BUF_INIT;
		buf_printf(&b,
			   "SELECT t.id FROM %s t WHERE NOT EXISTS (SELECT 1 FROM revision r "
			   "WHERE r.tbl = ? AND r.row_id = t.id AND r.action = 'insert') ORDER BY t.id LIMIT 20",
			   e->name);
		struct db_stmt *s;
		int rc = db_prepare(store_db(st), buf_cstr(&b), &s, err);
		buf_free(&b);
		if (rc) {
			return rc;
		}
		db_bind_text(s, 1, e->name);
		while ((rc = db_step(s, err)) == 1) {
			problem(c, "%s %lld: no revision records its creation (written outside the write path)", e->name,
				(long long)db_col_int(s, 0));
		}
		db_finalize(s);
		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

static int check_case(void *ctx, const struct casefile *cf)
{
	struct check_ctx *c = ctx;
	char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
	const char *id = cf->child.la_child_id;
	for (size_t i = 1; i < cf->n_episodes; i++) {
		const struct cf_episode *prev = &cf->episodes[i - 1], *e = &cf->episodes[i];
		if (prev->end == DATE_NONE || prev->end > e->start) {
			problem(c, "child %s: episode in care from %s overlaps the one from %s", id,
				date_format(e->start, a), date_format(prev->start, b));
		}
	}
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *x = &cf->allocations[i];
		for (size_t j = i + 1; j < cf->n_allocations; j++) {
			const struct cf_allocation *y = &cf->allocations[j];
			if (x->kind != ALLOC_SOCIAL_WORKER || y->kind != ALLOC_SOCIAL_WORKER) {
				continue;
			}
			if (x->end == DATE_NONE || x->end > y->start) {
				problem(c, "child %s: two social workers allocated at once from %s", id,
					date_format(y->start, a));
			}
		}
	}
	return 0;
}

int store_check(struct store *st, store_problem_fn report, void *ctx, struct hearth_error *err)
{
	struct check_ctx c = {report, ctx, 0};
	int rc = db_check(store_db(st), engine_problem, &c, err);
	if (rc < 0) {
		return rc;
	}
	if (store_schema_version(st) != store_schema_latest()) {
		problem(&c, "schema: at version %d, this hearth expects %d", store_schema_version(st),
			store_schema_latest());
	}
	int64_t bad = 0;
	if ((rc = store_audit_verify(st, &bad, err)) < 0) {
		return rc;
	}
	if (rc == 1) {
		problem(&c, "audit: the hash chain is broken at row %lld (a row was edited or removed)", (long long)bad);
	}
	if ((rc = check_rows(st, &c, err)) || (rc = check_revisions(st, &c, err)) ||
	    (rc = store_casefiles_scan_rows(st, NULL, check_case, &c, err))) {
		return rc;
	}
	/* Each child's pack is the one its rows give, and no pack is left without a live child. */
	if ((rc = store_packs_verify(st, report, ctx, err)) < 0) {
		return rc;
	}
	return c.problems + rc;
}
