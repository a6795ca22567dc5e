/* annex_a_table: Ofsted's Annex A (January 2024) as data — the eleven lists, each list's
 * columns in order with their headers exactly as the schema writes them, and the mapping
 * from Hearth's codes to the permitted values in their lettered forms.
 *
 * Source: annex-a/Annex_A_schema.yml (the column_map: one key per list, the columns in
 * order, each category's permitted values). The tables below were generated from it once
 * and are kept here as our own C data; the schema file is never read at run time and never
 * copied into the repository. tests/cli/measures.sh reads a generated workbook back and
 * checks its sheets, headers and every value against the schema file itself, so a change
 * in the schema shows up as a failing test.
 *
 * Which permitted value is written: the schema lists, for each category, a code and the
 * names councils use for it. Where a name in the lettered form ("a) WBRI", "f) U6: Foster
 * placement - not FFA") names Hearth's code exactly, that name is written (the finest
 * form); otherwise the first lettered name (e.g. "a) Yes" for the code Yes, "b) Unsuitable"
 * for "b) Not suitable"); where no name is lettered, the code when it is lettered ("a) Abuse
 * or neglect" for N1) or, failing that, the code itself (activity "F1: Full time in higher
 * education"). Sheets are named "List 1" ... "List 11", as in the Ofsted workbook; CSV files
 * take the schema's keys (list_1.csv ...).
 *
 * Static, read-only data. */
#include "measures/annex_a.h"

static const struct annex_a_column list1_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Date of Contact", AA_DATE, false},
	{"Contact Source", AA_CODE, false},
};

static const struct annex_a_column list2_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Assessment start date", AA_DATE, false},
	{"Assessment completion date", AA_DATE, true},
	{"Organisation completing assessment", AA_TEXT, false},
};

static const struct annex_a_column list3_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Date of referral", AA_DATE, true},
	{"Referral Source", AA_CODE, false},
	{"Referral NFA?", AA_CODE, false},
	{"Number of Referrals in Last 12 Months", AA_INT, false},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list4_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Continuous Assessment Start Date", AA_DATE, false},
	{"Child Seen During Continuous Assessment", AA_CODE, true},
	{"Continuous Assessment Date of Authorisation", AA_DATE, true},
	{"Was the child assessed as requiring LA children's social care support?", AA_CODE, true},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list5_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Strategy discussion initiating Section 47 Enquiry Start Date", AA_DATE, false},
	{"Was an Initial Child Protection Conference deemed unnecessary?", AA_CODE, true},
	{"Date of Initial Child Protection Conference", AA_DATE, true},
	{"Did the Initial Child Protection Conference Result in a Child Protection Plan", AA_CODE, true},
	{"Number of Section 47 Enquiries in the last 12 months", AA_INT, false},
	{"Number of ICPCs in the last 12 months", AA_INT, false},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list6_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Does the Child have a Disability", AA_CODE, false},
	{"CIN Start Date", AA_DATE, true},
	{"Primary Need Code", AA_CODE, false},
	{"Date Child Was Last Seen", AA_DATE, true},
	{"CIN Closure Date", AA_DATE, true},
	{"Reason for Closure", AA_CODE, true},
	{"Case Status", AA_CODE, false},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list7_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Child Protection Plan Start Date", AA_DATE, false},
	{"Initial Category of Abuse", AA_CODE, false},
	{"Latest Category of Abuse", AA_CODE, false},
	{"Date of the Last Statutory Visit", AA_DATE, true},
	{"Was the Child Seen Alone?", AA_CODE, true},
	{"Date of latest review conference", AA_DATE, true},
	{"Child Protection Plan End Date", AA_DATE, true},
	{"Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)", AA_CODE, false},
	{"Number of Previous Child Protection Plans", AA_INT, false},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list8_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", AA_CODE, false},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Date Started to be Looked After", AA_DATE, false},
	{"Child's Category of Need", AA_CODE, false},
	{"Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)", AA_CODE, false},
	{"Start date of current legal status", AA_DATE, false},
	{"Child's Legal Status", AA_CODE, false},
	{"Date of Latest Statutory Review", AA_DATE, true},
	{"Date of Last Social Work Visit", AA_DATE, true},
	{"What is the permanence plan for this child?", AA_CODE, true},
	{"Date of Last IRO Visit / Contact to the Child", AA_DATE, true},
	{"Date of Last Health Assessment", AA_DATE, true},
	{"Date of Last Dental Check", AA_DATE, true},
	{"Number of Placements in the Last 12 months", AA_INT, false},
	{"Date Ceased to be Looked After", AA_DATE, true},
	{"Reason Ceased to be Looked After", AA_CODE, true},
	{"Start Date of Most Recent Placement", AA_DATE, false},
	{"Placement Type", AA_CODE, false},
	{"Placement Provider", AA_CODE, false},
	{"Placement postcode", AA_TEXT, false},
	{"URN of Placement", AA_TEXT, true},
	{"Placement Location", AA_CODE, false},
	{"LA of Placement", AA_CODE, false},
	{"Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", AA_INT, false},
	{"Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", AA_INT, false},
	{"Was the child offered a Return Interview after their last missing episode (Y/N)?", AA_CODE, true},
	{"Did the child accept a Return Interview after their last missing episode (Y/N)?", AA_CODE, true},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
};

