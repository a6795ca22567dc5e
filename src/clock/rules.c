/* rules: the table of statutory and local timescales, and the arithmetic of a deadline.
 *
 * One row per timescale as it stood from its effective date. To change a timescale, add a
 * row for the same kind with a later effective_from (and a new id): clocks started from
 * that day follow the new row, older clocks keep the old one. Ids are stable: measures,
 * goldens and the web name rules by id.
 *
 * Invariants (tests/unit/clock/test_clock.c checks): ids unique and lower_snake_case;
 * every kind below CLOCK_KIND_MAX has at least one row; every effective_from parses; a
 * row names either a positive interval or a settings key of type SETTING_INT. */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "base/workdays.h"
#include "clock/clock.h"

#define WT "Working Together to Safeguard Children (2013; 2023)"
#define CPPCR "Care Planning, Placement and Case Review (England) Regulations 2010"
#define PEP_GUIDE "Promoting the education of looked-after children (DfE statutory guidance, 2018)"
#define HEALTH_GUIDE "Promoting the health and well-being of looked-after children (DfE/DHSC, 2015)"
#define LADO_GUIDE "Working Together 2023 ch. 2; Keeping children safe in education: LADO practice targets"

const struct clock_rule clock_rules[] = {
	{"contact_decision_1wd", CLOCK_CONTACT_DECISION, "Decide on the contact", "contact received", 1,
	 CLOCK_WORKING_DAYS, NULL, "decision recorded", "2013-04-15", WT},
	{"assessment_45wd", CLOCK_ASSESSMENT, "Complete and authorise the assessment",
	 "referral (a later assessment in the same referral: its own start)", 45, CLOCK_WORKING_DAYS, NULL,
	 "assessment authorised; referral closed or no further action", "2013-04-15", WT},
	{"icpc_15wd", CLOCK_ICPC, "Hold the initial child protection conference", "strategy discussion", 15,
	 CLOCK_WORKING_DAYS, NULL, "ICPC held or not required; a CP plan started; referral closed", "2013-04-15",
	 WT},
	{"core_group_10wd", CLOCK_CORE_GROUP, "Hold the first core group meeting", "ICPC (CP plan start)", 10,
	 CLOCK_WORKING_DAYS, NULL, "core group held; plan ended", "2013-04-15", WT},
	{"cp_review_first_3m", CLOCK_CP_REVIEW_FIRST, "Hold the first child protection review conference",
	 "ICPC (CP plan start)", 3, CLOCK_MONTHS, NULL, "review conference held; plan ended", "2013-04-15", WT},
	{"cp_review_6m", CLOCK_CP_REVIEW, "Hold the next child protection review conference",
	 "last review conference", 6, CLOCK_MONTHS, NULL, "review conference held; plan ended", "2013-04-15", WT},
	{"cp_visit_local", CLOCK_CP_VISIT, "Visit the child (child protection plan)",
	 "CP plan start, then each visit with the child seen", 0, CLOCK_WORKING_DAYS, "cp_visit_working_days",
	 "visit with the child seen; plan ended", "2013-04-15", "Local policy (setting cp_visit_working_days)"},
	{"cin_visit_local", CLOCK_CIN_VISIT, "Visit the child (child in need plan)",
	 "CIN plan start, then each visit with the child seen", 0, CLOCK_WORKING_DAYS, "cin_visit_working_days",
	 "visit with the child seen; plan ended", "2013-04-15", "Local policy (setting cin_visit_working_days)"},
	{"cla_visit_new_placement_1w", CLOCK_CLA_VISIT_PLACEMENT, "Visit the child in the new placement",
	 "placement start (RNE S, P or T)", 1, CLOCK_WEEKS, NULL, "visit with the child seen; left care",
	 "2011-04-01", CPPCR ", reg 28"},
	{"cla_visit_6w_first_year", CLOCK_CLA_VISIT_YEAR1, "Visit the child in care (first year of placement)",
	 "last visit with the child seen", 6, CLOCK_WEEKS, NULL, "visit with the child seen; new placement; left care",
	 "2011-04-01", CPPCR ", reg 28"},
	{"cla_visit_3m_long_term", CLOCK_CLA_VISIT_LONG_TERM, "Visit the child in care (long-term placement)",
	 "last visit with the child seen", 3, CLOCK_MONTHS, NULL, "visit with the child seen; new placement; left care",
	 "2011-04-01", CPPCR ", reg 28"},
	{"cla_visit_6w", CLOCK_CLA_VISIT_OTHER, "Visit the child in care", "last visit with the child seen", 6,
	 CLOCK_WEEKS, NULL, "visit with the child seen; new placement; left care", "2011-04-01", CPPCR ", reg 28"},
	{"cla_review_first_20wd", CLOCK_CLA_REVIEW_FIRST, "Hold the first looked-after review",
	 "entering care (start of the period of care)", 20, CLOCK_WORKING_DAYS, NULL, "review held; left care",
	 "2011-04-01", CPPCR ", reg 33"},
	{"cla_review_second_3m", CLOCK_CLA_REVIEW_SECOND, "Hold the second looked-after review", "first review", 3,
	 CLOCK_MONTHS, NULL, "review held; left care", "2011-04-01", CPPCR ", reg 33"},
	{"cla_review_6m", CLOCK_CLA_REVIEW, "Hold the next looked-after review", "last review", 6, CLOCK_MONTHS, NULL,
	 "review held; left care", "2011-04-01", CPPCR ", reg 33"},
	{"pep_initial_10wd", CLOCK_PEP_INITIAL, "Put a personal education plan in place",
	 "entering care, or reaching school age in care", 10, CLOCK_WORKING_DAYS, NULL,
	 "PEP held; left care; past school age", "2018-02-01", PEP_GUIDE},
	{"pep_termly", CLOCK_PEP_TERM, "Review the personal education plan this term", "last PEP", 1, CLOCK_TERMS,
	 NULL, "PEP held; left care; past school age", "2018-02-01", PEP_GUIDE},
	{"health_initial_20wd", CLOCK_HEALTH_INITIAL, "Initial health assessment",
	 "entering care (start of the period of care)", 20, CLOCK_WORKING_DAYS, NULL,
	 "initial (or a review) health assessment held in the period; left care", "2015-03-01", HEALTH_GUIDE},
	{"health_review_6m_under5", CLOCK_HEALTH_REVIEW_UNDER5, "Review health assessment (under 5)",
	 "last health assessment", 6, CLOCK_MONTHS, NULL, "review health assessment held; left care", "2015-03-01",
	 HEALTH_GUIDE},
	{"health_review_12m", CLOCK_HEALTH_REVIEW, "Review health assessment", "last health assessment", 12,
	 CLOCK_MONTHS, NULL, "review health assessment held; left care", "2015-03-01", HEALTH_GUIDE},
	{"dental_12m", CLOCK_DENTAL, "Dental check", "last dental check, or entering care if later", 12,
	 CLOCK_MONTHS, NULL, "dental check; left care", "2015-03-01", HEALTH_GUIDE},
	{"return_interview_72h", CLOCK_RETURN_INTERVIEW, "Offer a return home interview",
	 "return from a missing episode", 72, CLOCK_HOURS, NULL, "interview offered; missing again (the next return's interview covers both); case closed", "2014-01-01",
	 "Children who run away or go missing from home or care (DfE statutory guidance, 2014)"},
	{"proceedings_26w", CLOCK_PROCEEDINGS, "Conclude the care proceedings", "proceedings issued", 26,
	 CLOCK_WEEKS, NULL, "final order", "2014-04-22",
	 "Children Act 1989 s32(1)(a)(ii), as amended by the Children and Families Act 2014"},
	/* Local policy, not statutory (the statutory 26 weeks is for proceedings, above): the
	 * weeks from the start of pre-proceedings to the step decision are the setting
	 * pre_proceedings_weeks (default 16). */
	{"pre_proceedings_local", CLOCK_PRE_PROCEEDINGS, "Make the pre-proceedings step decision (local timescale)",
	 "pre-proceedings started", 0, CLOCK_WEEKS, "pre_proceedings_weeks",
	 "step decision or court application recorded", "2014-04-22",
	 "Local policy (setting pre_proceedings_weeks): the Public Law Outline's pre-proceedings stage"},
	{"pathway_plan_6m", CLOCK_PATHWAY_PLAN, "Review the pathway plan",
	 "last pathway plan review (before the first: 16th birthday, or entering care if later)", 6, CLOCK_MONTHS,
	 NULL, "review held; no longer an eligible child or care leaver; 21 or over with no adviser allocated", "2011-04-01",
	 "Care Leavers (England) Regulations 2010; " CPPCR ", Schedule 8"},
	{"lado_consideration_1wd", CLOCK_LADO_CONSIDERATION, "LADO: initial consideration of the allegation",
	 "allegation received", 1, CLOCK_WORKING_DAYS, NULL, "initial consideration recorded", "2013-04-15",
	 LADO_GUIDE},
	{"lado_resolution_1m", CLOCK_LADO_RESOLUTION_1M, "LADO: resolve the allegation (1-month target)",
	 "allegation received", 1, CLOCK_MONTHS, NULL, "allegation resolved", "2013-04-15", LADO_GUIDE},
	{"lado_resolution_3m", CLOCK_LADO_RESOLUTION_3M, "LADO: resolve the allegation (3-month target)",
	 "allegation received", 3, CLOCK_MONTHS, NULL, "allegation resolved", "2013-04-15", LADO_GUIDE},
	{"lado_resolution_12m", CLOCK_LADO_RESOLUTION_12M, "LADO: resolve the allegation (12-month limit)",
	 "allegation received", 12, CLOCK_MONTHS, NULL, "allegation resolved", "2013-04-15", LADO_GUIDE},
	/* A task's due date is the one its manager chose, not an interval: interval 0 and no
	 * setting (the one kind the table allows so; clock_deadline is never asked for it). */
	{"task", CLOCK_TASK, "Task", "task set", 0, CLOCK_DAYS, NULL, "done date recorded", "2013-04-15",
	 "Local: set by a manager, or an action from case supervision"},
};

