/* guard: how much of the server one client may take.
 *
 * Connections: the cap per client address and the total cap are libmicrohttpd's own
 * (MHD_OPTION_PER_IP_CONNECTION_LIMIT, MHD_OPTION_CONNECTION_LIMIT, set in server.c): a
 * connection beyond either is closed as soon as it is accepted, before it costs anything.
 * The address is the socket's peer: behind a proxy every client shares the proxy's.
 *
 * Headers: libmicrohttpd 0.9.75 has only an idle timeout, which every byte resets, so a
 * client sending one header byte every few seconds held a connection for ever ("slowloris"),
 * and about 1,020 of them stopped the server. Here each connection carries a clock that
 * starts when it opens and stops when the access handler first sees a request, i.e. its
 * headers are in. When a request completes the clock starts again, with the idle timeout
 * as grace: a kept-alive connection may wait idle as long as before for its next request
 * (clients keep idle connections a few seconds and may reuse one just as the server closes
 * it, so this wait is not shortened), then must finish its headers. A sweeper thread, every quarter second, shuts down
 * (shutdown(2), SHUT_RDWR) each connection whose clock has run longer than the header
 * limit; libmicrohttpd then reads end-of-file and closes the connection itself. The sweeper
 * never closes a descriptor: libmicrohttpd closes it only after its CLOSED notification,
 * which takes the connection off the sweeper's list under the same lock, so the sweeper
 * never touches a closed or reused descriptor. A body is not under this clock (the idle
 * timeout and the routes' body limits bound it).
 *
 * Requests per person: every read is audited, so one signed-in person reading at full speed
 * grew the record by about 225 MB a minute. Each signed-in user (not session: one person
 * could start many) has a token bucket holding up to `burst` requests, refilled at
 * `per_minute`; a request finding it empty is answered 429 with Retry-After (dispatch.c).
 * Users are the record's own, few, so the table only grows. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/mem.h"
#include "web/http/http.h"

#define GUARD_TICK_MS 250

struct web_conn {
	int fd;
	bool in_request;		/* headers seen; the clock is stopped */
	bool cut;			/* shut down by the sweeper */
	struct timespec since;		/* when the clock (re)started */
	unsigned grace_s;		/* allowed beyond the header limit (a kept-alive wait) */
	struct web_conn *prev, *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t sweeper;
	bool running, stop;
	unsigned header_timeout_s;
	struct web_conn *conns;		/* every open connection */
} g = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

struct bucket {
	int64_t user;			/* 0: a free slot */
	double tokens;
	double at;			/* when tokens was counted (monotonic seconds) */
};

/* The buckets: open addressing in a power of two slots, at most half full. */
static struct {
	pthread_mutex_t lock;
	double per_second, burst;
	struct bucket *slots;
	size_t n, used;
} rate = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct web_conn *web_guard_open(int fd)
{
	struct web_conn *c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	clock_gettime(CLOCK_MONOTONIC, &c->since);
	pthread_mutex_lock(&g.lock);
	c->next = g.conns;
	if (g.conns) {
		g.conns->prev = c;
	}
	g.conns = c;
	pthread_mutex_unlock(&g.lock);
	return c;
}

void web_guard_close(struct web_conn *c)
{
	if (!c) {
		return;
	}
	pthread_mutex_lock(&g.lock);
	if (c->prev) {
		c->prev->next = c->next;
	} else {
		g.conns = c->next;
	}
	if (c->next) {
		c->next->prev = c->prev;
	}
	pthread_mutex_unlock(&g.lock);
	free(c);
}

void web_guard_request(struct web_conn *c, bool in_request, unsigned grace_s)
{
	if (!c) {
		return;
	}
	pthread_mutex_lock(&g.lock);
	c->in_request = in_request;
	c->grace_s = grace_s;
	clock_gettime(CLOCK_MONOTONIC, &c->since);
	pthread_mutex_unlock(&g.lock);
}

static void *sweep(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g.lock);
	while (!g.stop) {
		struct timespec now, until;
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (struct web_conn *c = g.conns; c; c = c->next) {
			long long ms = (long long)(now.tv_sec - c->since.tv_sec) * 1000 +
				       (now.tv_nsec - c->since.tv_nsec) / 1000000;
			if (!c->in_request && !c->cut && ms >= ((long long)g.header_timeout_s + c->grace_s) * 1000) {
				/* libmicrohttpd sees end-of-file and closes it in its own thread. */
				shutdown(c->fd, SHUT_RDWR);
				c->cut = true;
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += GUARD_TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g.wake, &g.lock, &until);
	}
	pthread_mutex_unlock(&g.lock);
	return NULL;
}

int web_guard_start(const struct web_options *o, struct hearth_error *err)
{
	g.header_timeout_s = o->header_timeout_s;
	g.stop = false;
	if (o->header_timeout_s && pthread_create(&g.sweeper, NULL, sweep, NULL) != 0) {
		return herr_set(err, HERR_IO, NULL, "thread", "could not start the header-timeout thread");
	}
	g.running = o->header_timeout_s > 0;
	return 0;
}

void web_guard_stop(void)
{
	if (g.running) {
		pthread_mutex_lock(&g.lock);
		g.stop = true;
		pthread_cond_signal(&g.wake);
		pthread_mutex_unlock(&g.lock);
		pthread_join(g.sweeper, NULL);
		g.running = false;
	}
}

/* ---- requests per user ---- */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void web_guard_rate_init(unsigned per_minute, unsigned burst)
{
	pthread_mutex_lock(&rate.lock);
	rate.per_second = per_minute / 60.0;
	rate.burst = burst;
	free(rate.slots);
	rate.n = 64;
	rate.used = 0;
	rate.slots = xcalloc(rate.n, sizeof(*rate.slots));
	pthread_mutex_unlock(&rate.lock);
}

static struct bucket *find(struct bucket *slots, size_t n, int64_t user)
{
	size_t i = (size_t)((uint64_t)user * 0x9E3779B97F4A7C15ull) & (n - 1);
	while (slots[i].user && slots[i].user != user) {
		i = (i + 1) & (n - 1);
	}
	return &slots[i];
}

int web_guard_rate(int64_t user)
{
	int wait = 0;
	double now = now_s();
	pthread_mutex_lock(&rate.lock);
	if (!rate.slots || user <= 0) {
		pthread_mutex_unlock(&rate.lock);
		return 0;
	}
	if (2 * (rate.used + 1) > rate.n) {
		struct bucket *bigger = xcalloc(rate.n * 2, sizeof(*bigger));
		for (size_t i = 0; i < rate.n; i++) {
			if (rate.slots[i].user) {
				*find(bigger, rate.n * 2, rate.slots[i].user) = rate.slots[i];
			}
		}
		free(rate.slots);
		rate.slots = bigger;
		rate.n *= 2;
	}
	struct bucket *b = find(rate.slots, rate.n, user);
	if (!b->user) {
		*b = (struct bucket){.user = user, .tokens = rate.burst, .at = now};
		rate.used++;
	}
	b->tokens = fmin(rate.burst, b->tokens + (now - b->at) * rate.per_second);
	b->at = now;
	if (b->tokens >= 1) {
		b->tokens -= 1;
	} else {
		wait = (int)ceil((1 - b->tokens) / rate.per_second);
		wait = wait < 1 ? 1 : wait;
	}
	pthread_mutex_unlock(&rate.lock);
	return wait;
}

void web_guard_rate_stop(void)
{
	pthread_mutex_lock(&rate.lock);
	free(rate.slots);
	rate.slots = NULL;
	rate.n = rate.used = 0;
	pthread_mutex_unlock(&rate.lock);
}
