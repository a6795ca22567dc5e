/* backup: `hearth backup` and `hearth restore` (the file format is in backup.h).
 *
 * The copy is taken with SQLite's online backup API in a single step (sqlite3_backup_step
 * with -1) on a read-only connection. One step is one read transaction, so the copy is the
 * record exactly as it stood when that transaction began: a consistent snapshot, with
 * every change committed before it and none after. In WAL mode a reader never blocks a
 * writer, so a server keeps saving while the copy runs; the cost is only that the
 * write-ahead log cannot be checkpointed past the snapshot until it ends. Copying pages is
 * the quickest way to take it (VACUUM INTO, also consistent, rebuilds every table and
 * index, several times the work for the same snapshot), and the shorter the snapshot, the
 * less the log grows. A backup taken in several smaller steps would not do: the API starts
 * over whenever another connection writes, so under steady load it might never finish.
 *
 * The copy is then sealed into the backup file (written beside it, synced, renamed into
 * place), and the file as written is read back, unsealed into a scratch copy and checked as
 * `hearth check` checks a record. Restore runs the same unsealing and check before it puts
 * anything in place. */
#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/internal.h"

#define MAGIC "HEARTHBK"
#define FORMAT_VERSION 1
#define HEADER_SIZE 24
#define KEY_ID_SIZE 8
#define CHUNK (1u << 20)
#define SS_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define SS_HEADERBYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define DIGEST_SIZE 32

enum { KIND_PLAIN = 0, KIND_ENCRYPTED = 1 };

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int io_fail(struct hearth_error *err, const char *what, const char *path)
{
	return herr_set(err, HERR_IO, "", "io", "%s %s: %s", what, path, strerror(errno));
}

static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r < 0) {
			return -1;
		}
		if (r == 0) {
			break;
		}
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static int write_full(int fd, const void *buf, size_t n)
{
	size_t put = 0;
	while (put < n) {
		ssize_t w = write(fd, (const char *)buf + put, n - put);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w < 0) {
			return -1;
		}
		put += (size_t)w;
	}
	return 0;
}

/* A scratch file beside path ("path.TAG-XXXXXX"), made with mkstemp (mode 0600): its name
 * in out, its descriptor returned (-1 with err filled). */
static int temp_beside(const char *path, const char *tag, char *out, size_t size, struct hearth_error *err)
{
	if ((size_t)snprintf(out, size, "%s.%s-XXXXXX", path, tag) >= size) {
		herr_set(err, HERR_INVALID, "FILE", "too_long", "%s: the path is too long", path);
		return -1;
	}
	int fd = mkstemp(out);
	if (fd < 0) {
		io_fail(err, "cannot create a file beside", path);
	}
	return fd;
}

/* Makes a rename or a new file in path's directory durable. */
static void sync_dir_of(const char *path)
{
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static bool is_postgres(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

/* ---- keys ---- */

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int backup_key_load(const char *path, unsigned char key[BACKUP_KEY_SIZE], struct hearth_error *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		return herr_set(err, HERR_IO, "--key-file", "unreadable", "cannot read the key file %s: %s", path,
				strerror(errno));
	}
	unsigned char buf[80];
	ssize_t n = read_full(fd, buf, sizeof(buf));
	close(fd);
	if (n == BACKUP_KEY_SIZE) {
		memcpy(key, buf, BACKUP_KEY_SIZE);
		sodium_memzero(buf, sizeof(buf));
		return 0;
	}
	if (n == 64 || (n == 65 && buf[64] == '\n')) {
		for (int i = 0; i < BACKUP_KEY_SIZE; i++) {
			int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				goto bad;
			}
			key[i] = (unsigned char)(hi << 4 | lo);
		}
		sodium_memzero(buf, sizeof(buf));
		return 0;
	}
bad:
	sodium_memzero(buf, sizeof(buf));
	sodium_memzero(key, BACKUP_KEY_SIZE);
	return herr_set(err, HERR_INVALID, "--key-file", "key_format",
			"%s is not a backup key: it must hold 32 bytes, or 64 hex characters (make one with "
			"hearth backup --new-key FILE)",
			path);
}