static const struct annex_a_column list9_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", AA_CODE, false},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Allocated Team", AA_TEXT, false},
	{"Allocated Worker", AA_TEXT, false},
	{"Allocated Personal Advisor", AA_TEXT, false},
	{"Eligibility Category", AA_CODE, false},
	{"Latest Pathway Plan Review Date", AA_DATE, true},
	{"LA in Touch", AA_CODE, false},
	{"Latest Date of Contact", AA_DATE, true},
	{"Type of Accommodation", AA_CODE, true},
	{"Suitability of Accommodation", AA_CODE, true},
	{"Activity Status", AA_CODE, true},
};

static const struct annex_a_column list10_cols[] = {
	{"Child Unique ID", AA_TEXT, false},
	{"Family identifier", AA_TEXT, true},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Date of Birth", AA_DATE, true},
	{"Age of Child (Years)", AA_INT, true},
	{"Does the Child have a Disability", AA_CODE, false},
	{"Date the Child Entered Care", AA_DATE, false},
	{"Date of Decision that Child Should be Placed for Adoption", AA_DATE, false},
	{"Date of Placement Order", AA_DATE, true},
	{"Date of Matching Child and Prospective Adopters", AA_DATE, true},
	{"Date Placed for Adoption", AA_DATE, true},
	{"Date of Adoption Order", AA_DATE, true},
	{"Date of Decision that Child Should No Longer be Placed for Adoption", AA_DATE, true},
	{"Reason Why Child No Longer Placed for Adoption", AA_CODE, true},
	{"Date the child was placed for fostering in FFA or concurrent planning placement", AA_DATE, true},
};

