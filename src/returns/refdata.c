/* refdata: the reference data some SSDA903 rules compare a return with, and those rules.
 *
 * Three inputs, each given once by the user (hearth validate --last-year / --providers /
 * --postcodes, or hearth refdata DB import into the record), and the LA's own ONS codes
 * (hearth validate --la-code, or the setting la_ons_codes in the record):
 *   - last year's return: its SSDA903 CSV tables, read as the year's own are (read903.c);
 *   - Ofsted's register of providers: a CSV with a row per URN (its provider type, its
 *     postcode, and when it was registered and closed);
 *   - the ONS postcode directory: a CSV with a row per postcode (its local authority
 *     district and its latitude and longitude);
 *   - the LA's codes: the districts (as the directory names them) that are the LA's area.
 * A rule here names what it needs (refs); the engine runs it only when that is given, and
 * the report lists the rules not run and why (returns_rule_refs_missing).
 *
 * The rules' readings, where the DfE's message leaves room, are in the comment above each;
 * the unit cases (tests/unit/returns/test_rules903.c) work each one by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "model/settings.h"
#include "returns/rules903.h"
#include "returns/table903.h"

struct returns_refdata {
	struct arena *a;
	unsigned have;
	bool last_from_record;	/* last year is the record's own history */
	struct ref_provider *providers;
	size_t n_providers, cap_providers;
	struct smap provider_index;	/* URN (upper case) -> index + 1 */
	struct ref_postcode *postcodes;
	size_t n_postcodes, cap_postcodes;
	struct smap postcode_index;	/* postcode (upper case, no spaces) -> index + 1 */
	struct s9_files last;
	const char **la_codes;	/* the LA's ONS codes (REF_LA_CODE), as given */
	size_t n_la_codes;
	const char *la_codes_text;
};

struct returns_refdata *returns_refdata_new(struct arena *a)
{
	struct returns_refdata *rd = arena_alloc(a, sizeof(*rd));
	memset(rd, 0, sizeof(*rd));
	rd->a = a;
	rd->last.a = a;
	return rd;
}

unsigned returns_refdata_have(const struct returns_refdata *rd)
{
	return rd ? rd->have : 0;
}

size_t returns_refdata_count(const struct returns_refdata *rd, unsigned ref)
{
	if (!rd) {
		return 0;
	}
	return ref == REF_PROVIDERS ? rd->n_providers : ref == REF_POSTCODES ? rd->n_postcodes : rd->last.n_children;
}

/* The T903_* bits follow enum s9_table. */
_Static_assert(T903_Episodes == 1 << S9_EPISODES && T903_PrevPerm == 1 << S9_PREVPERM && T903_SWEpisodes == 1 << S9_SW &&
		       T903_ALL == (1 << S9_TABLE_MAX) - 1,
	       "T903_* are 1 << enum s9_table");
static const char *const s9_table_needs[S9_TABLE_MAX] = {
	"the table Header",	    "the table Episodes", "the table Reviews",	 "the table UASC",
	"the table OC2",	    "the table OC3",	  "the table AD1",	 "the table PlacedAdoption",
	"the table PrevPerm",	    "the table Missing",  "the table SWEpisodes", "the table DoLo",
};

const char *returns_ref_name(unsigned ref)
{
	switch (ref) {
	case REF_LAST_YEAR:
		return "last year's return (--last-year DIR)";
	case REF_PROVIDERS:
		return "Ofsted's register of providers (--providers FILE)";
	case REF_POSTCODES:
		return "the ONS postcode directory (--postcodes FILE)";
	case REF_LA_CODE:
		return "the LA code (--la-code CODES, or hearth settings DB set la_ons_codes CODES: the LA's ONS codes)";
	case REF_PROVIDER_SECTOR:
		return "the Sector of each provider in Ofsted's register (--providers FILE, or hearth refdata DB import "
		       "providers FILE, with a Sector column)";
	default:
		for (int t = 0; t < S9_TABLE_MAX; t++) {
			if (ref == REF_TABLE(1u << t)) {
				return s9_table_needs[t];
			}
		}
		return "reference data";
	}
}

const char *returns_table903_name(unsigned t)
{
	for (int k = 0; k < S9_TABLE_MAX; k++) {
		if (t == 1u << k) {
			return s9_tables[k].name;
		}
	}
	return NULL;
}

unsigned returns_rule_refs_missing(const struct returns_rule *r, const struct returns_refdata *rd)
{
	return r->refs & ~returns_refdata_have(rd);
}

unsigned returns_rule_not_given(const struct returns_rule *r, const struct returns_refdata *rd, unsigned tables_absent)
{
	return returns_rule_refs_missing(r, rd) | REF_TABLE(r->tables & tables_absent);
}

/* "sw1a 1aa" -> "SW1A1AA" (in a): the key a postcode is found by. */
static const char *postcode_key(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *k = arena_alloc(a, n + 1), *p = k;
	for (; *s; s++) {
		if (*s != ' ') {
			*p++ = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		}
	}
	*p = '\0';
	return k;
}

void returns_refdata_add_provider(struct returns_refdata *rd, const char *urn, const char *type, const char *postcode,
				  hdate registered, hdate closed)
{
	struct ref_provider *p = ARR_PUSH(rd->a, rd->providers, rd->n_providers, rd->cap_providers);
	*p = (struct ref_provider){postcode_key(rd->a, urn), arena_strdup(rd->a, type ? type : ""),
				   arena_strdup(rd->a, postcode ? postcode : ""), registered, closed, NULL};
	smap_put(&rd->provider_index, rd->a, p->urn, (int64_t)rd->n_providers);
	rd->have |= REF_PROVIDERS;
}

void ref_provider_sector(struct returns_refdata *rd, const char *sector)
{
	if (rd->n_providers) {
		rd->providers[rd->n_providers - 1].sector = sok(sector) ? arena_strdup(rd->a, sector) : NULL;
	}
	rd->have |= REF_PROVIDER_SECTOR;
}

