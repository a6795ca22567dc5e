/* cmd_ssd: the Standard Safeguarding Dataset, written from the record for analysts.
 *
 *   hearth ssd DB --out DIR                      one CSV file per SSD table (<table>.csv)
 *   hearth ssd DB --out postgresql://...         the tables in schema ssd of that database
 *   hearth ssd --fields                          the SSD columns Hearth does not record (docs/ssd.md)
 *
 * Like `hearth report annex-a`, it is an extract for whoever holds the record itself: every
 * live child, restricted records included (the shell has no person to scope it to), and the
 * extract is written to the audit trail as one read (section ssd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "returns/ssd.h"

static bool is_pg(const char *s)
{
	return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0;
}

int cmd_ssd(int argc, char **argv)
{
	const char *out = NULL;
	bool fields = false;
	struct cli_opt opts[] = {
		{"--out", OPT_STR, &out, false},
		{"--fields", OPT_FLAG, &fields, false},
	};
	char *pos[1];
	int n_pos;
	const char *usage = "usage: hearth ssd DB --out DIR|postgresql://...  |  hearth ssd --fields\n";
	if (cli_parse(argc, argv, 1, opts, 2, pos, 1, &n_pos)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (fields) {
		ssd_print_fields(stdout);
		return 0;
	}
	if (n_pos != 1 || !out || !*out) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	struct ssd_counts counts;
	bool pg = is_pg(out);
	int rc = pg ? ssd_export_pg(st, out, &counts, &err) : ssd_export_csv(st, out, &counts, &err);
	if (!rc) {
		struct store_audit row = {cli_actor(), "read", 0, "ssd", "cli:ssd", "local"};
		rc = store_audit_append(st, &row, 1, &err);
	}
	if (rc) {
		cli_error(&err);
	} else {
		printf("The Standard Safeguarding Dataset written to %s\n", pg ? "schema ssd of the PostgreSQL database" : out);
		for (int t = 0; t < ssd_table_count; t++) {
			printf("  %-30s %8zu rows\n", ssd_tables[t].name, counts.rows[t]);
		}
	}
	store_close(st);
	return rc ? EXIT_FAIL : 0;
}
