/* error: what went wrong, in words a person can act on.
 *
 * Functions return 0 on success or a negative HERR_* code, and fill a struct hearth_error
 * (when the caller passes one) naming the field and the rule that failed. The CLI prints
 * it as one line; the API will send it as {"error", "field", "rule"}. */
#ifndef HEARTH_BASE_ERROR_H
#define HEARTH_BASE_ERROR_H

enum herr {
	HERR_OK = 0,
	HERR_INVALID = -1,	/* input broke a rule: field and rule say which */
	HERR_NOT_FOUND = -2,	/* no such record (or not one the caller may see) */
	HERR_CONFLICT = -3,	/* the record changed or the change clashes with what is stored */
	HERR_IO = -4,		/* the database or a file failed */
	HERR_DENIED = -5,	/* not permitted */
};

struct hearth_error {
	int code;
	char field[64];
	char rule[64];
	char message[512];
};

/* Fills err (when not NULL) and returns code, so callers can `return herr_set(...)`. */
int herr_set(struct hearth_error *err, int code, const char *field, const char *rule,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void herr_clear(struct hearth_error *err);
/* One line: "field: message (rule)" or just the message when no field is named. */
const char *herr_line(const struct hearth_error *err, char *out, unsigned size);

#endif
