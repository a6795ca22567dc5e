/* commands: the registry of subcommands. `hearth help` prints from this table, so the
 * help cannot drift from what exists; tests/unit/cli/test_commands.c checks every slot. */
#include "cli/cli.h"

int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_child(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_workdays(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_duplicates(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_refdata(int argc, char **argv);
int cmd_ssd(int argc, char **argv);
int cmd_test_schema(int argc, char **argv);
int cmd_test_routes(int argc, char **argv);

const struct cli_command cli_commands[] = {
	{"help", cmd_help, "[COMMAND]", "list the commands, or show one command's usage", false},
	{"version", cmd_version, "", "print the version of hearth and of its schema", false},
	{"init", cmd_init, "DB", "create an empty record", false},
	{"demo", cmd_demo, "DB [--seed N] [--scale county|england] [--as-at YYYY-MM-DD]",
	 "create a synthetic local authority with five years of history", false},
	{"child", cmd_child,
	 "DB list [--status S] [--worker ID] [--team ID] [--as-at D] [--format text|json|csv]\n"
	 "       DB show ID [--as-at D] [--format text|json] [--history]\n"
	 "       DB add --given G --family F (--dob D | --expected-dob D) [--sex M|F|U] [--ethnicity CODE] ...\n"
	 "       DB close ID --date D --reason RC1-RC9 [--step-down]  |  DB step-up ID --date D --source CODE",
	 "list, show and add children; close a case, step it down to early help or up to social care", false},
	{"record", cmd_record,
	 "DB KIND --field value ...  |  DB update KIND ID --field value ... [--reason R]  |  "
	 "DB void KIND ID --reason R  |  DB kinds  |  DB fields KIND",
	 "record any kind of event (visit, note, referral, episode...), correct it or retract it", false},
	{"summary", cmd_summary, "DB [--as-at D]", "children by status and the size of each part of the record",
	 false},
	{"user", cmd_user, "DB add USERNAME --role ROLE [--team TEAM] [--worker STAFF_ID] | passwd USERNAME | "
	 "role USERNAME --role ROLE [--team TEAM] | disable USERNAME | grant USERNAME CHILD | "
	 "unlock USERNAME [--address IP] | list",
	 "people who sign in (passwords are read from standard input)", false},
	{"serve", cmd_serve,
	 "DB [--listen HOST:PORT] [--threads N] [--timeout SECONDS] [--header-timeout SECONDS] [--per-address N] "
	 "[--max-connections N] [--secure-cookies] [--tls-cert FILE --tls-key FILE]",
	 "serve the web pages and the JSON API over HTTP or HTTPS (sign-in, permissions, audited reads)", false},
	{"audit", cmd_audit, "DB [--child ID] [--user ID] [--verify]", "the audit trail of reads and changes", false},
	{"copy", cmd_copy, "SRC DST", "copy a whole record between SQLite and PostgreSQL, then verify it", false},
	{"backup", cmd_backup, "DB FILE [--key-file KEY]  |  --new-key KEY",
	 "copy a SQLite record while it is in use into a checked (and, with a key, encrypted) file, then verify it",
	 false},
	{"restore", cmd_restore, "FILE DB [--key-file KEY] [--force]",
	 "check a backup (integrity, the audit chain, the schema) and only then put it in place", false},
	{"check", cmd_check, "DB", "check the record's integrity and its invariants", false},
	{"workdays", cmd_workdays, "add DATE N | between D1 D2", "working-day arithmetic (England and Wales)", false},
	{"due", cmd_due, "DB [--worker ID | --team ID] [--as-at D] [--format text|json|csv]",
	 "what is due and overdue, per child, most urgent first", false},
	{"duplicates", cmd_duplicates, "DB [--format text|json]  |  DB --not-same A B --reason R",
	 "possible duplicate records of one child, scored with the reasons; mark a pair not the same child",
	 false},
	{"merge", cmd_merge, "DB KEEP OTHER --reason R  |  DB --undo MERGE_ID [--reason R]",
	 "merge two records of one child into one (every row moves, as a revision), or undo a merge exactly",
	 false},
	{"feed", cmd_feed,
	 "DB --dry-run [--out FILE] [--format text|json]  |  DB --out FILE  |  DB --send URL --config FILE  |  "
	 "DB --log [--format text|json]",
	 "the DfE's children's social care API feed: only children changed since the last delivery, purges for "
	 "records retracted or merged; the log of submissions",
	 false},
	{"settings", cmd_settings, "DB [set KEY VALUE]", "local policy settings (visit intervals, thresholds)",
	 false},
	{"report", cmd_report,
	 "DB measures [--as-at D] [--format text|json|csv] [--by team|worker|both] [--with-annex-a] [--threads N]\n"
	 "       DB measure ID [--as-at D] [--list numerator|denominator|both] [--format text|json|csv] [--threads N]\n"
	 "       DB trend ID --from D --to D [--every month|quarter] [--format text|json|csv] [--threads N]\n"
	 "       DB annex-a [--as-at D] --out FILE.xlsx | --format csv --out DIR [--threads N]\n"
	 "       catalogue [--format text|json]",
	 "the inspection measures for any date, their drill-down and trends, and Annex A", false},
	{"export", cmd_export,
	 "DB ssda903 --year Y [--out DIR] [--xml FILE] [--xsd FILE | --standards DIR]\n"
	 "       DB cin-census --year Y --out FILE.xml (--xsd FILE | --standards DIR)\n"
	 "       DB workforce [--date D] --out FILE.xml (--xsd FILE | --standards DIR) [--vacancies FTE]",
	 "write the DfE returns (SSDA903 CSV and XML, CIN census XML, workforce census XML)", false},
	{"import", cmd_import,
	 "DB ssda903 DIR|FILE.csv...|FILE.xml --year Y\n"
	 "       DB cin-census FILE.xml [--year Y] [--xsd FILE | --standards DIR]\n"
	 "       DB annex-a FILE.xlsx [--partial]",
	 "read past returns and Annex A lists into the record (a child it cannot hold is held back whole)",
	 false},
	{"validate", cmd_validate,
	 "DB --return ssda903|cin-census [--year Y] [--child ID] [--format text|json|csv] [--threads N]\n"
	 "       --files DIR|FILE... [--year Y] [--last-year DIR] [--providers FILE] [--postcodes FILE]\n"
	 "                [--format text|json|csv|xlsx --out FILE.xlsx] [--threads N]\n"
	 "       --rules [--return ssda903|cin-census] [--format text|json|csv]",
	 "the DfE's validation rules over the record, or over a return's files as received", false},
	{"ssd", cmd_ssd, "DB --out DIR|postgresql://...  |  --fields",
	 "write the Standard Safeguarding Dataset's tables (CSV files, or a PostgreSQL schema) for analysts' tools",
	 false},
	{"refdata", cmd_refdata, "DB [import providers|postcodes FILE.csv]",
	 "load the reference data some return rules need (Ofsted's providers, the ONS postcodes)", false},
	{"test-schema", cmd_test_schema, "DB", "compare the database's columns with the entity descriptors", true},
	{"test-routes", cmd_test_routes, "", "print the route table and the role table as JSON (for the role test)",
	 true},
};

const int cli_command_count = (int)(sizeof(cli_commands) / sizeof(cli_commands[0]));
