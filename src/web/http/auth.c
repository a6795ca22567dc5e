/* auth: sessions, cookies, CSRF and the sign-in throttle.
 *
 * A session is a 256-bit random token, sent to the browser once in the hearth_session
 * cookie (HttpOnly, SameSite=Strict, Secure when web_cookie_secure says) and stored only
 * as its SHA-256. It ends at sign-out, after session_idle_minutes unused, after
 * session_absolute_hours whatever happens, and at once when its user is disabled or their
 * password changes (store/access.c ends them in the same transaction). Its CSRF token is
 * a second random value handed out in the JSON answer to sign-in (and GET /api/session);
 * every state-changing request must echo it in X-CSRF-Token, compared in constant time.
 * "Last seen" is written at most once a minute per session, so reads stay reads.
 *
 * The throttle (NCSC: throttle rather than lock, so an attacker cannot lock the real user
 * out): wrong passwords are counted per account and address ("p:" key) and per address
 * for any account ("a:" key), in the record (store/access.c), so a restart forgets
 * nothing. Beyond signin_free_failures for the pair (signin_address_free_failures for the
 * address) each failure makes the next try from there wait signin_delay_s, doubling per
 * further failure up to signin_delay_max_s; while it waits, sign-in answers 429 with
 * Retry-After without checking the password. The same account from another address is not
 * held back. A browser that has signed in as the person carries a hearth_device cookie (a
 * random token, stored as its SHA-256, living device_days): its failures are counted
 * apart ("d:" key) and the address's count does not hold it back, so the real user on a
 * known device gets in even from an office whose address an attacker shares. Every wrong
 * password, every try held back and every wait begun is an audit row. Failures are
 * forgotten after signin_forget_hours quiet, or at a success; an admin clears them with
 * `hearth user DB unlock`. An unknown username costs the same argon2id verification as a
 * known one, so timing does not reveal which usernames exist. */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "base/secret.h"
#include "web/http/http.h"

#define COOKIE "hearth_session"
#define DEVICE_COOKIE "hearth_device"
#define TOUCH_EVERY_S 60
#define MAX_SHIFT 30

static char dummy_hash[SECRET_HASH_SIZE];

int web_auth_init(struct web_server *srv, struct hearth_error *err)
{
	(void)srv;
	if (secret_init() || secret_password_hash("hearth: no such user, but the same work", dummy_hash)) {
		return herr_set(err, HERR_IO, "", "crypto", "libsodium could not be initialised");
	}
	return 0;
}

hinstant web_auth_delay(int64_t failures, int free_failures, int delay_s, int delay_max_s)
{
	if (failures < free_failures) {
		return 0;
	}
	int64_t shift = failures - free_failures;
	hinstant d = (hinstant)delay_s << (shift > MAX_SHIFT ? MAX_SHIFT : shift);
	return d > delay_max_s ? delay_max_s : d;
}

bool web_auth_token_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) {
			return false;
		}
	}
	return n == 64;
}

const char *web_auth_token_hash(struct web_request *r)
{
	if (!r->token_hash[0]) {
		const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE);
		if (!tok || !web_auth_token_ok(tok)) {
			return NULL; /* no session (a malformed cookie is no session either) */
		}
		secret_sha256_hex(tok, 64, r->token_hash);
	}
	return r->token_hash;
}

/* A write to the session (it ended, or was seen): at once, or, inside the request's read
 * transaction (which writes nothing), when it ends (web_auth_session_write). */
static int session_write(struct web_request *r, bool end, int64_t id, hinstant now, struct hearth_error *err)
{
	if (store_web_reading(r->sw)) {
		r->session_write = end ? 2 : 1;
		r->session_write_id = id;
		r->session_write_at = now;
		return 0;
	}
	return end ? store_session_end(r->st, id, now, NULL) : store_session_touch(r->st, id, now, err);
}

void web_auth_session_write(struct web_request *r)
{
	int what = r->session_write;
	r->session_write = 0;
	struct hearth_error err = {0};
	if (what && session_write(r, what == 2, r->session_write_id, r->session_write_at, &err) && what == 1) {
		web_fail_err(r, &err); /* as a touch failing before the request's work would have */
	}
}

