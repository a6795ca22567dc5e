/* cmd_child: list, show and add children.
 *
 * list and show read through the store's casefiles and rows; status and the count of
 * social workers come from model/status, the chronology from model/chronology. Every
 * output format is built from the same computed values. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/record.h"
#include "cli/resolve.h"
#include "model/chronology.h"
#include "model/codes.h"
#include "model/status.h"
#include "model/validate.h"
#include "work/work.h"

/* ---- workers, for names in lists ---- */

struct workers {
	int64_t *ids;
	struct hval **rows;
	size_t n;
};

static void workers_load(struct store *st, struct arena *a, struct workers *w)
{
	if (store_all_rows(st, &entity_worker, a, &w->ids, &w->rows, &w->n, NULL)) {
		w->n = 0;
	}
}

static const struct hval *worker_row(const struct workers *w, int64_t id)
{
	/* Rows come ordered by id: binary search. */
	size_t lo = 0, hi = w->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->ids[mid] == id) {
			return w->rows[mid];
		}
		if (w->ids[mid] < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

static const char *worker_name(const struct workers *w, int64_t id, struct arena *a)
{
	const struct hval *r = worker_row(w, id);
	return r ? arena_printf(a, "%s %s", r[WORKER_GIVEN_NAME].s, r[WORKER_FAMILY_NAME].s) : "";
}

static const char *worker_staff_id(const struct workers *w, int64_t id)
{
	const struct hval *r = worker_row(w, id);
	return r ? r[WORKER_STAFF_ID].s : "";
}

/* ---- list ---- */

struct list_ctx {
	hdate as_at;
	int status;		/* -1: any */
	enum cli_format format;
	struct workers workers;
	struct arena *a;
	json_t *json;
	size_t count;
};

static int list_one(void *ctx, const struct casefile *cf)
{
	struct list_ctx *c = ctx;
	enum child_status s = status_at(cf, c->as_at);
	if (c->status >= 0 && (int)s != c->status) {
		return 0;
	}
	char dob[DATE_STR_SIZE];
	date_format(cf->child.dob != DATE_NONE ? cf->child.dob : cf->child.expected_dob, dob);
	int64_t sw = status_social_worker(cf, c->as_at);
	const char *staff = sw ? worker_staff_id(&c->workers, sw) : "";
	struct arena tmp = ARENA_INIT;
	const char *sw_name = sw ? worker_name(&c->workers, sw, &tmp) : "";
	c->count++;
	switch (c->format) {
	case FORMAT_TEXT:
		printf("%-9s %-28.28s %-10s %-10s %-8s %s\n", cf->child.la_child_id,
		       arena_printf(&tmp, "%s %s", cf->child.given_name, cf->child.family_name), dob, status_code(s),
		       staff, sw_name);
		break;
	case FORMAT_CSV: {
		const char *cells[] = {cf->child.la_child_id, cf->child.given_name, cf->child.family_name, dob,
				       cf->child.sex, status_code(s), staff, sw_name};
		for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
			if (i) {
				putchar(',');
			}
			cli_csv_field(stdout, cells[i]);
		}
		putchar('\n');
		break;
	}
	case FORMAT_JSON: {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(cf->child.id));
		json_object_set_new(o, "la_child_id", json_string(cf->child.la_child_id));
		json_object_set_new(o, "given_name", json_string(cf->child.given_name));
		json_object_set_new(o, "family_name", json_string(cf->child.family_name));
		json_object_set_new(o, "dob", dob[0] ? json_string(dob) : json_null());
		json_object_set_new(o, "sex", json_string(cf->child.sex));
		json_object_set_new(o, "status", json_string(status_code(s)));
		json_object_set_new(o, "social_worker", sw ? json_string(staff) : json_null());
		json_array_append_new(c->json, o);
		break;
	}
	case FORMAT_XLSX: /* not allowed by child list's cli_format */
		break;
	}
	arena_free(&tmp);
	return 0;
}

