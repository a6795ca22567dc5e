/* cmd_feed: the DfE's daily children's social care API feed (feed/feed.h).
 *
 *   hearth feed DB --dry-run [--out FILE] [--format text|json]
 *       what would be delivered now (new, updated, purged children), sending and recording
 *       nothing; with --out, the payload that would be sent is written to FILE to look at
 *   hearth feed DB --out FILE
 *       the payload of every changed child written to FILE; they count as delivered
 *   hearth feed DB --send URL --config FILE
 *       POSTed to the API with OAuth2 client credentials read from FILE (never from the
 *       command line); "{la_code}" in URL becomes the la_code setting
 *   hearth feed DB --log [--format text|json]
 *       the submissions, newest first
 *
 * Exit 0 when the run did what it set out to (also when nothing had changed), 1 when it
 * failed or delivered only part (the log says which), 2 on a usage error. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "feed/feed.h"
#include "model/settings.h"
#include "store/feed.h"

static int usage(void)
{
	fprintf(stderr, "usage: hearth feed DB --dry-run [--out FILE] [--format text|json] | DB --out FILE | "
			"DB --send URL --config FILE | DB --log [--format text|json]\n");
	return EXIT_USAGE;
}

struct setting_src {
	struct store *st;
	struct arena *a;
};

static const char *get_setting(void *ctx, const char *key)
{
	struct setting_src *s = ctx;
	return store_setting(s->st, key, s->a);
}

static const char *state_word(char c)
{
	return c == 'n' ? "new" : c == 'u' ? "updated" : "purged";
}

struct listing {
	enum cli_format format;
	json_t *items;
};

static void on_item(void *ctx, char state, int64_t child_id, const char *la_child_id, const char *hash)
{
	struct listing *l = ctx;
	if (l->format == FORMAT_JSON) {
		json_array_append_new(l->items, json_pack("{s:s, s:I, s:s, s:s?}", "state", state_word(state), "child_id",
							  (json_int_t)child_id, "la_child_id", la_child_id, "hash",
							  hash && *hash ? hash : NULL));
	} else {
		printf("%-8s %-8lld %s\n", state_word(state), (long long)child_id, la_child_id);
	}
}

static int show_log(struct store *st, enum cli_format format)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct store_feed_submission *v;
	size_t n;
	if (store_feed_submissions(st, &a, &v, &n, &err)) {
		cli_error(&err);
		arena_free(&a);
		return EXIT_FAIL;
	}
	if (format == FORMAT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:I, s:I, s:I, s:I, s:I, s:s?, s:I, s:s?}", "id",
					      (json_int_t)v[i].id, "started_at", v[i].started_at, "finished_at",
					      v[i].finished_at, "mode", v[i].mode, "target", v[i].target, "actor", v[i].actor,
					      "new", (json_int_t)v[i].n_new, "updated", (json_int_t)v[i].n_updated, "purged",
					      (json_int_t)v[i].n_purged, "unchanged", (json_int_t)v[i].n_unchanged,
					      "delivered", (json_int_t)v[i].n_delivered, "outcome", v[i].outcome, "attempts",
					      (json_int_t)v[i].attempts, "message", v[i].message);
			json_object_set_new(o, "http_status", v[i].http_status ? json_integer(v[i].http_status) : json_null());
			json_array_append_new(arr, o);
		}
		json_dumpf(arr, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(arr);
	} else {
		printf("%-4s %-20s %-5s %-8s %6s %6s %6s %9s %9s %4s %4s  %s\n", "ID", "STARTED", "MODE", "OUTCOME", "NEW",
		       "UPD", "PURGE", "UNCHANGED", "DELIVERED", "HTTP", "REQ", "TARGET / MESSAGE");
		for (size_t i = 0; i < n; i++) {
			char http[8] = "-";
			if (v[i].http_status) {
				snprintf(http, sizeof(http), "%lld", (long long)v[i].http_status);
			}
			printf("%-4lld %-20s %-5s %-8s %6lld %6lld %6lld %9lld %9lld %4s %4lld  %s%s%s\n", (long long)v[i].id,
			       v[i].started_at ? v[i].started_at : "", v[i].mode ? v[i].mode : "", v[i].outcome ? v[i].outcome : "",
			       (long long)v[i].n_new, (long long)v[i].n_updated, (long long)v[i].n_purged,
			       (long long)v[i].n_unchanged, (long long)v[i].n_delivered, http, (long long)v[i].attempts,
			       v[i].target ? v[i].target : "", v[i].message ? " / " : "", v[i].message ? v[i].message : "");
		}
		printf("%zu submission%s\n", n, n == 1 ? "" : "s");
	}
	arena_free(&a);
	return EXIT_OK;
}

int cmd_feed(int argc, char **argv)
{
	const char *out = NULL, *url = NULL, *config = NULL, *format_name = "text";
	bool dry = false, log = false;
	struct cli_opt opts[] = {
		{"--out", OPT_STR, &out, false},      {"--send", OPT_STR, &url, false},
		{"--config", OPT_STR, &config, false}, {"--dry-run", OPT_FLAG, &dry, false},
		{"--log", OPT_FLAG, &log, false},      {"--format", OPT_STR, &format_name, false},
	};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	if (cli_parse(argc, argv, 1, opts, 6, pos, 1, &n_pos) || n_pos != 1 ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON), &format)) {
		return usage();
	}
	if ((dry + log + (out != NULL && !dry) + (url != NULL)) != 1 || (config && !url) || (opts[5].seen && !(dry || log))) {
		return usage();
	}
	if (url && !config) {
		cli_fail("--send: the client credentials come from a file: give --config FILE");
		return EXIT_USAGE;
	}
	if (url && !feed_url_allowed(url)) {
		cli_fail("--send: the URL must be https:// (http:// only to this machine)");
		return EXIT_USAGE;
	}
	struct feed_config conf = {0};
	struct hearth_error err = {0};
	if (config && feed_config_read(config, &conf, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	struct store *st = cli_open(pos[0], dry || log ? STORE_READ : STORE_WRITE);
	if (!st) {
		feed_config_free(&conf);
		return EXIT_FAIL;
	}
	if (log) {
		int rc = show_log(st, format);
		store_close(st);
		return rc;
	}
	struct arena a = ARENA_INIT;
	struct settings s;
	struct setting_src src = {st, &a};
	if (settings_load(&s, get_setting, &src, &err) > 0) {
		char line[700];
		fprintf(stderr, "hearth: warning: %s; the default is used\n", herr_line(&err, line, sizeof(line)));
		herr_clear(&err);
	}
	struct listing l = {format, format == FORMAT_JSON ? json_array() : NULL};
	struct feed_options o = {
		.mode = dry ? FEED_DRY_RUN : out ? FEED_FILE : FEED_SEND,
		.out_path = out,
		.url = url,
		.conf = &conf,
		.today = date_today(),
		.la_code = s.la_code,
		.actor = cli_actor(),
		.on_item = dry ? on_item : NULL,
		.ctx = &l,
	};
	struct feed_result r;
	int rc = feed_run(st, &o, &r, &err);
	if (dry && format == FORMAT_JSON && rc == 0) {
		json_t *doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "new", (json_int_t)r.n_new, "updated",
					(json_int_t)r.n_updated, "purged", (json_int_t)r.n_purged, "purge_stubs",
					(json_int_t)r.n_stubs, "unchanged", (json_int_t)r.n_unchanged, "children", l.items);
		l.items = NULL;
		json_dumpf(doc, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(doc);
	} else if (dry && rc == 0) {
		printf("would deliver: %lld new, %lld updated (%lld purge stubs), %lld purged; %lld unchanged\n",
		       (long long)r.n_new, (long long)r.n_updated, (long long)r.n_stubs, (long long)r.n_purged,
		       (long long)r.n_unchanged);
	} else if (!dry && r.submission_id) {
		char http[16] = "no answer";
		if (r.http_status) {
			snprintf(http, sizeof(http), "HTTP %ld", r.http_status);
		}
		printf("submission %lld %s: %lld new, %lld updated (%lld purge stubs), %lld purged; %lld unchanged; "
		       "%lld delivered",
		       (long long)r.submission_id, r.outcome, (long long)r.n_new, (long long)r.n_updated,
		       (long long)r.n_stubs, (long long)r.n_purged, (long long)r.n_unchanged, (long long)r.n_delivered);
		if (url) {
			printf("; %d request%s, last %s", r.attempts, r.attempts == 1 ? "" : "s", r.attempts ? http : "none");
		}
		putchar('\n');
	}
	json_decref(l.items);
	if (rc) {
		cli_error(&err);
	}
	feed_config_free(&conf);
	store_close(st);
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}
