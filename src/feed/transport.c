/* transport: the CSC API over HTTPS with libcurl (feed/transport.h). */
#include "feed/transport.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define ANSWER_MAX (4u << 20)	/* more than any answer of ids for a batch */

/* The keys of the file: name, where the value goes, the range of a number. */
struct conf_key {
	const char *name;
	size_t text_off;	/* offsetof a char * member, or (size_t)-1 */
	size_t int_off;		/* offsetof an int member, or (size_t)-1 */
	int min, max, dflt;
	bool required;
};

#define TEXT_KEY(name, req) {#name, offsetof(struct feed_config, name), (size_t)-1, 0, 0, 0, req}
#define INT_KEY(name, lo, hi, d) {#name, (size_t)-1, offsetof(struct feed_config, name), lo, hi, d, false}

static const struct conf_key conf_keys[] = {
	TEXT_KEY(token_url, true),
	TEXT_KEY(client_id, true),
	TEXT_KEY(client_secret, true),
	TEXT_KEY(scope, false),
	TEXT_KEY(supplier_key, false),
	INT_KEY(timeout_seconds, 1, 600, 60),
	INT_KEY(retries, 0, 10, 5),
	INT_KEY(backoff_ms, 1, 600000, 5000),
	INT_KEY(backoff_max_ms, 1, 3600000, 60000),
	INT_KEY(batch_size, 1, 1000, 100),
};
#define N_KEYS (sizeof(conf_keys) / sizeof(conf_keys[0]))

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) {
		s[--n] = '\0';
	}
	return s;
}

bool feed_url_allowed(const char *url)
{
	if (!url) {
		return false;
	}
	if (strncasecmp(url, "https://", 8) == 0) {
		return url[8] != '\0';
	}
	static const char *const local[] = {"http://localhost", "http://127.0.0.1", "http://[::1]"};
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		size_t n = strlen(local[i]);
		if (strncasecmp(url, local[i], n) == 0 && (url[n] == ':' || url[n] == '/' || url[n] == '\0')) {
			return true;
		}
	}
	return false;
}

void feed_config_free(struct feed_config *c)
{
	for (size_t i = 0; i < N_KEYS; i++) {
		if (conf_keys[i].text_off != (size_t)-1) {
			char **p = (char **)((char *)c + conf_keys[i].text_off);
			if (*p) {
				memset(*p, 0, strlen(*p));	/* the secret does not linger */
				free(*p);
				*p = NULL;
			}
		}
	}
}

int feed_config_read(const char *path, struct feed_config *c, struct hearth_error *err)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < N_KEYS; i++) {
		if (conf_keys[i].int_off != (size_t)-1) {
			*(int *)((char *)c + conf_keys[i].int_off) = conf_keys[i].dflt;
		}
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		return herr_set(err, HERR_IO, "config", "unreadable", "cannot read %s: %s", path, strerror(errno));
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077)) {
		fclose(f);
		return herr_set(err, HERR_INVALID, "config", "private",
				"%s holds a client secret and others may read or change it (mode %03o): chmod 600 it",
				path, (unsigned)(sb.st_mode & 0777));
	}
	char line[4096];
	int lineno = 0, rc = 0;
	bool seen[N_KEYS] = {0};
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#') {
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			rc = herr_set(err, HERR_INVALID, "config", "syntax", "%s line %d: not of the form key = value", path,
				      lineno);
			break;
		}
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		size_t k = 0;
		while (k < N_KEYS && strcmp(conf_keys[k].name, key) != 0) {
			k++;
		}
		if (k == N_KEYS) {
			rc = herr_set(err, HERR_INVALID, "config", "unknown_key", "%s line %d: unknown key '%.60s'", path,
				      lineno, key);
		} else if (seen[k]) {
			rc = herr_set(err, HERR_INVALID, "config", "repeated_key", "%s line %d: %s given twice", path, lineno,
				      key);
		} else if (conf_keys[k].text_off != (size_t)-1) {
			seen[k] = true;
			*(char **)((char *)c + conf_keys[k].text_off) = strdup(value);
		} else {
			seen[k] = true;
			char *end;
			errno = 0;
			long v = strtol(value, &end, 10);
			if (errno || end == value || *end || v < conf_keys[k].min || v > conf_keys[k].max) {
				rc = herr_set(err, HERR_INVALID, "config", "range", "%s line %d: %s must be a whole number %d-%d",
					      path, lineno, key, conf_keys[k].min, conf_keys[k].max);
			} else {
				*(int *)((char *)c + conf_keys[k].int_off) = (int)v;
			}
		}
	}
	memset(line, 0, sizeof(line));
	fclose(f);
	for (size_t k = 0; rc == 0 && k < N_KEYS; k++) {
		if (conf_keys[k].required && (!seen[k] || !**(char **)((char *)c + conf_keys[k].text_off))) {
			rc = herr_set(err, HERR_INVALID, "config", "required", "%s: %s is required", path, conf_keys[k].name);
		}
	}
	if (rc == 0 && !feed_url_allowed(c->token_url)) {
		rc = herr_set(err, HERR_INVALID, "config", "https", "%s: token_url must be https:// (http:// only to this machine)",
			      path);
	}
	if (rc) {
		feed_config_free(c);
	}
	return rc;
}