int returns_refdata_la_codes(struct returns_refdata *rd, const char *codes, struct hearth_error *err)
{
	int n = settings_ons_codes(codes);
	if (n < 0) {
		return herr_set(err, HERR_INVALID, "la_ons_codes", "ons_codes",
				"'%s' is not none or the LA's ONS codes (a letter and eight digits each, e.g. "
				"E10000034,E07000237, comma-separated), which rules 229 and 503J compare postcodes' districts "
				"with",
				codes ? codes : "");
	}
	if (n == 0) {
		return 0;
	}
	rd->la_codes = arena_alloc(rd->a, sizeof(*rd->la_codes) * (size_t)n);
	rd->n_la_codes = 0;
	for (const char *p = codes; rd->n_la_codes < (size_t)n; p += 10) {
		char *c = arena_alloc(rd->a, 10);
		memcpy(c, p, 9);
		c[9] = '\0';
		rd->la_codes[rd->n_la_codes++] = c;
	}
	rd->la_codes_text = arena_strdup(rd->a, codes);
	rd->have |= REF_LA_CODE;
	return 0;
}

const char *returns_refdata_la_codes_text(const struct returns_refdata *rd)
{
	return rd && rd->have & REF_LA_CODE ? rd->la_codes_text : NULL;
}

/* Whether district (as the postcode directory gives it) is one of the LA's codes. */
static bool in_la_area(const struct returns_refdata *rd, const char *district)
{
	for (size_t i = 0; rd && district && i < rd->n_la_codes; i++) {
		if (strcasecmp(rd->la_codes[i], district) == 0) {
			return true;
		}
	}
	return false;
}

void returns_refdata_add_postcode(struct returns_refdata *rd, const char *postcode, const char *district, double lat,
				  double lon)
{
	struct ref_postcode *p = ARR_PUSH(rd->a, rd->postcodes, rd->n_postcodes, rd->cap_postcodes);
	*p = (struct ref_postcode){arena_strdup(rd->a, postcode), arena_strdup(rd->a, district ? district : ""), lat,
				   lon};
	smap_put(&rd->postcode_index, rd->a, postcode_key(rd->a, postcode), (int64_t)rd->n_postcodes);
	rd->have |= REF_POSTCODES;
}

void returns_refdata_each_provider(const struct returns_refdata *rd, returns_provider_fn fn, void *ctx)
{
	for (size_t i = 0; i < rd->n_providers; i++) {
		const struct ref_provider *p = &rd->providers[i];
		const char *sector = rd->have & REF_PROVIDER_SECTOR ? (p->sector ? p->sector : "") : NULL;
		fn(ctx, p->urn, p->type, p->postcode, p->registered, p->closed, sector);
	}
}

void returns_refdata_each_postcode(const struct returns_refdata *rd, returns_postcode_fn fn, void *ctx)
{
	for (size_t i = 0; i < rd->n_postcodes; i++) {
		const struct ref_postcode *p = &rd->postcodes[i];
		fn(ctx, p->postcode, p->district, p->lat, p->lon);
	}
}

const struct ref_provider *ref_provider_find(const struct returns_refdata *rd, const char *urn)
{
	if (!rd || !sok(urn) || !rd->n_providers) {
		return NULL;
	}
	char k[32];
	size_t n = 0;
	for (; *urn && n < sizeof(k) - 1; urn++) {
		if (*urn != ' ') {
			k[n++] = (char)(*urn >= 'a' && *urn <= 'z' ? *urn - 32 : *urn);
		}
	}
	k[n] = '\0';
	int64_t i = smap_get(&rd->provider_index, k);
	return i ? &rd->providers[i - 1] : NULL;
}

const struct ref_postcode *ref_postcode_find(const struct returns_refdata *rd, const char *postcode)
{
	if (!rd || !sok(postcode) || !rd->n_postcodes) {
		return NULL;
	}
	char k[32];
	size_t n = 0;
	for (; *postcode && n < sizeof(k) - 1; postcode++) {
		if (*postcode != ' ') {
			k[n++] = (char)(*postcode >= 'a' && *postcode <= 'z' ? *postcode - 32 : *postcode);
		}
	}
	k[n] = '\0';
	int64_t i = smap_get(&rd->postcode_index, k);
	return i ? &rd->postcodes[i - 1] : NULL;
}

const struct s9_child *ref_last_year(const struct returns_refdata *rd, const char *child)
{
	if (!rd || !sok(child) || !(rd->have & REF_LAST_YEAR)) {
		return NULL;
	}
	int64_t i = smap_get(&rd->last.index, child);
	return i ? &rd->last.children[i - 1] : NULL;
}

struct s9_child *ref_last_year_add(struct returns_refdata *rd, const char *child)
{
	struct s9_child *v = ARR_PUSH(rd->a, rd->last.children, rd->last.n_children, rd->last.cap_children);
	v->child = arena_strdup(rd->a, child);
	smap_put(&rd->last.index, rd->a, v->child, (int64_t)rd->last.n_children);
	rd->have |= REF_LAST_YEAR;
	return v;
}

const struct s9_child *ref_last_of(struct returns_ctx *x)
{
	if (!x->cf) {
		return x->s9 ? ref_last_year(x->ref, x->s9->child) : NULL;
	}
	if (!x->last_state) {
		x->last_view = arena_alloc(x->va, sizeof(*x->last_view));
		x->last_state = view903_build(x->cf, x->ex, x->year - 1, x->va, x->last_view) ? 1 : 2;
	}
	return x->last_state == 1 ? x->last_view : NULL;
}

int returns_refdata_load(struct store *st, struct returns_refdata *rd, struct hearth_error *err)
{
	struct store_ref_provider *p;
	struct store_ref_postcode *q;
	size_t np, nq;
	int rc = store_ref_providers(st, rd->a, &p, &np, err);
	if (!rc) {
		rc = store_ref_postcodes(st, rd->a, &q, &nq, err);
	}
	if (rc) {
		return rc;
	}
	for (size_t i = 0; i < np; i++) {
		returns_refdata_add_provider(rd, p[i].urn, p[i].type, p[i].postcode, p[i].registered, p[i].closed);
		if (p[i].sector) { /* the register imported had a Sector column (019_provider_sector) */
			ref_provider_sector(rd, p[i].sector);
		}
	}
	for (size_t i = 0; i < nq; i++) {
		returns_refdata_add_postcode(rd, q[i].postcode, q[i].district, q[i].lat, q[i].lon);
	}
	const char *codes = store_setting(st, "la_ons_codes", rd->a);
	if (codes && settings_ons_codes(codes) > 0) {
		returns_refdata_la_codes(rd, codes, NULL);
	}
	rd->last_from_record = true;
	rd->have |= REF_LAST_YEAR;
	return 0;
}

