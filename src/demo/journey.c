/* journey: one child's time with children's services, simulated forward in time.
 *
 * A child arrives with a contact at the front door. The decision sends it nowhere, to
 * early help, or to a referral (a CIN episode). A referral is assessed (45 working days)
 * and may lead to a strategy discussion and s47 enquiry, an initial child protection
 * conference and a CP plan (reviewed at 3 months then 6-monthly, with core groups and
 * visits every 10 working days), a child in need plan (visits every 20 working days), or
 * a period in care (care.c); it closes with a reason (RC1-RC9) when the work ends, and
 * the child may come back: the re-referral rate comes from the RECONTACT_* shares.
 *
 * Every proportion, duration and timescale is a table or constant at the top of this
 * file. "In time" shares are chosen so the statutory measures come out realistic rather
 * than perfect: some decisions, assessments, conferences and visits are late.
 *
 * Invariants: rows are only created for things that began on or before the as-at date;
 * an end after the as-at date is left blank (open). Recurring events (visits, notes,
 * reviews...) are only recorded inside the detail window and after the child's birth
 * (in_detail). A child's CIN episodes follow one another: a new referral only after the
 * last one closed. No plan starts within a fortnight of the 18th birthday. */
#include <string.h>

#include "base/workdays.h"
#include "demo/internal.h"

/* ---- the front door ---- */

static const struct wcode first_decisions[] = {
	{"nfa", .22}, {"advice", .18}, {"early_help", .20}, {"referral", .36}, {"strategy", .04}};
static const struct wcode repeat_decisions[] = {
	{"nfa", .16}, {"advice", .12}, {"early_help", .16}, {"referral", .49}, {"strategy", .07}};
static const struct wcode unborn_decisions[] = {
	{"nfa", .10}, {"advice", .10}, {"early_help", .15}, {"referral", .58}, {"strategy", .07}};
/* CIN census referral sources, national shares (police, schools and health lead). */
static const struct wcode sources[] = {
	{"1A", .04}, {"1B", .01}, {"1C", .01}, {"1D", .01}, {"2A", .19}, {"2B", .01}, {"3A", .02}, {"3B", .02},
	{"3C", .005}, {"3D", .02}, {"3E", .03}, {"3F", .05}, {"4", .02},  {"5A", .03}, {"5B", .03}, {"5C", .02},
	{"5D", .03}, {"6", .29},  {"7", .05},  {"8", .05},  {"9", .02},  {"10", .025}};
static const struct wcode unborn_sources[] = {{"3D", .45}, {"3F", .15}, {"6", .15}, {"5A", .15}, {"1A", .10}};
static const struct wcode uasc_sources[] = {{"6", .40}, {"7", .30}, {"5C", .20}, {"8", .10}};
/* Working days from contact to decision: same day, next, 2, 3-6 (FD1 about 88%). */
static const double decision_lag[] = {.55, .33, .07, .05};
#define CONTACT_SUMMARY_SHARE 0.35
#define EXISTING_CASE_CONTACTS 0.8	/* a year, while a case is open */

/* Coming back: after contact with no further action, after early help, after a case closes. */
#define RECONTACT_AFTER_NFA 0.20
#define RECONTACT_AFTER_NFA_LONG 0.05
#define RECONTACT_AFTER_EH 0.15
#define RECONTACT_AFTER_EH_LONG 0.08
#define RECONTACT_SHORT 0.55		/* within about a year of closure */
#define RECONTACT_LONG 0.10		/* one to five years later */
#define RECONTACT_MEDIAN_DAYS 110.0

/* ---- early help ---- */
#define EH_MEDIAN_DAYS 150.0
static const struct wcode eh_ends[] = {
	{"needs_met", .58}, {"step_up", .12}, {"declined", .15}, {"moved_away", .05}, {"other", .10}};

