/* common: what every part of the returns shares — collection years, names, findings,
 * identifiers (UPN, LA numbers, postcodes, URNs) as data, CSV reading and writing, a small
 * XML writer and schema validation with libxml2, and files that take their name only when
 * complete.
 *
 * Invariants: la_codes[] is sorted (bsearch); nothing here keeps state between calls
 * except libxml2's own one-time initialisation. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "base/mem.h"
#include "returns/internal.h"

/* ---- names and years ---- */

const char *returns_kind_name(enum returns_kind k)
{
	static const char *const names[RETURN_KIND_MAX] = {"ssda903", "cin-census"};
	return k < RETURN_KIND_MAX ? names[k] : "?";
}

int returns_kind_parse(const char *s)
{
	for (int k = 0; s && k < RETURN_KIND_MAX; k++) {
		if (strcmp(s, returns_kind_name((enum returns_kind)k)) == 0) {
			return k;
		}
	}
	if (s && (strcmp(s, "903") == 0 || strcmp(s, "cin") == 0)) {
		return s[0] == '9' ? RETURN_SSDA903 : RETURN_CIN;
	}
	return -1;
}

const char *returns_severity_name(enum returns_severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_QUERY ? "query" : "?";
}

int returns_year_of(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return m >= 4 ? y + 1 : y;
}

hdate returns_year_start(int year)
{
	return date_from_ymd(year - 1, 4, 1);
}

hdate returns_year_end(int year)
{
	return date_from_ymd(year, 3, 31);
}

/* ---- findings ---- */

static int s9_table_of(const char *name)
{
	static const char *const names[S9_TABLE_MAX] = {"Header", "Episodes", "Reviews", "UASC", "OC2", "OC3",
							"AD1", "PlacedAdoption", "PrevPerm", "Missing", "SWEpisodes"};
	for (int i = 0; name && i < S9_TABLE_MAX; i++) {
		if (strcmp(names[i], name) == 0) {
			return i;
		}
	}
	return -1;
}

void rx_emit(struct returns_ctx *x, const char *table, int row, int line, int64_t row_id, hdate date,
	     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rx_vemit(x, table, row, line, row_id, date, fmt, ap);
	va_end(ap);
}

void rx_vemit(struct returns_ctx *x, const char *table, int row, int line, int64_t row_id, hdate date,
	      const char *fmt, va_list ap)
{
	struct returns_findings *out = x->out;
	struct returns_finding *f = ARR_PUSH(x->a, out->items, out->n, out->cap);
	memset(f, 0, sizeof(*f));
	f->rule = x->rule;
	f->table = table ? table : x->rule->table;
	f->row = row;
	f->line = line;
	f->row_id = row_id;
	f->date = date;
	if (x->s9) {
		f->child_id = x->s9->id;
		f->child = x->s9->child ? arena_strdup(x->a, x->s9->child) : NULL;
		int t = s9_table_of(f->table);
		if (x->s9->files && t >= 0) {
			f->file = x->s9->files[t];
		}
	} else if (x->ci) {
		f->child_id = x->ci->id;
		f->child = x->ci->la_id ? arena_strdup(x->a, x->ci->la_id) : NULL;
		f->file = x->ci->file;
	}
	if (!f->file) {
		f->file = x->file;
	}
	if (fmt) {
		f->detail = arena_vprintf(x->a, fmt, ap);
	}
	if (x->rule->severity == SEV_ERROR) {
		out->errors++;
	} else {
		out->queries++;
	}
}

static bool same_finding(const struct returns_finding *a, const struct returns_finding *b)
{
	return a->rule == b->rule && a->child_id == b->child_id && str_eq(a->table, b->table) && a->date == b->date &&
	       str_eq(a->child, b->child);
}

size_t returns_findings_new(const struct returns_findings *before, const struct returns_findings *after,
			    struct arena *a, struct returns_findings *out)
{
	size_t added = 0;
	for (size_t i = 0; i < after->n; i++) {
		bool seen = false;
		for (size_t k = 0; !seen && k < before->n; k++) {
			seen = same_finding(&after->items[i], &before->items[k]);
		}
		if (!seen) {
			*ARR_PUSH(a, out->items, out->n, out->cap) = after->items[i];
			if (after->items[i].rule->severity == SEV_ERROR) {
				out->errors++;
			} else {
				out->queries++;
			}
			added++;
		}
	}
	return added;
}

