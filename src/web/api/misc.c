/* api_misc: what is due (from the statutory clock), the users list for administrators,
 * and the API's own description.
 *
 * Due items come from clock/ (clock_child), never computed here: the handler loads the
 * casefiles in the caller's scope and the local settings, asks the clock, sorts with
 * clock_sort and pages. The worklist shows what is due soon, due or overdue (as `hearth
 * due` does); a child's own list shows every live item, upcoming ones too. */
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "model/settings.h"
#include "web/api/api.h"
#include "web/children.h"
#include "web/http/http.h"

static json_t *item_json(const struct clock_item *it, const char *la_child_id)
{
	char since[DATE_STR_SIZE], due[DATE_STR_SIZE];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:I}", "child_id", (json_int_t)it->child_id, "rule",
			      it->rule->id, "title", it->rule->title, "since", date_format(it->since, since), "due",
			      date_format(it->due, due), "days_overdue", (json_int_t)it->days_overdue, "status",
			      clock_status_code(it->status), "subject_id", (json_int_t)it->subject_id);
	if (o && la_child_id) {
		json_object_set_new(o, "la_child_id", json_string(la_child_id));
	}
	return o ? o : json_null();
}

static json_t *items_page(struct clock_list *l, int64_t limit, int64_t offset, hdate as_at,
			  const char *(*la_of)(void *ctx, int64_t child), void *ctx)
{
	char d[DATE_STR_SIZE];
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < l->n && i < (size_t)(offset + limit); i++) {
		json_array_append_new(items, item_json(&l->items[i], la_of ? la_of(ctx, l->items[i].child_id) : NULL));
	}
	return json_pack("{s:s, s:I, s:I, s:I, s:o}", "as_at", date_format(as_at, d), "total", (json_int_t)l->n,
			 "limit", (json_int_t)limit, "offset", (json_int_t)offset, "items", items);
}

/* ---- GET /api/children/{id}/due ---- */

int api_child_due(struct web_request *r)
{
	int64_t limit, offset;
	hdate as_at;
	int rc;
	if ((rc = web_query_page(r, 100, 1000, &limit, &offset)) ||
	    (rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	struct casefile cf;
	struct hearth_error err = {0};
	if (store_casefile_load(r->st, r->child_id, &r->a, &cf, &err)) {
		return web_fail_err(r, &err);
	}
	struct settings s;
	web_settings_load(r, &s);
	struct clock_list l = CLOCK_LIST_INIT;
	clock_child(&cf, as_at, &s, &r->a, &l);
	clock_sort(&l);
	json_t *o = items_page(&l, limit, offset, as_at, NULL, NULL);
	json_object_set_new(o, "child_id", json_integer(r->child_id));
	return web_answer(r, 200, o);
}

/* ---- GET /api/due: the worklist across the caller's children ---- */

struct worklist {
	struct web_children children;
	hdate as_at;
	struct settings settings;
	struct arena *a;
	struct clock_list list;
};

static const char *la_of(void *ctx, int64_t child)
{
	const struct store_child_hit *h = web_children_find(&((struct worklist *)ctx)->children, child);
	return h ? h->la_child_id : NULL;
}

static int worklist_child(void *ctx, const struct casefile *cf, const struct store_child_hit *hit)
{
	struct worklist *w = ctx;
	(void)hit;
	size_t before = w->list.n;
	clock_child(cf, w->as_at, &w->settings, w->a, &w->list);
	/* Keep what is due soon, due or overdue: the worklist, as `hearth due` shows it. */
	size_t k = before;
	for (size_t i = before; i < w->list.n; i++) {
		if (w->list.items[i].status != CLOCK_UPCOMING) {
			w->list.items[k++] = w->list.items[i];
		}
	}
	w->list.n = k;
	return 0;
}

int web_worklist(struct web_request *r, const struct store_scope *sc, hdate as_at, struct clock_list *out,
		 struct web_children *children, struct hearth_error *err)
{
	struct worklist w = {.a = &r->a, .as_at = as_at};
	web_settings_load(r, &w.settings);
	int rc = web_children_each(r, sc, as_at, &w.children, worklist_child, &w, err);
	if (rc) {
		return rc;
	}
	clock_sort(&w.list);
	*out = w.list;
	*children = w.children;
	return 0;
}

int api_due(struct web_request *r)
{
	int64_t limit, offset;
	hdate as_at;
	int rc;
	if ((rc = web_query_page(r, 100, 1000, &limit, &offset)) ||
	    (rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	struct hearth_error err = {0};
	struct worklist w = {.as_at = as_at};
	if (web_worklist(r, &r->scope, as_at, &w.list, &w.children, &err)) {
		return web_fail_err(r, &err);
	}
	return web_answer(r, 200, items_page(&w.list, limit, offset, as_at, la_of, &w));
}

/* ---- GET /api/users ---- */

int api_users(struct web_request *r)
{
	struct store_user *u;
	size_t n;
	struct hearth_error err = {0};
	if (store_users(r->st, &r->a, &u, &n, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		/* Never the password hash. */
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)u[i].id,
						      "username", u[i].username, "role", u[i].role, "team_id",
						      u[i].team_id ? json_integer(u[i].team_id) : json_null(),
						      "worker_id",
						      u[i].worker_id ? json_integer(u[i].worker_id) : json_null(),
						      "disabled", u[i].disabled));
	}
	return web_answer(r, 200, json_pack("{s:o}", "users", list));
}