/* ---- referral and assessment ---- */
#define REF_NFA_SHARE 0.06		/* closed at referral, no assessment */
#define ASSESSMENT_IN_TIME 0.82		/* authorised within 45 working days */
static const struct span assessment_wd = {5, 45, 46, 95};
#define ASSESSMENT_EARLY_SPREAD 10	/* in-time ones end up to this many days before the limit */
#define S47_SHARE 0.20			/* referrals (not already a strategy decision) reaching s47 */
#define S47_EMERGENCY_CARE 0.05		/* s47s where the child comes into care at once */
#define S47_ICPC 0.325		/* s47s leading to an ICPC */
#define ICPC_IN_TIME 0.80		/* within 15 working days of the strategy discussion */
static const struct span icpc_wd = {5, 15, 16, 30};
#define ICPC_PLAN 0.88			/* ICPCs deciding on a CP plan */
#define S47_CIN_AFTER 0.35		/* s47 without conference: CIN plan afterwards */
#define S47_SAME_DAY 0.70		/* enquiry started the day of the strategy discussion */
#define ASSESSMENT_SECOND_VISIT 0.60	/* longer assessments with a second visit */
#define ASSESSMENT_START_NOTE 0.30
#define DISABLED_CIN_PLAN 0.80		/* disabled children's assessments leading to a plan */
#define MOVED_AWAY 0.50			/* "other" closures: transferred to another authority */
static const struct wcode needs[] = {{"N1", .57}, {"N2", .02}, {"N3", .02}, {"N4", .09}, {"N5", .15},
				     {"N6", .03}, {"N7", .005}, {"N8", .04}, {"N9", .05}, {"N0", .025}};
enum outcome { OUT_CIN, OUT_NFA, OUT_EH, OUT_CLA, OUT_OTHER, OUT_MAX };
static const double assessment_outcomes[OUT_MAX] = {.27, .525, .13, .015, .06};
static const char *const outcome_text[OUT_MAX] = {"Child in need plan", "No further action",
						  "Step down to early help", "Child became looked after",
						  "Case closed: family moved away"};
static const char *const factor_sets[] = {
	"3B,4B", "16A", "3B,2B", "17A,3B", "4B,1B", "14A,4A", "16A,2B,1B", "3B", "10A,11A", "15A,4A", "5B,16A",
	"24A,10A", "7A,6B", "2B", "4A", "PHYS,3B", "21", "16A,4B", "20", "3A,3B", "6A,5A"};

/* ---- plans ---- */
#define CIN_MEDIAN_DAYS 190.0
#define CIN_DISABLED_MEDIAN_DAYS 700.0
static const double cin_ends[AFT_MAX] = {.80, .10, .06, .04, 0};
#define CP_MEDIAN_DAYS 200.0
static const double cp_ends[AFT_MAX] = {.32, 0, 0, .12, .56};
#define CP_PREBIRTH_CARE 0.35
#define CP_BABY_CARE 0.25		/* plans for babies ending in care */
static const struct wcode cp_categories[] = {{"NEG", .48}, {"EMO", .36}, {"PHY", .07}, {"SAB", .04}, {"MUL", .05}};
/* What the CIN census asks of a plan beyond the journey (a side stream: see care.c): the
 * category it began with, which a review changed for a few plans, and the plans before it,
 * in this authority (the record's) and, for a child who moved here, in another. *check*:
 * the shares are ours. */
#define CP_CATEGORY_CHANGED 0.08
#define CP_PLANS_ELSEWHERE 0.04
/* Review conferences within 3 months of the ICPC, then at most 6-monthly; the first core
 * group within 10 working days, then every 4-6 weeks. */
#define CP_REVIEW_IN_TIME 0.88
static const struct span cp_first_review_days = {56, 90, 91, 130};
static const struct span cp_later_review_days = {150, 182, 183, 240};
#define CORE_GROUP_IN_TIME 0.90
static const struct span core_group_first_wd = {4, 10, 11, 20};
static const struct span core_group_wd = {18, 32, 18, 32};

/* ---- visits: the local standard in working days, and the share in time ---- */
#define CIN_VISIT_WD 20
#define CIN_VISIT_IN_TIME 0.74
#define CP_VISIT_WD 10
#define CP_VISIT_IN_TIME 0.84
#define SEEN 0.95
#define CHILD_SAID 0.80			/* seen children of 4+ whose words are recorded */
#define NOTES_PER_VISIT 0.12
static const struct wcode note_kinds[] = {{"case_note", .55}, {"management_oversight", .18}, {"supervision", .08},
					  {"direct_work", .14}, {"other", .05}};

/* ---- time ---- */

hdate wd_add(hdate d, int n)
{
	return workdays_add(d, n);
}

