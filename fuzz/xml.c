/* xml: the guard every XML document from outside passes first (src/returns/readlimits.c):
 * no DOCTYPE, no entity beyond the predefined five, not too deep, well-formed. */
#include "fuzz.h"
#include "returns/readlimits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hearth_error err = {0};
	int rc = xml_check_memory((const char *)data, size, "fuzz", &err);
	if (rc != 0 && (rc != HERR_INVALID || !err.message[0])) {
		abort();
	}
	return 0;
}
