/* codes: the code lists themselves, and lookups over them. See codes.h.
 *
 * Sources (read from the shared standards folder; the facts are copied here as C tables,
 * the files are never copied into the repository):
 *   - SSDA903: ssda903/SSDA903_schema_2017.yml and the 2019, 2022, 2024, 2025 and 2026
 *     .diff.yml files. A code present in the 2017 base has from_year 0 (we hold no earlier
 *     schema); a code a diff removes has to_year = the diff's year - 1; a code a diff adds
 *     has from_year = the diff's year. The yml carries codes only: the labels are ours,
 *     worded after the DfE's SSDA903 guidance.
 *   - CIN census: cin-census/CIN_schema_2024.xsd, _2025.xsd, _2026.xsd (codes and the
 *     xs:documentation text the labels are shortened from) and rules_2025_26.csv.
 *   - Workforce census: workforce/social_work_workforce_2022.xsd.
 *   - Annex A: annex-a/Annex_A_schema.yml, used to confirm the meaning of SSDA903 codes
 *     (the councils' aliases spell out E45-E48, OC3 accommodation R and Z, OC3 activity).
 * Local lists (contact decisions, roles, LADO ...) are Hearth's own lower-case codes.
 * A comment marked *check* is the best reading we have; change it here if a source differs.
 *
 * Invariants: see codes.h. model_codelists[] must stay sorted by name for the bsearch in
 * codelist_find(); the unit test fails if it is not. */
#include "model/codes.h"

#include <stdlib.h>
#include <string.h>

#define LIST(nm, desc, arr) { (nm), (desc), (arr), sizeof(arr) / sizeof((arr)[0]) }

/* ---- child characteristics ------------------------------------------------------------ */

/* SSDA903 header.SEX from 2025 (2025 diff) and CIN census Sex from 2025 (the 2024 CIN xsd
 * had GenderCurrent 1/2/0/9). Hearth stores only M/F/U in every year; a return for an
 * earlier year recodes M/F as 1/2, so these are open-ended rather than from 2025. */
static const struct code sex[] = {
	{ "M", "Male", 0, 0 },
	{ "F", "Female", 0, 0 },
	{ "U", "Unknown", 0, 0 },
};

/* SSDA903 header.ETHNIC (2017 yml, unchanged by the diffs; same codes in the CIN xsd). */
static const struct code ethnicity[] = {
	{ "WBRI", "White British", 0, 0 },
	{ "WIRI", "White Irish", 0, 0 },
	{ "WOTH", "Any other White background", 0, 0 },
	{ "WIRT", "Traveller of Irish heritage", 0, 0 },
	{ "WROM", "Gypsy/Roma", 0, 0 },
	{ "MWBC", "White and Black Caribbean", 0, 0 },
	{ "MWBA", "White and Black African", 0, 0 },
	{ "MWAS", "White and Asian", 0, 0 },
	{ "MOTH", "Any other mixed background", 0, 0 },
	{ "AIND", "Indian", 0, 0 },
	{ "APKN", "Pakistani", 0, 0 },
	{ "ABAN", "Bangladeshi", 0, 0 },
	{ "AOTH", "Any other Asian background", 0, 0 },
	{ "BCRB", "Caribbean", 0, 0 },
	{ "BAFR", "African", 0, 0 },
	{ "BOTH", "Any other Black background", 0, 0 },
	{ "CHNE", "Chinese", 0, 0 },
	{ "OOTH", "Any other ethnic group", 0, 0 },
	{ "REFU", "Refused", 0, 0 },
	{ "NOBT", "Information not yet obtained", 0, 0 },
};

/* CIN census disabilitytype (2024-2026 xsd, unchanged). */
static const struct code disability[] = {
	{ "NONE", "No disability", 0, 0 },
	{ "MOB", "Mobility", 0, 0 },
	{ "HAND", "Hand function", 0, 0 },
	{ "PC", "Personal care", 0, 0 },
	{ "INC", "Incontinence", 0, 0 },
	{ "COMM", "Communication", 0, 0 },
	{ "LD", "Learning", 0, 0 },
	{ "HEAR", "Hearing", 0, 0 },
	{ "VIS", "Vision", 0, 0 },
	{ "BEH", "Behaviour", 0, 0 },
	{ "CON", "Consciousness", 0, 0 },
	{ "AUT", "Autism", 0, 0 },
	{ "DDA", "Other disability", 0, 0 },
};

/* ---- CIN census ----------------------------------------------------------------------- */

/* CIN census referralsourcetype (2024-2026 xsd, unchanged). */
static const struct code referral_source[] = {
	{ "1A", "Individual: family member, relative or carer", 0, 0 },
	{ "1B", "Individual: acquaintance (including neighbours and childminders)", 0, 0 },
	{ "1C", "Individual: self", 0, 0 },
	{ "1D", "Individual: other (including strangers)", 0, 0 },
	{ "2A", "Schools", 0, 0 },
	{ "2B", "Education services", 0, 0 },
	{ "3A", "Health services: GP", 0, 0 },
	{ "3B", "Health services: health visitor", 0, 0 },
	{ "3C", "Health services: school nurse", 0, 0 },
	{ "3D", "Health services: other primary health services", 0, 0 },
	{ "3E", "Health services: A&E (accident and emergency)", 0, 0 },
	{ "3F", "Health services: other (for example a hospice)", 0, 0 },
	{ "4", "Housing: local authority housing or housing association", 0, 0 },
	{ "5A", "LA services: social care (for example adult social care)", 0, 0 },
	{ "5B", "LA services: other internal department (for example youth offending, not "
		"housing)", 0, 0 },
	{ "5C", "LA services: external (for example another authority's adult social care)", 0, 0 },
	{ "5D", "LA services: early help", 0, 0 },
	{ "6", "Police", 0, 0 },
	{ "7", "Other legal agency (courts, probation, immigration, Cafcass, prison)", 0, 0 },
	{ "8", "Other (children's centres, independent providers, voluntary organisations)", 0, 0 },
	{ "9", "Anonymous", 0, 0 },
	{ "10", "Unknown", 0, 0 },
};

/* CIN census primaryneedcodetype. The 2026 xsd renames N1 "Abuse, neglect and
 * exploitation" (2024 and 2025: "Abuse or neglect"); the code is unchanged, so one entry
 * with the current wording. */
static const struct code primary_need[] = {
	{ "N1", "Abuse, neglect and exploitation", 0, 0 },
	{ "N2", "Child's disability", 0, 0 },
	{ "N3", "Parental illness or disability", 0, 0 },
	{ "N4", "Family in acute stress", 0, 0 },
	{ "N5", "Family dysfunction", 0, 0 },
	{ "N6", "Socially unacceptable behaviour", 0, 0 },
	{ "N7", "Low income", 0, 0 },
	{ "N8", "Absent parenting", 0, 0 },
	{ "N9", "Cases other than children in need", 0, 0 },
	{ "N0", "Not stated", 0, 0 },
};