static void cp_plan_returns(struct kid *k, int row, const char *category)
{
	struct rng s = demo_side_rng(&k->r, 0xc9c9);
	const char *initial = category;
	if (rng_chance(&s, CP_CATEGORY_CHANGED)) {
		do {
			initial = WPICK(&s, cp_categories);
		} while (strcmp(initial, category) == 0);
	}
	row_code(k, row, CP_PLAN_INITIAL_CATEGORY, initial);
	/* k->cp_plans counts this plan already */
	int elsewhere = rng_chance(&s, CP_PLANS_ELSEWHERE) ? rng_int(&s, 1, 2) : 0;
	row_int(k, row, CP_PLAN_PREVIOUS_PLANS, k->cp_plans - 1 + elsewhere);
}

int age_on(const struct kid *k, hdate d)
{
	return d < k->dob ? 0 : date_age(k->dob, d);
}

/* ---- recurring events ---- */

void journey_note(struct demo_ctx *cx, struct kid *k, hdate d, const char *kind)
{
	if (!in_detail(cx, k, d)) {
		return;
	}
	if (!kind) {
		kind = WPICK(&k->r, note_kinds);
	}
	if (strcmp(kind, "direct_work") == 0 && age_on(k, d) < 4) {
		kind = "case_note";
	}
	int r = row_new(cx, k, &entity_note);
	row_date(cx, k, r, NOTE_NOTE_DATE, d);
	row_code(k, r, NOTE_KIND, kind);
	row_bool(k, r, NOTE_CHILD_VOICE, strcmp(kind, "direct_work") == 0);
	row_str(k, r, NOTE_BODY, words_note(&k->r, kind));
	row_worker(k, r, NOTE_WORKER_ID, NOTE_NOTE_DATE,
		   strcmp(kind, "management_oversight") == 0 ? PR_MANAGER : PR_SW);
}

static const char *const visit_codes[] = {"cin", "cp", "cla", "leaver", "private_fostering", "other"};

void journey_visit(struct demo_ctx *cx, struct kid *k, hdate d, int kind)
{
	if (!in_detail(cx, k, d)) {
		return;
	}
	int age = age_on(k, d);
	bool seen = rng_chance(&k->r, SEEN);
	double alone_p = age < 4 ? 0 : age < 8 ? 0.45 : kind == 1 ? 0.80 : 0.72;
	bool alone = seen && rng_chance(&k->r, alone_p);
	int r = row_new(cx, k, &entity_visit);
	row_date(cx, k, r, VISIT_VISIT_DATE, d);
	row_code(k, r, VISIT_KIND, visit_codes[kind]);
	row_bool(k, r, VISIT_SEEN, seen);
	row_bool(k, r, VISIT_SEEN_ALONE, alone);
	if (seen && age >= 4 && rng_chance(&k->r, CHILD_SAID)) {
		row_str(k, r, VISIT_CHILD_SAID, words_child_said(&k->r, age));
	}
	row_str(k, r, VISIT_SUMMARY, words_visit_summary(&k->r, kind));
	row_worker(k, r, VISIT_WORKER_ID, VISIT_VISIT_DATE, PR_SW);
	if (rng_chance(&k->r, NOTES_PER_VISIT)) {
		journey_note(cx, k, date_add_days(d, rng_int(&k->r, 0, 3)), NULL);
	}
}

/* Visits every `due` working days (most in time, some late) over [from, to). */
static void visits(struct demo_ctx *cx, struct kid *k, int kind, hdate from, hdate to, int due, double in_time)
{
	if (to != DATE_NONE && to < cx->detail_start) {
		return;
	}
	hdate end = to == DATE_NONE ? cx->as_at : min_date(to, date_add_days(cx->as_at, 1));
	hdate d = wd_add(from, rng_int(&k->r, 1, due / 2 + 1));
	while (d < end) {
		journey_visit(cx, k, d, kind);
		int step = rng_chance(&k->r, in_time) ? rng_int(&k->r, due / 2 + 1, due) : rng_int(&k->r, due + 1, due * 9 / 4);
		d = wd_add(d, step);
	}
}

static void contact(struct demo_ctx *cx, struct kid *k, hdate d, const char *source, hdate decided,
		    const char *decision)
{
	int r = row_new(cx, k, &entity_contact);
	row_date(cx, k, r, CONTACT_CONTACT_DATE, d);
	row_code(k, r, CONTACT_SOURCE, source);
	row_date(cx, k, r, CONTACT_DECISION_DATE, decided);
	if (decided <= cx->as_at) {
		row_code(k, r, CONTACT_DECISION, decision);
	}
	if (rng_chance(&k->r, CONTACT_SUMMARY_SHARE)) {
		row_str(k, r, CONTACT_SUMMARY, words_contact(&k->r));
	}
}

