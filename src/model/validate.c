/* validate: see validate.h. */
#include "model/validate.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "model/codes.h"

bool validate_text(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		if (c < 0x80) {
			if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7f) {
				return false;
			}
			p++;
			continue;
		}
		int n;
		unsigned cp;
		if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		/* Reject overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
			return false;
		}
		p += n + 1;
	}
	return true;
}

static bool date_in_range(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return y >= 1900 && y <= 2199;
}

bool nhs_number_normalise(const char *s, char out[11])
{
	size_t n = 0;
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == ' ' || *p == '-') {
			continue;
		}
		if (*p < '0' || *p > '9' || n == 10) {
			return false;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == 10;
}

/* The NHS number's check digit (NHS Data Dictionary, "NHS number"): multiply each of the
 * first nine digits by a weight, 10 for the first down to 2 for the ninth, and add them;
 * take the remainder of the sum divided by 11; the check digit is 11 minus the remainder,
 * except that 11 becomes 0 and 10 means the number is not a valid NHS number at all.
 * Worked: 943 476 591|9: 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2
 *   = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299; 299 = 27x11 + 2; 11 - 2 = 9: valid. */
bool nhs_number_check(const char *d)
{
	if (!d || strlen(d) != 10 || strspn(d, "0123456789") != 10) {
		return false;
	}
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		sum += (d[i] - '0') * (10 - i);
	}
	int check = 11 - sum % 11;
	if (check == 10) {
		return false;
	}
	return (check == 11 ? 0 : check) == d[9] - '0';
}

static int check_field(const struct entity *e, const struct field *f, const struct hval *v,
		       struct hearth_error *err)
{
	if (v->null) {
		if (f->flags & F_REQUIRED) {
			return herr_set(err, HERR_INVALID, f->name, "required", "%s is required for a %s",
					f->label, e->label);
		}
		return 0;
	}
	switch (f->type) {
	case FT_STR:
	case FT_TEXT: {
		size_t max = f->type == FT_STR ? FIELD_STR_MAX : FIELD_TEXT_MAX;
		if (!v->s) {
			return herr_set(err, HERR_INVALID, f->name, "required", "%s is required", f->label);
		}
		if (!validate_text(v->s, f->type == FT_TEXT)) {
			return herr_set(err, HERR_INVALID, f->name, "text",
					"%s must be UTF-8 text without control characters", f->label);
		}
		if (strlen(v->s) > max) {
			return herr_set(err, HERR_INVALID, f->name, "length", "%s is longer than %zu characters",
					f->label, max);
		}
		if ((f->flags & F_REQUIRED) && v->s[strspn(v->s, " \t\r\n")] == '\0') {
			return herr_set(err, HERR_INVALID, f->name, "required", "%s is required for a %s",
					f->label, e->label);
		}
		if (f->flags & F_NHS) {
			char d[11];
			if (!nhs_number_normalise(v->s, d)) {
				return herr_set(err, HERR_INVALID, f->name, "nhs_format",
						"%s must be ten digits (spaces allowed)", f->label);
			}
			if (!nhs_number_check(d)) {
				return herr_set(err, HERR_INVALID, f->name, "nhs_check_digit",
						"%s %s does not pass its check digit: look at it again", f->label, v->s);
			}
		}
		return 0;
	}
	case FT_CODE:
		if (!v->s || !code_valid(f->arg, v->s)) {
			return herr_set(err, HERR_INVALID, f->name, "code",
					"'%s' is not a code in the %s list", v->s ? v->s : "", f->arg);
		}
		return 0;
	case FT_DATE:
		if (!date_in_range((hdate)v->i)) {
			return herr_set(err, HERR_INVALID, f->name, "date", "%s is outside the years 1900-2199",
					f->label);
		}
		return 0;
	case FT_INSTANT:
		if (!date_in_range(instant_date(v->i))) {
			return herr_set(err, HERR_INVALID, f->name, "date", "%s is outside the years 1900-2199",
					f->label);
		}
		return 0;
	case FT_BOOL:
		if (v->i != 0 && v->i != 1) {
			return herr_set(err, HERR_INVALID, f->name, "boolean", "%s must be yes or no", f->label);
		}
		return 0;
	case FT_REAL:
		if (!isfinite(v->r) || v->r < 0) {
			return herr_set(err, HERR_INVALID, f->name, "number", "%s must be a number, 0 or more",
					f->label);
		}
		return 0;
	case FT_INT:
		if (v->i < 0) {
			return herr_set(err, HERR_INVALID, f->name, "number", "%s must be 0 or more", f->label);
		}
		return 0;
	case FT_REF:
		if (v->i <= 0) {
			return herr_set(err, HERR_INVALID, f->name, "reference", "%s must name a %s", f->label,
					f->arg);
		}
		return 0;
	case FT_MAX:
		break;
	}
	return herr_set(err, HERR_INVALID, f->name, "type", "unknown field type");
}