/* ---- string -> id maps ---- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	}
	return h;
}

static void smap_grow(struct smap *m, struct arena *a)
{
	struct smap old = *m;
	m->cap = old.cap ? old.cap * 2 : 1024;
	m->keys = arena_alloc(a, sizeof(*m->keys) * m->cap);
	m->vals = arena_alloc(a, sizeof(*m->vals) * m->cap);
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.keys[i]) {
			smap_put(m, a, old.keys[i], old.vals[i]);
		}
	}
}

void smap_put(struct smap *m, struct arena *a, const char *k, int64_t v)
{
	if ((m->n + 1) * 2 > m->cap) {
		smap_grow(m, a);
	}
	size_t i = hash_str(k) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], k) != 0) {
		i = (i + 1) & (m->cap - 1);
	}
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->n++;
	}
	m->vals[i] = v;
}

int64_t smap_get(const struct smap *m, const char *k)
{
	if (!m->cap || !k) {
		return 0;
	}
	size_t i = hash_str(k) & (m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], k) == 0) {
			return m->vals[i];
		}
		i = (i + 1) & (m->cap - 1);
	}
	return 0;
}

/* ---- small helpers ---- */

char *rdate_dmy(hdate d, char out[DATE_STR_SIZE])
{
	if (d == RDATE_BAD) {
		out[0] = '?';
		out[1] = '\0';
		return out;
	}
	return date_format_dmy(d, out);
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !*a) {
		return !b || !*b;
	}
	return b && strcmp(a, b) == 0;
}

/* n digits (1..max) from *s; -1 when none. */
static int take_digits(const char **s, int max)
{
	int v = 0, n = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n ? v : -1;
}

int rdate_parse(const char *s, bool dmy, hdate *out)
{
	int y, m, d;
	if (!s) {
		return -1;
	}
	const char *p = s;
	if (dmy) {
		d = take_digits(&p, 2);
		if (*p++ != '/') {
			return -1;
		}
		m = take_digits(&p, 2);
		if (*p++ != '/') {
			return -1;
		}
		y = (size_t)(strchr(p, '\0') - p) == 4 ? take_digits(&p, 4) : -1;
	} else {
		y = (size_t)(strcspn(p, "-")) == 4 ? take_digits(&p, 4) : -1;
		if (*p++ != '-') {
			return -1;
		}
		m = strcspn(p, "-") == 2 ? take_digits(&p, 2) : -1;
		if (*p++ != '-') {
			return -1;
		}
		d = strlen(p) == 2 ? take_digits(&p, 2) : -1;
	}
	if (*p || y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m)) {
		return -1;
	}
	*out = date_from_ymd(y, m, d);
	return 0;
}

bool rnum_whole(const char *s, int64_t *out)
{
	if (!sok(s)) {
		return false;
	}
	const char *p = s;
	bool neg = *p == '-';
	p += neg || *p == '+';
	if (*p < '0' || *p > '9') {
		return false;
	}
	int64_t v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - 9) / 10) {
			return false;
		}
		v = v * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; *p == '0'; p++) {
		}
	}
	if (*p) {
		return false;
	}
	*out = neg ? -v : v;
	return true;
}

int ryes_no(const char *s)
{
	int64_t n;
	if (!sok(s)) {
		return -1;
	}
	if (strcasecmp(s, "true") == 0) {
		return 1;
	}
	if (strcasecmp(s, "false") == 0) {
		return 0;
	}
	return rnum_whole(s, &n) && (n == 0 || n == 1) ? (int)n : -1;
}

bool in_set(const char *s, const char *const *set)
{
	for (; s && *set; set++) {
		if (strcmp(s, *set) == 0) {
			return true;
		}
	}
	return false;
}

bool overlaps(hdate a1, hdate a2, hdate b1, hdate b2, bool touching)
{
	if (!dok(a1) || !dok(b1)) {
		return false;
	}
	hdate ae = dok(a2) ? a2 : INT32_MAX, be = dok(b2) ? b2 : INT32_MAX;
	return touching ? a1 <= be && b1 <= ae : a1 < be && b1 < ae;
}

/* ---- identifiers ---- */