/* ---- early help ---- */

static hdate early_help(struct demo_ctx *cx, struct kid *k, hdate s, bool step_down, bool *step_up)
{
	*step_up = false;
	if (s > cx->as_at) {
		return s;
	}
	int r = row_new(cx, k, &entity_early_help);
	row_date(cx, k, r, EARLY_HELP_START_DATE, s);
	row_bool(k, r, EARLY_HELP_STEP_DOWN, step_down);
	row_str(k, r, EARLY_HELP_LEAD, worker_name(cx, team_for(cx, k, TK_EH_NORTH), s, &k->r));
	hdate end = days(s, rng_lognormal(&k->r, EH_MEDIAN_DAYS, 0.5, 42, 540));
	const char *reason = WPICK(&k->r, eh_ends);
	if (k->dob != DATE_NONE && end >= birthday(k, 18)) {
		end = date_add_days(birthday(k, 18), -1);
		reason = "needs_met";
	}
	if (end <= s) {
		end = date_add_days(s, 1);
	}
	row_date(cx, k, r, EARLY_HELP_END_DATE, end);
	if (end <= cx->as_at) {
		row_code(k, r, EARLY_HELP_END_REASON, reason);
		*step_up = strcmp(reason, "step_up") == 0;
	}
	demo_family_help(cx, k, false, -1, s, end <= cx->as_at ? end : DATE_NONE, reason);
	return end;
}

/* ---- child in need and child protection ---- */

static enum after s47_enquiry(struct demo_ctx *cx, struct kid *k, int ref, hdate sd, hdate *t);

static hdate cin_plan(struct demo_ctx *cx, struct kid *k, int ref, hdate s, enum after *nx)
{
	struct rng *r = &k->r;
	hdate b18 = birthday(k, 18);
	if (s >= date_add_days(b18, -14)) {
		*nx = AFT_CLOSE; /* no plan for a young person about to turn 18 */
		return s;
	}
	seg_open(cx, k, AK_SW, s, team_for(cx, k, TK_LOC_1));
	double dur = k->disabled ? rng_lognormal(r, CIN_DISABLED_MEDIAN_DAYS, 0.6, 180, 2500)
				 : rng_lognormal(r, CIN_MEDIAN_DAYS, 0.55, 60, 900);
	hdate end = days(s, dur);
	*nx = (enum after)rng_windex(r, cin_ends, AFT_MAX);
	if (end >= date_add_days(b18, -1)) {
		end = date_add_days(b18, -1);
		*nx = AFT_CLOSE;
	}
	if (end <= s) {
		end = date_add_days(s, 1);
	}
	int row = -1;
	if (s <= cx->as_at) {
		row = row_new(cx, k, &entity_cin_plan);
		row_parent(k, row, CIN_PLAN_REFERRAL_ID, ref);
		row_date(cx, k, row, CIN_PLAN_START_DATE, s);
	}
	if (*nx == AFT_CP) {
		/* worries escalate: a strategy discussion during the plan */
		int span = (int)(dur * 5 / 7);
		hdate sd = wd_add(s, rng_int(r, 5, span > 10 ? span - 5 : 6));
		hdate t = sd;
		enum after a = s47_enquiry(cx, k, ref, sd, &t);
		if (a == AFT_CIN || a == AFT_CLOSE) {
			*nx = AFT_CLOSE; /* carried on as before, then closed */
			end = max_date(end, wd_add(t, 10));
		} else {
			end = t;
			*nx = a;
		}
	}
	if (row >= 0) {
		row_date(cx, k, row, CIN_PLAN_END_DATE, end);
		demo_family_help(cx, k, true, ref, s, end <= cx->as_at ? end : DATE_NONE,
				 *nx == AFT_CLOSE ? "needs_met" : *nx == AFT_EH ? "other" : "step_up");
	}
	visits(cx, k, 0, s, end, CIN_VISIT_WD, CIN_VISIT_IN_TIME);
	return end;
}

