/* clock: the statutory clock. Every due date and every overdue item, as data, for any date.
 *
 * The rules are a table (clock_rules[] in rules.c): each row names a timescale (its kind),
 * the event that starts it, the interval and its unit, what stops it, the date it took
 * effect and its source. A kind may have several rows with different effective dates; the
 * row in force on the day a clock starts is the one that sets its due date
 * (clock_rule_for), so a timescale can change without a code change. A clock that started
 * before a kind's earliest row uses that earliest row. Local intervals (CP and CIN visits)
 * name a settings key instead of a fixed interval (model/settings.h).
 *
 * The computation (clock.c) reads one child's casefile as it stood on an as-at date:
 * rows dated after as_at are ignored, an end date after as_at counts as still open, and an
 * interval is open on d when start <= d < end (cf_open_on). For each live clock it produces
 * an item: the rule, the start event's date, the due date, the days overdue and a status.
 * A clock whose stop event happened on or before as_at produces nothing. Nothing is
 * produced for a child who had died by as_at.
 *
 * Statuses (clock_status): overdue when as_at is after the due date; due when as_at is the
 * due date; due_soon when the due date is within settings.due_soon_working_days working days
 * after as_at (5 by default); upcoming otherwise. clock_child returns every live item,
 * upcoming ones included; the worklist (`hearth due`) shows due_soon, due and overdue.
 *
 * The measures must never compute a due date themselves: they call clock_deadline (or one
 * of the clock_*_rule helpers below that choose which rule applies) and clock_in_time.
 *
 * Memory: items live in the arena the caller passes; rules are static. Everything here is
 * pure (no I/O) and, given distinct arenas and lists, safe from any thread. */
#ifndef HEARTH_CLOCK_CLOCK_H
#define HEARTH_CLOCK_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "model/casefile.h"
#include "model/settings.h"

/* The timescales. The order is the worklist's tie-break after date and child. */
enum clock_kind {
	CLOCK_CONTACT_DECISION,		/* contact decided within 1 working day */
	CLOCK_ASSESSMENT,		/* assessment authorised within 45 wd of referral */
	CLOCK_ICPC,			/* ICPC within 15 wd of the strategy discussion */
	CLOCK_CORE_GROUP,		/* first core group within 10 wd of the ICPC */
	CLOCK_CP_REVIEW_FIRST,		/* first CP review within 3 months of the ICPC */
	CLOCK_CP_REVIEW,		/* later CP reviews within 6 months of the last */
	CLOCK_CP_VISIT,			/* CP visits, local interval */
	CLOCK_CIN_VISIT,		/* CIN visits, local interval */
	CLOCK_CLA_VISIT_PLACEMENT,	/* reg 28: within a week of a new placement */
	CLOCK_CLA_VISIT_YEAR1,		/* reg 28: 6-weekly in a placement's first year */
	CLOCK_CLA_VISIT_LONG_TERM,	/* reg 28: then 3-monthly if intended to last to 18 */
	CLOCK_CLA_VISIT_OTHER,		/* reg 28: else 6-weekly */
	CLOCK_CLA_REVIEW_FIRST,		/* reg 33: within 20 wd of entering care */
	CLOCK_CLA_REVIEW_SECOND,	/* reg 33: within 3 months of the first */
	CLOCK_CLA_REVIEW,		/* reg 33: then within 6 months of the last */
	CLOCK_PEP_INITIAL,		/* PEP within 10 wd of entering care (school age) */
	CLOCK_PEP_TERM,			/* PEP reviewed each school term */
	CLOCK_HEALTH_INITIAL,		/* initial health assessment within 20 wd */
	CLOCK_HEALTH_REVIEW_UNDER5,	/* review health assessment 6-monthly under 5 */
	CLOCK_HEALTH_REVIEW,		/* review health assessment yearly from 5 */
	CLOCK_DENTAL,			/* dental check yearly */
	CLOCK_RETURN_INTERVIEW,		/* return home interview offered within 72 hours */
	CLOCK_PROCEEDINGS,		/* care proceedings concluded within 26 weeks */
	CLOCK_PRE_PROCEEDINGS,		/* pre-proceedings step decision: local, 16 weeks */
	CLOCK_PATHWAY_PLAN,		/* pathway plan reviewed at most 6-monthly */
	CLOCK_LADO_CONSIDERATION,	/* LADO initial consideration within 1 wd */
	CLOCK_LADO_RESOLUTION_1M,	/* LADO resolution targets: 1 month (80%), */
	CLOCK_LADO_RESOLUTION_3M,	/* 3 months (90%), */
	CLOCK_LADO_RESOLUTION_12M,	/* 12 months (nearly all) */
	CLOCK_TASK,			/* a task a manager set: due on the date they chose */
	CLOCK_KIND_MAX
};

