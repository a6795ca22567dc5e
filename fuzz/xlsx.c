/* xlsx: a workbook from outside (src/returns/xlsx.c): the zip, its parts' XML, the shared
 * strings, every sheet and every cell read as a date. */
#include <libxml/parser.h>

#include "fuzz.h"
#include "returns/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".xlsx");
	struct arena a = ARENA_INIT;
	struct xlsx x = {0};
	struct hearth_error err = {0};
	if (xlsx_open(&x, path, &a, &err) == 0) {
		for (size_t i = 0; i < x.n_sheets; i++) {
			struct xlsx_sheet sh;
			struct hearth_error e2 = {0};
			if (xlsx_sheet(&x, i, &sh, &e2) != 0) {
				continue;
			}
			for (size_t j = 0; j < sh.n_rows; j++) {
				for (size_t c = 0; c < sh.rows[j].n; c++) {
					(void)xlsx_date(&x, sh.rows[j].cells[c]);
				}
			}
		}
	} else if (!err.message[0]) {
		abort();
	}
	arena_free(&a);
	return 0;
}
