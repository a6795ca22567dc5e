/* duplicates (work): the likely pairs a person may see, for the command line and the web
 * alike: the children in their scope (store_dup_children), judged by model/duplicates,
 * less the pairs marked "not the same child" (store_not_duplicates), with the consistent
 * identifier the setting names. */
#ifndef HEARTH_WORK_DUPLICATES_H
#define HEARTH_WORK_DUPLICATES_H

#include "base/arena.h"
#include "base/error.h"
#include "model/duplicates.h"
#include "store/store.h"

/* The consistent identifier in force (the setting, else its default), in the arena. */
const char *work_consistent_identifier(struct store *st, struct arena *a);

/* The likely pairs among the children in sc (NULL: every child, for the shell), strongest
 * first, in the arena. */
int work_duplicates(struct store *st, const struct store_scope *sc, struct arena *a, struct dup_pair **out,
		    size_t *n_out, struct hearth_error *err);

#endif