static int child_list(int argc, char **argv)
{
	const char *status = NULL, *worker = NULL, *team = NULL, *format = "text";
	hdate as_at = date_today();
	struct cli_opt opts[] = {
		{"--status", OPT_STR, &status, false}, {"--worker", OPT_STR, &worker, false},
		{"--team", OPT_STR, &team, false},     {"--as-at", OPT_DATE, &as_at, false},
		{"--format", OPT_STR, &format, false},
	};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 3, opts, 5, pos, 0, &n_pos)) {
		return EXIT_USAGE;
	}
	struct list_ctx c = {.as_at = as_at, .status = -1};
	if (status && (c.status = status_parse(status)) < 0) {
		cli_fail("--status: '%s' is not one of cla, cp, cin, leaver, early_help, closed", status);
		return EXIT_USAGE;
	}
	if (cli_format(format, 7, &c.format)) {
		return EXIT_USAGE;
	}
	struct store *st = cli_open(argv[1], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct store_filter f = {.as_at = as_at};
	int rc = 0;
	if (worker) {
		rc = resolve_ref(st, "worker", worker, &f.worker_id, &err);
	}
	if (!rc && team) {
		rc = resolve_ref(st, "team", team, &f.team_id, &err);
	}
	if (!rc) {
		workers_load(st, &a, &c.workers);
		c.a = &a;
		if (c.format == FORMAT_CSV) {
			printf("la_child_id,given_name,family_name,dob,sex,status,social_worker,social_worker_name\n");
		}
		if (c.format == FORMAT_JSON) {
			c.json = json_array();
		}
		rc = store_casefiles_scan(st, &f, list_one, &c, &err);
	}
	if (!rc && c.format == FORMAT_JSON) {
		char d[DATE_STR_SIZE];
		json_t *o = json_pack("{s:s, s:I, s:o}", "as_at", date_format(as_at, d), "count", (json_int_t)c.count,
				      "children", c.json);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else if (c.json) {
		json_decref(c.json);
	}
	if (rc) {
		cli_error(&err);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- show ---- */

static const char *alloc_kind_label(enum cf_allocation_kind k)
{
	return k == ALLOC_PERSONAL_ADVISER ? "personal adviser" : k == ALLOC_IRO ? "IRO" : "social worker";
}

static int build_chronology(struct store *st, const struct casefile *cf, struct arena *a, struct chronology *ch,
			    struct hearth_error *err)
{
	struct hval *child;
	int rc = store_get(st, &entity_child, cf->child.id, a, &child, err);
	if (rc) {
		return rc;
	}
	chronology_add_row(ch, &entity_child, cf->child.id, child, a);
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field < 0) {
			continue;
		}
		int64_t *ids;
		struct hval **rows;
		size_t n;
		if ((rc = store_child_rows(st, e, cf->child.id, a, &ids, &rows, &n, err))) {
			return rc;
		}
		for (size_t i = 0; i < n; i++) {
			chronology_add_row(ch, e, ids[i], rows[i], a);
		}
	}
	chronology_sort(ch);
	return 0;
}

static void show_text(const struct casefile *cf, hdate as_at, const struct workers *w, const struct chronology *ch,
		      struct arena *a)
{
	char d1[DATE_STR_SIZE], d2[DATE_STR_SIZE];
	const struct cf_child *c = &cf->child;
	printf("%s %s (%s)\n", c->given_name, c->family_name, c->la_child_id);
	if (c->dob != DATE_NONE) {
		printf("  born        %s (age %d on %s)\n", date_format(c->dob, d1), date_age(c->dob, as_at),
		       date_format(as_at, d2));
	} else {
		printf("  expected    %s (unborn)\n", date_format(c->expected_dob, d1));
	}
	printf("  sex         %s\n", code_label("sex", c->sex));
	if (c->ethnicity) {
		printf("  ethnicity   %s (%s)\n", code_label("ethnicity", c->ethnicity), c->ethnicity);
	}
	if (c->upn) {
		printf("  UPN         %s\n", c->upn);
	}
	if (c->uasc) {
		printf("  UASC        yes\n");
	}
	if (c->death != DATE_NONE) {
		printf("  died        %s\n", date_format(c->death, d1));
	}
	printf("  status      %s on %s\n", status_label(status_at(cf, as_at)), date_format(as_at, d2));
	printf("\nAllocations (%d social worker%s in the 12 months to %s)\n", status_social_workers_12m(cf, as_at),
	       status_social_workers_12m(cf, as_at) == 1 ? "" : "s", date_format(as_at, d2));
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		printf("  %s to %-10s %-16s %s (%s)%s%s\n", date_format(al->start, d1),
		       al->end == DATE_NONE ? "now" : date_format(al->end, d2), alloc_kind_label(al->kind),
		       worker_name(w, al->worker_id, a), worker_staff_id(w, al->worker_id), al->reason ? "; ended: " : "",
		       al->reason ? code_label("sw_reason", al->reason) : "");
	}
	printf("\nChronology (%zu events)\n", ch->n);
	for (size_t i = 0; i < ch->n; i++) {
		const struct chron_event *ev = &ch->events[i];
		printf("  %s  %s", date_format(ev->date, d1), ev->title);
		for (size_t k = 0; k < ev->n_details; k++) {
			const char *v = ev->details[k].value;
			/* Free text is shown on its own lines so a chronology reads as a story. */
			if (strlen(v) > 60 || strchr(v, '\n')) {
				continue;
			}
			printf("%s%s: %s", k ? "; " : " — ", ev->details[k].label, v);
		}
		putchar('\n');
		for (size_t k = 0; k < ev->n_details; k++) {
			const char *v = ev->details[k].value;
			if (strlen(v) > 60 || strchr(v, '\n')) {
				printf("      %s: %s\n", ev->details[k].label, v);
			}
		}
	}
}

