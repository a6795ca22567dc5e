/* replay: a main for the harnesses without libFuzzer. Each argument is a corpus file, or
 * a directory of them; each is read and passed to LLVMFuzzerTestOneInput once. A crash
 * or a sanitizer report stops the process (ASan/UBSan abort), so the exit status says
 * whether every file passed. Prints one line per file, for tests/cli/fuzz_replay.sh. */
#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 1;
	}
	size_t cap = 1 << 16, n = 0, got;
	uint8_t *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			buf = realloc(buf, cap *= 2);
		}
	}
	fclose(f);
	if (!buf) {
		abort();
	}
	/* An exact-size copy, so that ASan sees a read one past the input. */
	uint8_t *exact = malloc(n ? n : 1);
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	printf("replayed %s (%zu bytes)\n", path, n);
	fflush(stdout);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			fprintf(stderr, "replay: no such file %s\n", argv[i]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(sb.st_mode)) {
			bad |= replay_file(argv[i]);
			continue;
		}
		DIR *d = opendir(argv[i]);
		char **names = NULL;
		size_t n = 0;
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.') {
				continue;
			}
			names = realloc(names, (n + 1) * sizeof(*names));
			size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
			names[n] = malloc(len);
			snprintf(names[n++], len, "%s/%s", argv[i], e->d_name);
		}
		if (d) {
			closedir(d);
		}
		qsort(names, n, sizeof(*names), cmp);
		for (size_t j = 0; j < n; j++) {
			bad |= replay_file(names[j]);
			free(names[j]);
		}
		free(names);
	}
	return bad;
}