/* ---- reading the files ---- */

/* The column whose header is one of names (any letter case), or -1. */
static int column(struct csv *c, const char *const *names)
{
	for (int i = 0; i < c->n; i++) {
		const char *h = c->fields[i];
		if (i == 0 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF) {
			h += 3;
		}
		for (const char *const *n = names; *n; n++) {
			if (strcasecmp(h, *n) == 0) {
				return i;
			}
		}
	}
	return -1;
}

static const char *cell(struct csv *c, int i)
{
	return i >= 0 && i < c->n ? c->fields[i] : "";
}

/* Opens path and reads its header row; the columns named are found (required ones must be). */
static int open_table(struct csv *c, const char *path, const char *what, struct hearth_error *err)
{
	if (csv_open(c, path)) {
		return herr_set(err, HERR_IO, "file", "cannot_read", "cannot open %s (%s)", path, what);
	}
	int rc = csv_next(c);
	if (rc != 1) {
		csv_close(c);
		return herr_set(err, HERR_INVALID, "file", "no_header", "%s: no header row (%s)", path, what);
	}
	return 0;
}

static int bad_row(struct csv *c, const char *path, int rc, struct hearth_error *err)
{
	int line = c->lineno;
	const char *why = rc == -2 && c->bad ? c->bad : "a quote is not closed";
	csv_close(c);
	return herr_set(err, HERR_INVALID, "file", "unreadable", "%s:%d: %s", path, line, why);
}

int returns_refdata_providers(struct returns_refdata *rd, const char *path, struct hearth_error *err)
{
	struct csv c;
	int rc = open_table(&c, path, "Ofsted's register of providers", err);
	if (rc) {
		return rc;
	}
	int urn = column(&c, (const char *const[]){"URN", "Provider URN", NULL}),
	    type = column(&c, (const char *const[]){"Provider type", "Provider_type", "PROVIDER_TYPE", NULL}),
	    post = column(&c, (const char *const[]){"Postcode", "Setting postcode", "POSTCODE", NULL}),
	    reg = column(&c, (const char *const[]){"Registration date", "Registration_date", "REG_DATE", NULL}),
	    closed = column(&c, (const char *const[]){"Closed date", "Date closed", "REG_END", NULL}),
	    sector = column(&c, (const char *const[]){"Sector", "Provider sector", NULL});
	if (urn < 0 || type < 0 || post < 0) {
		csv_close(&c);
		return herr_set(err, HERR_INVALID, "file", "columns", "%s: the register of providers needs the columns URN, "
				"Provider type and Postcode", path);
	}
	rd->have |= REF_PROVIDERS;
	while ((rc = csv_next(&c)) == 1) {
		if (!sok(cell(&c, urn))) {
			continue;
		}
		hdate r = DATE_NONE, e = DATE_NONE;
		if ((sok(cell(&c, reg)) && rdate_parse(cell(&c, reg), strchr(cell(&c, reg), '/') != NULL, &r)) ||
		    (sok(cell(&c, closed)) && rdate_parse(cell(&c, closed), strchr(cell(&c, closed), '/') != NULL, &e))) {
			int line = c.lineno;
			csv_close(&c);
			return herr_set(err, HERR_INVALID, "file", "date", "%s:%d: a date that is not dd/mm/yyyy or yyyy-mm-dd",
					path, line);
		}
		returns_refdata_add_provider(rd, cell(&c, urn), cell(&c, type), cell(&c, post), r, e);
		if (sector >= 0) {
			ref_provider_sector(rd, cell(&c, sector));
		}
	}
	if (rc < 0) {
		return bad_row(&c, path, rc, err);
	}
	csv_close(&c);
	return 0;
}

int returns_refdata_postcodes(struct returns_refdata *rd, const char *path, struct hearth_error *err)
{
	struct csv c;
	int rc = open_table(&c, path, "the ONS postcode directory", err);
	if (rc) {
		return rc;
	}
	int pc = column(&c, (const char *const[]){"pcds", "pcd", "Postcode", NULL}),
	    la = column(&c, (const char *const[]){"oslaua", "lad", "District", NULL}),
	    lat = column(&c, (const char *const[]){"lat", "latitude", NULL}),
	    lon = column(&c, (const char *const[]){"long", "longitude", NULL});
	if (pc < 0 || la < 0 || lat < 0 || lon < 0) {
		csv_close(&c);
		return herr_set(err, HERR_INVALID, "file", "columns", "%s: the postcode directory needs the columns pcds, "
				"oslaua, lat and long", path);
	}
	rd->have |= REF_POSTCODES;
	while ((rc = csv_next(&c)) == 1) {
		if (!sok(cell(&c, pc))) {
			continue;
		}
		char *end1, *end2;
		double y = strtod(cell(&c, lat), &end1), x = strtod(cell(&c, lon), &end2);
		if (*end1 || *end2 || !sok(cell(&c, lat)) || !sok(cell(&c, lon)) || y < -90 || y > 99.9 || x < -180 ||
		    x > 180) {
			int line = c.lineno;
			csv_close(&c);
			return herr_set(err, HERR_INVALID, "file", "number", "%s:%d: lat and long are not numbers", path,
					line);
		}
		returns_refdata_add_postcode(rd, cell(&c, pc), cell(&c, la), y, x);
	}
	if (rc < 0) {
		return bad_row(&c, path, rc, err);
	}
	csv_close(&c);
	return 0;
}

int returns_refdata_last_year(struct returns_refdata *rd, const char *const *paths, size_t n, struct hearth_error *err)
{
	int rc = s9_read(&rd->last, paths, n, err);
	if (rc) {
		return rc;
	}
	for (size_t i = 0; i < rd->last.n_children; i++) {
		s9_prepare(&rd->last.children[i]);
	}
	rd->have |= REF_LAST_YEAR;
	return 0;
}

/* ---- the rules ---- */

/* The ONS directory gives 99.999999 as the latitude of a postcode it has no place for
 * (those of the Channel Islands and the Isle of Man, some new ones). */
static bool has_place(const struct ref_postcode *p)
{
	return p && p->lat < 99;
}

