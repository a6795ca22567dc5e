/* auth: sessions, cookies, CSRF and sign-in throttling.
 *
 * A session is a 256-bit random token, sent to the browser once in the hearth_session
 * cookie (HttpOnly, SameSite=Strict, Secure unless the server listens on loopback) and
 * stored only as its SHA-256. It ends at sign-out, after idle_timeout_s unused, after
 * absolute_timeout_s whatever happens, and when its user is disabled. Its CSRF token is a
 * second random value handed out in the JSON answer to sign-in (and GET /api/session);
 * every state-changing request must echo it in X-CSRF-Token, compared in constant time.
 * "Last seen" is written at most once a minute per session, so reads stay reads.
 *
 * Throttling: failed sign-ins are counted per username and per client address in a
 * fixed window; at the limit, sign-in answers 429 with Retry-After without checking the
 * password (a correct one included) until the window ends. The counts live in this
 * process (a restart forgets them). An unknown username costs the same argon2id
 * verification as a known one, so timing does not reveal which usernames exist. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "base/secret.h"
#include "web/http/http.h"

#define COOKIE "hearth_session"
#define TOUCH_EVERY_S 60
#define THROTTLE_SLOTS 4096
#define THROTTLE_PROBE 16

static char dummy_hash[SECRET_HASH_SIZE];

struct throttle {
	char key[80];		/* "u:" username or "a:" address; "" when free */
	hinstant start;
	unsigned fails;
};

static struct throttle slots[THROTTLE_SLOTS];
static pthread_mutex_t throttle_lock = PTHREAD_MUTEX_INITIALIZER;

int web_auth_init(struct web_server *srv, struct hearth_error *err)
{
	(void)srv;
	if (secret_init() || secret_password_hash("hearth: no such user, but the same work", dummy_hash)) {
		return herr_set(err, HERR_IO, "", "crypto", "libsodium could not be initialised");
	}
	pthread_mutex_lock(&throttle_lock);
	memset(slots, 0, sizeof(slots));
	pthread_mutex_unlock(&throttle_lock);
	return 0;
}

static unsigned key_hash(const char *k)
{
	unsigned h = 2166136261u;
	for (; *k; k++) {
		h = (h ^ (unsigned char)*k) * 16777619u;
	}
	return h;
}

/* The slot for key (called with the lock held); create makes one, reusing an expired or
 * the oldest slot in the probe window. NULL when absent and !create. */
static struct throttle *slot(const char *key, bool create, hinstant now, unsigned window)
{
	unsigned h = key_hash(key);
	struct throttle *victim = NULL;
	bool victim_free = false;
	for (unsigned i = 0; i < THROTTLE_PROBE; i++) {
		struct throttle *t = &slots[(h + i) % THROTTLE_SLOTS];
		bool expired = now - t->start >= (hinstant)window;
		if (t->key[0] && strcmp(t->key, key) == 0) {
			if (expired) {
				t->start = now;
				t->fails = 0;
			}
			return t;
		}
		bool is_free = !t->key[0] || expired;
		if (is_free && !victim_free) {
			victim = t; /* the first free slot */
			victim_free = true;
		} else if (!victim_free && (!victim || t->start < victim->start)) {
			victim = t; /* else the oldest in use */
		}
	}
	if (!create) {
		return NULL;
	}
	snprintf(victim->key, sizeof(victim->key), "%s", key);
	victim->start = now;
	victim->fails = 0;
	return victim;
}

/* Seconds until key may try again, or 0. */
static int throttled(const char *key, unsigned limit, hinstant now, unsigned window)
{
	pthread_mutex_lock(&throttle_lock);
	struct throttle *t = slot(key, false, now, window);
	int wait = t && t->fails >= limit ? (int)((hinstant)window - (now - t->start)) : 0;
	pthread_mutex_unlock(&throttle_lock);
	return wait > 0 ? wait : 0;
}

static void throttle_fail(const char *key, hinstant now, unsigned window)
{
	pthread_mutex_lock(&throttle_lock);
	slot(key, true, now, window)->fails++;
	pthread_mutex_unlock(&throttle_lock);
}