static void core_groups_and_reviews(struct demo_ctx *cx, struct kid *k, int plan, hdate s, hdate target, hdate *end)
{
	struct rng *r = &k->r;
	hdate b18 = birthday(k, 18);
	/* review conferences: within 3 months, then at most 6-monthly; the plan ends at one */
	hdate rv = days(s, span_draw(r, &cp_first_review_days, CP_REVIEW_IN_TIME));
	for (;;) {
		if (rv >= b18) {
			*end = date_add_days(b18, -1);
			break;
		}
		if (in_detail(cx, k, rv)) {
			int row = row_new(cx, k, &entity_cp_review);
			row_parent(k, row, CP_REVIEW_CP_PLAN_ID, plan);
			row_date(cx, k, row, CP_REVIEW_REVIEW_DATE, rv);
		}
		if (rv >= target || rv > cx->as_at) {
			*end = rv;
			break;
		}
		rv = days(rv, span_draw(r, &cp_later_review_days, CP_REVIEW_IN_TIME));
	}
	/* core groups: within 10 working days of the ICPC, then every 4-6 weeks */
	hdate cg = wd_add(s, span_draw(r, &core_group_first_wd, CORE_GROUP_IN_TIME));
	while (cg < *end && cg <= cx->as_at) {
		if (in_detail(cx, k, cg)) {
			int row = row_new(cx, k, &entity_core_group);
			row_parent(k, row, CORE_GROUP_CP_PLAN_ID, plan);
			row_date(cx, k, row, CORE_GROUP_MEETING_DATE, cg);
		}
		cg = wd_add(cg, rng_int(r, core_group_wd.lo, core_group_wd.hi));
	}
}

static hdate cp_plan(struct demo_ctx *cx, struct kid *k, int ref, hdate s, enum after *nx)
{
	struct rng *r = &k->r;
	if (s >= date_add_days(birthday(k, 18), -14)) {
		*nx = AFT_CLOSE;
		return s;
	}
	k->cp_plans++;
	seg_open(cx, k, AK_SW, s, team_for(cx, k, TK_LOC_1));
	seg_open(cx, k, AK_IRO, s, team_index(cx, TK_IRO));
	int row = row_new(cx, k, &entity_cp_plan);
	row_parent(k, row, CP_PLAN_REFERRAL_ID, ref);
	row_date(cx, k, row, CP_PLAN_START_DATE, s);
	demo_macpt_name(cx, k, row, CP_PLAN_MACPT_ID, s);
	const char *category = WPICK(r, cp_categories);
	row_code(k, row, CP_PLAN_CATEGORY, category);
	cp_plan_returns(k, row, category);
	hdate target = days(s, rng_lognormal(r, CP_MEDIAN_DAYS, 0.5, 90, 900));
	hdate end = target;
	*nx = (enum after)rng_windex(r, cp_ends, AFT_MAX);
	if (age_on(k, target) < 1 && *nx != AFT_CLA && rng_chance(r, CP_BABY_CARE)) {
		*nx = AFT_CLA;
	}
	if (k->expected != DATE_NONE && s < k->dob && rng_chance(r, CP_PREBIRTH_CARE)) {
		/* a pre-birth plan: the baby is removed at birth */
		end = date_add_days(k->dob, rng_int(r, 0, 3));
		*nx = AFT_CLA;
	} else {
		core_groups_and_reviews(cx, k, row, s, target, &end);
		if (*nx == AFT_CLA) {
			end = date_add_days(end, -rng_int(r, 0, 30)); /* care came before the next review */
			end = max_date(end, date_add_days(s, 30));
		}
	}
	if (end >= birthday(k, 18)) {
		end = date_add_days(birthday(k, 18), -1);
		*nx = AFT_CLOSE;
	}
	if (*nx == AFT_CLA && k->expected != DATE_NONE && end < k->dob) {
		end = k->dob;
	}
	row_date(cx, k, row, CP_PLAN_END_DATE, end);
	seg_close(cx, k, AK_IRO, end);
	visits(cx, k, 1, s, end, CP_VISIT_WD, CP_VISIT_IN_TIME);
	return end;
}

/* A strategy discussion on sd and the s47 enquiry it starts. Returns what follows and its
 * date in *t: AFT_CLA (care at once), AFT_CP (plan from the ICPC), AFT_CIN (a CIN plan
 * from the ICPC), or AFT_CLOSE meaning "back to the assessment". */