static const struct annex_a_column list11_cols[] = {
	{"Individual adopter identifier", AA_TEXT, false},
	{"Family identifier", AA_TEXT, true},
	{"Gender", AA_CODE, false},
	{"Ethnicity", AA_CODE, false},
	{"Disability", AA_CODE, false},
	{"Is the (prospective) adopter fostering for adoption?", AA_CODE, false},
	{"Date enquiry received", AA_DATE, false},
	{"Date Stage 1 started", AA_DATE, true},
	{"Date Stage 1 ended", AA_DATE, true},
	{"Date Stage 2 started", AA_DATE, true},
	{"Date Stage 2 ended", AA_DATE, true},
	{"Date application submitted", AA_DATE, true},
	{"Date application approved", AA_DATE, true},
	{"Date adopter matched with child(ren)", AA_DATE, true},
	{"Date child/children placed with adopter(s)", AA_DATE, true},
	{"No. of children placed", AA_INT, true},
	{"Date of Adoption Order", AA_DATE, true},
	{"Date of leaving adoption process", AA_DATE, true},
	{"Reason for leaving adoption process", AA_CODE, true},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const struct annex_a_list annex_a_lists[ANNEX_A_LISTS] = {
	{"list_1", "List 1", "Contacts", 6, list1_cols, N(list1_cols)},
	{"list_2", "List 2", "Early help", 6, list2_cols, N(list2_cols)},
	{"list_3", "List 3", "Referrals", 6, list3_cols, N(list3_cols)},
	{"list_4", "List 4", "Assessments", 6, list4_cols, N(list4_cols)},
	{"list_5", "List 5", "Section 47 enquiries and ICPCs", 6, list5_cols, N(list5_cols)},
	{"list_6", "List 6", "Children in need", 6, list6_cols, N(list6_cols)},
	{"list_7", "List 7", "Child protection", 6, list7_cols, N(list7_cols)},
	{"list_8", "List 8", "Children in care", 6, list8_cols, N(list8_cols)},
	{"list_9", "List 9", "Care leavers", 6, list9_cols, N(list9_cols)},
	{"list_10", "List 10", "Adoption", 12, list10_cols, N(list10_cols)},
	{"list_11", "List 11", "Adopters", 12, list11_cols, N(list11_cols)},
};

/* ---- values: Hearth's code -> the permitted value ---- */

static const struct aa_value aa_ethnicity[] = {
	{"WBRI", "a) WBRI"},
	{"WIRI", "b) WIRI"},
	{"WIRT", "c) WIRT"},
	{"WOTH", "d) WOTH"},
	{"WROM", "e) WROM"},
	{"MWBC", "f) MWBC"},
	{"MWBA", "g) MWBA"},
	{"MWAS", "h) MWAS"},
	{"MOTH", "i) MOTH"},
	{"AIND", "j) AIND"},
	{"APKN", "k) APKN"},
	{"ABAN", "l) ABAN"},
	{"AOTH", "m) AOTH"},
	{"BCRB", "n) BCRB"},
	{"BAFR", "o) BAFR"},
	{"BOTH", "p) BOTH"},
	{"CHNE", "q) CHNE"},
	{"OOTH", "r) OOTH"},
	{"REFU", "s) REFU"},
	{"NOBT", "t) NOBT"},
	{NULL, NULL},
};

static const struct aa_value aa_source[] = {
	{"1A", "a) 1A: Individual"},
	{"1B", "b) 1B: Individual"},
	{"1C", "c) 1C: Individual"},
	{"1D", "d) 1D: Individual"},
	{"2A", "e) 2A: Schools"},
	{"2B", "f) 2B: Education services"},
	{"3A", "g) 3A: Health services"},
	{"3B", "h) 3B: Health services"},
	{"3C", "i) 3C: Health services"},
	{"3D", "j) 3D: Health services"},
	{"3E", "k) 3E: Health services"},
	{"3F", "l) 3F: Health services"},
	{"4", "m) 4: Housing"},
	{"5A", "n) 5A: LA services"},
	{"5B", "o) 5B: LA services"},
	{"5C", "p) 5C: LA services"},
	{"5D", "p1) 5D: LA services"},
	{"6", "q) 6: Police"},
	{"7", "r) 7: Other legal agency"},
	{"8", "s) 8: Other"},
	{"9", "t) 9: Anonymous"},
	{"10", "u) 10: Unknown"},
	{NULL, NULL},
};

static const struct aa_value aa_placement[] = {
	{"U1", "a) U1: Foster placement - relatives - long term"},
	{"U2", "b) U2: Foster placement - relative - FFA"},
	{"U3", "c) U3: Foster placement - relative - not FFA"},
	{"U4", "d) U4: Foster placement - long term"},
	{"U5", "e) U5: Foster placement - FFA"},
	{"U6", "f) U6: Foster placement - not FFA"},
	{"A3", "g) A3: Placed for adoption - consent - current foster"},
	{"A4", "h) A4: Placed for adoption - consent - not foster"},
	{"A5", "i) A5: Placed for adoption - order - foster"},
	{"A6", "j) A6: Placed for adoption - order - not foster"},
	{"P1", "k) P1: Placed with parents"},
	{"P2", "l) P2: Independent living"},
	{"P3", "m) P3: Residential employment"},
	{"H5", "n) H5: Residential accommodation"},
	{"K1", "o) K1: Secure Children’s Homes"},
	{"K2", "p) K2: Children’s Homes"},
	{"R1", "q) R1: Residential Care Home"},
	{"R2", "r) R2: NHS/Health Trust"},
	{"R3", "s) R3: Family Centre or Mother and Baby Unit"},
	{"R5", "t) R5: Young Offender Institution"},
	{"S1", "u) S1: Residential school"},
	{"Z1", "v) Z1: Other placements"},
	{"T0", "w) T0: Temporary placement"},
	{"T1", "x) T1: Temporary placement - hospital"},
	{"T2", "y) T2: Temporary placement - holiday"},
	{"T3", "z) T3: Temporary placement - carer holiday"},
	{"T4", "zz) T4: Temporary placement - seven days or less"},
	/* Placement codes newer than the January 2024 schema: K3 (supported accommodation,
	 * from 2024/25) replaced H5, and is written as H5 was; Z11-Z14 (from 2025/26) are
	 * sub-types of Z1. */
	{"K3", "n) H5: Residential accommodation"},
	{"Z11", "v) Z1: Other placements"},
	{"Z12", "v) Z1: Other placements"},
	{"Z13", "v) Z1: Other placements"},
	{"Z14", "v) Z1: Other placements"},
	{NULL, NULL},
};

static const struct aa_value aa_provider[] = {
	{"PR0", "a) PR0: Parents/Parental responsibility"},
	{"PR1", "b) PR1: Own provision"},
	{"PR2", "c) PR2: Other LA provision"},
	{"PR3", "d) PR3: Other public provision"},
	{"PR4", "e) PR4: Private provision"},
	{"PR5", "f) PR5: Voluntary/third sector"},
	{NULL, NULL},
};

static const struct aa_value aa_rec[] = {
	{"E11", "a) E11: Adopted - application unopposed"},
	{"E12", "b) E12: Adopted - consent dispensed"},
	{"E2", "c) E2: Died"},
	{"E3", "d) E3: Care taken by another LA"},
	{"E4A", "e) E4A: Returned home to live with parents or relatives - part of planning"},
	{"E4B", "f) E4B: Returned home to live with parents or relatives - not part of planning"},
	{"E13", "g) E13: Parents, relatives or other with no parental responsibility"},
	{"E17", "v) E17: Aged 18+ and remained with current carers"},
	{"E41", "h) E41: Residence order granted"},
	{"E45", "i) E45: Special Guardianship Orders - former carer relative/friend"},
	{"E46", "j) E46: Special Guardianship Orders - former carer other"},
	{"E47", "k) E47: Special Guardianship Orders - relative/friend"},
	{"E48", "l) E48: Special Guardianship Orders - other"},
	{"E5", "m) E5: Moved into independent living - supported"},
	{"E6", "n) E6: Moved into independent living - no support"},
	{"E7", "o) E7: Transferred to residential care funded by adult social services"},
	{"E9", "p) E9: Sentenced to custody"},
	{"E14", "q) E14: Accommodation on remand ended"},
	{"E15", "r) E15: Age assessment determined child was 18 or over"},
	{"E16", "s) E16: Child moved abroad"},
	{"E8", "t) E8: Care ceased for any other reason"},
	{NULL, NULL},
};

static const struct aa_value aa_sex[] = {
	{"M", "a) Male"},
	{"F", "b) Female"},
	{"U", "c) Not stated/recorded"},
	{NULL, NULL},
};

/* CIN census primary need and SSDA903 category of need (the same N codes). */
static const struct aa_value aa_need[] = {
	{"N1", "a) Abuse or neglect"},
	{"N2", "b) Child's disability"},
	{"N3", "c) Parents illness or disability"},
	{"N4", "d) Family in acute stress"},
	{"N5", "e) Family dysfunction"},
	{"N6", "f) Socially unacceptable behaviour"},
	{"N7", "g) Low income"},
	{"N8", "h) Absent parenting"},
	{"N9", "i) Not CIN"},
	{"N0", "j) Not stated"},
	{NULL, NULL},
};

/* RC9 (closed after assessment, referred to early help) came after the schema's list: it
 * is written as RC8's "child not in need after assessment", which it is. */
static const struct aa_value aa_closure[] = {
	{"RC1", "a) Adopted"},
	{"RC2", "b) Died"},
	{"RC3", "c) Residence Order"},
	{"RC4", "d) Special Guardianship Order"},
	{"RC5", "e) Transfer to another LA"},
	{"RC6", "f) Transfer to Adult Social Services"},
	{"RC7", "g) 'Other' incl. Child no longer in need"},
	{"RC8", "h) Child not in need after assessment"},
	{"RC9", "h) Child not in need after assessment"},
	{NULL, NULL},
};

static const struct aa_value aa_case_status[] = {
	{"cla", "a) Looked after child"},
	{"cp", "b) Child Protection plan"},
	{"cin", "c) Child in need plan"},
	{"assessment", "d) Open assessment"},
	{"closed", "e) Closed episode"},
	{NULL, NULL},
};

static const struct aa_value aa_category[] = {
	{"NEG", "a) Neglect"},
	{"PHY", "b) Physical abuse"},
	{"SAB", "c) Sexual abuse"},
	{"EMO", "d) Emotional abuse"},
	{"MUL", "e) Multiple/not recommended"},
	{NULL, NULL},
};

/* SSDA903 LS. V3/V4 (short breaks) have no value: such children are not in list 8. The
 * schema spells "Freed for  Adoption" with two spaces; so do we. */
static const struct aa_value aa_legal_status[] = {
	{"C1", "a) Interim care orders"},
	{"C2", "b) Full care orders"},
	{"D1", "c) Freed for  Adoption"},
	{"E1", "d) Placement order granted"},
	{"V2", "e) Accommodated under S20"},
	{"L1", "f) Detained on child protection grounds in LA accommodation"},
	{"L2", "f) Detained on child protection grounds in LA accommodation"},
	{"L3", "f) Detained on child protection grounds in LA accommodation"},
	{"J1", "g) Youth justice legal Statuses"},
	{"J2", "g) Youth justice legal Statuses"},
	{"J3", "g) Youth justice legal Statuses"},
	{NULL, NULL},
};

static const struct aa_value aa_permanence[] = {
	{"return_home", "a) Return to family"},
	{"adoption", "b) Adoption"},
	{"sgo", "c) SGO/CAO"},
	{"cao", "c) SGO/CAO"},
	{"independence", "d) Supported living in the community"},
	{"residential", "e) Long-term residential placement"},
	{"long_term_fostering", "f) Long-term fostering"},
	{"other", "g) Other"},
	{NULL, NULL},
};

static const struct aa_value aa_eligibility[] = {
	{"relevant", "a) Relevant child"},
	{"former_relevant", "b) Former relevant child"},
	{"qualifying", "c) Qualifying care leaver"},
	{"eligible", "d) Eligible child"},
	{NULL, NULL},
};

/* SSDA903 OC3 IN_TOUCH; no contact recorded: the schema's "c) Not recorded". */
static const struct aa_value aa_in_touch[] = {
	{"YES", "a) Yes"},
	{"NO", "b) No"},
	{"DIED", "c) Died"},
	{"REFU", "d) Refu"},
	{"NREQ", "e) NREQ"},
	{"RHOM", "f) Rhom"},
	{"", "c) Not recorded"},
	{NULL, NULL},
};

/* SSDA903 OC3 ACCOM: the letter is the kind of accommodation. */
static const struct aa_value aa_accommodation[] = {
	{"B", "a) With parents or relatives"},
	{"C", "b) Community home"},
	{"D", "c) Semi-independent transitional accommodation"},
	{"E", "d) Supported lodgings"},
	{"G", "e) Gone abroad"},
	{"H", "f) Deported"},
	{"K", "g) Ordinary lodgings"},
	{"R", "h) Residence not known"},
	{"S", "i) No fixed abode / homeless"},
	{"T", "j) Foyers"},
	{"U", "k) Independent living"},
	{"V", "l) Emergency accommodation"},
	{"W", "m) Bed and breakfast"},
	{"X", "n) In custody"},
	{"Z", "o) With Former Foster Carer"},
	{"Y", "p) Other accommodation"},
	{NULL, NULL},
};

/* SSDA903 OC3 ACCOM's digit: 1 suitable, 2 not; not in touch: "c)". */
static const struct aa_value aa_suitability[] = {
	{"1", "a) Suitable"},
	{"2", "b) Unsuitable"},
	{"0", "c) Not in touch or not recorded"},
	{NULL, NULL},
};

static const struct aa_value aa_activity[] = {
	{"F1", "F1: Full time in higher education"},
	{"P1", "P1: Part time in higher education"},
	{"F2", "F2: Full time in education other than higher"},
	{"P2", "P2: Part time in education other than higher"},
	{"F3", "F3: Full time in training or employment"},
	{"P3", "P3: Part time in training or employment"},
	{"F4", "F4: Young person engaged full time in an apprenticeship"},
	{"P4", "P4: Young person engaged part time in an apprenticeship"},
	{"F5", "F5: Young person engaged full time in training or employment (not apprenticeship)"},
	{"P5", "P5: Young person engaged part time in training or employment (not apprenticeship)"},
	{"G4", "G4: Not in education, employment or training - illness or disability"},
	{"G5", "G5: Not in education, employment or training - other"},
	{"G6", "G6: Not in education, employment or training - pregnancy or parenting"},
	{NULL, NULL},
};

static const struct aa_value aa_yes_no[] = {
	{"yes", "a) Yes"},
	{"no", "b) No"},
	{"unknown", "c) Unknown"},
	{NULL, NULL},
};

const struct aa_value *const aa_maps[AA_MAP_MAX] = {
	[AA_MAP_SEX] = aa_sex,
	[AA_MAP_ETHNICITY] = aa_ethnicity,
	[AA_MAP_SOURCE] = aa_source,
	[AA_MAP_NEED] = aa_need,
	[AA_MAP_CLOSURE] = aa_closure,
	[AA_MAP_CASE_STATUS] = aa_case_status,
	[AA_MAP_CATEGORY] = aa_category,
	[AA_MAP_LEGAL_STATUS] = aa_legal_status,
	[AA_MAP_PERMANENCE] = aa_permanence,
	[AA_MAP_REC] = aa_rec,
	[AA_MAP_PLACEMENT] = aa_placement,
	[AA_MAP_PROVIDER] = aa_provider,
	[AA_MAP_ELIGIBILITY] = aa_eligibility,
	[AA_MAP_IN_TOUCH] = aa_in_touch,
	[AA_MAP_ACCOMMODATION] = aa_accommodation,
	[AA_MAP_SUITABILITY] = aa_suitability,
	[AA_MAP_ACTIVITY] = aa_activity,
	[AA_MAP_YES_NO] = aa_yes_no,
};
