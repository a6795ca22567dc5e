/* cmd_settings: the record's local policy settings (model/settings.h).
 *
 *   hearth settings DB                 every setting: value in force, default, whether set
 *                                      locally, unit and what it is for
 *   hearth settings DB set KEY VALUE   validate and store a value (one live row per key,
 *                                      through the store's write path, so with a revision)
 *
 * A stored value that fails validation (written some other way) is shown, marked, and the
 * default stays in force, as the clock does when it loads the settings. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "model/settings.h"

static int usage(void)
{
	fprintf(stderr, "usage: hearth settings DB [set KEY VALUE]\n");
	return EXIT_USAGE;
}

static int list(struct store *st)
{
	struct arena a = ARENA_INIT;
	printf("%-24s %-20s %-20s %-5s %s\n", "SETTING", "VALUE", "DEFAULT", "LOCAL", "UNIT");
	for (int i = 0; i < settings_count; i++) {
		const struct setting_def *def = &settings_table[i];
		const char *stored = store_setting(st, def->key, &a);
		bool valid = stored && settings_validate(def->key, stored, NULL) == 0;
		printf("%-24s %-20s %-20s %-5s %s\n", def->key, valid ? stored : def->default_value,
		       def->default_value, stored ? "yes" : "no", def->unit);
		if (stored && !valid) {
			printf("    stored value '%s' is not valid: the default is in force\n", stored);
		}
		printf("    %s\n", def->description);
	}
	arena_free(&a);
	return EXIT_OK;
}

static int set(struct store *st, const char *key, const char *value)
{
	struct hearth_error err = {0};
	if (settings_validate(key, value, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	struct hval vals[SETTING__COUNT];
	memset(vals, 0, sizeof(vals));
	vals[SETTING_KEY].s = key;
	vals[SETTING_VALUE].s = value;
	int64_t id;
	int rc = store_find(st, &entity_setting, SETTING_KEY, key, &id, NULL);
	if (rc == 0) {
		rc = store_update(st, cli_actor(), &entity_setting, id, vals, "hearth settings set", &err);
	} else {
		rc = store_insert(st, cli_actor(), &entity_setting, vals, &id, &err);
	}
	if (rc) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	printf("%s = %s\n", key, value);
	return EXIT_OK;
}

int cmd_settings(int argc, char **argv)
{
	bool setting = argc == 5 && strcmp(argv[2], "set") == 0;
	if (argc != 2 && !setting) {
		return usage();
	}
	struct store *st = cli_open(argv[1], setting ? STORE_WRITE : STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	int rc = setting ? set(st, argv[3], argv[4]) : list(st);
	store_close(st);
	return rc;
}
