/* cmd_demo: `hearth demo DB [--seed N] [--scale county|england] [--as-at YYYY-MM-DD]`.
 *
 * Makes a synthetic authority (src/demo) in a new record and prints a summary. The record
 * is generated into DB.tmp-<pid> and moved to DB only when complete, without replacing a
 * file that appeared meanwhile (link, then unlink); on any failure or interruption
 * (Ctrl-C) the temporary file and its -wal and -shm are removed, so DB either does not
 * exist or is whole. An existing DB is refused before any work and left untouched. A
 * postgresql:// target is written in place (the store refuses one that already holds a
 * record); if that fails, the message says the database must be dropped.
 *
 * Progress: on a terminal, one line on stderr rewritten in place (percent and children
 * written); nothing when stderr is not a terminal. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/demo_users.h"
#include "demo/demo.h"
#include "model/status.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress {
	bool tty;
	double last;
	int last_percent;
};

static int on_progress(void *ctx, double done, int64_t children)
{
	struct progress *p = ctx;
	if (p->tty) {
		int percent = (int)(done * 100);
		double t = now_seconds();
		if (percent != p->last_percent || t - p->last > 0.5) {
			fprintf(stderr, "\rhearth demo: %3d%%  %lld children", percent, (long long)children);
			fflush(stderr);
			p->last = t;
			p->last_percent = percent;
		}
	}
	return interrupted;
}

static void remove_temp(const char *tmp)
{
	char side[4200];
	unlink(tmp);
	snprintf(side, sizeof(side), "%s-wal", tmp);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", tmp);
	unlink(side);
}

/* Moves tmp to path unless path exists: link() refuses to replace, rename() would not.
 * The store checkpoints and removes its write-ahead log on close; a log left behind
 * would hold part of the record, so that is a failure rather than a half-made file. */
static int publish(const char *tmp, const char *path)
{
	char wal[4200];
	struct stat ws;
	snprintf(wal, sizeof(wal), "%s-wal", tmp);
	if (stat(wal, &ws) == 0 && ws.st_size > 0) {
		cli_fail("%s was not checkpointed; the record is incomplete", tmp);
		return -1;
	}
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST) {
		cli_fail("%s appeared while the demo was generated; left it alone", path);
		return -1;
	}
	struct stat sb;
	if (stat(path, &sb) == 0) {
		cli_fail("%s appeared while the demo was generated; left it alone", path);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		cli_fail("cannot move %s to %s: %s", tmp, path, strerror(errno));
		return -1;
	}
	return 0;
}

static void print_summary(const char *path, const struct demo_options *o, const struct demo_summary *s,
			  double seconds)
{
	char d[DATE_STR_SIZE];
	date_format(o->as_at, d);
	printf("hearth demo: %s, seed %llu, as at %s -> %s\n", demo_scale_name(o->scale), (unsigned long long)o->seed,
	       d, path);
	printf("time: %.1f s (%.0f rows a second)\n", seconds, seconds > 0 ? (double)s->rows / seconds : 0.0);
	printf("teams: %lld\n", (long long)s->teams);
	printf("workers: %lld (in post %lld)\n", (long long)s->workers, (long long)s->workers_active);
	printf("social workers: %lld case-holding in post, %lld agency (%.1f%%), %.1f FTE\n",
	       (long long)s->social_workers, (long long)s->social_workers_agency,
	       s->social_workers ? 100.0 * (double)s->social_workers_agency / (double)s->social_workers : 0.0,
	       s->case_holder_fte);
	printf("caseload: %lld children with a social worker, %.1f per case-holding FTE\n", (long long)s->sw_cases,
	       s->case_holder_fte > 0 ? (double)s->sw_cases / s->case_holder_fte : 0.0);
	printf("turnover: %lld case-holding social workers left in the last 12 months (%.1f%%)\n",
	       (long long)s->leavers_12m,
	       s->social_workers ? 100.0 * (double)s->leavers_12m / (double)s->social_workers : 0.0);
	printf("children: %lld\n", (long long)s->children);
	for (int i = 0; i < STATUS_MAX; i++) {
		printf("status %s: %lld\n", status_code((enum child_status)i), (long long)s->status[i]);
	}
	printf("children in need (cin + cp + cla): %lld\n",
	       (long long)(s->status[STATUS_CIN] + s->status[STATUS_CP] + s->status[STATUS_CLA]));
	printf("last 12 months: contacts %lld, referrals %lld (re-referrals %.1f%%), assessments %lld, s47 %lld, "
	       "cp plans %lld, entries to care %lld\n",
	       (long long)s->contacts_12m, (long long)s->referrals_12m,
	       s->referrals_12m ? 100.0 * (double)s->rereferrals_12m / (double)s->referrals_12m : 0.0,
	       (long long)s->assessments_12m, (long long)s->s47_12m, (long long)s->cp_starts_12m,
	       (long long)s->cla_starts_12m);
	printf("rows: %lld\n", (long long)s->rows);
	int col = 0;
	for (int i = 0; i < model_entity_count && i < 64; i++) {
		if (s->table_rows[i] <= 0) {
			continue;
		}
		printf("%s%-16s %9lld", col == 0 ? "  " : "   ", model_entities[i]->name, (long long)s->table_rows[i]);
		if (++col == 3) {
			printf("\n");
			col = 0;
		}
	}
	if (col) {
		printf("\n");
	}
}