/* 392c: a postcode that is not one: not of a postcode's shape, or not in the directory. */
static void r392c(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (sok(e->home_post) && (!postcode_valid(e->home_post) || !ref_postcode_find(x->ref, e->home_post))) {
			ep(x, i, "HOME_POST '%s' is not in the postcode directory", e->home_post);
		}
		if (sok(e->pl_post) && (!postcode_valid(e->pl_post) || !ref_postcode_find(x->ref, e->pl_post))) {
			ep(x, i, "PL_POST '%s' is not in the postcode directory", e->pl_post);
		}
	}
}

/* Miles between two places on the earth (haversine, radius 3958.8 miles). */
static double miles(const struct ref_postcode *a, const struct ref_postcode *b)
{
	const double r = 3958.8, rad = M_PI / 180;
	double dlat = (b->lat - a->lat) * rad, dlon = (b->lon - a->lon) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) + cos(a->lat * rad) * cos(b->lat * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(h));
}

/* 164: the distance (PL_DISTANCE, which the DfE works out from the two postcodes) must be
 * one: both postcodes in the directory with a place, and at most 999.9 miles apart. Only
 * for episodes with both postcodes (392b is the rule on missing ones). */
static void r164(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (!sok(e->home_post) || !sok(e->pl_post) || one_of(e->ls, RESPITE)) {
			continue;
		}
		const struct ref_postcode *h = ref_postcode_find(x->ref, e->home_post), *p = ref_postcode_find(x->ref, e->pl_post);
		if (!has_place(h) || !has_place(p)) {
			ep(x, i, "no distance from HOME_POST '%s' to PL_POST '%s': %s has no place in the directory",
			   e->home_post, e->pl_post, !has_place(h) ? "HOME_POST" : "PL_POST");
		} else if (miles(h, p) > 999.9) {
			ep(x, i, "HOME_POST to PL_POST is %.1f miles", miles(h, p));
		}
	}
}

/* 169: the LA of placement (PL_LA, the district of PL_POST) must be known. */
static void r169(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_postcode *p = sok(e->pl_post) ? ref_postcode_find(x->ref, e->pl_post) : NULL;
		if (sok(e->pl_post) && !one_of(e->ls, RESPITE) && (!p || !sok(p->district))) {
			ep(x, i, "PL_POST '%s' gives no LA of placement", e->pl_post);
		}
	}
}

/* The placement types each Ofsted provider type may be (the register's words, any letter
 * case). *check* the DfE's provider-to-placement table; a type not listed checks nothing. */
static const struct {
	const char *type;
	const char *places[8];
} PROVIDER_PLACES[] = {
	{"Children's home", {"K2", "R1", "S1", "Z1", NULL}},
	{"Secure children's home", {"K1", NULL}},
	{"Residential special school", {"S1", "K2", NULL}},
	{"Residential family centre", {"R1", NULL}},
	{"Voluntary adoption agency", {"A3", "A4", "A5", "A6", NULL}},
	{"Local authority adoption agency", {"A3", "A4", "A5", "A6", NULL}},
	{"Independent fostering agency", {"U1", "U2", "U3", "U4", "U5", "U6", NULL}},
	{"Supported accommodation", {"H5", "P3", NULL}},
};

/* 219: the provider a URN names is of a kind the placement type cannot be. */
static void r219(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_provider *p = ref_provider_find(x->ref, e->urn);
		if (!p || !sok(e->place)) {
			continue;
		}
		for (size_t k = 0; k < sizeof(PROVIDER_PLACES) / sizeof(PROVIDER_PLACES[0]); k++) {
			if (strcasecmp(PROVIDER_PLACES[k].type, p->type) == 0 && !in_set(e->place, PROVIDER_PLACES[k].places)) {
				ep(x, i, "URN %s is a %s, not a placement of type %s", e->urn, p->type, e->place);
			}
		}
	}
}

/* 221: the placement postcode is the provider's (any letter case or spacing). */
static void r221(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_provider *p = ref_provider_find(x->ref, e->urn);
		if (p && sok(p->postcode) && sok(e->pl_post) &&
		    strcmp(postcode_key(x->a, p->postcode), postcode_key(x->a, e->pl_post)) != 0) {
			ep(x, i, "PL_POST %s, but URN %s is at %s", e->pl_post, e->urn, p->postcode);
		}
	}
}

/* 224: the provider a URN names is owned as PLACE_PROVIDER says: by the register's Sector, a
 * local authority's is own (PR1) or another LA's (PR2) provision, a health authority's other
 * public provision (PR3), a private provider's private provision (PR4), a voluntary one's
 * voluntary provision (PR5). A Sector not listed, or not given for the URN, checks nothing. */
static const struct {
	const char *sector;
	const char *providers[3];
} SECTOR_PROVIDERS[] = {
	{"Local Authority", {"PR1", "PR2", NULL}},
	{"Health Authority", {"PR3", NULL}},
	{"Private", {"PR4", NULL}},
	{"Voluntary", {"PR5", NULL}},
};

static void r224(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_provider *p = ref_provider_find(x->ref, e->urn);
		if (!p || !sok(p->sector) || !sok(e->provider)) {
			continue;
		}
		for (size_t k = 0; k < sizeof(SECTOR_PROVIDERS) / sizeof(SECTOR_PROVIDERS[0]); k++) {
			if (strcasecmp(SECTOR_PROVIDERS[k].sector, p->sector) == 0 &&
			    !in_set(e->provider, SECTOR_PROVIDERS[k].providers)) {
				ep(x, i, "URN %s is %s provision, not PLACE_PROVIDER %s", e->urn, p->sector, e->provider);
			}
		}
	}
}

/* 229: PLACE_PROVIDER against where the provider is. The DfE infers the provider's LA from
 * its postcode: here the district of the provider's postcode in Ofsted's register, by the
 * ONS directory. Own provision (PR1) is in the LA's area (one of its codes); another LA's
 * (PR2) is outside it. Other PLACE_PROVIDERs, a URN not in the register, or a postcode with
 * no district in the directory: nothing to compare. */
static void r229(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		bool own = is(e->provider, "PR1"), other = is(e->provider, "PR2");
		const struct ref_provider *p = own || other ? ref_provider_find(x->ref, e->urn) : NULL;
		const struct ref_postcode *pc = p && sok(p->postcode) ? ref_postcode_find(x->ref, p->postcode) : NULL;
		bool in = pc && sok(pc->district) && in_la_area(x->ref, pc->district);
		if (!pc || !sok(pc->district) || (own ? in : !in)) {
			continue;
		}
		ep(x, i, "PLACE_PROVIDER %s (%s), but URN %s is at %s, in %s: %s the LA's area (%s)", e->provider,
		   own ? "own provision" : "another LA's provision", e->urn, p->postcode, pc->district,
		   own ? "outside" : "within", returns_refdata_la_codes_text(x->ref));
	}
}

