/* fault: a SQLite VFS that fails on demand, for the fault tests (test builds only).
 *
 * Compiled in only with -DHEARTH_FAULTS, as the Makefile does for build/fault/hearth; the
 * hearth that councils run has none of it. It wraps the default VFS, passing every call
 * through, and counts the reads, writes and syncs of every file SQLite opens (the record,
 * its log, its journals). The environment chooses which call fails:
 *
 *   HEARTH_FAULT=KIND:N    the Nth call of KIND fails, once;
 *   HEARTH_FAULT=KIND:N+   the Nth and every later one fail (a disk that stays full);
 *
 * KIND is write (SQLITE_IOERR_WRITE), sync (SQLITE_IOERR_FSYNC), read (SQLITE_IOERR_READ)
 * or full (a write answering SQLITE_FULL). With HEARTH_FAULT_ARM=PATH the specification is
 * read from the file PATH instead, and counting starts afresh whenever that file appears or
 * is replaced; while it is absent nothing fails. That lets a test aim at one request of a
 * running server. Each injected failure is reported on stderr as "hearth-fault: ...", so a
 * test knows whether the operation it ran met one. */
#include "store/fault.h"

#ifdef HEARTH_FAULTS

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum fault_kind { FK_NONE, FK_WRITE, FK_SYNC, FK_READ, FK_FULL };
static const char *const kind_names[] = {"none", "write", "sync", "read", "full"};

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;	/* follows this struct in the same allocation */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static enum fault_kind kind;
static long nth, count;
static bool sticky;
static const char *arm_path;
static struct stat arm_seen;
static bool arm_present;

static void parse(const char *spec)
{
	kind = FK_NONE;
	count = 0;
	char name[16];
	long n;
	char plus = 0;
	if (!spec || sscanf(spec, "%15[a-z]:%ld%c", name, &n, &plus) < 2 || n < 1) {
		return;
	}
	for (int k = FK_WRITE; k <= FK_FULL; k++) {
		if (strcmp(name, kind_names[k]) == 0) {
			kind = (enum fault_kind)k;
		}
	}
	nth = n;
	sticky = plus == '+';
}

/* With HEARTH_FAULT_ARM: reads the file again when it appeared or was replaced. */
static void rearm(void)
{
	struct stat sb;
	if (stat(arm_path, &sb) != 0) {
		arm_present = false;
		kind = FK_NONE;
		return;
	}
	if (arm_present && sb.st_ino == arm_seen.st_ino && sb.st_mtim.tv_sec == arm_seen.st_mtim.tv_sec &&
	    sb.st_mtim.tv_nsec == arm_seen.st_mtim.tv_nsec && sb.st_size == arm_seen.st_size) {
		return;
	}
	arm_present = true;
	arm_seen = sb;
	char spec[64] = "";
	FILE *f = fopen(arm_path, "r");
	if (f) {
		if (!fgets(spec, sizeof(spec), f)) {
			spec[0] = 0;
		}
		fclose(f);
	}
	parse(spec);
}

/* The error this call of kind k is to fail with, or SQLITE_OK. */
static int fails(enum fault_kind k)
{
	pthread_mutex_lock(&mu);
	if (arm_path) {
		rearm();
	}
	bool f = false;
	long at = 0;
	enum fault_kind want = kind;
	if (want != FK_NONE && (want == k || (want == FK_FULL && k == FK_WRITE))) {
		at = ++count;
		f = at == nth || (sticky && at > nth);
	}
	pthread_mutex_unlock(&mu);
	if (!f) {
		return SQLITE_OK;
	}
	fprintf(stderr, "hearth-fault: %s call %ld failed (injected)\n", kind_names[want], at);
	return want == FK_FULL ? SQLITE_FULL : k == FK_READ ? SQLITE_IOERR_READ : k == FK_SYNC ? SQLITE_IOERR_FSYNC
											   : SQLITE_IOERR_WRITE;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	int rc = fails(FK_READ);
	if (rc) {
		return rc;
	}
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fails(FK_WRITE);
	if (rc) {
		return rc;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	int rc = fails(FK_SYNC);
	if (rc) {
		return rc;
	}
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, out);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

/* No memory-mapped pages: every read goes through f_read, where it can fail. */
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	(void)f;
	(void)off;
	(void)n;
	*out = NULL;
	return SQLITE_OK;
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods methods = {
	.iVersion = 3,
	.xClose = f_close,
	.xRead = f_read,
	.xWrite = f_write,
	.xTruncate = f_truncate,
	.xSync = f_sync,
	.xFileSize = f_file_size,
	.xLock = f_lock,
	.xUnlock = f_unlock,
	.xCheckReservedLock = f_check_reserved,
	.xFileControl = f_file_control,
	.xSectorSize = f_sector_size,
	.xDeviceCharacteristics = f_device,
	.xShmMap = f_shm_map,
	.xShmLock = f_shm_lock,
	.xShmBarrier = f_shm_barrier,
	.xShmUnmap = f_shm_unmap,
	.xFetch = f_fetch,
	.xUnfetch = f_unfetch,
};

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	(void)vfs;
	struct fault_file *ff = (struct fault_file *)file;
	ff->real = (sqlite3_file *)(ff + 1);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	ff->base.pMethods = ff->real->pMethods ? &methods : NULL;
	return rc;
}

void fault_install(void)
{
	const char *spec = getenv("HEARTH_FAULT");
	arm_path = getenv("HEARTH_FAULT_ARM");
	if ((!spec || !*spec) && (!arm_path || !*arm_path)) {
		arm_path = NULL;
		return;
	}
	if (arm_path && !*arm_path) {
		arm_path = NULL;
	}
	if (!arm_path) {
		parse(spec);
	}
	real_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *real_vfs;
	fault_vfs.pNext = NULL;
	fault_vfs.zName = "hearth-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
	fault_vfs.xOpen = f_open;
	sqlite3_vfs_register(&fault_vfs, 1);
}

#else

void fault_install(void)
{
}

#endif