/* ---- HTTP ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct feed_answer *a = ctx;
	size_t len = size * n;
	if (a->len + len > ANSWER_MAX) {
		return 0;	/* too much: the transfer fails */
	}
	char *grown = realloc(a->body, a->len + len + 1);
	if (!grown) {
		return 0;
	}
	a->body = grown;
	memcpy(a->body + a->len, p, len);
	a->len += len;
	a->body[a->len] = '\0';
	return len;
}

/* One POST; ans->status 0 when no answer came (s->last_error says why). */
static void post_once(struct feed_session *s, const char *url, const char *content_type, const char *body,
		      size_t len, bool bearer, struct feed_answer *ans)
{
	pthread_once(&curl_once, curl_start);
	free(ans->body);
	memset(ans, 0, sizeof(*ans));
	s->attempts++;
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(s->last_error, sizeof(s->last_error), "cannot start an HTTP client");
		s->last_status = 0;
		return;
	}
	struct curl_slist *hdr = NULL;
	char line[4200];
	snprintf(line, sizeof(line), "Content-Type: %s", content_type);
	hdr = curl_slist_append(hdr, line);
	hdr = curl_slist_append(hdr, "Accept: application/json");
	hdr = curl_slist_append(hdr, "Expect:");	/* no wait for "100 Continue" before a large body */
	if (bearer && s->token) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", s->token);
		hdr = curl_slist_append(hdr, line);
	}
	if (bearer && s->conf->supplier_key) {
		snprintf(line, sizeof(line), "SupplierKey: %s", s->conf->supplier_key);
		hdr = curl_slist_append(hdr, line);
	}
	memset(line, 0, sizeof(line));
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)s->conf->timeout_seconds);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, ans);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "hearth-feed");
	CURLcode rc = curl_easy_perform(h);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ans->status);
		snprintf(s->last_error, sizeof(s->last_error), "HTTP %ld", ans->status);
	} else {
		ans->status = 0;
		snprintf(s->last_error, sizeof(s->last_error), "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
	}
	s->last_status = ans->status;
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
}

static bool retryable(long status)
{
	return status == 0 || status == 429 || status >= 500;
}

static void wait_before(struct feed_session *s, int attempt)
{
	long ms = s->conf->backoff_ms;
	for (int i = 0; i < attempt && ms < s->conf->backoff_max_ms; i++) {
		ms *= 2;
	}
	if (ms > s->conf->backoff_max_ms) {
		ms = s->conf->backoff_max_ms;
	}
	if (s->sleep_ms) {
		s->sleep_ms(s->sleep_ctx, ms);
		return;
	}
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) == -1 && errno == EINTR) {
	}
}

/* POSTs, retrying what may pass on a later try; the last answer in ans. */
static void post_retried(struct feed_session *s, const char *url, const char *content_type, const char *body,
			 size_t len, bool bearer, struct feed_answer *ans)
{
	for (int attempt = 0;; attempt++) {
		post_once(s, url, content_type, body, len, bearer, ans);
		if (!retryable(ans->status) || attempt >= s->conf->retries) {
			return;
		}
		wait_before(s, attempt);
	}
}

