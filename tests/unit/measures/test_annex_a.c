/* test_annex_a: the Annex A lists from hand-built casefiles — which records go in each
 * list, the values in their lettered forms, dates as dd/mm/yyyy — and the column positions
 * the builders use, tied to the column table (whose headers tests/cli/measures.sh checks
 * against the schema file itself).
 *
 * As at Monday 31 March 2025: the 6-month window is 1 October 2024 to 31 March 2025, the
 * 12-month window 1 April 2024 to 31 March 2025. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "measures/annex_a.h"
#include "measures/measures.h"
#include "test.h"

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void the_column_positions_match_the_table(void **state)
{
	(void)state;
	static const int cols[ANNEX_A_LISTS] = {L1_COLS, L2_COLS, L3_COLS, L4_COLS, L5_COLS, L6_COLS,
						L7_COLS, L8_COLS, L9_COLS, L10_COLS, L11_COLS};
	static const struct {
		int list, col;
		const char *header;
	} anchors[] = {
		{0, C_ID, "Child Unique ID"},
		{0, C_AGE, "Age of Child (Years)"},
		{0, L1_SOURCE, "Contact Source"},
		{1, L2_ORGANISATION, "Organisation completing assessment"},
		{2, L3_REFERRALS_12M, "Number of Referrals in Last 12 Months"},
		{2, L3_WORKER, "Allocated Worker"},
		{3, L4_SUPPORT, "Was the child assessed as requiring LA children's social care support?"},
		{4, L5_ICPC_PLAN, "Did the Initial Child Protection Conference Result in a Child Protection Plan"},
		{4, L5_ICPC_12M, "Number of ICPCs in the last 12 months"},
		{5, L6_STATUS, "Case Status"},
		{6, L7_EPO, "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"},
		{6, L7_PREVIOUS, "Number of Previous Child Protection Plans"},
		{7, L8_NEED, "Child's Category of Need"},
		{7, L8_IRO_VISIT, "Date of Last IRO Visit / Contact to the Child"},
		{7, L8_PLACEMENTS_12M, "Number of Placements in the Last 12 months"},
		{7, L8_POSTCODE, "Placement postcode"},
		{7, L8_RHI_ACCEPTED, "Did the child accept a Return Interview after their last missing episode (Y/N)?"},
		{8, L9_PA, "Allocated Personal Advisor"},
		{8, L9_ACTIVITY, "Activity Status"},
		{9, L10_FAMILY, "Family identifier"},
		{9, L10_DISABILITY, "Does the Child have a Disability"},
		{9, L10_FFA, "Date the child was placed for fostering in FFA or concurrent planning placement"},
	};
	for (int l = 0; l < ANNEX_A_LISTS; l++) {
		assert_int_equal(annex_a_lists[l].n_cols, cols[l]);
		assert_int_equal(annex_a_lists[l].months, l < 9 ? 6 : 12);
		if (l < 9) {
			assert_string_equal(annex_a_lists[l].cols[C_GENDER].header, "Gender");
			assert_string_equal(annex_a_lists[l].cols[C_DOB].header, "Date of Birth");
		}
	}
	for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		assert_string_equal(annex_a_lists[anchors[i].list].cols[anchors[i].col].header, anchors[i].header);
	}
	/* Every map's values are non-empty; a code not in a map is a blank cell. */
	assert_string_equal(annex_a_value(AA_MAP_ETHNICITY, "NOBT"), "t) NOBT");
	assert_string_equal(annex_a_value(AA_MAP_SOURCE, "5D"), "p1) 5D: LA services");
	assert_null(annex_a_value(AA_MAP_PLACEMENT, "XX"));
	assert_null(annex_a_value(AA_MAP_PLACEMENT, NULL));
}

static const char *cell(const struct annex_a *aa, int list, size_t row, int col, char *buf)
{
	return annex_a_cell_text(&annex_a_lists[list].cols[col], &annex_a_row(aa, list, row)[col], buf, 32);
}

#define CONTACT(id_, date_, decided_, source_) {.id = id_, .date = date_, .decision_date = decided_, .source = source_}

/* Child 1 (C1, female, WBRI, born 1 Jun 2010: 14 on the as-at date, a learning disability),
 * allocated to worker 1 (Ann One, Team One) since 1 Jan 2025:
 *   contacts 10 Sep 2024 (decided; before the window)                        out
 *            1 Sep 2024 (never decided: open work)                          list 1
 *            1 Jan 2025 from a school (2A), decided                          list 1
 *   referrals 5 Jun 2024 NFA (in the 12 months, not the 6)                  not in list 3
 *             1 Jan 2025 (10) from a school, need N1, open                  list 3 (2 in 12 months)
 *   assessment of referral 10 from 2 Jan, authorised 20 Feb 2025, child seen 10 Jan; a CIN
 *             plan of the referral from 25 Feb: requiring support           list 4
 *   in care from 1 Feb 2025 (S, C1, U6, PR1)                                 list 8
 *   list 6: referral 10, open, the child in care: "a) Looked after child"
 * Child 2 (born 1 Jan 2006) left care 1 Jan 2024 at 18; latest contact 1 Mar 2025: in touch,
 *   D1 (semi-independent, suitable), F2                                      list 9 */
