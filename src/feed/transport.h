/* feed/transport: talking to the DfE's CSC API over HTTPS (libcurl): the configuration
 * file with the OAuth2 client credentials, the token, and a POST retried with exponential
 * backoff when the answer is a 5xx, a 429 or none at all (a timeout, a refused connection).
 *
 * The configuration file (never the command line, where secrets show in `ps` and in the
 * shell's history) holds "key = value" lines, '#' comments and blank lines:
 *   token_url      the OAuth2 token endpoint                       (required)
 *   client_id      the client id                                   (required)
 *   client_secret  the client secret                               (required)
 *   scope          the scope asked for                             (optional)
 *   supplier_key   sent as the SupplierKey header                  (optional)
 *   timeout_seconds  per request, 1-600 (60)
 *   retries        further tries after a failed one, 0-10 (5)
 *   backoff_ms     the first wait, doubling each time, 1-600000 (5000)
 *   backoff_max_ms the longest wait, 1-3600000 (60000)
 *   batch_size     children per request, 1-1000 (100)
 * It must be readable by its owner only (mode 0600 or stricter): a secret in a file others
 * can read is refused. http:// is refused except to this machine (tests). */
#ifndef HEARTH_FEED_TRANSPORT_H
#define HEARTH_FEED_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

struct feed_config {
	char *token_url, *client_id, *client_secret, *scope, *supplier_key;
	int timeout_seconds, retries, backoff_ms, backoff_max_ms, batch_size;
};

/* Reads and checks the file. HERR_INVALID names the line or key at fault (never a value). */
int feed_config_read(const char *path, struct feed_config *c, struct hearth_error *err);
void feed_config_free(struct feed_config *c);
/* Whether url may carry credentials: https://, or http:// to localhost / 127.0.0.1 / [::1]. */
bool feed_url_allowed(const char *url);

/* A session: the configuration, the token while it lasts, and what was asked. */
struct feed_session {
	const struct feed_config *conf;
	char *token;
	int attempts;		/* HTTP requests made */
	long last_status;	/* the last answer's status, 0 when none came */
	char last_error[256];	/* what went wrong last, for the log (no secrets) */
	/* How to wait between tries (tests may count instead of sleeping); NULL: nanosleep. */
	void (*sleep_ms)(void *ctx, long ms);
	void *sleep_ctx;
};

/* An answer: status 0 when none came; body malloc'd (NUL-terminated), the caller frees. */
struct feed_answer {
	long status;
	char *body;
	size_t len;
};

/* Gets a token with the client credentials, retrying as above. 0, or HERR_DENIED when the
 * token endpoint refused (a 4xx: wrong credentials; not retried), HERR_IO when it did not
 * answer well after every try. */
int feed_token(struct feed_session *s, struct hearth_error *err);
/* POSTs a JSON body to url with the token (fetched when there is none; fetched once again
 * after a 401), retrying as above. 0 with the 2xx answer in ans; HERR_DENIED on a 4xx other
 * than 429 (ans holds it); HERR_IO when every try failed. */
int feed_post(struct feed_session *s, const char *url, const char *body, size_t len, struct feed_answer *ans,
	      struct hearth_error *err);
void feed_session_end(struct feed_session *s);

#endif
