/* xlsx: the cells of an Excel workbook, read with the module's own zip reader (zlib's raw
 * inflate) and libxml2. Private to src/returns (the Annex A import); see xlsx.c. */
#ifndef HEARTH_RETURNS_XLSX_H
#define HEARTH_RETURNS_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "returns/internal.h"

struct zentry;

struct xlsx {
	struct arena *a;
	const char *path;
	unsigned char *data;
	size_t size;
	struct zentry *entries;
	size_t n_entries;
	uint64_t inflated;	/* the parts read so far, inflated (readlimits.h) */
	struct {
		const char *name;	/* "List 1" */
		const char *part;	/* "xl/worksheets/sheet1.xml" */
	} *sheets;
	size_t n_sheets;
	const char **strings;	/* the shared strings */
	size_t n_strings;
	bool date1904;
};

struct xlsx_row {
	int line;		/* the spreadsheet's row number */
	const char **cells;	/* by column (A = 0); NULL for an empty cell */
	size_t n;
};

struct xlsx_sheet {
	const char *name;
	struct xlsx_row *rows;
	size_t n_rows;
};

/* Opens the workbook at path: its sheets' names and parts, its shared strings. */
int xlsx_open(struct xlsx *x, const char *path, struct arena *a, struct hearth_error *err);
/* Reads sheet i's rows (rows without cells are absent). */
int xlsx_sheet(struct xlsx *x, size_t i, struct xlsx_sheet *out, struct hearth_error *err);
/* A cell as a date: dd/mm/yyyy, yyyy-mm-dd or an Excel serial number; DATE_NONE for an
 * empty cell, RDATE_BAD for anything else. */
hdate xlsx_date(const struct xlsx *x, const char *v);

#endif
