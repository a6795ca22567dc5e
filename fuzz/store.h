/* A record for the import harnesses: one empty SQLite file per process, made on first use
 * and kept (each run's import is all-or-nothing, so most runs leave it as it was). In
 * /dev/shm when there is one: each import's commit syncs, and on a disk that is most of
 * the harness's time. */
#ifndef HEARTH_FUZZ_STORE_H
#define HEARTH_FUZZ_STORE_H

#include "fuzz.h"
#include "store/store.h"

static inline struct store *fuzz_store(void)
{
	static struct store *st;
	if (!st) {
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		const char *path = fuzz_temp(1, dir, ".db");
		fuzz_temp(2, dir, ".db-wal");
		fuzz_temp(3, dir, ".db-shm");
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
