/* internal: what the web layer's own files share; never included outside src/web/.
 *
 * A request lives in one struct web_request from the moment libmicrohttpd sees its URI
 * until its completion callback: everything it parses, reads or serialises lives in its
 * arena (r->a) and dies with it there. Handlers never free(). A request is handled by one
 * MHD worker thread at a time, with that thread's own store connection (web_store). */
#ifndef HEARTH_WEB_INTERNAL_H
#define HEARTH_WEB_INTERNAL_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "model/entity.h"
#include "model/settings.h"
#include "model/roles.h"
#include "store/store.h"
#include "store/web.h"
#include "web/http/html.h"
#include "web/http/routes.h"
#include "web/web.h"

struct MHD_Daemon;
struct MHD_Connection;
struct web_thread;
struct page_names;

struct web_server {
	struct web_options opt;
	struct MHD_Daemon *daemon;
	bool secure_cookies;		/* not on loopback, or --secure-cookies: cookies carry Secure */
	bool tls;			/* served over TLS by this process (--tls-cert) */
	struct settings set;		/* the record's settings, read once at start */
	char *tls_cert, *tls_key;	/* PEM text, alive as long as the daemon */
	atomic_int in_flight;		/* requests begun and not yet completed */
	atomic_int suspended;		/* connections waiting for their audit rows */
	atomic_bool stopping;		/* shutting down: answers close their connection */
	pthread_mutex_t threads_lock;
	struct web_thread *threads;	/* every worker's store, closed at shutdown */
};

enum web_state {
	REQ_NEW,		/* headers seen; the next call decides */
	REQ_BODY,		/* receiving the body */
	REQ_WAIT_AUDIT,		/* answered; suspended until its audit rows are durable */
	REQ_READY,		/* the answer may be queued */
	REQ_QUEUED,		/* the answer is queued */
};

struct web_param {
	const char *name, *value;
};

#define WEB_AUDIT_MAX 2
#define WEB_FORM_MAX 64	/* a child's form: 6 dates of 3 boxes and 15 other fields */

struct web_request {
	struct web_server *srv;
	struct MHD_Connection *conn;
	struct arena a;
	enum web_state state;
	struct timespec started;
	char *raw_uri;			/* as received, before any decoding (xmalloc'd) */
	uintptr_t raw_at;		/* where libmicrohttpd held it: finds a NUL within it */
	int method;			/* enum web_method, or -1 */
	const char *method_text;
	const struct web_route *route;
	const char *path;		/* decoded */
	const char *id_text;		/* the {id} segment, within path */
	size_t id_len;
	struct web_route_params params;	/* where the path's {id}, {kind} and {rid} segments are */
	struct web_param query[WEB_QUERY_MAX * 2];
	size_t n_query;
	struct web_param form[WEB_FORM_MAX];	/* a page's POSTed form, decoded */
	size_t n_form;
	/* the body */
	struct buf body;
	size_t body_bytes;		/* seen, including what was discarded */
	bool body_over;			/* more than the route's limit: 413 */
	/* who asks */
	char address[64];		/* the client's: the socket's, or X-Forwarded-For from a trusted proxy */
	bool tls;			/* came over TLS: here, or to a trusted proxy (X-Forwarded-Proto) */
	bool signed_in;
	struct store_session session;
	char token_hash[65];		/* web_auth_token_hash, once asked */
	int session_write;		/* 1 touch, 2 end: waiting for the read to end (auth.c) */
	int64_t session_write_id;
	hinstant session_write_at;
	enum role role;
	struct store_scope scope;
	char actor[32];			/* "user:12" */
	int64_t user_id;		/* for the log: 0 when nobody is signed in */
	const char *route_name;		/* "GET /api/children/{id}": audit rows' route */
	struct store *st;
	struct store_web *sw;
	int64_t child_id;		/* the {id} child, once in scope */
	bool break_glass;		/* read through a break-glass opening, not the scope */
	const struct entity *kind;	/* the {kind} of record, once known */
	int64_t rid;			/* the {rid} row of that kind, once known to be the child's; on a
					 * route outside a child's record, the {rid} segment's number */
	bool rid_retracted;		/* that row was retracted (only its history remains) */
	/* the answer */
	int status;
	json_t *out;
	const char *raw;		/* a static body sent as is when out is NULL */
	size_t raw_len;
	const char *content_type;	/* for raw; JSON otherwise */
	const char *disposition;	/* for raw: a Content-Disposition ("attachment; filename=...") */
	struct html page;		/* a page route's HTML answer, when it has one */
	const char *location;		/* a redirect's target (303 after a form, 401 to sign-in) */
	bool cacheable;			/* a static asset: may be cached */
	struct page_names *names;	/* page.c: workers' names looked up by this request */
	const struct store_draft *draft;	/* pages/drafts.c: the draft this form page was filled from */
	const char *set_cookie;
	const char *set_cookie2;	/* a second cookie (sign-in's hearth_device) */
	const char *allow;		/* 405: the methods the path has */
	int retry_after;		/* 429: seconds */
	/* audit rows to make durable before the answer goes out */
	struct store_audit audit[WEB_AUDIT_MAX];
	size_t n_audit;
	int audit_rc;
};

