/* chronology: see chronology.h. */
#include "model/chronology.h"

#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "model/validate.h"

struct title {
	const char *entity, *field, *title;
};

/* Titles for events; a date without a line here is titled "<record>: <field label>". */
static const struct title titles[] = {
	{"child", "dob", "Born"},
	{"child", "expected_dob", "Expected date of birth"},
	{"child", "death_date", "Died"},
	{"child", "uasc_ceased", "UASC status ceased"},
	{"child", "mc_dob", "Her child born"},
	{"child", "prev_perm_date", "Permanence order before care"},
	{"child_disability", "recorded", "Disability recorded"},
	{"relationship", "start_date", "Relationship began"},
	{"relationship", "end_date", "Relationship ended"},
	{"allocation", "start_date", "Allocated"},
	{"allocation", "end_date", "Allocation ended"},
	{"contact", "contact_date", "Contact received"},
	{"contact", "decision_date", "Contact decision"},
	{"early_help", "start_date", "Early help began"},
	{"early_help", "end_date", "Early help ended"},
	{"referral", "referral_date", "Referral received"},
	{"referral", "closure_date", "Case closed"},
	{"assessment", "start_date", "Assessment started"},
	{"assessment", "authorised_date", "Assessment authorised"},
	{"s47", "strategy_date", "Strategy discussion"},
	{"s47", "start_date", "Section 47 enquiry started"},
	{"s47", "icpc_date", "Initial child protection conference"},
	{"cin_plan", "start_date", "Child in need plan began"},
	{"cin_plan", "end_date", "Child in need plan ended"},
	{"cp_plan", "start_date", "Child protection plan began"},
	{"cp_plan", "end_date", "Child protection plan ended"},
	{"cp_review", "review_date", "Child protection review conference"},
	{"core_group", "meeting_date", "Core group meeting"},
	{"cla_episode", "decom", "Episode in care began"},
	{"cla_episode", "dec", "Episode in care ended"},
	{"cla_review", "review_date", "Looked-after review"},
	{"visit", "visit_date", "Visit"},
	{"note", "note_date", "Case note"},
	{"health", "done_date", "Health check"},
	{"education", "start_date", "Started school"},
	{"education", "end_date", "Left school"},
	{"pep", "pep_date", "Personal education plan meeting"},
	{"missing", "start_at", "Went missing"},
	{"missing", "end_at", "Returned"},
	{"missing", "rhi_offered_at", "Return interview offered"},
	{"proceedings", "issue_date", "Care proceedings issued"},
	{"proceedings", "final_order_date", "Final order made"},
	{"permanence", "decided_date", "Permanence plan agreed"},
	{"adoption", "decision_date", "Should be placed for adoption"},
	{"adoption", "placement_order_date", "Placement order"},
	{"adoption", "matched_date", "Matched with adopters"},
	{"adoption", "placed_date", "Placed for adoption"},
	{"adoption", "adoption_order_date", "Adoption order"},
	{"adoption", "ceased_date", "Adoption no longer the plan"},
	{"leaver_contact", "contact_date", "Care leaver contact"},
	{"cla_outcome", "year_end", "Year's outcomes recorded (OC2)"},
	{"pathway_plan", "review_date", "Pathway plan reviewed"},
	{"lado", "received_date", "LADO allegation received"},
	{"lado", "considered_date", "LADO initial consideration"},
	{"lado", "resolved_date", "LADO allegation resolved"},
	{"participation", "event_date", "Participation"},
	{"pre_proceedings", "start_date", "Pre-proceedings began"},
	{"pre_proceedings", "lbp_sent", "Letter before proceedings sent"},
	{"pre_proceedings", "fgdm_offered", "Family group decision-making meeting offered"},
	{"pre_proceedings", "fgdm_held", "Family group decision-making meeting held"},
	{"pre_proceedings", "step_decision_date", "Pre-proceedings step decision"},
	{"pre_proceedings", "court_app_date", "Court application made"},
	{"pp_meeting", "meeting_date", "Pre-proceedings meeting"},
	{"kinship", "start_date", "Kinship arrangement began"},
	{"kinship", "end_date", "Kinship arrangement ended"},
	{"kinship", "offer_date", "Kinship local offer given"},
	{"dolo", "start_date", "Deprivation of liberty order began"},
	{"dolo", "end_date", "Deprivation of liberty order ended"},
	{"family_help", "start_date", "Family Help began"},
	{"family_help", "assessment_date", "Family Help assessment completed"},
	{"family_help", "plan_date", "Family plan agreed"},
	{"family_help", "end_date", "Family Help ended"},
};

static const char *title_for(const struct entity *e, const struct field *f, struct arena *a)
{
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		if (strcmp(titles[i].entity, e->name) == 0 && strcmp(titles[i].field, f->name) == 0) {
			return titles[i].title;
		}
	}
	return arena_printf(a, "%s: %s", e->label, f->label);
}

static void add_event(struct chronology *c, const struct chron_event *ev, struct arena *a)
{
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 64;
		c->events = arena_grow(a, c->events, c->n, ncap, sizeof(*c->events));
		c->cap = ncap;
	}
	c->events[c->n++] = *ev;
}

void chronology_add_row(struct chronology *c, const struct entity *e, int64_t id, const struct hval *v,
			struct arena *a)
{
	/* The details are shared by all of the row's events: every non-date value. */
	struct chron_detail *d = arena_alloc(a, sizeof(*d) * (size_t)e->n_fields);
	size_t nd = 0;
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (v[i].null || f->type == FT_DATE || f->type == FT_INSTANT || i == e->child_field) {
			continue;
		}
		const char *text = value_text(f, &v[i], a);
		if (f->type == FT_CODE) {
			const char *label = code_label(f->arg, v[i].s);
			if (label && strcmp(label, v[i].s) != 0) {
				text = arena_printf(a, "%s (%s)", label, v[i].s);
			}
		}
		d[nd++] = (struct chron_detail){f->label, text};
	}
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (v[i].null || (f->type != FT_DATE && f->type != FT_INSTANT)) {
			continue;
		}
		struct chron_event ev = {0};
		ev.date = f->type == FT_DATE ? (hdate)v[i].i : instant_date(v[i].i);
		ev.at = f->type == FT_INSTANT ? v[i].i : 0;
		ev.entity = e->name;
		ev.row_id = id;
		ev.title = title_for(e, f, a);
		ev.details = d;
		ev.n_details = nd;
		add_event(c, &ev, a);
	}
}

static int entity_rank(const char *name)
{
	for (int i = 0; i < model_entity_count; i++) {
		if (strcmp(model_entities[i]->name, name) == 0) {
			return i;
		}
	}
	return model_entity_count;
}

static int cmp_event(const void *pa, const void *pb)
{
	const struct chron_event *a = pa, *b = pb;
	if (a->date != b->date) {
		return a->date < b->date ? -1 : 1;
	}
	if (a->at != b->at) {
		return a->at < b->at ? -1 : 1;
	}
	int ra = entity_rank(a->entity), rb = entity_rank(b->entity);
	if (ra != rb) {
		return ra < rb ? -1 : 1;
	}
	if (a->row_id != b->row_id) {
		return a->row_id < b->row_id ? -1 : 1;
	}
	return strcmp(a->title, b->title);
}

void chronology_sort(struct chronology *c)
{
	if (c->n > 1) {
		qsort(c->events, c->n, sizeof(*c->events), cmp_event);
	}
}
