/* test_codes: the code lists keep their invariants and the lookups answer correctly.
 *
 * Checks every list (non-empty, unique non-empty codes, non-empty labels, sane years),
 * the index (unique names, sorted for bsearch, every list the model needs present), the
 * lookups for good, unknown and NULL input, and year validity of codes the SSDA903 diff
 * files add or withdraw. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <string.h>

#include "model/codes.h"

/* The lists Hearth's entities and returns name. */
static const char *const expected_lists[] = {
	"sex", "ethnicity", "disability", "referral_source", "primary_need", "cla_need",
	"closure_reason", "cp_category", "assessment_factor", "legal_status", "rne", "placement",
	"place_provider", "rec", "reason_place_change", "sw_reason", "review_participation",
	"oc3_in_touch", "oc3_activity", "oc3_accommodation", "oc2_sdq_reason", "ad1_ls_adoptr",
	"ad1_sex_adoptr", "reason_placed_ceased", "prev_perm", "contact_decision", "eh_end_reason",
	"visit_kind", "health_kind", "allocation_kind", "worker_role", "workforce_role",
	"workforce_leaving_reason", "team_service", "relationship", "proceedings_order",
	"permanence_plan", "lado_category", "lado_sector", "lado_outcome", "lado_received_by", "inspection_kind",
	"inspection_grade", "sen", "participation_kind", "nhs_source", "note_kind", "upn_unknown",
	"workforce_qual_level", "workforce_origin", "workforce_destination", "workforce_absence",
	"workforce_cfkss", "pp_outcome", "pp_meeting_kind", "kinship_kind", "family_help_level", "lead_agency", "macpt_agency", "inspection_framework",
};

static void test_lists_nonempty(void **state)
{
	(void)state;
	assert_true(model_codelist_count > 0);
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = &model_codelists[i];
		assert_non_null(l->name);
		assert_non_null(l->description);
		assert_true(l->description[0] != '\0');
		assert_non_null(l->codes);
		assert_true(l->n > 0);
	}
}

static void test_codes_and_labels_nonempty(void **state)
{
	(void)state;
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = &model_codelists[i];
		for (size_t j = 0; j < l->n; j++) {
			const struct code *c = &l->codes[j];
			assert_non_null(c->code);
			assert_non_null(c->label);
			assert_true(c->code[0] != '\0');
			assert_true(c->label[0] != '\0');
			/* Codes are exchanged verbatim: no surrounding or embedded white space. */
			for (const char *p = c->code; *p; p++) {
				assert_false(isspace((unsigned char)*p));
			}
		}
	}
}

static void test_codes_unique_within_list(void **state)
{
	(void)state;
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = &model_codelists[i];
		for (size_t j = 0; j < l->n; j++) {
			for (size_t k = j + 1; k < l->n; k++) {
				if (strcmp(l->codes[j].code, l->codes[k].code) == 0) {
					fail_msg("list %s repeats code %s", l->name, l->codes[j].code);
				}
			}
		}
	}
}

static void test_year_ranges_ordered(void **state)
{
	(void)state;
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = &model_codelists[i];
		for (size_t j = 0; j < l->n; j++) {
			const struct code *c = &l->codes[j];
			assert_true(c->from_year >= 0 && c->to_year >= 0);
			if (c->from_year && c->to_year) {
				assert_true(c->from_year <= c->to_year);
			}
		}
	}
}

/* Unique and in strcmp order: codelist_find() relies on bsearch. */
static void test_list_names_unique_and_sorted(void **state)
{
	(void)state;
	for (size_t i = 1; i < model_codelist_count; i++) {
		if (strcmp(model_codelists[i - 1].name, model_codelists[i].name) >= 0) {
			fail_msg("lists out of order or repeated: %s, %s", model_codelists[i - 1].name,
				 model_codelists[i].name);
		}
	}
}

static void test_expected_lists_present(void **state)
{
	(void)state;
	size_t n = sizeof(expected_lists) / sizeof(expected_lists[0]);
	for (size_t i = 0; i < n; i++) {
		if (!codelist_find(expected_lists[i])) {
			fail_msg("list %s is missing", expected_lists[i]);
		}
	}
	assert_int_equal(model_codelist_count, n);
}

/* Every list and every code can be found again through the public lookups. */
static void test_find_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = &model_codelists[i];
		assert_ptr_equal(codelist_find(l->name), l);
		for (size_t j = 0; j < l->n; j++) {
			assert_ptr_equal(code_find(l, l->codes[j].code), &l->codes[j]);
			assert_true(code_valid(l->name, l->codes[j].code));
			assert_string_equal(code_label(l->name, l->codes[j].code), l->codes[j].label);
		}
	}
}

