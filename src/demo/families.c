/* families: the demo county's records of issue 19 — pre-proceedings with the FGDM offer and
 * meeting before care proceedings (and some that kept children out of court), kinship
 * arrangements at the end of care under an SGO or CAO and in relative foster care, and
 * DoLOs for some older children in children's homes — so the PP1 and KIN1 measures, the
 * CIN census block and the DoLo table are not empty — and Family Help beside the early help
 * and CIN plans that began once the county moved to Families First.
 *
 * Choices come from a hash of the child and the date, never from the child's random
 * stream (k->r): drawing from it would move every later draw, and the whole county with it. */
#include <string.h>

#include "demo/internal.h"

static unsigned mix(const struct kid *k, hdate d)
{
	uint64_t x = (uint64_t)(int64_t)k->dob * 0x9E3779B97F4A7C15ull ^ (uint64_t)d * 0xC2B2AE3D27D4EB4Full;
	x ^= x >> 29;
	return (unsigned)(x * 0xBF58476D1CE4E5B9ull >> 32);
}

static void pre_proceedings(struct demo_ctx *cx, struct kid *k, hdate start, hdate decided, hdate issue)
{
	unsigned h = mix(k, start);
	if (start <= k->dob || start > cx->as_at) {
		return;
	}
	int row = row_new(cx, k, &entity_pre_proceedings);
	row_date(cx, k, row, PRE_PROCEEDINGS_START_DATE, start);
	row_date(cx, k, row, PRE_PROCEEDINGS_LBP_SENT, date_add_days(start, 5));
	bool exempt = h % 9 == 0;
	row_bool(k, row, PRE_PROCEEDINGS_FGDM_EXEMPT, exempt);
	if (exempt) {
		row_str(k, row, PRE_PROCEEDINGS_FGDM_EXEMPT_REASON, "Risk to the child from a family member");
	} else {
		hdate offered = date_add_days(start, 5);
		row_bool(k, row, PRE_PROCEEDINGS_LBP_FGDM_OFFER, true);
		row_date(cx, k, row, PRE_PROCEEDINGS_FGDM_OFFERED, offered);
		row_str(k, row, PRE_PROCEEDINGS_FGDM_OFFERED_TO, "Parents");
		if (h % 4 != 0 && date_add_days(offered, 21) < decided) {
			row_str(k, row, PRE_PROCEEDINGS_FGDM_ACCEPTED_BY, "Mother");
			row_date(cx, k, row, PRE_PROCEEDINGS_FGDM_HELD, date_add_days(offered, 21));
			row_str(k, row, PRE_PROCEEDINGS_FGDM_ATTENDEES, "Parents, grandparents, an aunt");
			row_bool(k, row, PRE_PROCEEDINGS_CHILD_ATTENDED, h % 3 == 0);
			row_str(k, row, PRE_PROCEEDINGS_FAMILY_PLAN, "Family network support with grandparents");
		}
	}
	row_date(cx, k, row, PRE_PROCEEDINGS_STEP_DECISION_DATE, decided);
	if (decided <= cx->as_at) {
		row_code(k, row, PRE_PROCEEDINGS_OUTCOME, issue != DATE_NONE ? "proceedings" : "continue_cp");
	}
	if (issue != DATE_NONE) {
		row_date(cx, k, row, PRE_PROCEEDINGS_COURT_APP_DATE, date_add_days(issue, -3));
	}
	for (int m = 0; m < 4; m++) {
		hdate d = date_add_days(start, 7 + 35 * m);
		if (d >= decided || d > cx->as_at) {
			break;
		}
		int mr = row_new(cx, k, &entity_pp_meeting);
		row_parent(k, mr, PP_MEETING_PRE_PROCEEDINGS_ID, row);
		row_date(cx, k, mr, PP_MEETING_MEETING_DATE, d);
		row_code(k, mr, PP_MEETING_KIND, m == 0 ? "initial" : "review");
	}
}

static void kinship(struct demo_ctx *cx, struct kid *k, const char *kind, hdate start, hdate end)
{
	if (start == DATE_NONE || start > cx->as_at) {
		return;
	}
	unsigned h = mix(k, start);
	int row = row_new(cx, k, &entity_kinship);
	row_code(k, row, KINSHIP_KIND, kind);
	row_date(cx, k, row, KINSHIP_START_DATE, start);
	row_date(cx, k, row, KINSHIP_END_DATE, end);
	row_code(k, row, KINSHIP_CARER_RELATIONSHIP, h % 3 ? "grandparent" : "other_relative");
	row_bool(k, row, KINSHIP_ALLOWANCE, strcmp(kind, "sgo") == 0 || strcmp(kind, "cao") == 0);
	row_bool(k, row, KINSHIP_SUPPORT_PACKAGE, h % 2 == 0);
	if (h % 10 < 7) {
		/* a fortnight before, but never before the child was born (a baby placed with
		 * kin from birth): the record refuses an offer dated before the birth */
		hdate offer = date_add_days(start, -14);
		if (offer < k->dob) {
			offer = k->dob;
		}
		row_str(k, row, KINSHIP_OFFER_VERSION, offer >= date_from_ymd(2026, 6, 1) ? "2026-v1" : "2025-v1");
		row_date(cx, k, row, KINSHIP_OFFER_DATE, offer);
	}
}

