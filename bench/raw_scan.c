/* bench/raw_scan: the floor the benches compare hearth against. It reads the rows a command
 * reads, with prepared statements, and does nothing else: no conversion into structs, no
 * text formatting, no output but a count. Each value is fetched as the type SQLite stored it
 * (an integer as an integer, text as a pointer and length), which is the least any reader
 * of those rows must do; a checksum over them keeps the compiler from dropping the reads.
 *
 *   raw_scan DB SQLFILE      runs every statement in SQLFILE (separated by ';') on DB,
 *                            read-only, and prints "rows N columns M" on stdout
 *
 * Built by `make bench` (build/raw_scan), linking sqlite3 only. Bench code, not hearth code:
 * it lives in bench/ so that the one rule "SQL only in src/store/" stays about the product.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			char *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: raw_scan DB SQLFILE\n");
		return 2;
	}
	char *sql = slurp(argv[2]);
	if (!sql) {
		fprintf(stderr, "raw_scan: cannot read %s\n", argv[2]);
		return 1;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "raw_scan: cannot open %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 1;
	}
	uint64_t rows = 0, columns = 0, sum = 0;
	const char *next = sql;
	while (*next) {
		sqlite3_stmt *st = NULL;
		const char *tail;
		if (sqlite3_prepare_v2(db, next, -1, &st, &tail) != SQLITE_OK) {
			fprintf(stderr, "raw_scan: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		next = tail;
		if (!st) /* whitespace or a comment after the last statement */
			continue;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int n = sqlite3_column_count(st);
			for (int i = 0; i < n; i++) {
				switch (sqlite3_column_type(st, i)) {
				case SQLITE_INTEGER:
					sum += (uint64_t)sqlite3_column_int64(st, i);
					break;
				case SQLITE_FLOAT:
					sum += (uint64_t)sqlite3_column_double(st, i);
					break;
				case SQLITE_TEXT: {
					const unsigned char *t = sqlite3_column_text(st, i);
					int len = sqlite3_column_bytes(st, i);
					sum += len ? t[0] + (uint64_t)len : 0;
					break;
				}
				case SQLITE_BLOB:
					sqlite3_column_blob(st, i);
					sum += (uint64_t)sqlite3_column_bytes(st, i);
					break;
				default:
					break;
				}
			}
			rows++;
			columns += (uint64_t)n;
		}
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "raw_scan: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	free(sql);
	printf("rows %llu columns %llu checksum %llu\n", (unsigned long long)rows, (unsigned long long)columns,
	       (unsigned long long)sum);
	return 0;
}
