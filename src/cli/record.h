/* record: field options generated from entity descriptors, shared by `record` and
 * `child add`. Private to src/cli/. */
#ifndef HEARTH_CLI_RECORD_H
#define HEARTH_CLI_RECORD_H

#include <stdbool.h>

#include "base/arena.h"
#include "store/store.h"

/* A friendlier option for a field: {"--given", "given_name"}; lists end with {NULL}. */
struct record_alias {
	const char *option, *field;
};

const char *record_option_name(const struct field *f, struct arena *a);
/* Parses "--field value" pairs from argv[first..] into vals (given[] marks those set).
 * When reason is not NULL, --reason is accepted and stored there. */
int record_parse_fields(struct store *st, const struct entity *e, int argc, char **argv, int first,
			struct hval *vals, bool *given, const struct record_alias *aliases, struct arena *a,
			const char **reason, struct hearth_error *err);

#endif
