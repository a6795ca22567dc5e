/* web: `hearth serve`, the JSON API over HTTP (libmicrohttpd).
 *
 * The one entry point the CLI calls. web_serve() opens the record, starts the audit
 * writer and the HTTP daemon, prints one line saying where it listens, then blocks until
 * SIGINT or SIGTERM, finishes the requests in flight (up to a grace period) and stops.
 * It never calls exit(): every failure comes back as a HERR_* code with err filled.
 *
 * Signals: web_serve blocks SIGINT, SIGTERM and SIGPIPE in the calling thread before any
 * thread starts (so every thread inherits the mask) and waits for the first two with
 * sigwait(); the caller must not install handlers of its own for them. */
#ifndef HEARTH_WEB_WEB_H
#define HEARTH_WEB_WEB_H

#include <stdbool.h>

#include "base/error.h"

#define WEB_DEFAULT_PORT 8080
#define WEB_DEFAULT_THREADS 2

struct web_options {
	const char *db_path;		/* the record (a SQLite file) */
	const char *host;		/* a numeric IPv4 or IPv6 address: "127.0.0.1", "::1" */
	unsigned port;			/* 0: any free port (the line printed names it) */
	unsigned threads;		/* MHD worker threads (the pool), 1..64 */
	unsigned timeout_s;		/* idle connection timeout, for slow clients */
	unsigned header_timeout_s;	/* a request's headers must all arrive within this (0: no limit) */
	unsigned per_address;		/* open connections per client address (0: no limit) */
	unsigned max_connections;	/* open connections in all */
	bool secure_cookies;		/* cookies always carry Secure (--secure-cookies) */
	const char *tls_cert, *tls_key;	/* PEM files: serve HTTPS (both, or neither) */
	/* Sign-in through an identity provider (oidc.c): all of issuer, client id and redirect
	 * URI, or none (NULL: off). The secret is optional (a public client uses PKCE alone);
	 * claim names the ID token's claim that is a Hearth username ("email"). */
	const char *oidc_issuer, *oidc_client_id, *oidc_client_secret, *oidc_redirect, *oidc_claim;
	/* A claim holding an address (jo.bloggs@council.gov.uk) names the user jo.bloggs only
	 * when its domain is this one (NULL: such a claim names nobody). */
	const char *oidc_email_domain;
	/* Called once the server listens, with its URL ("http://127.0.0.1:8080/"). */
	void (*ready)(void *ctx, const char *url);
	void *ready_ctx;
};

/* Fills o with the defaults (127.0.0.1:8080, 2 threads, 30 s connection timeout, headers
 * within 10 s, 64 connections per address and 1000 in all, plain HTTP). db_path stays
 * NULL. The sign-in throttle, session lifetimes, trusted proxies and forced Secure cookies
 * are the record's settings (model/settings.h), read when the server starts. */
void web_options_default(struct web_options *o);

/* Serves until SIGINT or SIGTERM. Returns 0 after a clean shutdown, or a negative HERR_*
 * (err filled) when the record cannot be opened, the address cannot be bound (a port in
 * use fails loudly: SO_REUSEPORT is never set) or the route table is unsound. */
int web_serve(const struct web_options *o, struct hearth_error *err);

#endif