/* English local authority numbers (including those merged away since 1998 and 2009,
 * since a UPN keeps the number of the authority that issued it) and Welsh ones (660-681).
 * *check* against the DfE's list of LA codes. */
static const short la_codes[] = {
	201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 301, 302, 303, 304, 305, 306, 307, 308,
	309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 330, 331, 332, 333, 334, 335, 336, 340, 341,
	342, 343, 344, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 380, 381, 382, 383,
	384, 390, 391, 392, 393, 394, 420, 660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671, 672, 673,
	674, 675, 676, 677, 678, 679, 680, 681, 800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815,
	816, 820, 821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 838, 839, 840, 841, 845, 846, 850, 851, 852,
	855, 856, 857, 860, 861, 865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880,
	881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896, 908, 909, 916, 919, 921,
	925, 926, 928, 929, 931, 933, 935, 936, 937, 938, 940, 941, 942, 943,
};

static int short_cmp(const void *a, const void *b)
{
	return *(const short *)a - *(const short *)b;
}

bool la_code_known(const char *code)
{
	if (!code || strlen(code) != 3 || code[strspn(code, "0123456789")] != '\0') {
		return false;
	}
	short n = (short)atoi(code);
	return bsearch(&n, la_codes, sizeof(la_codes) / sizeof(la_codes[0]), sizeof(short), short_cmp) != NULL;
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The check letters, by remainder modulo 23 (no I, O or S). A temporary UPN ends with one
 * of these letters, which then counts as its position. */
static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int upn_char_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	const char *p = c ? strchr(upn_letters, c) : NULL;
	return p ? (int)(p - upn_letters) : -1;
}

char upn_check_letter(const char *twelve)
{
	int sum = 0;
	for (int i = 0; i < 12; i++) {
		char c = twelve[i];
		int v = i < 11 ? (is_digit(c) ? c - '0' : -1) : upn_char_value(c);
		if (v < 0) {
			return 0;
		}
		sum += v * (i + 2);
	}
	return upn_letters[sum % 23];
}

const char *upn_problem(const char *upn)
{
	if (!upn || strlen(upn) != 13) {
		return "format";
	}
	for (int i = 4; i < 12; i++) {
		if (upn[i] < '0' || upn[i] > '9') {
			return "1540";
		}
	}
	if (!((upn[12] >= '0' && upn[12] <= '9') || (upn[12] && strchr(upn_letters, upn[12])))) {
		return "1550";
	}
	char digits[4] = {upn[1], upn[2], upn[3], 0};
	if (!la_code_known(digits)) {
		return "1530";
	}
	char want = upn_check_letter(upn + 1);
	if (!want || upn[0] != want) {
		return "1510";
	}
	return NULL;
}

bool upn_breaks(const char *upn, const char *rule)
{
	size_t n = upn ? strlen(upn) : 0;
	if (strcmp(rule, "1540") == 0) {
		if (n != 13) {
			return true;
		}
		for (int i = 4; i < 12; i++) {
			if (upn[i] < '0' || upn[i] > '9') {
				return true;
			}
		}
		return false;
	}
	/* 1530 reads characters 2-4 and 1510 the check letter, whatever the length: a UPN too
	 * short to have an LA number has no recognised one, and one whose check letter cannot be
	 * worked out (not 13 characters, or not digits where digits go) has no right one. Each
	 * is reported beside 1540's finding on the length, as the DfE's rules are each run. */
	if (strcmp(rule, "1530") == 0) {
		char digits[4] = {n >= 4 ? upn[1] : 0, n >= 4 ? upn[2] : 0, n >= 4 ? upn[3] : 0, 0};
		return n < 4 || !la_code_known(digits);
	}
	if (strcmp(rule, "1510") == 0) {
		char want = n == 13 ? upn_check_letter(upn + 1) : 0;
		return !want || upn[0] != want;
	}
	if (n != 13) {
		return false; /* the length is 1540's to report */
	}
	if (strcmp(rule, "1550") == 0) {
		return !((upn[12] >= '0' && upn[12] <= '9') || strchr(upn_letters, upn[12]));
	}
	return false;
}

bool upn_unknown_code(const char *s, enum returns_kind k)
{
	return s && strlen(s) == 3 && s[0] == 'U' && s[1] == 'N' && s[2] >= '1' &&
	       s[2] <= (k == RETURN_CIN ? '7' : '5');
}