int validate_field(const struct entity *e, int i, const struct hval *v, struct hearth_error *err)
{
	return check_field(e, &e->fields[i], v, err);
}

int validate_row(const struct entity *e, const struct hval *vals, struct hearth_error *err)
{
	for (int i = 0; i < e->n_fields; i++) {
		int rc = check_field(e, &e->fields[i], &vals[i], err);
		if (rc) {
			return rc;
		}
	}
	for (int i = 0; i < e->n_orders; i++) {
		const struct date_order *o = &e->orders[i];
		const struct hval *a = &vals[o->before], *b = &vals[o->after];
		if (!a->null && !b->null && b->i < a->i) {
			const struct field *fa = &e->fields[o->before], *fb = &e->fields[o->after];
			return herr_set(err, HERR_INVALID, fb->name, o->rule, "%s must not be before %s",
					fb->label, fa->label);
		}
	}
	return 0;
}

int value_parse(const struct field *f, const char *text, struct arena *a, struct hval *out,
		struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	if (!text || !*text) {
		out->null = true;
		return 0;
	}
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
	case FT_CODE: {
		/* An NHS number typed "943 476 5919" is kept as its ten digits, so that one
		 * number is one value (search, duplicates); anything else is left for the check. */
		char d[11];
		out->s = arena_strdup(a, (f->flags & F_NHS) && nhs_number_normalise(text, d) ? d : text);
		return 0;
	}
	case FT_DATE: {
		hdate d;
		if (date_parse(text, &d)) {
			return herr_set(err, HERR_INVALID, f->name, "date",
					"'%s' is not a date of the form YYYY-MM-DD that exists", text);
		}
		out->i = d;
		return 0;
	}
	case FT_INSTANT: {
		hinstant t;
		if (instant_parse(text, &t)) {
			return herr_set(err, HERR_INVALID, f->name, "instant",
					"'%s' is not a UTC time of the form YYYY-MM-DDTHH:MMZ", text);
		}
		out->i = t;
		return 0;
	}
	case FT_BOOL:
		if (!strcmp(text, "yes") || !strcmp(text, "true") || !strcmp(text, "1")) {
			out->i = 1;
		} else if (!strcmp(text, "no") || !strcmp(text, "false") || !strcmp(text, "0")) {
			out->i = 0;
		} else {
			return herr_set(err, HERR_INVALID, f->name, "boolean", "'%s' is not yes or no", text);
		}
		return 0;
	case FT_INT:
	case FT_REF: {
		char *end;
		errno = 0;
		long long n = strtoll(text, &end, 10);
		if (errno || *end || end == text) {
			return herr_set(err, HERR_INVALID, f->name, "number", "'%s' is not a whole number", text);
		}
		out->i = n;
		return 0;
	}
	case FT_REAL: {
		char *end;
		errno = 0;
		double r = strtod(text, &end);
		if (errno || *end || end == text) {
			return herr_set(err, HERR_INVALID, f->name, "number", "'%s' is not a number", text);
		}
		out->r = r;
		return 0;
	}
	case FT_MAX:
		break;
	}
	return herr_set(err, HERR_INVALID, f->name, "type", "unknown field type");
}

const char *value_text(const struct field *f, const struct hval *v, struct arena *a)
{
	if (v->null) {
		return "";
	}
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
	case FT_CODE:
		return v->s ? v->s : "";
	case FT_DATE: {
		char d[DATE_STR_SIZE];
		return arena_strdup(a, date_format((hdate)v->i, d));
	}
	case FT_INSTANT: {
		char t[INSTANT_STR_SIZE];
		return arena_strdup(a, instant_format(v->i, t));
	}
	case FT_BOOL:
		return v->i ? "yes" : "no";
	case FT_INT:
	case FT_REF:
		return arena_printf(a, "%lld", (long long)v->i);
	case FT_REAL:
		return arena_printf(a, "%g", v->r);
	case FT_MAX:
		break;
	}
	return "";
}
