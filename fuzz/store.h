/* A record for the import harnesses: one empty SQLite file per process, made on first use
 * and kept (each run's import is all-or-nothing, so most runs leave it as it was). */
#ifndef HEARTH_FUZZ_STORE_H
#define HEARTH_FUZZ_STORE_H

#include "fuzz.h"
#include "store/store.h"

static inline struct store *fuzz_store(void)
{
	static struct store *st;
	static char path[64];
	if (!st) {
		snprintf(path, sizeof(path), "/tmp/hearth-fuzz-%d.db", (int)getpid());
		unlink(path);
		struct hearth_error err = {0};
		if (store_open(path, STORE_CREATE, &st, &err) != 0) {
			fprintf(stderr, "fuzz: cannot make %s: %s\n", path, err.message);
			abort();
		}
	}
	return st;
}

#endif
