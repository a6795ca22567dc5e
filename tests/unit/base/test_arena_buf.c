/* The arena and the growable buffer: memory that lives and dies as promised. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"

static void arena_allocates_zeroed_aligned(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	for (int i = 1; i < 2000; i += 37) {
		unsigned char *p = arena_alloc(&a, (size_t)i);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (int k = 0; k < i; k++) {
			assert_int_equal(p[k], 0);
		}
		memset(p, 0xab, (size_t)i);
	}
	/* A request bigger than a block gets its own. */
	char *big = arena_alloc(&a, 1 << 20);
	big[(1 << 20) - 1] = 1;
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 42), "x-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	int *arr = arena_grow(&a, NULL, 0, 4, sizeof(int));
	arr[3] = 7;
	arr = arena_grow(&a, arr, 4, 8, sizeof(int));
	assert_int_equal(arr[3], 7);
	arena_free(&a);
	assert_null(a.head);
}

/* What another arena made lives on in the one that adopts it, which still fills its own
 * block first; the adopted one is left empty and usable. Under ASan a block lost or freed
 * twice fails here. */
static void arena_adopts_another(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT, b = ARENA_INIT, empty = ARENA_INIT;
	char *mine = arena_strdup(&a, "mine");
	char *theirs = arena_strdup(&b, "theirs");
	for (int i = 0; i < 40; i++) {
		arena_alloc(&b, 4000); /* past one block of 64 KB: b has two */
	}
	size_t total = a.total + b.total;
	arena_adopt(&a, &b);
	arena_adopt(&a, &empty);
	assert_null(b.head);
	assert_int_equal(b.total, 0);
	assert_int_equal(a.total, total);
	char *next = arena_alloc(&a, 16);
	assert_ptr_equal(next, mine + 16); /* a's own block, not one of b's */
	assert_string_equal(mine, "mine");
	assert_string_equal(theirs, "theirs");
	assert_string_equal(arena_strdup(&b, "again"), "again");
	arena_free(&b);
	struct arena c = ARENA_INIT;
	arena_adopt(&c, &a); /* into an empty arena */
	assert_null(a.head);
	assert_string_equal(theirs, "theirs");
	arena_free(&c);
}

static void buf_grows(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++) {
		buf_printf(&b, "%d,", i % 10);
	}
	assert_int_equal(b.len, 2000);
	buf_reset(&b);
	buf_puts(&b, "a");
	buf_putc(&b, 'b');
	assert_string_equal(buf_cstr(&b), "ab");
	char *s = buf_take(&b);
	assert_string_equal(s, "ab");
	free(s);
	buf_free(&b);
}

static void errors_name_field_and_rule(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	char line[600];
	assert_int_equal(herr_set(&e, HERR_INVALID, "dob", "not_after_events", "too late"), HERR_INVALID);
	assert_string_equal(herr_line(&e, line, sizeof(line)), "dob: too late (rule: not_after_events)");
	assert_int_equal(herr_set(NULL, HERR_IO, "", "", "ignored"), HERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocates_zeroed_aligned),
		cmocka_unit_test(arena_adopts_another),
		cmocka_unit_test(buf_grows),
		cmocka_unit_test(errors_name_field_and_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
