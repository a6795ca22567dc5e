/* chronology: every dated event in a child's record, in date order, generated.
 *
 * Each date in each row of the child's record becomes an event; a small table gives the
 * events their titles ("Referral received", "Episode in care began"), and every other
 * value in the row becomes its detail, with codes shown with their labels. Nothing is
 * typed by hand, so a new kind of record appears in the chronology as soon as it exists. */
#ifndef HEARTH_MODEL_CHRONOLOGY_H
#define HEARTH_MODEL_CHRONOLOGY_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "model/entity.h"

struct chron_detail {
	const char *label, *value;
};

struct chron_event {
	hdate date;
	hinstant at;		/* for instants (missing from/to); 0 otherwise */
	const char *entity;	/* table name */
	int64_t row_id;
	const char *title;
	struct chron_detail *details;
	size_t n_details;
};

struct chronology {
	struct chron_event *events;
	size_t n, cap;
};

/* Adds the events of one row (all in the arena). */
void chronology_add_row(struct chronology *c, const struct entity *e, int64_t id, const struct hval *v,
			struct arena *a);
/* Sorts by date (then instant, then entity order, then id): stable and the same on every run. */
void chronology_sort(struct chronology *c);

#endif
