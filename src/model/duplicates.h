/* duplicates: how likely two children's records are to be the same child, and why.
 *
 * Pure: the caller hands each child's identifying facts (and the people recorded as its
 * parents); dup_score compares two and dup_find compares every pair worth comparing in a
 * set, without reading the record. The name matching is model/similar.h's (the same the new
 * child's page uses), extended here for hyphenated family names. The reasons, strongest
 * first, and their scores:
 *   - the same consistent identifier (the setting consistent_identifier; by default the
 *     NHS number): 100;
 *   - the same NHS number, when it is not the consistent identifier: 95;
 *   - the same UPN: 90;
 *   - the same date of birth and similar names (both names, or the two swapped, or one
 *     part of a hyphenated family name): 80 with the same spelling, 70 when alike only;
 *   - an unborn child's expected date within DUP_BIRTH_WINDOW days of the other's birth
 *     (or expected) date, with a parent in common (a person both have as mother or father
 *     in their relationship rows): 75.
 * A pair's score is its strongest reason's plus 5 for each further one, at most 100. */
#ifndef HEARTH_MODEL_DUPLICATES_H
#define HEARTH_MODEL_DUPLICATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"

#define DUP_BIRTH_WINDOW 42	/* days: an expected date is rarely six weeks out */

/* The facts compared, one child. Strings NULL or "" when not known. */
struct dup_child {
	int64_t id;
	const char *la_child_id, *given_name, *family_name, *upn, *nhs_number;
	const char *identifier;	/* the consistent identifier's value, whichever field it is */
	hdate dob;		/* DATE_NONE when unborn */
	hdate expected_dob;
	const int64_t *parents;	/* person ids of its mother and father rows, sorted */
	size_t n_parents;
};

enum dup_reason {
	DUP_SAME_IDENTIFIER = 1 << 0,
	DUP_SAME_NHS = 1 << 1,
	DUP_SAME_UPN = 1 << 2,
	DUP_DOB_SAME_NAME = 1 << 3,	/* the same date of birth, the same names */
	DUP_DOB_SIMILAR_NAME = 1 << 4,	/* the same date of birth, names alike */
	DUP_DOB_SWAPPED_NAME = 1 << 5,	/* ... given and family the wrong way round */
	DUP_UNBORN_PARENT = 1 << 6,	/* an expected date near a birth, a parent in common */
};
#define DUP_REASONS 7

/* The reason as people read it ("the same NHS number"), and as a word for JSON. */
const char *dup_reason_text(enum dup_reason r);
const char *dup_reason_key(enum dup_reason r);

/* The pair's score (0: not a likely pair) and its reasons (a bitmask of enum dup_reason).
 * identifier_is_nhs: the consistent identifier is the NHS number (the two reasons are one). */
int dup_score(const struct dup_child *a, const struct dup_child *b, bool identifier_is_nhs, unsigned *reasons);

/* One likely pair: a's id lower than b's. */
struct dup_pair {
	const struct dup_child *a, *b;
	int score;
	unsigned reasons;
};

/* Every likely pair among the n children (in the arena), strongest first (then by the
 * ids), skipping the pairs for which skip(ctx, a_id, b_id) says true (judged not the same
 * child). Only pairs sharing an identifier, a date of birth or a date near an unborn
 * child's are compared, so a county's children take a moment, not n squared. */
typedef bool (*dup_skip_fn)(void *ctx, int64_t a_id, int64_t b_id);
size_t dup_find(const struct dup_child *children, size_t n, bool identifier_is_nhs, dup_skip_fn skip, void *ctx,
		struct arena *a, struct dup_pair **out);

#endif