void demo_families(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit, bool proc, hdate issue,
		   bool to_sgo, bool to_cao, const char *const *places, const hdate *starts, int n_pl)
{
	unsigned h = mix(k, entry);
	if (proc && issue != DATE_NONE && issue <= cx->as_at && h % 5 != 0) {
		hdate start = date_add_days(issue, -7 * (10 + (int)(h % 12)));
		pre_proceedings(cx, k, start, date_add_days(issue, -10), issue);
	} else if (!proc && h % 4 == 0) {
		/* pre-proceedings that ended without an application: the child came into care
		 * later by agreement */
		hdate start = date_add_days(entry, -7 * (16 + (int)(h % 8)));
		hdate decided = date_add_days(start, 7 * (8 + (int)(h % 12)));
		pre_proceedings(cx, k, start, decided, DATE_NONE);
		if (h % 8 == 0 && start > k->dob && decided < entry) {
			kinship(cx, k, "informal", decided, entry); /* with family until care */
		}
	}
	if (exit != DATE_NONE && exit <= cx->as_at && (to_sgo || to_cao)) {
		kinship(cx, k, to_sgo ? "sgo" : "cao", exit, DATE_NONE);
	}
	for (int i = 0; i < n_pl; i++) {
		hdate end = i + 1 < n_pl ? starts[i + 1] : exit;
		if (places[i][0] == 'U' && places[i][1] >= '1' && places[i][1] <= '3') {
			kinship(cx, k, "kinship_foster", starts[i], end);
		}
		if (strcmp(places[i], "K2") == 0 && age_on(k, starts[i]) >= 11 && mix(k, starts[i]) % 3 == 0) {
			hdate s = date_add_days(starts[i], 14);
			if (s > cx->as_at || (end != DATE_NONE && s >= end)) {
				continue;
			}
			int row = row_new(cx, k, &entity_dolo);
			row_date(cx, k, row, DOLO_START_DATE, s);
			row_date(cx, k, row, DOLO_END_DATE, end);
			row_str(k, row, DOLO_COURT, "High Court (Family Division)");
		}
	}
}

/* Family Help (Families First): from 1 October 2025 the county records each early help
 * episode (targeted) and CIN plan (s.17, naming its referral) that begins as a Family Help
 * episode too, led by a partner agency's practitioner about half the time (coded by agency)
 * and otherwise by the child's social worker (targeted help: the early help team, named by
 * agency only). The early help and CIN rows stay, so every measure counts as before; the
 * CIN census writes a Family Help beside its CIN plan once. */
void demo_family_help(struct demo_ctx *cx, struct kid *k, bool s17, int ref, hdate start, hdate end,
		      const char *end_reason)
{
	static const char *const partners[] = {"school", "health", "early_years", "youth", "police", "other"};
	if (start < date_from_ymd(2025, 10, 1) || start > cx->as_at || start < k->dob) {
		return;
	}
	unsigned h = mix(k, start);
	bool partner = h % 2 == 0;
	int row = row_new(cx, k, &entity_family_help);
	row_date(cx, k, row, FAMILY_HELP_START_DATE, start);
	row_code(k, row, FAMILY_HELP_LEVEL, s17 ? "s17" : "targeted");
	if (s17 && ref >= 0) {
		row_parent(k, row, FAMILY_HELP_REFERRAL_ID, ref);
	}
	row_code(k, row, FAMILY_HELP_LEAD_AGENCY, partner ? partners[(h / 2) % 6] : "social_care");
	if (s17 && !partner) {
		row_worker(k, row, FAMILY_HELP_LEAD_WORKER_ID, FAMILY_HELP_START_DATE, PR_SW);
	} else if (partner && (h / 12) % 16 == 0 && cx->partners[(h / 2) % 6]) {
		/* One in sixteen of a partner agency's is led by its named practitioner (who signs
		 * in with the partner role and sees these children); the rest by agency only. */
		row_int(k, row, FAMILY_HELP_LEAD_WORKER_ID, cx->partners[(h / 2) % 6]);
	}
	hdate assessed = date_add_days(start, 20 + (int)(h % 15));
	if (assessed <= cx->as_at && (end == DATE_NONE || assessed < end)) {
		row_date(cx, k, row, FAMILY_HELP_ASSESSMENT_DATE, assessed);
		hdate planned = date_add_days(assessed, 5);
		if (planned <= cx->as_at && (end == DATE_NONE || planned < end)) {
			row_date(cx, k, row, FAMILY_HELP_PLAN_DATE, planned);
			row_str(k, row, FAMILY_HELP_FAMILY_PLAN,
				partner ? "School attendance, parenting support and a family network meeting"
					: "Family plan agreed with the family and their network");
		}
	}
	if (end != DATE_NONE && end <= cx->as_at) {
		row_date(cx, k, row, FAMILY_HELP_END_DATE, end);
		row_code(k, row, FAMILY_HELP_END_REASON, end_reason);
	}
}
