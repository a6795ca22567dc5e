/* date: the date and instant parsers (src/base/date.c) and the workbook cell's date
 * (xlsx_date). What parses must format and parse back to the same value. */
#include "fuzz.h"
#include "base/date.h"
#include "returns/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[DATE_STR_SIZE], ibuf[INSTANT_STR_SIZE];
	hdate d, d2;
	hinstant t, t2;
	if (date_parse(s, &d) == 0) {
		if (date_parse(date_format(d, buf), &d2) != 0 || d2 != d) {
			abort();
		}
		int y, m, day;
		date_to_ymd(d, &y, &m, &day);
		if (!date_valid_ymd(y, m, day)) {
			abort();
		}
	}
	if (date_parse_dmy(s, &d) == 0) {
		if (date_parse_dmy(date_format_dmy(d, buf), &d2) != 0 || d2 != d) {
			abort();
		}
	}
	if (instant_parse(s, &t) == 0) {
		if (instant_parse(instant_format(t, ibuf), &t2) != 0 || t2 != t) {
			abort();
		}
		(void)instant_date(t);
	}
	struct xlsx x = {0};
	d = xlsx_date(&x, s);
	x.date1904 = true;
	d2 = xlsx_date(&x, s);
	if (d != DATE_NONE && d != RDATE_BAD) {
		date_format(d, buf);
		date_format(d2, buf);
	}
	free(s);
	return 0;
}
