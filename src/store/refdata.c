/* refdata: the returns' reference data in the record (migrations 011_refdata, 019_provider_sector): Ofsted's
 * register of providers and the ONS postcode directory. Not the record of any child: an
 * import replaces a whole table in one transaction, with no revisions. */
#include <string.h>

#include "store/internal.h"

static int replace(struct store *st, const char *del, const char *ins, size_t n,
		   void (*bind)(struct db_stmt *s, const void *rows, size_t i), const void *rows,
		   struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	rc = db_exec(store_db(st), del, err);
	struct db_stmt *s = NULL;
	if (!rc) {
		rc = db_prepare(store_db(st), ins, &s, err);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		db_reset(s);
		bind(s, rows, i);
		rc = db_step(s, err);
		rc = rc < 0 ? rc : 0;
	}
	if (s) {
		db_finalize(s);
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static void bind_date(struct db_stmt *s, int i, hdate d)
{
	if (d == DATE_NONE) {
		db_bind_null(s, i);
	} else {
		db_bind_int(s, i, d);
	}
}

static void bind_provider(struct db_stmt *s, const void *rows, size_t i)
{
	const struct store_ref_provider *p = &((const struct store_ref_provider *)rows)[i];
	db_bind_text(s, 1, p->urn);
	db_bind_text(s, 2, p->type);
	db_bind_text(s, 3, p->postcode);
	bind_date(s, 4, p->registered);
	bind_date(s, 5, p->closed);
	if (p->sector) {
		db_bind_text(s, 6, p->sector);
	} else {
		db_bind_null(s, 6);
	}
}

static void bind_postcode(struct db_stmt *s, const void *rows, size_t i)
{
	const struct store_ref_postcode *p = &((const struct store_ref_postcode *)rows)[i];
	db_bind_text(s, 1, p->postcode);
	db_bind_text(s, 2, p->district);
	db_bind_real(s, 3, p->lat);
	db_bind_real(s, 4, p->lon);
}

int store_ref_providers_replace(struct store *st, const struct store_ref_provider *rows, size_t n,
				struct hearth_error *err)
{
	return replace(st, "DELETE FROM ref_provider",
		       "INSERT INTO ref_provider (urn, provider_type, postcode, registered, closed, sector) "
		       "VALUES (?, ?, ?, ?, ?, ?) "
		       "ON CONFLICT (urn) DO UPDATE SET provider_type = excluded.provider_type, postcode = excluded.postcode, "
		       "registered = excluded.registered, closed = excluded.closed, sector = excluded.sector",
		       n, bind_provider, rows, err);
}

int store_ref_postcodes_replace(struct store *st, const struct store_ref_postcode *rows, size_t n,
				struct hearth_error *err)
{
	return replace(st, "DELETE FROM ref_postcode",
		       "INSERT INTO ref_postcode (postcode, district, lat, lon) VALUES (?, ?, ?, ?) "
		       "ON CONFLICT (postcode) DO UPDATE SET district = excluded.district, lat = excluded.lat, "
		       "lon = excluded.lon",
		       n, bind_postcode, rows, err);
}

int store_ref_providers(struct store *st, struct arena *a, struct store_ref_provider **out, size_t *n_out,
			struct hearth_error *err)
{
	struct db_stmt *s;
	size_t cap = 0;
	*out = NULL;
	*n_out = 0;
	int rc = db_prepare(store_db(st), "SELECT urn, provider_type, postcode, registered, closed, sector FROM ref_provider "
			    "ORDER BY id", &s, err);
	if (rc) {
		return rc;
	}
	while ((rc = db_step(s, err)) == 1) {
		if (*n_out == cap) {
			*out = arena_grow(a, *out, *n_out, cap = cap ? cap * 2 : 64, sizeof(**out));
		}
		struct store_ref_provider *p = &(*out)[(*n_out)++];
		p->urn = arena_strdup(a, db_col_text(s, 0));
		p->type = arena_strdup(a, db_col_text(s, 1));
		p->postcode = arena_strdup(a, db_col_text(s, 2));
		p->registered = db_col_null(s, 3) ? DATE_NONE : (hdate)db_col_int(s, 3);
		p->closed = db_col_null(s, 4) ? DATE_NONE : (hdate)db_col_int(s, 4);
		p->sector = db_col_null(s, 5) ? NULL : arena_strdup(a, db_col_text(s, 5));
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_ref_postcodes(struct store *st, struct arena *a, struct store_ref_postcode **out, size_t *n_out,
			struct hearth_error *err)
{
	struct db_stmt *s;
	size_t cap = 0;
	*out = NULL;
	*n_out = 0;
	int rc = db_prepare(store_db(st), "SELECT postcode, district, lat, lon FROM ref_postcode ORDER BY id", &s, err);
	if (rc) {
		return rc;
	}
	while ((rc = db_step(s, err)) == 1) {
		if (*n_out == cap) {
			*out = arena_grow(a, *out, *n_out, cap = cap ? cap * 2 : 64, sizeof(**out));
		}
		struct store_ref_postcode *p = &(*out)[(*n_out)++];
		p->postcode = arena_strdup(a, db_col_text(s, 0));
		p->district = arena_strdup(a, db_col_text(s, 1));
		p->lat = db_col_real(s, 2);
		p->lon = db_col_real(s, 3);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}