/* ---- server.c ---- */
/* This thread's store connection and its prepared per-request reads, opened on first
 * use; NULL (err filled) on failure. */
struct store *web_store(struct web_server *srv, struct store_web **sw, struct hearth_error *err);

/* ---- guard.c: the header deadline (and, in server.c, the connection caps); the rate per user ---- */
struct web_conn;
/* Starts the sweeper that shuts down connections whose headers take longer than
 * o->header_timeout_s (0: no limit, no thread). */
int web_guard_start(const struct web_options *o, struct hearth_error *err);
/* Stops the sweeper (after the daemon has stopped). */
void web_guard_stop(void);
/* A connection opened on socket fd (its clock starts) / closed (before fd is closed). */
struct web_conn *web_guard_open(int fd);
void web_guard_close(struct web_conn *c);
/* in_request: the headers of a request are in (the clock stops); false: the request
 * completed and the connection waits for the next one (the clock starts again, allowing
 * grace_s seconds beyond the header limit). */
void web_guard_request(struct web_conn *c, bool in_request, unsigned grace_s);
/* The per-user request rate (settings user_requests_per_minute, user_request_burst). */
void web_guard_rate_init(unsigned per_minute, unsigned burst);
void web_guard_rate_stop(void);
/* Takes one request from user's bucket: 0, or the seconds until one is allowed (429). */
int web_guard_rate(int64_t user);
/* Whether cookies set for r carry Secure: over TLS (here or to a trusted proxy), when
 * listening on a non-loopback address, with --secure-cookies, or secure_cookies = yes. */
bool web_cookie_secure(const struct web_request *r);

/* ---- dispatch.c ---- */
/* Decodes the target and finds the route (so the body's limit is known before the body
 * arrives). 0, or the status already answered (400, 404, 405). */
int web_dispatch_route(struct web_request *r);
/* Runs the request through the table: route, sign-in, permission, scope, body, handler,
 * then queues the read's audit rows. Always leaves r->status and r->out set. */
void web_dispatch(struct web_request *r);
/* Keeps, of a child's rows of kind e (ids and rows, *n of them, compacted in place), those
 * the person may read (role_may_read_row: a partner only the visits and notes they wrote). */
void web_rows_readable(const struct web_request *r, const struct entity *e, int64_t *ids, struct hval **rows,
		       size_t *n);