/* 227: the provider was registered on the episode's start (registered on or before DECOM,
 * not closed before it). */
static void r227(struct returns_ctx *x)
{
	char b[DATE_STR_SIZE];
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_provider *p = ref_provider_find(x->ref, e->urn);
		if (p && dok(e->decom) &&
		    ((dok(p->registered) && p->registered > e->decom) || (dok(p->closed) && p->closed < e->decom))) {
			ep(x, i, "URN %s was not registered on %s", e->urn, dmy(e->decom, b));
		}
	}
}

/* 228: nor closed before the episode's end. */
static void r228(struct returns_ctx *x)
{
	char b[DATE_STR_SIZE], c[DATE_STR_SIZE];
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		const struct ref_provider *p = ref_provider_find(x->ref, e->urn);
		if (p && dok(e->dec) && dok(p->closed) && p->closed < e->dec) {
			ep(x, i, "URN %s closed on %s, before DEC %s", e->urn, dmy(p->closed, c), dmy(e->dec, b));
		}
	}
}

/* The Header rules comparing with last year's Header: the child in both, a value in both,
 * and they differ (codes compared as read, after the reader's letter case). */
static void last_header(struct returns_ctx *x, const char *field, const char *now, const char *then)
{
	const struct s9_child *l = ref_last_of(x);
	if (V->header && l && l->header && sok(now) && sok(then) && strcmp(now, then) != 0) {
		hd(x, "%s '%s' this year, '%s' last year", field, now, then);
	}
}

static void r202(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	/* SEX changed its codes in 2025 (1/2 -> M/F): compare by meaning. */
	const char *now = is(V->sex, "1") ? "M" : is(V->sex, "2") ? "F" : V->sex;
	const char *then = !l ? NULL : is(l->sex, "1") ? "M" : is(l->sex, "2") ? "F" : l->sex;
	last_header(x, "SEX", now, then);
}

static void r203(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
	if (V->header && l && l->header && dok(V->dob) && dok(l->dob) && V->dob != l->dob) {
		hd(x, "DOB %s this year, %s last year", dmy(V->dob, a), dmy(l->dob, b));
	}
}

static void r204(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	last_header(x, "ETHNIC", V->ethnic, l ? l->ethnic : NULL);
}

/* 208: a UPN, once known, does not change (an unknown one, UN1-UN5, may become known). */
static void r208(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	if (l && !upn_unknown_code(l->upn, RETURN_SSDA903)) {
		last_header(x, "UPN", V->upn, l->upn);
	}
}

/* Last year's open episode (the last, with no DEC), or NULL. */
static const struct s9_episode *open_last(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	if (!l || !l->n_episodes || l->episodes[l->n_episodes - 1].dec != DATE_NONE) {
		return NULL;
	}
	return &l->episodes[l->n_episodes - 1];
}

/* Last year's open episode when this year's first episode carries it on: the same episode
 * (the same DECOM: 503A-503J) or, by_rne, one with the same RNE whatever its DECOM (453).
 * NULL otherwise (no episode open at the end of last year, or none this year). */
static const struct s9_episode *carried_on(struct returns_ctx *x, bool by_rne)
{
	const struct s9_episode *o = open_last(x);
	if (!o || !V->n_episodes) {
		return NULL;
	}
	const struct s9_episode *f = &V->episodes[0];
	return (by_rne ? str_eq(f->rne, o->rne) : f->decom == o->decom) ? o : NULL;
}

/* 502: last year ended with an open episode, and this year's first does not start on its
 * DECOM (the episode carries on into this year: it is reported again, with its DECOM). */
static void r502(struct returns_ctx *x)
{
	const struct s9_episode *o = open_last(x);
	char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
	if (o && V->n_episodes && dok(o->decom) && V->episodes[0].decom != o->decom) {
		ep(x, 0, "last year's open episode began %s; this year's first begins %s", dmy(o->decom, a),
		   dmy(V->episodes[0].decom, b));
	}
}

/* 503A-503F: the first episode this year, being last year's open episode (the same DECOM),
 * has the same RNE, LS, CIN, PLACE_PROVIDER and URN. */
static void same_as_last(struct returns_ctx *x, const char *field, size_t off)
{
	const struct s9_episode *o = carried_on(x, false);
	if (!o) {
		return;
	}
	const char *now = *(const char *const *)((const char *)&V->episodes[0] + off);
	const char *then = *(const char *const *)((const char *)o + off);
	if (!str_eq(now, then)) {
		ep(x, 0, "%s '%s' this year, '%s' at the end of last year", field, now ? now : "", then ? then : "");
	}
}

static void r503A(struct returns_ctx *x) { same_as_last(x, "RNE", offsetof(struct s9_episode, rne)); }
static void r503B(struct returns_ctx *x) { same_as_last(x, "LS", offsetof(struct s9_episode, ls)); }
static void r503C(struct returns_ctx *x) { same_as_last(x, "CIN", offsetof(struct s9_episode, cin)); }
static void r503E(struct returns_ctx *x) { same_as_last(x, "PLACE_PROVIDER", offsetof(struct s9_episode, provider)); }
static void r503F(struct returns_ctx *x) { same_as_last(x, "URN", offsetof(struct s9_episode, urn)); }

/* ---- the rules comparing the year's first episode with last year's (NoE, 562, 453, 503G, 503H, 503J) ---- */

/* The child's episodes in last year's return (NULL and 0 when the child is not in it). */
static const struct s9_episode *last_episodes(struct returns_ctx *x, size_t *n)
{
	const struct s9_child *l = ref_last_of(x);
	*n = l ? l->n_episodes : 0;
	return l ? l->episodes : NULL;
}

/* NoE: an episode that began before the year (DECOM before 1 April) was in care last year,
 * so last year's return holds episodes of the child; it holds none (the child is not in it,
 * or is with no episode). Each such episode is reported, as the DfE's check does. */