static json_t *show_json(const struct casefile *cf, hdate as_at, const struct workers *w,
			 const struct chronology *ch, struct arena *a)
{
	char d1[DATE_STR_SIZE], d2[DATE_STR_SIZE];
	const struct cf_child *c = &cf->child;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "la_child_id", json_string(c->la_child_id));
	json_object_set_new(o, "given_name", json_string(c->given_name));
	json_object_set_new(o, "family_name", json_string(c->family_name));
	json_object_set_new(o, "dob", c->dob != DATE_NONE ? json_string(date_format(c->dob, d1)) : json_null());
	json_object_set_new(o, "expected_dob",
			    c->expected_dob != DATE_NONE ? json_string(date_format(c->expected_dob, d1)) : json_null());
	json_object_set_new(o, "sex", json_string(c->sex));
	json_object_set_new(o, "ethnicity", c->ethnicity ? json_string(c->ethnicity) : json_null());
	json_object_set_new(o, "upn", c->upn ? json_string(c->upn) : json_null());
	json_object_set_new(o, "uasc", json_boolean(c->uasc));
	json_object_set_new(o, "as_at", json_string(date_format(as_at, d1)));
	json_object_set_new(o, "status", json_string(status_code(status_at(cf, as_at))));
	json_object_set_new(o, "social_workers_12m", json_integer(status_social_workers_12m(cf, as_at)));
	json_t *allocs = json_array();
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		json_t *x = json_object();
		json_object_set_new(x, "kind", json_string(alloc_kind_label(al->kind)));
		json_object_set_new(x, "worker", json_string(worker_staff_id(w, al->worker_id)));
		json_object_set_new(x, "worker_name", json_string(worker_name(w, al->worker_id, a)));
		json_object_set_new(x, "start", json_string(date_format(al->start, d1)));
		json_object_set_new(x, "end", al->end != DATE_NONE ? json_string(date_format(al->end, d2)) : json_null());
		json_object_set_new(x, "reason", al->reason ? json_string(al->reason) : json_null());
		json_array_append_new(allocs, x);
	}
	json_object_set_new(o, "allocations", allocs);
	json_t *events = json_array();
	for (size_t i = 0; i < ch->n; i++) {
		const struct chron_event *ev = &ch->events[i];
		json_t *x = json_object();
		json_object_set_new(x, "date", json_string(date_format(ev->date, d1)));
		json_object_set_new(x, "record", json_string(ev->entity));
		json_object_set_new(x, "id", json_integer(ev->row_id));
		json_object_set_new(x, "title", json_string(ev->title));
		json_t *det = json_object();
		for (size_t k = 0; k < ev->n_details; k++) {
			json_object_set_new(det, ev->details[k].label, json_string(ev->details[k].value));
		}
		json_object_set_new(x, "details", det);
		json_array_append_new(events, x);
	}
	json_object_set_new(o, "chronology", events);
	return o;
}

static void show_history(struct store *st, const struct casefile *cf, struct arena *a)
{
	printf("\nRevisions\n");
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		int64_t self = cf->child.id, *ids = &self;
		size_t n = 1;
		struct hval **rows;
		if (e != &entity_child && (e->child_field < 0 || store_child_rows(st, e, cf->child.id, a, &ids, &rows, &n,
										   NULL))) {
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			struct store_revision *r;
			size_t nr;
			if (store_revisions(st, e->name, ids[i], a, &r, &nr, NULL)) {
				continue;
			}
			for (size_t j = 0; j < nr; j++) {
				printf("  %s %s %s %lld by %s%s%s\n", r[j].at, r[j].action, e->name, (long long)ids[i],
				       r[j].actor, r[j].reason ? ": " : "", r[j].reason ? r[j].reason : "");
			}
		}
	}
}

