/* server: the libmicrohttpd daemon and the life of a request in it.
 *
 * Threads: MHD_USE_POLL_INTERNAL_THREAD with MHD_OPTION_THREAD_POOL_SIZE — a pool of
 * worker threads, each polling its own share of the connections. This is the "thread
 * pool" of the issue and deliberately NOT epoll: libmicrohttpd 0.9.75's epoll mode stalls
 * when one polling thread holds exactly 128 (or 256) connections (TOOLCHAIN.md); poll
 * with a pool is as fast here and does not. MHD_OPTION_LISTENING_ADDRESS_REUSE is never
 * set (it would set SO_REUSEPORT, so a stale server on the same port would silently take
 * a share of the connections): a port in use fails loudly.
 *
 * What one client may hold: at most opt.per_address connections from one socket peer
 * address and opt.max_connections in all (libmicrohttpd shares the total among the pool's
 * threads and closes a connection beyond either at once), and a request's headers must
 * all arrive within opt.header_timeout_s of the connection opening (on a kept-alive
 * connection: that plus the idle timeout after its previous request; guard.c). The idle
 * timeout alone let one header byte every few seconds hold a connection for ever.
 *
 * Malformed requests libmicrohttpd lets through (HTTP/1.1 without one Host, a NUL in the
 * target, oversized headers within its memory) are refused in refuse_malformed, with
 * Hearth's headers. What libmicrohttpd answers itself (beyond WEB_HEADER_MEMORY: 414, 431;
 * an unparsable header line: 400; HTTP/2 and up: 505) goes out without them: 0.9.75 has
 * no hook for its own error answers (README.md says so).
 *
 * Each worker thread opens its own store connection on first use (web_store) and all
 * are closed at shutdown, after the pool has stopped.
 *
 * A request: the URI log callback creates its struct web_request (with the raw target,
 * before MHD unescapes it) and its arena; the access handler is called once with the
 * headers — it only matches the route, so the body limit is known — then with each piece
 * of the body, then once more with none. The answer is queued on that last call, never on
 * the first: answering on the first call makes MHD close kept-alive connections
 * (TOOLCHAIN.md). When the answer needs audit rows, the connection is suspended, the
 * rows go to the group-commit writer (audit.c), and the answer is queued when the writer
 * resumes the connection — or replaced by a 500 if the rows could not be written, so no
 * record content leaves unaudited. The completion callback logs one line and frees the
 * request and its arena.
 *
 * The log line: method, the route's path template (never the path itself: a query can
 * hold a name), status, microseconds from headers to completion, user id. Never names or
 * other personal data.
 *
 * Shutdown (SIGINT, SIGTERM): stop accepting (MHD_quiesce_daemon), let the requests in
 * flight finish (up to WEB_GRACE_S; answers in the meantime close their connections),
 * stop the daemon, drain the audit writer, close the stores. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/mem.h"
#include "model/settings.h"
#include "web/http/http.h"

#define WEB_GRACE_S 10
#define WEB_HEADER_MEMORY ((size_t)32 * 1024)	/* headers beyond about this: MHD answers 414 or 431 */
#define WEB_HEADERS_MAX ((size_t)16 * 1024)	/* headers beyond this: Hearth answers 431 */
#define WEB_DISCARD_MAX ((size_t)64 << 20)	/* a refused body is read and dropped up to this */

struct web_thread {
	struct store *st;
	struct store_web *sw;
	struct web_thread *next;
};

static _Thread_local struct web_thread *tl_thread;

void web_options_default(struct web_options *o)
{
	*o = (struct web_options){
		.db_path = NULL,
		.host = "127.0.0.1",
		.port = WEB_DEFAULT_PORT,
		.threads = WEB_DEFAULT_THREADS,
		.timeout_s = 30,
		.header_timeout_s = 10,
		.per_address = 64,
		.max_connections = 1000,
	};
}

