/* oidc: sign-in through the council's identity provider by OpenID Connect (the
 * authorisation code flow with PKCE, S256), as `hearth serve --oidc-*` configures it.
 *
 *   GET /oidc/start     makes a state, a nonce and a PKCE verifier (kept in the record for
 *                       OIDC_PENDING_S, table oidc_pending, so a restart or another server
 *                       process can finish the sign-in; the state also in a cookie on this
 *                       browser),
 *                       reads the provider's discovery document and sends the browser to
 *                       its authorization_endpoint;
 *   GET /oidc/callback  takes the pending sign-in its state names (once only, and only
 *                       from the browser holding the state's cookie), swaps the code and
 *                       the verifier for tokens at the token_endpoint, and checks the ID
 *                       token: RS256 only, signed by a key of the provider's JWKS (by kid;
 *                       the JWKS is kept for its Cache-Control max-age, within
 *                       OIDC_JWKS_MIN_S..OIDC_JWKS_MAX_S, and fetched again at once, one
 *                       time, for a kid it does not hold: the provider has rotated its keys),
 *                       of 2048 bits or more; iss the configured issuer; aud the client id
 *                       (azp too when aud names others); not expired (60 s leeway), not
 *                       issued in the future; the nonce this sign-in sent. The configured
 *                       claim (email by default; an address must be in --oidc-email-domain
 *                       and names the user before the @) must then be the username of an
 *                       existing, enabled Hearth user (nobody is created), who is signed in
 *                       as by a password (auth.c). Every refusal is audited (denied, "oidc: why").
 *
 * The provider is reached by HTTP/1.0 over OpenSSL (https, the system's trusted roots and
 * the host name checked; plain http too, for a provider on the same machine or a test). */
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/secret.h"
#include "web/http/http.h"

#define OIDC_COOKIE "hearth_oidc"
#define OIDC_PENDING_S 600
#define OIDC_LEEWAY_S 60
#define OIDC_FETCH_MAX ((size_t)1 << 20)
#define OIDC_TIMEOUT_S 10
#define OIDC_JWKS_MIN_S 60	/* however often the provider says to ask again */
#define OIDC_JWKS_MAX_S 86400
#define OIDC_JWKS_DEFAULT_S 3600	/* when it says nothing */

/* The provider's key set, as last fetched (one per process: every sign-in shares it). */
static pthread_mutex_t jwks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char *url, *text;	/* NULL: none yet */
	hinstant until;
} jwks_cache;

/* ---- base64url ---- */

