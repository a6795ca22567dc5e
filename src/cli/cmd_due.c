/* cmd_due: the worklist. What is due and overdue on a date, most urgent first.
 *
 *   hearth due DB [--worker ID | --team ID] [--as-at YYYY-MM-DD] [--format text|json|csv]
 *
 * Scans the children the filter selects (a worker's or a team's allocated children on the
 * as-at date, or everyone), asks the clock for each child's items, keeps those due soon,
 * due today or overdue, sorts them (clock_sort) and prints them. Every due date comes from
 * clock/; this file only selects, joins names and formats.
 *
 * LADO allegations are about adults who work with children, managed by the LADO rather
 * than by the child's team, and confidential from it: they are listed in the whole-
 * authority view and in the view of a team whose service is "lado", never in a worker's
 * view or another team's. A LADO line names the allegation's reference, not a child.
 *
 * --worker and --team take the internal id or the staff id / team name. The settings in
 * force are the record's (hearth settings DB); a stored value that fails validation is
 * reported on stderr and its default used. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/resolve.h"
#include "clock/clock.h"
#include "model/settings.h"
#include "model/status.h"

/* What the worklist shows of a child; copied out of the casefile during the scan. */
struct due_child {
	int64_t id;
	const char *la_child_id, *name;
	int64_t worker_id;
};

struct due_ctx {
	hdate as_at;
	const struct settings *s;
	struct arena *a;
	struct clock_list items;
	struct due_child *children;
	size_t n_children, cap_children;
};

/* The allocated social worker on d, or else the personal adviser; 0 when neither. */
static int64_t allocated_worker(const struct casefile *cf, hdate d)
{
	int64_t w = status_social_worker(cf, d);
	for (size_t i = 0; !w && i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == ALLOC_PERSONAL_ADVISER && cf_open_on(al->start, al->end, d)) {
			w = al->worker_id;
		}
	}
	return w;
}

static int due_one(void *ctx, const struct casefile *cf)
{
	struct due_ctx *c = ctx;
	if (clock_child(cf, c->as_at, c->s, c->a, &c->items) == 0) {
		return 0;
	}
	if (c->n_children == c->cap_children) {
		size_t cap = c->cap_children ? c->cap_children * 2 : 256;
		c->children = arena_grow(c->a, c->children, c->n_children, cap, sizeof(*c->children));
		c->cap_children = cap;
	}
	c->children[c->n_children++] = (struct due_child){
		cf->child.id, arena_strdup(c->a, cf->child.la_child_id ? cf->child.la_child_id : ""),
		arena_printf(c->a, "%s %s", cf->child.given_name ? cf->child.given_name : "",
			     cf->child.family_name ? cf->child.family_name : ""),
		allocated_worker(cf, c->as_at)};
	return 0;
}

/* Children are appended in id order (the scan's order): binary search. */
static const struct due_child *child_of(const struct due_ctx *c, int64_t id)
{
	size_t lo = 0, hi = c->n_children;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->children[mid].id == id) {
			return &c->children[mid];
		}
		if (c->children[mid].id < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

/* Staff ids by worker id, for the worker column. */
struct staff {
	int64_t *ids;
	struct hval **rows;
	size_t n;
};

static const char *staff_id(const struct staff *w, int64_t id)
{
	size_t lo = 0, hi = w->n;
	while (id && lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->ids[mid] == id) {
			return w->rows[mid][WORKER_STAFF_ID].s;
		}
		if (w->ids[mid] < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return "";
}

static hdate row_date(const struct hval *v)
{
	return v->null ? DATE_NONE : (hdate)v->i;
}

static int add_lado(struct store *st, struct due_ctx *c, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, &entity_lado, c->a, &ids, &rows, &n, err);
	if (rc || n == 0) {
		return rc;
	}
	struct clock_lado *l = arena_alloc(c->a, n * sizeof(*l));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		l[i] = (struct clock_lado){ids[i],
					   v[LADO_CHILD_ID].null ? 0 : v[LADO_CHILD_ID].i,
					   v[LADO_REFERENCE].s,
					   row_date(&v[LADO_RECEIVED_DATE]),
					   row_date(&v[LADO_CONSIDERED_DATE]),
					   row_date(&v[LADO_RESOLVED_DATE])};
	}
	clock_lado(l, n, c->as_at, c->s, c->a, &c->items);
	return 0;
}

