/* refdata: the reference data some SSDA903 rules compare a return with, and those rules.
 *
 * Three inputs, each given once by the user (hearth validate --last-year / --providers /
 * --postcodes, or hearth refdata DB import into the record):
 *   - last year's return: its SSDA903 CSV tables, read as the year's own are (read903.c);
 *   - Ofsted's register of providers: a CSV with a row per URN (its provider type, its
 *     postcode, and when it was registered and closed);
 *   - the ONS postcode directory: a CSV with a row per postcode (its local authority
 *     district and its latitude and longitude).
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
				   arena_strdup(rd->a, postcode ? postcode : ""), registered, closed};
	smap_put(&rd->provider_index, rd->a, p->urn, (int64_t)rd->n_providers);
	rd->have |= REF_PROVIDERS;
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
		fn(ctx, p->urn, p->type, p->postcode, p->registered, p->closed);
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
	}
	for (size_t i = 0; i < nq; i++) {
		returns_refdata_add_postcode(rd, q[i].postcode, q[i].district, q[i].lat, q[i].lon);
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
	    closed = column(&c, (const char *const[]){"Closed date", "Date closed", "REG_END", NULL});
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
	const struct s9_episode *o = open_last(x);
	if (!o || !V->n_episodes || V->episodes[0].decom != o->decom) {
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

#define RF(id, table, fields, msg, refs, fn) \
	{id, RETURN_SSDA903, SEV_ERROR, #table, fields, msg, 0, 0, 0, 0, fn, refs, T903_##table}

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
};
const size_t returns_rules_ref_n = sizeof(returns_rules_ref) / sizeof(returns_rules_ref[0]);