const int clock_rule_count = (int)(sizeof(clock_rules) / sizeof(clock_rules[0]));

#define N_RULES ((int)(sizeof(clock_rules) / sizeof(clock_rules[0])))

/* Parsed effective dates, built once. */
static hdate effective[N_RULES];
static pthread_once_t parsed = PTHREAD_ONCE_INIT;

static void parse_effective(void)
{
	for (int i = 0; i < N_RULES; i++) {
		if (date_parse(clock_rules[i].effective_from, &effective[i])) {
			effective[i] = DATE_NONE;
		}
	}
}

hdate clock_rule_effective(const struct clock_rule *r)
{
	pthread_once(&parsed, parse_effective);
	return effective[r - clock_rules];
}

const struct clock_rule *clock_rule_find(const char *id)
{
	for (int i = 0; id && i < N_RULES; i++) {
		if (strcmp(clock_rules[i].id, id) == 0) {
			return &clock_rules[i];
		}
	}
	return NULL;
}

const struct clock_rule *clock_rule_for(enum clock_kind kind, hdate start)
{
	pthread_once(&parsed, parse_effective);
	int best = -1, earliest = -1;
	for (int i = 0; i < N_RULES; i++) {
		if (clock_rules[i].kind != kind) {
			continue;
		}
		if (earliest < 0 || effective[i] < effective[earliest]) {
			earliest = i;
		}
		if (start != DATE_NONE && effective[i] <= start && (best < 0 || effective[i] > effective[best])) {
			best = i;
		}
	}
	if (best < 0) {
		best = earliest;
	}
	return best < 0 ? NULL : &clock_rules[best];
}

