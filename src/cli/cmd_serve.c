/* cmd_serve: `hearth serve DB [--listen HOST:PORT] [--threads N] [--timeout SECONDS]
 * [--header-timeout SECONDS] [--per-address N] [--max-connections N] [--secure-cookies]
 * [--tls-cert FILE --tls-key FILE] [--oidc-issuer URL --oidc-client-id ID --oidc-redirect-uri URL
 * [--oidc-client-secret-file FILE] [--oidc-claim CLAIM] [--oidc-email-domain DOMAIN]]`.
 *
 * Thin: parses the options, hands them to web_serve (src/web), which serves until SIGINT
 * or SIGTERM. Prints one line on standard output once listening (the URL), and the
 * server logs one line per request on standard error. --tls-cert and --tls-key (PEM)
 * serve HTTPS with HSTS; --secure-cookies marks cookies Secure when a TLS proxy in front
 * talks plain HTTP to Hearth on loopback (the secure_cookies setting does the same).
 * --oidc-* turn on sign-in through the council's identity provider (web/http/oidc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "web/web.h"

static void ready(void *ctx, const char *url)
{
	printf("hearth: serving %s at %s\n", (const char *)ctx, url);
	fflush(stdout);
}

/* "127.0.0.1:8080" or "[::1]:8080" into host (a copy in out) and port. */
static int parse_listen(const char *s, char *out, size_t size, unsigned *port)
{
	const char *colon;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':') {
			return -1;
		}
		snprintf(out, size, "%.*s", (int)(close - s - 1), s + 1);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || colon == s) {
			return -1;
		}
		snprintf(out, size, "%.*s", (int)(colon - s), s);
	}
	char *end;
	unsigned long p = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || p > 65535) {
		return -1;
	}
	*port = (unsigned)p;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct web_options o;
	web_options_default(&o);
	const char *listen = "127.0.0.1:8080";
	int64_t threads = o.threads, timeout = o.timeout_s, header_timeout = o.header_timeout_s,
		per_address = o.per_address, max_connections = o.max_connections;
	const char *tls_cert = NULL, *tls_key = NULL;
	bool secure = false;
	const char *oidc_issuer = NULL, *oidc_client = NULL, *oidc_redirect = NULL, *oidc_secret_file = NULL,
		   *oidc_claim = "email", *oidc_domain = NULL;
	struct cli_opt opts[] = {{"--listen", OPT_STR, &listen, false},
				 {"--threads", OPT_INT, &threads, false},
				 {"--timeout", OPT_INT, &timeout, false},
				 {"--header-timeout", OPT_INT, &header_timeout, false},
				 {"--per-address", OPT_INT, &per_address, false},
				 {"--max-connections", OPT_INT, &max_connections, false},
				 {"--secure-cookies", OPT_FLAG, &secure, false},
				 {"--tls-cert", OPT_STR, &tls_cert, false},
				 {"--tls-key", OPT_STR, &tls_key, false},
				 {"--oidc-issuer", OPT_STR, &oidc_issuer, false},
				 {"--oidc-client-id", OPT_STR, &oidc_client, false},
				 {"--oidc-redirect-uri", OPT_STR, &oidc_redirect, false},
				 {"--oidc-client-secret-file", OPT_STR, &oidc_secret_file, false},
				 {"--oidc-claim", OPT_STR, &oidc_claim, false},
				 {"--oidc-email-domain", OPT_STR, &oidc_domain, false}};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, (int)(sizeof(opts) / sizeof(opts[0])), pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth serve DB [--listen HOST:PORT] [--threads N] [--timeout SECONDS]\n"
				"       [--header-timeout SECONDS] [--per-address N] [--max-connections N]\n"
				"       [--secure-cookies] [--tls-cert FILE --tls-key FILE]\n"
				"       [--oidc-issuer URL --oidc-client-id ID --oidc-redirect-uri URL\n"
				"        [--oidc-client-secret-file FILE] [--oidc-claim email|sub|preferred_username|upn]\n"
				"        [--oidc-email-domain DOMAIN]]\n");
		return EXIT_USAGE;
	}
	char host[64];
	if (parse_listen(listen, host, sizeof(host), &o.port)) {
		cli_fail("--listen: '%s' is not HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080", listen);
		return EXIT_USAGE;
	}
	if (threads < 1 || threads > 64) {
		cli_fail("--threads: must be from 1 to 64");
		return EXIT_USAGE;
	}
	if (timeout < 1 || timeout > 3600) {
		cli_fail("--timeout: must be from 1 to 3600 seconds");
		return EXIT_USAGE;
	}
	if (header_timeout < 0 || header_timeout > 3600) {
		cli_fail("--header-timeout: must be from 0 (no limit) to 3600 seconds");
		return EXIT_USAGE;
	}
	if (max_connections < 1 || max_connections > 100000) {
		cli_fail("--max-connections: must be from 1 to 100000");
		return EXIT_USAGE;
	}
	if (per_address < 0 || per_address > max_connections) {
		cli_fail("--per-address: must be from 0 (no limit) to --max-connections (%lld)", (long long)max_connections);
		return EXIT_USAGE;
	}
	if (!!oidc_issuer != !!oidc_client || !!oidc_issuer != !!oidc_redirect) {
		cli_fail("--oidc-issuer, --oidc-client-id and --oidc-redirect-uri go together");
		return EXIT_USAGE;
	}
	static const char *const claims[] = {"email", "sub", "preferred_username", "upn"};
	bool claim_ok = false;
	for (size_t i = 0; i < sizeof(claims) / sizeof(claims[0]); i++) {
		claim_ok = claim_ok || strcmp(oidc_claim, claims[i]) == 0;
	}
	if (!claim_ok) {
		cli_fail("--oidc-claim: must be email, sub, preferred_username or upn");
		return EXIT_USAGE;
	}
	char secret[512] = "";
	if (oidc_secret_file) {
		FILE *f = fopen(oidc_secret_file, "r");
		size_t n = f ? fread(secret, 1, sizeof(secret) - 1, f) : 0;
		if (f) {
			fclose(f);
		}
		secret[n] = '\0';
		secret[strcspn(secret, "\r\n")] = '\0';
		if (!f || !secret[0]) {
			cli_fail("--oidc-client-secret-file: %s cannot be read, or is empty", oidc_secret_file);
			return EXIT_USAGE;
		}
	}
	o.oidc_issuer = oidc_issuer;
	o.oidc_client_id = oidc_client;
	o.oidc_redirect = oidc_redirect;
	o.oidc_client_secret = oidc_secret_file ? secret : NULL;
	o.oidc_claim = oidc_claim;
	o.oidc_email_domain = oidc_domain;
	o.host = host;
	o.header_timeout_s = (unsigned)header_timeout;
	o.per_address = (unsigned)per_address;
	o.max_connections = (unsigned)max_connections;
	o.threads = (unsigned)threads;
	o.timeout_s = (unsigned)timeout;
	o.secure_cookies = secure;
	o.tls_cert = tls_cert;
	o.tls_key = tls_key;
	o.db_path = pos[0];
	o.ready = ready;
	o.ready_ctx = pos[0];
	struct hearth_error err = {0};
	if (web_serve(&o, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