static void throttle_clear(const char *key, hinstant now, unsigned window)
{
	pthread_mutex_lock(&throttle_lock);
	struct throttle *t = slot(key, false, now, window);
	if (t) {
		t->key[0] = '\0';
	}
	pthread_mutex_unlock(&throttle_lock);
}

static bool is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) {
			return false;
		}
	}
	return n == 64;
}

int web_auth_session(struct web_request *r)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE);
	if (!tok || !is_hex64(tok)) {
		return 0; /* no session (a malformed cookie is no session either) */
	}
	char hash[SECRET_SHA256_HEX];
	secret_sha256_hex(tok, 64, hash);
	struct hearth_error err = {0};
	struct store_session s;
	int rc = store_web_session_find(r->sw, hash, &r->a, &s, &err);
	if (rc == HERR_NOT_FOUND) {
		return 0;
	}
	if (rc) {
		return web_fail_err(r, &err);
	}
	hinstant now = instant_now();
	const struct web_options *o = &r->srv->opt;
	int role = role_parse(s.user.role);
	if (s.user.disabled || role < 0 || now - s.seen_at >= (hinstant)o->idle_timeout_s ||
	    now - s.created_at >= (hinstant)o->absolute_timeout_s) {
		store_session_end(r->st, s.id, now, NULL);
		return 0;
	}
	if (now - s.seen_at >= TOUCH_EVERY_S && (rc = store_session_touch(r->st, s.id, now, &err))) {
		return web_fail_err(r, &err);
	}
	r->signed_in = true;
	r->session = s;
	r->role = (enum role)role;
	static const enum store_scope_kind kinds[] = {[SCOPE_NONE] = STORE_SCOPE_NONE, [SCOPE_TEAM] = STORE_SCOPE_TEAM,
						      [SCOPE_OWN] = STORE_SCOPE_OWN, [SCOPE_ALL] = STORE_SCOPE_ALL};
	r->scope = (struct store_scope){kinds[role_scope(r->role)], s.user.id, s.user.team_id, s.user.worker_id,
					date_today()};
	snprintf(r->actor, sizeof(r->actor), "user:%lld", (long long)s.user.id);
	r->user_id = s.user.id;
	return 0;
}

bool web_auth_csrf_ok(struct web_request *r)
{
	/* The API echoes the token in a header; a page's form carries it as a field. */
	const char *h = r->route && r->route->page
				? web_form(r, "csrf_token")
				: MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
	return r->signed_in && h && r->session.csrf && strlen(h) == strlen(r->session.csrf) &&
	       secret_equal(h, r->session.csrf);
}

static json_t *session_json(struct web_request *r, const struct store_user *u, const char *csrf)
{
	json_t *perms = json_array();
	int role = role_parse(u->role);
	for (int p = PERM_SIGNED_IN; p < PERM_MAX; p++) {
		if (role >= 0 && role_can((enum role)role, (enum permission)p)) {
			json_array_append_new(perms, json_string(permission_name((enum permission)p)));
		}
	}
	json_t *user = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)u->id, "username", u->username, "role",
				 u->role, "team_id", u->team_id ? json_integer(u->team_id) : json_null(), "worker_id",
				 u->worker_id ? json_integer(u->worker_id) : json_null());
	return json_pack("{s:o, s:s, s:o, s:b, s:I, s:I}", "user", user, "csrf_token", csrf, "permissions", perms,
			 "read_only", role < 0 || role_read_only((enum role)role), "idle_timeout_s",
			 (json_int_t)r->srv->opt.idle_timeout_s, "absolute_timeout_s",
			 (json_int_t)r->srv->opt.absolute_timeout_s);
}

static const char *cookie(struct web_request *r, const char *value, unsigned max_age)
{
	return arena_printf(&r->a, COOKIE "=%s; Path=/; Max-Age=%u; HttpOnly; SameSite=Strict%s", value, max_age,
			    r->srv->secure_cookies ? "; Secure" : "");
}