int web_auth_session(struct web_request *r)
{
	const char *hash = web_auth_token_hash(r);
	if (!hash) {
		return 0;
	}
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
	const struct settings *set = &r->srv->set;
	int role = role_parse(s.user.role);
	if (s.user.disabled || role < 0 || now - s.seen_at >= (hinstant)set->session_idle_minutes * 60 ||
	    now - s.created_at >= (hinstant)set->session_absolute_hours * 3600) {
		session_write(r, true, s.id, now, NULL);
		return 0;
	}
	if (now - s.seen_at >= TOUCH_EVERY_S && (rc = session_write(r, false, s.id, now, &err))) {
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
	store_web_scope_remember(r->sw, hash, &r->scope); /* a guess for the session's next request */
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
			 (json_int_t)r->srv->set.session_idle_minutes * 60, "absolute_timeout_s",
			 (json_int_t)r->srv->set.session_absolute_hours * 3600);
}

static const char *cookie(struct web_request *r, const char *name, const char *value, long long max_age)
{
	return arena_printf(&r->a, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s", name, value, max_age,
			    web_cookie_secure(r) ? "; Secure" : "");
}

/* The browser's hearth_device cookie, when it names a known browser not past its life:
 * its id and whose it is. */
static int64_t known_device(struct web_request *r, hinstant now, int64_t *user_id)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, DEVICE_COOKIE);
	if (!tok || strlen(tok) != 64 || strspn(tok, "0123456789abcdef") != 64) {
		return 0;
	}
	char hash[SECRET_SHA256_HEX];
	secret_sha256_hex(tok, 64, hash);
	int64_t id;
	hinstant created;
	if (store_device_find(r->st, hash, &id, user_id, &created, NULL) ||
	    now - created >= (hinstant)r->srv->set.device_days * 86400) {
		return 0;
	}
	return id;
}

/* Counts a wrong password against key and starts its wait when past free; returns the
 * wait begun (0 when none), or -1 on a store failure. */
static hinstant count_failure(struct web_request *r, const struct store_throttle_key *k, int free_failures,
			      hinstant now, struct hearth_error *err)
{
	const struct settings *set = &r->srv->set;
	int64_t failures;
	if (store_throttle_fail(r->st, k, now, now - (hinstant)set->signin_forget_hours * 3600, &failures, err)) {
		return -1;
	}
	hinstant wait = web_auth_delay(failures, free_failures, set->signin_delay_s, set->signin_delay_max_s);
	if (wait > 0 && store_throttle_set_until(r->st, k->key, now + wait, err)) {
		return -1;
	}
	return wait;
}

