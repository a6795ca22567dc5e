/* measures/annex_a.h: what the Annex A files share inside src/measures/ (the public side is
 * in measures.h): the value maps from Hearth's codes to Annex A's permitted values, and the
 * column positions of each list.
 *
 * Each list's enum names its columns in the order of annex_a_lists[l].cols (the schema's
 * order); tests/unit/measures/test_annex_a.c checks that every enum's count equals its
 * list's number of columns and that each anchor column has the header it should. */
#ifndef HEARTH_MEASURES_ANNEX_A_H
#define HEARTH_MEASURES_ANNEX_A_H

#include "measures/measures.h"

struct aa_value {
	const char *code;	/* Hearth's code ("WBRI", "N1", "yes") */
	const char *value;	/* what Annex A wants ("a) WBRI") */
};

enum aa_map {
	AA_MAP_SEX,
	AA_MAP_ETHNICITY,
	AA_MAP_SOURCE,
	AA_MAP_NEED,
	AA_MAP_CLOSURE,
	AA_MAP_CASE_STATUS,
	AA_MAP_CATEGORY,
	AA_MAP_LEGAL_STATUS,
	AA_MAP_PERMANENCE,
	AA_MAP_REC,
	AA_MAP_PLACEMENT,
	AA_MAP_PROVIDER,
	AA_MAP_ELIGIBILITY,
	AA_MAP_IN_TOUCH,
	AA_MAP_ACCOMMODATION,
	AA_MAP_SUITABILITY,
	AA_MAP_ACTIVITY,
	AA_MAP_YES_NO,
	AA_MAP_MAX
};

/* Each map ends with {NULL, NULL}. */
extern const struct aa_value *const aa_maps[AA_MAP_MAX];

/* The permitted value for code in map, or NULL (a blank cell) when code is NULL or not
 * in the map. Static data. */
const char *annex_a_value(enum aa_map map, const char *code);

/* Columns, in the schema's order. */
enum { C_ID, C_GENDER, C_ETHNICITY, C_DOB, C_AGE };	/* lists 1-9 begin so */
enum { L1_CONTACT_DATE = C_AGE + 1, L1_SOURCE, L1_COLS };
enum { L2_START = C_AGE + 1, L2_COMPLETED, L2_ORGANISATION, L2_COLS };
enum { L3_DATE = C_AGE + 1, L3_SOURCE, L3_NFA, L3_REFERRALS_12M, L3_TEAM, L3_WORKER, L3_COLS };
enum { L4_DISABILITY = C_AGE + 1, L4_START, L4_SEEN, L4_AUTHORISED, L4_SUPPORT, L4_TEAM, L4_WORKER, L4_COLS };
enum {
	L5_DISABILITY = C_AGE + 1, L5_STRATEGY, L5_ICPC_UNNECESSARY, L5_ICPC, L5_ICPC_PLAN, L5_S47_12M, L5_ICPC_12M,
	L5_TEAM, L5_WORKER, L5_COLS
};
enum {
	L6_DISABILITY = C_AGE + 1, L6_START, L6_NEED, L6_LAST_SEEN, L6_CLOSED, L6_REASON, L6_STATUS, L6_TEAM,
	L6_WORKER, L6_COLS
};
enum {
	L7_DISABILITY = C_AGE + 1, L7_START, L7_INITIAL_CATEGORY, L7_LATEST_CATEGORY, L7_LAST_VISIT, L7_SEEN_ALONE,
	L7_LATEST_REVIEW, L7_END, L7_EPO, L7_PREVIOUS, L7_TEAM, L7_WORKER, L7_COLS
};
enum {
	L8_UASC = C_AGE + 1, L8_DISABILITY, L8_STARTED, L8_NEED, L8_SECOND_PERIOD, L8_LS_START, L8_LS,
	L8_LATEST_REVIEW, L8_LAST_VISIT, L8_PERMANENCE, L8_IRO_VISIT, L8_HEALTH, L8_DENTAL, L8_PLACEMENTS_12M,
	L8_CEASED, L8_REASON_CEASED, L8_PLACEMENT_START, L8_PLACEMENT, L8_PROVIDER, L8_POSTCODE, L8_URN,
	L8_LOCATION, L8_LA, L8_MISSING_12M, L8_ABSENT_12M, L8_RHI_OFFERED, L8_RHI_ACCEPTED, L8_TEAM, L8_WORKER,
	L8_COLS
};
enum {
	L9_UASC = C_AGE + 1, L9_DISABILITY, L9_TEAM, L9_WORKER, L9_PA, L9_ELIGIBILITY, L9_PATHWAY, L9_IN_TOUCH,
	L9_CONTACT, L9_ACCOMMODATION, L9_SUITABILITY, L9_ACTIVITY, L9_COLS
};
enum {
	L10_ID, L10_FAMILY, L10_GENDER, L10_ETHNICITY, L10_DOB, L10_AGE, L10_DISABILITY, L10_ENTERED, L10_DECISION,
	L10_PLACEMENT_ORDER, L10_MATCHED, L10_PLACED, L10_ADOPTION_ORDER, L10_CEASED, L10_CEASED_REASON, L10_FFA,
	L10_COLS
};
enum { L11_COLS = 19 };

#endif