/* CIN census reasonforclosuretype (2024-2026 xsd, unchanged). */
static const struct code closure_reason[] = {
	{ "RC1", "Adopted", 0, 0 },
	{ "RC2", "Died", 0, 0 },
	{ "RC3", "Child arrangements order", 0, 0 },
	{ "RC4", "Special guardianship order", 0, 0 },
	{ "RC5", "Transferred to services of another local authority", 0, 0 },
	{ "RC6", "Transferred to adult social care services", 0, 0 },
	{ "RC7", "Services ceased for any other reason, including child no longer in need", 0, 0 },
	{ "RC8", "Case closed after assessment, no further action", 0, 0 },
	{ "RC9", "Case closed after assessment, referred to early help", 0, 0 },
};

/* CIN census categoryofabusetype (2024-2026 xsd, unchanged). */
static const struct code cp_category[] = {
	{ "NEG", "Neglect", 0, 0 },
	{ "PHY", "Physical abuse", 0, 0 },
	{ "SAB", "Sexual abuse", 0, 0 },
	{ "EMO", "Emotional abuse", 0, 0 },
	{ "MUL", "Multiple (no longer recommended)", 0, 0 },
};

/* CIN census assessmentfactorstype (2024-2026 xsd). Labels shortened from the xsd's
 * documentation. 18A/19A were split into child-on-child (18B/19B) and adult-on-child
 * (18C/19C) abuse: rules 8945Q and 8950Q (rules_2025_26.csv, first ruleset cin2024_25) ask
 * for 18B/18C and 19B/19C instead of 18A/19A from 2024/25, and the xsd marks 18A/19A
 * "Retained despite official schema change". So 18A/19A end in 2024 and 18B-19C start in
 * 2025. *check*: the 2024 xsd we hold already lists 18B-19C (the publisher may have
 * back-filled it); if the DfE introduced them in 2023/24, set their from_year to 2024. */
static const struct code assessment_factor[] = {
	{ "1A", "Alcohol misuse by the child", 0, 0 },
	{ "1B", "Alcohol misuse by a parent or carer", 0, 0 },
	{ "1C", "Alcohol misuse by another person in the household", 0, 0 },
	{ "2A", "Drug misuse by the child", 0, 0 },
	{ "2B", "Drug misuse by a parent or carer", 0, 0 },
	{ "2C", "Drug misuse by another person in the household", 0, 0 },
	{ "3A", "Domestic violence: the child is the subject", 0, 0 },
	{ "3B", "Domestic violence: a parent or carer is the subject", 0, 0 },
	{ "3C", "Domestic violence: another person in the household is the subject", 0, 0 },
	{ "4A", "Mental health of the child", 0, 0 },
	{ "4B", "Mental health of a parent or carer", 0, 0 },
	{ "4C", "Mental health of another person in the family or household", 0, 0 },
	{ "5A", "Learning disability of the child", 0, 0 },
	{ "5B", "Learning disability of a parent or carer", 0, 0 },
	{ "5C", "Learning disability of another person in the family or household", 0, 0 },
	{ "6A", "Physical disability or illness of the child", 0, 0 },
	{ "6B", "Physical disability or illness of a parent or carer", 0, 0 },
	{ "6C", "Physical disability or illness of another person in the family or household", 0, 0 },
	{ "7A", "Young carer", 0, 0 },
	{ "8B", "Privately fostered: overseas child who intends to return", 0, 0 },
	{ "8C", "Privately fostered: overseas child who intends to stay", 0, 0 },
	{ "8D", "Privately fostered: UK child in an educational placement", 0, 0 },
	{ "8E", "Privately fostered: UK child making alternative family arrangements", 0, 0 },
	{ "8F", "Privately fostered: other", 0, 0 },
	{ "9A", "Unaccompanied asylum-seeking child", 0, 0 },
	{ "10A", "Going or being missing", 0, 0 },
	{ "11A", "Child sexual exploitation", 0, 0 },
	{ "12A", "Trafficking", 0, 0 },
	{ "13A", "Gangs", 0, 0 },
	{ "14A", "Socially unacceptable behaviour", 0, 0 },
	{ "15A", "Self-harm", 0, 0 },
	{ "16A", "Neglect", 0, 0 },
	{ "17A", "Emotional abuse", 0, 0 },
	{ "18A", "Physical abuse", 0, 2024 },
	{ "18B", "Physical abuse by another child", 2025, 0 },
	{ "18C", "Physical abuse by an adult", 2025, 0 },
	{ "19A", "Sexual abuse", 0, 2024 },
	{ "19B", "Sexual abuse by another child", 2025, 0 },
	{ "19C", "Sexual abuse by an adult", 2025, 0 },
	{ "20", "Other", 0, 0 },
	{ "21", "No factors identified (only on its own, and only with no further action)", 0, 0 },
	{ "22A", "Female genital mutilation (FGM)", 0, 0 },
	{ "23A", "Abuse linked to faith or belief", 0, 0 },
	{ "24A", "Child criminal exploitation", 0, 0 },
};

/* ---- SSDA903 episodes ----------------------------------------------------------------- */

/* SSDA903 episodes.CIN (2017 yml, unchanged). The same categories as the CIN census
 * primary need, without N9/N0, and still "abuse or neglect" for N1. */
static const struct code cla_need[] = {
	{ "N1", "Abuse or neglect", 0, 0 },
	{ "N2", "Child's disability", 0, 0 },
	{ "N3", "Parental illness or disability", 0, 0 },
	{ "N4", "Family in acute stress", 0, 0 },
	{ "N5", "Family dysfunction", 0, 0 },
	{ "N6", "Socially unacceptable behaviour", 0, 0 },
	{ "N7", "Low income", 0, 0 },
	{ "N8", "Absent parenting", 0, 0 },
};

/* SSDA903 episodes.LS (2017 yml, unchanged). */
static const struct code legal_status[] = {
	{ "C1", "Interim care order", 0, 0 },
	{ "C2", "Full care order", 0, 0 },
	{ "D1", "Freeing order granted", 0, 0 },
	{ "E1", "Placement order granted", 0, 0 },
	{ "V2", "Single period of accommodation under section 20", 0, 0 },
	{ "V3", "Short breaks: series of short-term breaks, individual episodes recorded", 0, 0 },
	{ "V4", "Short breaks: series of short-term breaks, agreements recorded", 0, 0 },
	{ "L1", "Under police protection and in local authority accommodation", 0, 0 },
	{ "L2", "Under an emergency protection order", 0, 0 },
	{ "L3", "Under a child assessment order and in local authority accommodation", 0, 0 },
	{ "J1", "Remanded to local authority or youth detention accommodation", 0, 0 },
	{ "J2", "Placed in local authority accommodation under PACE (including secure "
		"accommodation)", 0, 0 },
	{ "J3", "Sentenced to a youth rehabilitation order with residence or fostering "
		"requirement", 0, 0 },
};

