/* cli: the command registry and what every subcommand shares.
 *
 * Each subcommand is one file cmd_<name>.c exporting `int cmd_<name>(int argc, char **argv)`
 * (argv[0] is the command name) and is listed once in commands.c; `hearth help` prints from
 * that table. Commands are thin: they parse options, call store / clock / measures, print.
 *
 * Exit codes: 0 success, 1 the work failed (bad input, a rule broken, I/O), 2 usage. */
#ifndef HEARTH_CLI_CLI_H
#define HEARTH_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* "DB [--as-at YYYY-MM-DD]" */
	const char *summary;	/* one line */
	bool hidden;		/* test-* commands */
};

extern const struct cli_command cli_commands[];
extern const int cli_command_count;

/* Options, declared as a table per command and parsed in one place. */
enum cli_opt_type { OPT_FLAG, OPT_STR, OPT_INT, OPT_DATE };

struct cli_opt {
	const char *name;	/* "--as-at" */
	enum cli_opt_type type;
	void *out;		/* bool*, const char**, int64_t*, hdate* */
	bool seen;		/* set by cli_parse */
};

/* Parses argv[first..] against opts; positional arguments are gathered into pos (at most
 * max_pos of them, count in *n_pos). Prints one line naming the option and the problem
 * and returns -1 on a bad option or value; 0 on success. Both "--opt value" and
 * "--opt=value" forms are accepted. */
int cli_parse(int argc, char **argv, int first, struct cli_opt *opts, int n_opts, char **pos, int max_pos,
	      int *n_pos);

enum cli_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV, FORMAT_XLSX };
/* Reads a --format value among those allowed (a bit mask of 1 << FORMAT_*). */
int cli_format(const char *s, unsigned allowed, enum cli_format *out);

/* Reads --threads N (opt: the value given, -1 when none): the number of threads, the online
 * CPUs when none was given, at most THREADS_MAX; -1 (with the message) when N is below 1. */
int cli_threads(int64_t opt);

/* Prints the hearth_error as one line on stderr: "hearth: field: message (rule: r)". */
void cli_error(const struct hearth_error *err);
void cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Names the running command, for the audit rows of what it changes ("cli:record"). */
void cli_set_command(const char *name);
/* Opens the record named on the command line, printing the error on failure; changes made
 * through it are audited as coming from the running command, address "local". */
struct store *cli_open(const char *target, enum store_mode mode);
/* The actor recorded on revisions made from the shell: "cli:" and the login name. */
const char *cli_actor(void);
/* Writes s as a CSV field (quoted when it holds a comma, quote or newline). */
void cli_csv_field(FILE *f, const char *s);

#endif
