/* feed: the DfE's daily children's social care API feed (issue 20 part 4).
 *
 * A run reads every live child in the DfE's cohort (feed/payload.h), builds its payload and
 * the SHA-256 of its canonical form, and compares it with what the DfE last received about
 * the child (store/feed.h): no item, or a purge since -> new; another hash -> updated (with
 * purge stubs for list items and objects gone since); the same hash -> unchanged, not sent.
 * A child delivered before whose record was retracted or merged away is sent as a purge.
 *
 * Then, by mode:
 *   dry run  nothing is recorded or sent; on_item hears each child that would be, and
 *            with out_path set the payload that would be sent is written there;
 *   file     the whole payload {la_code, Children[...]} written to a file (atomically), and
 *            its children recorded as delivered;
 *   send     POSTed in batches (config batch_size) to the API with an OAuth2 token; each
 *            batch's children are recorded as delivered only once the API answered 2xx, so
 *            a failure part-way leaves the rest to the next run.
 * Every run but a dry run is a submission in the log, with counts, outcome, the last HTTP
 * status and the number of HTTP requests. Each delivered child gets an audit row. */
#ifndef HEARTH_FEED_FEED_H
#define HEARTH_FEED_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "base/date.h"
#include "base/error.h"
#include "feed/transport.h"
#include "store/store.h"

enum feed_mode { FEED_DRY_RUN, FEED_FILE, FEED_SEND };

struct feed_options {
	enum feed_mode mode;
	const char *out_path;			/* FEED_FILE; FEED_DRY_RUN: optional */
	const char *url;			/* FEED_SEND; "{la_code}" in it is replaced */
	const struct feed_config *conf;		/* FEED_SEND */
	hdate today;				/* the cohort's "today" */
	const char *la_code;			/* the setting, three digits */
	const char *actor;
	/* Each child that is (or, in a dry run, would be) delivered: state 'n', 'u' or 'p'. */
	void (*on_item)(void *ctx, char state, int64_t child_id, const char *la_child_id, const char *hash);
	void *ctx;
};

struct feed_result {
	int64_t submission_id;			/* 0 for a dry run */
	int64_t n_new, n_updated, n_purged, n_unchanged, n_delivered;
	int64_t n_stubs;			/* purge stubs inside updated children */
	const char *outcome;			/* dry_run, written, sent, nothing, partial, error */
	long http_status;
	int attempts;
};

/* 0 when the run did what it set out to (outcome dry_run, written, sent or nothing);
 * otherwise the error (outcome partial or error, logged as such). */
int feed_run(struct store *st, const struct feed_options *o, struct feed_result *r, struct hearth_error *err);

#endif