/* SSDA903 episodes.RNE (2017 yml, unchanged). */
static const struct code rne[] = {
	{ "S", "Started to be looked after", 0, 0 },
	{ "L", "Change of legal status only", 0, 0 },
	{ "P", "Change of placement and carer(s) only", 0, 0 },
	{ "T", "Change of both legal status and placement and carer(s)", 0, 0 },
	{ "U", "Change of placement but with the same carer(s)", 0, 0 },
	{ "B", "Change of legal status and of placement with the same carer(s)", 0, 0 },
};

/* SSDA903 episodes.PLACE. 2017 yml base; 2019-2024 unchanged. Years as the DfE's validator
 * (standards/changes-2026/ssda903_place_codes_by_year.csv, rule 146) has them: 2024-25 (our
 * 2025) adds K3 and still takes H5, P2 and Z1; 2025-26 (2026) drops H5, P2 and Z1 and adds
 * Z11-Z14. (The liia schema diffs drop H5 and P2 a year earlier and keep Z1 in 2026: where the
 * two disagree the validator is followed, as councils check their returns with it.) A code on
 * an episode that began in an earlier year is judged by that year too (rules903.c, 146).
 * *check*: the labels of K3 and
 * Z11-Z14 (the diffs give codes only) follow our reading of the 2024/25 and 2025/26
 * guidance and should be confirmed against the DfE's published guide. */
static const struct code placement[] = {
	{ "A3", "Placed for adoption with consent, with current foster carer(s)", 0, 0 },
	{ "A4", "Placed for adoption with consent, not with current foster carer(s)", 0, 0 },
	{ "A5", "Placed for adoption with placement order, with current foster carer(s)", 0, 0 },
	{ "A6", "Placed for adoption with placement order, not with current foster carer(s)", 0, 0 },
	{ "H5", "Semi-independent living not subject to children's homes regulations", 0, 2025 },
	{ "K1", "Secure children's home", 0, 0 },
	{ "K2", "Children's home subject to children's homes regulations", 0, 0 },
	{ "K3", "Supported accommodation (registered with Ofsted)", 2025, 0 },
	{ "P1", "Placed with own parent(s) or other person(s) with parental responsibility", 0, 0 },
	{ "P2", "Independent living (flat, lodgings, bedsit, B&B or with friends)", 0, 2025 },
	{ "P3", "Residential employment", 0, 0 },
	{ "R1", "Residential care home", 0, 0 },
	{ "R2", "NHS or health trust establishment providing medical or nursing care", 0, 0 },
	{ "R3", "Family centre or mother and baby unit", 0, 0 },
	{ "R5", "Young offender institution", 0, 0 },
	{ "S1", "Residential school (not dual-registered as a children's home)", 0, 0 },
	{ "T0", "Temporary move of any type", 0, 0 },
	{ "T1", "Temporary period in hospital", 0, 0 },
	{ "T2", "Temporary absence on holiday", 0, 0 },
	{ "T3", "Temporary accommodation while the usual foster carer(s) are on holiday", 0, 0 },
	{ "T4", "Temporary accommodation of seven days or less, other reason", 0, 0 },
	{ "U1", "Foster placement with relative or friend: long-term fostering", 0, 0 },
	{ "U2", "Foster placement with relative or friend who is an approved adopter: fostering "
		"for adoption or concurrent planning", 0, 0 },
	{ "U3", "Foster placement with relative or friend: not long-term or fostering for "
		"adoption", 0, 0 },
	{ "U4", "Foster placement with other foster carer: long-term fostering", 0, 0 },
	{ "U5", "Foster placement with other foster carer who is an approved adopter: fostering "
		"for adoption or concurrent planning", 0, 0 },
	{ "U6", "Foster placement with other foster carer: not long-term or fostering for "
		"adoption", 0, 0 },
	{ "Z1", "Other placement", 0, 2025 },
	{ "Z11", "Other placement: sub-type Z11", 2026, 0 },
	{ "Z12", "Other placement: sub-type Z12", 2026, 0 },
	{ "Z13", "Other placement: sub-type Z13", 2026, 0 },
	{ "Z14", "Other placement: sub-type Z14", 2026, 0 },
};

/* SSDA903 episodes.PLACE_PROVIDER (2017 yml, unchanged). */
static const struct code place_provider[] = {
	{ "PR0", "Parent(s) or other person(s) with parental responsibility", 0, 0 },
	{ "PR1", "Own provision (by the local authority)", 0, 0 },
	{ "PR2", "Other local authority provision", 0, 0 },
	{ "PR3", "Other public provision (for example a health trust or the Youth Justice Board)", 0, 0 },
	{ "PR4", "Private provision", 0, 0 },
	{ "PR5", "Voluntary or third sector provision", 0, 0 },
};

/* SSDA903 episodes.REC. 2017 yml base; the 2019 diff drops E43 and E44 and adds E45-E48
 * (special guardianship split by former foster carer and by relative or friend; meanings
 * confirmed by the councils' aliases in the Annex A schema). */
static const struct code rec[] = {
	{ "X1", "Episode ceases and a new episode begins on the same day", 0, 0 },
	{ "E11", "Adopted: application for an adoption order unopposed", 0, 0 },
	{ "E12", "Adopted: consent dispensed with by the court", 0, 0 },
	{ "E2", "Died", 0, 0 },
	{ "E3", "Care taken over by another local authority in the UK", 0, 0 },
	{ "E4A", "Returned home to parent(s) or others with parental responsibility, as part of "
		"the care plan", 0, 0 },
	{ "E4B", "Returned home to parent(s) or others with parental responsibility, not part of "
		"the care plan", 0, 0 },
	{ "E13", "Left care to live with parent(s), relative(s) or others with no parental "
		"responsibility", 0, 0 },
	{ "E41", "Residence order or child arrangements order granted", 0, 0 },
	{ "E43", "Special guardianship order made to former foster carers", 0, 2018 },
	{ "E44", "Special guardianship order made to carers other than former foster carers", 0, 2018 },
	{ "E45", "Special guardianship made to former foster carer(s) who were a relative or "
		"friend", 2019, 0 },
	{ "E46", "Special guardianship made to former foster carer(s) other than relatives or "
		"friends", 2019, 0 },
	{ "E47", "Special guardianship made to carer(s) other than former foster carer(s) who "
		"were a relative or friend", 2019, 0 },
	{ "E48", "Special guardianship made to carer(s) other than former foster carer(s) or "
		"relatives or friends", 2019, 0 },
	{ "E5", "Moved into independent living with formalised support", 0, 0 },
	{ "E6", "Moved into independent living without formalised support", 0, 0 },
	{ "E7", "Transferred to residential care funded by adult social care", 0, 0 },
	{ "E9", "Sentenced to custody", 0, 0 },
	{ "E14", "Accommodation on remand ended", 0, 0 },
	{ "E15", "Age assessment found the child to be 18 or over (E5, E6 and E7 do not apply)", 0, 0 },
	{ "E16", "Child moved abroad", 0, 0 },
	{ "E17", "Aged 18 or over and remained with current carers (including staying put)", 0, 0 },
	{ "E8", "Period of being looked after ceased for any other reason", 0, 0 },
};