struct store *web_store(struct web_server *srv, struct store_web **sw, struct hearth_error *err)
{
	if (tl_thread) {
		*sw = tl_thread->sw;
		return tl_thread->st;
	}
	struct store *st;
	struct store_web *w;
	if (store_open(srv->opt.db_path, STORE_WRITE, &st, err)) {
		return NULL;
	}
	/* The statements a thread prepares once are held to the request budget too (a table
	 * locked elsewhere must not hold the thread's first request past it). */
	store_set_budget(st, (uint64_t)srv->set.request_work_limit, (unsigned)srv->set.request_time_limit);
	if (store_web_open(st, &w, err)) {
		store_close(st);
		return NULL;
	}
	struct web_thread *t = xcalloc(1, sizeof(*t));
	t->st = st;
	t->sw = w;
	*sw = w;
	pthread_mutex_lock(&srv->threads_lock);
	t->next = srv->threads;
	srv->threads = t;
	pthread_mutex_unlock(&srv->threads_lock);
	tl_thread = t;
	return st;
}

/* ---- the request's life ---- */

/* The connection's header clock (guard.c), kept as libmicrohttpd's socket context. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? web_guard_open(ci->connect_fd) : NULL;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		/* Called before libmicrohttpd closes the socket: the sweeper lets go of it first. */
		web_guard_close(*socket_context);
		*socket_context = NULL;
	}
}

static struct web_conn *conn_guard(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct web_server *srv = cls;
	struct web_request *r = xcalloc(1, sizeof(*r));
	r->srv = srv;
	r->conn = conn;
	r->method = -1;
	r->raw_uri = xstrdup(uri ? uri : "");
	r->raw_at = (uintptr_t)uri;
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	atomic_fetch_add(&srv->in_flight, 1);
	return r;
}

/* A numeric address in inet_ntop's form into out; false when text is not one. */
static bool normal_address(const char *text, size_t len, char *out, size_t size)
{
	char one[64];
	unsigned char bin[16];
	while (len && (*text == ' ' || *text == '\t')) {
		text++, len--;
	}
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) {
		len--;
	}
	if (len == 0 || len >= sizeof(one)) {
		return false;
	}
	memcpy(one, text, len);
	one[len] = '\0';
	int family = strchr(one, ':') ? AF_INET6 : AF_INET;
	return inet_pton(family, one, bin) == 1 && inet_ntop(family, bin, out, (socklen_t)size);
}

/* The client: the socket's address, unless that is a trusted proxy (the trusted_proxies
 * setting), whose X-Forwarded-For is then read from the right, past any further trusted
 * proxies, to the first address none of them is (what a client writes to the left of it
 * is not believed). Its X-Forwarded-Proto says whether the client came over TLS. From any
 * other address both headers are ignored. */
static void client_address(struct web_request *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(r->address, sizeof(r->address), "unknown");
	r->tls = r->srv->tls;
	if (!ci || !ci->client_addr) {
		return;
	}
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->address,
			  sizeof(r->address));
	} else if (sa->sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->address,
			  sizeof(r->address));
	}
	const struct settings *set = &r->srv->set;
	if (!settings_trusted_proxy(set, r->address)) {
		return;
	}
	const char *proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	if (proto && strcasecmp(proto, "https") == 0) {
		r->tls = true;
	}
	const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
	size_t end = xff ? strlen(xff) : 0;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',') {
			start--;
		}
		char hop[sizeof(r->address)];
		if (!normal_address(xff + start, end - start, hop, sizeof(hop))) {
			return; /* garbage: the proxy's own address stands */
		}
		snprintf(r->address, sizeof(r->address), "%s", hop);
		if (!settings_trusted_proxy(set, hop)) {
			return;
		}
		end = start > 0 ? start - 1 : 0;
	}
}

bool web_cookie_secure(const struct web_request *r)
{
	return r->tls || r->srv->secure_cookies || r->srv->set.secure_cookies;
}

/* Pages load only this server's own CSS, module script and images, post forms only to
 * it, and are never framed; no inline script or style is ever needed (html.c writes none),
 * so none is allowed. The API's answers are data and allow nothing at all. */
