/* annex_a: an Ofsted Annex A workbook (January 2024 layout) read into the record.
 *
 * Each sheet is a list, found by its name ("List 1" ... "List 11") or, failing that, by its
 * columns; each column by its header, compared as lower-case words (the names in
 * lists[] are those of standards/annex-a/Annex_A_schema.yml, with the spellings councils'
 * files use). Every list row names a child (Child Unique ID, gender, ethnicity, date of
 * birth): the child is found or created. Then, by list:
 *   1 contact; 2 early help episode (from the early help assessment); 3 referral;
 *   6 the CIN episode (the referral on its start date: primary need, closure; a referral
 *   of unknown source (10) when list 3 does not have it); 4 assessment, 5 section 47
 *   enquiry and 7 CP plan with its latest review conference, each linked to the child's
 *   latest referral on or before it (rejected when the record and the workbook have none); 8 the current episode in care (a
 *   snapshot: one episode from the later of the legal status and placement starts, RNE S
 *   when that is the day care began, else L, P or T by which changed), health and dental
 *   checks; 9 the care leaver's latest contact and pathway plan review; 10 the adoption
 *   decision and its dates. List 11 (adopters) has no place in the record: noted.
 * Values are read in the forms councils' files hold: "a) WBRI", "q) 6: Police",
 * "N1 - Abuse or neglect", "f) U6: Foster placement", the code itself, the record's own
 * label ("Physical abuse"), or Annex A's lettered category where it is one code ("b) Full
 * care orders" is C2; table lettered[]); a letter that stands for a group of codes, or
 * anything else, is rejected naming the row and column. Dates are
 * dd/mm/yyyy, yyyy-mm-dd or Excel serial numbers. All through the importer (import.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "returns/internal.h"
#include "returns/xlsx.h"

enum acol {
	C_ID, C_GENDER, C_ETHNIC, C_DOB,
	C_CONTACT_DATE, C_CONTACT_SOURCE,
	C_EH_START, C_EH_END, C_EH_ORG,
	C_REF_DATE, C_REF_SOURCE, C_REF_NFA,
	C_AS_START, C_AS_AUTH,
	C_S47_START, C_ICPC_UNNEEDED, C_ICPC,
	C_CIN_START, C_NEED, C_CIN_CLOSED, C_CLOSURE_REASON,
	C_CP_START, C_CP_INITIAL, C_CP_LATEST, C_CP_REVIEW, C_CP_END,
	C_UASC, C_LAC_START, C_LAC_NEED, C_LS_START, C_LS, C_HEALTH, C_DENTAL, C_LAC_END, C_LAC_REASON,
	C_PL_START, C_PL_TYPE, C_PL_PROVIDER, C_PL_POST, C_PL_URN,
	C_IN_TOUCH, C_CL_CONTACT, C_CL_ACCOM, C_CL_SUITABLE, C_CL_ACTIVITY, C_PATHWAY,
	C_AD_DECISION, C_AD_ORDER, C_AD_MATCH, C_AD_PLACED, C_AD_ADOPTED, C_AD_CEASED, C_AD_REASON,
	C_MAX
};

/* The header names each column answers to (lower-case words). */
static const char *const col_names[C_MAX][4] = {
	[C_ID] = {"child unique id", "child id", "child identifier", "unique id"},
	[C_GENDER] = {"gender", "sex"},
	[C_ETHNIC] = {"ethnicity"},
	[C_DOB] = {"date of birth"},
	[C_CONTACT_DATE] = {"date of contact"},
	[C_CONTACT_SOURCE] = {"contact source"},
	[C_EH_START] = {"assessment start date"},
	[C_EH_END] = {"assessment completion date"},
	[C_EH_ORG] = {"organisation completing assessment"},
	[C_REF_DATE] = {"date of referral"},
	[C_REF_SOURCE] = {"referral source"},
	[C_REF_NFA] = {"referral nfa"},
	[C_AS_START] = {"continuous assessment start date"},
	[C_AS_AUTH] = {"continuous assessment date of authorisation"},
	[C_S47_START] = {"strategy discussion initiating section 47 enquiry start date"},
	[C_ICPC_UNNEEDED] = {"was an initial child protection conference deemed unnecessary"},
	[C_ICPC] = {"date of initial child protection conference"},
	[C_CIN_START] = {"cin start date"},
	[C_NEED] = {"primary need code"},
	[C_CIN_CLOSED] = {"cin closure date"},
	[C_CLOSURE_REASON] = {"reason for closure"},
	[C_CP_START] = {"child protection plan start date"},
	[C_CP_INITIAL] = {"initial category of abuse"},
	[C_CP_LATEST] = {"latest category of abuse"},
	[C_CP_REVIEW] = {"date of latest review conference"},
	[C_CP_END] = {"child protection plan end date"},
	[C_UASC] = {"unaccompanied asylum seeking child"},
	[C_LAC_START] = {"date started to be looked after"},
	[C_LAC_NEED] = {"child s category of need"},
	[C_LS_START] = {"start date of current legal status"},
	[C_LS] = {"child s legal status"},
	[C_HEALTH] = {"date of last health assessment"},
	[C_DENTAL] = {"date of last dental check"},
	[C_LAC_END] = {"date ceased to be looked after"},
	[C_LAC_REASON] = {"reason ceased to be looked after"},
	[C_PL_START] = {"start date of most recent placement"},
	[C_PL_TYPE] = {"placement type"},
	[C_PL_PROVIDER] = {"placement provider"},
	[C_PL_POST] = {"placement postcode"},
	[C_PL_URN] = {"urn of placement"},
	[C_IN_TOUCH] = {"la in touch"},
	[C_CL_CONTACT] = {"latest date of contact"},
	[C_CL_ACCOM] = {"type of accommodation"},
	[C_CL_SUITABLE] = {"suitability of accommodation"},
	[C_CL_ACTIVITY] = {"activity status"},
	[C_PATHWAY] = {"latest pathway plan review date"},
	[C_AD_DECISION] = {"date of decision that child should be placed for adoption"},
	[C_AD_ORDER] = {"date of placement order"},
	[C_AD_MATCH] = {"date of matching child and prospective adopters"},
	[C_AD_PLACED] = {"date placed for adoption"},
	[C_AD_ADOPTED] = {"date of adoption order"},
	[C_AD_CEASED] = {"date of decision that child should no longer be placed for adoption"},
	[C_AD_REASON] = {"reason why child no longer placed for adoption"},
};

