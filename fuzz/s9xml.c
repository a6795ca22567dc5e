/* s9xml: an SSDA903 XML file (CLA.xsd) from another system (src/returns/read903.c: read as
 * its CSV tables are), validated as received and then imported: a refusal always says why,
 * and a file that cannot be read whole has nothing of it written. */
#include "fuzz.h"
#include "returns/internal.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".xml");
	const char *paths[] = {path};
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_findings f = {0};
	struct returns_files_result fr;
	int rc = returns_validate_files(paths, 1, 2025, 1, NULL, &a, &f, &fr, &err);
	if (rc != 0 && !err.message[0]) {
		abort();
	}
	struct returns_import_options o = {.actor = "fuzz", .year = 2025};
	struct returns_import_result res = {0};
	herr_clear(&err);
	rc = ssda903_import(fuzz_store(), paths, 1, &o, &a, &res, &err);
	if (rc != 0 && !err.message[0]) {
		abort();
	}
	if (rc != 0 && (res.inserted || res.updated)) {
		abort(); /* refused: nothing written */
	}
	arena_free(&a);
	return 0;
}
