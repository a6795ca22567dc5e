/* table: THE list of measures, one entry each (DOMAIN.md §5).
 *
 * An entry is the measure's id, title, the ILACS judgement it informs, the definition as
 * implemented, its parts and its two functions (a per-child accumulate, a finish). Adding a
 * measure is one entry here plus its functions (m_*.c) and, when it has parts, an enum of
 * their indexes in internal.h. The parts use designated initialisers indexed by those
 * enums, so the function that counts part CL1_EET and the entry that names it cannot fall
 * out of step; tests/unit/measures/test_table.c checks that every slot is filled, ids are
 * unique and every part's id begins with its measure's.
 *
 * The decisions taken where DOMAIN.md's wording leaves room are written beside each
 * measure's function (m_help.c, m_care.c, m_people.c) and summarised in `definition`. */
#include <string.h>

#include "measures/internal.h"

#define PARTS(...)                                              \
	.parts = (const struct measures_part_def[]){__VA_ARGS__}, \
	.n_parts = (int)(sizeof((const struct measures_part_def[]){__VA_ARGS__}) / sizeof(struct measures_part_def))

#define BY_CASE (PART_BY_TEAM | PART_BY_WORKER)

const struct measures_def measures_table[] = {
	/* ---- the front door, assessment, child protection, early help ---- */
	{"FD1", "Contacts decided in time", JUDGEMENT_HELP_PROTECTION,
	 "Contacts received in the period whose decision was made within 1 working day (clock rule "
	 "contact_decision_1wd), out of those received in the period; a contact still undecided "
	 "within its day is left out until decided or late.",
	 PARTS({"FD1", "Contacts decided within 1 working day", KIND_SHARE, SUBJECT_CHILD,
		"contacts decided in time", "contacts received in the period (decided, or past their day)", "", 0, 0}),
	 fd1_child, NULL},
	{"FD2", "Re-referrals", JUDGEMENT_HELP_PROTECTION,
	 "Referrals in the period where the child had another referral in the 12 months before it "
	 "(a referral dated on or after the same date a year before and strictly before this one), "
	 "out of referrals in the period.",
	 PARTS({"FD2", "Re-referrals within 12 months", KIND_SHARE, SUBJECT_CHILD,
		"referrals with an earlier referral in the 12 months before", "referrals in the period", "",
		PART_LOWER_BETTER, 0}),
	 fd2_child, NULL},
	{"AS1", "Assessments in time", JUDGEMENT_HELP_PROTECTION,
	 "Assessments authorised in the period within 45 working days (clock rule assessment_45wd), "
	 "counted from the referral for the first assessment of a referral and from its own start for "
	 "a later one, out of assessments authorised in the period.",
	 PARTS({"AS1", "Assessments authorised within 45 working days", KIND_SHARE, SUBJECT_CHILD,
		"assessments authorised in time", "assessments authorised in the period", "", BY_CASE, 0}),
	 as1_child, NULL},
	{"CP1", "Initial child protection conferences in time", JUDGEMENT_HELP_PROTECTION,
	 "ICPCs held in the period within 15 working days of the strategy discussion (clock rule "
	 "icpc_15wd), out of ICPCs held in the period.",
	 PARTS({"CP1", "ICPCs within 15 working days of the strategy discussion", KIND_SHARE, SUBJECT_CHILD,
		"ICPCs held in time", "ICPCs held in the period", "", BY_CASE, 0}),
	 cp1_child, NULL},
	{"CP2", "Repeat child protection plans", JUDGEMENT_HELP_PROTECTION,
	 "Child protection plans started in the period that are the child's second or later plan "
	 "ever, out of plans started in the period.",
	 PARTS({"CP2", "Child protection plans that are a second or later plan", KIND_SHARE, SUBJECT_CHILD,
		"plans started that are a second or later plan", "plans started in the period", "", PART_LOWER_BETTER,
		0}),
	 cp2_child, NULL},
	{"CP3", "Child protection reviews, visits and seeing the child alone", JUDGEMENT_HELP_PROTECTION,
	 "Plans open on the as-at date whose review conference (cp_review_first_3m, cp_review_6m) and "
	 "visit (cp_visit_local) are not overdue; and CP visits in the period with the child seen, "
	 "out of which the child was seen alone.",
	 PARTS([CP3_REVIEWS] = {"CP3.reviews", "CP plans with the review conference in time", KIND_SHARE,
				SUBJECT_CHILD, "open plans whose review is not overdue", "CP plans open on the as-at date",
				"", BY_CASE, 0},
	       [CP3_VISITS] = {"CP3.visits", "CP plans with the child visited in time", KIND_SHARE, SUBJECT_CHILD,
			       "open plans whose visit is not overdue", "CP plans open on the as-at date", "", BY_CASE, 0},
	       [CP3_SEEN_ALONE] = {"CP3.seen_alone", "CP visits with the child seen alone", KIND_SHARE,
				   SUBJECT_CHILD, "CP visits with the child seen alone",
				   "CP visits in the period with the child seen", "", BY_CASE, 0}),
	 cp3_child, NULL},

	/* ---- children in care ---- */
	{"CLA1", "Visits to children in care in time", JUDGEMENT_IN_CARE,
	 "Children in care on the as-at date whose statutory visit is not overdue under the interval "
	 "their placement requires (reg 28: clock_cla_visit_rule), out of children in care.",
	 PARTS({"CLA1", "Children in care visited within the interval their placement requires", KIND_SHARE,
		SUBJECT_CHILD, "children whose visit is not overdue", "children in care on the as-at date", "", BY_CASE,
		0}),
	 cla1_child, NULL},
	{"CLA2", "Reviews of children in care in time", JUDGEMENT_IN_CARE,
	 "Review due dates (reg 33: clock_cla_review_rule, walked through each period of care) that "
	 "fell in the period, out of which the review was held by the due date; a due date on the "
	 "as-at date counts only once the review is held.",
	 PARTS({"CLA2", "Reviews held within timescale", KIND_SHARE, SUBJECT_CHILD, "reviews held by the due date",
		"reviews due in the period", "", BY_CASE, 0}),
	 cla2_child, NULL},
	{"CLA3", "Placement stability", JUDGEMENT_IN_CARE,
	 "Children in care on the as-at date with 3 or more placements (a placement begins with RNE "
	 "S, P or T) overlapping the period; and children under 16 in care continuously for 2.5 "
	 "years or more who have been in the same placement for 2 years or more.",
	 PARTS([CLA3_THREE_PLUS] = {"CLA3.three_plus", "Children in care with 3 or more placements in 12 months",
				    KIND_SHARE, SUBJECT_CHILD, "children with 3 or more placements",
				    "children in care on the as-at date", "", BY_CASE | PART_LOWER_BETTER, 0},
	       [CLA3_LONG_TERM] = {"CLA3.long_term", "Long-term stability: same placement for 2 years", KIND_SHARE,
				   SUBJECT_CHILD, "children in the same placement for 2 years or more",
				   "children under 16 in care for 2.5 years or more", "", BY_CASE, 0}),
	 cla3_child, NULL},
	{"CLA4", "Health assessments and dental checks", JUDGEMENT_IN_CARE,
	 "Children in care on the as-at date whose health assessment (initial within 20 working days, "
	 "then reviews 6- or 12-monthly) and dental check (yearly) are not overdue.",
	 PARTS([CLA4_HEALTH] = {"CLA4.health", "Health assessment in time", KIND_SHARE, SUBJECT_CHILD,
				"children whose health assessment is not overdue", "children in care on the as-at date",
				"", BY_CASE, 0},
	       [CLA4_DENTAL] = {"CLA4.dental", "Dental check in time", KIND_SHARE, SUBJECT_CHILD,
				"children whose dental check is not overdue", "children in care on the as-at date", "",
				BY_CASE, 0}),
	 cla4_child, NULL},
	{"ED1", "Personal education plans in time", JUDGEMENT_IN_CARE,
	 "Children in care of compulsory school age on the as-at date whose PEP is not overdue under "
	 "clock_pep_rule (within 10 working days when new, then reviewed termly).",
	 PARTS({"ED1", "School-age children in care with a PEP in time", KIND_SHARE, SUBJECT_CHILD,
		"children whose PEP is not overdue", "children in care of compulsory school age", "", BY_CASE, 0}),
	 ed1_child, NULL},
	{"MIS1", "Missing from home or care", JUDGEMENT_IN_CARE,
	 "Missing episodes (not 'away') starting in the period and the children they concern; "
	 "children in care in the period who went missing while in care; returns in the period with "
	 "a return interview offered within 72 hours (return_interview_72h), and offers accepted.",
	 PARTS([MIS1_EPISODES] = {"MIS1.episodes", "Missing episodes per child who went missing", KIND_RATIO,
				  SUBJECT_CHILD, "missing episodes starting in the period",
				  "children with a missing episode in the period", "episodes per child",
				  PART_LOWER_BETTER, 0},
	       [MIS1_CHILDREN] = {"MIS1.children", "Children in care who went missing", KIND_SHARE, SUBJECT_CHILD,
				  "children who went missing while in care in the period",
				  "children in care at any time in the period", "", BY_CASE | PART_LOWER_BETTER, 0},
	       [MIS1_RHI_OFFERED] = {"MIS1.rhi_offered", "Return interviews offered within 72 hours", KIND_SHARE,
				     SUBJECT_CHILD, "returns with an interview offered in time",
				     "returns in the period (offered, or past 72 hours)", "", BY_CASE, 0},
	       [MIS1_RHI_ACCEPTED] = {"MIS1.rhi_accepted", "Return interviews accepted", KIND_SHARE, SUBJECT_CHILD,
				      "offers accepted", "returns in the period with an interview offered", "",
				      BY_CASE, 0}),
	 mis1_child, NULL},
	{"LEG1", "Care proceedings", JUDGEMENT_IN_CARE,
	 "Proceedings concluded (final order) in the period within 26 weeks of issue "
	 "(proceedings_26w), and their mean duration in weeks.",
	 PARTS([LEG1_IN_26_WEEKS] = {"LEG1.in_26_weeks", "Proceedings concluded within 26 weeks", KIND_SHARE,
				     SUBJECT_CHILD, "proceedings concluded within 26 weeks",
				     "proceedings concluded in the period", "", 0, 0},
	       [LEG1_MEAN_WEEKS] = {"LEG1.mean_weeks", "Mean duration of proceedings", KIND_RATIO, SUBJECT_CHILD,
				    "weeks from issue to final order, summed", "proceedings concluded in the period",
				    "weeks", PART_LOWER_BETTER, 0}),
	 leg1_child, leg1_finish},
	{"PER1", "Permanence", JUDGEMENT_IN_CARE,
	 "Children in care whose second review of this period of care has been held, with a "
	 "permanence plan agreed by it; for children adopted (adoption order) in the period, mean "
	 "days from entering care to being placed for adoption (A1) and from the placement order "
	 "to the match (A2).",
	 PARTS([PER1_PLAN_BY_SECOND_REVIEW] = {"PER1.plan_by_second_review", "Permanence plan by the second review",
					       KIND_SHARE, SUBJECT_CHILD,
					       "children with a permanence plan agreed by the second review",
					       "children in care whose second review has been held", "", BY_CASE, 0},
	       [PER1_A1] = {"PER1.A1", "Adoption: days from entering care to placement (A1)", KIND_RATIO,
			    SUBJECT_CHILD, "days from entering care to placement, summed",
			    "children adopted in the period", "days", PART_LOWER_BETTER, 0},
	       [PER1_A2] = {"PER1.A2", "Adoption: days from placement order to match (A2)", KIND_RATIO,
			    SUBJECT_CHILD, "days from placement order to match, summed",
			    "children adopted in the period with both dates", "days", PART_LOWER_BETTER, 0}),
	 per1_child, NULL},

	/* ---- across the service ---- */
	{"SW1", "Changes of social worker", JUDGEMENT_LEADERS,
	 "Children with an open case (in need, protection or care) on the as-at date: the share who "
	 "had one social worker in the 12 months, the share who had 3 or more, and the mean number "
	 "of changes of worker.",
	 PARTS([SW1_ONE] = {"SW1.one", "Children with one social worker in 12 months", KIND_SHARE, SUBJECT_CHILD,
			    "children with exactly one social worker", "children with an open case on the as-at date",
			    "", BY_CASE, 0},
	       [SW1_THREE_PLUS] = {"SW1.three_plus", "Children with 3 or more social workers in 12 months",
				   KIND_SHARE, SUBJECT_CHILD, "children with 3 or more social workers",
				   "children with an open case on the as-at date", "", BY_CASE | PART_LOWER_BETTER, 0},
	       [SW1_MEAN_CHANGES] = {"SW1.mean_changes", "Mean changes of social worker in 12 months", KIND_RATIO,
				     SUBJECT_CHILD, "changes of social worker, summed",
				     "children with an open case on the as-at date", "changes per child",
				     BY_CASE | PART_LOWER_BETTER, 0}),
	 sw1_child, NULL},
	{"VOI1", "The child's voice", JUDGEMENT_IN_CARE,
	 "Visits in the period with the child seen, out of which the child's wishes and feelings "
	 "were recorded; looked-after reviews in the period (REVIEW_CODE PN1-PN7) at which the "
	 "child's views were conveyed (PN1-PN3, PN5, PN6) and which the child attended (PN1-PN4).",
	 PARTS([VOI1_VISITS] = {"VOI1.visits", "Visits with the child's wishes and feelings recorded", KIND_SHARE,
				SUBJECT_CHILD, "visits with the child's words recorded",
				"visits in the period with the child seen", "", BY_CASE, JUDGEMENT_HELP_PROTECTION},
	       [VOI1_REVIEWS] = {"VOI1.reviews", "Reviews with the child's views conveyed", KIND_SHARE,
				 SUBJECT_CHILD, "reviews with the child's views conveyed",
				 "reviews in the period of children aged 4 or over (PN1-PN7)", "", BY_CASE, 0},
	       [VOI1_ATTENDED] = {"VOI1.attended", "Reviews the child attended (PN1-PN4)", KIND_SHARE,
				  SUBJECT_CHILD, "reviews the child attended",
				  "reviews in the period of children aged 4 or over (PN1-PN7)", "", BY_CASE, 0}),
	 voi1_child, NULL},
	{"CL1", "Care leavers", JUDGEMENT_CARE_LEAVERS,
	 "Care leavers on the as-at date (model/status): by their latest contact in the period, in "
	 "touch, in suitable accommodation, in education, employment or training; their pathway "
	 "plan not overdue (pathway_plan_6m); a personal adviser allocated; entitlements explained.",
	 PARTS([CL1_IN_TOUCH] = {"CL1.in_touch", "In touch", KIND_SHARE, SUBJECT_CHILD,
				 "care leavers in touch at their latest contact in the period",
				 "care leavers on the as-at date", "", PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA, 0},
	       [CL1_ACCOMMODATION] = {"CL1.accommodation", "In suitable accommodation", KIND_SHARE, SUBJECT_CHILD,
				      "care leavers in suitable accommodation", "care leavers on the as-at date", "",
				      PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA, 0},
	       [CL1_EET] = {"CL1.eet", "In education, employment or training", KIND_SHARE, SUBJECT_CHILD,
			    "care leavers in education, employment or training", "care leavers on the as-at date", "",
			    PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA, 0},
	       [CL1_PATHWAY_PLAN] = {"CL1.pathway_plan", "Pathway plan in date", KIND_SHARE, SUBJECT_CHILD,
				     "care leavers whose pathway plan review is not overdue",
				     "care leavers on the as-at date", "", PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA,
				     0},
	       [CL1_PA] = {"CL1.pa", "Personal adviser allocated", KIND_SHARE, SUBJECT_CHILD,
			   "care leavers with a personal adviser", "care leavers on the as-at date", "",
			   PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA, 0},
	       [CL1_ENTITLEMENTS] = {"CL1.entitlements", "Told of their entitlements", KIND_SHARE, SUBJECT_CHILD,
				     "care leavers whose entitlements have been explained",
				     "care leavers on the as-at date", "", PART_BY_TEAM | PART_BY_WORKER | PART_BY_PA,
				     0}),
	 cl1_child, NULL},
	{"WF1", "The workforce", JUDGEMENT_LEADERS,
	 "Case-holding workers in post on the as-at date: children allocated per FTE (with the mean, "
	 "median and maximum per worker) and the share above the local threshold (setting "
	 "caseload_threshold); registered social workers: agency share of FTE, FTE who left in the "
	 "period over FTE in post; vacancies are not recorded.",
	 PARTS([WF1_CASELOAD] = {"WF1.caseload", "Caseload per case-holding FTE", KIND_RATIO, SUBJECT_WORKER,
				 "children allocated to case-holders", "case-holding FTE in post", "cases per FTE",
				 PART_BY_TEAM, 0},
	       [WF1_OVER_THRESHOLD] = {"WF1.over_threshold", "Case-holders above the caseload threshold",
				       KIND_SHARE, SUBJECT_WORKER, "case-holders above the threshold",
				       "case-holders in post", "", PART_BY_TEAM | PART_LOWER_BETTER, 0},
	       [WF1_AGENCY] = {"WF1.agency", "Agency social workers (share of FTE)", KIND_SHARE, SUBJECT_WORKER,
			       "agency FTE", "registered social work FTE in post", "", PART_BY_TEAM | PART_LOWER_BETTER,
			       0},
	       [WF1_TURNOVER] = {"WF1.turnover", "Turnover of social workers", KIND_SHARE, SUBJECT_WORKER,
				 "FTE of registered social workers who left in the period",
				 "registered social work FTE in post", "", PART_BY_TEAM | PART_LOWER_BETTER, 0},
	       [WF1_VACANCY] = {"WF1.vacancy", "Vacancy rate", KIND_SHARE, SUBJECT_TEAM, "vacant FTE",
				"establishment FTE", "", PART_BY_TEAM | PART_LOWER_BETTER, 0}),
	 wf1_child, wf1_finish},
	{"LADO1", "Allegations against adults who work with children (LADO)", JUDGEMENT_HELP_PROTECTION,
	 "Allegations received in the period; of those received in the period, considered within 1 "
	 "working day; and, for each resolution target (1, 3, 12 months), allegations whose target "
	 "date or resolution fell in the period, out of which resolved by the target.",
	 PARTS([LADO1_REFERRALS] = {"LADO1.referrals", "Allegations received", KIND_COUNT, SUBJECT_LADO,
				    "allegations received in the period", "", "", 0, 0},
	       [LADO1_CONSIDERED] = {"LADO1.considered_1wd", "Initial consideration within 1 working day",
				     KIND_SHARE, SUBJECT_LADO, "allegations considered in time",
				     "allegations received in the period (considered, or past their day)", "", 0, 0},
	       [LADO1_RESOLVED_1M] = {"LADO1.resolved_1m", "Resolved within 1 month (target 80%)", KIND_SHARE,
				      SUBJECT_LADO, "allegations resolved within 1 month",
				      "allegations whose 1-month target or resolution fell in the period", "", 0, 0},
	       [LADO1_RESOLVED_3M] = {"LADO1.resolved_3m", "Resolved within 3 months (target 90%)", KIND_SHARE,
				      SUBJECT_LADO, "allegations resolved within 3 months",
				      "allegations whose 3-month target or resolution fell in the period", "", 0, 0},
	       [LADO1_RESOLVED_12M] = {"LADO1.resolved_12m", "Resolved within 12 months", KIND_SHARE,
				       SUBJECT_LADO, "allegations resolved within 12 months",
				       "allegations whose 12-month limit or resolution fell in the period", "", 0, 0}),
	 NULL, lado1_finish},
	{"EH1", "Early help", JUDGEMENT_HELP_PROTECTION,
	 "Early help episodes open on the as-at date; of episodes ended in the period, those that "
	 "stepped up to social care; of episodes started in the period, those that were a step down "
	 "from social care.",
	 PARTS([EH1_OPEN] = {"EH1.open", "Early help episodes open", KIND_COUNT, SUBJECT_CHILD,
			     "episodes open on the as-at date", "", "", 0, 0},
	       [EH1_STEP_UP] = {"EH1.step_up", "Early help episodes ending in a step up to social care",
				KIND_SHARE, SUBJECT_CHILD, "episodes ended by a step up", "episodes ended in the period",
				"", 0, 0},
	       [EH1_STEP_DOWN] = {"EH1.step_down", "Early help episodes begun as a step down from social care",
				  KIND_SHARE, SUBJECT_CHILD, "episodes begun as a step down",
				  "episodes started in the period", "", 0, 0}),
	 eh1_child, NULL},
	{"SUP1", "Case supervision", JUDGEMENT_LEADERS,
	 "Children with an open case (in need, protection or care) on the as-at date who had a case "
	 "supervision recorded in the local interval ending on it: dated on or after the as-at date less "
	 "supervision_interval_days (a local policy setting, 30 days by default; there is no national "
	 "timescale) and on or before the as-at date. A case opened within the interval counts too.",
	 PARTS([SUP1_SUPERVISED] = {"SUP1", "Open cases supervised within the local interval", KIND_SHARE,
				    SUBJECT_CHILD, "children with an open case supervised in the interval",
				    "children with an open case on the as-at date", "", BY_CASE, 0}),
	 sup1_child, NULL},
	/* ---- the 2026 Act: pre-proceedings and FGDM, kinship (m_families.c) ---- */
	{"PP1", "Pre-proceedings and family group decision-making", JUDGEMENT_HELP_PROTECTION,
	 "Proceedings issued in the period with the FGDM meeting offered on or before issue (an "
	 "exemption is not an offer); pre-proceedings concluded (step decision) in the period: with an "
	 "offer, the meeting held by the decision; the decision within the local timescale (setting "
	 "pre_proceedings_weeks, default 16 weeks, local policy); proceedings avoided (no court "
	 "application, outcome not proceedings, no proceedings issued since the start).",
	 PARTS([PP1_FGDM_OFFERED] = {"PP1.fgdm_offered", "FGDM meeting offered before proceedings", KIND_SHARE,
				     SUBJECT_CHILD, "proceedings with the FGDM offered by issue",
				     "proceedings issued in the period", "", 0, 0},
	       [PP1_FGDM_HELD] = {"PP1.fgdm_held", "FGDM meeting held when offered", KIND_SHARE, SUBJECT_CHILD,
				  "pre-proceedings whose FGDM meeting was held by the step decision",
				  "pre-proceedings concluded in the period with an FGDM offer", "", 0, 0},
	       [PP1_IN_TIMESCALE] = {"PP1.in_timescale", "Pre-proceedings concluded within the local timescale",
				     KIND_SHARE, SUBJECT_CHILD, "step decisions within the local timescale",
				     "pre-proceedings concluded in the period", "", 0, 0},
	       [PP1_AVOIDED] = {"PP1.avoided", "Proceedings avoided after pre-proceedings", KIND_SHARE,
				SUBJECT_CHILD, "pre-proceedings concluded with no application to court",
				"pre-proceedings concluded in the period", "", 0, 0}),
	 pp1_child, NULL},
	{"KIN1", "Children in kinship arrangements", JUDGEMENT_HELP_PROTECTION,
	 "Children in a kinship arrangement open on the as-at date, by kind (informal, kinship foster "
	 "care, SGO, CAO); of children in any, those whose family was given the kinship local offer.",
	 PARTS([KIN1_INFORMAL] = {"KIN1.informal", "Children in informal kinship arrangements", KIND_COUNT,
				  SUBJECT_CHILD, "children in an open informal arrangement", "", "", 0, 0},
	       [KIN1_KINSHIP_FOSTER] = {"KIN1.kinship_foster", "Children in kinship foster care", KIND_COUNT,
					SUBJECT_CHILD, "children in open kinship foster care", "", "", 0, 0},
	       [KIN1_SGO] = {"KIN1.sgo", "Children under a special guardianship order", KIND_COUNT, SUBJECT_CHILD,
			     "children in an open SGO arrangement", "", "", 0, 0},
	       [KIN1_CAO] = {"KIN1.cao", "Children under a child arrangements order with kin", KIND_COUNT,
			     SUBJECT_CHILD, "children in an open CAO arrangement", "", "", 0, 0},
	       [KIN1_LOCAL_OFFER] = {"KIN1.local_offer", "Families given the kinship local offer", KIND_SHARE,
				     SUBJECT_CHILD, "children whose family was given the local offer",
				     "children in an open kinship arrangement", "", 0, 0}),
	 kin1_child, NULL},
};

