/* html: the escaping writer. Every %s is escaped for text and attributes alike; numbers
 * are written as printf would; markup comes only from the literal format. */
#include "test.h"

#include <stdint.h>
#include <string.h>

#include "web/http/html.h"

static const char *written(struct html *h)
{
	return buf_cstr(&h->b);
}

static void text_is_escaped(void **state)
{
	(void)state;
	struct html h = {BUF_INIT};
	html_f(&h, "<p title=\"%s\">%s</p>", "a\"b'c", "<script>alert(1)</script> & more");
	assert_string_equal(written(&h), "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
	html_free(&h);
}

static void numbers_as_printf(void **state)
{
	(void)state;
	struct html h = {BUF_INIT};
	html_f(&h, "%d|%5d|%-3d|%lld|%zu|%u|%x|%02d|%ld|%%", -7, 42, 1, (long long)INT64_MAX, (size_t)9, 3u, 255u, 5,
	       -2L);
	assert_string_equal(written(&h), "-7|   42|1  |9223372036854775807|9|3|ff|05|-2|%");
	html_free(&h);
}

static void precision_null_and_char(void **state)
{
	(void)state;
	struct html h = {BUF_INIT};
	const char *volatile none = NULL; /* a blank value, as a row's may be */
	html_f(&h, "[%.*s][%s][%c]", 3, "<<<<<<", none, '&');
	assert_string_equal(written(&h), "[&lt;&lt;&lt;][][&amp;]");
	html_free(&h);
}

static void fragments_and_urls(void **state)
{
	(void)state;
	struct html part = {BUF_INIT}, h = {BUF_INIT};
	html_f(&part, "<b>%s</b>", "x<y");
	html_f(&h, "<div>");
	html_fragment(&h, &part);
	char q[64];
	html_f(&h, "<a href=\"/search?q=%s\">", html_url_encode("Amy & Jo/é", q, sizeof(q)));
	assert_string_equal(written(&h), "<div><b>x&lt;y</b><a href=\"/search?q=Amy%20%26%20Jo%2F%C3%A9\">");
	html_free(&part);
	html_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(numbers_as_printf),
		cmocka_unit_test(precision_null_and_char),
		cmocka_unit_test(fragments_and_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
