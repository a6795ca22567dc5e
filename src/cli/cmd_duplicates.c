/* cmd_duplicates: possible duplicate records of one child (work/duplicates.h).
 *
 *   hearth duplicates DB [--format text|json]
 *       every likely pair, strongest first: the two children, the score, the reasons
 *   hearth duplicates DB --not-same A B --reason R
 *       marks children A and B (ids or LA child ids) "not the same child": remembered, so
 *       the list stops offering them; audited on both
 *
 * The shell sees every child, restricted records too (as every hearth command does). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/resolve.h"
#include "work/duplicates.h"

static int usage(void)
{
	fprintf(stderr, "usage: hearth duplicates DB [--format text|json] | DB --not-same A B --reason R\n");
	return EXIT_USAGE;
}

static void reasons_text(unsigned r, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < DUP_REASONS; i++) {
		if (r & (1u << i)) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s", len ? "; " : "", dup_reason_text((enum dup_reason)(1u << i)));
		}
	}
}

static json_t *child_json(const struct dup_child *c)
{
	char d[DATE_STR_SIZE];
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)c->id, "la_child_id",
			 c->la_child_id, "given_name", c->given_name, "family_name", c->family_name, "dob",
			 c->dob != DATE_NONE ? date_format(c->dob, d) : NULL, "expected_dob",
			 c->expected_dob != DATE_NONE ? date_format(c->expected_dob, d) : NULL);
}

static int list(struct store *st, enum cli_format format)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct dup_pair *pairs;
	size_t n;
	if (work_duplicates(st, NULL, &a, &pairs, &n, &err)) {
		cli_error(&err);
		arena_free(&a);
		return EXIT_FAIL;
	}
	if (format == FORMAT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *why = json_array();
			for (int k = 0; k < DUP_REASONS; k++) {
				if (pairs[i].reasons & (1u << k)) {
					json_array_append_new(why, json_string(dup_reason_key((enum dup_reason)(1u << k))));
				}
			}
			json_array_append_new(arr, json_pack("{s:i, s:o, s:o, s:o}", "score", pairs[i].score, "reasons", why,
							     "a", child_json(pairs[i].a), "b", child_json(pairs[i].b)));
		}
		json_t *doc = json_pack("{s:s, s:o}", "identifier", work_consistent_identifier(st, &a), "pairs", arr);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(doc);
	} else {
		printf("%-5s %-8s %-10s %-28s %-8s %-10s %-28s %s\n", "SCORE", "ID", "LA ID", "NAME", "ID", "LA ID", "NAME",
		       "REASONS");
		for (size_t i = 0; i < n; i++) {
			char why[512], na[80], nb[80];
			reasons_text(pairs[i].reasons, why, sizeof(why));
			const struct dup_child *x = pairs[i].a, *y = pairs[i].b;
			snprintf(na, sizeof(na), "%s %s", x->given_name ? x->given_name : "", x->family_name ? x->family_name : "");
			snprintf(nb, sizeof(nb), "%s %s", y->given_name ? y->given_name : "", y->family_name ? y->family_name : "");
			printf("%-5d %-8lld %-10s %-28s %-8lld %-10s %-28s %s\n", pairs[i].score, (long long)x->id,
			       x->la_child_id ? x->la_child_id : "", na, (long long)y->id, y->la_child_id ? y->la_child_id : "",
			       nb, why);
		}
		printf("%zu possible duplicate pair%s\n", n, n == 1 ? "" : "s");
	}
	arena_free(&a);
	return EXIT_OK;
}

static int not_same(struct store *st, const char *a_text, const char *b_text, const char *reason)
{
	struct hearth_error err = {0};
	int64_t a_id, b_id;
	if (resolve_ref(st, "child", a_text, &a_id, &err) || resolve_ref(st, "child", b_text, &b_id, &err) ||
	    store_not_duplicate_add(st, cli_actor(), a_id, b_id, reason, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	printf("children %lld and %lld marked not the same child\n", (long long)a_id, (long long)b_id);
	return EXIT_OK;
}

int cmd_duplicates(int argc, char **argv)
{
	const char *format_name = "text", *reason = NULL;
	bool mark = false;
	struct cli_opt opts[] = {
		{"--format", OPT_STR, &format_name, false},
		{"--not-same", OPT_FLAG, &mark, false},
		{"--reason", OPT_STR, &reason, false},
	};
	char *pos[3];
	int n_pos;
	enum cli_format format;
	if (cli_parse(argc, argv, 1, opts, 3, pos, 3, &n_pos) ||
	    cli_format(format_name, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON), &format)) {
		return usage();
	}
	if (mark ? n_pos != 3 : (n_pos != 1 || reason)) {
		return usage();
	}
	if (mark && (!reason || !*reason)) {
		cli_fail("reason: a reason is required to mark two children not the same child (rule: required)");
		return EXIT_FAIL;
	}
	struct store *st = cli_open(pos[0], mark ? STORE_WRITE : STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	int rc = mark ? not_same(st, pos[1], pos[2], reason) : list(st, format);
	store_close(st);
	return rc;
}
