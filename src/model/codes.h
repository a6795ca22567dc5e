/* codes: every code list Hearth uses, held as data.
 *
 * A code list is a named, fixed set of values a coded field may hold ("legal_status":
 * C1, C2, ...), each with a plain-English label for staff and the collection years in
 * which the code is valid. Statutory lists (SSDA903, CIN census, workforce census) carry
 * the DfE's codes exactly; local lists carry Hearth's own lower-case codes. The tables
 * live in codes.c and nowhere else: change a code or a label there and every screen,
 * validator and return follows.
 *
 * Invariants (tests/unit/model/test_codes.c checks them):
 *   - model_codelists[] is sorted by name (strcmp order) and names are unique;
 *   - every list has at least one code; codes are unique within a list;
 *   - every code and every label is a non-empty string;
 *   - from_year <= to_year whenever both are set.
 * Years are collection years: the year in which the return's year ends on 31 March
 * (2025 = 1 April 2024 to 31 March 2025). 0 means open-ended on that side.
 *
 * Everything here is static, read-only data: nothing is allocated, nothing needs freeing,
 * and all functions are safe to call from any thread. */
#ifndef HEARTH_MODEL_CODES_H
#define HEARTH_MODEL_CODES_H

#include <stdbool.h>
#include <stddef.h>

struct code {
	const char *code;	/* the value stored and exchanged, e.g. "C2" */
	const char *label;	/* plain English for staff, e.g. "Full care order" */
	int from_year, to_year;	/* collection years (year ending 31 March) the code is valid in;
				 * 0 = open-ended */
};

struct codelist {
	const char *name;		/* e.g. "legal_status" */
	const char *description;	/* one line */
	const struct code *codes;
	size_t n;
};

/* All lists, sorted by name. */
extern const struct codelist model_codelists[];
extern const size_t model_codelist_count;

/* The list called name, or NULL when there is none (or name is NULL). Binary search over
 * the sorted table; the result points into static data. */
const struct codelist *codelist_find(const char *name);

/* The entry for code in list, or NULL when absent (or either argument is NULL). Exact,
 * case-sensitive match; linear over the list, which is short. Points into static data. */
const struct code *code_find(const struct codelist *list, const char *code);

/* True when list names a known list and code is in it, whatever the year. False for an
 * unknown list, an absent code, or a NULL argument. */
bool code_valid(const char *list, const char *code);

/* The label of code in list. When the list or code is unknown, the code itself (so a
 * caller can always print something); NULL only when code is NULL. Static data; do not
 * free. */
const char *code_label(const char *list, const char *code);

/* True when c is valid in collection year (year ending 31 March): from_year <= year
 * (or from_year is 0) and year <= to_year (or to_year is 0). False for a NULL c. */
bool code_in_year(const struct code *c, int year);

/* code_valid() and code_in_year() together: false for an unknown list or code, or a code
 * that was added after year or withdrawn before it. */
bool code_valid_in_year(const char *list, const char *code, int year);

#endif
