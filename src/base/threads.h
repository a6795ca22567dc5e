/* threads: work split between threads, part by part.
 *
 * The measures, Annex A and the returns' validation cut their children into parts, run each
 * part on its own thread with its own arena and results, and merge the parts afterwards in
 * order, so the answer is the one thread's. This is the part common to them: how many
 * threads by default, and running the parts. */
#ifndef HEARTH_BASE_THREADS_H
#define HEARTH_BASE_THREADS_H

#include <stddef.h>

#define THREADS_MAX 64

/* The number of online CPUs (1..THREADS_MAX): the default for --threads. */
int threads_default(void);

/* Runs fn on each of n parts (parts + k * size for k in 0..n-1): part 0 on this thread,
 * the others on threads of their own; a part whose thread cannot start runs on this thread
 * after part 0. Returns when every part has ended. */
void threads_run(void *parts, size_t size, int n, void (*fn)(void *part));

#endif