static const char b64u[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static char *b64u_encode(struct arena *a, const unsigned char *p, size_t n)
{
	char *out = arena_alloc(a, (n + 2) / 3 * 4 + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		out[k++] = b64u[v >> 18 & 63];
		out[k++] = b64u[v >> 12 & 63];
		if (i + 1 < n) {
			out[k++] = b64u[v >> 6 & 63];
		}
		if (i + 2 < n) {
			out[k++] = b64u[v & 63];
		}
	}
	out[k] = '\0';
	return out;
}

/* Decodes n characters of unpadded base64url: the bytes (NUL-terminated), or NULL when s
 * is not base64url. */
static unsigned char *b64u_decode(struct arena *a, const char *s, size_t n, size_t *len)
{
	if (n % 4 == 1) {
		return NULL;
	}
	unsigned char *out = arena_alloc(a, n / 4 * 3 + 3);
	size_t k = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *c = s[i] ? strchr(b64u, s[i]) : NULL;
		if (!c) {
			return NULL;
		}
		v = v << 6 | (unsigned)(c - b64u);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[k++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	out[k] = '\0';
	*len = k;
	return out;
}

/* ---- the provider, over HTTP ---- */

/* GET url (form NULL) or POST form to it; the answer's status and body (NUL-terminated,
 * in a). 0, or -1 with why. */
static int fetch(struct arena *a, const char *url, const char *form, int *status, char **head, char **body,
		 const char **why)
{
	bool tls = strncmp(url, "https://", 8) == 0;
	if (!tls && strncmp(url, "http://", 7) != 0) {
		*why = "the provider's address is not http:// or https://";
		return -1;
	}
	const char *h = url + (tls ? 8 : 7), *slash = strchr(h, '/');
	const char *hostport = slash ? arena_strndup(a, h, (size_t)(slash - h)) : h;
	const char *path = slash ? slash : "/";
	char host[256], port[8];
	const char *colon = strrchr(hostport, ':');
	if (colon && !strchr(colon, ']')) {
		snprintf(host, sizeof(host), "%.*s", (int)(colon - hostport), hostport);
		snprintf(port, sizeof(port), "%s", colon + 1);
	} else {
		snprintf(host, sizeof(host), "%s", hostport);
		snprintf(port, sizeof(port), "%s", tls ? "443" : "80");
	}
	SSL_CTX *ctx = NULL;
	BIO *b;
	if (tls) {
		ctx = SSL_CTX_new(TLS_client_method());
		if (!ctx) {
			*why = "TLS could not start";
			return -1;
		}
		SSL_CTX_set_default_verify_paths(ctx);
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
		SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
		b = BIO_new_ssl_connect(ctx);
		SSL *ssl = NULL;
		BIO_get_ssl(b, &ssl);
		SSL_set_tlsext_host_name(ssl, host);
		SSL_set1_host(ssl, host);
	} else {
		b = BIO_new(BIO_s_connect());
	}
	BIO_set_conn_hostname(b, host);
	BIO_set_conn_port(b, port);
	int rc = -1;
	struct buf req = BUF_INIT, got = BUF_INIT;
	if (BIO_do_connect(b) <= 0 || (tls && BIO_do_handshake(b) <= 0)) {
		*why = tls ? "the provider could not be reached over TLS (or its certificate is not trusted)"
			   : "the provider could not be reached";
		goto done;
	}
	int fd = -1;
	BIO_get_fd(b, &fd);
	if (fd >= 0) {
		struct timeval tv = {OIDC_TIMEOUT_S, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	}
	if (form) {
		buf_printf(&req,
			   "POST %s HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\nContent-Type: "
			   "application/x-www-form-urlencoded\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
			   path, hostport, strlen(form), form);
	} else {
		buf_printf(&req, "GET %s HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
			   path, hostport);
	}
	if (BIO_write(b, buf_cstr(&req), (int)strlen(buf_cstr(&req))) <= 0) {
		*why = "the provider could not be written to";
		goto done;
	}
	char chunk[8192];
	int n;
	while ((n = BIO_read(b, chunk, sizeof(chunk))) > 0) {
		if (got.len + (size_t)n > OIDC_FETCH_MAX) {
			*why = "the provider's answer is too large";
			goto done;
		}
		buf_append(&got, chunk, (size_t)n);
	}
	const char *text = buf_cstr(&got), *end = strstr(text, "\r\n\r\n");
	int code = 0;
	if (!end || sscanf(text, "HTTP/1.%*d %d", &code) != 1) {
		*why = "the provider's answer is not HTTP";
		goto done;
	}
	if (strcasestr(arena_strndup(a, text, (size_t)(end - text)), "transfer-encoding: chunked")) {
		*why = "the provider's answer is chunked, which an HTTP/1.0 request does not take";
		goto done;
	}
	*status = code;
	*head = arena_strndup(a, text, (size_t)(end - text));
	*body = arena_strdup(a, end + 4);
	rc = 0;
done:
	buf_free(&req);
	buf_free(&got);
	BIO_free_all(b);
	SSL_CTX_free(ctx);
	return rc;
}

/* GET url (or POST form to it) as a JSON object (status 200): the object (the caller
 * decrefs), or NULL with why; *head (if not NULL) the answer's header lines. */
static json_t *fetch_json(struct arena *a, const char *url, const char *form, char **head, const char **why)
{
	int status = 0;
	char *body, *h;
	if (fetch(a, url, form, &status, &h, &body, why)) {
		return NULL;
	}
	if (head) {
		*head = h;
	}
	json_t *o = json_loads(body, JSON_REJECT_DUPLICATES, NULL);
	if (status != 200 || !json_is_object(o)) {
		json_decref(o);
		*why = arena_printf(a, "the provider answered %d, not a JSON object", status);
		return NULL;
	}
	return o;
}

static const char *jstring(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/* The provider's discovery document, its issuer checked. */
static json_t *discover(struct web_request *r, const char **why)
{
	const struct web_options *o = &r->srv->opt;
	size_t n = strlen(o->oidc_issuer);
	const char *url = arena_printf(&r->a, "%.*s/.well-known/openid-configuration",
				       (int)(n && o->oidc_issuer[n - 1] == '/' ? n - 1 : n), o->oidc_issuer);
	json_t *d = fetch_json(&r->a, url, NULL, NULL, why);
	if (d && (!jstring(d, "issuer") || strcmp(jstring(d, "issuer"), o->oidc_issuer) != 0)) {
		*why = "the provider's discovery document names another issuer";
	} else if (d && (!jstring(d, "authorization_endpoint") || !jstring(d, "token_endpoint") || !jstring(d, "jwks_uri"))) {
		*why = "the provider's discovery document lacks an endpoint";
	} else {
		return d;
	}
	json_decref(d);
	return NULL;
}

/* How long the provider says its answer may be kept: Cache-Control's max-age within
 * OIDC_JWKS_MIN_S..OIDC_JWKS_MAX_S (no-store or no-cache: the least). */
static long keep_for(const char *head)
{
	long s = OIDC_JWKS_DEFAULT_S;
	for (const char *l = head; l && *l; l = strstr(l, "\r\n") ? strstr(l, "\r\n") + 2 : NULL) {
		if (strncasecmp(l, "cache-control:", 14) != 0) {
			continue;
		}
		size_t n = strcspn(l, "\r");
		char line[256];
		snprintf(line, sizeof(line), "%.*s", (int)n, l);
		const char *m = strcasestr(line, "max-age=");
		if (m) {
			s = strtol(m + 8, NULL, 10);
		}
		if (strcasestr(line, "no-store") || strcasestr(line, "no-cache")) {
			s = 0;
		}
	}
	return s < OIDC_JWKS_MIN_S ? OIDC_JWKS_MIN_S : s > OIDC_JWKS_MAX_S ? OIDC_JWKS_MAX_S : s;
}

/* The provider's key set: the one kept, unless fresh is asked for (or it is out of date
 * or from another address), else fetched and kept. The caller decrefs; NULL with why. */
static json_t *jwks_get(struct web_request *r, const char *url, bool fresh, const char **why)
{
	hinstant now = instant_now();
	json_t *keys = NULL;
	pthread_mutex_lock(&jwks_lock);
	if (!fresh && jwks_cache.text && strcmp(jwks_cache.url, url) == 0 && now < jwks_cache.until) {
		keys = json_loads(jwks_cache.text, 0, NULL);
	}
	pthread_mutex_unlock(&jwks_lock);
	if (keys) {
		return keys;
	}
	char *head = NULL;
	if (!(keys = fetch_json(&r->a, url, NULL, &head, why))) {
		return NULL;
	}
	char *text = json_dumps(keys, JSON_COMPACT);
	if (text) {
		pthread_mutex_lock(&jwks_lock);
		free(jwks_cache.url);
		free(jwks_cache.text);
		jwks_cache.url = xstrdup(url);
		jwks_cache.text = text;
		jwks_cache.until = now + keep_for(head);
		pthread_mutex_unlock(&jwks_lock);
	}
	return keys;
}

/* ---- the ID token ---- */

static const char no_key[] = "the ID token's key is not in the provider's key set";

/* The RSA public key of a JWK, or NULL. */
static EVP_PKEY *jwk_rsa(struct arena *a, json_t *k)
{
	const char *n64 = jstring(k, "n"), *e64 = jstring(k, "e");
	size_t nl, el;
	unsigned char *n = n64 ? b64u_decode(a, n64, strlen(n64), &nl) : NULL;
	unsigned char *e = e64 ? b64u_decode(a, e64, strlen(e64), &el) : NULL;
	if (!n || !e) {
		return NULL;
	}
	BIGNUM *bn = BN_bin2bn(n, (int)nl, NULL), *be = BN_bin2bn(e, (int)el, NULL);
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY *pkey = NULL;
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (bn && be && bld && ctx && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) &&
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) && (params = OSSL_PARAM_BLD_to_param(bld)) &&
	    EVP_PKEY_fromdata_init(ctx) > 0) {
		if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
			pkey = NULL;
		}
	}
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	BN_free(be);
	return pkey;
}

/* Checks the ID token; its claims (the caller decrefs), or NULL with why. */
static json_t *id_token_check(struct web_request *r, const char *jwt, json_t *jwks, const char *nonce, const char **why)
{
	const struct web_options *o = &r->srv->opt;
	const char *d1 = strchr(jwt, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	if (!d1 || !d2 || strchr(d2 + 1, '.')) {
		*why = "the ID token is not a signed JWT";
		return NULL;
	}
	size_t hl, pl, sl;
	unsigned char *hd = b64u_decode(&r->a, jwt, (size_t)(d1 - jwt), &hl);
	unsigned char *pd = b64u_decode(&r->a, d1 + 1, (size_t)(d2 - d1 - 1), &pl);
	unsigned char *sig = b64u_decode(&r->a, d2 + 1, strlen(d2 + 1), &sl);
	json_t *head = hd ? json_loadb((const char *)hd, hl, JSON_REJECT_DUPLICATES, NULL) : NULL;
	json_t *claims = pd ? json_loadb((const char *)pd, pl, JSON_REJECT_DUPLICATES, NULL) : NULL;
	const char *alg = head ? jstring(head, "alg") : NULL, *kid = head ? jstring(head, "kid") : NULL;
	if (!json_is_object(head) || !json_is_object(claims) || !sig) {
		*why = "the ID token cannot be read";
		goto refuse;
	}
	if (!alg || strcmp(alg, "RS256") != 0) {
		*why = "the ID token is not signed with RS256";
		goto refuse;
	}
	/* The key: the JWKS's RSA signing key of the token's kid (or its only one). */
	json_t *keys = json_object_get(jwks, "keys"), *key = NULL;
	size_t i, candidates = 0;
	json_t *k;
	json_array_foreach(keys, i, k) {
		const char *kty = jstring(k, "kty"), *use = jstring(k, "use"), *kalg = jstring(k, "alg");
		const char *kkid = jstring(k, "kid");
		if (!kty || strcmp(kty, "RSA") != 0 || (use && strcmp(use, "sig") != 0) || (kalg && strcmp(kalg, "RS256") != 0)) {
			continue;
		}
		if (kid ? kkid && strcmp(kid, kkid) == 0 : true) {
			key = k;
			candidates++;
		}
	}
	if (!key || candidates != 1) {
		*why = no_key;
		goto refuse;
	}
	EVP_PKEY *pkey = jwk_rsa(&r->a, key);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	bool good = pkey && md && EVP_PKEY_get_bits(pkey) >= 2048 &&
		    EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
		    EVP_DigestVerify(md, sig, sl, (const unsigned char *)jwt, (size_t)(d2 - jwt)) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	if (!good) {
		*why = "the ID token's signature is not the provider's";
		goto refuse;
	}
	const char *iss = jstring(claims, "iss"), *azp = jstring(claims, "azp"), *tn = jstring(claims, "nonce");
	if (!iss || strcmp(iss, o->oidc_issuer) != 0) {
		*why = "the ID token is from another issuer";
		goto refuse;
	}
	json_t *aud = json_object_get(claims, "aud");
	bool for_us = json_is_string(aud) && strcmp(json_string_value(aud), o->oidc_client_id) == 0;
	if (json_is_array(aud)) {
		json_array_foreach(aud, i, k) {
			for_us = for_us || (json_is_string(k) && strcmp(json_string_value(k), o->oidc_client_id) == 0);
		}
		if (json_array_size(aud) > 1 && (!azp || strcmp(azp, o->oidc_client_id) != 0)) {
			for_us = false;
		}
	}
	if (!for_us || (azp && strcmp(azp, o->oidc_client_id) != 0)) {
		*why = "the ID token is for another audience";
		goto refuse;
	}
	hinstant now = instant_now();
	json_t *exp = json_object_get(claims, "exp"), *iat = json_object_get(claims, "iat");
	if (!json_is_number(exp) || json_number_value(exp) + OIDC_LEEWAY_S < (double)now) {
		*why = "the ID token has expired";
		goto refuse;
	}
	if (iat && (!json_is_number(iat) || json_number_value(iat) > (double)(now + OIDC_LEEWAY_S))) {
		*why = "the ID token was issued in the future";
		goto refuse;
	}
	if (!tn || strlen(tn) != strlen(nonce) || CRYPTO_memcmp(tn, nonce, strlen(nonce)) != 0) {
		*why = "the ID token's nonce is not this sign-in's";
		goto refuse;
	}
	json_decref(head);
	return claims;
refuse:
	json_decref(head);
	json_decref(claims);
	return NULL;
}

/* ---- the routes ---- */

static int not_set_up(struct web_request *r)
{
	return web_fail(r, 404, "path", "not_found", "sign-in through an identity provider is not set up here");
}

static int refuse(struct web_request *r, const char *why)
{
	web_audit_row(r, "denied", 0, arena_printf(&r->a, "oidc: %s", why));
	return web_fail(r, 403, NULL, "oidc", "signing in through your organisation's account did not work: %s", why);
}

int page_oidc_start(struct web_request *r)
{
	const struct web_options *o = &r->srv->opt;
	if (!o->oidc_issuer) {
		return not_set_up(r);
	}
	const char *why = NULL;
	json_t *d = discover(r, &why);
	if (!d) {
		return web_fail(r, 502, NULL, "oidc", "the identity provider could not be asked: %s", why);
	}
	/* A GET, but it writes the pending sign-in: out of the dispatcher's read snapshot. */
	store_web_read_end(r->sw);
	struct {
		char state[SECRET_TOKEN_HEX], nonce[SECRET_TOKEN_HEX], verifier[SECRET_TOKEN_HEX];
	} p;
	secret_token(p.state);
	secret_token(p.nonce);
	secret_token(p.verifier);
	char state_hash[SECRET_SHA256_HEX];
	secret_sha256_hex(p.state, 64, state_hash);
	struct hearth_error err = {0};
	hinstant now = instant_now();
	if (store_oidc_pending_put(r->st, state_hash, p.nonce, p.verifier, now, now + OIDC_PENDING_S, &err)) {
		json_decref(d);
		return web_fail_err(r, &err);
	}
	unsigned char digest[32];
	EVP_Digest(p.verifier, 64, digest, NULL, EVP_sha256(), NULL);
	const char *challenge = b64u_encode(&r->a, digest, sizeof(digest));
	const char *endpoint = jstring(d, "authorization_endpoint");
	r->location = arena_printf(&r->a,
				   "%s%sresponse_type=code&client_id=%s&redirect_uri=%s&scope=openid%%20email%%20profile"
				   "&state=%s&nonce=%s&code_challenge=%s&code_challenge_method=S256",
				   endpoint, strchr(endpoint, '?') ? "&" : "?", url_encode(&r->a, o->oidc_client_id),
				   url_encode(&r->a, o->oidc_redirect), p.state, p.nonce, challenge);
	json_decref(d);
	r->set_cookie = arena_printf(&r->a, "%s=%s; Path=/oidc; Max-Age=%d; HttpOnly; SameSite=Lax%s", OIDC_COOKIE, p.state,
				     OIDC_PENDING_S, web_cookie_secure(r) ? "; Secure" : "");
	r->status = 303;
	return 303;
}

int page_oidc_callback(struct web_request *r)
{
	const struct web_options *o = &r->srv->opt;
	if (!o->oidc_issuer) {
		return not_set_up(r);
	}
	/* A GET, but it starts a session: out of the read snapshot the dispatcher began (which
	 * a write cannot begin inside; ending it twice is harmless). */
	store_web_read_end(r->sw);
	const char *error = web_query(r, "error"), *code = web_query(r, "code"), *state = web_query(r, "state");
	const char *iss = web_query(r, "iss");
	if (error) {
		return refuse(r, arena_printf(&r->a, "the provider said %s", error));
	}
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, OIDC_COOKIE);
	struct {
		char nonce[STORE_OIDC_TOKEN], verifier[STORE_OIDC_TOKEN];
	} p;
	int taken = HERR_NOT_FOUND;
	struct hearth_error err = {0};
	if (code && state && cookie && strlen(cookie) == strlen(state) && strlen(state) == 64 &&
	    CRYPTO_memcmp(cookie, state, strlen(state)) == 0) {
		char state_hash[SECRET_SHA256_HEX];
		secret_sha256_hex(state, 64, state_hash);
		taken = store_oidc_pending_take(r->st, state_hash, instant_now(), p.nonce, p.verifier, &err);
		if (taken && taken != HERR_NOT_FOUND) {
			return web_fail_err(r, &err);
		}
	}
	if (taken) {
		return refuse(r, "this sign-in was not begun here, has been used, or is too old; start again");
	}
	if (iss && strcmp(iss, o->oidc_issuer) != 0) {
		return refuse(r, "the answer came from another issuer");
	}
	const char *why = NULL;
	json_t *d = discover(r, &why);
	if (!d) {
		return refuse(r, why);
	}
	struct buf form = BUF_INIT;
	buf_printf(&form, "grant_type=authorization_code&code=%s&redirect_uri=%s&client_id=%s&code_verifier=%s",
		   url_encode(&r->a, code), url_encode(&r->a, o->oidc_redirect), url_encode(&r->a, o->oidc_client_id),
		   p.verifier);
	if (o->oidc_client_secret) {
		buf_printf(&form, "&client_secret=%s", url_encode(&r->a, o->oidc_client_secret));
	}
	json_t *tokens = fetch_json(&r->a, jstring(d, "token_endpoint"), buf_cstr(&form), NULL, &why);
	buf_free(&form);
	const char *jwks_uri = arena_strdup(&r->a, jstring(d, "jwks_uri"));
	json_t *jwks = tokens ? jwks_get(r, jwks_uri, false, &why) : NULL;
	json_decref(d);
	const char *id_token = tokens ? jstring(tokens, "id_token") : NULL;
	if (tokens && !id_token) {
		why = "the provider gave no ID token";
	}
	json_t *claims = id_token && jwks ? id_token_check(r, id_token, jwks, p.nonce, &why) : NULL;
	if (!claims && why == no_key) {
		/* A key the kept set does not hold: the provider may have rotated its keys. */
		json_decref(jwks);
		jwks = jwks_get(r, jwks_uri, true, &why);
		claims = jwks ? id_token_check(r, id_token, jwks, p.nonce, &why) : NULL;
	}
	json_decref(tokens);
	json_decref(jwks);
	if (!claims) {
		return refuse(r, why);
	}
	const char *who = jstring(claims, o->oidc_claim);
	char *name = who ? arena_strdup(&r->a, who) : NULL;
	json_decref(claims);
	if (!name || !*name) {
		return refuse(r, arena_printf(&r->a, "the ID token has no %s", o->oidc_claim));
	}
	for (char *c = name; *c; c++) {
		*c = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
	}
	/* An address names the user before the @, in the council's own domain only. */
	char *at = strchr(name, '@');
	if (at) {
		if (!o->oidc_email_domain || strcasecmp(at + 1, o->oidc_email_domain) != 0) {
			return refuse(r, arena_printf(&r->a, "%s is not an address in this council's domain", name));
		}
		*at = '\0';
	}
	return web_auth_sign_in_as(r, name);
}