/* SSDA903 episodes.REASON_PLACE_CHANGE. 2017 yml base; the 2019 diff adds CUSTOD. */
static const struct code reason_place_change[] = {
	{ "CARPL", "Change to or implementation of the care plan", 0, 0 },
	{ "CLOSE", "Resignation or closure of the provision", 0, 0 },
	{ "ALLEG", "Allegation (section 47)", 0, 0 },
	{ "STAND", "Standards of care concern", 0, 0 },
	{ "APPRR", "Approval removed", 0, 0 },
	{ "CREQB", "Carer requests placement end because of the child's behaviour", 0, 0 },
	{ "CREQO", "Carer requests placement end for another reason", 0, 0 },
	{ "CHILD", "Child requests placement end", 0, 0 },
	{ "LAREQ", "Responsible or area authority requests placement end", 0, 0 },
	{ "PLACE", "Change in the status of the placement only", 0, 0 },
	{ "CUSTOD", "Custody arrangement", 2019, 0 },
	{ "OTHER", "Other", 0, 0 },
};

/* SSDA903 social_worker.SW_REASON, a table the 2024 diff adds. *check*: the labels of
 * MANAGE, FCONTA and TSPROC are our reading of the codes. */
static const struct code sw_reason[] = {
	{ "MANAGE", "Management decision (for example caseload management)", 2024, 0 },
	{ "FCONTA", "Social worker's fixed-term or agency contract ended", 2024, 0 },
	{ "LEFTRL", "Social worker left the role", 2024, 0 },
	{ "ORGRST", "Organisational restructure", 2024, 0 },
	{ "TSPROC", "Transfer between teams or services as part of the case process", 2024, 0 },
	{ "ABSENC", "Social worker absence (for example sickness or parental leave)", 2024, 0 },
	{ "CHCHAN", "Child requested a change", 2024, 0 },
	{ "PCCHAN", "Parent or carer requested a change", 2024, 0 },
	{ "SWDIED", "Social worker died", 2024, 0 },
	{ "OTHERS", "Other", 2024, 0 },
};

/* SSDA903 reviews.REVIEW_CODE (2017 yml, unchanged). */
static const struct code review_participation[] = {
	{ "PN0", "Child under 4 at the time of the review", 0, 0 },
	{ "PN1", "Child attends and speaks for themselves", 0, 0 },
	{ "PN2", "Child attends and an advocate speaks for them", 0, 0 },
	{ "PN3", "Child attends and conveys their views non-verbally", 0, 0 },
	{ "PN4", "Child attends but does not speak, convey views or ask an advocate", 0, 0 },
	{ "PN5", "Child does not attend but briefs an advocate to speak for them", 0, 0 },
	{ "PN6", "Child does not attend but conveys their views by another means", 0, 0 },
	{ "PN7", "Child does not attend and their views are not conveyed", 0, 0 },
};

/* ---- SSDA903 care leavers (OC3), OC2, adoption ---------------------------------------- */

/* SSDA903 oc3.IN_TOUCH (2017 yml, unchanged). */
static const struct code oc3_in_touch[] = {
	{ "YES", "In touch", 0, 0 },
	{ "NO", "Not in touch", 0, 0 },
	{ "DIED", "Young person has died", 0, 0 },
	{ "REFU", "Young person refuses contact", 0, 0 },
	{ "NREQ", "Young person no longer requires services", 0, 0 },
	{ "RHOM", "Returned home to parents or someone with parental responsibility for 6 months "
		"or more", 0, 0 },
};

/* SSDA903 oc3.ACTIV. 2017 yml base; the 2022 diff drops F3 and P3 (training or
 * employment) and adds F4/P4 (apprenticeship) and F5/P5 (training or employment, not an
 * apprenticeship); meanings from the Annex A schema's activity list. */
static const struct code oc3_activity[] = {
	{ "F1", "Full time in higher education", 0, 0 },
	{ "P1", "Part time in higher education", 0, 0 },
	{ "F2", "Full time in education other than higher education", 0, 0 },
	{ "P2", "Part time in education other than higher education", 0, 0 },
	{ "F3", "Full time in training or employment", 0, 2021 },
	{ "P3", "Part time in training or employment", 0, 2021 },
	{ "F4", "Full time in an apprenticeship", 2022, 0 },
	{ "P4", "Part time in an apprenticeship", 2022, 0 },
	{ "F5", "Full time in training or employment (not an apprenticeship)", 2022, 0 },
	{ "P5", "Part time in training or employment (not an apprenticeship)", 2022, 0 },
	{ "G4", "Not in education, employment or training: illness or disability", 0, 0 },
	{ "G5", "Not in education, employment or training: other reason", 0, 0 },
	{ "G6", "Not in education, employment or training: pregnancy or parenting", 0, 0 },
	{ "0", "Not known (young person not in touch)", 0, 0 },
};

/* SSDA903 oc3.ACCOM (2017 yml, unchanged): a letter for the kind of accommodation and 1
 * when it is considered suitable, 2 when not. R ("residence not known") and Z ("with former
 * foster carers", staying put) as in the Annex A schema's care leaver accommodation list. */
