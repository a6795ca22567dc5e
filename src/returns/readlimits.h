/* readlimits: what reading a file from outside (an import) may cost, in one place, and the
 * check that holds an XML document to it before anything else reads it.
 *
 * A return or workbook comes from another system or a person: it is read as hostile. Its
 * XML may have no DOCTYPE (so no entity can expand a few bytes into gigabytes, and no
 * external entity or DTD can make the reader open another file or the network), no
 * entity reference beyond the five predefined ones, and no element nested deeper than
 * XML_MAX_DEPTH. A workbook's zip may not inflate a part beyond ZIP_PART_MAX, all the parts
 * read beyond ZIP_TOTAL_MAX, or a part over ZIP_RATIO_FROM to more than ZIP_RATIO_MAX
 * times its compressed size (what a zip bomb does: real workbooks compress about 10:1). */
#ifndef HEARTH_RETURNS_READLIMITS_H
#define HEARTH_RETURNS_READLIMITS_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "base/error.h"

/* libxml2's options for every parse of outside input: no network; and not XML_PARSE_NOENT
 * (entities substituted), XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (a DTD read) or
 * XML_PARSE_HUGE (which lifts libxml2's own limits on text, names and depth). */
#define XML_SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
/* The DfE returns nest about 7 deep and a sheet 5: far more is an attack on the stack. */
#define XML_MAX_DEPTH 64

/* An .xlsx file is read into memory whole. */
#define ZIP_FILE_MAX ((size_t)256 << 20)
/* One part inflated, all the parts read inflated, and the ratio of inflated to compressed
 * size allowed of a part over ZIP_RATIO_FROM. */
#define ZIP_PART_MAX ((uint32_t)256 << 20)
#define ZIP_TOTAL_MAX ((uint64_t)512 << 20)
#define ZIP_RATIO_MAX 200
#define ZIP_RATIO_FROM ((uint32_t)1 << 20)

/* Reads the XML file at path, or the part's bytes (buf, len), with libxml2's SAX parser,
 * keeping nothing, and checks the rules above and that it is well-formed. 0 when it may
 * be read; else HERR_INVALID (HERR_IO when the file cannot be opened) with a message that
 * starts "WHERE:LINE: " (where is path, or "workbook: part") and says what was refused. */
int xml_check_file(const char *path, struct hearth_error *err);
int xml_check_memory(const char *buf, size_t len, const char *where, struct hearth_error *err);

#endif
