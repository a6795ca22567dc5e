/* csv: an SSDA903 CSV file from another system (src/returns: the CSV reader, then the
 * whole import: identified by its header, each row read and checked, stored or refused). */
#include "fuzz.h"
#include "returns/internal.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".csv");
	struct csv c = {0};
	bool whole = true;
	if (csv_open(&c, path) == 0) {
		int rc;
		while ((rc = csv_next(&c)) == 1) {
			for (int i = 0; i < c.n; i++) {
				if (!c.fields[i]) {
					abort();
				}
			}
		}
		if (rc == -2 && !c.bad) {
			abort();
		}
		whole = rc == 0;
		csv_close(&c);
	}
	struct arena a = ARENA_INIT;
	struct returns_import_options o = {.actor = "fuzz"};
	struct returns_import_result res = {0};
	struct hearth_error err = {0};
	const char *paths[] = {path};
	int rc = ssda903_import(fuzz_store(), paths, 1, &o, &a, &res, &err);
	if (rc != 0 && !err.message[0]) {
		abort(); /* a refusal always says why */
	}
	/* A file that cannot be read whole has nothing of it written (returns.h): refused
	 * with an error, or, when its header names no table, rejected whole before its rows
	 * are read (fuzz/corpus/csv/unknown-header-cut-short.csv). */
	if (!whole && (res.committed || res.inserted || res.updated)) {
		abort();
	}
	arena_free(&a);
	return 0;
}