int web_auth_sign_in(struct web_request *r, const char *username, const char *password, struct store_user *u,
		     const char **csrf_out)
{
	const struct web_options *o = &r->srv->opt;
	size_t ulen = strlen(username), plen = strlen(password);
	if (ulen == 0 || ulen > 64 || plen == 0 || plen > 1024) {
		return web_fail(r, 400, ulen == 0 || ulen > 64 ? "username" : "password", "length",
				"username and password must be 1-64 and 1-1024 characters");
	}
	hinstant now = instant_now();
	char ukey[80], akey[80];
	snprintf(ukey, sizeof(ukey), "u:%s", username);
	snprintf(akey, sizeof(akey), "a:%s", r->address);
	int wait_u = throttled(ukey, o->signin_limit_user, now, o->signin_window_s);
	int wait_a = throttled(akey, o->signin_limit_address, now, o->signin_window_s);
	struct hearth_error err = {0};
	int rc = store_user_by_name(r->st, username, &r->a, u, &err);
	if (rc && rc != HERR_NOT_FOUND) {
		return web_fail_err(r, &err);
	}
	bool known = rc == 0;
	if (known) {
		snprintf(r->actor, sizeof(r->actor), "user:%lld", (long long)u->id);
	} else {
		snprintf(r->actor, sizeof(r->actor), "unknown");
	}
	if (wait_u || wait_a) {
		r->retry_after = wait_u > wait_a ? wait_u : wait_a;
		web_audit_row(r, "denied", 0, "sign_in throttled");
		return web_fail(r, 429, NULL, "throttled", "too many failed sign-ins; try again later");
	}
	bool ok = secret_password_verify(known ? u->password_hash : dummy_hash, password) && known && !u->disabled &&
		  role_parse(u->role) >= 0;
	if (!ok) {
		throttle_fail(ukey, now, o->signin_window_s);
		throttle_fail(akey, now, o->signin_window_s);
		web_audit_row(r, "denied", 0, "sign_in");
		return web_fail(r, 401, NULL, "credentials", "the username or password is not right");
	}
	throttle_clear(ukey, now, o->signin_window_s);
	char token[SECRET_TOKEN_HEX], hash[SECRET_SHA256_HEX], csrf[SECRET_TOKEN_HEX];
	secret_token(token);
	secret_token(csrf);
	secret_sha256_hex(token, 64, hash);
	if ((rc = store_session_create(r->st, u->id, hash, csrf, now, &err))) {
		return web_fail_err(r, &err);
	}
	r->set_cookie = cookie(r, token, o->absolute_timeout_s);
	r->user_id = u->id;
	web_audit_row(r, "sign_in", 0, "session");
	*csrf_out = arena_strdup(&r->a, csrf);
	return 0;
}

int web_auth_sign_out(struct web_request *r)
{
	struct hearth_error err = {0};
	if (store_session_end(r->st, r->session.id, instant_now(), &err)) {
		return web_fail_err(r, &err);
	}
	r->set_cookie = cookie(r, "", 0);
	web_audit_row(r, "sign_out", 0, "session");
	return 0;
}

int api_session_create(struct web_request *r)
{
	static const char *const fields[] = {"username", "password", NULL};
	json_t *body;
	const char *username, *password, *csrf;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	if ((rc = web_json_allowed(r, body, fields)) || (rc = web_json_string(r, body, "username", true, &username)) ||
	    (rc = web_json_string(r, body, "password", true, &password))) {
		json_decref(body);
		return rc;
	}
	struct store_user u;
	rc = web_auth_sign_in(r, username, password, &u, &csrf);
	json_decref(body);
	if (rc) {
		return rc;
	}
	return web_answer(r, 200, session_json(r, &u, csrf));
}

int api_session_get(struct web_request *r)
{
	return web_answer(r, 200, session_json(r, &r->session.user, r->session.csrf));
}

int api_session_delete(struct web_request *r)
{
	int rc = web_auth_sign_out(r);
	return rc ? rc : web_answer(r, 204, NULL);
}
