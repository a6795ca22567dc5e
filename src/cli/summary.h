/* summary: children by status and the record's size, printed by `hearth summary` and at
 * the end of `hearth demo`. */
#ifndef HEARTH_CLI_SUMMARY_H
#define HEARTH_CLI_SUMMARY_H

#include "model/status.h"
#include "store/store.h"

struct summary_counts {
	hdate as_at;
	int64_t children;
	int64_t by_status[STATUS_MAX];
};

/* Prints the summary to stdout; 0 or an error from the store. */
int summary_print(struct store *st, hdate as_at, struct hearth_error *err);

#endif
