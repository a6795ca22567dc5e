/* store/feed: what the DfE feed (src/feed) keeps in the record — its submissions and the
 * items each delivered — and the few facts about children it reads beyond the casefile.
 * Items are only added: a child's latest item is what the DfE last received about it.
 * Every function returns 0 or a negative HERR_* code and fills err. */
#ifndef HEARTH_STORE_FEED_H
#define HEARTH_STORE_FEED_H

#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "store/store.h"

/* A child's latest delivered item: state 'n' new, 'u' updated, 'p' purged. */
struct store_feed_last {
	int64_t child_id, item_id;
	char state;
	const char *hash;	/* NULL for a purge */
};
/* Every child's latest item, by child id. */
int store_feed_last(struct store *st, struct arena *a, struct store_feed_last **out, size_t *n_out,
		    struct hearth_error *err);
/* The payload an item delivered (NULL for a purge). */
int store_feed_payload(struct store *st, int64_t item_id, struct arena *a, const char **out,
		       struct hearth_error *err);

/* Children delivered and not purged since, whose record is now retracted or merged away
 * (both retract the child row): they are sent as purges. By child id. */
struct store_feed_gone {
	int64_t child_id;
	const char *la_child_id;
};
int store_feed_gone(struct store *st, struct arena *a, struct store_feed_gone **out, size_t *n_out,
		    struct hearth_error *err);

/* The child's facts the casefile does not carry: postcode and disability codes, for every
 * live child that has any, by child id (codes sorted). */
struct store_feed_extra {
	int64_t child_id;
	const char *postcode;	/* NULL when not recorded */
	const char **disabilities;
	size_t n_disabilities;
};
int store_feed_extras(struct store *st, struct arena *a, struct store_feed_extra **out, size_t *n_out,
		      struct hearth_error *err);

/* The assessments' factor codes as recorded ("3B,2B"), for every live assessment that has
 * any, by assessment id (ids_out ascending, factors_out alongside). */
int store_feed_factors(struct store *st, struct arena *a, int64_t **ids_out, const char ***factors_out,
		       size_t *n_out, struct hearth_error *err);

/* A submission: begun (outcome 'running') before the run reads what changed, ended once
 * with its counts. One run at a time: begin refuses (HERR_CONFLICT, rule running) while
 * another began less than STORE_FEED_STALE_HOURS ago is running; one older than that died
 * without ending and is closed as an error ("abandoned"). */
#define STORE_FEED_STALE_HOURS 12
struct store_feed_submission {
	int64_t id;
	const char *started_at, *finished_at;	/* finished_at NULL while running */
	const char *mode;			/* file, send */
	const char *target;			/* the file, or the API's URL */
	const char *actor;
	int64_t n_new, n_updated, n_purged, n_unchanged, n_delivered;
	const char *outcome;			/* running, sent, written, nothing, partial, error */
	int64_t http_status;			/* 0 when no answer was had */
	int64_t attempts;			/* HTTP requests made */
	const char *message;
};
int store_feed_submission_begin(struct store *st, const struct store_feed_submission *s, int64_t *id_out,
				struct hearth_error *err);
int store_feed_submission_end(struct store *st, const struct store_feed_submission *s, struct hearth_error *err);
/* Every submission, newest first. */
int store_feed_submissions(struct store *st, struct arena *a, struct store_feed_submission **out, size_t *n_out,
			   struct hearth_error *err);
/* At most limit of them after offset, newest first; *total counts them all. */
int store_feed_submission_page(struct store *st, int64_t limit, int64_t offset, struct arena *a,
			       struct store_feed_submission **out, size_t *n_out, int64_t *total,
			       struct hearth_error *err);
/* One submission: 1 and *out when there is one with id, else 0 (or a negative error). */
int store_feed_submission_get(struct store *st, int64_t id, struct arena *a, struct store_feed_submission *out,
			      struct hearth_error *err);

/* What a submission delivered about one child (its item), in the order delivered. */
struct store_feed_sent {
	int64_t item_id, child_id;
	const char *la_child_id;
	char state;			/* 'n', 'u', 'p' */
	const char *response_id;	/* the DfE's submission id for it, or NULL */
};
/* At most limit of a submission's items after offset; *total counts them all. */
int store_feed_sent(struct store *st, int64_t submission_id, int64_t limit, int64_t offset, struct arena *a,
		    struct store_feed_sent **out, size_t *n_out, int64_t *total, struct hearth_error *err);

/* What one delivery carried, recorded in one transaction with an audit row for each
 * child (action "disclose", section "dfe_feed": the child's data left the record). */
struct store_feed_item {
	int64_t child_id;
	const char *la_child_id;
	char state;		/* 'n', 'u', 'p' */
	const char *hash;	/* NULL for a purge */
	const char *payload;	/* the canonical payload; NULL for a purge */
	const char *response_id;	/* the DfE's submission id for it, or NULL */
};
int store_feed_items_add(struct store *st, const char *actor, int64_t submission_id,
			 const struct store_feed_item *items, size_t n, struct hearth_error *err);

#endif
