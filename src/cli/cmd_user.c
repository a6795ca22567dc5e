/* cmd_user: people who sign in — add, passwd, role, disable, grant, unlock, list.
 *
 * Passwords are read from standard input (one line, however long), never from the
 * command line where other users of the machine could see them in the process list, and
 * must pass the password rules (model/password.h). Changing a password or disabling a
 * person ends their sessions at once. unlock forgets the sign-in throttle's failures for
 * a person (from every address and browser), and with --address for that address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/secret.h"
#include "cli/cli.h"
#include "cli/resolve.h"
#include "model/password.h"
#include "model/roles.h"
#include "model/settings.h"
#include "model/validate.h"

static const char *setting_from(void *ctx, const char *key)
{
	void **c = ctx;
	return store_setting(c[0], key, c[1]);
}

/* Reads the whole first line of standard input (however long: a password is never cut
 * short) and checks it against the password rules (model/password.h) for username. */
static int read_password(struct store *st, const char *username, char **out, size_t *len_out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		cli_fail("password: none given on standard input");
		return -1;
	}
	size_t len = (size_t)n;
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
		line[--len] = '\0';
	}
	struct settings set;
	struct arena a = ARENA_INIT;
	void *ctx[2] = {st, &a};
	settings_load(&set, setting_from, ctx, NULL);
	arena_free(&a);
	struct hearth_error err = {0};
	int rc = password_check(line, len, username, set.password_min_length, &err);
	if (!rc && !validate_text(line, false)) {
		rc = herr_set(&err, HERR_INVALID, "password", "text", "must be UTF-8 text without control characters");
	}
	if (rc) {
		cli_error(&err);
		sodium_memzero(line, cap);
		free(line);
		return -1;
	}
	*out = line;
	*len_out = cap;
	return 0;
}

static int hash_from_stdin(struct store *st, const char *username, char hash[SECRET_HASH_SIZE])
{
	char *pw;
	size_t cap;
	if (read_password(st, username, &pw, &cap)) {
		return -1;
	}
	int rc = secret_init() || secret_password_hash(pw, hash);
	sodium_memzero(pw, cap);
	free(pw);
	if (rc) {
		cli_fail("password: could not hash (out of memory?)");
		return -1;
	}
	return 0;
}

static bool valid_username(const char *u)
{
	size_t n = strlen(u);
	if (n < 2 || n > 64) {
		return false;
	}
	for (const char *p = u; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-')) {
			return false;
		}
	}
	return true;
}