#define PAGE_CSP                                                                                       \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " \
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static void add_security_headers(struct web_request *r, struct MHD_Response *resp)
{
	bool page = r->page.b.len > 0;
	MHD_add_response_header(resp, "Content-Security-Policy", page ? PAGE_CSP : "default-src 'none'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	if (r->tls) {
		/* Only over TLS (RFC 6797 §7.2): a browser then refuses plain HTTP to this host. */
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	}
	/* Static assets may be cached; nothing from the record ever is. */
	MHD_add_response_header(resp, "Cache-Control",
				r->cacheable && r->status == 200 ? "public, max-age=3600" : "no-store");
}

/* A page route (or a path outside /api/ that matched nothing) answers HTML, errors too. */
static bool wants_page(const struct web_request *r)
{
	if (r->route) {
		return r->route->page;
	}
	return r->path && strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/api") != 0;
}

static enum MHD_Result queue_answer(struct web_request *r)
{
	if (!r->status) {
		web_fail(r, 500, NULL, "internal", "the request was not answered");
	}
	struct MHD_Response *resp;
	if (wants_page(r) && !r->page.b.len && !r->raw && !r->location && r->status >= 400) {
		web_render_error_page(r);
	}
	if (r->page.b.len) {
		size_t n = r->page.b.len;
		char *html = buf_take(&r->page.b);
		resp = MHD_create_response_from_buffer(n, html, MHD_RESPMEM_MUST_FREE);
		if (resp) {
			MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8");
		}
		/* The headers below still need to know this was a page. */
		r->page.b.len = n;
	} else if (r->out) {
		char *text = json_dumps(r->out, JSON_COMPACT);
		if (!text) {
			text = xstrdup("{\"error\":\"the answer could not be written\",\"field\":null,\"rule\":\"internal\"}");
			r->status = 500;
		}
		resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	} else if (r->raw) {
		resp = MHD_create_response_from_buffer(r->raw_len, (void *)r->raw, MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
					r->content_type ? r->content_type : "application/json; charset=utf-8");
		if (resp && r->disposition) {
			MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, r->disposition);
		}
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	if (!resp) {
		return MHD_NO;
	}
	add_security_headers(r, resp);
	if (r->location) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, r->location);
	}
	if (r->set_cookie) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
	}
	if (r->set_cookie2) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie2);
	}
	if (r->allow) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	}
	if (r->retry_after > 0) {
		char s[16];
		snprintf(s, sizeof(s), "%d", r->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, s);
	}
	if (r->body_over || atomic_load(&r->srv->stopping)) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	}
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	r->state = REQ_QUEUED;
	return ok;
}

/* Runs on the audit writer's thread once the request's rows are committed (or not). */
static void audit_done(void *ctx, int rc)
{
	struct web_request *r = ctx;
	r->audit_rc = rc;
	struct web_server *srv = r->srv;
	r->state = REQ_READY;
	MHD_resume_connection(r->conn);
	atomic_fetch_sub(&srv->suspended, 1);
}

static enum MHD_Result finish(struct web_request *r)
{
	web_dispatch(r);
	if (r->n_audit == 0) {
		return queue_answer(r);
	}
	/* Suspend first, then queue the rows: the writer may resume at once. */
	r->state = REQ_WAIT_AUDIT;
	atomic_fetch_add(&r->srv->suspended, 1);
	MHD_suspend_connection(r->conn);
	web_audit_submit(r->audit, r->n_audit, audit_done, r);
	return MHD_YES;
}

static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	(void)value;
	if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0) {
		(*(int *)cls)++;
	}
	return MHD_YES;
}

/* What libmicrohttpd lets through but Hearth refuses before the route is even looked at,
 * answered with Hearth's own headers (and the connection closed: answering on the first
 * call does that). 0, or the status, answered. */