bool postcode_valid(const char *s)
{
	if (!s) {
		return false;
	}
	char p[10];
	size_t n = 0;
	for (; *s && n < sizeof(p) - 1; s++) {
		if (*s != ' ') {
			p[n++] = *s;
		}
	}
	if (*s || n < 5 || n > 7) {
		return false;
	}
	p[n] = '\0';
	/* inward code: digit letter letter */
	if (!is_digit(p[n - 3]) || !is_alpha(p[n - 2]) || !is_alpha(p[n - 1])) {
		return false;
	}
	/* outward code (2-4 characters): A9, A99, AA9, AA99, A9A, AA9A */
	size_t o = n - 3;
	if (!is_alpha(p[0])) {
		return false;
	}
	if (o == 2) {
		return is_digit(p[1]);
	}
	if (o == 3) {
		return (is_digit(p[1]) && (is_digit(p[2]) || is_alpha(p[2]))) || (is_alpha(p[1]) && is_digit(p[2]));
	}
	return is_alpha(p[1]) && is_digit(p[2]) && (is_digit(p[3]) || is_alpha(p[3]));
}

bool urn_valid(const char *s)
{
	if (!s) {
		return false;
	}
	size_t n = strlen(s);
	if (strcmp(s, "XXXXXXX") == 0) {
		return true;
	}
	if (n == 8 && s[0] == 'S' && s[1] == 'C') {
		return strspn(s + 2, "0123456789") == 6;
	}
	return (n == 6 || n == 7) && strspn(s, "0123456789") == n;
}

/* ---- CSV ---- */

int csv_open(struct csv *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	c->f = fopen(path, "rb");
	return c->f ? 0 : -1;
}

void csv_close(struct csv *c)
{
	if (c->f) {
		fclose(c->f);
	}
	free(c->line);
	free(c->fields);
	buf_free(&c->cell);
	buf_free(&c->conv);
	memset(c, 0, sizeof(*c));
}

/* Whether s[0..len) is UTF-8. */
static bool utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char ch = s[i];
		size_t k;
		if (ch < 0x80) {
			k = 0;
		} else if (ch >= 0xC2 && ch <= 0xDF) {
			k = 1;
		} else if ((ch & 0xF0) == 0xE0) {
			k = 2;
		} else if (ch >= 0xF0 && ch <= 0xF4) {
			k = 3;
		} else {
			return false;
		}
		if (i + k >= len && k) {
			return false;
		}
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80) {
				return false;
			}
		}
		i += k + 1;
	}
	return true;
}

/* Windows-1252 0x80-0x9F as Unicode (0: undefined there). */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
	0x0178,
};

/* The line s[0..len) from Windows-1252 into c->conv as UTF-8 (an undefined byte becomes
 * U+FFFD, so that it shows rather than vanishes). */
static void from_cp1252(struct csv *c, const unsigned char *s, size_t len)
{
	buf_reset(&c->conv);
	for (size_t i = 0; i < len; i++) {
		unsigned u = s[i] < 0x80 ? s[i] : s[i] < 0xA0 ? cp1252_high[s[i] - 0x80] : s[i];
		u = u ? u : 0xFFFD;
		if (u < 0x80) {
			buf_putc(&c->conv, (char)u);
		} else if (u < 0x800) {
			buf_putc(&c->conv, (char)(0xC0 | (u >> 6)));
			buf_putc(&c->conv, (char)(0x80 | (u & 0x3F)));
		} else {
			buf_putc(&c->conv, (char)(0xE0 | (u >> 12)));
			buf_putc(&c->conv, (char)(0x80 | ((u >> 6) & 0x3F)));
			buf_putc(&c->conv, (char)(0x80 | (u & 0x3F)));
		}
	}
}