struct buf_lite {
	char *p;
	size_t len;
};

static void form_field(struct buf_lite *b, const char *name, const char *value)
{
	char *esc = curl_easy_escape(NULL, value, 0);
	size_t add = strlen(name) + strlen(esc ? esc : "") + 2;
	char *grown = realloc(b->p, b->len + add + 1);
	if (grown) {
		b->p = grown;
		b->len += (size_t)snprintf(b->p + b->len, add + 1, "%s%s=%s", b->len ? "&" : "", name, esc ? esc : "");
	}
	curl_free(esc);
}

int feed_token(struct feed_session *s, struct hearth_error *err)
{
	pthread_once(&curl_once, curl_start);
	struct buf_lite form = {0};
	form_field(&form, "grant_type", "client_credentials");
	form_field(&form, "client_id", s->conf->client_id);
	form_field(&form, "client_secret", s->conf->client_secret);
	if (s->conf->scope && *s->conf->scope) {
		form_field(&form, "scope", s->conf->scope);
	}
	if (!form.p) {
		return herr_set(err, HERR_IO, "token", "memory", "out of memory");
	}
	struct feed_answer ans = {0};
	post_retried(s, s->conf->token_url, "application/x-www-form-urlencoded", form.p, form.len, false, &ans);
	memset(form.p, 0, form.len);
	free(form.p);
	int rc = 0;
	if (ans.status >= 200 && ans.status < 300) {
		json_t *doc = json_loadb(ans.body ? ans.body : "", ans.len, 0, NULL);
		const char *tok = json_string_value(json_object_get(doc, "access_token"));
		if (tok && *tok && strlen(tok) < 4000 && !strpbrk(tok, "\r\n")) {
			free(s->token);
			s->token = strdup(tok);
		} else {
			rc = herr_set(err, HERR_IO, "token", "no_token", "the token endpoint answered %ld without an access_token",
				      ans.status);
			snprintf(s->last_error, sizeof(s->last_error), "token answer without an access_token");
		}
		json_decref(doc);
	} else if (ans.status >= 400 && ans.status < 500 && ans.status != 429) {
		rc = herr_set(err, HERR_DENIED, "token", "refused",
			      "the token endpoint refused the client credentials (HTTP %ld)", ans.status);
		snprintf(s->last_error, sizeof(s->last_error), "token refused: HTTP %ld", ans.status);
	} else {
		char why[200];
		snprintf(why, sizeof(why), "%.199s", s->last_error);
		rc = herr_set(err, HERR_IO, "token", "unavailable", "no token after %d tries: %s", s->conf->retries + 1,
			      why);
		snprintf(s->last_error, sizeof(s->last_error), "token: %s", why);
	}
	free(ans.body);
	return rc;
}

int feed_post(struct feed_session *s, const char *url, const char *body, size_t len, struct feed_answer *ans,
	      struct hearth_error *err)
{
	memset(ans, 0, sizeof(*ans));
	int rc;
	if (!s->token && (rc = feed_token(s, err))) {
		return rc;
	}
	post_retried(s, url, "application/json", body, len, true, ans);
	if (ans->status == 401) {
		/* The token may have expired: one new token, and the request again. */
		free(s->token);
		s->token = NULL;
		if ((rc = feed_token(s, err))) {
			return rc;
		}
		post_retried(s, url, "application/json", body, len, true, ans);
	}
	if (ans->status >= 200 && ans->status < 300) {
		return 0;
	}
	if (ans->status >= 400 && ans->status < 500 && ans->status != 429) {
		return herr_set(err, HERR_DENIED, "send", "refused", "the API refused the submission (HTTP %ld)",
				ans->status);
	}
	char why[256];
	snprintf(why, sizeof(why), "%s", s->last_error);
	return herr_set(err, HERR_IO, "send", "unavailable", "no answer after %d tries: %s", s->conf->retries + 1, why);
}

void feed_session_end(struct feed_session *s)
{
	if (s->token) {
		memset(s->token, 0, strlen(s->token));
		free(s->token);
		s->token = NULL;
	}
}
