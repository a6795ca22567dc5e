/* cache: results of whole-record computations, shared between requests (see cache.h).
 *
 * The table is a short linked list (at most WEB_CACHE_MAX entries): a linear search under
 * one mutex costs nothing beside what an entry saves. An entry counts one reference for
 * being listed and one per holder; whoever drops the last frees it and its arena. */
#include "web/http/cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"

struct web_cache_entry {
	char key[96];
	int64_t revision;
	struct timespec made;		/* monotonic, for its age */
	time_t made_at;			/* wall clock, for pages to say */
	bool ready;			/* filled: value may be read */
	bool listed;			/* in the table (holds one reference) */
	int refs;
	unsigned long long used;	/* when last handed out, for least-recently-used */
	struct arena a;
	void *value;
	struct web_cache_entry *next;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cache_filled = PTHREAD_COND_INITIALIZER;
static struct web_cache_entry *cache_entries;
static unsigned long long cache_tick;

/* Drops one reference; the caller holds cache_lock. Returns the entry when it must be
 * freed (outside the lock), else NULL. */
static struct web_cache_entry *unref_locked(struct web_cache_entry *e)
{
	return --e->refs == 0 ? e : NULL;
}

static void entry_free(struct web_cache_entry *e)
{
	if (e) {
		arena_free(&e->a);
		free(e);
	}
}

/* Takes e out of the table; returns it when it must be freed. Caller holds cache_lock. */
static struct web_cache_entry *unlist_locked(struct web_cache_entry *e)
{
	for (struct web_cache_entry **p = &cache_entries; *p; p = &(*p)->next) {
		if (*p == e) {
			*p = e->next;
			e->next = NULL;
			e->listed = false;
			return unref_locked(e);
		}
	}
	return NULL;
}

static void drop_locked(struct web_cache_entry *e, struct web_cache_entry **dead)
{
	struct web_cache_entry *f = unlist_locked(e);
	if (f) {
		f->next = *dead;
		*dead = f;
	}
}

/* After keep (just made) is ready: drops the ready entries for its key at an older
 * revision (or keep itself, when one for a newer revision is there already: a request
 * that read an older snapshot), then the least recently used ready entries while over the
 * limits. Freed entries are chained on *dead for freeing outside the lock. */
static void trim_locked(struct web_cache_entry *keep, struct web_cache_entry **dead)
{
	struct web_cache_entry *e = cache_entries;
	bool newer = false;
	while (e) {
		struct web_cache_entry *next = e->next;
		if (e != keep && e->ready && strcmp(e->key, keep->key) == 0) {
			if (e->revision < keep->revision) {
				drop_locked(e, dead);
			} else {
				newer = true;
			}
		}
		e = next;
	}
	if (newer) {
		drop_locked(keep, dead);
	}
	for (;;) {
		size_t n = 0, bytes = 0;
		struct web_cache_entry *oldest = NULL;
		for (e = cache_entries; e; e = e->next) {
			n++;
			bytes += e->a.total;
			if (e != keep && e->ready && (!oldest || e->used < oldest->used)) {
				oldest = e;
			}
		}
		if ((n <= WEB_CACHE_MAX && bytes <= WEB_CACHE_BYTES) || !oldest) {
			return;
		}
		drop_locked(oldest, dead);
	}
}

static void free_chain(struct web_cache_entry *dead)
{
	while (dead) {
		struct web_cache_entry *next = dead->next;
		entry_free(dead);
		dead = next;
	}
}

static double age_s(const struct web_cache_entry *e, const struct timespec *now)
{
	return (double)(now->tv_sec - e->made.tv_sec) + (double)(now->tv_nsec - e->made.tv_nsec) / 1e9;
}

int web_cache_get(struct web_request *r, const char *key, int max_stale_s, web_cache_fill_fn fill, void *ctx,
		  struct web_cache_entry **entry, void **value, struct hearth_error *err)
{
	*entry = NULL;
	*value = NULL;
	int64_t revision;
	int rc = store_revision_latest(r->st, &revision, err);
	if (rc) {
		return rc;
	}
	pthread_mutex_lock(&cache_lock);
	struct web_cache_entry *e;
	for (;;) {
		/* In order of preference: this revision's, ready; when the caller allows, another
		 * one's, ready and young enough (or newer); else wait for one being filled that
		 * will do (this revision's, or, when the caller allows, any); else fill it here. */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		struct web_cache_entry *exact = NULL, *stale = NULL, *filling = NULL;
		for (e = cache_entries; e; e = e->next) {
			if (strcmp(e->key, key) != 0) {
				continue;
			}
			if (e->revision == revision) {
				exact = e;
			} else if (e->ready && max_stale_s > 0 && (e->revision > revision || age_s(e, &now) <= max_stale_s) &&
				   (!stale || e->revision > stale->revision)) {
				/* Young enough, or newer than this request's snapshot (made by a request
				 * that began after it): either will do for a caller that allows it. */
				stale = e;
			}
			if (!e->ready && (e->revision == revision || max_stale_s > 0)) {
				filling = e;
			}
		}
		e = exact && exact->ready ? exact : stale;
		if (e || !filling) {
			break;
		}
		/* Another request is filling it: wait, then look again (it may have failed). */
		pthread_cond_wait(&cache_filled, &cache_lock);
	}
	if (e) {
		e->refs++;
		e->used = ++cache_tick;
		pthread_mutex_unlock(&cache_lock);
		*entry = e;
		*value = e->value;
		return 0;
	}
	e = xcalloc(1, sizeof(*e));
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->revision = revision;
	e->listed = true;
	e->refs = 2; /* listed, and held by this request */
	e->next = cache_entries;
	cache_entries = e;
	pthread_mutex_unlock(&cache_lock);

	rc = fill(r, ctx, &e->a, &e->value, err);

	struct web_cache_entry *dead = NULL;
	pthread_mutex_lock(&cache_lock);
	if (rc) {
		/* Out of the table (its reference dropped), then this request's reference. */
		unlist_locked(e);
		if (unref_locked(e)) {
			e->next = dead;
			dead = e;
		}
		e = NULL;
	} else {
		clock_gettime(CLOCK_MONOTONIC, &e->made);
		e->made_at = time(NULL);
		e->ready = true;
		e->used = ++cache_tick;
		trim_locked(e, &dead);
	}
	pthread_cond_broadcast(&cache_filled);
	pthread_mutex_unlock(&cache_lock);
	free_chain(dead);
	if (rc) {
		return rc;
	}
	*entry = e;
	*value = e->value;
	return 0;
}

time_t web_cache_made(const struct web_cache_entry *entry)
{
	return entry->made_at;
}

void web_cache_release(struct web_cache_entry *entry)
{
	if (!entry) {
		return;
	}
	pthread_mutex_lock(&cache_lock);
	struct web_cache_entry *f = unref_locked(entry);
	pthread_mutex_unlock(&cache_lock);
	entry_free(f);
}
