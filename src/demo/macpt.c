/* macpt: the demo authority's multi-agency child protection teams (s.16EA Children Act
 * 2004, issue 19 part 3) and the MACPT named on each s.47 enquiry and CP plan.
 *
 * One MACPT per locality (the four family support teams' patches), set up on the day the
 * duty applies (the setting macpt_duty_from, at its default: the demo writes no other), so
 * a record as at an earlier date has none. Each has members by agency and role: the
 * locality team's manager (social work, linked to the worker row; when they leave, the
 * next manager joins that day), a second social work member, a designated safeguarding
 * lead and an education adviser, a named nurse, a detective sergeant and a youth justice
 * officer (other). Partner members are named (they have no worker row).
 *
 * An s.47 enquiry or CP plan beginning on or after the MACPT's start names the MACPT of
 * the child's locality, except for a seeded share (UNNAMED_SHARE) left unnamed, so the
 * rule MACPT1Q has something to find on the demo.
 *
 * Draws: every draw here is from side streams (the MACPTs' from (seed, area); a row's from
 * demo_side_rng of the child's generator), never from the area's or the child's own, so
 * every other row of the demo is what it was before MACPTs. */
#include <stdio.h>

#include "demo/internal.h"
#include "model/settings.h"

#define UNNAMED_SHARE 0.06		/* post-duty s.47s and CP plans naming no MACPT */
#define SALT_MACPT 0x3ac97ULL
#define MANAGERS_MAX 8			/* successive team managers as members */

/* The localities' names (as the family support teams', TK_LOC_1 + locality). */
static const char *const localities[4] = {"Wyre Forest", "Bromsgrove and Redditch", "Worcester City",
					  "Malvern and Wychavon"};

/* The partner members: agency code and role. */
static const struct {
	const char *agency, *role;
} partner_members[] = {
	{"social_work", "Senior practitioner (lead child protection practitioner)"},
	{"education", "Designated safeguarding lead (secondary school)"},
	{"education", "Education safeguarding adviser"},
	{"health", "Named nurse for safeguarding children"},
	{"police", "Detective sergeant, child abuse investigation team"},
	{"other", "Youth justice officer"},
};

static int insert_member(struct demo_ctx *cx, int64_t macpt, const char *agency, const char *role,
			 int64_t worker, const char *name, hdate start, hdate end)
{
	struct hval v[MACPT_MEMBER__COUNT];
	for (int f = 0; f < MACPT_MEMBER__COUNT; f++) {
		v[f] = (struct hval){.null = true};
	}
	v[MACPT_MEMBER_MACPT_ID] = (struct hval){.i = macpt};
	v[MACPT_MEMBER_AGENCY] = (struct hval){.s = agency};
	v[MACPT_MEMBER_ROLE] = (struct hval){.s = role};
	if (worker) {
		v[MACPT_MEMBER_WORKER_ID] = (struct hval){.i = worker};
	}
	if (name) {
		v[MACPT_MEMBER_NAME] = (struct hval){.s = name};
	}
	v[MACPT_MEMBER_START_DATE] = (struct hval){.i = start};
	if (end != DATE_NONE && end <= cx->as_at) {
		v[MACPT_MEMBER_END_DATE] = (struct hval){.i = end};
	}
	int64_t id;
	return store_insert(cx->st, "demo", &entity_macpt_member, v, &id, cx->err);
}

int demo_macpts(struct demo_ctx *cx)
{
	struct settings s;
	settings_defaults(&s);
	cx->macpt_from = s.macpt_duty_from;
	for (int i = 0; i < 4; i++) {
		cx->macpts[i] = 0;
	}
	if (cx->macpt_from == DATE_NONE || cx->macpt_from > cx->as_at) {
		return 0;
	}
	struct rng r;
	rng_seed(&r, cx->opt->seed, (uint64_t)cx->area + 1, SALT_MACPT);
	for (int loc = 0; loc < 4; loc++) {
		char name[160], area[120];
		if (cx->n_areas > 1) {
			snprintf(area, sizeof(area), "Area %03d %s", cx->area + 1, localities[loc]);
		} else {
			snprintf(area, sizeof(area), "%s", localities[loc]);
		}
		snprintf(name, sizeof(name), "%s MACPT", area);
		struct hval v[MACPT__COUNT];
		v[MACPT_NAME] = (struct hval){.s = name};
		v[MACPT_AREA] = (struct hval){.s = area};
		v[MACPT_START_DATE] = (struct hval){.i = cx->macpt_from};
		v[MACPT_END_DATE] = (struct hval){.null = true};
		int rc = store_insert(cx->st, "demo", &entity_macpt, v, &cx->macpts[loc], cx->err);
		if (rc) {
			return rc;
		}
		/* The locality team's managers in turn, from the duty date. */
		int team = team_index(cx, (enum team_kind)(TK_LOC_1 + loc));
		hdate d = cx->macpt_from;
		for (int n = 0; n < MANAGERS_MAX && d <= cx->as_at; n++) {
			int m = team_manager_on(cx, team, d);
			if (m < 0) {
				break;
			}
			const struct demo_worker *w = &cx->workers[m];
			if ((rc = insert_member(cx, cx->macpts[loc], "social_work", "Team manager (chair)", w->id, NULL,
						d, w->end))) {
				return rc;
			}
			if (w->end == DATE_NONE || w->end <= d) {
				break;
			}
			d = w->end;
		}
		for (int p = 0; p < NELEM(partner_members); p++) {
			int group = rng_windex(&r, (const double[]){.78, .04, .02, .06, .05, .05}, 6);
			char who[96];
			const char *given = name_given(&r, group, NULL);
			snprintf(who, sizeof(who), "%s %s", given, name_family(&r, group));
			/* a member who joined a few weeks after the team was set up, now and then */
			hdate joined = rng_chance(&r, 0.15) ? date_add_days(cx->macpt_from, rng_int(&r, 7, 60))
							    : cx->macpt_from;
			if (joined > cx->as_at) {
				joined = cx->macpt_from;
			}
			if ((rc = insert_member(cx, cx->macpts[loc], partner_members[p].agency, partner_members[p].role,
						0, who, joined, DATE_NONE))) {
				return rc;
			}
		}
	}
	return 0;
}

void demo_macpt_name(struct demo_ctx *cx, struct kid *k, int row, int field, hdate start)
{
	int64_t id = cx->macpts[k->locality & 3];
	if (!id || start == DATE_NONE || start < cx->macpt_from || start > cx->as_at) {
		return;
	}
	struct rng s = demo_side_rng(&k->r, SALT_MACPT ^ (uint64_t)field);
	if (rng_chance(&s, UNNAMED_SHARE)) {
		return;
	}
	row_int(k, row, field, id);
}
