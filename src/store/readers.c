/* readers: several connections on one state of the record, for a scan split between
 * threads (store.h, store_readers_open, says what is promised and how). */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

#define READER_TRIES 20

static int begin_read(struct store *st, int64_t *rev, struct hearth_error *err)
{
	int rc = db_exec(store_db(st), "BEGIN", err);
	if (!rc && (rc = store_revision_latest(st, rev, err))) {
		db_exec(store_db(st), "ROLLBACK", NULL);
	}
	return rc;
}

static void end_read(struct store *st)
{
	db_exec(store_db(st), "COMMIT", NULL);
}

/* The child at each quantile of the visits (of every visit row, the voided too: a proxy, read
 * from the index on child_id alone): bounds[k] the child of the (n * k / parts)-th visit. The
 * visits are the bulk of a casefile, and the children are not alike: those known longest have
 * the lowest ids and the longest histories (on the demo county two thirds of the rows belong
 * to the lower half of the ids), so parts of equal width would leave one thread with most of
 * the reading. n: the visit rows. 0 when there are too few to cut by (the caller cuts by width). */
static int visit_bounds(struct store *st, int64_t n, int parts, int64_t *bounds, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc;
	if (n < 64 * parts) {
		return 0;
	}
	if ((rc = db_prepare(store_db(st), "SELECT child_id FROM visit ORDER BY child_id LIMIT 1 OFFSET ?", &s, err))) {
		return rc;
	}
	for (int k = 1; k < parts && rc >= 0; k++) {
		db_reset(s);
		db_bind_int(s, 1, n * k / parts);
		rc = db_step(s, err);
		int64_t b = rc == 1 ? db_col_int(s, 0) : 0;
		bounds[k] = b > bounds[k - 1] ? b : bounds[k - 1] + 1;
	}
	db_finalize(s);
	return rc < 0 ? rc : 1;
}

static int id_bounds(struct store *st, int parts, int64_t *bounds, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT coalesce(min(id), 0), coalesce(max(id), 0), (SELECT count(*) FROM visit) FROM child", &s,
			    err);
	if (rc) {
		return rc;
	}
	rc = db_step(s, err);
	int64_t lo = rc == 1 ? db_col_int(s, 0) : 0, hi = rc == 1 ? db_col_int(s, 1) : 0, visits = rc == 1 ? db_col_int(s, 2) : 0;
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	bounds[0] = bounds[parts] = 0;
	if ((rc = visit_bounds(st, visits, parts, bounds, err)) != 0) {
		return rc < 0 ? rc : 0;
	}
	for (int k = 1; k < parts; k++) {
		/* lo + width * k / parts, rounded down; never 0 (which would mean open). */
		int64_t b = lo + (int64_t)((double)(hi - lo + 1) * k / parts);
		bounds[k] = b > bounds[k - 1] ? b : bounds[k - 1] + 1;
	}
	return 0;
}

int store_readers_open(struct store *st, int n, struct store **readers, int *n_out, int64_t *bounds,
		       struct hearth_error *err)
{
	*n_out = 0;
	bool pg = strcmp(store_engine(st), "postgresql") == 0;
	if (pg) {
		n = 0;	/* one connection; see store.h */
		int rc = db_exec(store_db(st), "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", err);
		bounds[0] = bounds[1] = 0;
		return rc;
	}
	int opened = 0, rc = 0;
	for (; opened < n; opened++) {
		if ((rc = store_open(st->target, STORE_READ, &readers[opened], err))) {
			break;
		}
	}
	for (int t = 0; !rc && t < READER_TRIES; t++) {
		int64_t want, rev;
		if ((rc = begin_read(st, &want, err))) {
			break;
		}
		bool same = true;
		int begun = 0;
		for (; !rc && same && begun < n; begun++) {
			rc = begin_read(readers[begun], &rev, err);
			same = rc == 0 && rev == want;
			if (rc) {
				begun--;
			}
		}
		if (!rc && same) {
			rc = id_bounds(st, n + 1, bounds, err);
			if (!rc) {
				*n_out = n;
				return 0;
			}
		}
		for (int k = 0; k < begun; k++) {
			end_read(readers[k]);
		}
		end_read(st);
		if (!rc && t + 1 == READER_TRIES) {
			rc = herr_set(err, HERR_CONFLICT, NULL, "busy",
				      "the record kept changing while %d readers began: try again, or use one thread", n + 1);
		}
	}
	for (int k = 0; k < opened; k++) {
		store_close(readers[k]);
	}
	return rc;
}

void store_readers_close(struct store *st, struct store **readers, int n)
{
	for (int k = 0; k < n; k++) {
		end_read(readers[k]);
		store_close(readers[k]);
	}
	end_read(st);
}
