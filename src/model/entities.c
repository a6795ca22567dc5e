/* entities: the descriptors generated from entities.def.h, and the in-row date rules.
 *
 * Invariant: field order here is the column order of the table (after id) and the order
 * of the generated enums; the store and the validator rely on it. */
#include "model/entity.h"

#include <string.h>

#define DESC_FIELD(E, N, col, type, arg, flags, label) {#col, type, arg, flags, label},
#define X_ENTITY(e, E, lbl) static const struct field e##_fields[] = {E##_FIELDS(DESC_FIELD)};
HEARTH_ENTITIES(X_ENTITY)
#undef X_ENTITY

/* Dates within one row that must not run backwards. The rule name is what a person sees. */
#define ORDER(E, A, B, rule) {E##_##A, E##_##B, rule}
static const struct date_order team_orders[] = {ORDER(TEAM, OPENED, CLOSED, "closed_after_opened")};
static const struct date_order worker_orders[] = {
	ORDER(WORKER, START_DATE, END_DATE, "left_after_started"),
	ORDER(WORKER, DOB, START_DATE, "started_after_birth"),
};
static const struct date_order worker_absence_orders[] = {
	ORDER(WORKER_ABSENCE, START_DATE, END_DATE, "back_after_away")};
static const struct date_order child_orders[] = {
	ORDER(CHILD, DOB, DEATH_DATE, "death_after_birth"),
	ORDER(CHILD, DOB, UASC_CEASED, "uasc_ceased_after_birth"),
	ORDER(CHILD, DOB, MC_DOB, "own_child_born_after_her"),
	ORDER(CHILD, DOB, PREV_PERM_DATE, "previous_order_after_birth"),
};
static const struct date_order relationship_orders[] = {
	ORDER(RELATIONSHIP, START_DATE, END_DATE, "end_after_start")};
static const struct date_order allocation_orders[] = {
	ORDER(ALLOCATION, START_DATE, END_DATE, "end_after_start")};
static const struct date_order contact_orders[] = {
	ORDER(CONTACT, CONTACT_DATE, DECISION_DATE, "decision_after_contact")};
static const struct date_order early_help_orders[] = {
	ORDER(EARLY_HELP, START_DATE, END_DATE, "end_after_start")};
static const struct date_order family_help_orders[] = {
	ORDER(FAMILY_HELP, START_DATE, END_DATE, "end_after_start"),
	ORDER(FAMILY_HELP, START_DATE, PLAN_DATE, "plan_after_start"),
};
static const struct date_order macpt_orders[] = {ORDER(MACPT, START_DATE, END_DATE, "end_after_start")};
static const struct date_order macpt_member_orders[] = {
	ORDER(MACPT_MEMBER, START_DATE, END_DATE, "left_after_joined")};
static const struct date_order referral_orders[] = {
	ORDER(REFERRAL, REFERRAL_DATE, CLOSURE_DATE, "closure_after_referral")};
static const struct date_order assessment_orders[] = {
	ORDER(ASSESSMENT, START_DATE, AUTHORISED_DATE, "authorised_after_start")};
static const struct date_order s47_orders[] = {
	ORDER(S47, STRATEGY_DATE, START_DATE, "s47_after_strategy"),
	ORDER(S47, STRATEGY_DATE, ICPC_DATE, "icpc_after_strategy"),
	ORDER(S47, START_DATE, ICPC_DATE, "icpc_after_s47"),
};
static const struct date_order cin_plan_orders[] = {
	ORDER(CIN_PLAN, START_DATE, END_DATE, "end_after_start")};
static const struct date_order cp_plan_orders[] = {ORDER(CP_PLAN, START_DATE, END_DATE, "end_after_start")};
static const struct date_order cla_episode_orders[] = {ORDER(CLA_EPISODE, DECOM, DEC, "dec_after_decom")};
static const struct date_order education_orders[] = {
	ORDER(EDUCATION, START_DATE, END_DATE, "end_after_start")};
static const struct date_order missing_orders[] = {
	ORDER(MISSING, START_AT, END_AT, "return_after_missing"),
	ORDER(MISSING, END_AT, RHI_OFFERED_AT, "interview_after_return"),
};
static const struct date_order proceedings_orders[] = {
	ORDER(PROCEEDINGS, ISSUE_DATE, FINAL_ORDER_DATE, "order_after_issue")};