enum clock_unit { CLOCK_WORKING_DAYS, CLOCK_DAYS, CLOCK_WEEKS, CLOCK_MONTHS, CLOCK_HOURS, CLOCK_TERMS,
		  CLOCK_UNIT_MAX };

struct clock_rule {
	const char *id;			/* stable, e.g. "assessment_45wd" */
	enum clock_kind kind;
	const char *title;		/* what is to be done, in plain English */
	const char *start;		/* the event that starts the clock */
	int interval;			/* ignored when setting is set */
	enum clock_unit unit;
	const char *setting;		/* settings key giving the interval, or NULL */
	const char *stop;		/* what stops the clock */
	const char *effective_from;	/* YYYY-MM-DD: applies to clocks starting on or after */
	const char *source;
};

extern const struct clock_rule clock_rules[];
extern const int clock_rule_count;

/* The rule with this id, or NULL. Static data. */
const struct clock_rule *clock_rule_find(const char *id);
/* The row of kind in force for a clock started on start: the latest effective_from on or
 * before start, or the kind's earliest row when start precedes them all (or is
 * DATE_NONE). Never NULL for a kind below CLOCK_KIND_MAX. */
const struct clock_rule *clock_rule_for(enum clock_kind kind, hdate start);
/* The rule's effective_from as a date. */
hdate clock_rule_effective(const struct clock_rule *r);
/* "working days", "days", "weeks", "months", "hours", "terms". */
const char *clock_unit_name(enum clock_unit u);
/* The rule's interval: the settings value for a local rule, else rule->interval. */
int clock_interval(const struct clock_rule *r, const struct settings *s);

/* The due date of a clock under rule r that started on start:
 *   working days: workdays_add(start, n) (day of the event is day 0);
 *   days / weeks: start + n / 7n; months: date_add_months (31 Jan + 1 month = 28/29 Feb);
 *   hours: start taken as midnight, so the date n hours later rounded up (72 h = 3 days);
 *   terms: the last day of the n-th school term after the term containing start.
 * s NULL means the default settings. Returns DATE_NONE when start is DATE_NONE. */
hdate clock_deadline(const struct clock_rule *r, hdate start, const struct settings *s);
/* For clocks that start at an instant (return interviews): start + n hours for an hours
 * rule; otherwise the last second of clock_deadline(the start's UTC date). */
hinstant clock_deadline_at(const struct clock_rule *r, hinstant start, const struct settings *s);
/* Whether done (DATE_NONE: not done) is on or before the deadline: "was it done in time". */
bool clock_in_time(const struct clock_rule *r, hdate start, hdate done, const struct settings *s);

/* The rule-choosing helpers, for timescales whose rule depends on the history. Each returns
 * the rule that applies and writes the due date and the start it counts from. */

/* reg 28. placement_start: the day the current placement began; last_visit: the last
 * visit (child seen) on or after it, DATE_NONE when none. */
const struct clock_rule *clock_cla_visit_rule(hdate placement_start, hdate last_visit, bool long_term,
					      hdate *since, hdate *due);
/* reg 33. reviews_held: reviews in this period of care so far; last_review: the latest. */
const struct clock_rule *clock_cla_review_rule(hdate period_start, int reviews_held, hdate last_review,
					       hdate *since, hdate *due);
/* CP review conferences: last_review DATE_NONE before the first. */
const struct clock_rule *clock_cp_review_rule(hdate plan_start, hdate last_review, hdate *since, hdate *due);
/* Review health assessment after the one on last: 6 months when the child is still under
 * 5 on that date, else 12 months (so a child turning 5 moves to the yearly rule). dob
 * DATE_NONE: the yearly rule. */
