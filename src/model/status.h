/* status: where a child stands on a date, worked out from the casefile.
 *
 * The order of precedence is the order of the enum: a child in care who also has an open
 * CP plan is "cla"; a care leaver is a young person who left care aged 16 or over after
 * being looked after (the eligibility rule simplified to: any period in care that ended on
 * or after the 16th birthday) and is under 21 (25 when the record shows education or
 * training). Pure: no I/O. */
#ifndef HEARTH_MODEL_STATUS_H
#define HEARTH_MODEL_STATUS_H

#include "model/casefile.h"

enum child_status { STATUS_CLA, STATUS_CP, STATUS_CIN, STATUS_LEAVER, STATUS_EARLY_HELP, STATUS_CLOSED,
		    STATUS_MAX };

enum child_status status_at(const struct casefile *cf, hdate on);
/* "cla", "cp", "cin", "leaver", "early_help", "closed". */
const char *status_code(enum child_status s);
/* "Child in care", ... */
const char *status_label(enum child_status s);
/* -1 when the text names no status. */
int status_parse(const char *code);

/* Helpers the clock and measures share: is the interval [start, end] open on day d?
 * end DATE_NONE means still open; an episode ending on d is not open on d (it ended). */
static inline bool cf_open_on(hdate start, hdate end, hdate d)
{
	return start != DATE_NONE && start <= d && (end == DATE_NONE || end > d);
}

/* The social worker allocated on d (0 when none); the number of distinct social workers
 * allocated at any time in the 12 months up to and including d. */
int64_t status_social_worker(const struct casefile *cf, hdate d);
int status_social_workers_12m(const struct casefile *cf, hdate d);

#endif