const int measures_count = (int)(sizeof(measures_table) / sizeof(measures_table[0]));

const struct measures_def *measures_find(const char *id)
{
	for (int i = 0; id && i < measures_count; i++) {
		if (strcmp(measures_table[i].id, id) == 0) {
			return &measures_table[i];
		}
	}
	return NULL;
}

const struct measures_part_def *measures_find_part(const char *id, const struct measures_def **m_out)
{
	for (int i = 0; id && i < measures_count; i++) {
		for (int k = 0; k < measures_table[i].n_parts; k++) {
			if (strcmp(measures_table[i].parts[k].id, id) == 0) {
				if (m_out) {
					*m_out = &measures_table[i];
				}
				return &measures_table[i].parts[k];
			}
		}
	}
	return NULL;
}

enum measures_judgement measures_part_judgement(const struct measures_def *m, const struct measures_part_def *p)
{
	return p->judgement != JUDGEMENT_NONE ? p->judgement : m->judgement;
}

const char *measures_judgement_code(enum measures_judgement j)
{
	static const char *const codes[JUDGEMENT_MAX] = {"none", "leaders", "help_protection", "in_care",
							 "care_leavers"};
	return j < JUDGEMENT_MAX ? codes[j] : "?";
}

const char *measures_judgement_title(enum measures_judgement j)
{
	static const char *const titles[JUDGEMENT_MAX] = {
		"",
		"The impact of leaders on social work practice with children and families",
		"The experiences and progress of children who need help and protection",
		"The experiences and progress of children in care",
		"The experiences and progress of care leavers",
	};
	return j < JUDGEMENT_MAX ? titles[j] : "?";
}

const char *measures_kind_code(enum measures_kind k)
{
	static const char *const codes[KIND_MAX] = {"share", "ratio", "count"};
	return k < KIND_MAX ? codes[k] : "?";
}

const char *measures_subject_code(enum measures_subject s)
{
	static const char *const codes[SUBJECT_MAX] = {"child", "worker", "lado", "team"};
	return s < SUBJECT_MAX ? codes[s] : "?";
}