static void test_find_good(void **state)
{
	(void)state;
	const struct codelist *ls = codelist_find("legal_status");
	assert_non_null(ls);
	assert_string_equal(ls->name, "legal_status");
	assert_int_equal(ls->n, 13);
	const struct code *c = code_find(ls, "C2");
	assert_non_null(c);
	assert_string_equal(c->label, "Full care order");
	assert_true(code_valid("legal_status", "C2"));
	assert_true(code_valid("referral_source", "10"));
	assert_true(code_valid("assessment_factor", "21"));
	assert_true(code_valid("oc3_activity", "0"));
	assert_true(code_valid("sex", "U"));
	assert_true(code_valid("contact_decision", "early_help"));
	/* The first and last lists, the edges of the binary search. */
	assert_non_null(codelist_find(model_codelists[0].name));
	assert_non_null(codelist_find(model_codelists[model_codelist_count - 1].name));
}

static void test_find_bad_unknown_list(void **state)
{
	(void)state;
	assert_null(codelist_find("no_such_list"));
	assert_null(codelist_find(""));
	assert_null(codelist_find("Legal_status"));
	assert_null(codelist_find("legal_status "));
	assert_false(code_valid("no_such_list", "C2"));
	assert_false(code_valid_in_year("no_such_list", "C2", 2025));
	/* A code from another list is not valid here. */
	assert_false(code_valid("rne", "C2"));
}

static void test_find_bad_unknown_code(void **state)
{
	(void)state;
	const struct codelist *ls = codelist_find("legal_status");
	assert_non_null(ls);
	assert_null(code_find(ls, "C9"));
	assert_null(code_find(ls, ""));
	assert_null(code_find(ls, "c2"));	/* case matters */
	assert_null(code_find(ls, "C"));	/* a prefix is not a match */
	assert_null(code_find(ls, "C22"));
	assert_null(code_find(ls, " C2"));
	assert_false(code_valid("legal_status", "C9"));
	assert_false(code_valid("sex", "1"));	/* 1/2 are export encodings, not stored codes */
	assert_false(code_valid("primary_need", "N10"));
}

static void test_find_bad_null(void **state)
{
	(void)state;
	assert_null(codelist_find(NULL));
	assert_null(code_find(NULL, "C2"));
	assert_null(code_find(codelist_find("legal_status"), NULL));
	assert_false(code_valid(NULL, "C2"));
	assert_false(code_valid("legal_status", NULL));
	assert_false(code_valid(NULL, NULL));
	assert_false(code_valid_in_year(NULL, "C2", 2025));
	assert_false(code_valid_in_year("legal_status", NULL, 2025));
	assert_false(code_in_year(NULL, 2025));
}

static void test_label_good(void **state)
{
	(void)state;
	assert_string_equal(code_label("legal_status", "C2"), "Full care order");
	assert_string_equal(code_label("closure_reason", "RC1"), "Adopted");
	assert_string_equal(code_label("inspection_grade", "requires_improvement"),
			    "Requires improvement to be good");
}

static void test_label_bad_unknown(void **state)
{
	(void)state;
	/* The code itself, the very pointer passed, when there is no label. */
	const char *code = "ZZ9";
	assert_ptr_equal(code_label("legal_status", code), code);
	assert_ptr_equal(code_label("no_such_list", code), code);
	assert_ptr_equal(code_label(NULL, code), code);
	assert_string_equal(code_label("legal_status", ""), "");
}

static void test_label_bad_null(void **state)
{
	(void)state;
	assert_null(code_label("legal_status", NULL));
	assert_null(code_label(NULL, NULL));
}

/* The validator's rule 146 lists (changes-2026/ssda903_place_codes_by_year.csv): 2024-25
 * (2025) gains K3 and keeps H5, P2 and Z1; 2025-26 (2026) loses them and gains Z11-Z14. */
