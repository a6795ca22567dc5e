/* cmd_backup: `hearth backup` and `hearth restore` (the work is in store/backup.c).
 *
 * The key comes from --key-file, or else from HEARTH_BACKUP_KEY_FILE, so that a nightly job
 * configured once encrypts every backup without the path on its command line. */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "cli/cli.h"
#include "store/backup.h"

static void print_problem(void *ctx, const char *what)
{
	(void)ctx;
	fprintf(stderr, "problem: %s\n", what);
}

/* The key named by --key-file or HEARTH_BACKUP_KEY_FILE into key; *have says whether there
 * was one. Non-zero (printed) when a named key cannot be read. */
static int load_key(const char *opt, unsigned char key[BACKUP_KEY_SIZE], bool *have)
{
	const char *path = opt ? opt : getenv("HEARTH_BACKUP_KEY_FILE");
	*have = path && *path;
	if (!*have) {
		return 0;
	}
	struct hearth_error err = {0};
	if (backup_key_load(path, key, &err)) {
		cli_error(&err);
		return -1;
	}
	return 0;
}

static double mb(int64_t bytes)
{
	return (double)bytes / (1024.0 * 1024.0);
}

int cmd_backup(int argc, char **argv)
{
	const char *key_file = NULL, *new_key = NULL;
	struct cli_opt opts[] = {
		{"--key-file", OPT_STR, &key_file, false},
		{"--new-key", OPT_STR, &new_key, false},
	};
	char *pos[2];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 2, pos, 2, &n_pos) || (new_key ? n_pos != 0 : n_pos != 2)) {
		fprintf(stderr, "usage: hearth backup DB FILE [--key-file KEY]  |  hearth backup --new-key KEY\n");
		return EXIT_USAGE;
	}
	struct hearth_error err = {0};
	if (new_key) {
		if (backup_key_create(new_key, &err)) {
			cli_error(&err);
			return EXIT_FAIL;
		}
		printf("made a new backup key in %s (mode 0600): keep a copy apart from the backups; without it "
		       "they cannot be read\n",
		       new_key);
		return EXIT_OK;
	}
	unsigned char key[BACKUP_KEY_SIZE];
	bool have;
	if (load_key(key_file, key, &have)) {
		return EXIT_FAIL;
	}
	struct backup_report r;
	int rc = store_backup(pos[0], pos[1], have ? key : NULL, print_problem, NULL, &r, &err);
	sodium_memzero(key, sizeof(key));
	if (rc) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	printf("backed up %s to %s (%.1f MB, %s)\n", pos[0], pos[1], mb(r.file_bytes),
	       r.encrypted ? "encrypted" : "not encrypted");
	printf("snapshot %.1f s, written %.1f s, verified %.1f s: integrity, foreign keys, schema %d, rows, "
	       "revisions, case invariants and the audit chain (%lld rows)\n",
	       r.snapshot_s, r.write_s, r.verify_s, r.schema, (long long)r.audit_rows);
	return EXIT_OK;
}

int cmd_restore(int argc, char **argv)
{
	const char *key_file = NULL;
	bool force = false;
	struct cli_opt opts[] = {
		{"--key-file", OPT_STR, &key_file, false},
		{"--force", OPT_FLAG, &force, false},
	};
	char *pos[2];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 2, pos, 2, &n_pos) || n_pos != 2) {
		fprintf(stderr, "usage: hearth restore FILE DB [--key-file KEY] [--force]\n");
		return EXIT_USAGE;
	}
	unsigned char key[BACKUP_KEY_SIZE];
	bool have;
	if (load_key(key_file, key, &have)) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	struct backup_report r;
	int rc = store_restore(pos[0], pos[1], have ? key : NULL, force, print_problem, NULL, &r, &err);
	sodium_memzero(key, sizeof(key));
	if (rc) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (r.migrated) {
		printf("the backup's record was at schema %d: migrated to %d\n", r.from_schema, r.schema);
	}
	printf("restored %s to %s (%.1f MB, %s) in %.1f s, after checking it: integrity, foreign keys, schema %d, "
	       "rows, revisions, case invariants and the audit chain (%lld rows)\n",
	       pos[0], pos[1], mb(r.record_bytes), r.encrypted ? "was encrypted" : "not encrypted", r.verify_s, r.schema,
	       (long long)r.audit_rows);
	return EXIT_OK;
}
