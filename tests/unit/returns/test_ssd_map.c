/* test_ssd_map: the SSD mapping table keeps its invariants, so a slip in the table of facts
 * is caught before any export runs: 46 tables in the SSD's (alphabetical) order, unique
 * table names and, per table, unique column names carrying the table's prefix and an item
 * reference; a field column names a field of its source kind; a person column names a
 * reference to a child (or the child row itself); a converter has a function and a note; a
 * table without a source writes nothing but empty columns, each with a reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "returns/ssd.h"

static void test_tables(void **state)
{
	(void)state;
	assert_int_equal(ssd_table_count, 46);
	for (int t = 0; t < ssd_table_count; t++) {
		const struct ssd_table *tb = &ssd_tables[t];
		assert_true(strncmp(tb->name, "ssd_", 4) == 0);
		if (t > 0) {
			assert_true(strcmp(ssd_tables[t - 1].name, tb->name) < 0);
		}
		assert_true(tb->n_cols > 0);
	}
}

static void test_columns(void **state)
{
	(void)state;
	for (int t = 0; t < ssd_table_count; t++) {
		const struct ssd_table *tb = &ssd_tables[t];
		const char *prefix_end = strchr(tb->cols[0].name, '_');
		assert_non_null(prefix_end);
		size_t plen = (size_t)(prefix_end - tb->cols[0].name) + 1;
		for (int c = 0; c < tb->n_cols; c++) {
			const struct ssd_column *col = &tb->cols[c];
			assert_true(strncmp(col->name, tb->cols[0].name, plen) == 0);
			assert_true(col->item && strlen(col->item) >= 8);
			for (int d = 0; d < c; d++) {
				assert_true(strcmp(tb->cols[d].name, col->name) != 0);
			}
			switch (col->how) {
			case SSD_FIELD:
				assert_non_null(tb->source);
				assert_true(col->field >= 0 && col->field < tb->source->n_fields);
				break;
			case SSD_PERSON:
				assert_non_null(tb->source);
				if (col->field < 0) {
					assert_ptr_equal(tb->source, &entity_child);
				} else {
					const struct field *f = &tb->source->fields[col->field];
					assert_int_equal(f->type, FT_REF);
					assert_string_equal(f->arg, "child");
				}
				break;
			case SSD_CONV:
				assert_non_null(tb->source);
				assert_non_null(col->conv);
				assert_non_null(col->note);
				break;
			case SSD_ID:
				assert_non_null(tb->source);
				break;
			default:
				if (!tb->source) {
					assert_non_null(col->note);
				}
				break;
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
