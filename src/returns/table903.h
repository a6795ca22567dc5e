/* table903: the SSDA903's CSV tables as data, and their reader; private to src/returns.
 *
 * Each table (s9_tables) names its columns in the DfE's order, each column where its value
 * lives in the view's row struct, so one writer (ssda903.c) and one reader (read903.c) serve
 * every table. The reader takes files as councils send them: a table is known by its header
 * (columns in any order and any letter case; an extra column is noted, a missing one too);
 * every value is kept as written (a date that is no date is RDATE_BAD, a code is not
 * checked), and what is odd about a file or a row is a note (rread_note), never a refusal.
 * Only a file that cannot be read whole (cut short, a quote never closed, UTF-16) stops the
 * read, with an error naming the file, line and encoding. */
#ifndef HEARTH_RETURNS_TABLE903_H
#define HEARTH_RETURNS_TABLE903_H

#include "returns/internal.h"


/* CK_CODE: a code of a DfE list (read in capitals); CK_NUM: a whole number or 0/1 item. */
enum col_kind { CK_CHILD, CK_STR, CK_DATE, CK_CODE, CK_NUM };

struct s9_col {
	const char *name;
	enum col_kind kind;
	size_t off;		/* in the row struct (the child for Header) */
};

struct s9_tabledef {
	enum s9_table t;
	const char *name;	/* the file's name and the table's: "Episodes" */
	int from_year;
	const struct s9_col *cols;
	int n_cols;
	size_t row_size;
	size_t arr_off;		/* the array in struct s9_child; 0 for Header */
	size_t n_off, cap_off;
	size_t line_off;	/* the row's file line (int) in its struct */
};

extern const struct s9_tabledef s9_tables[S9_TABLE_MAX];

static inline const char *s9_getstr(const void *row, size_t off)
{
	return *(const char *const *)((const char *)row + off);
}

static inline hdate s9_getdate(const void *row, size_t off)
{
	return *(const hdate *)((const char *)row + off);
}

/* The rows of one table the child has, and row i of them (Header: the child itself). */
static inline size_t rows_of(const struct s9_child *v, const struct s9_tabledef *t)
{
	return t->t == S9_HEADER ? (v->header ? 1 : 0) : *(const size_t *)((const char *)v + t->n_off);
}

static inline const void *row_at(const struct s9_child *v, const struct s9_tabledef *t, size_t i)
{
	if (t->t == S9_HEADER) {
		return v;
	}
	return *(const char *const *)((const char *)v + t->arr_off) + i * t->row_size;
}

static inline int line_at(const void *row, const struct s9_tabledef *t)
{
	return *(const int *)((const char *)row + t->line_off);
}

/* The files of one SSDA903 return, read into views (one per CHILD, in the order first met,
 * Header first). Everything lives in a. */
struct s9_files {
	struct arena *a;
	struct s9_child *children;
	size_t n_children, cap_children;
	struct smap index;			/* CHILD -> index + 1 */
	const char *files[S9_TABLE_MAX];	/* the path of each table's file */
	int *map[S9_TABLE_MAX];			/* table column -> the file's column, -1 missing */
	int n_file_cols[S9_TABLE_MAX];
	int64_t rows;				/* data rows read */
	/* What is odd about a file as a whole (not a table, a second file of a table, a
	 * column extra or missing, its encoding); a row's oddities go on its child. */
	void (*problem)(void *ctx, const struct rread_note *n);
	void *ctx;
};

/* Reads the files named (a directory: every *.csv in it, in name order). 0 when read; a
 * negative error when a file cannot be opened or read whole (nothing of the read should
 * then be used: the error names the file and line). */
int s9_read(struct s9_files *r, const char *const *paths, size_t n, struct hearth_error *err);
/* Puts a child read from files in the order the rules expect (rows by key date; hist: the
 * year's episodes, as a file has no more). */
void s9_prepare(struct s9_child *v);

#endif