int cmd_demo(int argc, char **argv)
{
	int64_t seed = 1;
	const char *scale = "county";
	hdate as_at = DATE_NONE;
	struct cli_opt opts[] = {
		{"--seed", OPT_INT, &seed, false},
		{"--scale", OPT_STR, &scale, false},
		{"--as-at", OPT_DATE, &as_at, false},
	};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 3, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth demo DB [--seed N] [--scale county|england] [--as-at YYYY-MM-DD]\n");
		return EXIT_USAGE;
	}
	int sc = demo_scale_parse(scale);
	if (sc < 0) {
		cli_fail("--scale: '%s' is not county or england", scale);
		return EXIT_USAGE;
	}
	if (seed < 0) {
		cli_fail("--seed: must be 0 or more");
		return EXIT_USAGE;
	}
	const char *path = pos[0];
	bool url = strstr(path, "://") != NULL;
	struct stat sb;
	if (!url && stat(path, &sb) == 0) {
		cli_fail("DB: %s already exists; Hearth will not overwrite a record", path);
		return EXIT_FAIL;
	}
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof(tmp)) {
		cli_fail("DB: the path is too long");
		return EXIT_USAGE;
	}
	const char *target = url ? path : tmp;
	struct demo_options o = {(uint64_t)seed, (enum demo_scale)sc, as_at != DATE_NONE ? as_at : date_today(),
				 on_progress, NULL};
	struct progress pr = {isatty(fileno(stderr)) == 1, 0, -1};
	o.progress_ctx = &pr;

	struct sigaction sa, old_int, old_term;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	double t0 = now_seconds();
	struct store *st = NULL;
	struct hearth_error err = {0};
	struct demo_summary sum;
	int rc = store_open(target, STORE_CREATE, &st, &err);
	bool opened = rc == 0;
	if (!rc) {
		rc = demo_generate(st, &o, &sum, &err);
	}
	if (!rc) {
		rc = demo_add_users(st, o.as_at, &err);
	}
	store_close(st);
	double seconds = now_seconds() - t0;
	if (pr.tty && pr.last_percent >= 0) {
		fprintf(stderr, "\r%60s\r", "");
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (rc) {
		cli_error(&err);
		if (!url) {
			remove_temp(tmp);
		} else if (opened) {
			cli_fail("%s now holds a partial demo record: drop the database before trying again", path);
		}
		return EXIT_FAIL;
	}
	if (!url && publish(tmp, path)) {
		remove_temp(tmp);
		return EXIT_FAIL;
	}
	print_summary(path, &o, &sum, seconds);
	return EXIT_OK;
}
