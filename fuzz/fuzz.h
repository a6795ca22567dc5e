/* fuzz: what the harnesses share. Each harness is one file defining
 * LLVMFuzzerTestOneInput; it is built twice (Makefile): with clang's libFuzzer for
 * `make fuzz`, and with replay.c's main under gcc's ASan/UBSan so that `make test`
 * replays every corpus file with the project's normal compiler. */
#ifndef HEARTH_FUZZ_H
#define HEARTH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Files the harness made, removed when the process exits. */
static char fuzz_paths[4][80];
static inline void fuzz_cleanup(void)
{
	for (size_t i = 0; i < sizeof(fuzz_paths) / sizeof(fuzz_paths[0]); i++) {
		if (fuzz_paths[i][0]) {
			unlink(fuzz_paths[i]);
		}
	}
}
/* "DIR/hearth-fuzz-PID" + suffix, removed at exit. */
static inline const char *fuzz_temp(size_t slot, const char *dir, const char *suffix)
{
	if (!fuzz_paths[0][0] && !fuzz_paths[1][0] && !fuzz_paths[2][0] && !fuzz_paths[3][0]) {
		atexit(fuzz_cleanup);
	}
	snprintf(fuzz_paths[slot], sizeof(fuzz_paths[slot]), "%s/hearth-fuzz-%d%s", dir, (int)getpid(), suffix);
	return fuzz_paths[slot];
}

/* The readers under test take a path: the input is written to one file per process,
 * named with suffix (their type is found by content, but a name helps the messages). */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
	static const char *path;
	if (!path) {
		path = fuzz_temp(0, "/tmp", suffix);
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		abort();
	}
	if (size && fwrite(data, 1, size, f) != size) {
		abort();
	}
	fclose(f);
	return path;
}

/* The input as a NUL-terminated string (a copy: libFuzzer's buffer is not terminated). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s) {
		abort();
	}
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