int backup_key_create(const char *path, struct hearth_error *err)
{
	if (sodium_init() < 0) {
		return herr_set(err, HERR_IO, "", "sodium", "libsodium could not start");
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		return herr_set(err, errno == EEXIST ? HERR_CONFLICT : HERR_IO, "--new-key", "exists",
				"cannot create the key file %s: %s", path, strerror(errno));
	}
	unsigned char key[BACKUP_KEY_SIZE];
	char hex[2 * BACKUP_KEY_SIZE + 2];
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	size_t len = strlen(hex);
	hex[len++] = '\n';
	int rc = write_full(fd, hex, len) || fsync(fd) ? io_fail(err, "cannot write", path) : 0;
	close(fd);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	if (rc) {
		unlink(path);
	}
	return rc;
}

/* A short fingerprint of the key, kept in the header so that a wrong key is told apart
 * from a damaged file. It is a keyed hash of a fixed text: it says nothing of the key. */
static void key_id(const unsigned char *key, unsigned char out[KEY_ID_SIZE])
{
	static const char label[] = "hearth backup key id";
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)label, sizeof(label) - 1, key, BACKUP_KEY_SIZE);
	memcpy(out, h, KEY_ID_SIZE);
}

/* ---- the snapshot ---- */

static int sqlite_fail(sqlite3 *h, struct hearth_error *err, const char *what)
{
	return herr_set(err, HERR_IO, "", "database", "%s: %s", what, h ? sqlite3_errmsg(h) : "out of memory");
}