/* The lists and the columns each must have. */
struct alist {
	int number;
	const char *what;
	enum acol need[6];	/* ends with C_ID (0) after the first */
};

static const struct alist lists[] = {
	{1, "contacts", {C_ID, C_CONTACT_DATE, C_CONTACT_SOURCE}},
	{2, "early help", {C_ID, C_EH_START}},
	{3, "referrals", {C_ID, C_REF_DATE, C_REF_SOURCE}},
	{4, "assessments", {C_ID, C_AS_START}},
	{5, "section 47 enquiries", {C_ID, C_S47_START}},
	{6, "children in need", {C_ID, C_CIN_START}},
	{7, "child protection", {C_ID, C_CP_START}},
	{8, "children in care", {C_ID, C_LAC_START, C_LS, C_PL_TYPE}},
	{9, "care leavers", {C_ID, C_IN_TOUCH}},
	{10, "adoption", {C_ID, C_AD_DECISION}},
};

/* Annex A's accommodation letters (a-p) and the OC3 accommodation letter each is. */
static const struct {
	char annex, dfe;
} accom_letters[] = {
	{'a', 'B'}, {'b', 'C'}, {'c', 'D'}, {'d', 'E'}, {'e', 'G'}, {'f', 'H'}, {'g', 'K'}, {'h', 'R'},
	{'i', 'S'}, {'j', 'T'}, {'k', 'U'}, {'l', 'V'}, {'m', 'W'}, {'n', 'X'}, {'o', 'Z'}, {'p', 'Y'},
};

static void norm(const char *s, char *out, size_t size)
{
	size_t n = 0;
	bool space = false;
	for (; s && *s && n + 2 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c)) {
			if (space && n) {
				out[n++] = ' ';
			}
			out[n++] = (char)tolower(c);
			space = false;
		} else {
			space = true;
		}
	}
	out[n] = '\0';
}

static int find_col(const struct xlsx_row *header, enum acol c)
{
	char h[256];
	for (size_t i = 0; i < header->n; i++) {
		norm(header->cells[i], h, sizeof(h));
		for (int k = 0; k < 4 && col_names[c][k]; k++) {
			size_t len = strlen(col_names[c][k]);
			if (strcmp(h, col_names[c][k]) == 0 ||
			    (len > 20 && strncmp(h, col_names[c][k], len) == 0)) {
				return (int)i;
			}
		}
	}
	return -1;
}

/* Annex A's own lettered categories (the first name of each permitted value in the schema)
 * and the DfE code each is; NULL where the letter names a group of codes (a referral
 * source "a) Individual" is 1A, 1B, 1C or 1D), which the import refuses rather than guess. */
