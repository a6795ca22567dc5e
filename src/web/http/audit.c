/* audit: the group-commit writer for the audit rows of reads (and refusals, sign-ins).
 *
 * A request that must be audited is answered first in memory, then suspended; its rows
 * go on this queue. One writer thread, with its own store connection, takes everything
 * queued, appends it in ONE transaction (store_audit_append: one fsync for the whole
 * batch, the hash chain extended in order) and then calls each request's done callback,
 * which resumes the connection so its answer can be sent — or replaced by a 500 when the
 * commit failed. So a row is durable before its answer leaves, and N concurrent reads
 * cost one commit rather than N. Under no load a batch is one request (no waiting for
 * company: latency is one commit).
 *
 * Invariants: rows are committed in the order they were queued; done is called exactly
 * once per submission, after its rows' transaction has committed or rolled back; stop
 * drains the queue before the thread ends. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "web/http/http.h"

struct job {
	const struct store_audit *rows;
	size_t n;
	web_audit_done_fn done;
	void *ctx;
	struct job *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, *tail;
	size_t queued;		/* submissions waiting */
	bool stop, running;
	pthread_t thread;
	struct store *st;
} w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, false, false, 0, NULL};

#ifndef LINGER_US
#define LINGER_US 1000		/* at most this long a batch waits for more */
#endif
#define LINGER_ENOUGH 64	/* submissions that end the wait at once */

static void commit_batch(struct job *batch)
{
	size_t n = 0;
	for (struct job *j = batch; j; j = j->next) {
		n += j->n;
	}
	struct store_audit *rows = xmalloc(sizeof(*rows) * (n ? n : 1));
	size_t k = 0;
	for (struct job *j = batch; j; j = j->next) {
		for (size_t i = 0; i < j->n; i++) {
			rows[k++] = j->rows[i];
		}
	}
	struct hearth_error err = {0};
	int rc = n ? store_audit_append(w.st, rows, n, &err) : 0;
	if (rc) {
		fprintf(stderr, "hearth: serve: audit rows could not be written: %s\n", err.message);
		if (strcmp(err.rule, "disk_full") == 0) {
			rc = WEB_AUDIT_DISK_FULL;
		}
	}
	free(rows);
	while (batch) {
		struct job *next = batch->next;
		batch->done(batch->ctx, rc);
		free(batch);
		batch = next;
	}
}

static void *writer(void *arg)
{
	(void)arg;
	size_t last = 0;
	pthread_mutex_lock(&w.lock);
	for (;;) {
		while (!w.head && !w.stop) {
			pthread_cond_wait(&w.cond, &w.lock);
		}
		if (!w.head) {
			break;
		}
		/* Under load (the last batch held more than one request), linger a moment for
		 * company: fewer commits mean fewer fsyncs, and fewer times every reader's page
		 * cache is invalidated by a change to the file. */
		if (last > 1 && LINGER_US > 0 && !w.stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += LINGER_US * 1000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (w.queued < LINGER_ENOUGH && !w.stop &&
			       pthread_cond_timedwait(&w.cond, &w.lock, &until) == 0) {
			}
		}
		struct job *batch = w.head;
		last = w.queued;
		w.head = w.tail = NULL;
		w.queued = 0;
		pthread_mutex_unlock(&w.lock);
		commit_batch(batch);
		pthread_mutex_lock(&w.lock);
	}
	pthread_mutex_unlock(&w.lock);
	return NULL;
}

int web_audit_start(const char *db_path, struct hearth_error *err)
{
	int rc = store_open(db_path, STORE_WRITE, &w.st, err);
	if (rc) {
		return rc;
	}
	w.stop = false;
	if (pthread_create(&w.thread, NULL, writer, NULL) != 0) {
		store_close(w.st);
		w.st = NULL;
		return herr_set(err, HERR_IO, "", "thread", "could not start the audit writer");
	}
	w.running = true;
	return 0;
}

void web_audit_stop(void)
{
	if (!w.running) {
		return;
	}
	pthread_mutex_lock(&w.lock);
	w.stop = true;
	pthread_cond_signal(&w.cond);
	pthread_mutex_unlock(&w.lock);
	pthread_join(w.thread, NULL);
	w.running = false;
	store_close(w.st);
	w.st = NULL;
}

void web_audit_submit(const struct store_audit *rows, size_t n, web_audit_done_fn done, void *ctx)
{
	struct job *j = xmalloc(sizeof(*j));
	*j = (struct job){rows, n, done, ctx, NULL};
	pthread_mutex_lock(&w.lock);
	if (w.tail) {
		w.tail->next = j;
	} else {
		w.head = j;
	}
	w.tail = j;
	w.queued++;
	pthread_cond_signal(&w.cond);
	pthread_mutex_unlock(&w.lock);
}
