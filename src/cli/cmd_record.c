/* cmd_record: record, correct or retract any kind of record from the shell.
 *
 * The options are generated from the entity descriptor: each field is --field-name (a
 * reference drops its _id: --child, --worker, --referral), so every kind of record the
 * schema holds can be written without a line of code per kind. Every change goes through
 * src/work, exactly as the web's do (the same refusals, in the same words), as the trusted
 * shell: any kind, any worker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cli/cli.h"
#include "cli/record.h"
#include "cli/resolve.h"
#include "model/codes.h"
#include "model/validate.h"
#include "work/work.h"

/* The option name of a field: "visit_date" -> "--visit-date", "child_id" -> "--child". */
const char *record_option_name(const struct field *f, struct arena *a)
{
	char *name = arena_printf(a, "--%s", f->name);
	size_t n = strlen(name);
	if (f->type == FT_REF && n > 5 && strcmp(name + n - 3, "_id") == 0) {
		name[n - 3] = '\0';
	}
	for (char *p = name + 2; *p; p++) {
		if (*p == '_') {
			*p = '-';
		}
	}
	return name;
}

int record_parse_fields(struct store *st, const struct entity *e, int argc, char **argv, int first,
			struct hval *vals, bool *given, const struct record_alias *aliases, struct arena *a,
			const char **reason, struct hearth_error *err)
{
	for (int i = first; i < argc; i++) {
		const char *arg = argv[i];
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		const char *text = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
		if (strncmp(arg, "--", 2) != 0) {
			return herr_set(err, HERR_INVALID, arg, "usage", "expected an option, not '%s'", arg);
		}
		if (!text) {
			return herr_set(err, HERR_INVALID, arg, "usage", "%.*s needs a value", (int)len, arg);
		}
		if (!eq) {
			i++;
		}
		if (reason && len == 8 && strncmp(arg, "--reason", 8) == 0) {
			*reason = text;
			continue;
		}
		int found = -1;
		for (const struct record_alias *al = aliases; al && al->option; al++) {
			if (strlen(al->option) == len && strncmp(al->option, arg, len) == 0) {
				found = entity_field_index(e, al->field);
			}
		}
		for (int k = 0; found < 0 && k < e->n_fields; k++) {
			const char *opt = record_option_name(&e->fields[k], a);
			if (strlen(opt) == len && strncmp(opt, arg, len) == 0) {
				found = k;
			}
		}
		if (found < 0) {
			return herr_set(err, HERR_INVALID, arena_strndup(a, arg, len), "unknown_field",
					"a %s has no field %.*s (hearth record DB fields %s lists them)", e->label,
					(int)len, arg, e->name);
		}
		const struct field *f = &e->fields[found];
		if (given[found]) {
			return herr_set(err, HERR_INVALID, f->name, "usage", "%s given twice", f->name);
		}
		given[found] = true;
		if (f->type == FT_REF && *text) {
			memset(&vals[found], 0, sizeof(vals[found]));
			int rc = resolve_ref(st, f->arg, text, &vals[found].i, err);
			if (rc) {
				return herr_set(err, HERR_INVALID, f->name, "reference", "%s", err->message);
			}
			continue;
		}
		int rc = value_parse(f, text, a, &vals[found], err);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

static void print_fields(const struct entity *e)
{
	struct arena a = ARENA_INIT;
	printf("%s (%s):\n", e->name, e->label);
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		static const char *const types[FT_MAX] = {"text", "long text", "code", "date", "UTC time", "yes/no",
							  "number", "number", "reference"};
		printf("  %-28s %-10s %s%s%s%s\n", record_option_name(f, &a), types[f->type], f->label,
		       f->flags & F_REQUIRED ? " (required)" : "", f->type == FT_CODE ? "; codes: " : "",
		       f->type == FT_CODE ? f->arg : "");
	}
	arena_free(&a);
}

/* The shell as src/work's actor: trusted with any kind and any worker. */
static struct work_actor shell_actor(void)
{
	return (struct work_actor){.actor = cli_actor(), .shell = true};
}

/* A refusal: its first reason as the CLI prints every error, then any further ones. */
static void work_error(const struct hearth_error *err, const struct work_result *res)
{
	cli_error(err);
	for (size_t i = 1; i < res->n_problems; i++) {
		const struct work_problem *p = &res->problems[i];
		struct hearth_error more = {.code = err->code};
		snprintf(more.field, sizeof(more.field), "%s", p->field);
		snprintf(more.rule, sizeof(more.rule), "%s", p->rule);
		snprintf(more.message, sizeof(more.message), "%s", p->message);
		cli_error(&more);
	}
}

/* New DfE findings a saved change caused, as the web shows them. */
static void print_warnings(const struct returns_findings *w)
{
	for (size_t i = 0; i < w->n; i++) {
		const struct returns_rule *r = w->items[i].rule;
		fprintf(stderr, "warning: %s (%s rule %s)\n", r->message, returns_kind_name(r->kind), r->id);
	}
}

static int record_insert(struct store *st, const struct entity *e, int argc, char **argv, int first)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct hval *vals = arena_alloc(&a, sizeof(*vals) * (size_t)e->n_fields);
	bool *given = arena_alloc(&a, sizeof(bool) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		vals[i].null = true;
	}
	struct work_actor who = shell_actor();
	struct work_result res = {0};
	int rc = record_parse_fields(st, e, argc, argv, first, vals, given, NULL, &a, NULL, &err);
	if (!rc) {
		rc = work_add(st, &who, e, 0, vals, &a, &res, &err);
	}
	if (rc) {
		work_error(&err, &res);
	} else {
		print_warnings(&res.warnings);
		printf("recorded %s %lld\n", e->name, (long long)res.id);
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int record_update(struct store *st, const struct entity *e, const char *id_text, int argc, char **argv,
			 int first)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct hval *vals;
	const char *reason = NULL;
	int64_t id = strtoll(id_text, NULL, 10);
	int rc = store_get(st, e, id, &a, &vals, &err);
	if (!rc) {
		bool *given = arena_alloc(&a, sizeof(bool) * (size_t)e->n_fields);
		rc = record_parse_fields(st, e, argc, argv, first, vals, given, NULL, &a, &reason, &err);
	}
	struct work_actor who = shell_actor();
	struct work_result res = {0};
	if (!rc) {
		rc = work_correct(st, &who, e, 0, id, vals, reason, &a, &res, &err);
	}
	if (rc) {
		work_error(&err, &res);
	} else {
		print_warnings(&res.warnings);
		printf("updated %s %lld\n", e->name, (long long)id);
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int record_void(struct store *st, const struct entity *e, const char *id_text, int argc, char **argv,
		       int first)
{
	const char *reason = NULL;
	struct cli_opt opts[] = {{"--reason", OPT_STR, &reason, false}};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, first, opts, 1, pos, 0, &n_pos)) {
		return EXIT_USAGE;
	}
	struct hearth_error err = {0};
	struct work_actor who = shell_actor();
	struct work_result res;
	struct arena a = ARENA_INIT;
	int rc = work_retract(st, &who, e, 0, strtoll(id_text, NULL, 10), reason, &a, &res, &err);
	arena_free(&a);
	if (rc) {
		work_error(&err, &res);
		return EXIT_FAIL;
	}
	printf("retracted %s %s\n", e->name, id_text);
	return EXIT_OK;
}

int cmd_record(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hearth record DB KIND --field value ... (hearth record DB kinds)\n");
		return EXIT_USAGE;
	}
	const char *db = argv[1], *verb = argv[2];
	if (strcmp(verb, "kinds") == 0) {
		for (int i = 0; i < model_entity_count; i++) {
			printf("%-18s %s\n", model_entities[i]->name, model_entities[i]->label);
		}
		return EXIT_OK;
	}
	bool is_update = strcmp(verb, "update") == 0, is_void = strcmp(verb, "void") == 0;
	bool is_fields = strcmp(verb, "fields") == 0;
	const char *kind = is_update || is_void || is_fields ? (argc > 3 ? argv[3] : "") : verb;
	const struct entity *e = entity_find(kind);
	if (!e) {
		cli_fail("no kind of record called '%s' (hearth record DB kinds lists them)", kind);
		return EXIT_USAGE;
	}
	if (is_fields) {
		print_fields(e);
		return EXIT_OK;
	}
	if ((is_update || is_void) && argc < 5) {
		fprintf(stderr, "usage: hearth record DB %s %s ID ...\n", verb, kind);
		return EXIT_USAGE;
	}
	struct store *st = cli_open(db, STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	int rc = is_update ? record_update(st, e, argv[4], argc, argv, 5)
		 : is_void ? record_void(st, e, argv[4], argc, argv, 5)
			   : record_insert(st, e, argc, argv, 3);
	store_close(st);
	return rc;
}