static const struct code oc3_accommodation[] = {
	{ "B1", "With parents or relatives: suitable", 0, 0 },
	{ "B2", "With parents or relatives: not suitable", 0, 0 },
	{ "C1", "Community home or other residential care: suitable", 0, 0 },
	{ "C2", "Community home or other residential care: not suitable", 0, 0 },
	{ "D1", "Semi-independent, transitional or self-contained accommodation: suitable", 0, 0 },
	{ "D2", "Semi-independent, transitional or self-contained accommodation: not suitable", 0, 0 },
	{ "E1", "Supported lodgings: suitable", 0, 0 },
	{ "E2", "Supported lodgings: not suitable", 0, 0 },
	{ "G1", "Gone abroad: suitable", 0, 0 },
	{ "G2", "Gone abroad: not suitable", 0, 0 },
	{ "H1", "Deported: suitable", 0, 0 },
	{ "H2", "Deported: not suitable", 0, 0 },
	{ "K1", "Ordinary lodgings without formal support: suitable", 0, 0 },
	{ "K2", "Ordinary lodgings without formal support: not suitable", 0, 0 },
	{ "R1", "Residence not known: suitable", 0, 0 },
	{ "R2", "Residence not known: not suitable", 0, 0 },
	{ "S1", "No fixed abode or homeless: suitable", 0, 0 },
	{ "S2", "No fixed abode or homeless: not suitable", 0, 0 },
	{ "T1", "Foyer or similar supported accommodation: suitable", 0, 0 },
	{ "T2", "Foyer or similar supported accommodation: not suitable", 0, 0 },
	{ "U1", "Independent living (for example own tenancy): suitable", 0, 0 },
	{ "U2", "Independent living (for example own tenancy): not suitable", 0, 0 },
	{ "V1", "Emergency accommodation: suitable", 0, 0 },
	{ "V2", "Emergency accommodation: not suitable", 0, 0 },
	{ "W1", "Bed and breakfast: suitable", 0, 0 },
	{ "W2", "Bed and breakfast: not suitable", 0, 0 },
	{ "X1", "In custody: suitable", 0, 0 },
	{ "X2", "In custody: not suitable", 0, 0 },
	{ "Y1", "Other accommodation: suitable", 0, 0 },
	{ "Y2", "Other accommodation: not suitable", 0, 0 },
	{ "Z1", "With former foster carers (staying put): suitable", 0, 0 },
	{ "Z2", "With former foster carers (staying put): not suitable", 0, 0 },
	{ "0", "Not known (young person not in touch)", 0, 0 },
};

/* SSDA903 oc2.SDQ_REASON (2017 yml, unchanged). */
static const struct code oc2_sdq_reason[] = {
	{ "SDQ1", "Child under 4 or over 17 at the date of the latest assessment", 0, 0 },
	{ "SDQ2", "Carer(s) refused to complete and return the questionnaire", 0, 0 },
	{ "SDQ3", "Not possible because of the severity of the child's disability", 0, 0 },
	{ "SDQ4", "Other", 0, 0 },
	{ "SDQ5", "Child or young person refuses to allow an SDQ to be completed", 0, 0 },
};

/* SSDA903 ad1.LS_ADOPTR (2017 yml, unchanged). Meanings follow validation rules 514, 517,
 * 518, 519, 520 and 524 (rules_2024_25.csv): L11 different-sex married, L12 same-sex
 * married, L2 civil partners, L3 unmarried different-sex (MF), L4 unmarried same-sex. */
static const struct code ad1_ls_adoptr[] = {
	{ "L0", "Single person", 0, 0 },
	{ "L11", "Married couple of different sexes", 0, 0 },
	{ "L12", "Married couple of the same sex", 0, 0 },
	{ "L2", "Civil partners", 0, 0 },
	{ "L3", "Unmarried couple of different sexes", 0, 0 },
	{ "L4", "Unmarried couple of the same sex", 0, 0 },
};

/* SSDA903 ad1.SEX_ADOPTR (2017 yml, unchanged); rule 511 spells out MM, FF and MF. */
static const struct code ad1_sex_adoptr[] = {
	{ "M1", "Single male adopter", 0, 0 },
	{ "F1", "Single female adopter", 0, 0 },
	{ "MM", "Couple, both male", 0, 0 },
	{ "FF", "Couple, both female", 0, 0 },
	{ "MF", "Couple, male and female", 0, 0 },
};

/* SSDA903 placed_adoption.REASON_PLACED_CEASED (2017 yml, unchanged): why the decision
 * that the child should be placed for adoption was reversed. */
static const struct code reason_placed_ceased[] = {
	{ "RD1", "The child's needs changed after the decision", 0, 0 },
	{ "RD2", "The court did not make a placement order", 0, 0 },
	{ "RD3", "Prospective adopters could not be found", 0, 0 },
	{ "RD4", "Any other reason", 0, 0 },
};

/* SSDA903 prev_perm.PREV_PERM (2017 yml, unchanged). Rule 635 says Z1 carries no
 * authority or date. *check*: the labels of P4 and Z1 are our best reading. */
static const struct code prev_perm[] = {
	{ "P1", "Adoption", 0, 0 },
	{ "P2", "Special guardianship order", 0, 0 },
	{ "P3", "Residence order or child arrangements order", 0, 0 },
	{ "P4", "Previous permanence order, type not known", 0, 0 },
	{ "Z1", "Not known whether the child had a previous permanence order", 0, 0 },
};

/* The reason a child's UPN is not known: CIN census unknownupntype (UN1-UN7, 2024-2026 xsd)
 * and SSDA903 UPN (UN1-UN5 only, rule 168). The labels follow the DfE's guidance; UN7 is
 * confirmed by CIN rule 8772 ("Referral with no further action"). *check*: the wording of
 * UN4 (SSDA903: "new to the authority, UPN being obtained") and UN6 (CIN: "unaccompanied
 * asylum-seeking child") is our best reading. One list serves both returns: the SSDA903's
 * rule 168 refuses UN6 and UN7 in its file. */
static const struct code upn_unknown[] = {
	{ "UN1", "Child aged under 6 and not yet attending school", 0, 0 },
	{ "UN2", "Child has never attended a school in England", 0, 0 },
	{ "UN3", "Child is educated at home", 0, 0 },
	{ "UN4", "Child new to the authority: UPN not yet obtained", 0, 0 },
	{ "UN5", "Sources collating UPNs show a discrepancy", 0, 0 },
	{ "UN6", "Unaccompanied asylum-seeking child (CIN census only)", 0, 0 },
	{ "UN7", "Referral with no further action (CIN census only)", 0, 0 },
};

/* Where a child's NHS number came from: Hearth's own list (no return carries it). A number
 * traced on the NHS's Personal Demographics Service is the one to trust; the others wait
 * for a trace (the verified date and worker record that it was done). */
static const struct code nhs_source[] = {
	{ "pds", "Traced on the NHS Personal Demographics Service", 0, 0 },
	{ "health", "Given by a health professional (GP, health visitor, hospital)", 0, 0 },
	{ "family", "Given by the child's family or carer", 0, 0 },
	{ "other_la", "From another local authority's record", 0, 0 },
	{ "other", "Another source", 0, 0 },
};

/* ---- workforce census ----------------------------------------------------------------- */

/* Workforce census roletype (OrgRole, 2022 xsd). */
static const struct code workforce_role[] = {
	{ "1", "Senior manager", 0, 0 },
	{ "2", "Middle manager", 0, 0 },
	{ "3", "First line manager", 0, 0 },
	{ "4", "Senior practitioner", 0, 0 },
	{ "5", "Case holder", 0, 0 },
	{ "6", "Qualified without cases", 0, 0 },
};