static void test_year_placement(void **state)
{
	(void)state;
	assert_true(code_valid_in_year("placement", "H5", 2024));
	assert_true(code_valid_in_year("placement", "H5", 2025));
	assert_false(code_valid_in_year("placement", "H5", 2026));
	assert_true(code_valid_in_year("placement", "P2", 2025));
	assert_false(code_valid_in_year("placement", "P2", 2026));
	assert_false(code_valid_in_year("placement", "K3", 2024));
	assert_true(code_valid_in_year("placement", "K3", 2025));
	assert_true(code_valid_in_year("placement", "K3", 2026));
	assert_false(code_valid_in_year("placement", "Z11", 2025));
	assert_true(code_valid_in_year("placement", "Z11", 2026));
	assert_true(code_valid_in_year("placement", "Z1", 2017));
	assert_true(code_valid_in_year("placement", "Z1", 2025));
	assert_false(code_valid_in_year("placement", "Z1", 2026));
	/* Withdrawn codes stay known, so old records still read and label. */
	assert_true(code_valid("placement", "H5"));
}

/* SSDA903_schema_2019.diff.yml: episodes.REC loses E43 and E44 and gains E45-E48;
 * REASON_PLACE_CHANGE gains CUSTOD. */
static void test_year_rec(void **state)
{
	(void)state;
	assert_true(code_valid_in_year("rec", "E43", 2018));
	assert_false(code_valid_in_year("rec", "E43", 2019));
	assert_false(code_valid_in_year("rec", "E44", 2019));
	assert_false(code_valid_in_year("rec", "E45", 2018));
	assert_true(code_valid_in_year("rec", "E45", 2019));
	assert_true(code_valid_in_year("rec", "E48", 2025));
	assert_true(code_valid_in_year("rec", "E41", 2018));
	assert_true(code_valid_in_year("rec", "E41", 2026));
	assert_false(code_valid_in_year("reason_place_change", "CUSTOD", 2018));
	assert_true(code_valid_in_year("reason_place_change", "CUSTOD", 2019));
}

/* SSDA903_schema_2022.diff.yml: oc3.ACTIV loses F3 and P3 and gains F4, P4, F5, P5. */
static void test_year_oc3_activity(void **state)
{
	(void)state;
	assert_true(code_valid_in_year("oc3_activity", "F3", 2021));
	assert_false(code_valid_in_year("oc3_activity", "F3", 2022));
	assert_false(code_valid_in_year("oc3_activity", "P5", 2021));
	assert_true(code_valid_in_year("oc3_activity", "P5", 2022));
	assert_true(code_valid_in_year("oc3_activity", "G6", 2017));
}

/* SSDA903_schema_2024.diff.yml: the social_worker table, with SW_REASON, is new. */
static void test_year_sw_reason(void **state)
{
	(void)state;
	assert_false(code_valid_in_year("sw_reason", "MANAGE", 2023));
	assert_true(code_valid_in_year("sw_reason", "MANAGE", 2024));
	assert_true(code_valid_in_year("sw_reason", "OTHERS", 2026));
}

static void test_year_open_ended(void **state)
{
	(void)state;
	assert_true(code_valid_in_year("legal_status", "C2", 1990));
	assert_true(code_valid_in_year("legal_status", "C2", 2100));
	assert_true(code_valid_in_year("sex", "M", 2020));
	const struct code open = { "X", "x", 0, 0 };
	const struct code bounded = { "X", "x", 2019, 2021 };
	assert_true(code_in_year(&open, 0));
	assert_false(code_in_year(&bounded, 2018));
	assert_true(code_in_year(&bounded, 2019));
	assert_true(code_in_year(&bounded, 2021));
	assert_false(code_in_year(&bounded, 2022));
}

static void test_year_bad_unknown_code(void **state)
{
	(void)state;
	assert_false(code_valid_in_year("placement", "H6", 2024));
	assert_false(code_valid_in_year("placement", "", 2024));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_nonempty),
		cmocka_unit_test(test_codes_and_labels_nonempty),
		cmocka_unit_test(test_codes_unique_within_list),
		cmocka_unit_test(test_year_ranges_ordered),
		cmocka_unit_test(test_list_names_unique_and_sorted),
		cmocka_unit_test(test_expected_lists_present),
		cmocka_unit_test(test_find_round_trip),
		cmocka_unit_test(test_find_good),
		cmocka_unit_test(test_find_bad_unknown_list),
		cmocka_unit_test(test_find_bad_unknown_code),
		cmocka_unit_test(test_find_bad_null),
		cmocka_unit_test(test_label_good),
		cmocka_unit_test(test_label_bad_unknown),
		cmocka_unit_test(test_label_bad_null),
		cmocka_unit_test(test_year_placement),
		cmocka_unit_test(test_year_rec),
		cmocka_unit_test(test_year_oc3_activity),
		cmocka_unit_test(test_year_sw_reason),
		cmocka_unit_test(test_year_open_ended),
		cmocka_unit_test(test_year_bad_unknown_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