static const struct {
	const char *list;
	char letter;
	const char *code;
} lettered[] = {
	{"primary_need", 'a', "N1"}, {"primary_need", 'b', "N2"}, {"primary_need", 'c', "N3"},
	{"primary_need", 'd', "N4"}, {"primary_need", 'e', "N5"}, {"primary_need", 'f', "N6"},
	{"primary_need", 'g', "N7"}, {"primary_need", 'h', "N8"}, {"primary_need", 'i', "N9"},
	{"primary_need", 'j', "N0"},
	{"cla_need", 'a', "N1"}, {"cla_need", 'b', "N2"}, {"cla_need", 'c', "N3"}, {"cla_need", 'd', "N4"},
	{"cla_need", 'e', "N5"}, {"cla_need", 'f', "N6"}, {"cla_need", 'g', "N7"}, {"cla_need", 'h', "N8"},
	{"closure_reason", 'a', "RC1"}, {"closure_reason", 'b', "RC2"}, {"closure_reason", 'c', "RC3"},
	{"closure_reason", 'd', "RC4"}, {"closure_reason", 'e', "RC5"}, {"closure_reason", 'f', "RC6"},
	{"closure_reason", 'g', "RC7"}, {"closure_reason", 'h', "RC8"}, {"closure_reason", 'i', NULL},
	{"legal_status", 'a', "C1"}, {"legal_status", 'b', "C2"}, {"legal_status", 'c', "D1"},
	{"legal_status", 'd', "E1"}, {"legal_status", 'e', "V2"}, {"legal_status", 'f', NULL},
	{"legal_status", 'g', NULL},
	{"cp_category", 'a', "NEG"}, {"cp_category", 'b', "PHY"}, {"cp_category", 'c', "SAB"},
	{"cp_category", 'd', "EMO"}, {"cp_category", 'e', "MUL"},
	{"reason_placed_ceased", 'a', "RD1"}, {"reason_placed_ceased", 'b', "RD2"},
	{"reason_placed_ceased", 'c', "RD3"}, {"reason_placed_ceased", 'd', "RD4"},
	{"rec", 'a', NULL}, {"rec", 'b', "E2"}, {"rec", 'c', "E3"}, {"rec", 'd', NULL}, {"rec", 'e', "E13"},
	{"rec", 'f', "E41"}, {"rec", 'g', NULL}, {"rec", 'h', NULL}, {"rec", 'i', "E7"}, {"rec", 'j', "E9"},
	{"rec", 'k', "E14"}, {"rec", 'l', "E15"}, {"rec", 'm', "E16"}, {"rec", 'n', "E8"},
	{"referral_source", 'a', NULL}, {"referral_source", 'b', "2A"}, {"referral_source", 'c', "2B"},
	{"referral_source", 'd', NULL}, {"referral_source", 'e', "4"}, {"referral_source", 'f', NULL},
	{"referral_source", 'g', "6"}, {"referral_source", 'h', "7"}, {"referral_source", 'i', "8"},
	{"referral_source", 'j', "9"}, {"referral_source", 'k', "10"},
	{"place_provider", 'a', "PR1"}, {"place_provider", 'b', "PR4"}, {"place_provider", 'c', NULL},
};

/* The code in a council's spelling: "a) WBRI", "p1) 5D: LA services", "N1 - Abuse",
 * "C2: FCO", the code, the record's label for it, or Annex A's own lettered category. NULL
 * when none of these; *group set when the value names a group of codes. */
static const char *code_of(const char *v, const char *list, bool *group)
{
	const struct codelist *l = codelist_find(list);
	*group = false;
	if (!v || !l) {
		return NULL;
	}
	while (*v == ' ' || *v == '\'') {
		v++;
	}
	/* the lettered prefix: "a) ", "p1) " */
	char letter = 0;
	const char *p = v;
	if (*p >= 'a' && *p <= 'z') {
		p++;
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			p++;
		}
		if (p[0] == ')') {
			letter = v[0];
			v = p + 1;
			while (*v == ' ') {
				v++;
			}
		}
	}
	const struct code *c = code_find(l, v);
	if (c) {
		return c->code;
	}
	char tok[16];
	size_t n = strcspn(v, ":- ");
	if (n && n < sizeof(tok)) {
		memcpy(tok, v, n);
		tok[n] = '\0';
		for (char *q = tok; *q; q++) {
			*q = (char)toupper((unsigned char)*q);
		}
		if ((c = code_find(l, tok))) {
			return c->code;
		}
	}
	char want[128], have[128];
	norm(v, want, sizeof(want));
	for (size_t i = 0; want[0] && i < l->n; i++) {
		norm(l->codes[i].label, have, sizeof(have));
		if (strcmp(want, have) == 0 || (strlen(want) >= 6 && strncmp(have, want, strlen(want)) == 0)) {
			return l->codes[i].code;
		}
	}
	for (size_t i = 0; letter && i < sizeof(lettered) / sizeof(lettered[0]); i++) {
		if (lettered[i].letter == letter && strcmp(lettered[i].list, list) == 0) {
			*group = lettered[i].code == NULL;
			return lettered[i].code;
		}
	}
	return NULL;
}

static const char *gender_of(const char *v)
{
	char n[64];
	norm(v, n, sizeof(n));
	if (!n[0]) {
		return NULL;
	}
	if (strcmp(n, "a male") == 0 || strcmp(n, "male") == 0 || strcmp(n, "m") == 0 || strcmp(n, "1") == 0) {
		return "M";
	}
	if (strcmp(n, "b female") == 0 || strcmp(n, "female") == 0 || strcmp(n, "f") == 0 || strcmp(n, "2") == 0) {
		return "F";
	}
	return "U";
}

