/* arena: a bump allocator whose allocations all die together.
 *
 * One arena per request or per command: everything read from the store, parsed or
 * formatted for it lives here and is released by one arena_free(). Callers never free()
 * what an arena hands out. Not thread-safe: one arena belongs to one thread at a time. */
#ifndef HEARTH_BASE_ARENA_H
#define HEARTH_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;		/* bytes handed out, for measuring */
};

#define ARENA_INIT {0}

/* Zeroed memory of n bytes, aligned for any type; aborts when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);
/* A growing array in the arena: returns a copy of old (old_n elements) with room for new_n. */
void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(struct arena *a);
/* Empties the arena but keeps one block for reuse, so a loop that allocates and resets
 * per item does not return memory to the system (and ask for it again) every time. */
void arena_reset(struct arena *a);
/* Moves every block of from into a (from is left empty): what was allocated in from lives
 * until a is freed. For work split between threads, each with its own arena, whose results
 * the caller keeps. */
void arena_adopt(struct arena *a, struct arena *from);

#endif
