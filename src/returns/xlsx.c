/* xlsx: reading the cells of an Excel workbook (.xlsx), for the Annex A import.
 *
 * An .xlsx file is a zip archive of XML parts. The archive is read whole; its central
 * directory (found from the end-of-central-directory record) gives each part's offset and
 * sizes, so parts written with data descriptors are read as well. Parts are stored or
 * deflated (zlib's raw inflate); zip64 archives are refused, and so is a part that would
 * inflate beyond the limits of readlimits.h (a zip bomb). Each part's XML is checked
 * (readlimits.h: no DOCTYPE or entities, not too deep, well-formed) and then parsed with
 * libxml2 without network access or entity substitution: the workbook (sheet names and
 * relationship ids), its relationships (the sheet parts), the shared strings and each
 * sheet's rows. A cell's value
 * is its text as stored (a shared or inline string, or the number as written); dates are
 * Excel serial numbers that xlsx_date turns into civil dates (1900 system, or 1904 when
 * the workbook says so).
 *
 * Memory: everything a workbook or sheet holds lives in the arena given to it; the caller
 * frees nothing but the arena. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zlib.h>

#include "base/mem.h"
#include "returns/readlimits.h"
#include "returns/xlsx.h"

struct zentry {
	const char *name;
	uint16_t method;
	uint32_t csize, usize, offset;
};

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int read_all(const char *path, struct arena *a, unsigned char **out, size_t *n, struct hearth_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", path, strerror(errno));
	}
	size_t cap = 1 << 16, len = 0;
	unsigned char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len > ZIP_FILE_MAX) {
			fclose(f);
			free(buf);
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s is larger than %zu MiB: refused", path,
					ZIP_FILE_MAX >> 20);
		}
		if (len == cap) {
			buf = xrealloc(buf, cap *= 2);
		}
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		free(buf);
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s", path);
	}
	*out = arena_alloc(a, len ? len : 1);
	memcpy(*out, buf, len);
	free(buf);
	*n = len;
	return 0;
}

static int zip_index(const unsigned char *z, size_t n, struct arena *a, struct zentry **out, size_t *count,
		     const char *path, struct hearth_error *err)
{
	if (n < 22) {
		return herr_set(err, HERR_INVALID, "file", "xlsx", "%s is not an .xlsx workbook (too short for a zip)", path);
	}
	size_t e = n - 22, stop = n > 22 + 65535 ? n - 22 - 65535 : 0;
	while (e > stop && u32(z + e) != 0x06054b50) {
		e--;
	}
	if (u32(z + e) != 0x06054b50) {
		return herr_set(err, HERR_INVALID, "file", "xlsx", "%s is not an .xlsx workbook (no zip directory)", path);
	}
	uint16_t entries = u16(z + e + 10);
	uint32_t cd_size = u32(z + e + 12), cd_off = u32(z + e + 16);
	if (cd_off == 0xffffffffu || entries == 0xffff) {
		return herr_set(err, HERR_INVALID, "file", "xlsx", "%s is a zip64 archive, which hearth does not read", path);
	}
	if ((size_t)cd_off + cd_size > n) {
		return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: the zip directory lies outside the file", path);
	}
	struct zentry *ents = arena_alloc(a, sizeof(*ents) * (entries ? entries : 1));
	size_t p = cd_off, k = 0;
	for (; k < entries; k++) {
		if (p + 46 > n || u32(z + p) != 0x02014b50) {
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: a damaged zip directory", path);
		}
		uint16_t nlen = u16(z + p + 28), xlen = u16(z + p + 30), clen = u16(z + p + 32);
		if (p + 46 + nlen > n) {
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: a damaged zip directory", path);
		}
		ents[k].method = u16(z + p + 10);
		ents[k].csize = u32(z + p + 20);
		ents[k].usize = u32(z + p + 24);
		ents[k].offset = u32(z + p + 42);
		ents[k].name = arena_strndup(a, (const char *)z + p + 46, nlen);
		p += 46u + nlen + xlen + clen;
	}
	*out = ents;
	*count = k;
	return 0;
}

/* The part's bytes (NUL-terminated, the caller frees them), or NULL when the workbook has
 * no such part. */