/* 1 yes, 0 no, -1 neither. */
static int yes_no(const char *v)
{
	char n[32];
	norm(v, n, sizeof(n));
	if (strcmp(n, "yes") == 0 || strcmp(n, "a yes") == 0 || strcmp(n, "y") == 0 || strcmp(n, "1") == 0) {
		return 1;
	}
	if (strcmp(n, "no") == 0 || strcmp(n, "b no") == 0 || strcmp(n, "n") == 0 || strcmp(n, "0") == 0) {
		return 0;
	}
	return -1;
}

struct aimport {
	struct importer *im;
	struct returns_import_result *res;
	struct arena *a;
	struct xlsx x;
	const char *path;
	const struct xlsx_row *row;
	int cols[C_MAX];
	const char *sheet;
	hdate latest;
	hdate dob;		/* the row's child's date of birth */
};

static const char *cell(struct aimport *s, enum acol c)
{
	int k = s->cols[c];
	if (k < 0 || (size_t)k >= s->row->n || !s->row->cells[k]) {
		return NULL;
	}
	const char *v = s->row->cells[k];
	while (*v == ' ') {
		v++;
	}
	return *v ? v : NULL;
}

static const char *colname(struct aimport *s, enum acol c)
{
	return col_names[c][0];
}

/* A date cell; a bad one is rejected (and DATE_NONE returned with *bad set). */
static hdate date_cell(struct aimport *s, enum acol c, bool *bad)
{
	const char *v = cell(s, c);
	hdate d = xlsx_date(&s->x, v);
	if (d == RDATE_BAD) {
		importer_reject(s->im, s->path, s->row->line, colname(s, c), "date", "%s: '%s' is not a date", s->sheet, v);
		*bad = true;
		return DATE_NONE;
	}
	if (dok(d) && (s->latest == DATE_NONE || d > s->latest)) {
		s->latest = d;
	}
	return d;
}

/* A coded cell; a value that is no code of the list is rejected. */
static const char *code_cell(struct aimport *s, enum acol c, const char *list, bool *bad)
{
	const char *v = cell(s, c);
	if (!v) {
		return NULL;
	}
	bool group;
	const char *code = code_of(v, list, &group);
	if (!code) {
		importer_reject(s->im, s->path, s->row->line, colname(s, c), "code",
				group ? "%s: '%s' names a group of %s codes, not one: the code is needed"
				      : "%s: '%s' is not a %s code",
				s->sheet, v, list);
		*bad = true;
	}
	return code;
}

static struct imp_where *where(struct aimport *s)
{
	static const char *const cols[] = {NULL};
	struct imp_where *w = arena_alloc(s->a, sizeof(*w));
	*w = (struct imp_where){s->path, s->row->line, cols};
	return w;
}

/* Work before the birth (a contact or referral about an unborn baby) needs the child's
 * expected date of birth on the record: the date of birth stands for it. */
static void prebirth(struct aimport *s, int64_t child, hdate d)
{
	if (dok(d) && dok(s->dob) && d < s->dob) {
		static const int f[] = {CHILD_EXPECTED_DOB};
		struct hval v;
		imp_set_date(&v, s->dob);
		struct hval *row;
		struct hearth_error err = {0};
		if (store_get(imp_store(s->im), &entity_child, child, imp_arena(s->im), &row, &err) == 0 &&
		    row[CHILD_EXPECTED_DOB].null) {
			imp_child_set(s->im, where(s), child, f, &v, 1);
		}
	}
}

/* The child's latest referral on or before d (stored or imported), or 0. */
static int64_t referral_before(struct aimport *s, int64_t child, hdate d)
{
	return imp_latest(s->im, &entity_referral, child, REFERRAL_REFERRAL_DATE, d);
}

static int64_t row_child(struct aimport *s)
{
	bool bad = false;
	const char *id = cell(s, C_ID);
	if (!id) {
		importer_reject(s->im, s->path, s->row->line, colname(s, C_ID), "required", "%s: no Child Unique ID", s->sheet);
		return 0;
	}
	hdate dob = date_cell(s, C_DOB, &bad);
	const char *eth = code_cell(s, C_ETHNIC, "ethnicity", &bad);
	const char *sex = gender_of(cell(s, C_GENDER));
	if (bad) {
		return 0;
	}
	s->dob = dob;
	return imp_child(s->im, where(s), id, dob, DATE_NONE, sex ? sex : "U", eth, NULL, NULL, DATE_NONE,
			 "Annex A", NULL, 0);
}

