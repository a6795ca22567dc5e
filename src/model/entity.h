/* entity: every kind of record Hearth keeps, described as data.
 *
 * One descriptor per table names its columns in order with their type, code list and
 * flags. The store builds its statements from these descriptors (never from input), the
 * validator checks every written row against them, and the chronology renders from them.
 * Column positions are reached through generated enums (VISIT_DATE, CHILD_DOB...), never
 * bare numbers. The migrations in src/store/migrations must declare the same columns;
 * tests/unit/store/test_schema.c checks that they do. */
#ifndef HEARTH_MODEL_ENTITY_H
#define HEARTH_MODEL_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/entities.def.h"

enum field_type {
	FT_STR,		/* short text: names, identifiers (at most 200 characters) */
	FT_TEXT,	/* free text: what a child said, a case note (at most 100,000) */
	FT_CODE,	/* a value from the code list named in arg */
	FT_DATE,	/* civil date, stored "YYYY-MM-DD" */
	FT_INSTANT,	/* UTC instant, stored "YYYY-MM-DDTHH:MM:SSZ" */
	FT_BOOL,	/* 0 or 1 */
	FT_INT,
	FT_REAL,
	FT_REF,		/* the id of a row of the entity named in arg */
	FT_MAX
};

enum field_flag {
	F_REQUIRED = 1 << 0,	/* may not be blank */
	F_PERSONAL = 1 << 1,	/* identifies a person: never logged, masked in exports */
	F_CLOSES = 1 << 2,	/* an end date: clearing it once set (reopening) needs a reason */
	F_PREBIRTH = 1 << 3,	/* may precede the child's birth when an expected date is held */
	F_UNIQUE = 1 << 4,	/* unique among live rows (e.g. LA child id) */
	F_EVENT = 1 << 5,	/* the date (or instant) of something that has happened: a record
				 * saved through src/work may not put it after today. Dates that
				 * may be planned (a school place from September, an allocation
				 * from Monday, a due date) do not carry it. */
	F_AUTHOR = 1 << 6,	/* the worker who did or wrote it (visited by, written by): a
				 * person records as themselves unless their role may record for
				 * others (roles.h: role_records_for) */
	F_NHS = 1 << 7,		/* an NHS number: ten digits, the last its modulus-11 check digit
				 * (validate.h: nhs_number_check); typed with spaces, kept without */
};

struct field {
	const char *name;	/* column name */
	enum field_type type;
	const char *arg;	/* FT_CODE: code list; FT_REF: entity name; else NULL */
	unsigned flags;
	const char *label;	/* for people: "Date of birth" */
};

/* One value of one field. Dates and instants live in i (hdate / hinstant), booleans and
 * integers and references in i, reals in r, text and codes in s. null marks blank. */
struct hval {
	bool null;
	int64_t i;
	double r;
	const char *s;
};

/* A rule that one date must not be after another in the same row (start <= end). */
struct date_order {
	int before, after;	/* field indexes */
	const char *rule;	/* rule name reported on failure */
};

struct entity {
	const char *name;	/* table name */
	const char *label;	/* "visit" */
	const struct field *fields;
	int n_fields;
	int child_field;	/* index of the child_id field, or -1 */
	const struct date_order *orders;
	int n_orders;
};

#define ENUM_FIELD(E, N, col, type, arg, flags, label) E##_##N,
#define X_ENTITY(e, E, label) enum { E##_FIELDS(ENUM_FIELD) E##__COUNT };
HEARTH_ENTITIES(X_ENTITY)
#undef X_ENTITY

#define X_ENTITY(e, E, label) extern const struct entity entity_##e;
HEARTH_ENTITIES(X_ENTITY)
#undef X_ENTITY

extern const struct entity *const model_entities[];
extern const int model_entity_count;

/* The entity with this table name, or NULL. */
const struct entity *entity_find(const char *name);
/* The index of the named field, or -1. */
int entity_field_index(const struct entity *e, const char *name);
/* The hint a form shows under the field's label (HEARTH_FIELD_HINTS in entities.def.h),
 * or NULL when it has none. Static data. */
const char *entity_field_hint(const struct entity *e, int field);
/* The field whose value decides whether a form shows `field` (HEARTH_FIELD_SHOWN_WHEN), with
 * the values that show it ("P,T,U,B") in *values; -1 when the field is always shown. */
int entity_field_shown_when(const struct entity *e, int field, const char **values);
/* Whether value is one of values ("P,T,U,B"). */
bool entity_value_among(const char *values, const char *value);

/* The kind whose rows join a row of e to a child (HEARTH_LINKED_KINDS: a person's is the
 * relationship), with the index of its field naming e in *field; NULL when e has none. */
const struct entity *entity_link(const struct entity *e, int *field);

#endif
