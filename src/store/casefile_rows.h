/* casefile_rows: casefile.c's row converters, for the store's other readers of a child's
 * rows (web_queries.c reads a child's rows once for the web pages and builds the casefile
 * from them): the same element from the same row, wherever the row was read. Internal to
 * src/store/. */
#ifndef HEARTH_STORE_CASEFILE_ROWS_H
#define HEARTH_STORE_CASEFILE_ROWS_H

#include "base/arena.h"
#include "model/casefile.h"
#include "model/entity.h"
#include "store/store.h"

/* The casefile's child from the child's row (CHILD__COUNT values in descriptor order). */
void store_cf_child(const struct hval *v, int64_t id, struct cf_child *out);
/* The casefile array (enum cf_array) that rows of e fill, or -1 when none does. */
int store_cf_array_of(const struct entity *e);
/* Fills array k of cf from n rows of its entity, in any order: sorted here as
 * store_casefile_load orders them (the array's date, a blank first, then id) and converted
 * as it converts them. Allocations' team ids are left 0 for the caller to fill. The array
 * lives in a; the rows' text is pointed at, not copied. */
void store_cf_array(int k, const int64_t *ids, struct hval *const *rows, size_t n, struct arena *a,
		    struct casefile *cf);

/* store_casefile_load of only the arrays whose bits are set in arrays (1 << enum cf_array;
 * the others are left empty), the child and, with the allocations, their workers' teams:
 * every statement sent at once, so on PostgreSQL one round trip. */
int store_casefile_load_some(struct store *st, int64_t child_id, uint64_t arrays, struct arena *a,
			     struct casefile *out, struct hearth_error *err);
/* Its statements sent ahead, so that other statements can travel in the same round trip:
 * the next store_casefile_load_some of the same child and arrays reads what was sent
 * (any other sends afresh); store_casefile_discard drops what was sent and not read. */
int store_casefile_send_some(struct store *st, int64_t child_id, uint64_t arrays, struct hearth_error *err);
void store_casefile_discard(struct store *st);

#endif