/* Workforce census reasontype (ReasonLeave, 2022 xsd). */
static const struct code workforce_leaving_reason[] = {
	{ "1", "Resignation", 0, 0 },
	{ "2", "Voluntary redundancy", 0, 0 },
	{ "3", "Compulsory redundancy", 0, 0 },
	{ "4", "Dismissed", 0, 0 },
	{ "5", "Retired", 0, 0 },
	{ "6", "Deceased", 0, 0 },
	{ "7", "Moved to a non-child and family social work role within the authority", 0, 0 },
	{ "8", "Other", 0, 0 },
	{ "9", "Not known", 0, 0 },
	{ "10", "Not yet collected", 0, 0 },
};

/* Workforce census qualtype (QualLevel, 2022 xsd): the level of the worker's social work
 * qualification. */
static const struct code workforce_qual_level[] = {
	{ "1", "Undergraduate", 0, 0 },
	{ "2", "Postgraduate", 0, 0 },
	{ "3", "Other", 0, 0 },
};

/* Workforce census origintype (StartOrigin, 2022 xsd): where a starter came from. */
static const struct code workforce_origin[] = {
	{ "1", "Newly qualified social worker", 0, 0 },
	{ "2", "Social work role in another local authority in England", 0, 0 },
	{ "3", "Social work role outside England", 0, 0 },
	{ "4", "Agency or consultancy in social work (in England)", 0, 0 },
	{ "5", "Other social work role, not a local authority (in England)", 0, 0 },
	{ "6", "Other social care role (in England)", 0, 0 },
	{ "7", "Non-social care role, any role outside England, no employment or a career break", 0, 0 },
	{ "8", "Other", 0, 0 },
	{ "9", "Not known", 0, 0 },
	{ "10", "Not yet collected", 0, 0 },
};

/* Workforce census leavertype (LeaverDestination, 2022 xsd): where a leaver went. */
static const struct code workforce_destination[] = {
	{ "1", "Social work role in another local authority in England", 0, 0 },
	{ "2", "Social work role outside England", 0, 0 },
	{ "3", "Agency or consultancy in social work (in England)", 0, 0 },
	{ "4", "Other social work role, not a local authority (in England)", 0, 0 },
	{ "5", "Other social care role (in England)", 0, 0 },
	{ "6", "Non-social care role, any role outside England, no employment or a career break", 0, 0 },
	{ "7", "Other", 0, 0 },
	{ "8", "Not known", 0, 0 },
	{ "9", "Not yet collected", 0, 0 },
};

/* Workforce census absencetype (ReasonAbsence, 2022 xsd): why a worker is away. */
static const struct code workforce_absence[] = {
	{ "MAT", "Maternity or paternity leave", 0, 0 },
	{ "OTH", "Other paid authorised absence (compassionate leave, annual leave needing cases "
		"reallocated)", 0, 0 },
	{ "PUB", "Paid absence for public duties (jury service)", 0, 0 },
	{ "SIC", "Sick leave", 0, 0 },
	{ "TRN", "Training", 0, 0 },
	{ "UNA", "Unauthorised absence", 0, 0 },
	{ "UNP", "Unpaid authorised absence", 0, 0 },
};

/* Workforce census cfksstype (CFKSSstatus, 2022 xsd): accreditation against the
 * knowledge and skills statements for child and family social work. */
static const struct code workforce_cfkss[] = {
	{ "1", "Assessed and supported year in employment (ASYE)", 0, 0 },
	{ "2", "Frontline practitioner", 0, 0 },
	{ "3", "Practice supervisor", 0, 0 },
	{ "4", "Practice leader", 0, 0 },
};

/* ---- local lists ---------------------------------------------------------------------- */

static const struct code contact_decision[] = {
	{ "nfa", "No further action", 0, 0 },
	{ "advice", "Information and advice given", 0, 0 },
	{ "early_help", "Passed to early help", 0, 0 },
	{ "referral", "Referral to children's social care", 0, 0 },
	{ "strategy", "Strategy discussion", 0, 0 },
	{ "existing_case", "Passed to the worker of an open case", 0, 0 },
};

/* Pre-proceedings outcome (CIN census PPOutcome from 2026-27). The DfE's code list was not
 * found (standards/changes-2026 README 1.1: the sample shows only "A"); these are Hearth's
 * own codes, written into the census as they are, and this table is the one place to
 * change when the DfE publishes its list. */