static int zip_part(struct xlsx *x, const char *name, char **out, size_t *len, struct hearth_error *err)
{
	*out = NULL;
	for (size_t i = 0; i < x->n_entries; i++) {
		const struct zentry *e = &x->entries[i];
		if (strcmp(e->name, name) != 0) {
			continue;
		}
		size_t lh = e->offset;
		if (lh + 30 > x->size || u32(x->data + lh) != 0x04034b50) {
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: a damaged zip entry %s", x->path, name);
		}
		size_t data = lh + 30 + u16(x->data + lh + 26) + u16(x->data + lh + 28);
		/* The sizes the directory gives are what inflating may produce (it stops there):
		 * a part is refused before any memory is taken for it. */
		if (e->usize > ZIP_PART_MAX) {
			return herr_set(err, HERR_INVALID, "file", "xlsx",
					"%s: %s would inflate beyond %u MiB (to %u MiB): refused", x->path, name,
					ZIP_PART_MAX >> 20, e->usize >> 20);
		}
		if (e->usize > ZIP_RATIO_FROM && e->usize / (e->csize ? e->csize : 1) > ZIP_RATIO_MAX) {
			return herr_set(err, HERR_INVALID, "file", "xlsx",
					"%s: %s would inflate beyond %d times its compressed size (%u MiB from %u KiB): "
					"refused", x->path, name, ZIP_RATIO_MAX, e->usize >> 20, e->csize >> 10);
		}
		if (x->inflated + e->usize > ZIP_TOTAL_MAX) {
			return herr_set(err, HERR_INVALID, "file", "xlsx",
					"%s: %s would inflate the workbook's parts beyond %llu MiB in all: refused", x->path,
					name, (unsigned long long)(ZIP_TOTAL_MAX >> 20));
		}
		if (data + e->csize > x->size) {
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: a damaged zip entry %s", x->path, name);
		}
		x->inflated += e->usize;
		char *buf = xmalloc((size_t)e->usize + 1);
		if (e->method == 0) {
			if (e->csize != e->usize) {
				free(buf);
				return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: a damaged zip entry %s", x->path, name);
			}
			memcpy(buf, x->data + data, e->usize);
		} else if (e->method == 8) {
			z_stream zs;
			memset(&zs, 0, sizeof(zs));
			if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
				free(buf);
				return herr_set(err, HERR_IO, "file", "xlsx", "zlib could not start");
			}
			zs.next_in = (Bytef *)(x->data + data);
			zs.avail_in = e->csize;
			zs.next_out = (Bytef *)buf;
			zs.avail_out = e->usize;
			int rc = inflate(&zs, Z_FINISH);
			size_t got = zs.total_out;
			inflateEnd(&zs);
			if (rc != Z_STREAM_END || got != e->usize) {
				free(buf);
				return herr_set(err, HERR_INVALID, "file", "xlsx",
						"%s: %s does not inflate to the %u bytes its zip directory gives", x->path,
						name, e->usize);
			}
		} else {
			free(buf);
			return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: %s uses compression method %u", x->path, name,
					e->method);
		}
		buf[e->usize] = '\0';
		*out = buf;
		*len = e->usize;
		return 0;
	}
	return 0;
}

/* libxml2's errors for a part, kept (the first one's line and message) instead of printed:
 * the parser hands the handler its context, whose _private holds the struct xml_errors. */
static void part_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	xml_error_cb(c->_private, e);
}

/* The part inflated and checked (readlimits.h); *out NULL when there is no such part. */
static int load_part(struct xlsx *x, const char *name, char **out, size_t *len, struct hearth_error *err)
{
	int rc = zip_part(x, name, out, len, err);
	if (!rc && *out) {
		rc = xml_check_memory(*out, *len, arena_printf(x->a, "%s: %s", x->path, name), err);
		if (rc) {
			free(*out);
			*out = NULL;
		}
	}
	return rc;
}

/* A small part (the workbook, its relationships, the shared strings) as a tree. */
static xmlDocPtr parse_part(struct xlsx *x, const char *name, struct hearth_error *err, int *rc)
{
	char *buf;
	size_t len;
	*rc = load_part(x, name, &buf, &len, err);
	if (*rc || !buf) {
		return NULL;
	}
	struct xml_errors xe = {0};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(buf);
		*rc = herr_set(err, HERR_IO, "file", "xlsx", "%s: no memory to read %s", x->path, name);
		return NULL;
	}
	ctxt->_private = &xe;
	ctxt->sax->serror = part_error;
	xmlDocPtr d = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, XML_SAFE_OPTIONS | XML_PARSE_NOBLANKS);
	xmlFreeParserCtxt(ctxt);
	free(buf);
	if (!d && xe.count) {
		*rc = herr_set(err, HERR_INVALID, "file", "xlsx", "%s: %s:%lld: not well-formed XML: %s", x->path, name,
			       (long long)xe.line, xe.message);
	} else if (!d) {
		*rc = herr_set(err, HERR_INVALID, "file", "xlsx", "%s: %s is not well-formed XML", x->path, name);
	}
	return d;
}

static bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const char *attr(xmlNodePtr n, const char *name, struct arena *a)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v) {
		/* relationship ids carry a namespace prefix (r:id) */
		for (xmlAttrPtr p = n->properties; p; p = p->next) {
			if (strcmp((const char *)p->name, name) == 0) {
				v = xmlNodeGetContent((xmlNodePtr)p);
				break;
			}
		}
	}
	const char *s = v ? arena_strdup(a, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* All the text under n (a shared string's runs, joined). */
static const char *text(xmlNodePtr n, struct arena *a)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = arena_strdup(a, t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

int xlsx_open(struct xlsx *x, const char *path, struct arena *a, struct hearth_error *err)
{
	memset(x, 0, sizeof(*x));
	x->a = a;
	x->path = path;
	xmlInitParser();
	int rc = read_all(path, a, &x->data, &x->size, err);
	if (!rc) {
		rc = zip_index(x->data, x->size, a, &x->entries, &x->n_entries, path, err);
	}
	if (rc) {
		return rc;
	}
	xmlDocPtr wb = parse_part(x, "xl/workbook.xml", err, &rc);
	if (!wb) {
		return rc ? rc : herr_set(err, HERR_INVALID, "file", "xlsx", "%s has no workbook part", path);
	}
	xmlDocPtr rels = parse_part(x, "xl/_rels/workbook.xml.rels", err, &rc);
	if (!rels) {
		xmlFreeDoc(wb);
		return rc ? rc : herr_set(err, HERR_INVALID, "file", "xlsx", "%s has no workbook relationships", path);
	}
	size_t cap = 0;
	for (xmlNodePtr n = xmlDocGetRootElement(wb)->children; n; n = n->next) {
		if (is(n, "workbookPr")) {
			const char *d = attr(n, "date1904", a);
			x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		}
		if (!is(n, "sheets")) {
			continue;
		}
		for (xmlNodePtr s = n->children; s; s = s->next) {
			if (!is(s, "sheet")) {
				continue;
			}
			const char *id = attr(s, "id", a);
			const char *target = NULL;
			for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; id && r; r = r->next) {
				const char *rid = attr(r, "Id", a);
				if (rid && strcmp(rid, id) == 0) {
					target = attr(r, "Target", a);
				}
			}
			if (!target) {
				continue;
			}
			if (x->n_sheets == cap) {
				cap = cap ? cap * 2 : 16;
				x->sheets = arena_grow(a, x->sheets, x->n_sheets, cap, sizeof(*x->sheets));
			}
			x->sheets[x->n_sheets].name = attr(s, "name", a);
			x->sheets[x->n_sheets].part = target[0] == '/' ? target + 1 : arena_printf(a, "xl/%s", target);
			x->n_sheets++;
		}
	}
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	xmlDocPtr ss = parse_part(x, "xl/sharedStrings.xml", err, &rc);
	if (rc) {
		return rc;
	}
	if (ss) {
		size_t scap = 0;
		for (xmlNodePtr n = xmlDocGetRootElement(ss)->children; n; n = n->next) {
			if (!is(n, "si")) {
				continue;
			}
			if (x->n_strings == scap) {
				scap = scap ? scap * 2 : 256;
				x->strings = arena_grow(a, x->strings, x->n_strings, scap, sizeof(*x->strings));
			}
			/* The text runs (t), not the phonetic ones (rPh). */
			struct buf b = BUF_INIT;
			for (xmlNodePtr c = n->children; c; c = c->next) {
				if (is(c, "t")) {
					buf_puts(&b, text(c, a));
				} else if (is(c, "r")) {
					for (xmlNodePtr t = c->children; t; t = t->next) {
						if (is(t, "t")) {
							buf_puts(&b, text(t, a));
						}
					}
				}
			}
			x->strings[x->n_strings++] = arena_strdup(a, buf_cstr(&b));
			buf_free(&b);
		}
		xmlFreeDoc(ss);
	}
	return 0;
}

/* "AB12" -> column 27 (0-based), row 12. */
static int cell_col(const char *ref)
{
	int c = 0;
	for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++) {
		c = c * 26 + (*ref - 'A' + 1);
	}
	return c - 1;
}

/* One row element's cells, appended to out. */
static void sheet_row(struct xlsx *x, struct xlsx_sheet *out, xmlNodePtr r, size_t *cap)
{
	if (out->n_rows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		out->rows = arena_grow(x->a, out->rows, out->n_rows, *cap, sizeof(*out->rows));
	}
	struct xlsx_row *row = &out->rows[out->n_rows++];
	memset(row, 0, sizeof(*row));
	const char *rn = attr(r, "r", x->a);
	row->line = rn ? atoi(rn) : (int)out->n_rows;
	size_t ccap = 0;
	for (xmlNodePtr c = r->children; c; c = c->next) {
		if (!is(c, "c")) {
			continue;
		}
		int col = cell_col(attr(c, "r", x->a));
		if (col < 0 || col > 1024) {
			col = (int)row->n;
		}
		const char *t = attr(c, "t", x->a), *v = NULL;
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (is(k, "v")) {
				v = text(k, x->a);
			} else if (is(k, "is")) {
				v = text(k, x->a);
			}
		}
		if (v && t && strcmp(t, "s") == 0) {
			size_t idx = (size_t)strtoul(v, NULL, 10);
			v = idx < x->n_strings ? x->strings[idx] : NULL;
		}
		if ((size_t)col >= ccap) {
			size_t ncap = (size_t)col + 16;
			row->cells = arena_grow(x->a, row->cells, ccap, ncap, sizeof(*row->cells));
			ccap = ncap;
		}
		row->cells[col] = v;
		if ((size_t)col + 1 > row->n) {
			row->n = (size_t)col + 1;
		}
	}
}

