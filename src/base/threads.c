/* threads: see threads.h. */
#include "base/threads.h"

#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

int threads_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > THREADS_MAX ? THREADS_MAX : (int)n;
}

struct started {
	void (*fn)(void *part);
	void *part;
	pthread_t tid;
	bool running;
};

static void *start(void *arg)
{
	struct started *s = arg;
	s->fn(s->part);
	return NULL;
}

void threads_run(void *parts, size_t size, int n, void (*fn)(void *part))
{
	struct started s[THREADS_MAX];
	char *p = parts;
	n = n > THREADS_MAX ? THREADS_MAX : n;
	for (int k = 1; k < n; k++) {
		s[k] = (struct started){fn, p + (size_t)k * size, 0, false};
		s[k].running = pthread_create(&s[k].tid, NULL, start, &s[k]) == 0;
	}
	if (n > 0) {
		fn(p);
	}
	for (int k = 1; k < n; k++) {
		if (s[k].running) {
			pthread_join(s[k].tid, NULL);
		} else {
			fn(s[k].part); /* no thread to be had: on this one, after */
		}
	}
}
