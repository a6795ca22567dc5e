/* feed: a run of the DfE feed (feed/feed.h). */
#include "feed/feed.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "feed/payload.h"
#include "store/feed.h"

/* One child to deliver. */
struct item {
	int64_t child_id, prev_item;	/* prev_item: the latest item, for an update's stubs */
	char *la_child_id;
	char state;			/* 'n', 'u', 'p' */
	char hash[65];			/* "" for a purge */
	char *canonical;		/* what is kept as delivered; NULL for a purge */
	char *sent;			/* what is sent: canonical, or with stubs, or the purge */
	const char *response_id;
};

struct run {
	hdate today;
	const struct store_feed_last *last;
	size_t n_last;
	const struct store_feed_extra *extras;
	size_t n_extras, next_extra;
	const int64_t *factor_ids;
	const char *const *factors;
	size_t n_factors, next_factor;
	struct item *items;
	size_t n_items, cap_items;
	int64_t unchanged;
	int failed;		/* out of memory building a payload */
};

static const struct store_feed_last *last_of(const struct run *r, int64_t child)
{
	size_t lo = 0, hi = r->n_last;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->last[mid].child_id < child) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < r->n_last && r->last[lo].child_id == child ? &r->last[lo] : NULL;
}

static struct item *item_add(struct run *r)
{
	if (r->n_items == r->cap_items) {
		size_t grown = r->cap_items ? r->cap_items * 2 : 256;
		struct item *v = realloc(r->items, grown * sizeof(*v));
		if (!v) {
			return NULL;
		}
		r->items = v;
		r->cap_items = grown;
	}
	struct item *it = &r->items[r->n_items++];
	memset(it, 0, sizeof(*it));
	return it;
}

static int one_child(void *ctx, const struct casefile *cf)
{
	struct run *r = ctx;
	if (!feed_in_cohort(&cf->child, r->today)) {
		return 0;
	}
	int64_t id = cf->child.id;
	struct feed_extras x = {0};
	/* Both lists are by child id, as the scan is. */
	while (r->next_extra < r->n_extras && r->extras[r->next_extra].child_id < id) {
		r->next_extra++;
	}
	if (r->next_extra < r->n_extras && r->extras[r->next_extra].child_id == id) {
		const struct store_feed_extra *e = &r->extras[r->next_extra];
		x.postcode = e->postcode;
		x.disabilities = e->disabilities;
		x.n_disabilities = e->n_disabilities;
	}
	x.assessment_ids = r->factor_ids;
	x.assessment_factors = r->factors;
	x.n_assessments = r->n_factors;

	json_t *p = feed_child_payload(cf, &x);
	char *canonical = p ? feed_canonical(p) : NULL;
	json_decref(p);
	if (!canonical) {
		r->failed = 1;
		return 1;
	}
	char hash[65];
	feed_hash(canonical, hash);
	const struct store_feed_last *l = last_of(r, id);
	bool delivered = l && l->state != 'p';
	if (delivered && l->hash && strcmp(l->hash, hash) == 0) {
		r->unchanged++;
		free(canonical);
		return 0;
	}
	struct item *it = item_add(r);
	if (!it || !(it->la_child_id = strdup(cf->child.la_child_id ? cf->child.la_child_id : ""))) {
		free(canonical);
		r->failed = 1;
		return 1;
	}
	it->child_id = id;
	it->state = delivered ? 'u' : 'n';
	it->prev_item = delivered ? l->item_id : 0;
	memcpy(it->hash, hash, sizeof(hash));
	it->canonical = canonical;
	it->sent = canonical;
	return 0;
}

static void items_free(struct run *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		if (r->items[i].sent != r->items[i].canonical) {
			free(r->items[i].sent);
		}
		free(r->items[i].canonical);
		free(r->items[i].la_child_id);
	}
	free(r->items);
	r->items = NULL;
	r->n_items = 0;
}