const char *clock_unit_name(enum clock_unit u)
{
	static const char *const names[CLOCK_UNIT_MAX] = {"working days", "days", "weeks", "months", "hours",
							  "terms"};
	return u < CLOCK_UNIT_MAX ? names[u] : "?";
}

int clock_interval(const struct clock_rule *r, const struct settings *s)
{
	if (!r->setting) {
		return r->interval;
	}
	struct settings defaults;
	if (!s) {
		settings_defaults(&defaults);
		s = &defaults;
	}
	/* The settings a rule may name, and where their values live. */
	static const struct {
		const char *key;
		size_t offset;
	} named[] = {
		{"cp_visit_working_days", offsetof(struct settings, cp_visit_working_days)},
		{"cin_visit_working_days", offsetof(struct settings, cin_visit_working_days)},
		{"pre_proceedings_weeks", offsetof(struct settings, pre_proceedings_weeks)},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strcmp(r->setting, named[i].key) == 0) {
			return *(const int *)((const char *)s + named[i].offset);
		}
	}
	return r->interval;
}

hdate clock_deadline(const struct clock_rule *r, hdate start, const struct settings *s)
{
	if (start == DATE_NONE) {
		return DATE_NONE;
	}
	int n = clock_interval(r, s);
	switch (r->unit) {
	case CLOCK_WORKING_DAYS:
		return workdays_add(start, n);
	case CLOCK_DAYS:
		return start + n;
	case CLOCK_WEEKS:
		return start + 7 * n;
	case CLOCK_MONTHS:
		return date_add_months(start, n);
	case CLOCK_HOURS:
		return start + (n + 23) / 24;
	case CLOCK_TERMS: {
		struct settings defaults;
		if (!s) {
			settings_defaults(&defaults);
			s = &defaults;
		}
		hdate t = start;
		for (int k = 0; k <= n; k++) {
			t = settings_next_term_start(s, t);
		}
		return t == DATE_NONE ? DATE_NONE : t - 1;
	}
	case CLOCK_UNIT_MAX:
		break;
	}
	return DATE_NONE;
}

hinstant clock_deadline_at(const struct clock_rule *r, hinstant start, const struct settings *s)
{
	if (r->unit == CLOCK_HOURS) {
		return start + (hinstant)clock_interval(r, s) * 3600;
	}
	hdate due = clock_deadline(r, instant_date(start), s);
	return instant_from_date(due) + 86399;
}

bool clock_in_time(const struct clock_rule *r, hdate start, hdate done, const struct settings *s)
{
	hdate due = clock_deadline(r, start, s);
	return done != DATE_NONE && due != DATE_NONE && done <= due;
}
