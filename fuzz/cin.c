/* cin: a CIN census XML file from another system (src/returns/cin_census.c: the guard of
 * readlimits.c, then the reader and the import). A file it cannot read whole must be
 * refused with nothing stored. */
#include "fuzz.h"
#include "returns/readlimits.h"
#include "returns/returns.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".xml");
	struct arena a = ARENA_INIT;
	struct returns_import_options o = {.actor = "fuzz"};
	struct returns_import_result res = {0};
	struct hearth_error err = {0};
	struct hearth_error xerr = {0};
	bool readable = xml_check_file(path, &xerr) == 0;
	int rc = cin_import(fuzz_store(), path, &o, &a, &res, &err);
	if (rc != 0 && (!err.message[0] || res.committed)) {
		abort();
	}
	/* A file that is not well-formed (cut short, say) is refused whole, never half read. */
	if (!readable && (rc == 0 || res.committed)) {
		abort();
	}
	arena_free(&a);
	return 0;
}