static void rNoE(struct returns_ctx *x)
{
	size_t n;
	last_episodes(x, &n);
	char b[DATE_STR_SIZE];
	for (size_t i = 0; n == 0 && i < V->n_episodes; i++) {
		if (dok(V->episodes[i].decom) && V->episodes[i].decom < x->ys) {
			ep(x, i, "began before %s but last year's return has no episode for this child", dmy(x->ys, b));
		}
	}
}

/* 562: the year's first episode began before the year, but last year's return has no episode
 * that began as late (its latest DECOM is earlier): the episode running into this year is
 * missing from last year's return. A child with no episode last year is NoE's. */
static void r562(struct returns_ctx *x)
{
	size_t n;
	const struct s9_episode *l = last_episodes(x, &n);
	if (n == 0 || V->n_episodes == 0 || !dok(V->episodes[0].decom) || V->episodes[0].decom >= x->ys) {
		return;
	}
	hdate latest = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (dok(l[i].decom) && (!dok(latest) || l[i].decom > latest)) {
			latest = l[i].decom;
		}
	}
	char a[DATE_STR_SIZE];
	if (dok(latest) && V->episodes[0].decom > latest) {
		ep(x, 0, "last year's latest episode began %s, before this one", dmy(latest, a));
	}
}

/* PL_DISTANCE as the DfE works it out: HOME_POST to PL_POST in miles, when both are in the
 * directory with a place; -1 otherwise. */
static double pl_distance(struct returns_ctx *x, const struct s9_episode *e)
{
	const struct ref_postcode *h = sok(e->home_post) ? ref_postcode_find(x->ref, e->home_post) : NULL,
				  *p = sok(e->pl_post) ? ref_postcode_find(x->ref, e->pl_post) : NULL;
	return has_place(h) && has_place(p) ? miles(h, p) : -1;
}

/* PL_LA: the district of PL_POST, or NULL. */
static const char *pl_la(struct returns_ctx *x, const struct s9_episode *e)
{
	const struct ref_postcode *p = sok(e->pl_post) ? ref_postcode_find(x->ref, e->pl_post) : NULL;
	return p && sok(p->district) ? p->district : NULL;
}

/* Distances differ when they do by 0.2 miles or more, each as the DfE gives PL_DISTANCE: to
 * a tenth of a mile (so compared in whole tenths; a tenth either way is rounding). */
static bool distance_differs(double a, double b)
{
	return a >= 0 && b >= 0 && labs(lround(a * 10) - lround(b * 10)) >= 2;
}

/* PL_DISTANCE this year's first episode and last year's open one, carried on (carried_on),
 * differ: each worked out from its year's HOME_POST and PL_POST. */
static void distance_as_last(struct returns_ctx *x, bool by_rne, const char *now_words, const char *then_words)
{
	const struct s9_episode *o = carried_on(x, by_rne);
	double now = o ? pl_distance(x, &V->episodes[0]) : -1, then = o ? pl_distance(x, o) : -1;
	if (distance_differs(now, then)) {
		ep(x, 0, "PL_DISTANCE %.1f%s, %.1f %s", now, now_words, then, then_words);
	}
}

/* 503G: the year's first episode, being last year's open episode (the same DECOM), has the
 * same PL_DISTANCE as it had (worked out from each year's HOME_POST and PL_POST). */
static void r503G(struct returns_ctx *x)
{
	distance_as_last(x, false, " this year", "at the end of last year");
}

/* A value the DfE derives from an episode's postcodes (NULL: none can be). */
typedef const char *(*derived_fn)(struct returns_ctx *x, const struct s9_episode *e);

/* The year's first episode, being last year's open episode (the same DECOM), has the same
 * derived value as it had, when both have one. */
static void derived_as_last(struct returns_ctx *x, const char *field, derived_fn value)
{
	const struct s9_episode *o = carried_on(x, false);
	const char *now = o ? value(x, &V->episodes[0]) : NULL, *then = o ? value(x, o) : NULL;
	if (now && then && strcmp(now, then) != 0) {
		ep(x, 0, "%s %s this year, %s at the end of last year", field, now, then);
	}
}

/* 503H: and the same PL_LA (the district of each year's PL_POST, as 169 reads PL_LA: the
 * directory as loaded gives districts; in a two-tier county two districts are one LA, where
 * this may say more than the DfE's check, though only when PL_POST itself changed). */
static void r503H(struct returns_ctx *x)
{
	derived_as_last(x, "PL_LA", pl_la);
}

/* PL_LOCATION as the DfE derives it: IN when PL_LA (the district of PL_POST) is one of the
 * LA's codes, OUT when it is another; NULL when PL_POST gives no district. */
static const char *pl_location(struct returns_ctx *x, const struct s9_episode *e)
{
	const char *la = pl_la(x, e);
	return !la ? NULL : in_la_area(x->ref, la) ? "IN" : "OUT";
}

/* 503J: and the same PL_LOCATION (a move between two districts of a county's area is 503H's,
 * not this rule's: both are IN). */
static void r503J(struct returns_ctx *x)
{
	derived_as_last(x, "PL_LOCATION", pl_location);
}

/* 453: last year's last episode is open at its end, this year's first episode has the same
 * RNE (it reads as the same care carried on), and their PL_DISTANCEs differ (whatever their
 * DECOMs; when they are the same episode 503G says so too, as the DfE's checks do). */
static void r453(struct returns_ctx *x)
{
	distance_as_last(x, true, "", "in last year's last episode");
}

/* ---- Header against last year's Header (624, 626) ---- */

/* 624: MC_DOB given both years, and not the same date. */
static void r624(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
	if (V->header && l && l->header && dok(V->mc_dob) && dok(l->mc_dob) && V->mc_dob != l->mc_dob) {
		hd(x, "MC_DOB %s this year, %s last year", dmy(V->mc_dob, a), dmy(l->mc_dob, b));
	}
}

/* 626: MOTHER 1 with the first child born before the year (so before last year's return was
 * made up to 31 March), yet last year's return said MOTHER 0. */
static void r626(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	char a[DATE_STR_SIZE];
	if (V->header && l && l->header && is(V->mother, "1") && dok(V->mc_dob) && V->mc_dob < x->ys &&
	    is(l->mother, "0")) {
		hd(x, "MOTHER 1, first child born %s, but MOTHER 0 last year", dmy(V->mc_dob, a));
	}
}