static int refuse_malformed(struct web_request *r, const char *url, const char *version)
{
	/* libmicrohttpd ends the request target at the space before the version, and the
	 * URI callback's target and the access handler's version point into the same request
	 * line. When the copy taken in on_uri (which stops at the first NUL) ends before that
	 * space, the target holds a NUL, which would otherwise cut the path short unseen. */
	if (version && version[0] && (uintptr_t)url == r->raw_at &&
	    (uintptr_t)version != r->raw_at + strlen(r->raw_uri) + 1) {
		return web_fail(r, 400, "path", "control", "the request target holds a NUL character");
	}
	int hosts = 0;
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_host, &hosts);
	if (hosts > 1 || (hosts == 0 && version && strcmp(version, MHD_HTTP_VERSION_1_0) != 0)) {
		return web_fail(r, 400, "Host", "host", "an HTTP/1.1 request needs exactly one Host header");
	}
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	if (ci && ci->header_size > WEB_HEADERS_MAX) {
		if (strlen(r->raw_uri) > WEB_HEADERS_MAX / 2) {
			return web_fail(r, 414, "path", "length", "the request target is longer than %zu bytes",
					WEB_HEADERS_MAX / 2);
		}
		return web_fail(r, 431, "headers", "too_large", "the request line and headers are larger than %zu bytes",
				WEB_HEADERS_MAX);
	}
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct web_request *r = *con_cls;
	if (!r) {
		/* Every request passes the URI callback first; without one, refuse. */
		return MHD_NO;
	}
	switch (r->state) {
	case REQ_NEW: {
		r->conn = conn;
		web_guard_request(conn_guard(conn), true, 0);
		r->method = web_method_parse(method);
		client_address(r);
		r->state = REQ_BODY;
		if (refuse_malformed(r, url, version)) {
			return queue_answer(r);
		}
		if (web_dispatch_route(r) == 0) {
			const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			unsigned long long n = cl ? strtoull(cl, NULL, 10) : 0;
			if (r->route->body_limit && n > r->route->body_limit) {
				r->body_over = true;
			}
		}
		/* A client that waits for "100 Continue" is told now that its body is too big. */
		const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
		if (r->body_over && expect) {
			web_fail(r, 413, "body", "too_large", "the body is larger than this request allows (%zu bytes)",
				 r->route->body_limit);
			return queue_answer(r);
		}
		return MHD_YES;
	}
	case REQ_BODY:
		if (*upload_size > 0) {
			size_t n = *upload_size;
			size_t limit = r->route && !r->status ? r->route->body_limit : 0;
			r->body_bytes += n;
			if (limit && !r->body_over && r->body.len + n <= limit) {
				buf_append(&r->body, upload_data, n);
			} else if (limit) {
				r->body_over = true;
			}
			*upload_size = 0;
			return r->body_bytes > WEB_DISCARD_MAX ? MHD_NO : MHD_YES;
		}
		return finish(r);
	case REQ_READY:
		if (r->audit_rc) {
			/* Not audited, not sent: the answer's content is dropped. */
			r->raw = NULL;
			r->set_cookie = NULL;
			r->set_cookie2 = NULL;
			r->location = NULL;
			buf_reset(&r->page.b);
			if (r->audit_rc == WEB_AUDIT_DISK_FULL) {
				r->retry_after = 60;
				web_fail(r, 503, NULL, "disk_full",
					 "the record's disk is full, so the audit trail could not be written and nothing is "
					 "shown; tell the system's administrator");
			} else {
				web_fail(r, 500, NULL, "audit", "the audit trail could not be written, so nothing is shown");
			}
		}
		return queue_answer(r);
	case REQ_WAIT_AUDIT:
	case REQ_QUEUED:
		return MHD_YES;
	}
	return MHD_NO;
}

static void log_request(struct web_request *r)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long us = (long long)(now.tv_sec - r->started.tv_sec) * 1000000 + (now.tv_nsec - r->started.tv_nsec) / 1000;
	char line[256], status[8] = "-";
	if (r->status) {
		snprintf(status, sizeof(status), "%d", r->status);
	}
	int n = snprintf(line, sizeof(line), "%s %s %s %lldus user=%lld\n",
			 r->method >= 0 ? web_method_name((enum web_method)r->method) : "OTHER",
			 r->route ? r->route->path : "-", status, us, (long long)r->user_id);
	if (n > 0) {
		/* One write, so lines from many threads never interleave. */
		ssize_t w = write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
		(void)w;
	}
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct web_server *srv = cls;
	struct web_request *r = *con_cls;
	(void)toe;
	if (!r) {
		return;
	}
	*con_cls = NULL;
	/* A kept-alive connection now waits for its next request: the clock runs, with the
	 * idle timeout as grace (guard.c). */
	web_guard_request(conn_guard(conn), false, srv->opt.timeout_s);
	log_request(r);
	if (r->out) {
		json_decref(r->out);
	}
	buf_free(&r->body);
	buf_free(&r->page.b);
	arena_free(&r->a);
	free(r->raw_uri);
	free(r);
	atomic_fetch_sub(&srv->in_flight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) {
		msg[--n] = '\0';
	}
	fprintf(stderr, "hearth: http: %s\n", msg);
}

