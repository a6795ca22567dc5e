/* validate: is this row, on its own, a possible record?
 *
 * Pure checks of one row against its entity descriptor: required fields present, text
 * valid UTF-8 without control characters and within its length, codes in their lists,
 * dates in the supported range, and the row's own dates in order. Checks that need other
 * rows (the child's birth date, references, uniqueness, reopening) belong to the store,
 * which calls this first. Each failure names the field and the rule. */
#ifndef HEARTH_MODEL_VALIDATE_H
#define HEARTH_MODEL_VALIDATE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/error.h"
#include "model/entity.h"

#define FIELD_STR_MAX 200
#define FIELD_TEXT_MAX 100000

/* 0 when the row is valid; HERR_INVALID with field and rule otherwise. */
int validate_row(const struct entity *e, const struct hval *vals, struct hearth_error *err);

/* The checks validate_row makes of field i alone (not the row's date order), so a caller
 * can name every field at fault, not only the first. */
int validate_field(const struct entity *e, int i, const struct hval *v, struct hearth_error *err);

/* True when s is valid UTF-8 with no NUL and no control characters (tab and newline are
 * allowed when multiline is true). */
bool validate_text(const char *s, bool multiline);

/* NHS numbers. nhs_number_normalise copies s into out without its spaces (and hyphens, as
 * some letters print it "943-476-5919"); false when what is left is not ten digits.
 * nhs_number_check says whether ten digits carry a valid modulus-11 check digit (see
 * validate.c for the working). Both pure. */
bool nhs_number_normalise(const char *s, char out[11]);
bool nhs_number_check(const char *digits10);

/* Parses a person's text for a field into a value: dates "YYYY-MM-DD", instants
 * "YYYY-MM-DDTHH:MMZ", booleans yes/no/true/false/1/0, numbers, codes as given. Empty text
 * is blank. The value's strings point into the arena. HERR_INVALID naming the field when
 * the text is not of the field's type (codes and lengths are left to validate_row). */
int value_parse(const struct field *f, const char *text, struct arena *a, struct hval *out,
		struct hearth_error *err);

/* The value as text for people and for the revision log ("" when blank); in the arena. */
const char *value_text(const struct field *f, const struct hval *v, struct arena *a);

#endif