/* Sets the answer and returns status. body may be NULL (no content). */
int web_answer(struct web_request *r, int status, json_t *body);
/* An error answer {"error": message, "field": field, "rule": rule}; returns status. */
int web_fail(struct web_request *r, int status, const char *field, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Maps a store error to its status: HERR_INVALID 400, HERR_NOT_FOUND 404, HERR_CONFLICT
 * 409, HERR_DENIED 403, a full disk (rule disk_full) 503, anything else 500 (with no
 * detail sent). */
int web_fail_err(struct web_request *r, const struct hearth_error *e);
/* Adds an audit row for this request (strings must outlive the request's arena). */
void web_audit_row(struct web_request *r, const char *action, int64_t child_id, const char *section);
/* Query parameters (decoded; only those the route declares reach here). */
const char *web_query(const struct web_request *r, const char *name);
/* A page's form field (decoded), or NULL when the form has none by that name. */
const char *web_form(const struct web_request *r, const char *name);
/* limit (1..max, default dflt) and offset (>= 0): 0, or the 400 status already answered. */
int web_query_page(struct web_request *r, int64_t dflt, int64_t max, int64_t *limit, int64_t *offset);
/* The page of a paged list asked for (?page=N, from 1; 1 when absent): 0, or the 400 status. */
int web_query_page_number(struct web_request *r, int64_t *page);
/* An optional date parameter (YYYY-MM-DD), default dflt: 0 or the 400 status. */
int web_query_date(struct web_request *r, const char *name, hdate dflt, hdate *out);

/* ---- uri.c ---- */
/* Decodes "a=1&b=2" (len bytes of text) into out (at most max pairs, arena strings);
 * multiline values keep newlines and tabs (form text areas; CRLF becomes LF). what names
 * the part in errors ("query", "form"). 0, or the 400 status, answered. */
int web_pairs_parse(struct web_request *r, const char *what, const char *text, size_t len, bool multiline,
		    struct web_param *out, size_t max, size_t *n_out);
/* Splits and decodes a raw request target: path and query. Refuses (400, answered) NUL,
 * control characters, invalid UTF-8, bad escapes, "." and ".." segments, and
 * repeated or over-long parameters. Returns 0 or the status. */
int web_uri_parse(struct web_request *r);

/* ---- json.c ---- */
/* The body as a JSON object: strict (duplicate keys, NUL, invalid UTF-8 refused). 0 or
 * the 400/415 status, answered. */
int web_body_object(struct web_request *r, json_t **out);
/* The same on len bytes of data, whatever the content type (fuzz/json.c reads through it). */
int web_json_object(struct web_request *r, const char *data, size_t len, json_t **out);
/* Every key of o must be among allowed (NULL-terminated): else 400 unknown_field. */
int web_json_allowed(struct web_request *r, json_t *o, const char *const *allowed);
/* A row as JSON by its descriptor: {"id": id, field: value...}; dates as YYYY-MM-DD,
 * booleans as true/false, references and integers as numbers, blanks as null. */
json_t *web_json_row(const struct entity *e, int64_t id, const struct hval *v, struct arena *a);
/* Reads the keys of o that name fields of e into vals (which the caller pre-fills):
 * strings for text, codes, dates and instants; booleans; integers for references.
 * A key naming no field of e, or child_id, is unknown_field; a value of the wrong JSON
 * type is rule "type"; a string that is not of the field's kind names its rule. given[i]
 * is set for each field read. 0 or the 400 status, answered. */
int web_json_to_row(struct web_request *r, const struct entity *e, json_t *o, struct hval *vals, bool *given);
/* A string member: 0 and *out (NULL when absent or null and !required), or 400. */
int web_json_string(struct web_request *r, json_t *o, const char *key, bool required, const char **out);

/* ---- auth.c ---- */
int web_auth_init(struct web_server *srv, struct hearth_error *err);
/* Whether a Session cookie's value has the shape of a token (64 lowercase hex digits);
 * libmicrohttpd splits the Cookie header, this is all Hearth reads of it. */
bool web_auth_token_ok(const char *s);
/* Finds the caller's session from the cookie (ending it when idle or too old). Sets
 * r->signed_in, session, role, scope and actor. 0 whether or not signed in; the status
 * (500) on a store failure. Inside a read transaction (store_web_reading) the session's
 * write (its end, or "last seen") waits for web_auth_session_write, after the read. */
int web_auth_session(struct web_request *r);
void web_auth_session_write(struct web_request *r);
/* The SHA-256 (hex) of the session cookie's token, as sessions are stored; NULL when the
 * request has no well-formed one. */
const char *web_auth_token_hash(struct web_request *r);
/* Checks a username and password (throttled, audited) and starts a session: sets the
 * cookie, fills u and *csrf (the session's CSRF token). 0, or the refusal's status
 * (400, 401, 429, 500), answered. */
int web_auth_sign_in(struct web_request *r, const char *username, const char *password, struct store_user *u,
		     const char **csrf);
/* Signs in as the existing, enabled user named username, whom the identity provider
 * vouched for (oidc.c): starts a session (cookie set, audited "sign_in", section "oidc")
 * and answers 303 to the home page. Nobody is created: no such user (or a disabled one)
 * is refused 403 (rule oidc), audited. */
int web_auth_sign_in_as(struct web_request *r, const char *username);
/* oidc.c: GET /oidc/start and GET /oidc/callback (see there). */
int page_oidc_start(struct web_request *r);
int page_oidc_callback(struct web_request *r);
/* The wait after failures wrong passwords when free_failures are let pass: 0 below free,
 * then delay_s doubling per further failure, at most delay_max_s. Pure. */
hinstant web_auth_delay(int64_t failures, int free_failures, int delay_s, int delay_max_s);
/* Ends the caller's session and clears the cookie (audited). 0 or the status. */
int web_auth_sign_out(struct web_request *r);
/* The X-CSRF-Token header (a page: the form's csrf_token) matches the session's token
 * (constant-time). */
bool web_auth_csrf_ok(struct web_request *r);

/* ---- audit.c: the group-commit writer ---- */
typedef void (*web_audit_done_fn)(void *ctx, int rc);
#define WEB_AUDIT_DISK_FULL (-100)	/* done's rc when the disk holding the record is full */
/* Opens the writer's own store connection and starts its thread. */
int web_audit_start(const char *db_path, struct hearth_error *err);
/* Commits what is queued, then stops the thread and closes its store. */
void web_audit_stop(void);
/* Queues n rows (strings must stay valid until done is called); done(ctx, rc) runs on the
 * writer thread once they are committed (rc 0) or failed (rc < 0). */
void web_audit_submit(const struct store_audit *rows, size_t n, web_audit_done_fn done, void *ctx);

/* ---- handlers the framework itself provides (auth.c, assets.c) ---- */
int api_session_create(struct web_request *r);
int api_session_get(struct web_request *r);
int api_session_delete(struct web_request *r);
int page_asset(struct web_request *r);

/* ---- provided above the framework, by src/web/routes.c (the glue) ---- */
/* Renders the error page for a page route answered with an error and no body of its own. */
void web_render_error_page(struct web_request *r);

#endif
