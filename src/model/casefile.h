/* casefile: one child's whole record as compact typed arrays, for computing.
 *
 * The store fills a casefile (store_casefile_load / store_casefiles_scan); the clock,
 * status, measures and returns read it and never touch the database. Every array is
 * sorted by its first date, ascending, then by id; voided (retracted) rows never appear.
 * Strings are code values ("C2", "N1"...) or NULL when blank. All memory belongs to the
 * arena the store was given; a casefile is read-only once loaded.
 *
 * Dates are hdate (DATE_NONE when blank); instants are hinstant (0 when blank, see
 * the *_set flags). A yes/no the record may leave blank (what the returns ask of a child,
 * OC2's items) is held as the returns write it: "1", "0", or NULL when not recorded. */
#ifndef HEARTH_MODEL_CASEFILE_H
#define HEARTH_MODEL_CASEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"

struct cf_child {
	int64_t id;
	const char *la_child_id, *upn, *given_name, *family_name;
	hdate dob;		/* DATE_NONE for an unborn child */
	hdate expected_dob;
	hdate death;
	const char *sex;	/* M, F or U */
	const char *ethnicity;
	bool uasc;
	bool restricted;
	const char *upn_unknown;	/* UN1-UN7: why the UPN is not known */
	const char *mother;		/* "1", "0" or NULL */
	hdate mc_dob;			/* her child's date of birth */
	const char *prev_perm, *prev_perm_la;	/* permanence before care: P1-P4, Z1; LA code */
	hdate prev_perm_date;
	const char *former_upn;
	hdate uasc_ceased;
};

struct cf_contact {
	int64_t id;
	hdate date, decision_date;
	const char *source, *decision;	/* decision: model code list "contact_decision" */
};

struct cf_early_help {
	int64_t id;
	hdate start, end;
	const char *end_reason;	/* "eh_end_reason": step_up, needs_met, ... */
	bool step_down;		/* began as a step-down from social care */
};

struct cf_referral {
	int64_t id;
	hdate date, closed;
	const char *source, *need, *closure_reason;
	bool nfa;
};

struct cf_assessment {
	int64_t id, referral_id;
	hdate start, authorised;
};

struct cf_s47 {
	int64_t id, referral_id;
	hdate strategy, start, icpc;	/* icpc: DATE_NONE until held */
	bool icpc_not_required;
	int64_t macpt_id;	/* the MACPT responsible (s.16EA Children Act 2004), 0 when none named */
};

struct cf_plan {		/* a CIN plan or a CP plan */
	int64_t id, referral_id;
	hdate start, end;
	const char *category;	/* CP: NEG PHY SAB EMO MUL (the latest); CIN: NULL */
	const char *initial_category;	/* CP: the category it began with, NULL when not recorded */
	bool previous_recorded;	/* CP: previous_plans was recorded (else count the record's) */
	int previous_plans;	/* CP: plans before this one, in any authority */
	int64_t macpt_id;	/* CP: the MACPT responsible, 0 when none named; CIN: 0 */
};

struct cf_dated {		/* a review, core group, PEP, pathway plan review... */
	int64_t id, parent_id;	/* parent_id: the plan it belongs to, or 0 */
	hdate date;
	const char *code;	/* e.g. a CLA review's participation code PN0-PN7 */
};

struct cf_episode {		/* one SSDA903 episode in care */
	int64_t id;
	hdate start, end;	/* DECOM, DEC */
	const char *rne, *ls, *cin, *place, *provider, *rec, *reason_place_change;
	bool long_term;		/* placement intended to last until 18 (reg 28 visit rule) */
	const char *home_post, *pl_post, *urn;	/* the SSDA903's postcodes and Ofsted URN */
};

enum cf_visit_kind { VISIT_CIN, VISIT_CP, VISIT_CLA, VISIT_LEAVER, VISIT_PRIVATE_FOSTERING,
		     VISIT_OTHER, VISIT_KIND_MAX };

struct cf_visit {
	int64_t id, worker_id;
	hdate date;
	enum cf_visit_kind kind;
	bool seen, seen_alone, wishes_recorded;
};

