/* cmd_summary: what a record holds, at a glance — children by status on a date, the
 * workforce, and the size of each part of the record. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/summary.h"
#include "model/status.h"

static int count_status(void *ctx, const struct casefile *cf)
{
	struct summary_counts *c = ctx;
	c->by_status[status_at(cf, c->as_at)]++;
	c->children++;
	return 0;
}

int summary_print(struct store *st, hdate as_at, struct hearth_error *err)
{
	struct summary_counts c = {.as_at = as_at};
	int rc = store_casefiles_scan(st, NULL, count_status, &c, err);
	if (rc) {
		return rc;
	}
	char d[DATE_STR_SIZE];
	printf("As at %s:\n", date_format(as_at, d));
	printf("  children on record   %8lld\n", (long long)c.children);
	for (int s = 0; s < STATUS_MAX; s++) {
		printf("  %-20s %8lld\n", status_label((enum child_status)s), (long long)c.by_status[s]);
	}
	printf("Record:\n");
	for (int k = 0; k < model_entity_count; k++) {
		int64_t n = store_count(st, model_entities[k]);
		if (n > 0) {
			printf("  %-20s %8lld\n", model_entities[k]->name, (long long)n);
		}
	}
	return 0;
}

int cmd_summary(int argc, char **argv)
{
	hdate as_at = date_today();
	struct cli_opt opts[] = {{"--as-at", OPT_DATE, &as_at, false}};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 1, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth summary DB [--as-at D]\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	int rc = summary_print(st, as_at, &err);
	if (rc) {
		cli_error(&err);
	}
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
