/* entities.def: the record's tables and columns, as X-macros.
 *
 * HEARTH_ENTITIES lists every table; each <NAME>_FIELDS lists its columns in order:
 *   X(ENTITY, ENUM_SUFFIX, column, type, arg, flags, label)
 * Every table also has `id` (primary key) and `voided` (a retracted row stays, marked),
 * which the store adds and the descriptors leave out. Adding a column means: a line here,
 * a migration, and (if computed on) a casefile field. A column added to an existing table
 * goes at the end of its list: the migration appends it (ALTER TABLE ... ADD COLUMN), so
 * the table's columns stay in the list's order, with voided before the later ones.
 * Flags (model/entity.h) say what the saving layer (src/work) checks: F_EVENT marks the
 * dates of things that have happened (never after today), F_AUTHOR the worker who did it. */
#ifndef HEARTH_MODEL_ENTITIES_DEF_H
#define HEARTH_MODEL_ENTITIES_DEF_H

#define HEARTH_ENTITIES(X)                                  \
	X(team, TEAM, "team")                               \
	X(worker, WORKER, "worker")                         \
	X(worker_absence, WORKER_ABSENCE, "absence")        \
	X(child, CHILD, "child")                            \
	X(child_disability, CHILD_DISABILITY, "disability") \
	X(person, PERSON, "person")                         \
	X(relationship, RELATIONSHIP, "relationship")       \
	X(allocation, ALLOCATION, "allocation")             \
	X(contact, CONTACT, "contact")                      \
	X(early_help, EARLY_HELP, "early help episode")     \
	X(referral, REFERRAL, "referral")                   \
	X(assessment, ASSESSMENT, "assessment")             \
	X(s47, S47, "strategy discussion and s47 enquiry")  \
	X(cin_plan, CIN_PLAN, "child in need plan")         \
	X(cp_plan, CP_PLAN, "child protection plan")        \
	X(cp_review, CP_REVIEW, "child protection review")  \
	X(core_group, CORE_GROUP, "core group meeting")     \
	X(cla_episode, CLA_EPISODE, "episode in care")      \
	X(cla_review, CLA_REVIEW, "looked-after review")    \
	X(visit, VISIT, "visit")                            \
	X(note, NOTE, "case note")                          \
	X(health, HEALTH, "health check")                   \
	X(education, EDUCATION, "school placement")         \
	X(pep, PEP, "personal education plan")              \
	X(missing, MISSING, "missing episode")              \
	X(proceedings, PROCEEDINGS, "care proceedings")     \
	X(permanence, PERMANENCE, "permanence plan")        \
	X(adoption, ADOPTION, "adoption")                   \
	X(cla_outcome, CLA_OUTCOME, "year's outcomes (OC2)") \
	X(leaver_contact, LEAVER_CONTACT, "care leaver contact") \
	X(pathway_plan, PATHWAY_PLAN, "pathway plan review") \
	X(lado, LADO, "LADO allegation")                    \
	X(inspection, INSPECTION, "inspection")             \
	X(participation, PARTICIPATION, "participation")    \
	X(supervision, SUPERVISION, "case supervision")     \
	X(task, TASK, "task")                               \
	X(setting, SETTING, "setting")                      \
	X(lado_involved, LADO_INVOLVED, "child in a LADO allegation") \
	X(lado_meeting, LADO_MEETING, "allegation management meeting") \
	X(authorisation, AUTHORISATION, "manager's authorisation") \
	FAMILIES_ENTITIES(X)

/* ---- families block (issue 19: pre-proceedings and FGDM, kinship, DoLOs) ----
 * Kept together so that other blocks added beside it merge cleanly. */
#define FAMILIES_ENTITIES(X)                                            \
	X(pre_proceedings, PRE_PROCEEDINGS, "pre-proceedings")          \
	X(pp_meeting, PP_MEETING, "pre-proceedings meeting")            \
	X(kinship, KINSHIP, "kinship arrangement")                      \
	X(dolo, DOLO, "deprivation of liberty order")                  \
	X(family_help, FAMILY_HELP, "Family Help episode")           \
	X(macpt, MACPT, "multi-agency child protection team")          \
	X(macpt_member, MACPT_MEMBER, "MACPT member")

/* Pre-proceedings under the PLO, with the family group decision-making meeting that the
 * 2026 Act (new s.31ZA Children Act 1989) requires be offered, in the letter before
 * proceedings, before a care or supervision application. One row per pre-proceedings
 * (a child may have more than one); each meeting is a pp_meeting row. The CIN census
 * block PreProceedingsandFGDM is written from these (returns/cin_census.c). */