/* Whether the team provides the LADO service. */
static bool lado_team(struct store *st, int64_t team_id, struct arena *a)
{
	struct hval *v;
	return store_get(st, &entity_team, team_id, a, &v, NULL) == 0 && !v[TEAM_SERVICE].null &&
	       strcmp(v[TEAM_SERVICE].s, "lado") == 0;
}

struct setting_src {
	struct store *st;
	struct arena *a;
};

static const char *get_setting(void *ctx, const char *key)
{
	struct setting_src *src = ctx;
	return store_setting(src->st, key, src->a);
}

/* One output line's cells, shared by every format. */
struct line {
	const char *status, *due, *since, *child, *name, *worker, *rule, *what, *lado;
	int days;
	int64_t child_id;
};

static void line_of(const struct due_ctx *c, const struct staff *w, const struct clock_item *it, struct line *l,
		    char due[DATE_STR_SIZE], char since[DATE_STR_SIZE])
{
	const struct due_child *ch = it->ref ? NULL : child_of(c, it->child_id);
	*l = (struct line){clock_status_code(it->status),
			   date_format(it->due, due),
			   date_format(it->since, since),
			   it->ref ? it->ref : ch ? ch->la_child_id : "",
			   it->ref ? "LADO allegation" : ch ? ch->name : "",
			   it->owner_id ? staff_id(w, it->owner_id) : ch ? staff_id(w, ch->worker_id) : "",
			   it->rule->id,
			   it->what ? it->what : it->rule->title,
			   it->ref,
			   it->days_overdue,
			   it->ref ? 0 : it->child_id};
}

static void print_items(const struct due_ctx *c, const struct staff *w, const struct clock_item *items, size_t n,
			enum cli_format format, const char *scope)
{
	size_t by_status[CLOCK_STATUS_MAX] = {0}, children = 0, allegations = 0;
	bool *listed = arena_alloc(c->a, c->n_children + 1);
	for (size_t i = 0; i < n; i++) {
		by_status[items[i].status]++;
		const struct due_child *ch = items[i].ref ? NULL : child_of(c, items[i].child_id);
		if (ch && !listed[ch - c->children]) {
			listed[ch - c->children] = true;
			children++;
		}
		/* A LADO allegation's items are adjacent only by chance: count each id once. */
		bool seen = false;
		for (size_t k = 0; items[i].ref && k < i && !seen; k++) {
			seen = items[k].ref && items[k].subject_id == items[i].subject_id;
		}
		allegations += items[i].ref && !seen;
	}
	char as_at[DATE_STR_SIZE], due[DATE_STR_SIZE], since[DATE_STR_SIZE];
	date_format(c->as_at, as_at);
	struct line l;
	if (format == FORMAT_TEXT) {
		printf("Due and overdue as at %s, %s: %zu %s for %zu %s", as_at, scope, n, n == 1 ? "item" : "items",
		       children, children == 1 ? "child" : "children");
		if (allegations) {
			printf(" and %zu LADO %s", allegations, allegations == 1 ? "allegation" : "allegations");
		}
		printf(" (%zu overdue, %zu due today, %zu due soon)\n", by_status[CLOCK_OVERDUE], by_status[CLOCK_DUE],
		       by_status[CLOCK_DUE_SOON]);
		if (n) {
			printf("%-9s %5s %-10s %-10s %-15s %-24s %-8s %-28s %s\n", "STATUS", "DAYS", "DUE", "SINCE",
			       "CHILD", "NAME", "WORKER", "RULE", "WHAT");
		}
		for (size_t i = 0; i < n; i++) {
			line_of(c, w, &items[i], &l, due, since);
			printf("%-9s %5d %-10s %-10s %-15s %-24.24s %-8s %-28s %s\n", l.status, l.days, l.due, l.since,
			       l.child, l.name, l.worker, l.rule, l.what);
		}
		return;
	}
	if (format == FORMAT_CSV) {
		printf("status,days_overdue,due,since,la_child_id,child_name,worker,rule,what,lado_reference\n");
		for (size_t i = 0; i < n; i++) {
			line_of(c, w, &items[i], &l, due, since);
			printf("%s,%d,%s,%s,", l.status, l.days, l.due, l.since);
			const char *cells[] = {l.lado ? "" : l.child, l.lado ? "" : l.name, l.worker, l.rule, l.what,
					       l.lado ? l.lado : ""};
			for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++) {
				if (k) {
					putchar(',');
				}
				cli_csv_field(stdout, cells[k]);
			}
			putchar('\n');
		}
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		line_of(c, w, &items[i], &l, due, since);
		json_t *o = json_object();
		json_object_set_new(o, "status", json_string(l.status));
		json_object_set_new(o, "days_overdue", json_integer(l.days));
		json_object_set_new(o, "due", json_string(l.due));
		json_object_set_new(o, "since", json_string(l.since));
		json_object_set_new(o, "child_id", l.child_id ? json_integer(l.child_id) : json_null());
		json_object_set_new(o, "la_child_id", l.lado ? json_null() : json_string(l.child));
		json_object_set_new(o, "child_name", l.lado ? json_null() : json_string(l.name));
		json_object_set_new(o, "worker", l.worker[0] ? json_string(l.worker) : json_null());
		json_object_set_new(o, "rule", json_string(l.rule));
		json_object_set_new(o, "what", json_string(l.what));
		json_object_set_new(o, "subject_id", json_integer(items[i].subject_id));
		json_object_set_new(o, "lado_reference", l.lado ? json_string(l.lado) : json_null());
		json_array_append_new(arr, o);
	}
	json_t *doc = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o}", "as_at", as_at, "scope", scope,
				"counts", "items", (json_int_t)n, "children", (json_int_t)children,
				"lado_allegations", (json_int_t)allegations, "overdue",
				(json_int_t)by_status[CLOCK_OVERDUE], "due", (json_int_t)by_status[CLOCK_DUE],
				"due_soon", (json_int_t)by_status[CLOCK_DUE_SOON], "items", arr);
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(doc);
}