const struct clock_rule *clock_health_review_rule(hdate last, hdate dob, hdate *since, hdate *due);
/* PEP: initial within 10 wd of start (entering care, or reaching school age in care) when
 * last_pep is DATE_NONE, else reviewed in the next term. */
const struct clock_rule *clock_pep_rule(hdate start, hdate last_pep, const struct settings *s, hdate *since,
					hdate *due);
/* LADO resolution of an allegation received on received, as at as_at: the gravest target
 * already missed (12 months, then 3, then 1), or the 1-month target when none is. */
const struct clock_rule *clock_lado_resolution_rule(hdate received, hdate as_at, hdate *since, hdate *due);

/* Facts about a child in care on d that the CLA rules and measures share. Each returns
 * DATE_NONE when the child is not in care on d. */
/* The day the current period of care began (episodes joined end to start, until an
 * episode with RNE S or a gap). */
hdate clock_period_start(const struct casefile *cf, hdate d);
/* The day the current placement began: the latest episode with RNE S, P or T (a new
 * carer) in the period; RNE L, U and B keep the placement. *long_term (may be NULL) is
 * the open episode's "intended to last until 18". */
hdate clock_placement_start(const struct casefile *cf, hdate d, bool *long_term);
/* First day of compulsory school age as the PEP rule reads it (1 September of the year the
 * child starts Year 1) and the first day after it (1 September after Year 11). */
hdate clock_school_age_from(hdate dob);
hdate clock_school_age_until(hdate dob);

/* ---- the worklist ---- */

enum clock_status { CLOCK_UPCOMING, CLOCK_DUE_SOON, CLOCK_DUE, CLOCK_OVERDUE, CLOCK_STATUS_MAX };

/* "upcoming", "due_soon", "due", "overdue". */
const char *clock_status_code(enum clock_status st);

struct clock_item {
	const struct clock_rule *rule;	/* rule->title says what is to be done */
	int64_t child_id;		/* 0 for a LADO allegation with no child */
	int64_t subject_id;		/* the row the clock hangs from (contact, referral,
					 * assessment, s47, plan, episode, missing episode,
					 * proceedings, LADO allegation) */
	const char *ref;		/* LADO: the allegation's reference; else NULL */
	hdate since;			/* the date of the event that started the clock */
	hdate due;
	int days_overdue;		/* as_at - due: > 0 late, 0 due today, < 0 not yet */
	enum clock_status status;
	const char *what;		/* a task: what is to be done (in the arena); else NULL */
	int64_t owner_id;		/* a task: the worker it is for; else 0 (the child's worker) */
	const char *subject_kind;	/* the kind of record subject_id is a row of ("referral",
					 * "cp_plan", "task"...): entity names; NULL for none */
	const char *visit_kind;		/* a task a visit does: its visit_kind code; else NULL */
};

struct clock_list {
	struct clock_item *items;	/* in the arena given to the appending calls */
	size_t n, cap;
};

#define CLOCK_LIST_INIT {0}

/* Appends to out every live item for the child on as_at (see the header comment) and
 * returns how many it appended. s must not be NULL. Items live in a; use the same arena for every call on one
 * list. Cannot fail (the arena aborts when memory runs out). */
size_t clock_child(const struct casefile *cf, hdate as_at, const struct settings *s, struct arena *a,
		   struct clock_list *out);

/* A LADO allegation, as the LADO clock needs it. */
struct clock_lado {
	int64_t id, child_id;		/* child_id 0 when none */
	const char *reference;
	hdate received, considered, resolved;
};

/* Appends the live LADO items (initial consideration, resolution) for the allegations and
 * returns how many. Same memory rules as clock_child. */
size_t clock_lado(const struct clock_lado *rows, size_t n, hdate as_at, const struct settings *s,
		  struct arena *a, struct clock_list *out);

/* Sorts most urgent first: most days overdue (so earliest due date), then child id, then
 * the kind's order, then subject id. */
void clock_sort(struct clock_list *l);

#endif