/* A sheet is read a row at a time (xmlTextReader: each row expanded, then freed as the
 * reader moves on), so what it costs is the cells' text, not a tree of the whole sheet
 * (about ten times the part's size). */
int xlsx_sheet(struct xlsx *x, size_t i, struct xlsx_sheet *out, struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	out->name = x->sheets[i].name;
	const char *part = x->sheets[i].part;
	char *buf;
	size_t len;
	int rc = load_part(x, part, &buf, &len, err);
	if (rc || !buf) {
		return rc ? rc : herr_set(err, HERR_INVALID, "file", "xlsx", "%s: sheet %s is missing", x->path, out->name);
	}
	struct xml_errors xe = {0};
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, part, NULL, XML_SAFE_OPTIONS | XML_PARSE_NOBLANKS);
	if (!r) {
		free(buf);
		return herr_set(err, HERR_IO, "file", "xlsx", "%s: no memory to read %s", x->path, part);
	}
	xmlTextReaderSetStructuredErrorHandler(r, xml_error_cb, &xe);
	size_t cap = 0;
	bool in_data = false;	/* inside the worksheet's sheetData */
	int ok = xmlTextReaderRead(r);
	while (ok == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			int depth = xmlTextReaderDepth(r);
			if (depth == 1) {
				in_data = strcmp(name, "sheetData") == 0;
			} else if (depth == 2 && in_data && strcmp(name, "row") == 0) {
				xmlNodePtr n = xmlTextReaderExpand(r);
				if (!n) {
					ok = -1;
					break;
				}
				sheet_row(x, out, n, &cap);
				ok = xmlTextReaderNext(r); /* stands on the next node: looked at next */
				continue;
			}
		}
		ok = xmlTextReaderRead(r);
	}
	xmlFreeTextReader(r);
	free(buf);
	if (ok < 0) {
		return herr_set(err, HERR_INVALID, "file", "xlsx", "%s: %s:%lld: not well-formed XML: %s", x->path, part,
				(long long)xe.line, xe.count ? xe.message : "the reader stopped");
	}
	return 0;
}

hdate xlsx_date(const struct xlsx *x, const char *v)
{
	hdate d;
	if (!v || !*v) {
		return DATE_NONE;
	}
	if (date_parse_dmy(v, &d) == 0 || date_parse(v, &d) == 0) {
		return d;
	}
	/* "2024-05-01T00:00:00" as some tools write it */
	if (strlen(v) >= 10 && v[10] == 'T') {
		char day[11];
		memcpy(day, v, 10);
		day[10] = '\0';
		if (date_parse(day, &d) == 0) {
			return d;
		}
	}
	char *end;
	double serial = strtod(v, &end);
	if (end == v || *end || serial < 1 || serial > 2958465) {
		return RDATE_BAD;
	}
	long days = (long)serial;
	/* 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was,
	 * so from day 61 the days run from 1899-12-30; 1904 system: from 1904-01-01. */
	hdate epoch = x && x->date1904 ? date_from_ymd(1904, 1, 1) : days >= 61 ? date_from_ymd(1899, 12, 30)
										 : date_from_ymd(1899, 12, 31);
	return epoch + (hdate)days;
}