int csv_next(struct csv *c)
{
	size_t *offs = NULL;
	int n = 0, cap = 0;
	bool quoted = false, started = false;
	buf_reset(&c->cell);
	for (;;) {
		ssize_t len = getline(&c->line, &c->cap, c->f);
		if (len < 0) {
			free(offs);
			if (ferror(c->f)) {
				c->bad = "the file could not be read to its end";
				return -2;
			}
			if (quoted) {
				return -1;
			}
			return started ? 1 : 0;
		}
		c->lineno++;
		char *s = c->line;
		if (c->lineno == 1 && len >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
						   ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
			free(offs);
			c->bad = "the file is UTF-16 (it begins with a UTF-16 byte order mark): save it as UTF-8 CSV";
			return -2;
		}
		if (memchr(s, '\0', (size_t)len)) {
			free(offs);
			c->bad = "a NUL byte: this is not a CSV text file (UTF-16 text has them: save it as UTF-8 CSV)";
			return -2;
		}
		if (!utf8_ok((const unsigned char *)s, (size_t)len)) {
			from_cp1252(c, (const unsigned char *)s, (size_t)len);
			buf_putc(&c->conv, '\0');
			if ((size_t)c->cap < c->conv.len) {
				c->line = xrealloc(c->line, c->conv.len);
				c->cap = c->conv.len;
			}
			memcpy(c->line, buf_cstr(&c->conv), c->conv.len);
			s = c->line;
			len = (ssize_t)c->conv.len - 1;
			c->encoding = "Windows-1252";
		}
		c->unterminated = s[len - 1] != '\n';
		if (!started) {
			if (c->lineno == 1 && len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
			    (unsigned char)s[2] == 0xBF) {
				s += 3;
				len -= 3;
			}
			started = true;
			offs = xmalloc(sizeof(size_t) * 8);
			cap = 8;
			offs[n++] = 0;
		} else {
			buf_putc(&c->cell, '\n'); /* a newline inside quotes */
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r') && !quoted) {
			s[--len] = '\0';
		}
		for (ssize_t i = 0; i < len; i++) {
			char ch = s[i];
			if (quoted) {
				if (ch == '"' && i + 1 < len && s[i + 1] == '"') {
					buf_putc(&c->cell, '"');
					i++;
				} else if (ch == '"') {
					quoted = false;
				} else if (!(ch == '\r' && i + 1 < len && s[i + 1] == '\n') && ch != '\n') {
					buf_putc(&c->cell, ch);
				}
			} else if (ch == '"') {
				quoted = true;
			} else if (ch == ',') {
				buf_putc(&c->cell, '\0');
				if (n == cap) {
					offs = xrealloc(offs, sizeof(size_t) * (size_t)(cap *= 2));
				}
				offs[n++] = c->cell.len;
			} else {
				buf_putc(&c->cell, ch);
			}
		}
		if (!quoted) {
			break;
		}
	}
	buf_putc(&c->cell, '\0');
	if (n > c->capf) {
		c->fields = xrealloc(c->fields, sizeof(char *) * (size_t)n);
		c->capf = n;
	}
	for (int i = 0; i < n; i++) {
		c->fields[i] = c->cell.data + offs[i];
	}
	c->n = n;
	/* The record's line is the line it started on. */
	free(offs);
	return 1;
}

void csv_put(FILE *f, const char *s, bool first)
{
	if (!first) {
		fputc(',', f);
	}
	if (!s) {
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"') {
			fputc('"', f);
		}
		fputc(*s, f);
	}
	fputc('"', f);
}

/* ---- files that take their name only when complete ---- */

int tmpfile_open(struct tmpfile *t, const char *path, struct hearth_error *err)
{
	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	size_t n = strlen(path) + 16;
	t->tmp = xmalloc(n);
	snprintf(t->tmp, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(t->tmp);
	if (fd < 0) {
		int e = errno;
		free(t->path);
		free(t->tmp);
		memset(t, 0, sizeof(*t));
		return herr_set(err, HERR_IO, "out", "io", "cannot write %s: %s", path, strerror(e));
	}
	t->f = fdopen(fd, "w");
	if (!t->f) {
		close(fd);
		unlink(t->tmp);
		free(t->path);
		free(t->tmp);
		memset(t, 0, sizeof(*t));
		return herr_set(err, HERR_IO, "out", "io", "cannot write %s", path);
	}
	return 0;
}

int tmpfile_commit(struct tmpfile *t, struct hearth_error *err)
{
	int rc = 0;
	bool bad = ferror(t->f) != 0;
	if (fclose(t->f) != 0 || bad) {
		rc = herr_set(err, HERR_IO, "out", "io", "cannot write %s: %s", t->path, strerror(errno));
		unlink(t->tmp);
	} else if (rename(t->tmp, t->path) != 0) {
		rc = herr_set(err, HERR_IO, "out", "io", "cannot name %s: %s", t->path, strerror(errno));
		unlink(t->tmp);
	}
	free(t->path);
	free(t->tmp);
	memset(t, 0, sizeof(*t));
	return rc;
}

void tmpfile_abort(struct tmpfile *t)
{
	if (t->f) {
		fclose(t->f);
		unlink(t->tmp);
	}
	free(t->path);
	free(t->tmp);
	memset(t, 0, sizeof(*t));
}

/* ---- XML ---- */

static void xw_indent(struct xw *w)
{
	for (int i = 0; i < w->depth; i++) {
		fputs("  ", w->f);
	}
}

static void xw_text(struct xw *w, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", w->f);
			break;
		case '<':
			fputs("&lt;", w->f);
			break;
		case '>':
			fputs("&gt;", w->f);
			break;
		case '"':
			fputs("&quot;", w->f);
			break;
		case '\n':
			fputs("&#10;", w->f);
			break;
		case '\r':
			fputs("&#13;", w->f);
			break;
		default:
			fputc(*s, w->f);
		}
	}
}

