/* annex_a_write: the Annex A lists as a workbook (libxlsxwriter) or as CSV files.
 *
 * The workbook has one sheet per list, named as in Ofsted's template ("List 1"...), the
 * schema's headers in row 1 (bold, the row frozen), then one row per record. Dates are date
 * cells (the Excel serial day) formatted dd/mm/yyyy, so they sort and filter as dates and
 * read as dd/mm/yyyy; whole numbers are numbers; everything else is text; a blank is no
 * cell. The workbook is written in libxlsxwriter's constant-memory mode (row by row), so a
 * whole country's lists do not have to be held twice.
 *
 * The CSV form writes list_1.csv ... list_11.csv: the same headers, dates as dd/mm/yyyy
 * text, fields quoted when they hold a comma, quote or line break (RFC 4180).
 *
 * The files hold children's personal data: they are created readable by their owner only
 * (mode 0600; the directory 0700 when this creates it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "measures/annex_a.h"

#define EXCEL_EPOCH_OFFSET 25569	/* days from 1899-12-30 (Excel's day 0) to 1970-01-01 */

int annex_a_write_xlsx(const struct annex_a *aa, const char *path, struct hearth_error *err)
{
	lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &options);
	if (!wb) {
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot create the workbook %s", path);
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	for (int l = 0; l < ANNEX_A_LISTS; l++) {
		const struct annex_a_list *list = &annex_a_lists[l];
		lxw_worksheet *ws = workbook_add_worksheet(wb, list->sheet);
		if (!ws) {
			workbook_close(wb);
			return herr_set(err, HERR_IO, "out", "cannot_write", "cannot add sheet %s to %s", list->sheet, path);
		}
		for (int k = 0; k < list->n_cols; k++) {
			worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, list->cols[k].type == AA_DATE ? 12 : 18, NULL);
		}
		worksheet_freeze_panes(ws, 1, 0);
		for (int k = 0; k < list->n_cols; k++) {
			worksheet_write_string(ws, 0, (lxw_col_t)k, list->cols[k].header, bold);
		}
		for (size_t i = 0; i < aa->lists[l].n; i++) {
			const union annex_a_cell *row = annex_a_row(aa, l, i);
			lxw_row_t r = (lxw_row_t)(i + 1);
			for (int k = 0; k < list->n_cols; k++) {
				lxw_col_t col = (lxw_col_t)k;
				switch (list->cols[k].type) {
				case AA_DATE:
					if (row[k].d != DATE_NONE) {
						worksheet_write_number(ws, r, col, (double)row[k].d + EXCEL_EPOCH_OFFSET, date);
					}
					break;
				case AA_INT:
					if (row[k].n != ANNEX_A_NONE_INT) {
						worksheet_write_number(ws, r, col, (double)row[k].n, NULL);
					}
					break;
				default:
					if (row[k].s && row[k].s[0]) {
						worksheet_write_string(ws, r, col, row[k].s, NULL);
					}
					break;
				}
			}
		}
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR) {
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot write the workbook %s: %s", path,
				lxw_strerror(rc));
	}
	chmod(path, 0600);
	return 0;
}

static void csv_field(FILE *f, const char *s)
{
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

int annex_a_write_csv(const struct annex_a *aa, const char *dir, struct hearth_error *err)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot create the directory %s: %s", dir,
				strerror(errno));
	}
	for (int l = 0; l < ANNEX_A_LISTS; l++) {
		const struct annex_a_list *list = &annex_a_lists[l];
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.csv", dir, list->key);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!f) {
			if (fd >= 0) {
				close(fd);
			}
			return herr_set(err, HERR_IO, "out", "cannot_write", "cannot write %s: %s", path, strerror(errno));
		}
		for (int k = 0; k < list->n_cols; k++) {
			if (k) {
				fputc(',', f);
			}
			csv_field(f, list->cols[k].header);
		}
		fputs("\r\n", f);
		char buf[32];
		for (size_t i = 0; i < aa->lists[l].n; i++) {
			const union annex_a_cell *row = annex_a_row(aa, l, i);
			for (int k = 0; k < list->n_cols; k++) {
				if (k) {
					fputc(',', f);
				}
				csv_field(f, annex_a_cell_text(&list->cols[k], &row[k], buf, sizeof(buf)));
			}
			fputs("\r\n", f);
		}
		if (fclose(f) != 0) {
			return herr_set(err, HERR_IO, "out", "cannot_write", "cannot write %s: %s", path, strerror(errno));
		}
	}
	return 0;
}