/* ---- UASC against last year's (205A-205D) ----
 * A child is UASC in a year's return when it has a row in that year's UASC table (the XML's
 * UASC 1, or a DUC); DUC is the date that status ceased (blank: not ceased). Only children
 * in both years' returns (a Header each) are compared, and only where each year's return
 * could say: UASC is reported for children looked after in the year (rule 1014: not for care
 * leavers), so a year in which the child has no episode says nothing about it (a UASC child
 * who left care last year is a care leaver without a UASC row this year, and that is right). */
static const struct s9_uasc *uasc_row(const struct s9_child *c)
{
	return c && c->n_uasc ? &c->uasc[0] : NULL;
}

static const struct s9_child *both_years(struct returns_ctx *x)
{
	const struct s9_child *l = ref_last_of(x);
	return V->header && V->n_episodes && l && l->header && l->n_episodes ? l : NULL;
}

/* 205A: UASC last year, not this year: then the status ceased by the end of last year, and
 * last year's DUC says so (a date before 1 April). */
static void r205A(struct returns_ctx *x)
{
	const struct s9_child *l = both_years(x);
	const struct s9_uasc *then = uasc_row(l);
	if (l && then && !uasc_row(V) && !(dok(then->duc) && then->duc < x->ys)) {
		hd(x, "UASC last year (DUC %s), not this year", dok(then->duc) ? "after 31 March" : "blank");
	}
}

/* 205B: UASC both years: a status that ceased last year (last year's DUC a date) ceased on
 * the same date this year (this year's DUC the same). */
static void r205B(struct returns_ctx *x)
{
	const struct s9_child *l = both_years(x);
	const struct s9_uasc *then = uasc_row(l), *now = uasc_row(V);
	char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
	if (l && then && now && dok(then->duc) && now->duc != then->duc) {
		ua(x, 0, "DUC last year %s, this year %s", dmy(then->duc, a), dok(now->duc) ? dmy(now->duc, b) : "blank");
	}
}

/* 205C: a DUC given this year for a child who was UASC in neither year: its status ceased
 * before last year began (DUC before last year's 1 April) and last year's return did not
 * have the child as UASC. */
static void r205C(struct returns_ctx *x)
{
	const struct s9_child *l = both_years(x);
	const struct s9_uasc *now = uasc_row(V);
	char a[DATE_STR_SIZE];
	if (l && now && !uasc_row(l) && dok(now->duc) && now->duc < date_add_years(x->ys, -1)) {
		ua(x, 0, "DUC %s, before last year; not UASC last year", dmy(now->duc, a));
	}
}

/* 205D: UASC this year, in last year's return but not as UASC there (a child is UASC from
 * the start of care, not later). */
static void r205D(struct returns_ctx *x)
{
	const struct s9_child *l = both_years(x);
	if (l && uasc_row(V) && !uasc_row(l) && (!dok(V->uasc[0].duc) || V->uasc[0].duc >= date_add_years(x->ys, -1))) {
		ua(x, 0, "UASC this year, not in last year's return");
	}
}

/* ---- care leavers against last year (1001, 1010) ---- */

/* 1001: OC3 is for relevant and former relevant children: looked after for at least 13 weeks
 * (91 days) in all since the 14th birthday, some of it while 16 or 17 (on the 16th birthday
 * or after: an episode whose DEC is the birthday ended the day before). Counted over
 * the episodes of this year and last year's return (the record: the whole history),
 * short breaks (V3, V4) not counting, an open episode to 31 March. A child with no episode
 * in either is 1002's, not this rule's. */
static bool in_episodes(const struct s9_episode *arr, size_t n, hdate decom)
{
	for (size_t i = 0; i < n; i++) {
		if (arr[i].decom == decom) {
			return true;
		}
	}
	return false;
}

static void r1001(struct returns_ctx *x)
{
	if (!V->n_oc3 || !dok(V->dob)) {
		return;
	}
	/* The record's history holds last year's episodes already; files: last year's return's
	 * too, those it shares with this year's (the same DECOM) counted once, as this year has
	 * them. */
	size_t nl = 0;
	const struct s9_episode *l = x->from_record ? NULL : last_episodes(x, &nl);
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t nh = V->n_hist ? V->n_hist : V->n_episodes;
	if (!l) {
		nl = 0;
	}
	if (nh + nl == 0) {
		return;
	}
	hdate b14 = date_birthday(V->dob, 14), b16 = date_birthday(V->dob, 16);
	long days = 0;
	bool after16 = false;
	for (size_t k = 0; k < nl + nh; k++) {
		const struct s9_episode *e = k < nl ? &l[k] : &h[k - nl];
		if (!dok(e->decom) || one_of(e->ls, RESPITE) || (k < nl && in_episodes(h, nh, e->decom))) {
			continue;
		}
		hdate s = e->decom > b14 ? e->decom : b14;
		hdate end = dok(e->dec) ? e->dec : k < nl ? returns_year_end(x->year - 1) : x->ye;
		days += end > s ? end - s : 0;
		after16 = after16 || end > b16; /* DEC is the first day not looked after */
	}
	if (days < 91) {
		o3(x, 0, "looked after %ld days since the 14th birthday, under 13 weeks", days);
	} else if (!after16) {
		o3(x, 0, "not looked after on or after the 16th birthday");
	}
}

/* 1010: care leaver information with no episode this year, although last year's return ended
 * with an episode open at 31 March (the child was then still looked after). */
static void r1010(struct returns_ctx *x)
{
	if (V->n_oc3 && V->n_episodes == 0 && open_last(x)) {
		o3(x, 0, "no episode this year, but last year's return ended with one open");
	}
}