static int snapshot(const char *db, const char *to, struct hearth_error *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc = 0;
	if (sqlite3_open_v2(db, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = sqlite_fail(src, err, db);
		goto done;
	}
	sqlite3_busy_timeout(src, 10000);
	if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = sqlite_fail(dst, err, to);
		goto done;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		rc = sqlite_fail(dst, err, "backup");
		goto done;
	}
	int step;
	/* All pages in one step: one read transaction, so one consistent snapshot. BUSY comes
	 * only while another connection recovers the log, briefly. */
	for (int tries = 0; (step = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || step == SQLITE_LOCKED; tries++) {
		if (tries == 100) {
			break;
		}
		sqlite3_sleep(100);
	}
	int fin = sqlite3_backup_finish(b);
	if (step != SQLITE_DONE || fin != SQLITE_OK) {
		rc = herr_set(err, HERR_IO, "", "database", "the copy of %s failed: %s", db, sqlite3_errstr(step));
		goto done;
	}
	/* The copy carries the record's WAL flag; a backup is one self-contained file. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = sqlite_fail(dst, err, "journal mode");
	}
done:
	sqlite3_close_v2(src);
	if (dst && sqlite3_close(dst) != SQLITE_OK && !rc) {
		rc = herr_set(err, HERR_IO, "", "database", "closing the copy failed");
	}
	return rc;
}

/* ---- sealing and unsealing ---- */

static void header_make(unsigned char h[HEADER_SIZE], const unsigned char *key)
{
	memset(h, 0, HEADER_SIZE);
	memcpy(h, MAGIC, 8);
	h[8] = FORMAT_VERSION;
	h[9] = key ? KIND_ENCRYPTED : KIND_PLAIN;
	if (key) {
		h[12] = (unsigned char)(CHUNK >> 24);
		h[13] = (unsigned char)(CHUNK >> 16);
		h[14] = (unsigned char)(CHUNK >> 8);
		h[15] = (unsigned char)CHUNK;
		key_id(key, h + 16);
	}
}

/* Writes the record at plain_path into fd as a backup file, and syncs it. */
static int seal(const char *plain_path, int fd, const char *file, const unsigned char *key, int64_t *bytes,
		struct hearth_error *err)
{
	int in = open(plain_path, O_RDONLY);
	if (in < 0) {
		return io_fail(err, "cannot read", plain_path);
	}
	struct stat sb;
	fstat(in, &sb);
	*bytes = sb.st_size;
	unsigned char h[HEADER_SIZE];
	header_make(h, key);
	unsigned char *buf = malloc(CHUNK), *out = malloc(CHUNK + SS_ABYTES);
	int rc = 0;
	if (!buf || !out) {
		rc = herr_set(err, HERR_IO, "", "memory", "out of memory");
		goto done;
	}
	if (write_full(fd, h, sizeof(h))) {
		rc = io_fail(err, "cannot write", file);
		goto done;
	}
	crypto_generichash_state hs;
	crypto_secretstream_xchacha20poly1305_state ss;
	if (key) {
		unsigned char ssh[SS_HEADERBYTES];
		crypto_secretstream_xchacha20poly1305_init_push(&ss, ssh, key);
		if (write_full(fd, ssh, sizeof(ssh))) {
			rc = io_fail(err, "cannot write", file);
			goto done;
		}
	} else {
		crypto_generichash_init(&hs, NULL, 0, DIGEST_SIZE);
		crypto_generichash_update(&hs, h, sizeof(h));
	}
	int64_t left = sb.st_size;
	while (left > 0) {
		size_t want = left > CHUNK ? CHUNK : (size_t)left;
		if (read_full(in, buf, want) != (ssize_t)want) {
			rc = herr_set(err, HERR_IO, "", "io", "the copy %s changed while it was sealed", plain_path);
			goto done;
		}
		left -= (int64_t)want;
		const unsigned char *put = buf;
		size_t n = want;
		if (key) {
			unsigned long long clen;
			unsigned char tag = left == 0 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
						      : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
			crypto_secretstream_xchacha20poly1305_push(&ss, out, &clen, buf, want, h, sizeof(h), tag);
			put = out;
			n = (size_t)clen;
		} else {
			crypto_generichash_update(&hs, buf, want);
		}
		if (write_full(fd, put, n)) {
			rc = io_fail(err, "cannot write", file);
			goto done;
		}
	}
	if (!key) {
		unsigned char d[DIGEST_SIZE];
		crypto_generichash_final(&hs, d, sizeof(d));
		if (write_full(fd, d, sizeof(d))) {
			rc = io_fail(err, "cannot write", file);
			goto done;
		}
	}
	if (fsync(fd)) {
		rc = io_fail(err, "cannot sync", file);
	}
done:
	sodium_memzero(&ss, sizeof(ss));
	free(buf);
	free(out);
	close(in);
	return rc;
}

static int refused(struct hearth_error *err, const char *file, const char *why)
{
	return herr_set(err, HERR_INVALID, "FILE", "backup_damaged", "%s: %s; nothing was restored from it", file, why);
}

/* Reads the backup file into out_fd as the SQLite file it holds, checking its digest or
 * every chunk's tag, and syncs it. */
static int unseal(const char *file, const unsigned char *key, int out_fd, const char *out_path,
		  struct backup_report *r, struct hearth_error *err)
{
	int in = open(file, O_RDONLY);
	if (in < 0) {
		return io_fail(err, "cannot read", file);
	}
	struct stat sb;
	fstat(in, &sb);
	r->file_bytes = sb.st_size;
	unsigned char h[HEADER_SIZE];
	unsigned char *buf = malloc(CHUNK + SS_ABYTES), *out = malloc(CHUNK);
	crypto_secretstream_xchacha20poly1305_state ss;
	int rc = 0;
	if (!buf || !out) {
		rc = herr_set(err, HERR_IO, "", "memory", "out of memory");
		goto done;
	}
	if (read_full(in, h, sizeof(h)) != (ssize_t)sizeof(h) || memcmp(h, MAGIC, 8) != 0) {
		rc = herr_set(err, HERR_INVALID, "FILE", "not_a_backup", "%s is not a Hearth backup (made by hearth backup)",
			      file);
		goto done;
	}
	if (h[8] != FORMAT_VERSION) {
		rc = herr_set(err, HERR_INVALID, "FILE", "backup_version",
			      "%s is a Hearth backup of format version %d; this hearth reads version %d", file, h[8],
			      FORMAT_VERSION);
		goto done;
	}
	uint32_t chunk = (uint32_t)h[12] << 24 | (uint32_t)h[13] << 16 | (uint32_t)h[14] << 8 | h[15];
	static const unsigned char zero[HEADER_SIZE];
	bool header_ok = h[9] == KIND_PLAIN ? memcmp(h + 10, zero, HEADER_SIZE - 10) == 0
			 : h[9] == KIND_ENCRYPTED ? h[10] == 0 && h[11] == 0 && chunk == CHUNK
						  : false;
	if (!header_ok) {
		rc = refused(err, file, "its header is damaged");
		goto done;
	}
	r->encrypted = h[9] == KIND_ENCRYPTED;
	if (r->encrypted && !key) {
		rc = herr_set(err, HERR_INVALID, "--key-file", "key_needed",
			      "%s is encrypted: give its key with --key-file (or HEARTH_BACKUP_KEY_FILE)", file);
		goto done;
	}
	int64_t written = 0;
	if (r->encrypted) {
		unsigned char id[KEY_ID_SIZE], ssh[SS_HEADERBYTES];
		key_id(key, id);
		if (sodium_memcmp(id, h + 16, KEY_ID_SIZE) != 0) {
			rc = herr_set(err, HERR_INVALID, "--key-file", "wrong_key",
				      "%s was encrypted with another key (or its header is damaged); nothing was "
				      "restored from it",
				      file);
			goto done;
		}
		if (read_full(in, ssh, sizeof(ssh)) != (ssize_t)sizeof(ssh) ||
		    crypto_secretstream_xchacha20poly1305_init_pull(&ss, ssh, key) != 0) {
			rc = refused(err, file, "it is cut short");
			goto done;
		}
		bool final = false;
		while (!final) {
			ssize_t n = read_full(in, buf, CHUNK + SS_ABYTES);
			if (n < 0) {
				rc = io_fail(err, "cannot read", file);
				goto done;
			}
			if (n <= (ssize_t)SS_ABYTES) {
				rc = refused(err, file, "it is cut short");
				goto done;
			}
			unsigned long long mlen;
			unsigned char tag;
			if (crypto_secretstream_xchacha20poly1305_pull(&ss, out, &mlen, &tag, buf, (unsigned long long)n, h,
								       sizeof(h)) != 0) {
				rc = refused(err, file, "it was altered or damaged (a chunk fails its authentication)");
				goto done;
			}
			final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
			if (!final && n != (ssize_t)(CHUNK + SS_ABYTES)) {
				rc = refused(err, file, "it is cut short");
				goto done;
			}
			if (write_full(out_fd, out, (size_t)mlen)) {
				rc = io_fail(err, "cannot write", out_path);
				goto done;
			}
			written += (int64_t)mlen;
		}
		if (read_full(in, buf, 1) != 0) {
			rc = refused(err, file, "bytes were added after its end");
			goto done;
		}
	} else {
		int64_t left = sb.st_size - HEADER_SIZE - DIGEST_SIZE;
		if (left <= 0) {
			rc = refused(err, file, "it is cut short");
			goto done;
		}
		crypto_generichash_state hs;
		crypto_generichash_init(&hs, NULL, 0, DIGEST_SIZE);
		crypto_generichash_update(&hs, h, sizeof(h));
		while (left > 0) {
			size_t want = left > CHUNK ? CHUNK : (size_t)left;
			if (read_full(in, buf, want) != (ssize_t)want) {
				rc = io_fail(err, "cannot read", file);
				goto done;
			}
			crypto_generichash_update(&hs, buf, want);
			if (write_full(out_fd, buf, want)) {
				rc = io_fail(err, "cannot write", out_path);
				goto done;
			}
			left -= (int64_t)want;
			written += (int64_t)want;
		}
		unsigned char d[DIGEST_SIZE], want_d[DIGEST_SIZE];
		crypto_generichash_final(&hs, d, sizeof(d));
		if (read_full(in, want_d, sizeof(want_d)) != (ssize_t)sizeof(want_d) ||
		    sodium_memcmp(d, want_d, DIGEST_SIZE) != 0) {
			rc = refused(err, file, "it was altered or damaged (its digest does not match)");
			goto done;
		}
	}
	r->record_bytes = written;
	if (fsync(out_fd)) {
		rc = io_fail(err, "cannot sync", out_path);
	}
done:
	sodium_memzero(&ss, sizeof(ss));
	if (out) {
		sodium_memzero(out, CHUNK);
	}
	free(buf);
	free(out);
	close(in);
	return rc;
}

/* ---- the check ---- */

/* The schema version of the SQLite file at path, or -1. */
static int file_user_version(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	int v = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		v = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close_v2(h);
	return v;
}

/* `hearth check` on the copy at path: integrity and foreign keys, the schema, every row's
 * rules, the revisions, the case invariants and the audit chain. */
static int verify(const char *path, const char *named, store_problem_fn report, void *ctx, struct backup_report *r,
		  struct hearth_error *err)
{
	struct store *st;
	int rc = store_open(path, STORE_READ, &st, err);
	if (rc) {
		return rc;
	}
	r->schema = store_schema_version(st);
	int problems = store_check(st, report, ctx, err);
	if (problems == 0) {
		struct db_stmt *s;
		if (!(rc = db_prepare(store_db(st), "SELECT count(*) FROM audit", &s, err))) {
			if ((rc = db_step(s, err)) == 1) {
				r->audit_rows = db_col_int(s, 0);
				rc = 0;
			}
			db_finalize(s);
		}
	}
	store_close(st);
	if (problems < 0) {
		return problems;
	}
	if (problems > 0) {
		return herr_set(err, HERR_INVALID, "FILE", "check_failed",
				"%s fails hearth check (%d problem%s above); nothing was restored from it", named, problems,
				problems == 1 ? "" : "s");
	}
	return rc;
}

/* ---- backup ---- */

int store_backup(const char *db, const char *file, const unsigned char *key, store_problem_fn report, void *ctx,
		 struct backup_report *r, struct hearth_error *err)
{
	memset(r, 0, sizeof(*r));
	r->encrypted = key != NULL;
	if (is_postgres(db)) {
		return herr_set(err, HERR_INVALID, "DB", "postgresql",
				"hearth backup copies SQLite records; back up PostgreSQL with its own tools "
				"(pg_basebackup with WAL archiving, or pg_dump), as docs/deploy.md describes");
	}
	if (sodium_init() < 0) {
		return herr_set(err, HERR_IO, "", "sodium", "libsodium could not start");
	}
	db_sqlite_init();
	struct stat sb;
	if (stat(file, &sb) == 0) {
		return herr_set(err, HERR_CONFLICT, "FILE", "exists", "%s already exists; hearth backup will not overwrite it",
				file);
	}
	struct store *st;
	int rc = store_open(db, STORE_READ, &st, err);
	if (rc) {
		return rc;
	}
	store_close(st);

	char snap[4200] = "", sealed[4200] = "", check[4200] = "";
	bool placed = false;
	double t0 = now_s();
	int fd = temp_beside(file, "snapshot", snap, sizeof(snap), err);
	if (fd < 0) {
		return HERR_IO;
	}
	close(fd);
	if ((rc = snapshot(db, snap, err))) {
		goto done;
	}
	double t1 = now_s();
	r->snapshot_s = t1 - t0;
	if ((fd = temp_beside(file, "tmp", sealed, sizeof(sealed), err)) < 0) {
		rc = HERR_IO;
		goto done;
	}
	rc = seal(snap, fd, file, key, &r->record_bytes, err);
	close(fd);
	unlink(snap);
	snap[0] = 0;
	if (rc) {
		goto done;
	}
	/* Never over a file that appeared meanwhile. */
	if (renameat2(AT_FDCWD, sealed, AT_FDCWD, file, RENAME_NOREPLACE) != 0) {
		rc = errno == EEXIST ? herr_set(err, HERR_CONFLICT, "FILE", "exists",
						"%s already exists; hearth backup will not overwrite it", file)
				     : io_fail(err, "cannot rename into", file);
		goto done;
	}
	sealed[0] = 0;
	placed = true;
	sync_dir_of(file);
	double t2 = now_s();
	r->write_s = t2 - t1;
	/* Verify what is on disk, not what was meant to be written. */
	if ((fd = temp_beside(file, "verify", check, sizeof(check), err)) < 0) {
		rc = HERR_IO;
		goto done;
	}
	struct backup_report v = {0};
	rc = unseal(file, key, fd, check, &v, err);
	close(fd);
	if (!rc) {
		rc = verify(check, file, report, ctx, &v, err);
	}
	r->file_bytes = v.file_bytes;
	r->schema = v.schema;
	r->audit_rows = v.audit_rows;
	r->verify_s = now_s() - t2;
done:
	if (snap[0]) {
		unlink(snap);
	}
	if (sealed[0]) {
		unlink(sealed);
	}
	if (check[0]) {
		unlink(check);
	}
	if (rc && placed) {
		unlink(file);
	}
	return rc;
}

/* ---- restore ---- */

/* Proves the record at db is open nowhere else, and leaves it a single file: leaving WAL
 * mode needs every other connection gone, so it fails at once (no busy wait) when a server
 * or a command holds it. */
static int take_over(const char *db, struct hearth_error *err)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	bool alone = false;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA journal_mode=DELETE", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(s, 0);
		alone = mode && strcmp(mode, "delete") == 0;
	}
	sqlite3_finalize(s);
	sqlite3_close_v2(h);
	if (!alone) {
		return herr_set(err, HERR_CONFLICT, "DB", "in_use",
				"%s is open elsewhere (a server or another command): stop it before restoring over it", db);
	}
	return 0;
}

