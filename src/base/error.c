/* error: see error.h. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int herr_set(struct hearth_error *err, int code, const char *field, const char *rule,
	     const char *fmt, ...)
{
	if (!err) {
		return code;
	}
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	snprintf(err->rule, sizeof(err->rule), "%s", rule ? rule : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void herr_clear(struct hearth_error *err)
{
	if (err) {
		memset(err, 0, sizeof(*err));
	}
}

const char *herr_line(const struct hearth_error *err, char *out, unsigned size)
{
	if (err->field[0] && err->rule[0]) {
		snprintf(out, size, "%s: %s (rule: %s)", err->field, err->message, err->rule);
	} else if (err->field[0]) {
		snprintf(out, size, "%s: %s", err->field, err->message);
	} else {
		snprintf(out, size, "%s", err->message);
	}
	return out;
}