/* The children to deliver and the counts: read in one read transaction. */
static int collect(struct store *st, const struct feed_options *o, struct arena *a, struct run *r,
		   struct feed_result *res, struct hearth_error *err)
{
	bool began;
	int rc = store_read_begin(st, &began, err);
	if (rc) {
		return rc;
	}
	int64_t *fids;
	const char **fs;
	if ((rc = store_feed_last(st, a, (struct store_feed_last **)&r->last, &r->n_last, err)) ||
	    (rc = store_feed_extras(st, a, (struct store_feed_extra **)&r->extras, &r->n_extras, err)) ||
	    (rc = store_feed_factors(st, a, &fids, &fs, &r->n_factors, err))) {
		store_read_end(st, began);
		return rc;
	}
	r->factor_ids = fids;
	r->factors = fs;
	r->today = o->today;
	rc = store_casefiles_scan(st, NULL, one_child, r, err);
	if (r->failed) {
		rc = herr_set(err, HERR_IO, "feed", "memory", "out of memory building the payloads");
	}
	/* Updates: stubs for what the DfE holds and the child no longer has. */
	for (size_t i = 0; rc == 0 && i < r->n_items; i++) {
		struct item *it = &r->items[i];
		if (it->state != 'u') {
			continue;
		}
		const char *before_text;
		if ((rc = store_feed_payload(st, it->prev_item, a, &before_text, err))) {
			break;
		}
		json_t *before = before_text ? json_loads(before_text, 0, NULL) : NULL;
		json_t *now = before ? json_loads(it->canonical, 0, NULL) : NULL;
		int stubs = now ? feed_add_purges(now, before) : 0;
		if (stubs > 0) {
			char *sent = json_dumps(now, JSON_COMPACT | JSON_SORT_KEYS);
			if (sent) {
				it->sent = sent;
				res->n_stubs += stubs;
			} else {
				rc = herr_set(err, HERR_IO, "feed", "memory", "out of memory");
			}
		}
		json_decref(before);
		json_decref(now);
	}
	/* Purges: children the DfE holds whose record is retracted or merged away. */
	struct store_feed_gone *gone = NULL;
	size_t n_gone = 0;
	if (rc == 0) {
		rc = store_feed_gone(st, a, &gone, &n_gone, err);
	}
	for (size_t i = 0; rc == 0 && i < n_gone; i++) {
		json_t *p = feed_purge_payload(gone[i].la_child_id, gone[i].child_id);
		struct item *it = item_add(r);
		char *text = p ? feed_canonical(p) : NULL;
		json_decref(p);
		if (!it || !text || !(it->la_child_id = strdup(gone[i].la_child_id ? gone[i].la_child_id : ""))) {
			free(text);
			rc = herr_set(err, HERR_IO, "feed", "memory", "out of memory");
			break;
		}
		it->child_id = gone[i].child_id;
		it->state = 'p';
		it->sent = text;
	}
	store_read_end(st, began);
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		res->n_new += it->state == 'n';
		res->n_updated += it->state == 'u';
		res->n_purged += it->state == 'p';
	}
	res->n_unchanged = r->unchanged;
	return rc;
}

/* {"la_code":885,"Children":[...]} for items [from, to), the children joined by sep. */
static void document(struct buf *b, const char *la_code, const struct item *items, size_t from, size_t to,
		     const char *sep)
{
	buf_printf(b, "{\"la_code\":%d,\"Children\":[%s", atoi(la_code), to > from ? sep + 1 : "");
	for (size_t i = from; i < to; i++) {
		buf_puts(b, items[i].sent);
		if (i + 1 < to) {
			buf_puts(b, sep);
		}
	}
	buf_printf(b, "%s]}\n", to > from ? "\n" : "");
}

static int write_file(const char *path, const struct buf *b, struct hearth_error *err)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		return herr_set(err, HERR_INVALID, "out", "too_long", "the file name is too long");
	}
	FILE *f = fopen(tmp, "w");
	if (!f) {
		return herr_set(err, HERR_IO, "out", "unwritable", "cannot write %s: %s", tmp, strerror(errno));
	}
	size_t n = fwrite(b->data ? b->data : "", 1, b->len, f);
	int bad = n != b->len || fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return herr_set(err, HERR_IO, "out", "unwritable", "cannot write %s: %s", path, strerror(e));
	}
	return 0;
}