static const struct date_order adoption_orders[] = {
	ORDER(ADOPTION, DECISION_DATE, PLACEMENT_ORDER_DATE, "order_after_decision"),
	ORDER(ADOPTION, DECISION_DATE, MATCHED_DATE, "match_after_decision"),
	ORDER(ADOPTION, MATCHED_DATE, PLACED_DATE, "placed_after_match"),
	ORDER(ADOPTION, PLACED_DATE, ADOPTION_ORDER_DATE, "order_after_placement"),
	ORDER(ADOPTION, DECISION_DATE, CEASED_DATE, "ceased_after_decision"),
};
static const struct date_order lado_orders[] = {
	ORDER(LADO, RECEIVED_DATE, CONSIDERED_DATE, "considered_after_received"),
	ORDER(LADO, RECEIVED_DATE, RESOLVED_DATE, "resolved_after_received"),
};
static const struct date_order task_orders[] = {
	ORDER(TASK, SET_DATE, DUE_DATE, "due_after_set"),
	ORDER(TASK, SET_DATE, DONE_DATE, "done_after_set"),
};
static const struct date_order pre_proceedings_orders[] = {
	ORDER(PRE_PROCEEDINGS, START_DATE, STEP_DECISION_DATE, "decision_after_start"),
	ORDER(PRE_PROCEEDINGS, FGDM_OFFERED, FGDM_HELD, "held_after_offered"),
	ORDER(PRE_PROCEEDINGS, START_DATE, COURT_APP_DATE, "application_after_start"),
};
static const struct date_order kinship_orders[] = {ORDER(KINSHIP, START_DATE, END_DATE, "end_after_start")};
static const struct date_order dolo_orders[] = {ORDER(DOLO, START_DATE, END_DATE, "end_after_start")};
#undef ORDER


#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ENTITY(e, lbl, child, orders, n_orders) \
	const struct entity entity_##e = {#e, lbl, e##_fields, N(e##_fields), child, orders, n_orders};
#define WITH_ORDERS(e, lbl, child) ENTITY(e, lbl, child, e##_orders, N(e##_orders))
#define PLAIN(e, lbl, child) ENTITY(e, lbl, child, NULL, 0)

WITH_ORDERS(team, "team", -1)
WITH_ORDERS(worker, "worker", -1)
WITH_ORDERS(worker_absence, "absence", -1)
WITH_ORDERS(child, "child", -1)
PLAIN(child_disability, "disability", CHILD_DISABILITY_CHILD_ID)
PLAIN(person, "person", -1)
WITH_ORDERS(relationship, "relationship", RELATIONSHIP_CHILD_ID)
WITH_ORDERS(allocation, "allocation", ALLOCATION_CHILD_ID)
WITH_ORDERS(contact, "contact", CONTACT_CHILD_ID)
WITH_ORDERS(early_help, "early help episode", EARLY_HELP_CHILD_ID)
WITH_ORDERS(referral, "referral", REFERRAL_CHILD_ID)
WITH_ORDERS(assessment, "assessment", ASSESSMENT_CHILD_ID)
WITH_ORDERS(s47, "strategy discussion and s47 enquiry", S47_CHILD_ID)
WITH_ORDERS(cin_plan, "child in need plan", CIN_PLAN_CHILD_ID)
WITH_ORDERS(cp_plan, "child protection plan", CP_PLAN_CHILD_ID)
PLAIN(cp_review, "child protection review", CP_REVIEW_CHILD_ID)
PLAIN(core_group, "core group meeting", CORE_GROUP_CHILD_ID)
WITH_ORDERS(cla_episode, "episode in care", CLA_EPISODE_CHILD_ID)
PLAIN(cla_review, "looked-after review", CLA_REVIEW_CHILD_ID)
PLAIN(visit, "visit", VISIT_CHILD_ID)
PLAIN(note, "case note", NOTE_CHILD_ID)
PLAIN(health, "health check", HEALTH_CHILD_ID)
WITH_ORDERS(education, "school placement", EDUCATION_CHILD_ID)
PLAIN(pep, "personal education plan", PEP_CHILD_ID)
WITH_ORDERS(missing, "missing episode", MISSING_CHILD_ID)
WITH_ORDERS(proceedings, "care proceedings", PROCEEDINGS_CHILD_ID)
PLAIN(permanence, "permanence plan", PERMANENCE_CHILD_ID)
WITH_ORDERS(adoption, "adoption", ADOPTION_CHILD_ID)
PLAIN(cla_outcome, "year's outcomes (OC2)", CLA_OUTCOME_CHILD_ID)
PLAIN(leaver_contact, "care leaver contact", LEAVER_CONTACT_CHILD_ID)
PLAIN(pathway_plan, "pathway plan review", PATHWAY_PLAN_CHILD_ID)
WITH_ORDERS(lado, "LADO allegation", LADO_CHILD_ID)
PLAIN(inspection, "inspection", -1)
PLAIN(participation, "participation", PARTICIPATION_CHILD_ID)
PLAIN(supervision, "case supervision", SUPERVISION_CHILD_ID)
WITH_ORDERS(task, "task", TASK_CHILD_ID)
PLAIN(setting, "setting", -1)
/* A child an allegation involves is the allegation's, not part of the child's own record
 * (the LADO's records are read through the allegation): no child field. */