static enum after s47_enquiry(struct demo_ctx *cx, struct kid *k, int ref, hdate sd, hdate *t)
{
	struct rng *r = &k->r;
	if (sd > cx->as_at) {
		*t = sd;
		return AFT_CLOSE;
	}
	int row = row_new(cx, k, &entity_s47);
	row_parent(k, row, S47_REFERRAL_ID, ref);
	row_date(cx, k, row, S47_STRATEGY_DATE, sd);
	hdate start = rng_chance(r, S47_SAME_DAY) ? sd : wd_add(sd, 1);
	row_date(cx, k, row, S47_START_DATE, start);
	demo_macpt_name(cx, k, row, S47_MACPT_ID, start > cx->as_at ? sd : start); /* begun on the as-at date */
	journey_visit(cx, k, wd_add(sd, rng_int(r, 0, 2)), 5);
	double u = rng_unit(r);
	if (u < S47_EMERGENCY_CARE && (k->expected == DATE_NONE || sd >= k->dob)) {
		row_bool(k, row, S47_ICPC_NOT_REQUIRED, true);
		*t = date_add_days(sd, rng_int(r, 0, 2));
		return AFT_CLA;
	}
	if (u < S47_EMERGENCY_CARE + S47_ICPC) {
		hdate icpc = wd_add(sd, span_draw(r, &icpc_wd, ICPC_IN_TIME));
		row_date(cx, k, row, S47_ICPC_DATE, icpc);
		row_bool(k, row, S47_ICPC_NOT_REQUIRED, false);
		*t = icpc;
		return rng_chance(r, ICPC_PLAN) ? AFT_CP : AFT_CIN;
	}
	row_bool(k, row, S47_ICPC_NOT_REQUIRED, true);
	*t = sd;
	return AFT_CLOSE;
}

/* Contacts about a child whose case is open, passed to its worker. */
static void existing_case_contacts(struct demo_ctx *cx, struct kid *k, hdate from, hdate to)
{
	hdate end = to == DATE_NONE || to > cx->as_at ? cx->as_at : to;
	for (hdate d = days(from, 20 + rng_exp(&k->r, 365.25 / EXISTING_CASE_CONTACTS)); d < end;
	     d = days(d, 1 + rng_exp(&k->r, 365.25 / EXISTING_CASE_CONTACTS))) {
		if (in_detail(cx, k, d)) {
			contact(cx, k, d, WPICK(&k->r, sources), d, "existing_case");
		}
	}
}

/* A referral and the CIN episode it opens. Returns the closure date (possibly after the
 * as-at date: still open); *eh_after when the case closed to early help. */
