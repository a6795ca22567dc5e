/* test_password: the password rules (model/password.h), the settings that carry sign-in's
 * policy (model/settings.h) and the throttle's wait (web_auth_delay).
 *
 * The deny-list must stay sorted and lower case (password_denied searches it by bisection:
 * a misplaced entry would silently never match); decorated forms of listed passwords are
 * refused; passphrases are not; lengths count characters, and the byte maximum is refused,
 * never cut. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/password.h"
#include "model/settings.h"
#include "web/http/http.h"

static void test_deny_list_sorted_lower(void **state)
{
	(void)state;
	assert_true(password_deny_count >= 300);
	for (size_t i = 0; i < password_deny_count; i++) {
		for (const char *p = password_deny_list[i]; *p; p++) {
			assert_false(*p >= 'A' && *p <= 'Z');
		}
		if (i > 0) {
			assert_true(strcmp(password_deny_list[i - 1], password_deny_list[i]) < 0);
		}
		/* Every entry is found: the bisection reaches each one. */
		assert_true(password_denied(password_deny_list[i], NULL));
	}
}

static void test_denied(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"password",	 "Password2024!!", "P@ssw0rd123456", "PASSWORD1234",	"qwertyuiop123", "1qaz2wsx3edc",
		"123456789012",	 "!!!!!!!!!!!!",   "abcabcabcabc",   "zzzzzzzzzzzzz",	"Liverpool1892!", "monkey123456",
		"Hearth2026!!!", "h3@rth",	   "asdfghjkl;'#",   "9876543210987", "iloveyou1234",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!password_denied(bad[i], "alice")) {
			fail_msg("'%s' was not refused", bad[i]);
		}
	}
	assert_true(password_denied("alice.smith99", "alice.smith"));
	assert_true(password_denied("Alice.Smith!!", "alice.smith"));
	static const char *const good[] = {
		"correct horse on the stairs", "hearth-test-password", "tangerine kettle drift", "Mój pies lubi śnieg",
		"alice and the lighthouse",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (password_denied(good[i], "alice")) {
			fail_msg("'%s' was refused", good[i]);
		}
	}
}

static void test_check(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	assert_int_equal(password_check("tangerine kettle", 16, "bob", 12, &err), 0);
	assert_int_equal(password_check("short one", 9, "bob", 12, &err), HERR_INVALID);
	assert_string_equal(err.field, "password");
	assert_string_equal(err.rule, "password_length");
	/* Characters, not bytes: 12 two-byte letters pass a minimum of 12. */
	const char *greek = "αβγδεζηθικλμ";
	assert_int_equal(password_chars(greek), 12);
	assert_int_equal(password_check(greek, strlen(greek), "bob", 12, &err), 0);
	assert_int_equal(password_check("Password2024!!", 14, "bob", 12, &err), HERR_INVALID);
	assert_string_equal(err.rule, "common");
	/* A NUL inside what was read is not silently the end. */
	assert_int_equal(password_check("tangerine kettle\0more", 21, "bob", 12, &err), HERR_INVALID);
	assert_string_equal(err.rule, "text");
	/* The maximum is accepted; one byte more is refused with the count. */
	char big[PASSWORD_MAX_BYTES + 2];
	for (size_t i = 0; i < sizeof(big) - 1; i++) {
		big[i] = (char)('a' + (i * 7 + i / 26) % 26);
	}
	big[PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(password_check(big, PASSWORD_MAX_BYTES, "bob", 12, &err), 0);
	big[PASSWORD_MAX_BYTES] = 'q';
	big[PASSWORD_MAX_BYTES + 1] = '\0';
	assert_int_equal(password_check(big, PASSWORD_MAX_BYTES + 1, "bob", 12, &err), HERR_INVALID);
	assert_string_equal(err.rule, "password_length");
	assert_non_null(strstr(err.message, "1025"));
}

static void test_signin_settings(void **state)
{
	(void)state;
	struct settings s;
	settings_defaults(&s);
	assert_int_equal(s.signin_free_failures, 5);
	assert_int_equal(s.signin_address_free_failures, 100);
	assert_int_equal(s.password_min_length, 12);
	assert_int_equal(s.session_idle_minutes, 30);
	assert_int_equal(s.session_absolute_hours, 12);
	assert_int_equal(s.n_proxies, 0);
	assert_false(s.secure_cookies);
	struct hearth_error err = {0};
	assert_int_equal(settings_apply(&s, "trusted_proxies", "10.0.0.2,::ffff:10.0.0.3,2001:db8:0::1", &err), 0);
	assert_int_equal(s.n_proxies, 3);
	assert_string_equal(s.proxies[2], "2001:db8::1"); /* written as the server writes addresses */
	assert_true(settings_trusted_proxy(&s, "10.0.0.2"));
	assert_false(settings_trusted_proxy(&s, "10.0.0.20"));
	assert_int_equal(settings_apply(&s, "trusted_proxies", "10.0.0.2,", &err), HERR_INVALID);
	assert_string_equal(err.rule, "addresses");
	assert_int_equal(settings_apply(&s, "trusted_proxies", "10.0.0.0/8", &err), HERR_INVALID);
	assert_int_equal(s.n_proxies, 3); /* unchanged by a refusal */
	assert_int_equal(settings_apply(&s, "trusted_proxies", "none", &err), 0);
	assert_int_equal(s.n_proxies, 0);
	assert_int_equal(settings_apply(&s, "secure_cookies", "yes", &err), 0);
	assert_true(s.secure_cookies);
	assert_int_equal(settings_apply(&s, "secure_cookies", "true", &err), HERR_INVALID);
	assert_string_equal(err.rule, "yes_no");
	assert_int_equal(settings_apply(&s, "password_min_length", "6", &err), HERR_INVALID);
	assert_string_equal(err.rule, "range");
}

static void test_delay(void **state)
{
	(void)state;
	assert_int_equal(web_auth_delay(0, 5, 15, 3600), 0);
	assert_int_equal(web_auth_delay(4, 5, 15, 3600), 0);
	assert_int_equal(web_auth_delay(5, 5, 15, 3600), 15);
	assert_int_equal(web_auth_delay(6, 5, 15, 3600), 30);
	assert_int_equal(web_auth_delay(9, 5, 15, 3600), 240);
	assert_int_equal(web_auth_delay(13, 5, 15, 3600), 3600);
	assert_int_equal(web_auth_delay(1000000, 5, 15, 3600), 3600); /* no overflow */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deny_list_sorted_lower), cmocka_unit_test(test_denied),
		cmocka_unit_test(test_check),		       cmocka_unit_test(test_signin_settings),
		cmocka_unit_test(test_delay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