enum cf_health_kind { HEALTH_INITIAL, HEALTH_REVIEW, HEALTH_DENTAL, HEALTH_KIND_MAX };

struct cf_health {
	int64_t id;
	hdate date;
	enum cf_health_kind kind;
};

struct cf_missing {
	int64_t id;
	hinstant start, end;	/* end 0 while still missing */
	hinstant rhi_offered;	/* 0 when no return interview was offered */
	bool away;		/* "away from placement" rather than missing */
	bool rhi_accepted;
};

struct cf_proceedings {
	int64_t id;
	hdate issued, final_order;
	const char *order;
	int extension_weeks;	/* granted by the court (up to 8 at a time); 0 when none */
};

enum cf_allocation_kind { ALLOC_SOCIAL_WORKER, ALLOC_PERSONAL_ADVISER, ALLOC_IRO, ALLOC_KIND_MAX };

struct cf_allocation {
	int64_t id, worker_id, team_id;
	enum cf_allocation_kind kind;
	hdate start, end;
	const char *reason;	/* SSDA903 SW_REASON for the change that ended it */
};

struct cf_leaver_contact {
	int64_t id;
	hdate date;
	const char *in_touch, *accommodation, *activity;
	bool suitable, entitlements_explained;
};

struct cf_education {
	int64_t id;
	hdate start, end;
	const char *school_urn, *sen;
};

struct cf_permanence {
	int64_t id;
	hdate decided;
	const char *plan;
};

struct cf_adoption {
	int64_t id;
	hdate decision, placement_order, matched, placed, adoption_order, ceased;
	int adopters_number;	/* 0 when not recorded */
	const char *adopters_sex, *adopters_legal_status;	/* SSDA903 AD1 codes */
	const char *ceased_reason;	/* RD1-RD4 */
};

/* A child looked after's year (SSDA903 OC2). The yes/no items, in the order of
 * CLA_OUTCOME_CONVICTED ... CLA_OUTCOME_INTERVENTION_OFFERED in entities.def.h. */
enum cf_oc2_item { CF_OC2_CONVICTED, CF_OC2_HEALTH_CHECK, CF_OC2_IMMUNISATIONS, CF_OC2_TEETH_CHECK,
		   CF_OC2_HEALTH_ASSESSMENT, CF_OC2_SUBSTANCE_MISUSE, CF_OC2_INTERVENTION_RECEIVED,
		   CF_OC2_INTERVENTION_OFFERED, CF_OC2_ITEM_MAX };

struct cf_oc2 {
	int64_t id;
	hdate year_end;		/* the 31 March ending the year */
	int sdq_score;		/* 0-40; -1 when not recorded */
	const char *sdq_reason;	/* SDQ1-SDQ5 */
	const char *item[CF_OC2_ITEM_MAX];	/* "1", "0" or NULL */
};

/* A task set for a worker on the child (a manager's, or an action from supervision). */
struct cf_task {
	int64_t id, worker_id, set_by, supervision_id;
	hdate set, due, done;		/* done: DATE_NONE until done */
	const char *what;
	const char *done_by_visit;	/* a visit_kind code: such a visit (child seen) on or after
					 * set does it; NULL when only a done date does */
};

/* Pre-proceedings with the FGDM offer and meeting (s.31ZA); its meetings are pp_meetings
 * (cf_dated: parent_id the pre-proceedings, code "initial" or "review"). */
struct cf_pre_proceedings {
	int64_t id;
	hdate start, lbp_sent, fgdm_offered, fgdm_held, step_decision, court_app, letter_init_cp;
	bool lbp_fgdm_offer;	/* the letter before proceedings carried the offer */
	bool fgdm_exempt;	/* not offered: not in the child's best interests */
	const char *outcome;	/* pp_outcome code, NULL while open */
};

struct cf_kinship {
	int64_t id;
	hdate start, end, offer_date;
	const char *kind;		/* informal, kinship_foster, sgo, cao */
	const char *offer_version;	/* the kinship local offer given, NULL when none recorded */
	bool allowance, support_package;
};