PLAIN(lado_involved, "child in a LADO allegation", -1)
PLAIN(lado_meeting, "allegation management meeting", -1)
PLAIN(authorisation, "manager's authorisation", AUTHORISATION_CHILD_ID)
WITH_ORDERS(pre_proceedings, "pre-proceedings", PRE_PROCEEDINGS_CHILD_ID)
PLAIN(pp_meeting, "pre-proceedings meeting", PP_MEETING_CHILD_ID)
WITH_ORDERS(kinship, "kinship arrangement", KINSHIP_CHILD_ID)
WITH_ORDERS(dolo, "deprivation of liberty order", DOLO_CHILD_ID)
WITH_ORDERS(family_help, "Family Help episode", FAMILY_HELP_CHILD_ID)
WITH_ORDERS(macpt, "multi-agency child protection team", -1)
WITH_ORDERS(macpt_member, "MACPT member", -1)

#define X_ENTITY(e, E, lbl) &entity_##e,
const struct entity *const model_entities[] = {HEARTH_ENTITIES(X_ENTITY)};
#undef X_ENTITY
const int model_entity_count = N(model_entities);

const struct entity *entity_find(const char *name)
{
	for (int i = 0; i < model_entity_count; i++) {
		if (strcmp(model_entities[i]->name, name) == 0) {
			return model_entities[i];
		}
	}
	return NULL;
}

int entity_field_index(const struct entity *e, const char *name)
{
	for (int i = 0; i < e->n_fields; i++) {
		if (strcmp(e->fields[i].name, name) == 0) {
			return i;
		}
	}
	return -1;
}

/* The hints, by table and column name: few enough that a scan costs nothing. */
static const struct {
	const char *entity, *field, *hint;
} field_hints[] = {
#define HINT(e, col, hint) {#e, #col, hint},
	HEARTH_FIELD_HINTS(HINT)
#undef HINT
};

const char *entity_field_hint(const struct entity *e, int field)
{
	if (!e || field < 0 || field >= e->n_fields) {
		return NULL;
	}
	for (size_t i = 0; i < sizeof(field_hints) / sizeof(field_hints[0]); i++) {
		if (strcmp(field_hints[i].entity, e->name) == 0 && strcmp(field_hints[i].field, e->fields[field].name) == 0) {
			return field_hints[i].hint;
		}
	}
	return NULL;
}

/* The linked kinds, by table and column name (HEARTH_LINKED_KINDS). */
static const struct {
	const char *entity, *link, *field;
} linked_kinds[] = {
#define LINKED(e, link, field) {#e, #link, #field},
	HEARTH_LINKED_KINDS(LINKED)
#undef LINKED
};

const struct entity *entity_link(const struct entity *e, int *field)
{
	for (size_t i = 0; e && i < sizeof(linked_kinds) / sizeof(linked_kinds[0]); i++) {
		if (strcmp(linked_kinds[i].entity, e->name) == 0) {
			const struct entity *link = entity_find(linked_kinds[i].link);
			int f = link ? entity_field_index(link, linked_kinds[i].field) : -1;
			if (f >= 0) {
				if (field) {
					*field = f;
				}
				return link;
			}
		}
	}
	return NULL;
}

/* The conditions, by table and column names (HEARTH_FIELD_SHOWN_WHEN). */
static const struct {
	const char *entity, *field, *when, *values;
} shown_when[] = {
#define SHOWN(e, col, when, values) {#e, #col, #when, values},
	HEARTH_FIELD_SHOWN_WHEN(SHOWN)
#undef SHOWN
};

int entity_field_shown_when(const struct entity *e, int field, const char **values)
{
	if (!e || field < 0 || field >= e->n_fields) {
		return -1;
	}
	for (size_t i = 0; i < sizeof(shown_when) / sizeof(shown_when[0]); i++) {
		if (strcmp(shown_when[i].entity, e->name) == 0 && strcmp(shown_when[i].field, e->fields[field].name) == 0) {
			int when = entity_field_index(e, shown_when[i].when);
			if (when >= 0 && values) {
				*values = shown_when[i].values;
			}
			return when;
		}
	}
	return -1;
}

bool entity_value_among(const char *values, const char *value)
{
	size_t n = value ? strlen(value) : 0;
	if (!values || n == 0) {
		return false;
	}
	for (const char *p = values; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, value, n) == 0) {
			return true;
		}
		p += len + (p[len] == ',');
	}
	return false;
}