/* Records items [from, to) as delivered. */
static int record(struct store *st, const struct feed_options *o, int64_t submission, struct item *items,
		  size_t from, size_t to, struct hearth_error *err)
{
	size_t n = to - from;
	if (!n) {
		return 0;
	}
	struct store_feed_item *v = calloc(n, sizeof(*v));
	if (!v) {
		return herr_set(err, HERR_IO, "feed", "memory", "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[from + i];
		v[i] = (struct store_feed_item){it->child_id, it->la_child_id, it->state, it->hash[0] ? it->hash : NULL,
						it->canonical, it->response_id};
	}
	int rc = store_feed_items_add(st, o->actor, submission, v, n, err);
	free(v);
	return rc;
}

/* "{la_code}" in the URL replaced by the code. */
static char *api_url(const char *url, const char *la_code)
{
	struct buf b = BUF_INIT;
	const char *p = strstr(url, "{la_code}");
	if (p) {
		buf_append(&b, url, (size_t)(p - url));
		buf_puts(&b, la_code);
		buf_puts(&b, p + strlen("{la_code}"));
	} else {
		buf_puts(&b, url);
	}
	return buf_take(&b);
}

/* The DfE's answer: a list of submission ids, one per child, by position. Kept as text in
 * ids (strings) for the children of the batch that have one. */
static void take_ids(const struct feed_answer *ans, struct item *items, size_t from, size_t to, struct arena *a)
{
	json_t *doc = ans->body ? json_loadb(ans->body, ans->len, 0, NULL) : NULL;
	if (json_is_array(doc)) {
		for (size_t i = from; i < to && i - from < json_array_size(doc); i++) {
			const char *s = json_string_value(json_array_get(doc, i - from));
			if (s && strlen(s) < 200) {
				items[i].response_id = arena_strdup(a, s);
			}
		}
	}
	json_decref(doc);
}

/* A refusal's answer, for the log: its start, on one line, after the error's message. */
static void keep_answer(struct hearth_error *err, const struct feed_answer *ans)
{
	char body[160];
	size_t n = 0;
	for (size_t i = 0; i < ans->len && n + 1 < sizeof(body); i++) {
		unsigned char c = (unsigned char)ans->body[i];
		body[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	body[n] = '\0';
	size_t used = strlen(err->message);
	snprintf(err->message + used, sizeof(err->message) - used, "; the answer: %s", body);
}

static int deliver(struct store *st, const struct feed_options *o, struct run *r, struct arena *a,
		   struct store_feed_submission *sub, struct feed_result *res, struct hearth_error *err)
{
	int rc = 0;
	if (o->mode == FEED_FILE) {
		struct buf b = BUF_INIT;
		document(&b, o->la_code, r->items, 0, r->n_items, ",\n");
		rc = write_file(o->out_path, &b, err);
		buf_free(&b);
		if (rc == 0 && (rc = record(st, o, sub->id, r->items, 0, r->n_items, err)) == 0) {
			res->n_delivered = (int64_t)r->n_items;
		}
		res->outcome = rc ? "error" : r->n_items ? "written" : "nothing";
		return rc;
	}
	if (r->n_items == 0) {
		res->outcome = "nothing";	/* nothing changed: no request at all */
		return 0;
	}
	struct feed_session s = {.conf = o->conf};
	char *url = api_url(o->url, o->la_code);
	size_t batch = (size_t)o->conf->batch_size;
	for (size_t from = 0; rc == 0 && from < r->n_items; from += batch) {
		size_t to = from + batch < r->n_items ? from + batch : r->n_items;
		struct buf b = BUF_INIT;
		document(&b, o->la_code, r->items, from, to, ",");
		struct feed_answer ans = {0};
		rc = feed_post(&s, url, b.data, b.len, &ans, err);
		buf_free(&b);
		if (rc && ans.body && ans.len) {
			keep_answer(err, &ans);
		}
		if (rc == 0) {
			take_ids(&ans, r->items, from, to, a);
			if ((rc = record(st, o, sub->id, r->items, from, to, err)) == 0) {
				res->n_delivered += (int64_t)(to - from);
				for (size_t i = from; o->on_item && i < to; i++) {
					o->on_item(o->ctx, r->items[i].state, r->items[i].child_id, r->items[i].la_child_id,
						   r->items[i].hash);
				}
			}
		}
		free(ans.body);
	}
	res->http_status = s.last_status;
	res->attempts = s.attempts;
	res->outcome = rc == 0 ? "sent" : res->n_delivered ? "partial" : "error";
	feed_session_end(&s);
	free(url);
	return rc;
}

int feed_run(struct store *st, const struct feed_options *o, struct feed_result *res, struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	res->outcome = "error";
	struct arena a = ARENA_INIT;
	struct run r = {0};
	/* A real run is a submission before it reads what changed, so that a second run
	 * started meanwhile is refused rather than sending the same children again. */
	struct store_feed_submission sub = {
		.mode = o->mode == FEED_FILE ? "file" : "send",
		.target = o->mode == FEED_FILE ? o->out_path : o->url,
		.actor = o->actor,
	};
	int rc = 0;
	if (o->mode != FEED_DRY_RUN && (rc = store_feed_submission_begin(st, &sub, &sub.id, err))) {
		return rc;
	}
	res->submission_id = sub.id;
	rc = collect(st, o, &a, &r, res, err);
	if (o->mode == FEED_DRY_RUN) {
		if (rc == 0 && o->out_path) {	/* what would be sent, to look at: nothing recorded */
			struct buf b = BUF_INIT;
			document(&b, o->la_code, r.items, 0, r.n_items, ",\n");
			rc = write_file(o->out_path, &b, err);
			buf_free(&b);
		}
		for (size_t i = 0; rc == 0 && o->on_item && i < r.n_items; i++) {
			o->on_item(o->ctx, r.items[i].state, r.items[i].child_id, r.items[i].la_child_id, r.items[i].hash);
		}
		res->outcome = rc ? "error" : "dry_run";
		items_free(&r);
		arena_free(&a);
		return rc;
	}
	if (rc == 0) {
		rc = deliver(st, o, &r, &a, &sub, res, err);
	}
	if (o->mode == FEED_FILE && rc == 0) {
		for (size_t i = 0; o->on_item && i < r.n_items; i++) {
			o->on_item(o->ctx, r.items[i].state, r.items[i].child_id, r.items[i].la_child_id, r.items[i].hash);
		}
	}
	char line[700] = "";
	if (rc) {
		herr_line(err, line, sizeof(line));
	}
	sub.n_new = res->n_new;
	sub.n_updated = res->n_updated;
	sub.n_purged = res->n_purged;
	sub.n_unchanged = res->n_unchanged;
	sub.n_delivered = res->n_delivered;
	sub.outcome = rc && !strcmp(res->outcome, "sent") ? "error" : res->outcome;
	sub.http_status = res->http_status;
	sub.attempts = res->attempts;
	sub.message = rc ? line : NULL;
	struct hearth_error end_err = {0};
	int rc_end = store_feed_submission_end(st, &sub, rc ? &end_err : err);
	items_free(&r);
	arena_free(&a);
	return rc ? rc : rc_end;
}