static hdate referral(struct demo_ctx *cx, struct kid *k, hdate rd, const char *source, bool strategy, bool *eh_after)
{
	struct rng *r = &k->r;
	*eh_after = false;
	int ref = row_new(cx, k, &entity_referral);
	k->ref = ref;
	row_date(cx, k, ref, REFERRAL_REFERRAL_DATE, rd);
	row_code(k, ref, REFERRAL_SOURCE, source);
	row_bool(k, ref, REFERRAL_NFA, false);
	row_code(k, ref, REFERRAL_PRIMARY_NEED, k->uasc ? "N8" : k->disabled ? "N2" : WPICK(r, needs));
	if (!strategy && !k->uasc && rng_chance(r, REF_NFA_SHARE)) {
		hdate closed = wd_add(rd, rng_int(r, 0, 1));
		row_bool(k, ref, REFERRAL_NFA, true);
		row_date(cx, k, ref, REFERRAL_CLOSURE_DATE, closed);
		if (closed <= cx->as_at) {
			row_code(k, ref, REFERRAL_CLOSURE_REASON, "RC8");
		}
		k->ref = -1;
		return closed;
	}
	row_bool(k, ref, REFERRAL_NFA, false);
	seg_open(cx, k, AK_SW, rd, k->disabled ? team_for(cx, k, TK_LOC_1) : team_for(cx, k, TK_ASSESS_NORTH));

	/* the assessment */
	hdate a_start = wd_add(rd, rng_int(r, 0, 2));
	int wd = rng_chance(r, ASSESSMENT_IN_TIME)
			 ? rng_int(r, assessment_wd.lo, assessment_wd.hi - rng_int(r, 0, ASSESSMENT_EARLY_SPREAD))
			 : rng_int(r, assessment_wd.late_lo, assessment_wd.late_hi);
	hdate auth = wd_add(a_start, wd);
	int asmt = -1;
	if (a_start <= cx->as_at) {
		asmt = row_new(cx, k, &entity_assessment);
		row_parent(k, asmt, ASSESSMENT_REFERRAL_ID, ref);
		row_date(cx, k, asmt, ASSESSMENT_START_DATE, a_start);
		row_date(cx, k, asmt, ASSESSMENT_AUTHORISED_DATE, auth);
		if (auth <= cx->as_at) {
			const char *f = factor_sets[rng_int(r, 0, NELEM(factor_sets) - 1)];
			if (strncmp(f, "PHYS", 4) == 0) {
				f = auth >= date_from_ymd(2024, 4, 1) ? "18C,3B" : "18A,3B";
			}
			row_str(k, asmt, ASSESSMENT_FACTORS, f);
		}
		journey_visit(cx, k, wd_add(a_start, rng_int(r, 1, wd < 8 ? wd : 8)), 5);
		if (wd > 20 && rng_chance(r, ASSESSMENT_SECOND_VISIT)) {
			journey_visit(cx, k, wd_add(a_start, rng_int(r, 12, wd)), 5);
		}
		if (rng_chance(r, ASSESSMENT_START_NOTE)) {
			journey_note(cx, k, a_start, "case_note");
		}
		if (auth <= cx->as_at) {
			journey_note(cx, k, auth, "management_oversight");
		}
	}

	/* what follows */
	enum after nx = AFT_CLOSE;
	hdate t = auth;
	const char *close = "RC8";
	enum route route = RT_S20;
	enum outcome out = OUT_NFA;
	if (k->uasc) {
		nx = AFT_CLA;
		t = wd_add(rd, rng_int(r, 0, 2));
		route = RT_UASC;
		out = OUT_CLA;
	} else if (strategy || rng_chance(r, S47_SHARE)) {
		/* a strategy discussion during the assessment, before it is authorised */
		hdate sd = strategy ? wd_add(rd, rng_int(r, 0, 1)) : wd_add(rd, rng_int(r, 1, wd > 13 ? 12 : wd > 2 ? wd - 1 : 1));
		hdate when = sd;
		enum after a = s47_enquiry(cx, k, ref, sd, &when);
		if (a == AFT_CLA) {
			nx = AFT_CLA;
			t = when;
			route = RT_EMERGENCY;
			out = OUT_CLA;
		} else if (a == AFT_CP || a == AFT_CIN) {
			nx = a;
			t = when;
			out = OUT_CIN;
		} else if (rng_chance(r, S47_CIN_AFTER)) {
			nx = AFT_CIN;
			out = OUT_CIN;
		}
	} else if (k->disabled) {
		out = rng_chance(r, DISABLED_CIN_PLAN) ? OUT_CIN : OUT_NFA;
		nx = out == OUT_CIN ? AFT_CIN : AFT_CLOSE;
	} else {
		out = (enum outcome)WINDEX(r, assessment_outcomes);
		switch (out) {
		case OUT_CIN:
			nx = AFT_CIN;
			break;
		case OUT_EH:
			close = "RC9";
			*eh_after = true;
			break;
		case OUT_CLA:
			nx = AFT_CLA;
			t = wd_add(a_start, rng_int(r, 1, wd > 2 ? wd - 1 : 1));
			route = RT_S20;
			break;
		case OUT_OTHER:
			close = rng_chance(r, MOVED_AWAY) ? "RC5" : "RC7";
			break;
		default:
			break;
		}
	}
	if (asmt >= 0 && auth <= cx->as_at) {
		row_str(k, asmt, ASSESSMENT_OUTCOME, outcome_text[out]);
	}
	if (nx == AFT_CIN && t < k->dob) {
		t = k->dob;
	}
	if (nx == AFT_CLA && k->expected != DATE_NONE && t < k->dob) {
		t = date_add_days(k->dob, rng_int(r, 0, 3));
	}

	/* the phases of the episode until it closes (or the as-at date) */
	for (int guard = 0; guard < 40; guard++) {
		if (t > cx->as_at) {
			break;
		}
		hdate end = t;
		enum after next = AFT_CLOSE;
		switch (nx) {
		case AFT_CIN:
			end = cin_plan(cx, k, ref, t, &next);
			close = "RC7";
			if (next == AFT_EH) {
				*eh_after = true;
				next = AFT_CLOSE;
			}
			break;
		case AFT_CP:
			end = cp_plan(cx, k, ref, t, &next);
			close = "RC7";
			if (next == AFT_CLA) {
				route = RT_PLANNED;
			}
			break;
		case AFT_CLA:
			end = care_period(cx, k, t, route, &next, &close);
			break;
		default: {
			/* closure: the case ends on t */
			hdate closed = max_date(t, auth <= cx->as_at ? auth : t);
			if (closed > cx->as_at) {
				t = closed;
				goto open;
			}
			row_date(cx, k, ref, REFERRAL_CLOSURE_DATE, closed);
			row_code(k, ref, REFERRAL_CLOSURE_REASON, close);
			seg_close(cx, k, AK_SW, closed);
			existing_case_contacts(cx, k, rd, closed);
			k->ref = -1;
			return closed;
		}
		}
		nx = next;
		t = end;
		if (nx == AFT_CLA && route == RT_S20) {
			route = RT_PLANNED;
		}
	}
open:
	existing_case_contacts(cx, k, rd, DATE_NONE);
	kid_active(cx, k, cx->as_at);
	return date_add_days(cx->as_at, 1);
}

