/* pipe: one thread reads children, a second checks them, in batches, in the order read.
 *
 * The reader fills a batch of items (rx_pipe_slot, rx_pipe_push); a full batch goes across
 * to the checker through a ring of RX_PIPE_BATCHES of them, and the reader blocks only when
 * every batch of the ring is waiting. The checker alone runs the rules (so it alone writes the
 * findings and the whole-return tally it was given) and takes the batches in the order they
 * were filled: its findings are in the order read, the same as one thread's. Each batch has
 * an arena for what the reader must copy into it (text its reader reuses), emptied when the
 * batch is filled again. When no thread can start, the checker runs on the reader's thread,
 * a batch at a time. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "returns/internal.h"

#define RX_PIPE_BATCHES 4

struct rx_batch {
	char *items;
	size_t n;
	struct arena text;
};

struct rx_pipe {
	size_t size, per_batch;
	rx_pipe_fn check;
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	struct rx_batch b[RX_PIPE_BATCHES];
	size_t head, count;	/* the published batches: head .. head + count - 1 */
	size_t tail;		/* the batch being filled */
	bool filling, done, threaded;
	pthread_t thread;
};

static void check_batch(struct rx_pipe *p, struct rx_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		p->check(p->ctx, b->items + i * p->size);
	}
}

static void *checker(void *arg)
{
	struct rx_pipe *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->done) {
			pthread_cond_wait(&p->filled, &p->mu);
		}
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct rx_batch *b = &p->b[p->head];
		pthread_mutex_unlock(&p->mu);
		check_batch(p, b);
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % RX_PIPE_BATCHES;
		p->count--;
		pthread_cond_signal(&p->emptied);
		pthread_mutex_unlock(&p->mu);
	}
}

struct rx_pipe *rx_pipe_start(size_t size, size_t per_batch, rx_pipe_fn check, void *ctx)
{
	struct rx_pipe *p = xcalloc(1, sizeof(*p));
	p->size = size;
	p->per_batch = per_batch;
	p->check = check;
	p->ctx = ctx;
	for (int i = 0; i < RX_PIPE_BATCHES; i++) {
		p->b[i].items = xcalloc(per_batch, size);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	p->threaded = pthread_create(&p->thread, NULL, checker, p) == 0;
	return p;
}

static void publish(struct rx_pipe *p)
{
	p->filling = false;
	if (!p->threaded) {
		check_batch(p, &p->b[p->tail]);
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->count++;
	p->tail = (p->tail + 1) % RX_PIPE_BATCHES;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
}

void *rx_pipe_slot(struct rx_pipe *p, struct arena **text)
{
	if (!p->filling) {
		pthread_mutex_lock(&p->mu);
		while (p->count == RX_PIPE_BATCHES) {
			pthread_cond_wait(&p->emptied, &p->mu);
		}
		pthread_mutex_unlock(&p->mu);
		p->b[p->tail].n = 0;
		arena_reset(&p->b[p->tail].text);
		p->filling = true;
	}
	struct rx_batch *b = &p->b[p->tail];
	if (text) {
		*text = &b->text;
	}
	return b->items + b->n * p->size;
}

void rx_pipe_push(struct rx_pipe *p)
{
	if (++p->b[p->tail].n == p->per_batch) {
		publish(p);
	}
}

void rx_pipe_end(struct rx_pipe *p)
{
	if (p->filling) {
		publish(p);
	}
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->done = true;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
	}
	for (int i = 0; i < RX_PIPE_BATCHES; i++) {
		arena_free(&p->b[i].text);
		free(p->b[i].items);
	}
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