static void list_row(struct aimport *s, int list, int64_t child)
{
	struct importer *im = s->im;
	bool bad = false;
	struct imp_where *w = where(s);
	switch (list) {
	case 1: {
		struct hval *v = imp_vals(im, &entity_contact);
		imp_set_int(&v[CONTACT_CHILD_ID], child);
		imp_set_date(&v[CONTACT_CONTACT_DATE], date_cell(s, C_CONTACT_DATE, &bad));
		prebirth(s, child, (hdate)v[CONTACT_CONTACT_DATE].i);
		imp_set_str(&v[CONTACT_SOURCE], code_cell(s, C_CONTACT_SOURCE, "referral_source", &bad));
		if (!bad) {
			imp_upsert(im, w, &entity_contact, child, CONTACT_CONTACT_DATE, -1, v, NULL);
		}
		break;
	}
	case 2: {
		struct hval *v = imp_vals(im, &entity_early_help), *def = imp_vals(im, &entity_early_help);
		imp_set_int(&v[EARLY_HELP_CHILD_ID], child);
		imp_set_date(&v[EARLY_HELP_START_DATE], date_cell(s, C_EH_START, &bad));
		prebirth(s, child, (hdate)v[EARLY_HELP_START_DATE].i);
		imp_set_str(&v[EARLY_HELP_LEAD], cell(s, C_EH_ORG));
		imp_set_int(&def[EARLY_HELP_STEP_DOWN], 0);
		if (!bad) {
			imp_upsert(im, w, &entity_early_help, child, EARLY_HELP_START_DATE, -1, v, def);
		}
		break;
	}
	case 3: {
		struct hval *v = imp_vals(im, &entity_referral);
		imp_set_int(&v[REFERRAL_CHILD_ID], child);
		imp_set_date(&v[REFERRAL_REFERRAL_DATE], date_cell(s, C_REF_DATE, &bad));
		prebirth(s, child, (hdate)v[REFERRAL_REFERRAL_DATE].i);
		imp_set_str(&v[REFERRAL_SOURCE], code_cell(s, C_REF_SOURCE, "referral_source", &bad));
		int nfa = yes_no(cell(s, C_REF_NFA));
		imp_set_int(&v[REFERRAL_NFA], nfa == 1);
		if (!bad) {
			imp_upsert(im, w, &entity_referral, child, REFERRAL_REFERRAL_DATE, -1, v, NULL);
		}
		break;
	}
	case 4:
	case 5: {
		hdate start = date_cell(s, list == 4 ? C_AS_START : C_S47_START, &bad);
		prebirth(s, child, start);
		int64_t ref = bad ? 0 : referral_before(s, child, start);
		if (!bad && !ref) {
			importer_reject(im, s->path, s->row->line, colname(s, list == 4 ? C_AS_START : C_S47_START), "referral",
					"%s: the child has no referral on or before this date", s->sheet);
			break;
		}
		if (list == 4) {
			struct hval *v = imp_vals(im, &entity_assessment);
			imp_set_int(&v[ASSESSMENT_CHILD_ID], child);
			imp_set_int(&v[ASSESSMENT_REFERRAL_ID], ref);
			imp_set_date(&v[ASSESSMENT_START_DATE], start);
			imp_set_date(&v[ASSESSMENT_AUTHORISED_DATE], date_cell(s, C_AS_AUTH, &bad));
			if (!bad) {
				imp_upsert(im, w, &entity_assessment, child, ASSESSMENT_START_DATE, -1, v, NULL);
			}
		} else {
			struct hval *v = imp_vals(im, &entity_s47);
			imp_set_int(&v[S47_CHILD_ID], child);
			imp_set_int(&v[S47_REFERRAL_ID], ref);
			imp_set_date(&v[S47_STRATEGY_DATE], start);
			imp_set_date(&v[S47_START_DATE], start);
			imp_set_date(&v[S47_ICPC_DATE], date_cell(s, C_ICPC, &bad));
			imp_set_int(&v[S47_ICPC_NOT_REQUIRED], yes_no(cell(s, C_ICPC_UNNEEDED)) == 1);
			if (!bad) {
				imp_upsert(im, w, &entity_s47, child, S47_STRATEGY_DATE, -1, v, NULL);
			}
		}
		break;
	}
	case 6: {
		struct hval *v = imp_vals(im, &entity_referral), *def = imp_vals(im, &entity_referral);
		imp_set_int(&v[REFERRAL_CHILD_ID], child);
		imp_set_date(&v[REFERRAL_REFERRAL_DATE], date_cell(s, C_CIN_START, &bad));
		prebirth(s, child, (hdate)v[REFERRAL_REFERRAL_DATE].i);
		imp_set_str(&v[REFERRAL_PRIMARY_NEED], code_cell(s, C_NEED, "primary_need", &bad));
		imp_set_date(&v[REFERRAL_CLOSURE_DATE], date_cell(s, C_CIN_CLOSED, &bad));
		imp_set_str(&v[REFERRAL_CLOSURE_REASON], code_cell(s, C_CLOSURE_REASON, "closure_reason", &bad));
		/* A CIN episode whose referral is not in list 3: its source is not known. */
		imp_set_str(&def[REFERRAL_SOURCE], "10");
		imp_set_int(&def[REFERRAL_NFA], 0);
		if (!bad) {
			imp_upsert(im, w, &entity_referral, child, REFERRAL_REFERRAL_DATE, -1, v, def);
		}
		break;
	}
	case 7: {
		hdate start = date_cell(s, C_CP_START, &bad);
		prebirth(s, child, start);
		const char *cat = code_cell(s, C_CP_LATEST, "cp_category", &bad);
		if (!cat) {
			cat = code_cell(s, C_CP_INITIAL, "cp_category", &bad);
		}
		int64_t ref = bad ? 0 : referral_before(s, child, start);
		if (!bad && !ref) {
			importer_reject(im, s->path, s->row->line, colname(s, C_CP_START), "referral",
					"%s: the child has no referral on or before the plan", s->sheet);
			break;
		}
		struct hval *v = imp_vals(im, &entity_cp_plan);
		imp_set_int(&v[CP_PLAN_CHILD_ID], child);
		imp_set_int(&v[CP_PLAN_REFERRAL_ID], ref);
		imp_set_date(&v[CP_PLAN_START_DATE], start);
		imp_set_str(&v[CP_PLAN_CATEGORY], cat);
		imp_set_date(&v[CP_PLAN_END_DATE], date_cell(s, C_CP_END, &bad));
		hdate review = date_cell(s, C_CP_REVIEW, &bad);
		int64_t plan = bad ? 0 : imp_upsert(im, w, &entity_cp_plan, child, CP_PLAN_START_DATE, -1, v, NULL);
		if (plan && dok(review)) {
			struct hval *r = imp_vals(im, &entity_cp_review);
			imp_set_int(&r[CP_REVIEW_CHILD_ID], child);
			imp_set_int(&r[CP_REVIEW_CP_PLAN_ID], plan);
			imp_set_date(&r[CP_REVIEW_REVIEW_DATE], review);
			imp_upsert(im, w, &entity_cp_review, child, CP_REVIEW_REVIEW_DATE, CP_REVIEW_CP_PLAN_ID, r, NULL);
		}
		break;
	}
	case 8: {
		hdate lac = date_cell(s, C_LAC_START, &bad), ls_start = date_cell(s, C_LS_START, &bad),
		      pl_start = date_cell(s, C_PL_START, &bad), end = date_cell(s, C_LAC_END, &bad);
		const char *ls = code_cell(s, C_LS, "legal_status", &bad), *place = code_cell(s, C_PL_TYPE, "placement", &bad),
			   *provider = code_cell(s, C_PL_PROVIDER, "place_provider", &bad),
			   *need = code_cell(s, C_LAC_NEED, "cla_need", &bad), *rec = code_cell(s, C_LAC_REASON, "rec", &bad);
		hdate health = date_cell(s, C_HEALTH, &bad), dental = date_cell(s, C_DENTAL, &bad);
		if (bad) {
			break;
		}
		hdate decom = dok(ls_start) && (!dok(pl_start) || ls_start > pl_start) ? ls_start : pl_start;
		if (!dok(decom) || (dok(lac) && decom < lac)) {
			decom = lac;
		}
		const char *rne = decom == lac ? "S" : dok(ls_start) && dok(pl_start) && ls_start == pl_start ? "T"
							: decom == ls_start			       ? "L"
													       : "P";
		struct hval *v = imp_vals(im, &entity_cla_episode), *def = imp_vals(im, &entity_cla_episode);
		imp_set_int(&v[CLA_EPISODE_CHILD_ID], child);
		imp_set_date(&v[CLA_EPISODE_DECOM], decom);
		imp_set_str(&v[CLA_EPISODE_LS], ls);
		imp_set_str(&v[CLA_EPISODE_CIN], need);
		imp_set_str(&v[CLA_EPISODE_PLACE], place);
		imp_set_str(&v[CLA_EPISODE_PLACE_PROVIDER], provider);
		imp_set_str(&v[CLA_EPISODE_PL_POST], postcode_valid(cell(s, C_PL_POST)) ? cell(s, C_PL_POST) : NULL);
		imp_set_str(&v[CLA_EPISODE_URN], urn_valid(cell(s, C_PL_URN)) ? cell(s, C_PL_URN) : NULL);
		imp_set_date(&v[CLA_EPISODE_DEC], end);
		imp_set_str(&v[CLA_EPISODE_REC], dok(end) ? rec : NULL);
		imp_set_str(&def[CLA_EPISODE_RNE], rne);
		imp_set_str(&def[CLA_EPISODE_CIN], "N1");
		imp_set_int(&def[CLA_EPISODE_LONG_TERM], str_eq(place, "U1") || str_eq(place, "U4"));
		imp_upsert(im, w, &entity_cla_episode, child, CLA_EPISODE_DECOM, -1, v, def);
		if (yes_no(cell(s, C_UASC)) == 1) {
			static const int f[] = {CHILD_UASC};
			struct hval u;
			imp_set_int(&u, 1);
			imp_child_set(im, w, child, f, &u, 1);
		}
		const char *kinds[2] = {"review", "dental"};
		hdate dates[2] = {health, dental};
		for (int k = 0; k < 2; k++) {
			if (!dok(dates[k])) {
				continue;
			}
			struct hval *h = imp_vals(im, &entity_health);
			imp_set_int(&h[HEALTH_CHILD_ID], child);
			imp_set_str(&h[HEALTH_KIND], kinds[k]);
			imp_set_date(&h[HEALTH_DONE_DATE], dates[k]);
			imp_upsert(im, w, &entity_health, child, HEALTH_DONE_DATE, HEALTH_KIND, h, NULL);
		}
		break;
	}
	case 9: {
		int touch = yes_no(cell(s, C_IN_TOUCH));
		char n[64];
		norm(cell(s, C_IN_TOUCH), n, sizeof(n));
		const char *in_touch = touch == 1 || strncmp(n, "a in touch", 10) == 0 ? "YES"
				       : touch == 0 || strncmp(n, "b not in touch", 14) == 0 ? "NO"
											     : NULL;
		hdate contact = date_cell(s, C_CL_CONTACT, &bad), pathway = date_cell(s, C_PATHWAY, &bad);
		const char *activity = code_cell(s, C_CL_ACTIVITY, "oc3_activity", &bad);
		/* accommodation: a letter (Annex A's a-p, or the OC3 letter itself) and suitability */
		const char *acc = cell(s, C_CL_ACCOM), *accom = NULL;
		char letter = 0;
		if (acc && acc[0] >= 'A' && acc[0] <= 'Z' && (acc[1] == ':' || acc[1] == ' ' || !acc[1])) {
			letter = acc[0];
		} else if (acc && acc[0] >= 'a' && acc[0] <= 'p' && acc[1] == ')') {
			for (size_t k = 0; k < sizeof(accom_letters) / sizeof(accom_letters[0]); k++) {
				letter = accom_letters[k].annex == acc[0] ? accom_letters[k].dfe : letter;
			}
		}
		int suitable = -1;
		norm(cell(s, C_CL_SUITABLE), n, sizeof(n));
		suitable = strncmp(n, "a suitable", 10) == 0 || strcmp(n, "suitable") == 0	   ? 1
			   : strncmp(n, "b not suitable", 14) == 0 || strcmp(n, "not suitable") == 0 ? 0
												     : -1;
		if (letter && suitable >= 0) {
			char code[3] = {letter, suitable ? '1' : '2', 0};
			bool group;
			accom = code_of(code, "oc3_accommodation", &group);
		}
		if (bad || !in_touch || !dok(contact)) {
			if (!bad && !dok(contact)) {
				s->res->not_held++;
			}
		} else {
			struct hval *v = imp_vals(im, &entity_leaver_contact), *def = imp_vals(im, &entity_leaver_contact);
			imp_set_int(&v[LEAVER_CONTACT_CHILD_ID], child);
			imp_set_date(&v[LEAVER_CONTACT_CONTACT_DATE], contact);
			imp_set_str(&v[LEAVER_CONTACT_IN_TOUCH], in_touch);
			imp_set_str(&v[LEAVER_CONTACT_ACCOMMODATION], accom);
			imp_set_str(&v[LEAVER_CONTACT_ACTIVITY], activity);
			if (suitable >= 0) {
				imp_set_int(&v[LEAVER_CONTACT_SUITABLE], suitable);
			}
			imp_set_int(&def[LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED], 0);
			imp_upsert(im, w, &entity_leaver_contact, child, LEAVER_CONTACT_CONTACT_DATE, -1, v, def);
		}
		if (!bad && dok(pathway)) {
			struct hval *v = imp_vals(im, &entity_pathway_plan);
			imp_set_int(&v[PATHWAY_PLAN_CHILD_ID], child);
			imp_set_date(&v[PATHWAY_PLAN_REVIEW_DATE], pathway);
			imp_upsert(im, w, &entity_pathway_plan, child, PATHWAY_PLAN_REVIEW_DATE, -1, v, NULL);
		}
		break;
	}
	case 10: {
		struct hval *v = imp_vals(im, &entity_adoption);
		imp_set_int(&v[ADOPTION_CHILD_ID], child);
		imp_set_date(&v[ADOPTION_DECISION_DATE], date_cell(s, C_AD_DECISION, &bad));
		imp_set_date(&v[ADOPTION_PLACEMENT_ORDER_DATE], date_cell(s, C_AD_ORDER, &bad));
		imp_set_date(&v[ADOPTION_MATCHED_DATE], date_cell(s, C_AD_MATCH, &bad));
		imp_set_date(&v[ADOPTION_PLACED_DATE], date_cell(s, C_AD_PLACED, &bad));
		imp_set_date(&v[ADOPTION_ADOPTION_ORDER_DATE], date_cell(s, C_AD_ADOPTED, &bad));
		imp_set_date(&v[ADOPTION_CEASED_DATE], date_cell(s, C_AD_CEASED, &bad));
		const char *why = cell(s, C_AD_REASON);
		bool group;
		imp_set_str(&v[ADOPTION_CEASED_REASON], why ? code_of(why, "reason_placed_ceased", &group) : NULL);
		if (!bad) {
			imp_upsert(im, w, &entity_adoption, child, ADOPTION_DECISION_DATE, -1, v, NULL);
		}
		break;
	}
	}
}