int cmd_due(int argc, char **argv)
{
	const char *worker = NULL, *team = NULL, *format_name = "text";
	hdate as_at = date_today();
	struct cli_opt opts[] = {
		{"--worker", OPT_STR, &worker, false},
		{"--team", OPT_STR, &team, false},
		{"--as-at", OPT_DATE, &as_at, false},
		{"--format", OPT_STR, &format_name, false},
	};
	char *pos[1];
	int n_pos;
	enum cli_format format;
	if (cli_parse(argc, argv, 1, opts, 4, pos, 1, &n_pos) || n_pos != 1 ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_CSV), &format)) {
		fprintf(stderr, "usage: hearth due DB [--worker ID | --team ID] [--as-at YYYY-MM-DD] "
				"[--format text|json|csv]\n");
		return EXIT_USAGE;
	}
	if (worker && team) {
		cli_fail("--worker and --team: give one or the other");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct settings s;
	struct setting_src src = {st, &a};
	if (settings_load(&s, get_setting, &src, &err) > 0) {
		char line[700];
		fprintf(stderr, "hearth: warning: %s; the default is used\n", herr_line(&err, line, sizeof(line)));
		herr_clear(&err);
	}
	struct due_ctx c = {.as_at = as_at, .s = &s, .a = &a};
	struct store_filter f = {.as_at = as_at};
	struct staff w = {0};
	const char *scope = "whole authority";
	int rc = 0;
	if (worker) {
		rc = resolve_ref(st, "worker", worker, &f.worker_id, &err);
		scope = arena_printf(&a, "worker %s", worker);
	} else if (team) {
		rc = resolve_ref(st, "team", team, &f.team_id, &err);
		scope = arena_printf(&a, "team %s", team);
	}
	if (!rc) {
		rc = store_all_rows(st, &entity_worker, &a, &w.ids, &w.rows, &w.n, &err);
	}
	if (!rc) {
		rc = store_casefiles_scan(st, &f, due_one, &c, &err);
	}
	if (!rc && !worker && (!team || lado_team(st, f.team_id, &a))) {
		rc = add_lado(st, &c, &err);
	}
	if (!rc) {
		/* The worklist: due soon, due today and overdue. */
		size_t n = 0;
		for (size_t i = 0; i < c.items.n; i++) {
			if (c.items.items[i].status != CLOCK_UPCOMING) {
				c.items.items[n++] = c.items.items[i];
			}
		}
		c.items.n = n;
		clock_sort(&c.items);
		print_items(&c, &w, c.items.items, c.items.n, format, scope);
	} else {
		cli_error(&err);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