static void back_to_wal(const char *db)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	}
	sqlite3_close_v2(h);
}

int store_restore(const char *file, const char *db, const unsigned char *key, bool force, store_problem_fn report,
		  void *ctx, struct backup_report *r, struct hearth_error *err)
{
	memset(r, 0, sizeof(*r));
	if (is_postgres(db)) {
		return herr_set(err, HERR_INVALID, "DB", "postgresql",
				"hearth restore writes a SQLite file: restore to one, then move it onto the server with "
				"hearth copy FILE.db postgresql://... (docs/deploy.md)");
	}
	if (sodium_init() < 0) {
		return herr_set(err, HERR_IO, "", "sodium", "libsodium could not start");
	}
	db_sqlite_init();
	struct stat sb;
	bool exists = stat(db, &sb) == 0;
	char side[4200];
	if (exists && !force) {
		return herr_set(err, HERR_CONFLICT, "DB", "exists",
				"%s already exists; hearth restore replaces a record only with --force", db);
	}
	snprintf(side, sizeof(side), "%s-wal", db);
	struct stat wb;
	if (!exists && stat(side, &wb) == 0) {
		return herr_set(err, HERR_CONFLICT, "DB", "stray_wal",
				"%s does not exist but %s does: it may hold changes; move it away first", db, side);
	}
	char tmp[4200];
	int fd = temp_beside(db, "restore", tmp, sizeof(tmp), err);
	if (fd < 0) {
		return HERR_IO;
	}
	double t0 = now_s();
	int rc = unseal(file, key, fd, tmp, r, err);
	close(fd);
	if (rc) {
		goto done;
	}
	int v = file_user_version(tmp);
	r->from_schema = v;
	if (v <= 0) {
		rc = herr_set(err, HERR_INVALID, "FILE", "not_a_record", "%s does not hold a Hearth record", file);
		goto done;
	}
	if (v > store_schema_latest()) {
		rc = herr_set(err, HERR_INVALID, "FILE", "newer_schema",
			      "%s holds a record at schema %d, newer than this hearth (%d): restore it with a newer "
			      "hearth",
			      file, v, store_schema_latest());
		goto done;
	}
	if (v < store_schema_latest()) {
		struct store *st;
		if ((rc = store_open(tmp, STORE_WRITE, &st, err))) {
			goto done;
		}
		store_close(st);
		r->migrated = true;
	}
	if ((rc = verify(tmp, file, report, ctx, r, err))) {
		goto done;
	}
	/* A record lives in WAL mode (as hearth init makes it); then sync it whole. */
	back_to_wal(tmp);
	if ((fd = open(tmp, O_RDWR)) < 0 || fsync(fd)) {
		rc = io_fail(err, "cannot sync", tmp);
		if (fd >= 0) {
			close(fd);
		}
		goto done;
	}
	if (exists) {
		fchmod(fd, sb.st_mode & 0777);
		if (fchown(fd, sb.st_uid, sb.st_gid)) {
			/* Not the owner's to give (not root): the file stays ours, mode as the old one. */
		}
	}
	close(fd);
	if (exists && (rc = take_over(db, err))) {
		goto done;
	}
	int moved = exists ? rename(tmp, db) : renameat2(AT_FDCWD, tmp, AT_FDCWD, db, RENAME_NOREPLACE);
	if (moved != 0) {
		rc = errno == EEXIST ? herr_set(err, HERR_CONFLICT, "DB", "exists",
						"%s appeared meanwhile; nothing was replaced", db)
				     : io_fail(err, "cannot rename into", db);
		if (exists) {
			back_to_wal(db);
		}
		goto done;
	}
	tmp[0] = 0;
	sync_dir_of(db);
	r->verify_s = now_s() - t0;
done:
	if (tmp[0]) {
		unlink(tmp);
		char extra[4300];
		snprintf(extra, sizeof(extra), "%s-wal", tmp);
		unlink(extra);
		snprintf(extra, sizeof(extra), "%s-shm", tmp);
		unlink(extra);
		snprintf(extra, sizeof(extra), "%s-journal", tmp);
		unlink(extra);
	}
	return rc;
}