static void the_lists_from_two_children(void **state)
{
	(void)state;
	struct measures_team teams[] = {{1, "Team One", "cin_cp", 0, DATE_NONE}};
	struct measures_worker workers[] = {
		{1, 1, "SW1", "Ann", "One", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE}};
	struct measures_disability dis[] = {{1, true}};
	IN.teams = teams;
	IN.n_teams = 1;
	IN.workers = workers;
	IN.n_workers = 1;
	IN.disability = dis;
	IN.n_disability = 1;
	struct casefile *c1 = child(1, D(2010, 6, 1)), *c2 = child(2, D(2006, 1, 1));
	c1->child.ethnicity = "WBRI";
	c2->child.sex = "M";
	PUT(c1, contacts, struct cf_contact, CONTACT(1, D(2024, 9, 1), NONE, "6"),
	    CONTACT(2, D(2024, 9, 10), D(2024, 9, 10), "1A"), CONTACT(3, D(2025, 1, 1), D(2025, 1, 2), "2A"));
	PUT(c1, referrals, struct cf_referral, {.id = 5, .date = D(2024, 6, 5), .closed = D(2024, 6, 5), .source = "1A", .nfa = true},
	    {.id = 10, .date = D(2025, 1, 1), .closed = NONE, .source = "2A", .need = "N1"});
	PUT(c1, assessments, struct cf_assessment, {.id = 1, .referral_id = 10, .start = D(2025, 1, 2), .authorised = D(2025, 2, 20)});
	PUT(c1, cin_plans, struct cf_plan, {.id = 1, .referral_id = 10, .start = D(2025, 2, 25), .end = NONE});
	PUT(c1, visits, struct cf_visit, {.id = 1, .date = D(2025, 1, 10), .kind = VISIT_CIN, .seen = true});
	PUT(c1, episodes, struct cf_episode,
	    {.id = 1, .start = D(2025, 2, 1), .end = NONE, .rne = "S", .ls = "C1", .cin = "N1", .place = "U6", .provider = "PR1"});
	PUT(c1, allocations, struct cf_allocation,
	    {.id = 1, .worker_id = 1, .team_id = 1, .kind = ALLOC_SOCIAL_WORKER, .start = D(2025, 1, 1), .end = NONE});
	PUT(c2, episodes, struct cf_episode,
	    {.id = 2, .start = D(2015, 1, 1), .end = D(2024, 1, 1), .rne = "S", .ls = "C2", .cin = "N1", .place = "U4", .provider = "PR1", .rec = "E5"});
	PUT(c2, leaver_contacts, struct cf_leaver_contact,
	    {.id = 1, .date = D(2025, 3, 1), .in_touch = "YES", .accommodation = "D1", .activity = "F2", .suitable = true});
	struct annex_a *aa = annex_a_new(&A, &IN, AS_AT);
	annex_a_child(aa, c1);
	annex_a_child(aa, c2);
	char b[32];

	assert_int_equal(aa->lists[0].n, 2);
	assert_string_equal(cell(aa, 0, 0, C_ID, b), "C1");
	assert_string_equal(cell(aa, 0, 0, C_GENDER, b), "b) Female");
	assert_string_equal(cell(aa, 0, 0, C_ETHNICITY, b), "a) WBRI");
	assert_string_equal(cell(aa, 0, 0, C_DOB, b), "01/06/2010");
	assert_string_equal(cell(aa, 0, 0, C_AGE, b), "14");
	assert_string_equal(cell(aa, 0, 0, L1_CONTACT_DATE, b), "01/09/2024");
	assert_string_equal(cell(aa, 0, 0, L1_SOURCE, b), "q) 6: Police");
	assert_string_equal(cell(aa, 0, 1, L1_SOURCE, b), "e) 2A: Schools");

	assert_int_equal(aa->lists[2].n, 1);
	assert_string_equal(cell(aa, 2, 0, L3_DATE, b), "01/01/2025");
	assert_string_equal(cell(aa, 2, 0, L3_NFA, b), "b) No");
	assert_string_equal(cell(aa, 2, 0, L3_REFERRALS_12M, b), "2");
	assert_string_equal(cell(aa, 2, 0, L3_TEAM, b), "Team One");
	assert_string_equal(cell(aa, 2, 0, L3_WORKER, b), "Ann One");

	assert_int_equal(aa->lists[3].n, 1);
	assert_string_equal(cell(aa, 3, 0, L4_DISABILITY, b), "a) Yes");
	assert_string_equal(cell(aa, 3, 0, L4_SEEN, b), "a) Yes");
	assert_string_equal(cell(aa, 3, 0, L4_AUTHORISED, b), "20/02/2025");
	assert_string_equal(cell(aa, 3, 0, L4_SUPPORT, b), "a) Yes");

	assert_int_equal(aa->lists[5].n, 1);
	assert_string_equal(cell(aa, 5, 0, L6_NEED, b), "a) Abuse or neglect");
	assert_string_equal(cell(aa, 5, 0, L6_STATUS, b), "a) Looked after child");
	assert_string_equal(cell(aa, 5, 0, L6_CLOSED, b), "");

	assert_int_equal(aa->lists[7].n, 1);
	assert_string_equal(cell(aa, 7, 0, L8_STARTED, b), "01/02/2025");
	assert_string_equal(cell(aa, 7, 0, L8_LS, b), "a) Interim care orders");
	assert_string_equal(cell(aa, 7, 0, L8_SECOND_PERIOD, b), "b) No");
	assert_string_equal(cell(aa, 7, 0, L8_PLACEMENT, b), "f) U6: Foster placement - not FFA");
	assert_string_equal(cell(aa, 7, 0, L8_PROVIDER, b), "b) PR1: Own provision");
	assert_string_equal(cell(aa, 7, 0, L8_PLACEMENTS_12M, b), "1");
	assert_string_equal(cell(aa, 7, 0, L8_MISSING_12M, b), "0");
	assert_string_equal(cell(aa, 7, 0, L8_CEASED, b), "");

	/* Child 2 is in list 9 only (its care ended before the 6 months). */
	assert_int_equal(aa->lists[8].n, 1);
	assert_string_equal(cell(aa, 8, 0, C_ID, b), "C2");
	assert_string_equal(cell(aa, 8, 0, C_GENDER, b), "a) Male");
	assert_string_equal(cell(aa, 8, 0, C_ETHNICITY, b), "t) NOBT");
	assert_string_equal(cell(aa, 8, 0, L9_DISABILITY, b), "b) No");
	assert_string_equal(cell(aa, 8, 0, L9_ELIGIBILITY, b), "b) Former relevant child");
	assert_string_equal(cell(aa, 8, 0, L9_IN_TOUCH, b), "a) Yes");
	assert_string_equal(cell(aa, 8, 0, L9_CONTACT, b), "01/03/2025");
	assert_string_equal(cell(aa, 8, 0, L9_ACCOMMODATION, b), "c) Semi-independent transitional accommodation");
	assert_string_equal(cell(aa, 8, 0, L9_SUITABILITY, b), "a) Suitable");
	assert_string_equal(cell(aa, 8, 0, L9_ACTIVITY, b), "F2: Full time in education other than higher");
	assert_int_equal(aa->lists[1].n + aa->lists[4].n + aa->lists[6].n + aa->lists[9].n + aa->lists[10].n, 0);

	/* The CSV form: the schema's headers, then the rows, dates dd/mm/yyyy. */
	char dir[] = "/tmp/hearth-annex-a-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct hearth_error err = {0};
	assert_int_equal(annex_a_write_csv(aa, dir, &err), 0);
	char path[128], line[1024];
	snprintf(path, sizeof(path), "%s/list_1.csv", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,"
				  "Contact Source\r\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "C1,b) Female,a) WBRI,01/06/2010,14,01/09/2024,q) 6: Police\r\n");
	fclose(f);
	for (int l = 0; l < ANNEX_A_LISTS; l++) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, annex_a_lists[l].key);
		assert_int_equal(unlink(path), 0);
	}
	rmdir(dir);
	memset(&IN, 0, sizeof(IN));
	settings_defaults(&IN.settings);
}

/* The workbook can be written (its contents are read back and checked against the schema
 * by tests/cli/measures.sh); a path that cannot be written is refused with HERR_IO. */
static void the_workbook_is_written_or_refused(void **state)
{
	(void)state;
	struct annex_a *aa = annex_a_new(&A, &IN, AS_AT);
	char dir[] = "/tmp/hearth-annex-a-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/a.xlsx", dir);
	struct hearth_error err = {0};
	assert_int_equal(annex_a_write_xlsx(aa, path, &err), 0);
	assert_int_equal(access(path, R_OK), 0);
	unlink(path);
	rmdir(dir);
	assert_int_equal(annex_a_write_xlsx(aa, "/nonexistent-dir/a.xlsx", &err), HERR_IO);
	assert_int_equal(annex_a_write_csv(aa, "/nonexistent-dir/x/y", &err), HERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_column_positions_match_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(the_lists_from_two_children, setup, teardown),
		cmocka_unit_test_setup_teardown(the_workbook_is_written_or_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