static const struct code pp_outcome[] = {
	{ "proceedings", "Care or supervision proceedings issued", 0, 0 },
	{ "continue_cp", "Stepped down: child protection plan continues", 0, 0 },
	{ "continue_cin", "Stepped down: child in need or Family Help", 0, 0 },
	{ "kinship", "Child living with family network (kinship arrangement)", 0, 0 },
	{ "closed", "Case closed", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code pp_meeting_kind[] = {
	{ "initial", "Initial pre-proceedings meeting", 0, 0 },
	{ "review", "Review meeting", 0, 0 },
};

/* Kinship arrangements (s.22H; Families First "family network support"). */
static const struct code kinship_kind[] = {
	{ "informal", "Informal kinship arrangement", 0, 0 },
	{ "kinship_foster", "Kinship foster care (connected person)", 0, 0 },
	{ "sgo", "Special guardianship order", 0, 0 },
	{ "cao", "Child arrangements order", 0, 0 },
};

/* Family Help (Families First): the level of help, and the lead practitioner's agency. Help
 * at s.17 is child in need in the CIN census; targeted help is not in it (as early help
 * was not). */
static const struct code family_help_level[] = {
	{ "targeted", "Targeted Family Help (was targeted early help)", 0, 0 },
	{ "s17", "Family Help under s.17 (child in need)", 0, 0 },
};

static const struct code lead_agency[] = {
	{ "social_care", "Children's social care", 0, 0 },
	{ "school", "School or college", 0, 0 },
	{ "health", "Health", 0, 0 },
	{ "early_years", "Early years", 0, 0 },
	{ "youth", "Youth service", 0, 0 },
	{ "police", "Police", 0, 0 },
	{ "other", "Other agency", 0, 0 },
};

/* MACPT members' agencies (s.16EA: education, social work, health and police). */
static const struct code macpt_agency[] = {
	{ "education", "Education", 0, 0 },
	{ "social_work", "Social work", 0, 0 },
	{ "health", "Health", 0, 0 },
	{ "police", "Police", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code eh_end_reason[] = {
	{ "needs_met", "Needs met", 0, 0 },
	{ "step_up", "Stepped up to children's social care", 0, 0 },
	{ "declined", "Family declined or withdrew consent", 0, 0 },
	{ "moved_away", "Family moved away", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code visit_kind[] = {
	{ "cin", "Child in need visit", 0, 0 },
	{ "cp", "Child protection visit", 0, 0 },
	{ "cla", "Child in care statutory visit", 0, 0 },
	{ "leaver", "Care leaver contact", 0, 0 },
	{ "private_fostering", "Private fostering visit", 0, 0 },
	{ "other", "Other visit", 0, 0 },
};

static const struct code health_kind[] = {
	{ "initial", "Initial health assessment", 0, 0 },
	{ "review", "Review health assessment", 0, 0 },
	{ "dental", "Dental check", 0, 0 },
};

static const struct code allocation_kind[] = {
	{ "sw", "Social worker", 0, 0 },
	{ "pa", "Personal adviser", 0, 0 },
	{ "iro", "Independent reviewing officer", 0, 0 },
};

static const struct code worker_role[] = {
	{ "social_worker", "Social worker", 0, 0 },
	{ "senior_practitioner", "Senior practitioner", 0, 0 },
	{ "team_manager", "Team manager", 0, 0 },
	{ "service_manager", "Service manager", 0, 0 },
	{ "personal_adviser", "Personal adviser", 0, 0 },
	{ "iro", "Independent reviewing officer", 0, 0 },
	{ "lado", "Local authority designated officer (LADO)", 0, 0 },
	{ "front_door", "Front door (MASH) worker", 0, 0 },
	{ "early_help_worker", "Early help worker", 0, 0 },
	{ "head_of_service", "Head of service", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code team_service[] = {
	{ "front_door", "Front door (MASH)", 0, 0 },
	{ "early_help", "Early help", 0, 0 },
	{ "assessment", "Assessment", 0, 0 },
	{ "cin_cp", "Children in need and child protection", 0, 0 },
	{ "cla", "Children in care", 0, 0 },
	{ "leaving_care", "Leaving care", 0, 0 },
	{ "disabled_children", "Disabled children", 0, 0 },
	{ "adoption", "Adoption", 0, 0 },
	{ "fostering", "Fostering", 0, 0 },
	{ "lado", "LADO", 0, 0 },
	{ "iro", "Independent reviewing", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code relationship[] = {
	{ "mother", "Mother", 0, 0 },
	{ "father", "Father", 0, 0 },
	{ "step_parent", "Step-parent", 0, 0 },
	{ "grandparent", "Grandparent", 0, 0 },
	{ "other_relative", "Other relative", 0, 0 },
	{ "carer", "Carer", 0, 0 },
	{ "sibling", "Sibling", 0, 0 },
	{ "half_sibling", "Half-sibling", 0, 0 },
	{ "foster_carer", "Foster carer", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code proceedings_order[] = {
	{ "CO", "Care order", 0, 0 },
	{ "SO", "Supervision order", 0, 0 },
	{ "SGO", "Special guardianship order", 0, 0 },
	{ "CAO", "Child arrangements order", 0, 0 },
	{ "PO", "Placement order", 0, 0 },
	{ "NO", "No order", 0, 0 },
	{ "WD", "Application withdrawn", 0, 0 },
};

static const struct code permanence_plan[] = {
	{ "return_home", "Return to family", 0, 0 },
	{ "sgo", "Special guardianship order", 0, 0 },
	{ "cao", "Child arrangements order", 0, 0 },
	{ "adoption", "Adoption", 0, 0 },
	{ "long_term_fostering", "Long-term fostering", 0, 0 },
	{ "residential", "Long-term residential placement", 0, 0 },
	{ "independence", "Supported living in the community", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code lado_category[] = {
	{ "physical", "Physical abuse", 0, 0 },
	{ "sexual", "Sexual abuse", 0, 0 },
	{ "emotional", "Emotional abuse", 0, 0 },
	{ "neglect", "Neglect", 0, 0 },
	{ "suitability", "Suitability to work with children", 0, 0 },
};

static const struct code lado_sector[] = {
	{ "education", "Education", 0, 0 },
	{ "early_years", "Early years and childcare", 0, 0 },
	{ "health", "Health", 0, 0 },
	{ "social_care", "Social care", 0, 0 },
	{ "police", "Police", 0, 0 },
	{ "faith", "Faith organisation", 0, 0 },
	{ "sport", "Sport and leisure", 0, 0 },
	{ "voluntary", "Voluntary sector", 0, 0 },
	{ "transport", "Transport", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code lado_received_by[] = {
	{ "phone", "Telephone", 0, 0 },
	{ "email", "Email", 0, 0 },
	{ "form", "Referral form", 0, 0 },
	{ "police", "From the police", 0, 0 },
	{ "front_door", "Through the front door", 0, 0 },
	{ "other", "Other", 0, 0 },
};

/* The five outcomes defined in Keeping children safe in education. */
static const struct code lado_outcome[] = {
	{ "substantiated", "Substantiated", 0, 0 },
	{ "unsubstantiated", "Unsubstantiated", 0, 0 },
	{ "unfounded", "Unfounded", 0, 0 },
	{ "false", "False", 0, 0 },
	{ "malicious", "Malicious", 0, 0 },
};

/* Ofsted ILACS frameworks (standards/changes-2026 README §7): the overall effectiveness
 * judgement is dropped from April 2026; a renewed framework is planned for 2027. */
static const struct code inspection_framework[] = {
	{ "2023", "ILACS 2023 framework (updated December 2024)", 0, 0 },
	{ "2026_04", "ILACS April 2026 framework (no overall effectiveness grade)", 0, 0 },
	{ "2027", "Children and families services framework 2027 (pending)", 0, 0 },
};

static const struct code inspection_kind[] = {
	{ "standard", "Standard inspection", 0, 0 },
	{ "short", "Short inspection", 0, 0 },
	{ "focused_visit", "Focused visit", 0, 0 },
	{ "monitoring_visit", "Monitoring visit", 0, 0 },
	{ "jtai", "Joint targeted area inspection (JTAI)", 0, 0 },
};

static const struct code inspection_grade[] = {
	{ "outstanding", "Outstanding", 0, 0 },
	{ "good", "Good", 0, 0 },
	{ "requires_improvement", "Requires improvement to be good", 0, 0 },
	{ "inadequate", "Inadequate", 0, 0 },
};

static const struct code sen[] = {
	{ "none", "No special educational needs", 0, 0 },
	{ "sen_support", "SEN support", 0, 0 },
	{ "ehcp", "Education, health and care plan", 0, 0 },
};

static const struct code participation_kind[] = {
	{ "review", "Review", 0, 0 },
	{ "corporate_parenting_board", "Corporate parenting board", 0, 0 },
	{ "children_in_care_council", "Children in care council", 0, 0 },
	{ "survey", "Survey", 0, 0 },
	{ "other", "Other", 0, 0 },
};

static const struct code note_kind[] = {
	{ "case_note", "Case note", 0, 0 },
	{ "management_oversight", "Management oversight", 0, 0 },
	{ "supervision", "Supervision", 0, 0 },
	{ "direct_work", "Direct work", 0, 0 },
	{ "other", "Other", 0, 0 },
};

/* ---- the index ------------------------------------------------------------------------ */

/* Sorted by name in strcmp order ('_' sorts before the lower-case letters). */
const struct codelist model_codelists[] = {
	LIST("ad1_ls_adoptr", "SSDA903 AD1: legal status of the adopters", ad1_ls_adoptr),
	LIST("ad1_sex_adoptr", "SSDA903 AD1: sex of the adopters", ad1_sex_adoptr),
	LIST("allocation_kind", "What a worker is allocated to a child as", allocation_kind),
	LIST("assessment_factor", "CIN census: factors identified at the end of assessment",
	     assessment_factor),
	LIST("cla_need", "SSDA903: category of need of a child looked after", cla_need),
	LIST("closure_reason", "CIN census: reason a CIN episode closed", closure_reason),
	LIST("contact_decision", "Front door: the decision on a contact", contact_decision),
	LIST("cp_category", "CIN census: category of abuse of a child protection plan", cp_category),
	LIST("disability", "CIN census: disability", disability),
	LIST("eh_end_reason", "Early help: why an episode ended", eh_end_reason),
	LIST("ethnicity", "DfE ethnicity (SSDA903, CIN census)", ethnicity),
	LIST("family_help_level", "Family Help: level of help", family_help_level),
	LIST("health_kind", "Kind of health assessment of a child in care", health_kind),
	LIST("inspection_framework", "Ofsted inspection framework", inspection_framework),
	LIST("inspection_grade", "Ofsted ILACS judgement grade", inspection_grade),
	LIST("inspection_kind", "Kind of Ofsted inspection or visit", inspection_kind),
	LIST("kinship_kind", "Kinship: kind of arrangement", kinship_kind),
	LIST("lado_category", "LADO: category of allegation", lado_category),
	LIST("lado_outcome", "LADO: outcome of an allegation", lado_outcome),
	LIST("lado_received_by", "LADO: how an allegation came in", lado_received_by),
	LIST("lado_sector", "LADO: sector the adult works in", lado_sector),
	LIST("lead_agency", "Family Help: the lead practitioner's agency", lead_agency),
	LIST("legal_status", "SSDA903: legal status of a child looked after", legal_status),
	LIST("macpt_agency", "MACPT: a member's agency", macpt_agency),
	LIST("nhs_source", "Where a child's NHS number came from", nhs_source),
	LIST("note_kind", "Kind of case note", note_kind),
	LIST("oc2_sdq_reason", "SSDA903 OC2: reason for no SDQ score", oc2_sdq_reason),
	LIST("oc3_accommodation", "SSDA903 OC3: care leaver's accommodation and its suitability",
	     oc3_accommodation),
	LIST("oc3_activity", "SSDA903 OC3: care leaver's main activity", oc3_activity),
	LIST("oc3_in_touch", "SSDA903 OC3: whether the authority is in touch with the care leaver",
	     oc3_in_touch),
	LIST("participation_kind", "How a child took part", participation_kind),
	LIST("permanence_plan", "The permanence plan for a child in care", permanence_plan),
	LIST("place_provider", "SSDA903: placement provider", place_provider),
	LIST("placement", "SSDA903: placement type", placement),
	LIST("pp_meeting_kind", "Pre-proceedings: kind of meeting", pp_meeting_kind),
	LIST("pp_outcome", "Pre-proceedings: outcome (local list until the DfE publishes one)", pp_outcome),
	LIST("prev_perm", "SSDA903: previous permanence option", prev_perm),
	LIST("primary_need", "CIN census: primary need", primary_need),
	LIST("proceedings_order", "Care proceedings: the order made", proceedings_order),
	LIST("reason_place_change", "SSDA903: reason for a change of placement", reason_place_change),
	LIST("reason_placed_ceased", "SSDA903: reason a child is no longer to be placed for adoption",
	     reason_placed_ceased),
	LIST("rec", "SSDA903: reason an episode ceased", rec),
	LIST("referral_source", "CIN census: source of referral", referral_source),
	LIST("relationship", "A person's relationship to the child", relationship),
	LIST("review_participation", "SSDA903: the child's participation in a review",
	     review_participation),
	LIST("rne", "SSDA903: reason for a new episode", rne),
	LIST("sen", "Special educational needs provision", sen),
	LIST("sex", "Sex (SSDA903 and CIN census from 2025)", sex),
	LIST("sw_reason", "SSDA903: reason for a change of social worker", sw_reason),
	LIST("team_service", "The service a team provides", team_service),
	LIST("upn_unknown", "CIN census and SSDA903: the reason a child's UPN is not known", upn_unknown),
	LIST("visit_kind", "Kind of visit to a child", visit_kind),
	LIST("worker_role", "A worker's role in the authority", worker_role),
	LIST("workforce_absence", "Workforce census: reason for an absence", workforce_absence),
	LIST("workforce_cfkss", "Workforce census: knowledge and skills statement status", workforce_cfkss),
	LIST("workforce_destination", "Workforce census: where a leaver went", workforce_destination),
	LIST("workforce_leaving_reason", "Workforce census: reason for leaving", workforce_leaving_reason),
	LIST("workforce_origin", "Workforce census: where a starter came from", workforce_origin),
	LIST("workforce_qual_level", "Workforce census: level of the social work qualification",
	     workforce_qual_level),
	LIST("workforce_role", "Workforce census: organisational role", workforce_role),
};

const size_t model_codelist_count = sizeof(model_codelists) / sizeof(model_codelists[0]);

static int codelist_cmp(const void *key, const void *elem)
{
	const struct codelist *l = elem;
	return strcmp(key, l->name);
}

const struct codelist *codelist_find(const char *name)
{
	if (!name) {
		return NULL;
	}
	return bsearch(name, model_codelists, model_codelist_count, sizeof(model_codelists[0]),
		       codelist_cmp);
}

const struct code *code_find(const struct codelist *list, const char *code)
{
	if (!list || !code) {
		return NULL;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct code *c = &list->codes[i];
		/* The first two characters compared inline (a code has at least one, and the second
		 * may be its NUL): most misses end here without a call, even in lists whose codes
		 * share a first letter (E11, E12, E2...). */
		if (c->code[0] == code[0] && (c->code[0] == '\0' || c->code[1] == code[1]) &&
		    strcmp(c->code, code) == 0) {
			return c;
		}
	}
	return NULL;
}

bool code_valid(const char *list, const char *code)
{
	return code_find(codelist_find(list), code) != NULL;
}

const char *code_label(const char *list, const char *code)
{
	if (!code) {
		return NULL;
	}
	const struct code *c = code_find(codelist_find(list), code);
	return c ? c->label : code;
}

bool code_in_year(const struct code *c, int year)
{
	if (!c) {
		return false;
	}
	if (c->from_year && year < c->from_year) {
		return false;
	}
	if (c->to_year && year > c->to_year) {
		return false;
	}
	return true;
}

bool code_valid_in_year(const char *list, const char *code, int year)
{
	return code_in_year(code_find(codelist_find(list), code), year);
}
