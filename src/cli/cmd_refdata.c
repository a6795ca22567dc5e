/* cmd_refdata: the reference data the returns' rules need, loaded once into the record.
 *
 *   hearth refdata DB import providers FILE.csv   Ofsted's register of providers
 *   hearth refdata DB import postcodes FILE.csv   the ONS postcode directory
 *   hearth refdata DB                             what is loaded
 *
 * The files are read as hearth validate --providers / --postcodes reads them
 * (src/returns/refdata.c; the columns are in the README). An import replaces what was
 * loaded before, in one transaction: reference data is no child's record. The register's
 * Sector column (rule 224) is kept when the file has it; a register without it still
 * imports, and 224 is then listed as not run. Last year's
 * return needs no import of its own: it is the record's own history (import last year's
 * files with hearth import DB ssda903 DIR --year Y-1). hearth validate DB then runs the
 * rules that need them. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "returns/returns.h"

static int usage(void)
{
	fputs("usage: hearth refdata DB [import providers|postcodes FILE.csv]\n", stderr);
	return EXIT_USAGE;
}

struct rows {
	struct arena *a;
	struct store_ref_provider *p;
	struct store_ref_postcode *q;
	size_t n, cap;
};

static void add_provider(void *ctx, const char *urn, const char *type, const char *postcode, hdate registered,
			 hdate closed, const char *sector)
{
	struct rows *r = ctx;
	if (r->n == r->cap) {
		r->p = arena_grow(r->a, r->p, r->n, r->cap = r->cap ? r->cap * 2 : 256, sizeof(*r->p));
	}
	r->p[r->n++] = (struct store_ref_provider){urn, type, postcode, registered, closed, sector};
}

static void add_postcode(void *ctx, const char *postcode, const char *district, double lat, double lon)
{
	struct rows *r = ctx;
	if (r->n == r->cap) {
		r->q = arena_grow(r->a, r->q, r->n, r->cap = r->cap ? r->cap * 2 : 256, sizeof(*r->q));
	}
	r->q[r->n++] = (struct store_ref_postcode){postcode, district, lat, lon};
}

static int import(struct store *st, const char *what, const char *path)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_refdata *rd = returns_refdata_new(&a);
	struct rows r = {&a, NULL, NULL, 0, 0};
	bool providers = strcmp(what, "providers") == 0;
	int rc = providers ? returns_refdata_providers(rd, path, &err) : returns_refdata_postcodes(rd, path, &err);
	if (!rc && providers) {
		returns_refdata_each_provider(rd, add_provider, &r);
		rc = store_ref_providers_replace(st, r.p, r.n, &err);
	} else if (!rc) {
		returns_refdata_each_postcode(rd, add_postcode, &r);
		rc = store_ref_postcodes_replace(st, r.q, r.n, &err);
	}
	if (rc) {
		cli_error(&err);
	} else {
		printf("refdata: %zu %s from %s (what was loaded before is replaced)\n", r.n, what, path);
		if (providers && !(returns_refdata_have(rd) & REF_PROVIDER_SECTOR)) {
			printf("refdata: the register has no Sector column: rule 224 will not run\n");
		}
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int show(struct store *st)
{
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	struct returns_refdata *rd = returns_refdata_new(&a);
	int rc = returns_refdata_load(st, rd, &err);
	if (rc) {
		cli_error(&err);
	} else {
		const char *la = returns_refdata_la_codes_text(rd);
		printf("providers: %zu (Ofsted's register%s)\npostcodes: %zu (the ONS postcode directory)\n"
		       "last year's return: the record's own history\nthe LA's ONS codes: %s (the setting la_ons_codes)\n",
		       returns_refdata_count(rd, REF_PROVIDERS),
		       returns_refdata_have(rd) & REF_PROVIDER_SECTOR ? ", with each provider's Sector" : "",
		       returns_refdata_count(rd, REF_POSTCODES), la ? la : "none: rules 229 and 503J will not run");
	}
	arena_free(&a);
	return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_refdata(int argc, char **argv)
{
	bool importing = argc == 5 && strcmp(argv[2], "import") == 0 &&
			 (strcmp(argv[3], "providers") == 0 || strcmp(argv[3], "postcodes") == 0);
	if (argc != 2 && !importing) {
		return usage();
	}
	struct store *st = cli_open(argv[1], importing ? STORE_WRITE : STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	int rc = importing ? import(st, argv[3], argv[4]) : show(st);
	store_close(st);
	return rc;
}
