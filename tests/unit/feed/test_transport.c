/* The DfE feed's configuration file (src/feed/transport.c): read, checked, refused. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed/transport.h"

static char path[64];

static void write_conf(const char *text, mode_t mode)
{
	snprintf(path, sizeof(path), "/tmp/hearth-feed-conf-%d", (int)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

#define GOOD "token_url = https://dfe.example/token\nclient_id = id\nclient_secret = s3cret\n"

static void read_with_defaults(void **state)
{
	(void)state;
	struct feed_config c;
	struct hearth_error err = {0};
	write_conf("# a comment\n\n" GOOD "batch_size = 7\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), 0);
	assert_string_equal(c.client_secret, "s3cret");
	assert_null(c.scope);
	assert_int_equal(c.batch_size, 7);
	assert_int_equal(c.retries, 5);
	assert_int_equal(c.backoff_ms, 5000);
	assert_int_equal(c.timeout_seconds, 60);
	feed_config_free(&c);
	unlink(path);
}

static void refusals(void **state)
{
	(void)state;
	struct feed_config c;
	struct hearth_error err = {0};
	write_conf(GOOD, 0644);	/* others may read the secret */
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "private");
	write_conf(GOOD "colour = blue\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "unknown_key");
	write_conf("token_url = https://dfe.example/token\nclient_id = id\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "required");
	write_conf(GOOD "retries = 11\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "range");
	write_conf("token_url = http://dfe.example/token\nclient_id = id\nclient_secret = s\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "https");
	/* No message names the secret. */
	write_conf(GOOD "client_secret = again\n", 0600);
	assert_int_equal(feed_config_read(path, &c, &err), HERR_INVALID);
	assert_string_equal(err.rule, "repeated_key");
	assert_null(strstr(err.message, "s3cret"));
	unlink(path);
}

static void urls(void **state)
{
	(void)state;
	assert_true(feed_url_allowed("https://api.education.gov.uk/x"));
	assert_true(feed_url_allowed("http://127.0.0.1:8080/token"));
	assert_true(feed_url_allowed("http://localhost/token"));
	assert_false(feed_url_allowed("http://localhost.evil.example/token"));
	assert_false(feed_url_allowed("http://dfe.example/token"));
	assert_false(feed_url_allowed("ftp://dfe.example/"));
	assert_false(feed_url_allowed("https://"));
}

struct waits {
	long ms[16];
	int n;
};

static void record_wait(void *ctx, long ms)
{
	struct waits *w = ctx;
	if (w->n < 16) {
		w->ms[w->n++] = ms;
	}
}

/* No answer (a refused connection: port 1 on this machine) is tried again, after waits that
 * double from backoff_ms up to backoff_max_ms; the waits are counted, not slept. */
static void backoff_doubles_to_its_cap(void **state)
{
	(void)state;
	struct feed_config c = {.token_url = "http://127.0.0.1:1/token", .client_id = "id", .client_secret = "s",
				.timeout_seconds = 5, .retries = 4, .backoff_ms = 100, .backoff_max_ms = 300,
				.batch_size = 1};
	struct waits w = {0};
	struct feed_session s = {.conf = &c, .sleep_ms = record_wait, .sleep_ctx = &w};
	struct hearth_error err = {0};
	assert_int_equal(feed_token(&s, &err), HERR_IO);
	assert_string_equal(err.rule, "unavailable");
	assert_int_equal(s.attempts, 5);	/* the first try and 4 retries */
	assert_int_equal(w.n, 4);
	assert_int_equal(w.ms[0], 100);
	assert_int_equal(w.ms[1], 200);
	assert_int_equal(w.ms[2], 300);	/* 400, capped */
	assert_int_equal(w.ms[3], 300);
	assert_int_equal(s.last_status, 0);
	feed_session_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_with_defaults),
		cmocka_unit_test(refusals),
		cmocka_unit_test(urls),
		cmocka_unit_test(backoff_doubles_to_its_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