void xw_start_doc(struct xw *w)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", w->f);
	w->line = 2;
}

void xw_open(struct xw *w, const char *name)
{
	xw_indent(w);
	fprintf(w->f, "<%s>\n", name);
	w->line++;
	w->depth++;
}

void xw_close(struct xw *w, const char *name)
{
	w->depth--;
	xw_indent(w);
	fprintf(w->f, "</%s>\n", name);
	w->line++;
}

void xw_leaf(struct xw *w, const char *name, const char *text)
{
	if (!text) {
		return;
	}
	xw_indent(w);
	fprintf(w->f, "<%s>", name);
	xw_text(w, text);
	fprintf(w->f, "</%s>\n", name);
	w->line++;
}

void xw_leaf_empty(struct xw *w, const char *name)
{
	xw_indent(w);
	fprintf(w->f, "<%s/>\n", name);
	w->line++;
}

void xw_leaf_date(struct xw *w, const char *name, hdate d)
{
	char b[DATE_STR_SIZE];
	if (dok(d)) {
		xw_leaf(w, name, date_format(d, b));
	}
}

const char *xml_child_at(const struct xstart *starts, size_t n, int64_t line)
{
	const char *who = NULL;
	for (size_t i = 0; i < n && starts[i].line <= line; i++) {
		who = starts[i].child;
	}
	return who;
}

void xml_error_cb(void *ctx, xmlErrorPtr e)
{
	struct xml_errors *x = ctx;
	if (!e || e->level < XML_ERR_ERROR) {
		return;
	}
	if (x->count++ == 0) {
		x->line = e->line;
		snprintf(x->message, sizeof(x->message), "%s", e->message ? e->message : "invalid");
		size_t n = strlen(x->message);
		while (n > 0 && (x->message[n - 1] == '\n' || x->message[n - 1] == ' ')) {
			x->message[--n] = '\0';
		}
	}
}

int xml_validate_file(const char *path, const char *xsd, int64_t *bad_line, struct hearth_error *err)
{
	struct xml_errors xe = {0};
	xmlInitParser();
	if (access(xsd, R_OK) != 0) {
		return herr_set(err, HERR_IO, "xsd", "io", "cannot read the schema %s: %s", xsd, strerror(errno));
	}
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	if (!pc) {
		return herr_set(err, HERR_IO, "xsd", "schema", "cannot read the schema %s", xsd);
	}
	xmlSchemaSetParserStructuredErrors(pc, xml_error_cb, &xe);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		return herr_set(err, HERR_IO, "xsd", "schema", "%s is not a schema libxml2 can read: %s", xsd,
				xe.message);
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xe.count = 0;
	xmlSchemaSetValidStructuredErrors(vc, xml_error_cb, &xe);
	int rc = xmlSchemaValidateFile(vc, path, 0);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	if (rc == 0 && xe.count == 0) {
		return 0;
	}
	if (bad_line) {
		*bad_line = xe.line;
	}
	return herr_set(err, HERR_INVALID, "xsd", "schema_invalid",
			"not valid against %s: %d problem%s, the first on line %lld: %s", xsd, xe.count ? xe.count : 1,
			xe.count == 1 ? "" : "s", (long long)xe.line, xe.count ? xe.message : "invalid");
}
