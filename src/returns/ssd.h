/* ssd: the Standard Safeguarding Dataset (data-to-insight's SSD), written from the record.
 *
 * The SSD is a fixed set of tables with fixed column names (and an item reference per
 * column) that councils' analysts build their tools on (Annex A scripts, the DfE API
 * staging, the D2I apps). ssd_tables (ssd_map.c) is Hearth's one table of facts: every SSD
 * table in the SSD's order, its columns in the SSD's column order, and for each column where
 * its value comes from: a field of a Hearth kind of record, the row's id, the child's
 * person id, a small named converter, or nothing ("not recorded": written empty and listed
 * in docs/ssd.md, which `hearth ssd --fields` prints so the docs cannot drift).
 *
 * Data flows store -> rows -> export: each SSD table reads the live rows of one Hearth kind
 * (store_all_rows) and writes one SSD row per source row its filter keeps. Rows of children
 * retracted or merged away are left out. Values are text: dates YYYY-MM-DD, instants
 * YYYY-MM-DDTHH:MM:SSZ, yes/no as Y / N, blanks empty. */
#ifndef HEARTH_RETURNS_SSD_H
#define HEARTH_RETURNS_SSD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "base/error.h"
#include "model/entity.h"
#include "store/store.h"

enum ssd_how {
	SSD_NONE,	/* Hearth does not record it: written empty */
	SSD_FIELD,	/* the source row's field `field`, as text */
	SSD_ID,		/* the source row's id */
	SSD_PERSON,	/* the child's person id (the LA child id) through field `field` (-1: the row is the child) */
	SSD_CONV,	/* a named converter */
};

struct ssd_export;

/* One source row as a converter or a filter sees it. */
struct ssd_row {
	struct ssd_export *x;
	const struct entity *e;
	int64_t id;
	const struct hval *v;
	int k;			/* which of the table's `repeat` passes (0 ...) */
};

typedef const char *(*ssd_conv_fn)(const struct ssd_row *r, char *buf, size_t size);

struct ssd_column {
	const char *name;	/* the SSD's column name */
	const char *item;	/* the SSD's item reference */
	enum ssd_how how;
	int field;		/* SSD_FIELD, SSD_PERSON: the source field */
	ssd_conv_fn conv;	/* SSD_CONV */
	const char *conv_name;	/* SSD_CONV: its name, for --fields */
	const char *note;	/* why not recorded, or what the converter does */
};

struct ssd_table {
	const char *name;
	const struct entity *source;	/* NULL: written with its header only */
	bool (*keep)(const struct ssd_row *r);	/* NULL: every live row */
	int repeat;		/* passes over the source (0 means 1) */
	int latest;		/* >= 0: keep only each child's row with the latest value of this date field */
	const struct ssd_column *cols;
	int n_cols;
	const char *note;
};

extern const struct ssd_table ssd_tables[];
extern const int ssd_table_count;

/* For converters: the worker allocated to a child as kind ("sw", "pa") on date d (the open
 * allocation that began last), or 0; a worker's team id (0: none) and name (NULL: unknown). */
int64_t ssd_allocated(const struct ssd_export *x, int64_t child, hdate d, const char *kind);
int64_t ssd_worker_team(const struct ssd_export *x, int64_t worker);
const char *ssd_worker_name(const struct ssd_export *x, int64_t worker);

/* Periods of care: a run of episodes in care with no gap, begun again by an episode with RNE
 * S (as the measures count them, measures/engine.c m_period_begins), named by the id of its
 * first episode. ssd_period gives the period of episode `episode` (when not 0), else the one
 * open on d for the child: its id (0: none) and the day it began (*entered, may be NULL). */
int64_t ssd_period(const struct ssd_export *x, int64_t child, int64_t episode, hdate d, hdate *entered);
/* The child's CP plan open on d (the one begun last), or 0. */
int64_t ssd_cp_plan_on(const struct ssd_export *x, int64_t child, hdate d);
/* The start and end (DATE_NONE: open) of the child's CP plan with id; false when there is none. */
bool ssd_cp_plan_span(const struct ssd_export *x, int64_t child, int64_t plan, hdate *start, hdate *end);
/* The worker's open allocations (no end date) of live children. */
int64_t ssd_worker_caseload(const struct ssd_export *x, int64_t worker);

/* Dated rows of other kinds found by a key, for converters that look across tables. */
enum ssd_index {
	SSD_IX_PP_MEETINGS,	/* pp_meeting by pre_proceedings_id, code: its kind */
	SSD_IX_PATHWAY_PLANS,	/* pathway_plan by child_id */
	SSD_IX_CP_PLANS,	/* cp_plan by referral_id, dated by its start */
	SSD_IX_ICPCS,		/* s47 with an ICPC held, by referral_id, dated by the ICPC */
	SSD_IX_SEEN,		/* visits with the child seen, by child_id */
	SSD_IX_PRE_PROCEEDINGS,	/* pre_proceedings by child_id, dated by its start */
	SSD_IX_PROCEEDINGS,	/* care proceedings by child_id, dated by issue */
	SSD_IX_CLA_REVIEWS,	/* looked-after reviews by child_id, dated by the review */
	SSD_IX_CP_REVIEWS,	/* CP review conferences by cp_plan_id, dated by the review */
	SSD_IX_REFERRALS,	/* referrals by child_id, dated by the referral */
	SSD_IX_MAX
};
struct ssd_event {
	int64_t key, id;
	hdate date;
	const char *code;
};
/* The rows of index ix with key, by date then id: *n of them at the result (NULL when none). */
const struct ssd_event *ssd_events(const struct ssd_export *x, enum ssd_index ix, int64_t key, size_t *n);

/* Where the tables go: a directory of CSV files or tables in a database schema. */
struct ssd_sink {
	int (*table)(void *ctx, const struct ssd_table *t, struct hearth_error *err);
	int (*row)(void *ctx, const char *const *vals, int n, struct hearth_error *err);
	int (*end_table)(void *ctx, struct hearth_error *err);
	void *ctx;
};

struct ssd_counts {
	size_t rows[64];	/* per table, in ssd_tables order */
};

/* Writes every SSD table from st into sink. 0 or a negative HERR_*. */
int ssd_export(struct store *st, const struct ssd_sink *sink, struct ssd_counts *counts, struct hearth_error *err);
/* The CSV sink: DIR/<table>.csv, header row first. */
int ssd_export_csv(struct store *st, const char *dir, struct ssd_counts *counts, struct hearth_error *err);
/* The PostgreSQL sink: the tables in schema `ssd` of target (dropped and made again, one
 * transaction), every column text. */
int ssd_export_pg(struct store *st, const char *target, struct ssd_counts *counts, struct hearth_error *err);
/* The markdown list of every SSD column Hearth does not record (docs/ssd.md's list). */
void ssd_print_fields(FILE *f);

#endif
