/* backup: a SQLite record copied while it is in use, kept in a checked file, and put back.
 *
 * A backup file is a small header naming the format and its version, then the record:
 *
 *   bytes 0-7    "HEARTHBK"
 *   byte  8      format version (1)
 *   byte  9      0: not encrypted; 1: encrypted
 *   bytes 10-11  zero
 *   bytes 12-15  encrypted: the plaintext chunk size, big-endian; otherwise zero
 *   not encrypted: the SQLite file, then a 32-byte BLAKE2b of everything before it
 *   encrypted:     libsodium's crypto_secretstream_xchacha20poly1305 header (24 bytes), then
 *                  the SQLite file in chunks, each authenticated with the 16-byte header as
 *                  associated data; the last chunk is tagged FINAL and nothing may follow it.
 *
 * So a flipped byte anywhere, a cut-off file or bytes added after the end are all refused:
 * an unencrypted backup by its digest (which catches damage, not a forger who rewrites the
 * digest too), an encrypted one by its authentication tags (which catch both). A key is 32
 * random bytes, in a file of its own, raw or as 64 hex characters.
 *
 * Every function returns 0 or a negative HERR_* code with err filled. Temporary files are
 * made beside the file being written and removed however the function ends. */
#ifndef HEARTH_STORE_BACKUP_H
#define HEARTH_STORE_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

#define BACKUP_KEY_SIZE 32

/* What a backup or restore did, for the command to print. */
struct backup_report {
	bool encrypted;
	int64_t file_bytes;	/* the backup file */
	int64_t record_bytes;	/* the SQLite file inside it */
	int schema;		/* the record's schema version */
	int64_t audit_rows;
	double snapshot_s, write_s, verify_s;	/* wall-clock seconds per phase */
	bool migrated;		/* restore: the copy was at an older schema and was migrated */
	int from_schema;
};

/* Reads a key file: exactly 32 bytes, or 64 hex characters and an optional newline. */
int backup_key_load(const char *path, unsigned char key[BACKUP_KEY_SIZE], struct hearth_error *err);
/* Makes a new random key at path (mode 0600); refuses when path exists. */
int backup_key_create(const char *path, struct hearth_error *err);

/* Copies the SQLite record db to file (which must not exist), encrypted when key is not
 * NULL, then reads the file back and checks it as `hearth check` does (report is called
 * once per problem found). A postgresql:// db is refused: use the server's own tools
 * (docs/deploy.md). Returns 0 only when the file is written and verified; otherwise
 * nothing is left at file. */
int store_backup(const char *db, const char *file, const unsigned char *key, store_problem_fn report, void *ctx,
		 struct backup_report *out, struct hearth_error *err);

/* Checks the backup file (its digest or tags, then integrity, the audit chain and every
 * rule `hearth check` applies, and the schema version: an older record is migrated in the
 * copy) and only then puts it at db: written beside it, synced, renamed into place. db must
 * not exist unless force; with force it must not be open anywhere (a server holding it is
 * refused). key may be NULL for an unencrypted backup. Nothing at db changes on failure. */
int store_restore(const char *file, const char *db, const unsigned char *key, bool force, store_problem_fn report,
		  void *ctx, struct backup_report *out, struct hearth_error *err);

#endif