#define PRE_PROCEEDINGS_FIELDS(X)                                                                   \
	X(PRE_PROCEEDINGS, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                  \
	X(PRE_PROCEEDINGS, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Pre-proceedings started") \
	X(PRE_PROCEEDINGS, LBP_SENT, lbp_sent, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "Letter before proceedings sent") \
	X(PRE_PROCEEDINGS, LBP_FGDM_OFFER, lbp_fgdm_offer, FT_BOOL, NULL, 0, "The letter contained the FGDM offer") \
	X(PRE_PROCEEDINGS, FGDM_OFFERED, fgdm_offered, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "FGDM meeting offered") \
	X(PRE_PROCEEDINGS, FGDM_OFFERED_TO, fgdm_offered_to, FT_STR, NULL, F_PERSONAL, "Offered to") \
	X(PRE_PROCEEDINGS, FGDM_EXEMPT, fgdm_exempt, FT_BOOL, NULL, F_REQUIRED, "Not offered: not in the child's best interests") \
	X(PRE_PROCEEDINGS, FGDM_EXEMPT_REASON, fgdm_exempt_reason, FT_TEXT, NULL, F_PERSONAL, "Why not in the child's best interests") \
	X(PRE_PROCEEDINGS, FGDM_ACCEPTED_BY, fgdm_accepted_by, FT_STR, NULL, F_PERSONAL, "Offer accepted by") \
	X(PRE_PROCEEDINGS, FGDM_HELD, fgdm_held, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "FGDM meeting held") \
	X(PRE_PROCEEDINGS, FGDM_ATTENDEES, fgdm_attendees, FT_TEXT, NULL, F_PERSONAL, "Family network who attended") \
	X(PRE_PROCEEDINGS, CHILD_ATTENDED, child_attended, FT_BOOL, NULL, 0, "The child attended") \
	X(PRE_PROCEEDINGS, FAMILY_PLAN, family_plan, FT_TEXT, NULL, F_PERSONAL, "The family's plan (proposal)") \
	X(PRE_PROCEEDINGS, STEP_DECISION_DATE, step_decision_date, FT_DATE, NULL, F_EVENT, "Step decision made") \
	X(PRE_PROCEEDINGS, OUTCOME, outcome, FT_CODE, "pp_outcome", 0, "Outcome of pre-proceedings") \
	X(PRE_PROCEEDINGS, COURT_APP_DATE, court_app_date, FT_DATE, NULL, F_EVENT, "Court application made") \
	X(PRE_PROCEEDINGS, LETTER_INIT_CP_DATE, letter_init_cp_date, FT_DATE, NULL, F_EVENT, "Letter (LetterInitCPDate)")

/* Each pre-proceedings meeting, with its own date (the census counts the reviews; the
 * record keeps each one). */
#define PP_MEETING_FIELDS(X)                                                                        \
	X(PP_MEETING, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                       \
	X(PP_MEETING, PRE_PROCEEDINGS_ID, pre_proceedings_id, FT_REF, "pre_proceedings", F_REQUIRED, "Pre-proceedings") \
	X(PP_MEETING, MEETING_DATE, meeting_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Meeting date") \
	X(PP_MEETING, KIND, kind, FT_CODE, "pp_meeting_kind", F_REQUIRED, "Kind of meeting")

/* A kinship arrangement (new s.22H Children Act 1989): the carer as a person, with the
 * relationship; the allowance for an SGO or CAO, the family network support package for
 * an informal one; and which version of the kinship local offer was given, and when. */
#define KINSHIP_FIELDS(X)                                                                           \
	X(KINSHIP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                          \
	X(KINSHIP, KIND, kind, FT_CODE, "kinship_kind", F_REQUIRED, "Kind of arrangement")            \
	X(KINSHIP, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Began")              \
	X(KINSHIP, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Ended")                    \
	X(KINSHIP, CARER_ID, carer_id, FT_REF, "person", 0, "Kinship carer")                          \
	X(KINSHIP, CARER_RELATIONSHIP, carer_relationship, FT_CODE, "relationship", 0, "Carer's relationship to the child") \
	X(KINSHIP, ALLOWANCE, allowance, FT_BOOL, NULL, 0, "Kinship allowance paid")                  \
	X(KINSHIP, SUPPORT_PACKAGE, support_package, FT_BOOL, NULL, 0, "Family network support package") \
	X(KINSHIP, OFFER_VERSION, offer_version, FT_STR, NULL, 0, "Kinship local offer version given") \
	X(KINSHIP, OFFER_DATE, offer_date, FT_DATE, NULL, F_EVENT, "Local offer given")

/* A deprivation of liberty order for a looked-after child (SSDA903 DoLo table, 2026-27). */
#define DOLO_FIELDS(X)                                                                              \
	X(DOLO, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                             \
	X(DOLO, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Order started")         \
	X(DOLO, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Order ended")                 \
	X(DOLO, COURT, court, FT_STR, NULL, 0, "Court")

/* A Family Help episode (Families First): one kind of involvement covering what was
 * targeted early help and child in need (s.17), with its assessment and family plan. The
 * lead practitioner may be a social worker or a practitioner of a partner agency (their
 * worker row, with the organisation); the lead child protection practitioner leads any
 * s.47 and child protection work. Help at s.17 names its referral (the CIN episode): the
 * CIN census writes it as that episode's CIN plan (returns/viewcin.c). Early help and CIN
 * plans recorded before stay as they are and count as before. */
#define FAMILY_HELP_FIELDS(X)                                                                       \
	X(FAMILY_HELP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                      \
	X(FAMILY_HELP, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Family Help began") \
	X(FAMILY_HELP, LEVEL, level, FT_CODE, "family_help_level", F_REQUIRED, "Level of help")      \
	X(FAMILY_HELP, REFERRAL_ID, referral_id, FT_REF, "referral", 0, "Referral (for help under s.17)") \
	X(FAMILY_HELP, LEAD_WORKER_ID, lead_worker_id, FT_REF, "worker", 0, "Lead practitioner")     \
	X(FAMILY_HELP, LEAD_AGENCY, lead_agency, FT_CODE, "lead_agency", F_REQUIRED, "Lead practitioner's agency") \
	X(FAMILY_HELP, LEAD_CP_WORKER_ID, lead_cp_worker_id, FT_REF, "worker", 0, "Lead child protection practitioner") \
	X(FAMILY_HELP, ASSESSMENT_DATE, assessment_date, FT_DATE, NULL, F_EVENT, "Family Help assessment completed") \
	X(FAMILY_HELP, PLAN_DATE, plan_date, FT_DATE, NULL, F_EVENT, "Family plan agreed")          \
	X(FAMILY_HELP, FAMILY_PLAN, family_plan, FT_TEXT, NULL, F_PERSONAL, "The family plan")       \
	X(FAMILY_HELP, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Family Help ended")   \
	X(FAMILY_HELP, END_REASON, end_reason, FT_CODE, "eh_end_reason", 0, "Reason ended")

/* A multi-agency child protection team (new s.16EA Children Act 2004): its members by agency
 * and role, each over a span of time; the MACPT responsible for each s.47 enquiry and child
 * protection plan is named on those rows (macpt_id). The day the duty applies is the setting
 * macpt_duty_from. */
#define MACPT_FIELDS(X)                                                                             \
	X(MACPT, NAME, name, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "Name")                             \
	X(MACPT, AREA, area, FT_STR, NULL, 0, "Area covered")                                         \
	X(MACPT, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED, "Began")                          \
	X(MACPT, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "Ended")

#define MACPT_MEMBER_FIELDS(X)                                                                      \
	X(MACPT_MEMBER, MACPT_ID, macpt_id, FT_REF, "macpt", F_REQUIRED, "Team")                      \
	X(MACPT_MEMBER, AGENCY, agency, FT_CODE, "macpt_agency", F_REQUIRED, "Agency")                \
	X(MACPT_MEMBER, ROLE, role, FT_STR, NULL, F_REQUIRED, "Role in the team")                     \
	X(MACPT_MEMBER, WORKER_ID, worker_id, FT_REF, "worker", 0, "Worker (when they have a worker row)") \
	X(MACPT_MEMBER, NAME, name, FT_STR, NULL, F_PERSONAL, "Name (when they have none)")           \
	X(MACPT_MEMBER, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED, "Joined")                  \
	X(MACPT_MEMBER, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "Left")

#define TEAM_FIELDS(X)                                                   \
	X(TEAM, NAME, name, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "Name")   \
	X(TEAM, SERVICE, service, FT_CODE, "team_service", F_REQUIRED, "Service") \
	X(TEAM, OPENED, opened, FT_DATE, NULL, F_REQUIRED, "Opened")       \
	X(TEAM, CLOSED, closed, FT_DATE, NULL, F_CLOSES, "Closed")          \
	X(TEAM, ESTABLISHMENT, establishment, FT_REAL, NULL, 0, "Establishment (FTE posts)")

#define WORKER_FIELDS(X)                                                             \
	X(WORKER, STAFF_ID, staff_id, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "Staff id") \
	X(WORKER, GIVEN_NAME, given_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Given name") \
	X(WORKER, FAMILY_NAME, family_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Family name") \
	X(WORKER, ROLE, role, FT_CODE, "worker_role", F_REQUIRED, "Role")              \
	X(WORKER, TEAM_ID, team_id, FT_REF, "team", 0, "Team")                         \
	X(WORKER, FTE, fte, FT_REAL, NULL, F_REQUIRED, "FTE")                          \
	X(WORKER, AGENCY, agency, FT_BOOL, NULL, F_REQUIRED, "Agency worker")          \
	X(WORKER, SWE_NUMBER, swe_number, FT_STR, NULL, 0, "Social Work England number") \
	X(WORKER, CASE_HOLDER, case_holder, FT_BOOL, NULL, F_REQUIRED, "Holds cases")  \
	X(WORKER, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED, "Started")        \
	X(WORKER, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "Left")                 \
	X(WORKER, LEAVING_REASON, leaving_reason, FT_CODE, "workforce_leaving_reason", 0, "Reason for leaving") \
	X(WORKER, DOB, dob, FT_DATE, NULL, F_PERSONAL | F_EVENT, "Date of birth")                \
	X(WORKER, SEX, sex, FT_CODE, "sex", 0, "Sex")                                   \
	X(WORKER, ETHNICITY, ethnicity, FT_CODE, "ethnicity", 0, "Ethnicity")           \
	X(WORKER, QUAL_INST, qual_inst, FT_STR, NULL, 0, "Where the social work qualification was gained") \
	X(WORKER, QUAL_LEVEL, qual_level, FT_CODE, "workforce_qual_level", 0, "Level of the qualification") \
	X(WORKER, STEP_UP, step_up, FT_BOOL, NULL, 0, "Step Up to Social Work graduate") \
	X(WORKER, FRONTLINE, frontline, FT_BOOL, NULL, 0, "Frontline graduate")       \
	X(WORKER, START_ORIGIN, start_origin, FT_CODE, "workforce_origin", 0, "Came from") \
	X(WORKER, DESTINATION, destination, FT_CODE, "workforce_destination", 0, "Went to") \
	X(WORKER, CFKSS, cfkss, FT_CODE, "workforce_cfkss", 0, "Knowledge and skills statement status") \
	X(WORKER, ORGANISATION, organisation, FT_STR, NULL, 0, "Organisation (a partner agency's practitioner)")

/* A stretch of time a worker was away (the workforce census's absence on the census date,
 * its reason, and working days lost to sickness in the year before it). */
#define WORKER_ABSENCE_FIELDS(X)                                                          \
	X(WORKER_ABSENCE, WORKER_ID, worker_id, FT_REF, "worker", F_REQUIRED, "Worker")     \
	X(WORKER_ABSENCE, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED, "Away from")   \
	X(WORKER_ABSENCE, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "Back on")           \
	X(WORKER_ABSENCE, REASON, reason, FT_CODE, "workforce_absence", F_REQUIRED, "Reason")

#define CHILD_FIELDS(X)                                                                    \
	X(CHILD, LA_CHILD_ID, la_child_id, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "LA child id") \
	X(CHILD, UPN, upn, FT_STR, NULL, F_PERSONAL, "UPN")                                  \
	X(CHILD, FORMER_UPN, former_upn, FT_STR, NULL, F_PERSONAL, "Former UPN")             \
	X(CHILD, NHS_NUMBER, nhs_number, FT_STR, NULL, F_PERSONAL | F_NHS, "NHS number")             \
	X(CHILD, GIVEN_NAME, given_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Given name") \
	X(CHILD, FAMILY_NAME, family_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Family name") \
	X(CHILD, DOB, dob, FT_DATE, NULL, F_PERSONAL | F_EVENT, "Date of birth")                       \
	X(CHILD, EXPECTED_DOB, expected_dob, FT_DATE, NULL, 0, "Expected date of birth")     \
	X(CHILD, SEX, sex, FT_CODE, "sex", F_REQUIRED, "Sex")                                \
	X(CHILD, ETHNICITY, ethnicity, FT_CODE, "ethnicity", 0, "Ethnicity")                 \
	X(CHILD, UASC, uasc, FT_BOOL, NULL, F_REQUIRED, "Unaccompanied asylum-seeking child") \
	X(CHILD, UASC_CEASED, uasc_ceased, FT_DATE, NULL, F_EVENT, "UASC status ceased")           \
	X(CHILD, DEATH_DATE, death_date, FT_DATE, NULL, F_EVENT, "Date of death")                  \
	X(CHILD, POSTCODE, postcode, FT_STR, NULL, F_PERSONAL, "Home postcode")              \
	X(CHILD, RESTRICTED, restricted, FT_BOOL, NULL, F_REQUIRED, "Restricted record")    \
	X(CHILD, UPN_UNKNOWN, upn_unknown, FT_CODE, "upn_unknown", 0, "Reason the UPN is not known") \
	X(CHILD, MOTHER, mother, FT_BOOL, NULL, 0, "Is a mother")                           \
	X(CHILD, MC_DOB, mc_dob, FT_DATE, NULL, F_PERSONAL | F_EVENT, "Her child's date of birth")    \
	X(CHILD, PREV_PERM, prev_perm, FT_CODE, "prev_perm", 0, "Permanence before care")   \
	X(CHILD, PREV_PERM_LA, prev_perm_la, FT_STR, NULL, 0, "Authority that made that order") \
	X(CHILD, PREV_PERM_DATE, prev_perm_date, FT_DATE, NULL, F_EVENT, "Date of that order") \
	X(CHILD, NHS_SOURCE, nhs_source, FT_CODE, "nhs_source", 0, "Where the NHS number came from") \
	X(CHILD, NHS_VERIFIED_DATE, nhs_verified_date, FT_DATE, NULL, F_EVENT, "NHS number verified on") \
	X(CHILD, NHS_VERIFIED_BY, nhs_verified_by, FT_REF, "worker", 0, "NHS number verified by")

#define CHILD_DISABILITY_FIELDS(X)                                                   \
	X(CHILD_DISABILITY, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child") \
	X(CHILD_DISABILITY, CODE, code, FT_CODE, "disability", F_REQUIRED, "Disability") \
	X(CHILD_DISABILITY, RECORDED, recorded, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Recorded")

#define PERSON_FIELDS(X)                                                                  \
	X(PERSON, GIVEN_NAME, given_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Given name") \
	X(PERSON, FAMILY_NAME, family_name, FT_STR, NULL, F_REQUIRED | F_PERSONAL, "Family name") \
	X(PERSON, DOB, dob, FT_DATE, NULL, F_PERSONAL | F_EVENT, "Date of birth")                     \
	X(PERSON, SEX, sex, FT_CODE, "sex", 0, "Sex")                                       \
	X(PERSON, ADDRESS, address, FT_STR, NULL, F_PERSONAL, "Address")                    \
	X(PERSON, PHONE, phone, FT_STR, NULL, F_PERSONAL, "Telephone")

#define RELATIONSHIP_FIELDS(X)                                                           \
	X(RELATIONSHIP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")          \
	X(RELATIONSHIP, PERSON_ID, person_id, FT_REF, "person", 0, "Person")               \
	X(RELATIONSHIP, OTHER_CHILD_ID, other_child_id, FT_REF, "child", 0, "Other child") \
	X(RELATIONSHIP, KIND, kind, FT_CODE, "relationship", F_REQUIRED, "Relationship")   \
	X(RELATIONSHIP, PARENTAL_RESPONSIBILITY, parental_responsibility, FT_BOOL, NULL, F_REQUIRED, "Parental responsibility") \
	X(RELATIONSHIP, START_DATE, start_date, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "From")         \
	X(RELATIONSHIP, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "To")

#define ALLOCATION_FIELDS(X)                                                             \
	X(ALLOCATION, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")            \
	X(ALLOCATION, WORKER_ID, worker_id, FT_REF, "worker", F_REQUIRED, "Worker")        \
	X(ALLOCATION, KIND, kind, FT_CODE, "allocation_kind", F_REQUIRED, "Allocated as")  \
	X(ALLOCATION, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH, "From") \
	X(ALLOCATION, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "To")                   \
	X(ALLOCATION, REASON, reason, FT_CODE, "sw_reason", 0, "Reason for change")

#define CONTACT_FIELDS(X)                                                                 \
	X(CONTACT, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                \
	X(CONTACT, CONTACT_DATE, contact_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Contact received") \
	X(CONTACT, SOURCE, source, FT_CODE, "referral_source", F_REQUIRED, "Source")        \
	X(CONTACT, DECISION_DATE, decision_date, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "Decision made") \
	X(CONTACT, DECISION, decision, FT_CODE, "contact_decision", 0, "Decision")         \
	X(CONTACT, SUMMARY, summary, FT_TEXT, NULL, F_PERSONAL, "Summary")                 \
	X(CONTACT, DECIDED_BY, decided_by, FT_REF, "worker", F_AUTHOR, "Decided by")        \
	X(CONTACT, DECISION_REASON, decision_reason, FT_TEXT, NULL, F_PERSONAL, "Reason for the decision") \
	X(CONTACT, POLICE_DATE, police_date, FT_DATE, NULL, F_EVENT, "Police checked")       \
	X(CONTACT, POLICE_SHARED, police_shared, FT_TEXT, NULL, F_PERSONAL, "What the police shared") \
	X(CONTACT, HEALTH_DATE, health_date, FT_DATE, NULL, F_EVENT, "Health checked")       \
	X(CONTACT, HEALTH_SHARED, health_shared, FT_TEXT, NULL, F_PERSONAL, "What health shared") \
	X(CONTACT, EDUCATION_DATE, education_date, FT_DATE, NULL, F_EVENT, "Education checked") \
	X(CONTACT, EDUCATION_SHARED, education_shared, FT_TEXT, NULL, F_PERSONAL, "What education shared") \
	X(CONTACT, OTHER_DATE, other_date, FT_DATE, NULL, F_EVENT, "Other agency checked")   \
	X(CONTACT, OTHER_SHARED, other_shared, FT_TEXT, NULL, F_PERSONAL, "Which agency, and what it shared") \
	X(CONTACT, FAMILY_TOLD, family_told, FT_BOOL, NULL, 0, "The family was told")       \
	X(CONTACT, CONSENT, consent, FT_BOOL, NULL, 0, "The family consented")

#define EARLY_HELP_FIELDS(X)                                                              \
	X(EARLY_HELP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")             \
	X(EARLY_HELP, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Started") \
	X(EARLY_HELP, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Ended")                 \
	X(EARLY_HELP, END_REASON, end_reason, FT_CODE, "eh_end_reason", 0, "Reason ended")  \
	X(EARLY_HELP, STEP_DOWN, step_down, FT_BOOL, NULL, F_REQUIRED, "Stepped down from social care") \
	X(EARLY_HELP, LEAD, lead, FT_STR, NULL, 0, "Lead practitioner")

#define REFERRAL_FIELDS(X)                                                               \
	X(REFERRAL, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")              \
	X(REFERRAL, REFERRAL_DATE, referral_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Referral date") \
	X(REFERRAL, SOURCE, source, FT_CODE, "referral_source", F_REQUIRED, "Referral source") \
	X(REFERRAL, PRIMARY_NEED, primary_need, FT_CODE, "primary_need", 0, "Primary need") \
	X(REFERRAL, NFA, nfa, FT_BOOL, NULL, F_REQUIRED, "No further action")              \
	X(REFERRAL, CLOSURE_DATE, closure_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Case closed")    \
	X(REFERRAL, CLOSURE_REASON, closure_reason, FT_CODE, "closure_reason", 0, "Reason for closure")

#define ASSESSMENT_FIELDS(X)                                                             \
	X(ASSESSMENT, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")            \
	X(ASSESSMENT, REFERRAL_ID, referral_id, FT_REF, "referral", F_REQUIRED, "Referral") \
	X(ASSESSMENT, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Started") \
	X(ASSESSMENT, AUTHORISED_DATE, authorised_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Authorised") \
	X(ASSESSMENT, FACTORS, factors, FT_STR, NULL, 0, "Factors identified")             \
	X(ASSESSMENT, OUTCOME, outcome, FT_STR, NULL, 0, "Outcome")

#define S47_FIELDS(X)                                                                     \
	X(S47, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                    \
	X(S47, REFERRAL_ID, referral_id, FT_REF, "referral", F_REQUIRED, "Referral")        \
	X(S47, STRATEGY_DATE, strategy_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Strategy discussion") \
	X(S47, START_DATE, start_date, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "Section 47 enquiry started") \
	X(S47, ICPC_DATE, icpc_date, FT_DATE, NULL, F_PREBIRTH | F_EVENT, "Initial child protection conference") \
	X(S47, ICPC_NOT_REQUIRED, icpc_not_required, FT_BOOL, NULL, F_REQUIRED, "Conference not required") \
	X(S47, MACPT_ID, macpt_id, FT_REF, "macpt", 0, "Multi-agency child protection team")

#define CIN_PLAN_FIELDS(X)                                                                \
	X(CIN_PLAN, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")               \
	X(CIN_PLAN, REFERRAL_ID, referral_id, FT_REF, "referral", F_REQUIRED, "Referral")   \
	X(CIN_PLAN, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Plan started")      \
	X(CIN_PLAN, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Plan ended")

#define CP_PLAN_FIELDS(X)                                                                 \
	X(CP_PLAN, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                \
	X(CP_PLAN, REFERRAL_ID, referral_id, FT_REF, "referral", F_REQUIRED, "Referral")    \
	X(CP_PLAN, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Plan started") \
	X(CP_PLAN, CATEGORY, category, FT_CODE, "cp_category", F_REQUIRED, "Category of abuse") \
	X(CP_PLAN, END_DATE, end_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Plan ended")               \
	X(CP_PLAN, INITIAL_CATEGORY, initial_category, FT_CODE, "cp_category", 0, "Initial category of abuse") \
	X(CP_PLAN, PREVIOUS_PLANS, previous_plans, FT_INT, NULL, 0, "Previous plans (in any authority)") \
	X(CP_PLAN, MACPT_ID, macpt_id, FT_REF, "macpt", 0, "Multi-agency child protection team")

#define CP_REVIEW_FIELDS(X)                                                               \
	X(CP_REVIEW, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")              \
	X(CP_REVIEW, CP_PLAN_ID, cp_plan_id, FT_REF, "cp_plan", F_REQUIRED, "Plan")         \
	X(CP_REVIEW, REVIEW_DATE, review_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Review conference")

#define CORE_GROUP_FIELDS(X)                                                              \
	X(CORE_GROUP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")             \
	X(CORE_GROUP, CP_PLAN_ID, cp_plan_id, FT_REF, "cp_plan", F_REQUIRED, "Plan")        \
	X(CORE_GROUP, MEETING_DATE, meeting_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Core group meeting")

#define CLA_EPISODE_FIELDS(X)                                                             \
	X(CLA_EPISODE, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")            \
	X(CLA_EPISODE, DECOM, decom, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Episode began (DECOM)")    \
	X(CLA_EPISODE, RNE, rne, FT_CODE, "rne", F_REQUIRED, "Reason for new episode (RNE)") \
	X(CLA_EPISODE, LS, ls, FT_CODE, "legal_status", F_REQUIRED, "Legal status (LS)")    \
	X(CLA_EPISODE, CIN, cin, FT_CODE, "cla_need", F_REQUIRED, "Category of need (CIN)") \
	X(CLA_EPISODE, PLACE, place, FT_CODE, "placement", F_REQUIRED, "Placement (PLACE)") \
	X(CLA_EPISODE, PLACE_PROVIDER, place_provider, FT_CODE, "place_provider", 0, "Placement provider") \
	X(CLA_EPISODE, DEC, dec, FT_DATE, NULL, F_CLOSES | F_EVENT, "Episode ceased (DEC)")           \
	X(CLA_EPISODE, REC, rec, FT_CODE, "rec", 0, "Reason episode ceased (REC)")          \
	X(CLA_EPISODE, REASON_PLACE_CHANGE, reason_place_change, FT_CODE, "reason_place_change", 0, "Reason for placement change") \
	X(CLA_EPISODE, HOME_POST, home_post, FT_STR, NULL, F_PERSONAL, "Home postcode")     \
	X(CLA_EPISODE, PL_POST, pl_post, FT_STR, NULL, F_PERSONAL, "Placement postcode")    \
	X(CLA_EPISODE, URN, urn, FT_STR, NULL, 0, "Ofsted URN")                            \
	X(CLA_EPISODE, LONG_TERM, long_term, FT_BOOL, NULL, F_REQUIRED, "Placement intended until 18")

#define CLA_REVIEW_FIELDS(X)                                                              \
	X(CLA_REVIEW, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")             \
	X(CLA_REVIEW, REVIEW_DATE, review_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Review")        \
	X(CLA_REVIEW, PARTICIPATION, participation, FT_CODE, "review_participation", F_REQUIRED, "Participation (REVIEW_CODE)") \
	X(CLA_REVIEW, IRO_ID, iro_id, FT_REF, "worker", 0, "IRO")

#define VISIT_FIELDS(X)                                                                   \
	X(VISIT, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                  \
	X(VISIT, VISIT_DATE, visit_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Visit date")           \
	X(VISIT, KIND, kind, FT_CODE, "visit_kind", F_REQUIRED, "Kind of visit")            \
	X(VISIT, WORKER_ID, worker_id, FT_REF, "worker", F_AUTHOR, "Visited by")                   \
	X(VISIT, SEEN, seen, FT_BOOL, NULL, F_REQUIRED, "Child seen")                       \
	X(VISIT, SEEN_ALONE, seen_alone, FT_BOOL, NULL, F_REQUIRED, "Child seen alone")     \
	X(VISIT, CHILD_SAID, child_said, FT_TEXT, NULL, F_PERSONAL, "What the child said (wishes and feelings)") \
	X(VISIT, SUMMARY, summary, FT_TEXT, NULL, F_PERSONAL, "Purpose and summary")

#define NOTE_FIELDS(X)                                                                    \
	X(NOTE, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                   \
	X(NOTE, NOTE_DATE, note_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Date")       \
	X(NOTE, KIND, kind, FT_CODE, "note_kind", F_REQUIRED, "Kind of note")               \
	X(NOTE, WORKER_ID, worker_id, FT_REF, "worker", F_AUTHOR, "Written by")                    \
	X(NOTE, CHILD_VOICE, child_voice, FT_BOOL, NULL, F_REQUIRED, "Records the child's voice") \
	X(NOTE, BODY, body, FT_TEXT, NULL, F_REQUIRED | F_PERSONAL, "Note")

#define HEALTH_FIELDS(X)                                                                  \
	X(HEALTH, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                 \
	X(HEALTH, KIND, kind, FT_CODE, "health_kind", F_REQUIRED, "Kind of check")          \
	X(HEALTH, DONE_DATE, done_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Date")

#define EDUCATION_FIELDS(X)                                                               \
	X(EDUCATION, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")              \
	X(EDUCATION, SCHOOL_URN, school_urn, FT_STR, NULL, 0, "School URN")                 \
	X(EDUCATION, SCHOOL_NAME, school_name, FT_STR, NULL, F_REQUIRED, "School")          \
	X(EDUCATION, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED, "Started")          \
	X(EDUCATION, END_DATE, end_date, FT_DATE, NULL, F_CLOSES, "Left")                   \
	X(EDUCATION, SEN, sen, FT_CODE, "sen", F_REQUIRED, "Special educational needs")

#define PEP_FIELDS(X)                                                                     \
	X(PEP, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                    \
	X(PEP, PEP_DATE, pep_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "PEP meeting")

#define MISSING_FIELDS(X)                                                                 \
	X(MISSING, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                \
	X(MISSING, START_AT, start_at, FT_INSTANT, NULL, F_REQUIRED | F_EVENT, "Went missing")        \
	X(MISSING, END_AT, end_at, FT_INSTANT, NULL, F_CLOSES | F_EVENT, "Returned")                  \
	X(MISSING, AWAY, away, FT_BOOL, NULL, F_REQUIRED, "Away from placement (not missing)") \
	X(MISSING, RHI_OFFERED_AT, rhi_offered_at, FT_INSTANT, NULL, F_EVENT, "Return interview offered") \
	X(MISSING, RHI_ACCEPTED, rhi_accepted, FT_BOOL, NULL, F_REQUIRED, "Return interview accepted")

#define PROCEEDINGS_FIELDS(X)                                                             \
	X(PROCEEDINGS, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")            \
	X(PROCEEDINGS, ISSUE_DATE, issue_date, FT_DATE, NULL, F_REQUIRED | F_PREBIRTH | F_EVENT, "Proceedings issued") \
	X(PROCEEDINGS, FINAL_ORDER_DATE, final_order_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Final order") \
	X(PROCEEDINGS, FINAL_ORDER, final_order, FT_CODE, "proceedings_order", 0, "Order made") \
	X(PROCEEDINGS, EXTENSION_WEEKS, extension_weeks, FT_INT, NULL, 0, "Extension granted (weeks)")

#define PERMANENCE_FIELDS(X)                                                              \
	X(PERMANENCE, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")             \
	X(PERMANENCE, DECIDED_DATE, decided_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Plan agreed") \
	X(PERMANENCE, PLAN, plan, FT_CODE, "permanence_plan", F_REQUIRED, "Permanence plan")

#define ADOPTION_FIELDS(X)                                                                \
	X(ADOPTION, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")               \
	X(ADOPTION, DECISION_DATE, decision_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Should be placed for adoption (ADM)") \
	X(ADOPTION, PLACEMENT_ORDER_DATE, placement_order_date, FT_DATE, NULL, F_EVENT, "Placement order") \
	X(ADOPTION, MATCHED_DATE, matched_date, FT_DATE, NULL, F_EVENT, "Matched")                \
	X(ADOPTION, PLACED_DATE, placed_date, FT_DATE, NULL, F_EVENT, "Placed for adoption")      \
	X(ADOPTION, ADOPTION_ORDER_DATE, adoption_order_date, FT_DATE, NULL, F_EVENT, "Adoption order") \
	X(ADOPTION, CEASED_DATE, ceased_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "No longer planned")  \
	X(ADOPTION, CEASED_REASON, ceased_reason, FT_CODE, "reason_placed_ceased", 0, "Reason no longer planned") \
	X(ADOPTION, ADOPTERS_NUMBER, adopters_number, FT_INT, NULL, 0, "Number of adopters") \
	X(ADOPTION, ADOPTERS_SEX, adopters_sex, FT_CODE, "ad1_sex_adoptr", 0, "Sex of the adopters") \
	X(ADOPTION, ADOPTERS_LEGAL_STATUS, adopters_legal_status, FT_CODE, "ad1_ls_adoptr", 0, "Legal status of the adopters")

/* A child looked after's year (the SSDA903's OC2): one row per child per year, dated the
 * 31 March that ends it. Blank items are not known. */
#define CLA_OUTCOME_FIELDS(X)                                                                   \
	X(CLA_OUTCOME, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                    \
	X(CLA_OUTCOME, YEAR_END, year_end, FT_DATE, NULL, F_REQUIRED, "Year ending (31 March)")     \
	X(CLA_OUTCOME, SDQ_SCORE, sdq_score, FT_INT, NULL, 0, "SDQ score (0-40)")                   \
	X(CLA_OUTCOME, SDQ_REASON, sdq_reason, FT_CODE, "oc2_sdq_reason", 0, "Reason for no SDQ score") \
	X(CLA_OUTCOME, CONVICTED, convicted, FT_BOOL, NULL, 0, "Convicted or given a final warning or reprimand") \
	X(CLA_OUTCOME, HEALTH_CHECK, health_check, FT_BOOL, NULL, 0, "Development assessments up to date (under 5)") \
	X(CLA_OUTCOME, IMMUNISATIONS, immunisations, FT_BOOL, NULL, 0, "Immunisations up to date")  \
	X(CLA_OUTCOME, TEETH_CHECK, teeth_check, FT_BOOL, NULL, 0, "Teeth checked by a dentist")    \
	X(CLA_OUTCOME, HEALTH_ASSESSMENT, health_assessment, FT_BOOL, NULL, 0, "Annual health assessment") \
	X(CLA_OUTCOME, SUBSTANCE_MISUSE, substance_misuse, FT_BOOL, NULL, 0, "Substance misuse problem") \
	X(CLA_OUTCOME, INTERVENTION_RECEIVED, intervention_received, FT_BOOL, NULL, 0, "Received an intervention for it") \
	X(CLA_OUTCOME, INTERVENTION_OFFERED, intervention_offered, FT_BOOL, NULL, 0, "Offered an intervention for it")

#define LEAVER_CONTACT_FIELDS(X)                                                          \
	X(LEAVER_CONTACT, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Young person")  \
	X(LEAVER_CONTACT, CONTACT_DATE, contact_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Contact") \
	X(LEAVER_CONTACT, IN_TOUCH, in_touch, FT_CODE, "oc3_in_touch", F_REQUIRED, "In touch") \
	X(LEAVER_CONTACT, ACCOMMODATION, accommodation, FT_CODE, "oc3_accommodation", 0, "Accommodation") \
	X(LEAVER_CONTACT, SUITABLE, suitable, FT_BOOL, NULL, 0, "Accommodation suitable")   \
	X(LEAVER_CONTACT, ACTIVITY, activity, FT_CODE, "oc3_activity", 0, "Activity")       \
	X(LEAVER_CONTACT, ENTITLEMENTS_EXPLAINED, entitlements_explained, FT_BOOL, NULL, F_REQUIRED, "Entitlements explained")

#define PATHWAY_PLAN_FIELDS(X)                                                            \
	X(PATHWAY_PLAN, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Young person")    \
	X(PATHWAY_PLAN, REVIEW_DATE, review_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Pathway plan reviewed")

#define LADO_FIELDS(X)                                                                    \
	X(LADO, REFERENCE, reference, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "Reference")     \
	X(LADO, CHILD_ID, child_id, FT_REF, "child", 0, "Child")                            \
	X(LADO, RECEIVED_DATE, received_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Allegation received") \
	X(LADO, CONSIDERED_DATE, considered_date, FT_DATE, NULL, F_EVENT, "Initial consideration") \
	X(LADO, CATEGORY, category, FT_CODE, "lado_category", F_REQUIRED, "Category")       \
	X(LADO, SECTOR, sector, FT_CODE, "lado_sector", F_REQUIRED, "Sector")               \
	X(LADO, OUTCOME, outcome, FT_CODE, "lado_outcome", 0, "Outcome")                    \
	X(LADO, RESOLVED_DATE, resolved_date, FT_DATE, NULL, F_CLOSES | F_EVENT, "Resolved")  \
	X(LADO, ADULT_NAME, adult_name, FT_STR, NULL, F_PERSONAL, "The adult's name")        \
	X(LADO, ADULT_ROLE, adult_role, FT_STR, NULL, 0, "The adult's role")                 \
	X(LADO, EMPLOYER, employer, FT_STR, NULL, 0, "Employer or organisation")             \
	X(LADO, RECEIVED_BY, received_by, FT_CODE, "lado_received_by", 0, "How it came in")  \
	X(LADO, POLICE_INVESTIGATION, police_investigation, FT_TEXT, NULL, F_PERSONAL, "Police investigation") \
	X(LADO, EMPLOYER_INVESTIGATION, employer_investigation, FT_TEXT, NULL, F_PERSONAL, "Employer's investigation") \
	X(LADO, EMPLOYER_ACTION, employer_action, FT_TEXT, NULL, F_PERSONAL, "Employer's action")  \
	X(LADO, DBS_REFERRAL, dbs_referral, FT_DATE, NULL, F_EVENT, "Referred to the DBS")   \
	X(LADO, REGULATOR_REFERRAL, regulator_referral, FT_STR, NULL, 0, "Referred to a regulator") \
	X(LADO, RISK_ANALYSIS, risk_analysis, FT_TEXT, NULL, F_PERSONAL, "Analysis of risk") \
	X(LADO, RISK_DECISION, risk_decision, FT_TEXT, NULL, F_PERSONAL, "Decision")         \
	X(LADO, RISK_RATIONALE, risk_rationale, FT_TEXT, NULL, F_PERSONAL, "Rationale")

/* A child an allegation is about: linked to their record when known (child_id), else named.
 * The allegation's own child_id is the first child; these are every child, any number. */
#define LADO_INVOLVED_FIELDS(X)                                                               \
	X(LADO_INVOLVED, LADO_ID, lado_id, FT_REF, "lado", F_REQUIRED, "Allegation")            \
	X(LADO_INVOLVED, LINKED_CHILD_ID, linked_child_id, FT_REF, "child", 0, "Child")                       \
	X(LADO_INVOLVED, NAME, name, FT_STR, NULL, F_PERSONAL, "Name, when the child is not known to us")

#define LADO_MEETING_FIELDS(X)                                                             \
	X(LADO_MEETING, LADO_ID, lado_id, FT_REF, "lado", F_REQUIRED, "Allegation")          \
	X(LADO_MEETING, MEETING_DATE, meeting_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Meeting held") \
	X(LADO_MEETING, ATTENDEES, attendees, FT_TEXT, NULL, F_REQUIRED | F_PERSONAL, "Who attended") \
	X(LADO_MEETING, ACTIONS, actions, FT_TEXT, NULL, F_PERSONAL, "Actions agreed")

#define INSPECTION_FIELDS(X)                                                              \
	X(INSPECTION, START_DATE, start_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Inspection began") \
	X(INSPECTION, KIND, kind, FT_CODE, "inspection_kind", F_REQUIRED, "Kind")           \
	X(INSPECTION, GRADE_LEADERS, grade_leaders, FT_CODE, "inspection_grade", 0, "Impact of leaders") \
	X(INSPECTION, GRADE_HELP_PROTECTION, grade_help_protection, FT_CODE, "inspection_grade", 0, "Help and protection") \
	X(INSPECTION, GRADE_IN_CARE, grade_in_care, FT_CODE, "inspection_grade", 0, "Children in care") \
	X(INSPECTION, GRADE_CARE_LEAVERS, grade_care_leavers, FT_CODE, "inspection_grade", 0, "Care leavers") \
	X(INSPECTION, GRADE_OVERALL, grade_overall, FT_CODE, "inspection_grade", 0, "Overall effectiveness") \
	X(INSPECTION, FINDINGS, findings, FT_TEXT, NULL, 0, "Findings")                     \
	X(INSPECTION, PRIORITY_ACTIONS, priority_actions, FT_TEXT, NULL, 0, "Priority actions") \
	X(INSPECTION, FRAMEWORK, framework, FT_CODE, "inspection_framework", 0, "Inspection framework")

#define PARTICIPATION_FIELDS(X)                                                           \
	X(PARTICIPATION, CHILD_ID, child_id, FT_REF, "child", 0, "Child")                   \
	X(PARTICIPATION, EVENT_DATE, event_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Date")         \
	X(PARTICIPATION, KIND, kind, FT_CODE, "participation_kind", F_REQUIRED, "Kind")     \
	X(PARTICIPATION, DETAIL, detail, FT_TEXT, NULL, 0, "What was said or done")

/* A manager's case supervision of one child: what was reflected on and decided. Its
 * actions are tasks (below) naming it, each with its owner and due date. */
#define SUPERVISION_FIELDS(X)                                                             \
	X(SUPERVISION, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")            \
	X(SUPERVISION, SUPERVISION_DATE, supervision_date, FT_DATE, NULL, F_REQUIRED, "Supervision date") \
	X(SUPERVISION, SUPERVISOR_ID, supervisor_id, FT_REF, "worker", 0, "Supervised by")  \
	X(SUPERVISION, WORKER_ID, worker_id, FT_REF, "worker", 0, "Worker supervised")      \
	X(SUPERVISION, REFLECTION, reflection, FT_TEXT, NULL, F_REQUIRED | F_PERSONAL, "Reflection") \
	X(SUPERVISION, DECISIONS, decisions, FT_TEXT, NULL, F_REQUIRED | F_PERSONAL, "Decisions")

/* A task a manager sets for a worker on a child: on the worker's /due with the statutory
 * items (clock kind CLOCK_TASK) until done_date is recorded. */
#define TASK_FIELDS(X)                                                                    \
	X(TASK, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")                   \
	X(TASK, SET_DATE, set_date, FT_DATE, NULL, F_REQUIRED, "Set on")                    \
	X(TASK, WORKER_ID, worker_id, FT_REF, "worker", F_REQUIRED, "For")                  \
	X(TASK, WHAT, what, FT_STR, NULL, F_REQUIRED, "What is to be done")                 \
	X(TASK, DUE_DATE, due_date, FT_DATE, NULL, F_REQUIRED, "Due by")                    \
	X(TASK, DONE_DATE, done_date, FT_DATE, NULL, F_CLOSES, "Done on")                   \
	X(TASK, SET_BY, set_by, FT_REF, "worker", 0, "Set by")                              \
	X(TASK, SUPERVISION_ID, supervision_id, FT_REF, "supervision", 0, "Action from supervision") \
	X(TASK, DONE_BY_VISIT, done_by_visit, FT_CODE, "visit_kind", 0, "Done by a visit of this kind")

/* A save that needs a manager's authorisation (model/authorise.h: which saves, and which
 * role authorises, are local settings): the record it asks about (record_kind, record_id),
 * asked for by a worker on a date, and the decision: awaiting, authorised or returned with
 * a reason. Each change (ask, authorise, return, resubmit) is a revision of this row. A
 * worker's proposal to close a case or step it down (work_propose_close) points at the open
 * referral and carries the proposed date and reason, which authorising closes it with. */
#define AUTHORISATION_FIELDS(X)                                                           \
	X(AUTHORISATION, CHILD_ID, child_id, FT_REF, "child", F_REQUIRED, "Child")          \
	X(AUTHORISATION, POINT, point, FT_STR, NULL, F_REQUIRED, "Decision")                \
	X(AUTHORISATION, RECORD_KIND, record_kind, FT_STR, NULL, F_REQUIRED, "Kind of record") \
	X(AUTHORISATION, RECORD_ID, record_id, FT_INT, NULL, F_REQUIRED, "Record")          \
	X(AUTHORISATION, ASKED_DATE, asked_date, FT_DATE, NULL, F_REQUIRED | F_EVENT, "Asked on") \
	X(AUTHORISATION, ASKED_BY, asked_by, FT_REF, "worker", 0, "Asked by")               \
	X(AUTHORISATION, STATE, state, FT_STR, NULL, F_REQUIRED, "State")                   \
	X(AUTHORISATION, DECIDED_DATE, decided_date, FT_DATE, NULL, F_EVENT, "Decided on")  \
	X(AUTHORISATION, DECIDED_BY, decided_by, FT_REF, "worker", 0, "Decided by")         \
	X(AUTHORISATION, REASON, reason, FT_TEXT, NULL, 0, "Reason returned") \
	X(AUTHORISATION, PROPOSED_DATE, proposed_date, FT_DATE, NULL, 0, "Proposed date") \
	X(AUTHORISATION, PROPOSED_REASON, proposed_reason, FT_CODE, "closure_reason", 0, "Proposed reason for closure")

#define SETTING_FIELDS(X)                                                                 \
	X(SETTING, KEY, key, FT_STR, NULL, F_REQUIRED | F_UNIQUE, "Setting")                \
	X(SETTING, VALUE, value, FT_STR, NULL, F_REQUIRED, "Value")

/* Kinds with no child field of their own that join a child's record through a row of
 * another kind naming them: a person is a child's through a relationship (its person_id).
 * Recorded from a child's record, the row and its link to the child are saved together,
 * in one transaction, or neither (work_add_linked).
 *   X(kind, link kind, the link's field naming the kind) */
#define HEARTH_LINKED_KINDS(X) X(person, relationship, person_id)

/* Fields a form shows only when another field of the same row, drawn as radios, holds one
 * of some values (GOV.UK conditional reveals): what the child said once they were seen, the
 * reason for a placement change only on an episode that changes the placement. Without
 * JavaScript every field is shown; either way the form ignores what was typed in a field
 * whose condition is not met: it is saved blank (web/pages/page.c page_form_read). The API
 * describes each condition (x-shown-when) and takes the row as given.
 *   X(entity, field, shown when this field, "value,value...") */
#define HEARTH_FIELD_SHOWN_WHEN(X)                                                     \
	X(visit, child_said, seen, "yes")                                              \
	X(cla_episode, reason_place_change, rne, "P,T,U,B")                            \
	X(pre_proceedings, fgdm_exempt_reason, fgdm_exempt, "yes")                     \
	X(cla_outcome, intervention_received, substance_misuse, "yes")                 \
	X(cla_outcome, intervention_offered, substance_misuse, "yes")                  \
	X(kinship, allowance, kind, "sgo,cao")                                         \
	X(kinship, support_package, kind, "informal")

/* Hints: what a form shows under a field's label, where the label alone is not enough.
 *   X(entity, column, "hint") */
#define HEARTH_FIELD_HINTS(X)                                                                         \
	X(child, la_child_id, "The authority's own identifier for the child, used in the returns")   \
	X(team, establishment, "The full-time equivalent social work posts the team is funded for, filled or vacant, as 12.5") \
	X(child, upn, "The unique pupil number: 13 characters, a letter then 12 digits or letters")   \
	X(child, nhs_number, "10 digits")                                                              \
	X(child, nhs_verified_date, "When the number was checked against the NHS's own record (a PDS trace)") \
	X(child, nhs_verified_by, "Who checked it")                                                              \
	X(child, expected_dob, "For an unborn child: leave the date of birth blank")                   \
	X(child, restricted, "Only people given access may open a restricted record")                 \
	X(child, postcode, "For example, AB1 2CD")                                                     \
	X(child, uasc, "Unaccompanied asylum-seeking child")                                          \
	X(relationship, other_child_id, "The other child's LA child id, if the relative is a child we know") \
	X(allocation, reason, "Why the child's worker changed (the SSDA903 SWEpisodes return)")      \
	X(contact, decision, "Leave blank until the decision is made")                                \
	X(contact, decision_reason, "Why this decision: what is known, the risk, and what the family wants") \
	X(contact, other_shared, "Name the agency, then what it shared")                              \
	X(early_help, lead, "The name of the lead practitioner")                                      \
	X(referral, nfa, "Choose yes when the referral led to no further action")                     \
	X(referral, closure_date, "Leave blank while the case is open")                               \
	X(assessment, factors, "The assessment's factor codes, separated by commas, for example 2B,3A") \
	X(assessment, authorised_date, "Leave blank until the assessment is authorised")              \
	X(s47, icpc_not_required, "Choose yes when the enquiry found no conference was needed")       \
	X(cp_plan, previous_plans, "How many child protection plans the child had before, anywhere")   \
	X(cp_plan, initial_category, "The category at the first conference, if it has changed since") \
	X(cla_episode, decom, "The date this episode began: a new episode starts with each change of legal status or placement") \
	X(cla_episode, place_provider, "Who provides the placement")                                   \
	X(cla_episode, dec, "Leave blank while the episode continues")                                \
	X(cla_episode, urn, "The Ofsted unique reference number of the placement, if it has one")      \
	X(cla_episode, home_post, "The postcode of the home the child was taken into care from")       \
	X(cla_episode, pl_post, "The postcode of the placement")                                       \
	X(cla_review, iro_id, "The independent reviewing officer who chaired the review")             \
	X(visit, worker_id, "Who made the visit")                                                      \
	X(note, worker_id, "Who wrote the note")                                                       \
	X(education, school_urn, "The school's unique reference number, 6 digits")                    \
	X(missing, away, "Choose yes when the child was away from placement without permission but their whereabouts were known") \
	X(missing, end_at, "Leave blank while the child is still missing")                            \
	X(proceedings, extension_weeks, "Weeks beyond the 26-week limit, if the court extended it")    \
	X(cla_outcome, sdq_score, "A whole number from 0 to 40")                                       \
	X(lado, reference, "The LADO's own reference for the allegation")                             \
	X(lado, regulator_referral, "Which regulator (Ofsted, the TRA, the NMC...) and when") \
	X(lado, risk_analysis, "What is known, what is not, and the risk to children now") \
	X(lado_involved, linked_child_id, "The child's LA child id, if we know the child") \
	X(lado_meeting, actions, "Each action, with who does it and by when") \
	X(participation, detail, "What the child or young person said, did or asked for") \
	X(supervision, reflection, "What was discussed: the child's circumstances, risks and progress") \
	X(supervision, decisions, "What was decided; add each action as a task afterwards") \
	X(task, worker_id, "The worker who is to do it") \
	X(task, done_date, "Leave blank until it is done") \
	X(task, supervision_id, "The supervision this action came from, if any") \
	X(task, done_by_visit, "If a visit does it: the task is done once such a visit, with the child seen, is recorded") \
	X(pre_proceedings, fgdm_exempt, "Choose yes only when offering or holding the meeting would not be in the child's best interests (s.31ZA(3)); give the reason") \
	X(pre_proceedings, outcome, "Local code list until the DfE publishes one") \
	X(pre_proceedings, letter_init_cp_date, "The CIN census element LetterInitCPDate; the DfE has not published its meaning") \
	X(kinship, offer_version, "The version (or date) of the published kinship local offer, for example 2026-v2") \
	X(dolo, end_date, "Leave blank while the order continues") \
	X(family_help, referral_id, "The referral that opened the child in need episode; blank for targeted help") \
	X(family_help, lead_worker_id, "A social worker, or a partner agency's practitioner who signs in to Hearth") \
	X(family_help, lead_cp_worker_id, "A social worker: leads any s.47 enquiry and child protection plan") \
	X(s47, macpt_id, "The MACPT responsible for the enquiry (from the date the duty applies)") \
	X(cp_plan, macpt_id, "The MACPT responsible for the child protection work") \
	X(worker, organisation, "For a partner agency's practitioner: the school, health service, police force or other body") \
	X(inspection, framework, "Blank: the framework in force on the start date (April 2026 from 1 April 2026)")

#endif