/* ---- the whole journey ---- */

static hdate recontact(struct kid *k, hdate from, double p_short, double p_long)
{
	double u = rng_unit(&k->r);
	if (u < p_short) {
		return days(from, rng_lognormal(&k->r, RECONTACT_MEDIAN_DAYS, 0.8, 14, 500));
	}
	if (u < p_short + p_long) {
		return days(from, rng_int(&k->r, 365, 1800));
	}
	return DATE_NONE;
}

void journey_run(struct demo_ctx *cx, struct kid *k)
{
	struct rng *r = &k->r;
	hdate t = k->first;
	bool first = true;
	while (t != DATE_NONE && t <= cx->as_at) {
		if (t >= date_add_days(birthday(k, 18), -30)) {
			break;
		}
		bool unborn = t < k->dob;
		const char *decision = k->uasc ? "referral"
				       : unborn ? WPICK(r, unborn_decisions)
				       : first  ? WPICK(r, first_decisions)
						: WPICK(r, repeat_decisions);
		const char *source = k->uasc ? WPICK(r, uasc_sources) : unborn ? WPICK(r, unborn_sources) : WPICK(r, sources);
		int lag = WINDEX(r, decision_lag);
		hdate decided = wd_add(t, lag < 3 ? lag : rng_int(r, 3, 6));
		contact(cx, k, t, source, decided, decision);
		first = false;
		if (decided > cx->as_at) {
			kid_active(cx, k, cx->as_at);
			return;
		}
		hdate next = DATE_NONE;
		if (!strcmp(decision, "nfa") || !strcmp(decision, "advice")) {
			next = recontact(k, t, RECONTACT_AFTER_NFA, RECONTACT_AFTER_NFA_LONG);
		} else if (!strcmp(decision, "early_help")) {
			bool up;
			hdate end = early_help(cx, k, date_add_days(decided, rng_int(r, 0, 10)), false, &up);
			if (end > cx->as_at) {
				return;
			}
			if (up) {
				t = end;
				decision = "referral";
				source = "5D";
				decided = end;
			} else {
				next = recontact(k, end, RECONTACT_AFTER_EH, RECONTACT_AFTER_EH_LONG);
			}
		}
		if (!strcmp(decision, "referral") || !strcmp(decision, "strategy")) {
			hdate rd = decided;
			bool strategy = !strcmp(decision, "strategy");
			for (;;) {
				bool eh_after;
				hdate closed = referral(cx, k, rd, source, strategy, &eh_after);
				if (closed > cx->as_at || k->leaver_until != DATE_NONE) {
					return;
				}
				next = DATE_NONE;
				if (eh_after) {
					bool up;
					hdate end = early_help(cx, k, closed, true, &up);
					if (end > cx->as_at) {
						return;
					}
					if (up) {
						rd = end;
						source = "5D";
						strategy = false;
						continue;
					}
					closed = end;
				}
				next = recontact(k, closed, RECONTACT_SHORT, RECONTACT_LONG);
				break;
			}
		}
		if (next != DATE_NONE && next < k->dob) {
			next = date_add_days(k->dob, rng_int(r, 1, 60));
		}
		t = next;
	}
}
