/* test.h: what every cmocka test includes, in the order cmocka needs. */
#ifndef HEARTH_TEST_H
#define HEARTH_TEST_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/date.h"

/* A date from its parts, for readable tests. */
static inline hdate D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}
#endif
