/* cache: what a whole-record computation made (the measures as at a date, the DfE's
 * findings for a return and year), kept in memory between requests so that the pages
 * built on it answer in milliseconds after the first. Internal to src/web.
 *
 * Invalidation. An entry belongs to a key ("measures 2026-03-31") AND to the record's
 * newest revision id (store_revision_latest). Every change goes through the store's one
 * write path, which writes a revision in the same transaction, so the id moves exactly
 * when the record changes. The id is read inside the request's own read snapshot (the
 * dispatcher begins one for every GET), so an entry for the current id describes exactly
 * the record the rest of the page reads. "Today" is in the keys (an as-at date, a
 * collection year), so a new day never reads yesterday's answer.
 *
 * A caller may accept an entry made for an older revision for max_stale_s seconds after it
 * was made (0: never). The measures do (a minute): a county writes a visit or a note every
 * few seconds, and recomputing every measure after each would make nearly every view pay
 * for a whole pass; their pages say when the figures were computed. The findings do not:
 * an analyst who corrects a record expects the finding to go at once.
 *
 * Entries for an older revision are dropped once a newer one is made, and the least
 * recently used go beyond WEB_CACHE_MAX entries or WEB_CACHE_BYTES bytes.
 *
 * Sharing. An entry is filled once and never changes after; a page holds it (a reference)
 * from web_cache_get until web_cache_release, so an entry dropped meanwhile is freed by its
 * last holder. A request that asks for an entry another request is filling waits for that
 * one instead of doing the same work again. One mutex guards the table; it is never held
 * while computing. */
#ifndef HEARTH_WEB_CACHE_H
#define HEARTH_WEB_CACHE_H

#include <time.h>

#include "web/http/http.h"

#define WEB_CACHE_MAX 16
#define WEB_CACHE_BYTES ((size_t)512 << 20)

struct web_cache_entry;

/* Computes the value for a key into a (the entry's own arena, which lives as long as the
 * entry), reading the record through r->st. 0 with *value set, or a negative HERR_* with
 * err filled (nothing is kept then). */
typedef int (*web_cache_fill_fn)(struct web_request *r, void *ctx, struct arena *a, void **value,
				 struct hearth_error *err);

/* The value cached for key at the record's current revision (or, within max_stale_s
 * seconds of being made, at an older one), computed with fill when there is none. On
 * success *entry is held by the caller, who must web_cache_release it; *value is valid
 * (and read-only) until then. 0 or a negative HERR_* (err filled). */
int web_cache_get(struct web_request *r, const char *key, int max_stale_s, web_cache_fill_fn fill, void *ctx,
		  struct web_cache_entry **entry, void **value, struct hearth_error *err);
/* When the entry's value was computed (wall-clock time). */
time_t web_cache_made(const struct web_cache_entry *entry);
/* Lets go of an entry (NULL is ignored). */
void web_cache_release(struct web_cache_entry *entry);

#endif
