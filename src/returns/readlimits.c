/* readlimits: see readlimits.h.
 *
 * The check is a SAX parse through libxml2's push parser, fed 64 KiB at a time, with only
 * the callbacks that matter: a DOCTYPE (internal or external subset), an entity
 * declaration or reference stop the parse at once, before any entity is expanded or
 * loaded; element starts and ends count the depth. Nothing is built, so a file of any
 * size is checked in a few kilobytes; libxml2's first error gives the line where a
 * document that is not well-formed breaks. */
#include "returns/readlimits.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "base/mem.h"
#include "returns/internal.h"

#define CHUNK (64 * 1024)

struct xcheck {
	xmlParserCtxtPtr ctxt;
	int depth;
	int64_t line;		/* of the refusal */
	char why[300];		/* the refusal; empty when none */
	struct xml_errors xe;	/* libxml2's first error */
};

static void refuse(struct xcheck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(struct xcheck *c, const char *fmt, ...)
{
	if (!c->why[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
		va_end(ap);
		c->line = c->ctxt ? xmlSAX2GetLineNumber(c->ctxt) : 0;
	}
	if (c->ctxt) {
		xmlStopParser(c->ctxt);
	}
}

static void on_subset(void *ctx, const xmlChar *name, const xmlChar *external, const xmlChar *system)
{
	refuse(ctx, "the document has a DOCTYPE (%s): refused, as a document type can declare entities that "
		    "expand without bound or read other files",
	       name ? (const char *)name : "");
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	refuse(ctx, "the document declares an entity (%s): refused", name ? (const char *)name : "");
}

static void on_reference(void *ctx, const xmlChar *name)
{
	refuse(ctx, "an entity reference (&%s;): refused", name ? (const char *)name : "");
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		     const xmlChar **attributes)
{
	struct xcheck *c = ctx;
	if (++c->depth > XML_MAX_DEPTH) {
		refuse(c, "elements nested more than %d deep: refused", XML_MAX_DEPTH);
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct xcheck *c = ctx;
	c->depth--;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct xcheck *c = ctx;
	/* libxml2 says "Extra content at the end of the document" when the input ends with
	 * elements still open: say what happened. */
	if (e && e->code == XML_ERR_DOCUMENT_END && c->depth > 0 && c->xe.count == 0) {
		c->xe.count = 1;
		c->xe.line = e->line;
		snprintf(c->xe.message, sizeof(c->xe.message),
			 "the file ends with %d element%s still open: it looks cut short", c->depth, c->depth == 1 ? "" : "s");
		return;
	}
	xml_error_cb(&c->xe, e);
}

/* The parser for one check, its callbacks pointing at c. */
static xmlParserCtxtPtr start(struct xcheck *c, const char *name)
{
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.internalSubset = on_subset;
	sax.externalSubset = on_subset;
	sax.entityDecl = on_entity_decl;
	sax.reference = on_reference;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.serror = on_error;
	xmlInitParser();
	/* The handler is copied into the context; c is the callbacks' user data. */
	c->ctxt = xmlCreatePushParserCtxt(&sax, c, NULL, 0, name);
	if (c->ctxt) {
		xmlCtxtUseOptions(c->ctxt, XML_SAFE_OPTIONS);
	}
	return c->ctxt;
}

static bool stopped(const struct xcheck *c)
{
	return c->why[0] || c->ctxt->disableSAX || c->ctxt->instate == XML_PARSER_EOF;
}

static int finish(struct xcheck *c, const char *where, struct hearth_error *err)
{
	bool well_formed = c->ctxt->wellFormed;
	xmlFreeParserCtxt(c->ctxt);
	c->ctxt = NULL;
	if (c->why[0]) {
		return herr_set(err, HERR_INVALID, "file", "xml_refused", "%s:%lld: %s", where, (long long)c->line, c->why);
	}
	if (!well_formed || c->xe.count) {
		if (c->xe.count) {
			return herr_set(err, HERR_INVALID, "file", "xml", "%s:%lld: not well-formed XML: %s", where,
					(long long)c->xe.line, c->xe.message);
		}
		return herr_set(err, HERR_INVALID, "file", "xml", "%s: not well-formed XML", where);
	}
	return 0;
}

int xml_check_file(const char *path, struct hearth_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s: %s", path, strerror(errno));
	}
	struct xcheck c;
	memset(&c, 0, sizeof(c));
	if (!start(&c, path)) {
		fclose(f);
		return herr_set(err, HERR_IO, "file", "xml", "%s: libxml2 could not start a parser", path);
	}
	char *buf = xmalloc(CHUNK);
	size_t n;
	bool bad = false;
	while (!stopped(&c) && (n = fread(buf, 1, CHUNK, f)) > 0) {
		xmlParseChunk(c.ctxt, buf, (int)n, 0);
	}
	free(buf);
	bad = ferror(f) != 0;
	fclose(f);
	if (!stopped(&c)) {
		xmlParseChunk(c.ctxt, NULL, 0, 1);
	}
	int rc = finish(&c, path, err);
	if (!rc && bad) {
		rc = herr_set(err, HERR_IO, "file", "io", "%s: the file could not be read to its end", path);
	}
	return rc;
}

int xml_check_memory(const char *buf, size_t len, const char *where, struct hearth_error *err)
{
	struct xcheck c;
	memset(&c, 0, sizeof(c));
	if (!start(&c, where)) {
		return herr_set(err, HERR_IO, "file", "xml", "%s: libxml2 could not start a parser", where);
	}
	/* In chunks: libxml2 refuses more than 10 MB of input it has not parsed yet. */
	for (size_t at = 0; at < len && !stopped(&c); at += CHUNK) {
		size_t n = len - at < CHUNK ? len - at : CHUNK;
		xmlParseChunk(c.ctxt, buf + at, (int)n, 0);
	}
	if (!stopped(&c)) {
		xmlParseChunk(c.ctxt, NULL, 0, 1);
	}
	return finish(&c, where, err);
}
