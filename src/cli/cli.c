/* cli: option parsing and the helpers shared by subcommands; see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/threads.h"

static int parse_value(struct cli_opt *o, const char *v)
{
	switch (o->type) {
	case OPT_STR:
		*(const char **)o->out = v;
		return 0;
	case OPT_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (errno || end == v || *end) {
			cli_fail("%s: '%s' is not a whole number", o->name, v);
			return -1;
		}
		*(int64_t *)o->out = n;
		return 0;
	}
	case OPT_DATE:
		if (date_parse(v, (hdate *)o->out)) {
			cli_fail("%s: '%s' is not a date of the form YYYY-MM-DD that exists", o->name, v);
			return -1;
		}
		return 0;
	case OPT_FLAG:
		break;
	}
	return -1;
}

int cli_parse(int argc, char **argv, int first, struct cli_opt *opts, int n_opts, char **pos, int max_pos,
	      int *n_pos)
{
	*n_pos = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
			if (*n_pos >= max_pos) {
				cli_fail("unexpected argument '%s'", a);
				return -1;
			}
			pos[(*n_pos)++] = argv[i];
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		struct cli_opt *o = NULL;
		for (int k = 0; k < n_opts; k++) {
			if (strlen(opts[k].name) == len && strncmp(opts[k].name, a, len) == 0) {
				o = &opts[k];
			}
		}
		if (!o) {
			cli_fail("unknown option '%.*s'", (int)len, a);
			return -1;
		}
		if (o->seen) {
			cli_fail("%s given twice", o->name);
			return -1;
		}
		o->seen = true;
		if (o->type == OPT_FLAG) {
			if (eq) {
				cli_fail("%s takes no value", o->name);
				return -1;
			}
			*(bool *)o->out = true;
			continue;
		}
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!v) {
			cli_fail("%s needs a value", o->name);
			return -1;
		}
		if (parse_value(o, v)) {
			return -1;
		}
	}
	return 0;
}

int cli_format(const char *s, unsigned allowed, enum cli_format *out)
{
	static const char *const names[] = {"text", "json", "csv", "xlsx"};
	for (int i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0 && (allowed & (1u << i))) {
			*out = (enum cli_format)i;
			return 0;
		}
	}
	cli_fail("--format: '%s' is not one of the formats this command writes", s);
	return -1;
}

int cli_threads(int64_t opt)
{
	if (opt == 0 || opt < -1) {
		cli_fail("--threads: give a number of threads, 1 or more");
		return -1;
	}
	return opt < 0 ? threads_default() : opt > THREADS_MAX ? THREADS_MAX : (int)opt;
}

void cli_error(const struct hearth_error *err)
{
	char line[700];
	fprintf(stderr, "hearth: %s\n", herr_line(err, line, sizeof(line)));
}

void cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("hearth: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static char command_name[64] = "hearth";

void cli_set_command(const char *name)
{
	snprintf(command_name, sizeof(command_name), "cli:%s", name);
}

struct store *cli_open(const char *target, enum store_mode mode)
{
	struct store *st = NULL;
	struct hearth_error err = {0};
	if (store_open(target, mode, &st, &err)) {
		cli_error(&err);
		return NULL;
	}
	store_set_origin(st, command_name, "local");
	return st;
}

const char *cli_actor(void)
{
	static char actor[96];
	if (!actor[0]) {
		const char *name = getenv("USER");
		if (!name || !*name) {
			struct passwd *pw = getpwuid(getuid());
			name = pw ? pw->pw_name : "unknown";
		}
		snprintf(actor, sizeof(actor), "cli:%s", name);
	}
	return actor;
}

void cli_csv_field(FILE *f, const char *s)
{
	if (!s) {
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"') {
			fputc('"', f);
		}
		fputc(*s, f);
	}
	fputc('"', f);
}