static int user_id(struct store *st, const char *name, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct store_user u;
	struct hearth_error err = {0};
	int rc = store_user_by_name(st, name, &a, &u, &err);
	arena_free(&a);
	if (rc) {
		cli_fail("username: there is no user '%s'", name);
		return -1;
	}
	*id = u.id;
	return 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hearth user DB add|passwd|role|disable|grant|unlock|list ...\n");
		return EXIT_USAGE;
	}
	const char *verb = argv[2], *role = NULL, *team = NULL, *worker = NULL, *address = NULL;
	struct cli_opt opts[] = {{"--role", OPT_STR, &role, false},
				 {"--team", OPT_STR, &team, false},
				 {"--worker", OPT_STR, &worker, false},
				 {"--address", OPT_STR, &address, false}};
	char *pos[2];
	int n_pos;
	if (cli_parse(argc, argv, 3, opts, 4, pos, 2, &n_pos)) {
		return EXIT_USAGE;
	}
	bool list = strcmp(verb, "list") == 0;
	if (!list && n_pos < 1) {
		fprintf(stderr, "usage: hearth user DB %s USERNAME ...\n", verb);
		return EXIT_USAGE;
	}
	if (role && role_parse(role) < 0) {
		cli_fail("--role: '%s' is not a role (social_worker, team_manager, iro, personal_adviser, lado, "
			 "front_door, analyst, head_of_service, admin, inspector) (rule: code)",
			 role);
		return EXIT_FAIL;
	}
	struct store *st = cli_open(argv[1], list ? STORE_READ : STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	int rc = 0;
	int64_t id = 0, team_id = 0, worker_id = 0;
	if (team && resolve_ref(st, "team", team, &team_id, &err)) {
		rc = -1;
	}
	if (!rc && worker && resolve_ref(st, "worker", worker, &worker_id, &err)) {
		rc = -1;
	}
	if (rc) {
		cli_error(&err);
	} else if (list) {
		struct arena a = ARENA_INIT;
		struct store_user *u;
		size_t n;
		if (!(rc = store_users(st, &a, &u, &n, &err))) {
			for (size_t i = 0; i < n; i++) {
				printf("%-20s %-18s team %-4lld%s\n", u[i].username, u[i].role, (long long)u[i].team_id,
				       u[i].disabled ? " (disabled)" : "");
			}
		}
		arena_free(&a);
	} else if (strcmp(verb, "add") == 0) {
		char hash[SECRET_HASH_SIZE];
		if (!role) {
			cli_fail("--role: required (rule: required)");
			rc = -1;
		} else if (!valid_username(pos[0])) {
			cli_fail("username: 2-64 characters of a-z, 0-9, '.', '_' or '-' (rule: username)");
			rc = -1;
		} else if ((rc = hash_from_stdin(st, pos[0], hash)) == 0) {
			rc = store_user_add(st, cli_actor(), pos[0], hash, role, team_id, worker_id, &id, &err);
			if (rc) {
				cli_error(&err);
			} else {
				printf("added user %s (%s)\n", pos[0], role);
			}
		}
	} else if (strcmp(verb, "passwd") == 0) {
		char hash[SECRET_HASH_SIZE];
		if (!(rc = user_id(st, pos[0], &id)) && !(rc = hash_from_stdin(st, pos[0], hash))) {
			if ((rc = store_user_set_password(st, cli_actor(), id, hash, &err))) {
				cli_error(&err);
			} else {
				printf("password changed for %s; their sessions have ended\n", pos[0]);
			}
		}
	} else if (strcmp(verb, "role") == 0) {
		if (!role) {
			cli_fail("--role: required (rule: required)");
			rc = -1;
		} else if (!(rc = user_id(st, pos[0], &id))) {
			if ((rc = store_user_set_role(st, cli_actor(), id, role, team_id, &err))) {
				cli_error(&err);
			} else {
				printf("%s is now %s\n", pos[0], role);
			}
		}
	} else if (strcmp(verb, "disable") == 0) {
		if (!(rc = user_id(st, pos[0], &id))) {
			if ((rc = store_user_disable(st, cli_actor(), id, &err))) {
				cli_error(&err);
			} else {
				printf("%s disabled; their sessions have ended\n", pos[0]);
			}
		}
	} else if (strcmp(verb, "grant") == 0) {
		int64_t child_id;
		if (n_pos != 2) {
			fprintf(stderr, "usage: hearth user DB grant USERNAME CHILD\n");
			rc = -1;
		} else if (!(rc = user_id(st, pos[0], &id))) {
			if ((rc = resolve_ref(st, "child", pos[1], &child_id, &err)) ||
			    (rc = store_grant_add(st, cli_actor(), id, child_id, &err))) {
				cli_error(&err);
			} else {
				printf("%s may now read the restricted record of %s\n", pos[0], pos[1]);
			}
		}
	} else if (strcmp(verb, "unlock") == 0) {
		int64_t cleared;
		char norm[SETTINGS_ADDRESS_SIZE + 32];
		struct settings probe = {0};
		snprintf(norm, sizeof(norm), "%s", address ? address : "");
		if (address && settings_apply(&probe, "trusted_proxies", address, NULL) == 0 && probe.n_proxies == 1) {
			snprintf(norm, sizeof(norm), "%s", probe.proxies[0]); /* as the server writes it */
		} else if (address) {
			cli_fail("--address: '%s' is not a numeric IPv4 or IPv6 address (rule: address)", address);
			rc = -1;
		}
		if (!rc && !(rc = user_id(st, pos[0], &id))) {
			if ((rc = store_throttle_unlock(st, cli_actor(), pos[0], address ? norm : NULL, &cleared, &err))) {
				cli_error(&err);
			} else {
				printf("%s may sign in again from anywhere%s%s (%lld held back)\n", pos[0],
				       address ? "; so may everyone from " : "", address ? norm : "", (long long)cleared);
			}
		}
	} else {
		cli_fail("user: no subcommand '%s' (add, passwd, role, disable, grant, unlock, list)", verb);
		store_close(st);
		return EXIT_USAGE;
	}
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