struct cf_dolo {			/* a deprivation of liberty order */
	int64_t id;
	hdate start, end;
};

/* A request for a manager's authorisation of a decision on the child's record
 * (model/authorise.h): the point ("assessment_end"), the row it is about, and its state
 * ("awaiting", "authorised", "returned") with the date it was decided. */
struct cf_authorisation {
	int64_t id, record_id;
	hdate asked, decided;		/* decided: DATE_NONE while awaiting */
	const char *point, *record_kind, *state;
};

/* A Family Help episode: level "targeted" or "s17"; at s.17 its referral is the CIN episode. */
struct cf_family_help {
	int64_t id;
	hdate start, end;
	const char *level, *lead_agency;
	int64_t referral_id, lead_worker_id;
};

/* The arrays of a casefile, in struct casefile's order (store_arrays_read names them). */
enum cf_array { CFA_CONTACTS, CFA_EARLY_HELP, CFA_REFERRALS, CFA_ASSESSMENTS, CFA_S47S, CFA_CIN_PLANS,
		CFA_CP_PLANS, CFA_CP_REVIEWS, CFA_CORE_GROUPS, CFA_EPISODES, CFA_CLA_REVIEWS, CFA_VISITS,
		CFA_HEALTH, CFA_EDUCATION, CFA_PEPS, CFA_MISSING, CFA_PROCEEDINGS, CFA_PERMANENCE,
		CFA_ADOPTIONS, CFA_ALLOCATIONS, CFA_LEAVER_CONTACTS, CFA_PATHWAY_PLANS, CFA_OC2,
		CFA_SUPERVISIONS, CFA_TASKS, CFA_PRE_PROCEEDINGS, CFA_PP_MEETINGS, CFA_KINSHIP, CFA_DOLOS,
		CFA_AUTHORISATIONS, CFA_FAMILY_HELP, CFA_MAX };

#define CF_ARRAY(type, name) \
	type *name;          \
	size_t n_##name

struct casefile {
	struct cf_child child;
	CF_ARRAY(struct cf_contact, contacts);
	CF_ARRAY(struct cf_early_help, early_help);
	CF_ARRAY(struct cf_referral, referrals);
	CF_ARRAY(struct cf_assessment, assessments);
	CF_ARRAY(struct cf_s47, s47s);
	CF_ARRAY(struct cf_plan, cin_plans);
	CF_ARRAY(struct cf_plan, cp_plans);
	CF_ARRAY(struct cf_dated, cp_reviews);		/* parent_id: the CP plan */
	CF_ARRAY(struct cf_dated, core_groups);		/* parent_id: the CP plan */
	CF_ARRAY(struct cf_episode, episodes);
	CF_ARRAY(struct cf_dated, cla_reviews);		/* code: participation PN0-PN7 */
	CF_ARRAY(struct cf_visit, visits);
	CF_ARRAY(struct cf_health, health);
	CF_ARRAY(struct cf_education, education);
	CF_ARRAY(struct cf_dated, peps);
	CF_ARRAY(struct cf_missing, missing);
	CF_ARRAY(struct cf_proceedings, proceedings);
	CF_ARRAY(struct cf_permanence, permanence);
	CF_ARRAY(struct cf_adoption, adoptions);
	CF_ARRAY(struct cf_allocation, allocations);
	CF_ARRAY(struct cf_leaver_contact, leaver_contacts);
	CF_ARRAY(struct cf_dated, pathway_plans);
	CF_ARRAY(struct cf_oc2, oc2);
	CF_ARRAY(struct cf_dated, supervisions);	/* parent_id: the worker supervised, or 0 */
	CF_ARRAY(struct cf_task, tasks);
	CF_ARRAY(struct cf_pre_proceedings, pre_proceedings);
	CF_ARRAY(struct cf_dated, pp_meetings);		/* parent_id: the pre-proceedings */
	CF_ARRAY(struct cf_kinship, kinship);
	CF_ARRAY(struct cf_dolo, dolos);
	CF_ARRAY(struct cf_authorisation, authorisations);
	CF_ARRAY(struct cf_family_help, family_help);
};

#endif
