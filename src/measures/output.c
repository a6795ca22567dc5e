/* output: results as JSON (jansson), for the CLI and the web alike.
 *
 * A number that is whole is written as a JSON integer (counts), anything else as a real
 * rounded to 4 decimal places (rates, FTE, mean weeks), so the output is stable across
 * platforms when dumped with JSON_REAL_PRECISION(10) or more. Every function returns a new
 * reference that the caller json_decref()s; none fails (jansson aborts are not expected:
 * a NULL from jansson on out-of-memory is passed on as a missing member). */
#include <math.h>
#include <string.h>

#include "measures/internal.h"

static json_t *number(double v)
{
	if (v == floor(v) && fabs(v) < 9e15) {
		return json_integer((json_int_t)v);
	}
	return json_real(round(v * 10000.0) / 10000.0);
}

static json_t *rate_of(bool has, double num, double den)
{
	return has && den != 0 ? json_real(round(num / den * 10000.0) / 10000.0) : json_null();
}

static json_t *cells_json(const struct measures_result *r, const struct measures_part_result *p,
			  enum measures_breakdown_kind k)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < p->n_by[k]; i++) {
		const struct measures_cell *cell = &p->by[k][i];
		json_t *o = json_object();
		json_object_set_new(o, "id", cell->id ? json_integer(cell->id) : json_null());
		if (k == BREAKDOWN_TEAM) {
			const struct measures_team *t = measures_team_of(r->in, cell->id);
			json_object_set_new(o, "team", t && t->name ? json_string(t->name) : json_null());
		} else {
			const struct measures_worker *w = measures_worker_of(r->in, cell->id);
			json_object_set_new(o, "staff_id", w && w->staff_id ? json_string(w->staff_id) : json_null());
			const struct measures_team *t = w ? measures_team_of(r->in, w->team_id) : NULL;
			json_object_set_new(o, "team", t && t->name ? json_string(t->name) : json_null());
		}
		json_object_set_new(o, "numerator", number(cell->num));
		json_object_set_new(o, "denominator",
				    p->def->kind == KIND_COUNT ? json_null() : number(cell->den));
		json_object_set_new(o, "rate", rate_of(p->def->kind != KIND_COUNT, cell->num, cell->den));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *part_json(const struct measures_result *r, const struct measures_part_result *p)
{
	const struct measures_part_def *d = p->def;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(d->id));
	json_object_set_new(o, "measure", json_string(p->measure->id));
	json_object_set_new(o, "title", json_string(d->title));
	json_object_set_new(o, "judgement", json_string(measures_judgement_code(measures_part_judgement(p->measure, d))));
	json_object_set_new(o, "kind", json_string(measures_kind_code(d->kind)));
	json_object_set_new(o, "subject", json_string(measures_subject_code(d->subject)));
	json_object_set_new(o, "unit", d->unit[0] ? json_string(d->unit) : json_null());
	json_object_set_new(o, "numerator", number(p->num));
	json_object_set_new(o, "denominator", d->kind == KIND_COUNT ? json_null() : number(p->den));
	json_object_set_new(o, "rate", rate_of(p->has_rate, p->num, p->den));
	json_object_set_new(o, "numerator_counts", json_string(d->numerator));
	json_object_set_new(o, "denominator_counts", d->denominator[0] ? json_string(d->denominator) : json_null());
	json_object_set_new(o, "lower_is_better", json_boolean(d->flags & PART_LOWER_BETTER));
	if (p->n_extras) {
		json_t *x = json_object();
		for (int i = 0; i < p->n_extras; i++) {
			json_object_set_new(x, p->extras[i].name, number(p->extras[i].value));
		}
		json_object_set_new(o, "extras", x);
	}
	if (p->note) {
		json_object_set_new(o, "note", json_string(p->note));
	}
	if (p->by[BREAKDOWN_TEAM]) {
		json_object_set_new(o, "by_team", cells_json(r, p, BREAKDOWN_TEAM));
	}
	if (p->by[BREAKDOWN_WORKER]) {
		json_object_set_new(o, "by_worker", cells_json(r, p, BREAKDOWN_WORKER));
	}
	return o;
}

static json_t *date_json(hdate d)
{
	char s[DATE_STR_SIZE];
	return d == DATE_NONE ? json_null() : json_string(date_format(d, s));
}

json_t *measures_to_json(const struct measures_result *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_parts; i++) {
		json_array_append_new(arr, part_json(r, &r->parts[i]));
	}
	json_t *doc = json_object();
	json_object_set_new(doc, "as_at", date_json(r->as_at));
	json_t *period = json_object();
	json_object_set_new(period, "from", date_json(r->period_from));
	json_object_set_new(period, "to", date_json(r->as_at));
	json_object_set_new(doc, "period", period);
	json_object_set_new(doc, "measures", arr);
	return doc;
}

static json_t *items_json(const struct measures_result *r, const struct measures_part_result *p, bool numerator)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < p->n_items; i++) {
		const struct measures_item *it = &p->items[i];
		bool in = numerator ? it->num != 0 : (it->den != 0 || p->def->kind == KIND_COUNT);
		if (!in) {
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(it->id));
		json_object_set_new(o, "ref", it->ref ? json_string(it->ref) : json_null());
		const struct measures_worker *w = it->worker_id ? measures_worker_of(r->in, it->worker_id) : NULL;
		const struct measures_team *t = it->team_id ? measures_team_of(r->in, it->team_id) : NULL;
		json_object_set_new(o, "worker", w && w->staff_id ? json_string(w->staff_id) : json_null());
		json_object_set_new(o, "team", t && t->name ? json_string(t->name) : json_null());
		json_object_set_new(o, "numerator", number(it->num));
		json_object_set_new(o, "denominator", p->def->kind == KIND_COUNT ? json_null() : number(it->den));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *measures_part_to_json(const struct measures_result *r, const struct measures_part_result *p, int lists)
{
	json_t *o = part_json(r, p);
	json_object_set_new(o, "as_at", date_json(r->as_at));
	if (p->collected && (lists & 1)) {
		json_object_set_new(o, "numerator_list", items_json(r, p, true));
	}
	if (p->collected && (lists & 2)) {
		json_object_set_new(o, "denominator_list", items_json(r, p, false));
	}
	return o;
}

json_t *measures_trend_to_json(const struct measures_result *rs, size_t n, const char *part_id)
{
	const struct measures_def *m;
	const struct measures_part_def *d = measures_find_part(part_id, &m);
	json_t *doc = json_object();
	json_object_set_new(doc, "id", json_string(part_id));
	if (d) {
		json_object_set_new(doc, "title", json_string(d->title));
		json_object_set_new(doc, "kind", json_string(measures_kind_code(d->kind)));
		json_object_set_new(doc, "unit", d->unit[0] ? json_string(d->unit) : json_null());
		json_object_set_new(doc, "lower_is_better", json_boolean(d->flags & PART_LOWER_BETTER));
	}
	json_t *series = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct measures_part_result *p = measures_result_part(&rs[i], part_id);
		if (!p) {
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "as_at", date_json(rs[i].as_at));
		json_object_set_new(o, "numerator", number(p->num));
		json_object_set_new(o, "denominator", p->def->kind == KIND_COUNT ? json_null() : number(p->den));
		json_object_set_new(o, "rate", rate_of(p->has_rate, p->num, p->den));
		json_array_append_new(series, o);
	}
	json_object_set_new(doc, "series", series);
	return doc;
}
