/* resolve: turning what a person types into record ids.
 *
 * A child is named by LA child id (or, failing that, the internal number); a worker by
 * staff id; a team by name; anything else by its internal number. */
#ifndef HEARTH_CLI_RESOLVE_H
#define HEARTH_CLI_RESOLVE_H

#include "store/store.h"

/* 0 and *id set, or an error naming the field. */
int resolve_ref(struct store *st, const char *entity, const char *text, int64_t *id, struct hearth_error *err);

#endif