static int child_show(int argc, char **argv)
{
	const char *format = "text";
	hdate as_at = date_today();
	bool history = false;
	struct cli_opt opts[] = {{"--format", OPT_STR, &format, false},
				 {"--as-at", OPT_DATE, &as_at, false},
				 {"--history", OPT_FLAG, &history, false}};
	char *pos[1];
	int n_pos;
	enum cli_format fmt;
	if (cli_parse(argc, argv, 3, opts, 3, pos, 1, &n_pos) || n_pos != 1 || cli_format(format, 3, &fmt)) {
		fprintf(stderr, "usage: hearth child DB show ID [--as-at D] [--format text|json] [--history]\n");
		return EXIT_USAGE;
	}
	/* Opened for writing: reading a child's record writes its audit row. */
	struct store *st = cli_open(argv[1], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct casefile cf;
	struct chronology ch = {0};
	struct workers w = {0};
	int64_t id;
	int rc = resolve_ref(st, "child", pos[0], &id, &err);
	if (!rc) {
		rc = store_casefile_load(st, id, &a, &cf, &err);
	}
	if (!rc) {
		rc = build_chronology(st, &cf, &a, &ch, &err);
	}
	if (!rc) {
		/* The read is recorded before anything is shown. */
		struct store_audit row = {cli_actor(), "read", id, history ? "record+history" : "record", "cli:child show",
					  "local"};
		rc = store_audit_append(st, &row, 1, &err);
	}
	if (!rc) {
		workers_load(st, &a, &w);
		if (fmt == FORMAT_JSON) {
			json_t *o = show_json(&cf, as_at, &w, &ch, &a);
			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			putchar('\n');
			json_decref(o);
		} else {
			show_text(&cf, as_at, &w, &ch, &a);
			if (history) {
				show_history(st, &cf, &a);
			}
		}
	} else {
		cli_error(&err);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- add ---- */

static const struct record_alias child_aliases[] = {
	{"--given", "given_name"},
	{"--family", "family_name"},
	{"--la-id", "la_child_id"},
	{NULL, NULL},
};

static int child_add(int argc, char **argv)
{
	struct store *st = cli_open(argv[1], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct hval vals[CHILD__COUNT];
	bool given[CHILD__COUNT] = {0};
	for (int i = 0; i < CHILD__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	/* The same save as the web's POST /api/children (src/work), as the trusted shell. */
	struct work_actor who = {.actor = cli_actor(), .shell = true};
	struct work_result res = {0};
	int rc = record_parse_fields(st, &entity_child, argc, argv, 3, vals, given, child_aliases, &a, NULL, &err);
	if (!rc) {
		rc = work_child_add(st, &who, vals, &a, &res, &err);
	}
	if (rc) {
		cli_error(&err);
	} else {
		printf("added child %s (id %lld)\n", vals[CHILD_LA_CHILD_ID].s, (long long)res.id);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- close, step up ---- */

/* hearth child DB close ID --date D --reason RCn [--step-down]
 * hearth child DB step-up ID --date D --source CODE
 * The same saves as the web's forms on the child's record (src/work: work_close_case,
 * work_step_up), as the trusted shell: one transaction, each ending a revision. */
static int child_step(int argc, char **argv, bool up)
{
	hdate date = DATE_NONE;
	const char *code = NULL;
	bool step_down = false;
	struct cli_opt opts[] = {{"--date", OPT_DATE, &date, false},
				 {up ? "--source" : "--reason", OPT_STR, &code, false},
				 {"--step-down", OPT_FLAG, &step_down, false}};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 3, opts, up ? 2 : 3, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, up ? "usage: hearth child DB step-up ID --date D --source CODE\n"
				   : "usage: hearth child DB close ID --date D --reason RC1-RC9 [--step-down]\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(argv[1], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct work_actor who = {.actor = cli_actor(), .shell = true};
	struct work_result res = {0};
	struct work_closure done;
	int64_t id, eh_id;
	int rc = resolve_ref(st, "child", pos[0], &id, &err);
	if (!rc) {
		rc = up ? work_step_up(st, &who, id, date, code, &a, &res, &eh_id, &err)
			: work_close_case(st, &who, id, date, code, step_down, &a, &res, &done, &err);
	}
	if (rc) {
		cli_error(&err);
		for (size_t i = 1; i < res.n_problems; i++) {
			fprintf(stderr, "  also: %s: %s\n", res.problems[i].field, res.problems[i].message);
		}
	} else if (up) {
		printf("stepped up: early help %lld ended, referral %lld opened\n", (long long)eh_id, (long long)res.id);
	} else {
		printf("closed: %zu referral(s), %zu plan(s), %zu allocation(s) ended", done.n_referrals, done.n_plans,
		       done.n_allocations);
		if (done.early_help_id) {
			printf("; early help %lld opened (stepped down)", (long long)done.early_help_id);
		}
		putchar('\n');
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_child(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hearth child DB list|show|add|close|step-up ...\n");
		return EXIT_USAGE;
	}
	if (strcmp(argv[2], "list") == 0) {
		return child_list(argc, argv);
	}
	if (strcmp(argv[2], "show") == 0) {
		return child_show(argc, argv);
	}
	if (strcmp(argv[2], "add") == 0) {
		return child_add(argc, argv);
	}
	if (strcmp(argv[2], "close") == 0 || strcmp(argv[2], "step-up") == 0) {
		return child_step(argc, argv, strcmp(argv[2], "step-up") == 0);
	}
	cli_fail("child: no subcommand '%s' (list, show, add, close, step-up)", argv[2]);
	return EXIT_USAGE;
}