#define RF(id, table, fields, msg, refs, fn) \
	{id, RETURN_SSDA903, SEV_ERROR, #table, fields, msg, 0, 0, 0, 0, fn, refs, T903_##table}
#define RFA(id, table, also, fields, msg, refs, fn) \
	{id, RETURN_SSDA903, SEV_ERROR, #table, fields, msg, 0, 0, 0, 0, fn, refs, T903_##table | (also)}

const struct returns_rule returns_rules_ref[] = {
	RF("164", Episodes, "PL_DISTANCE", "Distance is not valid. Please check a valid postcode has been entered.",
	   REF_POSTCODES, r164),
	RF("169", Episodes, "PL_LA", "Local Authority (LA) of placement is not valid or is missing. Please check a valid "
	   "postcode has been entered.", REF_POSTCODES, r169),
	RF("202", Header, "SEX", "The gender code conflicts with the gender already recorded for this child.",
	   REF_LAST_YEAR, r202),
	RF("203", Header, "DOB", "Date of birth disagrees with the date of birth already recorded for this child.",
	   REF_LAST_YEAR, r203),
	RF("204", Header, "ETHNIC", "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
	   REF_LAST_YEAR, r204),
	RF("208", Header, "UPN", "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number "
	   "(UPN) already recorded for this child.", REF_LAST_YEAR, r208),
	RF("219", Episodes, "PLACE, URN", "The Ofsted Unique reference number (URN) provided for the child's placement "
	   "does not match the placement type recorded.", REF_PROVIDERS, r219),
	RF("224", Episodes, "PLACE_PROVIDER", "The Ofsted Unique reference number (URN) provided for the child's "
	   "placement does not match the placement provider recorded.", REF_PROVIDERS | REF_PROVIDER_SECTOR, r224),
	RF("229", Episodes, "PLACE_PROVIDER, URN", "Placement provider does not match between the placing authority and "
	   "the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, "
	   "and may be inaccurate in some cases.]", REF_PROVIDERS | REF_POSTCODES | REF_LA_CODE, r229),
	RF("221", Episodes, "PL_POST", "The Ofsted Unique reference number (URN) provided for the child's placement does "
	   "not match the placement postcode provided.", REF_PROVIDERS, r221),
	RF("227", Episodes, "DECOM, URN", "Ofsted Unique reference number (URN) is not valid for the episode start date.",
	   REF_PROVIDERS, r227),
	RF("228", Episodes, "DEC, URN", "Ofsted Unique reference number (URN) is not valid for the episode end date "
	   "[NOTE: may give false positives on open episodes at providers who close during the year]", REF_PROVIDERS, r228),
	RF("392c", Episodes, "HOME_POST, PL_POST", "Postcode(s) provided are invalid.", REF_POSTCODES, r392c),
	RF("502", Episodes, "DECOM", "Last year's record ended with an open episode. The date on which that episode "
	   "started does not match the start date of the first episode on this year's record.", REF_LAST_YEAR, r502),
	RF("503A", Episodes, "RNE", "The reason for new episode in the first episode does not match open episode at end "
	   "of last year.", REF_LAST_YEAR, r503A),
	RF("503B", Episodes, "LS", "The legal status in the first episode does not match open episode at end of last "
	   "year.", REF_LAST_YEAR, r503B),
	RF("503C", Episodes, "CIN", "The category of need in the first episode does not match open episode at end of "
	   "last year.", REF_LAST_YEAR, r503C),
	RF("503E", Episodes, "PLACE_PROVIDER", "The placement provider in the first episode does not match open episode "
	   "at end of last year.", REF_LAST_YEAR, r503E),
	RF("503F", Episodes, "URN", "The Ofsted URN in the  first episode does not match open episode at end of last "
	   "year.", REF_LAST_YEAR, r503F),
	RF("503G", Episodes, "PL_DISTANCE", "The distance in first episode does not match open episode at end of last "
	   "year.", REF_LAST_YEAR | REF_POSTCODES, r503G),
	RF("503H", Episodes, "PL_LA", "The placement LA in first episode does not match open episode at end of last "
	   "year.", REF_LAST_YEAR | REF_POSTCODES, r503H),
	RF("503J", Episodes, "PL_LOCATION", "The placement location in first episode does not match open episode at end "
	   "of last year.", REF_LAST_YEAR | REF_POSTCODES | REF_LA_CODE, r503J),
	RF("453", Episodes, "PL_DISTANCE", "Contradiction between placement distance in the last episode of the previous "
	   "year and in the first episode of the current year.", REF_LAST_YEAR | REF_POSTCODES, r453),
	RF("562", Episodes, "DECOM", "Episode commenced before the start of the current collection year but there is a "
	   "missing continuous episode in the previous year.", REF_LAST_YEAR, r562),
	RF("NoE", Episodes, "DECOM", "This child has no episodes loaded for previous year even though child started to "
	   "be looked after before this current year.", REF_LAST_YEAR, rNoE),
	RF("624", Header, "MC_DOB", "Date of birth of the first child contradicts the date of birth of the first child "
	   "previously recorded.", REF_LAST_YEAR, r624),
	RF("626", Header, "MC_DOB, MOTHER", "Child was reported as a mother but the date of birth of the first child is "
	   "before the current year which contradicts with the mother status recorded last year.", REF_LAST_YEAR, r626),
	RFA("205A", Header, T903_UASC | T903_Episodes, "CHILD, UASC", "Child identified as UASC last year is no longer UASC this year, but "
	    "date UASC ceased in both years does not support this.", REF_LAST_YEAR, r205A),
	RFA("205B", UASC, T903_Header | T903_Episodes, "DUC, UASC", "Child previously identified as UASC is also UASC this year, but date "
	    "UASC ceased in both years does not support this.", REF_LAST_YEAR, r205B),
	RFA("205C", UASC, T903_Header | T903_Episodes, "DUC, UASC", "Child not identified as UASC either this year or last year but date "
	    "UASC ceased has been provided.", REF_LAST_YEAR, r205C),
	RFA("205D", UASC, T903_Header | T903_Episodes, "CHILD, UASC", "Child identified as UASC this year but not identified as UASC status "
	    "provided for the child last year.", REF_LAST_YEAR, r205D),
	RFA("1001", OC3, T903_Episodes | T903_Header, "ACCOM, ACTIV, IN_TOUCH", "The episodes recorded for this young person "
	    "suggest they are not a relevant or a former relevant child and therefore should not have care leaver "
	    "information completed. [NOTE: This tool can only test the current and previous year data loaded into the "
	    "tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
	    REF_LAST_YEAR, r1001),
	RFA("1010", OC3, T903_Episodes, "ACCOM, ACTIV, IN_TOUCH", "This child has no episodes loaded for current year even "
	    "though there was an open episode of care at the end of the previous year, and care leaver data has been "
	    "entered.", REF_LAST_YEAR, r1010),
};
const size_t returns_rules_ref_n = sizeof(returns_rules_ref) / sizeof(returns_rules_ref[0]);