/* The list a sheet holds: by its name ("List 3", "list3"), else 0. */
static int list_of(const char *name)
{
	char n[64];
	norm(name, n, sizeof(n));
	if (strncmp(n, "list", 4) != 0) {
		return 0;
	}
	const char *p = n + 4;
	while (*p == ' ') {
		p++;
	}
	int k = atoi(p);
	return k >= 1 && k <= 11 ? k : 0;
}

/* A workbook that cannot be read whole (a damaged zip, a part that is not well-formed):
 * the error says so, and that none of it was kept. */
static int unreadable(int rc, struct hearth_error *err)
{
	if (err && rc == HERR_INVALID) {
		size_t n = strlen(err->message);
		snprintf(err->message + n, sizeof(err->message) - n, ": nothing was imported");
	}
	return rc;
}

int annex_a_import(struct store *st, const char *path, const struct returns_import_options *o, struct arena *a,
		   struct returns_import_result *res, struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	struct aimport s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.path = path;
	s.res = res;
	s.latest = DATE_NONE;
	s.im = importer_new(st, o, a, res);
	int rc = xlsx_open(&s.x, path, a, err);
	if (rc) {
		return unreadable(rc, err);
	}
	if ((rc = importer_load(s.im, err)) || (rc = importer_begin(s.im, err))) {
		return rc;
	}
	int64_t rows = 0, done = 0;
	struct xlsx_sheet *sheets = arena_alloc(a, sizeof(*sheets) * (s.x.n_sheets ? s.x.n_sheets : 1));
	int *which = arena_alloc(a, sizeof(int) * (s.x.n_sheets ? s.x.n_sheets : 1));
	for (size_t i = 0; i < s.x.n_sheets; i++) {
		if ((rc = xlsx_sheet(&s.x, i, &sheets[i], err))) {
			importer_abort(s.im); /* a sheet that cannot be read: none of the workbook */
			return unreadable(rc, err);
		}
		which[i] = list_of(sheets[i].name);
		rows += sheets[i].n_rows > 1 ? (int64_t)sheets[i].n_rows - 1 : 0;
	}
	res->rows = rows;
	/* Lists in an order that puts referrals (list 3) and CIN episodes (list 6) before the
	 * assessments, enquiries and plans that hang from them. */
	static const int order[] = {1, 2, 3, 6, 4, 5, 7, 8, 9, 10, 11};
	for (size_t o_i = 0; o_i < sizeof(order) / sizeof(order[0]); o_i++) {
		int list = order[o_i];
		for (size_t i = 0; i < s.x.n_sheets; i++) {
			if (which[i] != list || sheets[i].n_rows == 0) {
				continue;
			}
			s.sheet = sheets[i].name;
			if (list == 11) {
				importer_note(s.im, "%s (adopters): %zu rows not stored: the record has no adopters' table",
					      s.sheet, sheets[i].n_rows - 1);
				res->not_held += (int64_t)sheets[i].n_rows - 1;
				continue;
			}
			const struct alist *l = &lists[list - 1];
			for (int c = 0; c < C_MAX; c++) {
				s.cols[c] = find_col(&sheets[i].rows[0], (enum acol)c);
			}
			bool usable = true;
			for (int k = 0; k < 6 && (k == 0 || l->need[k]); k++) {
				if (s.cols[l->need[k]] < 0) {
					importer_reject(s.im, path, sheets[i].rows[0].line, col_names[l->need[k]][0], "header",
							"%s (%s) has no column '%s'", s.sheet, l->what, col_names[l->need[k]][0]);
					usable = false;
				}
			}
			for (size_t r = 1; usable && r < sheets[i].n_rows; r++) {
				s.row = &sheets[i].rows[r];
				if (!cell(&s, C_ID) && s.row->n == 0) {
					continue;
				}
				int64_t child = row_child(&s);
				if (child) {
					list_row(&s, list, child);
				}
				if (++done % 512 == 0) {
					importer_progress(s.im, done, rows);
				}
			}
		}
	}
	importer_progress(s.im, rows, rows);
	res->year = dok(s.latest) ? returns_year_of(s.latest) : 0;
	if (res->not_held) {
		importer_note(s.im, "%lld values read but not stored (adopters; care leavers without a date of contact)",
			      (long long)res->not_held);
	}
	return importer_finish(s.im, err);
}