/* ---- start and stop ---- */

static bool is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ss;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)ss;
	return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
}

/* A PEM file's text into *out (xmalloc'd): 0, or the error naming the option. */
static int read_pem(const char *path, const char *option, char **out, struct hearth_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return herr_set(err, HERR_IO, option, "file", "cannot read %s: %s", path, strerror(errno));
	}
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len < ((size_t)1 << 20)) {
		buf_append(&b, chunk, n);
	}
	fclose(f);
	if (b.len == 0 || !strstr(buf_cstr(&b), "-----BEGIN ")) {
		buf_free(&b);
		return herr_set(err, HERR_INVALID, option, "pem", "%s is not a PEM file", path);
	}
	*out = buf_take(&b);
	return 0;
}

static const char *setting_from(void *ctx, const char *key)
{
	void **c = ctx;
	return store_setting(c[0], key, c[1]);
}

static void close_stores(struct web_server *srv)
{
	pthread_mutex_lock(&srv->threads_lock);
	struct web_thread *t = srv->threads;
	srv->threads = NULL;
	pthread_mutex_unlock(&srv->threads_lock);
	while (t) {
		struct web_thread *next = t->next;
		store_web_close(t->sw);
		store_close(t->st);
		free(t);
		t = next;
	}
}

int web_serve(const struct web_options *o, struct hearth_error *err)
{
	char why[256];
	if (web_routes_check(why, sizeof(why))) {
		return herr_set(err, HERR_INVALID, "routes", "route_table", "%s", why);
	}
	if (!o->db_path || o->threads < 1 || o->threads > 64) {
		return herr_set(err, HERR_INVALID, "--threads", "range", "threads must be from 1 to 64");
	}
	if (o->max_connections < o->threads) {
		return herr_set(err, HERR_INVALID, "--max-connections", "range",
				"at least one connection per thread (%u) is needed", o->threads);
	}
	if (!o->tls_cert != !o->tls_key) {
		return herr_set(err, HERR_INVALID, o->tls_cert ? "--tls-key" : "--tls-cert", "required",
				"TLS needs both --tls-cert and --tls-key");
	}
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *in4 = (struct sockaddr_in *)(void *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)&ss;
	if (inet_pton(AF_INET, o->host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)o->port);
	} else if (inet_pton(AF_INET6, o->host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)o->port);
	} else {
		return herr_set(err, HERR_INVALID, "--listen", "address", "'%s' is not a numeric IPv4 or IPv6 address",
				o->host);
	}

	/* Every connection is a descriptor: make room for them all, or refuse to start. The
	 * margin covers the listening socket, the stores, the log and the audit writer. */
	struct rlimit rl;
	rlim_t need = (rlim_t)o->max_connections + 64 + 4 * (rlim_t)o->threads;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < need) {
			return herr_set(err, HERR_INVALID, "--max-connections", "range",
					"%u connections need %llu open files, but this process may open only %llu",
					o->max_connections, (unsigned long long)need, (unsigned long long)rl.rlim_cur);
		}
	}

	store_web_global_init();
	/* The record must open for writing before anything listens. */
	struct store *probe;
	int rc = store_open(o->db_path, STORE_WRITE, &probe, err);
	if (rc) {
		return rc;
	}
	struct web_server srv;
	memset(&srv, 0, sizeof(srv));
	/* The record's settings: a bad stored value keeps its default (and is said). */
	struct arena sa = ARENA_INIT;
	void *ctx[2] = {probe, &sa};
	struct hearth_error bad = {0};
	if (settings_load(&srv.set, setting_from, ctx, &bad)) {
		fprintf(stderr, "hearth: serve: setting %s: %s; its default is in force\n", bad.field, bad.message);
	}
	arena_free(&sa);
	store_close(probe);
	/* The per-user request rate is one of them (guard.c). */
	web_guard_rate_init((unsigned)srv.set.user_requests_per_minute, (unsigned)srv.set.user_request_burst);
	if (o->tls_cert && ((rc = read_pem(o->tls_cert, "--tls-cert", &srv.tls_cert, err)) ||
			    (rc = read_pem(o->tls_key, "--tls-key", &srv.tls_key, err)))) {
		free(srv.tls_cert);
		return rc;
	}
	srv.tls = srv.tls_cert != NULL;
	srv.opt = *o;
	srv.secure_cookies = !is_loopback(&ss) || o->secure_cookies;
	atomic_init(&srv.in_flight, 0);
	atomic_init(&srv.suspended, 0);
	atomic_init(&srv.stopping, false);
	pthread_mutex_init(&srv.threads_lock, NULL);
	if ((rc = web_auth_init(&srv, err))) {
		return rc;
	}

	/* Every thread started from here on inherits this mask; only sigwait sees them. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &old);

	if ((rc = web_audit_start(o->db_path, err))) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return rc;
	}
	if ((rc = web_guard_start(o, err))) {
		web_audit_stop();
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return rc;
	}
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6) {
		flags |= MHD_USE_IPv6;
	}
	if (srv.tls) {
		flags |= MHD_USE_TLS;
	}
	/* Without TLS the certificate options are given as MHD_OPTION_ARRAY's end, i.e. nothing. */
	struct MHD_OptionItem tls_opts[] = {
		{srv.tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, srv.tls_cert},
		{srv.tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, srv.tls_key},
		{MHD_OPTION_END, 0, NULL},
	};
	srv.daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, &srv,
				      MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, &srv, MHD_OPTION_SOCK_ADDR,
				      (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
				      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout_s,
				      MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
				      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)o->per_address,
				      MHD_OPTION_NOTIFY_CONNECTION, on_connection, &srv,
				      MHD_OPTION_CONNECTION_MEMORY_LIMIT, WEB_HEADER_MEMORY, MHD_OPTION_URI_LOG_CALLBACK,
				      on_uri, &srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_END);
	if (!srv.daemon) {
		web_guard_stop();
		free(srv.tls_cert);
		free(srv.tls_key);
		web_audit_stop();
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return herr_set(err, HERR_IO, "--listen", "bind", "could not listen on %s port %u: %s", o->host, o->port,
				strerror(errno));
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = di ? di->port : o->port;
	if (o->ready) {
		char url[128];
		snprintf(url, sizeof(url), ss.ss_family == AF_INET6 ? "%s://[%s]:%u/" : "%s://%s:%u/",
			 srv.tls ? "https" : "http", o->host, port);
		o->ready(o->ready_ctx, url);
	}

	int sig = 0;
	while (sigwait(&set, &sig) == 0 && sig == SIGPIPE) {
	}
	fprintf(stderr, "hearth: serve: %s: finishing the requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");

	atomic_store(&srv.stopping, true);
	MHD_socket lfd = MHD_quiesce_daemon(srv.daemon);
	if (lfd != MHD_INVALID_SOCKET) {
		close(lfd);
	}
	/* Requests in flight finish; a suspended one is always resumed by the writer, so
	 * the daemon never stops with a connection suspended. */
	struct timespec tick = {0, 10 * 1000 * 1000};
	for (int i = 0; i < WEB_GRACE_S * 100 && atomic_load(&srv.in_flight) > 0; i++) {
		nanosleep(&tick, NULL);
	}
	while (atomic_load(&srv.suspended) > 0) {
		nanosleep(&tick, NULL); /* MHD may not stop with a connection suspended */
	}
	MHD_stop_daemon(srv.daemon);
	web_guard_stop();
	web_guard_rate_stop();
	web_audit_stop();
	close_stores(&srv);
	free(srv.tls_cert);
	free(srv.tls_key);
	pthread_mutex_destroy(&srv.threads_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	fprintf(stderr, "hearth: serve: stopped\n");
	return 0;
}
