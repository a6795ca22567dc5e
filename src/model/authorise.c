/* authorise: the table of decisions that need a manager's authorisation; see authorise.h. */
#include "model/authorise.h"

#include <stdio.h>
#include <string.h>

/* The settings' keys (settings.c lists each as a row, type SETTING_ROLE). */
#define POINT(key, label, ent, field, match, dated) {key, "authorise_" key, label, &entity_##ent, field, match, dated}

const struct authorise_point authorise_points[] = {
	POINT("assessment_end", "End of an assessment", assessment, ASSESSMENT_AUTHORISED_DATE, NULL, true),
	POINT("case_close", "Decision to close a case", referral, REFERRAL_CLOSURE_DATE, NULL, false),
	POINT("step_down", "Decision to step a case down to early help", early_help, EARLY_HELP_STEP_DOWN, "1",
	      false),
	POINT("cp_plan_end", "End of a child protection plan", cp_plan, CP_PLAN_END_DATE, NULL, false),
	/* SSDA903 RNE: P a change of placement; B, T and U a change of legal status and placement. */
	POINT("placement_change", "Change of placement", cla_episode, CLA_EPISODE_RNE, "P,B,T,U", false),
	/* RNE S: started to be looked after: the care plan at entry to care. */
	POINT("care_plan_entry", "Care plan at entry to care", cla_episode, CLA_EPISODE_RNE, "S", false),
};

const int authorise_point_count = (int)(sizeof(authorise_points) / sizeof(authorise_points[0]));

const struct authorise_point *authorise_point_find(const char *key)
{
	for (int i = 0; key && i < authorise_point_count; i++) {
		if (strcmp(authorise_points[i].key, key) == 0) {
			return &authorise_points[i];
		}
	}
	return NULL;
}

static bool in_list(const char *list, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, v, n) == 0) {
			return true;
		}
		p += len + (p[len] == ',');
	}
	return false;
}

bool authorise_matches(const struct authorise_point *p, const struct hval *vals)
{
	if (!vals || vals[p->field].null) {
		return false;
	}
	if (!p->match) {
		return true;
	}
	const struct field *f = &p->e->fields[p->field];
	if (f->type == FT_BOOL || f->type == FT_INT) {
		char num[24];
		snprintf(num, sizeof(num), "%lld", (long long)vals[p->field].i);
		return in_list(p->match, num);
	}
	return (f->type == FT_STR || f->type == FT_CODE || f->type == FT_TEXT) && vals[p->field].s &&
	       in_list(p->match, vals[p->field].s);
}
