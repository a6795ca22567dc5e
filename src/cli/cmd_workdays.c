/* cmd_workdays: working-day arithmetic from the shell, over base/workdays.
 *
 *   hearth workdays add DATE N        the date N working days after DATE (day 0 = DATE)
 *   hearth workdays between D1 D2     the number of working days in (D1, D2]
 *
 * Needs no record. Exit 2 for a malformed command line, 1 for a date or number that is
 * not one (or a result outside the calendar's years). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/workdays.h"
#include "cli/cli.h"

#define MAX_SPAN 100000	/* working days: about 380 years, beyond any calendar we hold */

static int usage(void)
{
	fprintf(stderr, "usage: hearth workdays add DATE N | between D1 D2\n");
	return EXIT_USAGE;
}

static int parse_date_arg(const char *what, const char *s, hdate *out)
{
	if (date_parse(s, out)) {
		cli_fail("%s: '%s' is not a date of the form YYYY-MM-DD that exists", what, s);
		return -1;
	}
	return 0;
}

int cmd_workdays(int argc, char **argv)
{
	if (argc != 4) {
		return usage();
	}
	char out[DATE_STR_SIZE];
	if (strcmp(argv[1], "add") == 0) {
		hdate d;
		if (parse_date_arg("DATE", argv[2], &d)) {
			return EXIT_FAIL;
		}
		char *end;
		errno = 0;
		long n = strtol(argv[3], &end, 10);
		if (errno || end == argv[3] || *end || n < -MAX_SPAN || n > MAX_SPAN) {
			cli_fail("N: '%s' is not a whole number of working days between %d and %d", argv[3], -MAX_SPAN,
				 MAX_SPAN);
			return EXIT_FAIL;
		}
		hdate r = workdays_add(d, (int)n);
		int y, m, day;
		date_to_ymd(r, &y, &m, &day);
		if (!date_valid_ymd(y, m, day)) {
			cli_fail("N: the result falls outside the years 1900-2199");
			return EXIT_FAIL;
		}
		printf("%s\n", date_format(r, out));
		return EXIT_OK;
	}
	if (strcmp(argv[1], "between") == 0) {
		hdate a, b;
		if (parse_date_arg("D1", argv[2], &a) || parse_date_arg("D2", argv[3], &b)) {
			return EXIT_FAIL;
		}
		printf("%d\n", workdays_between(a, b));
		return EXIT_OK;
	}
	return usage();
}
