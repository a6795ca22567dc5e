/* authorise: which saves need a manager's authorisation, as data (issue 15, part 2).
 *
 * Each point is a decision the service authorises: a kind of record, and the value of one
 * of its fields that makes a save that decision (the field becoming non-blank, or, with a
 * match list, taking one of the listed values). Which role authorises each point is a
 * local setting ("authorise_" + the point's key: a role name, or "none" when the point
 * needs nobody); the defaults are the team manager. A save that newly makes the decision,
 * by a role other than the one that authorises it, stands as "awaiting authorisation"
 * (src/work asks; the authorisation table holds the ask and its answer).
 *
 * dated_by_authorisation: the decision's date is the date it is authorised (the DfE's
 * completion date of an assessment is its authorisation date): authorising writes that
 * date into the field, and the measures read it from the authorisation. Static data. */
#ifndef HEARTH_MODEL_AUTHORISE_H
#define HEARTH_MODEL_AUTHORISE_H

#include <stdbool.h>

#include "model/entity.h"

struct authorise_point {
	const char *key;		/* "assessment_end" */
	const char *setting;		/* "authorise_assessment_end": names the authorising role */
	const char *label;		/* "End of an assessment" */
	const struct entity *e;
	int field;			/* the field whose value makes the save this decision */
	const char *match;		/* NULL: the field non-blank; else comma-separated values */
	bool dated_by_authorisation;
};

extern const struct authorise_point authorise_points[];
extern const int authorise_point_count;

/* The point called key, or NULL. */
const struct authorise_point *authorise_point_find(const char *key);

/* Whether row vals (of p->e; NULL: no row) makes p's decision. */
bool authorise_matches(const struct authorise_point *p, const struct hval *vals);

#endif