int web_auth_sign_in(struct web_request *r, const char *username, const char *password, struct store_user *u,
		     const char **csrf_out)
{
	const struct settings *set = &r->srv->set;
	size_t ulen = strlen(username), plen = strlen(password);
	if (ulen == 0 || ulen > 64 || plen == 0 || plen > 1024) {
		return web_fail(r, 400, ulen == 0 || ulen > 64 ? "username" : "password", "length",
				"username and password must be 1-64 and 1-1024 characters");
	}
	hinstant now = instant_now();
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
	int64_t device_user = 0, device = known_device(r, now, &device_user);
	if (!known || device_user != u->id) {
		device = 0; /* another person's browser is no known device for this one */
	}
	struct store_throttle_key pair = {NULL, username, r->address}, addr = {NULL, NULL, r->address};
	pair.key = device ? arena_printf(&r->a, "d:%lld", (long long)device)
			  : arena_printf(&r->a, "p:%s|%s", username, r->address);
	addr.key = arena_printf(&r->a, "a:%s", r->address);
	hinstant until_pair = 0, until_addr = 0;
	if (store_throttle_until(r->st, pair.key, &until_pair, &err) ||
	    (!device && store_throttle_until(r->st, addr.key, &until_addr, &err))) {
		return web_fail_err(r, &err);
	}
	hinstant until = until_pair > until_addr ? until_pair : until_addr;
	if (until > now) {
		r->retry_after = (int)(until - now);
		web_audit_row(r, "denied", 0, until_pair > now ? "sign_in held back: account from this address"
							       : "sign_in held back: this address");
		return web_fail(r, 429, NULL, "throttled", "too many failed sign-ins from here; try again in %lld seconds",
				(long long)(until - now));
	}
	bool ok = secret_password_verify(known ? u->password_hash : dummy_hash, password) && known && !u->disabled &&
		  role_parse(u->role) >= 0;
	if (!ok) {
		hinstant wait_pair = count_failure(r, &pair, set->signin_free_failures, now, &err);
		hinstant wait_addr = device || wait_pair < 0 ? 0
							   : count_failure(r, &addr, set->signin_address_free_failures, now,
									   &err);
		if (wait_pair < 0 || wait_addr < 0) {
			return web_fail_err(r, &err);
		}
		web_audit_row(r, "denied", 0, "sign_in");
		if (wait_pair || wait_addr) {
			hinstant wait = wait_pair > wait_addr ? wait_pair : wait_addr;
			web_audit_row(r, "throttle", 0,
				      arena_printf(&r->a, "sign_in waits %llds: %s", (long long)wait,
						   wait_pair >= wait_addr ? (device ? "account on this device"
										    : "account from this address")
									  : "this address"));
		}
		return web_fail(r, 401, NULL, "credentials", "the username or password is not right");
	}
	char token[SECRET_TOKEN_HEX], hash[SECRET_SHA256_HEX], csrf[SECRET_TOKEN_HEX];
	/* The throttle forgotten, this browser known and the session begun: all or none of it
	 * (a fault half way must not leave a known browser with no session behind it). */
	if ((rc = store_begin(r->st, &err))) {
		return web_fail_err(r, &err);
	}
	if ((rc = store_throttle_clear(r->st, pair.key, now - (hinstant)set->signin_forget_hours * 3600, &err))) {
		store_rollback(r->st);
		return web_fail_err(r, &err);
	}
	if (!device) {
		/* This browser is now known: its own failures will count apart from its address's. */
		secret_token(token);
		secret_sha256_hex(token, 64, hash);
		hinstant life = (hinstant)set->device_days * 86400;
		if ((rc = store_device_add(r->st, u->id, hash, now, now - life, &err))) {
			store_rollback(r->st);
			return web_fail_err(r, &err);
		}
		r->set_cookie2 = cookie(r, DEVICE_COOKIE, token, life);
	}
	secret_token(token);
	secret_token(csrf);
	secret_sha256_hex(token, 64, hash);
	if ((rc = store_session_create(r->st, u->id, hash, csrf, now, &err)) || (rc = store_commit(r->st, &err))) {
		store_rollback(r->st);
		r->set_cookie2 = NULL;
		return web_fail_err(r, &err);
	}
	r->set_cookie = cookie(r, COOKIE, token, (hinstant)set->session_absolute_hours * 3600);
	r->user_id = u->id;
	web_audit_row(r, "sign_in", 0, "session");
	*csrf_out = arena_strdup(&r->a, csrf);
	return 0;
}

int web_auth_sign_in_as(struct web_request *r, const char *username)
{
	const struct settings *set = &r->srv->set;
	struct store_user u;
	struct hearth_error err = {0};
	int rc = store_user_by_name(r->st, username, &r->a, &u, &err);
	if (rc && rc != HERR_NOT_FOUND) {
		return web_fail_err(r, &err);
	}
	if (rc || u.disabled || role_parse(u.role) < 0) {
		snprintf(r->actor, sizeof(r->actor), rc ? "unknown" : "user:%lld", rc ? 0LL : (long long)u.id);
		web_audit_row(r, "denied", 0, "oidc: no enabled Hearth user of that name");
		return web_fail(r, 403, NULL, "oidc",
				"your organisation's account (%s) is not a Hearth user here; ask Hearth's administrator",
				username);
	}
	snprintf(r->actor, sizeof(r->actor), "user:%lld", (long long)u.id);
	char token[SECRET_TOKEN_HEX], hash[SECRET_SHA256_HEX], csrf[SECRET_TOKEN_HEX];
	secret_token(token);
	secret_token(csrf);
	secret_sha256_hex(token, 64, hash);
	if ((rc = store_session_create(r->st, u.id, hash, csrf, instant_now(), &err))) {
		return web_fail_err(r, &err);
	}
	r->set_cookie = cookie(r, COOKIE, token, (hinstant)set->session_absolute_hours * 3600);
	r->user_id = u.id;
	web_audit_row(r, "sign_in", 0, "oidc");
	r->location = "/";
	r->status = 303;
	return 303;
}

int web_auth_sign_out(struct web_request *r)
{
	struct hearth_error err = {0};
	if (store_session_end(r->st, r->session.id, instant_now(), &err)) {
		return web_fail_err(r, &err);
	}
	r->set_cookie = cookie(r, COOKIE, "", 0);
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

