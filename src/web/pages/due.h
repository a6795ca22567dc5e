/* due: what is due across the children a person sees, and where each item is done (see
 * due.c). Internal to src/web/pages: /due, the child's page and the home page share it. */
#ifndef HEARTH_WEB_PAGES_DUE_H
#define HEARTH_WEB_PAGES_DUE_H

#include "clock/clock.h"
#include "web/children.h"
#include "web/pages/page.h"

/* An item, and the worker it is for (a task's worker, else the child's allocated worker;
 * 0 when none). */
struct due_row {
	struct clock_item it;
	int64_t worker_id;
};

/* A child newly allocated to the worker the scan is for. */
struct due_new {
	int64_t child_id;
	hdate start;
};

struct due_scan {
	/* in */
	struct web_request *r;
	hdate as_at;
	int within;			/* items due within so many working days (overdue too); -1:
					 * the worklist's own (overdue, due, due soon) */
	bool overdue_only;
	int kind;			/* a clock_kind, or -1: any */
	int64_t new_for;		/* new allocations to this worker ... */
	hdate new_since;		/* ... starting on or after this day; DATE_NONE: none */
	int64_t only_worker;		/* not 0: only the children who may hold an item for this
					 * worker (store_worker_children): the rows whose worker_id
					 * is this worker are exactly those of the full scan, the
					 * others are not all there, and children lists only those
					 * children. 0: every visible child */
	/* out (in r's arena), most urgent first */
	hdate within_until;
	struct settings settings;
	struct web_children children;
	struct due_row *rows;
	size_t n, cap;
	struct due_new *new_allocs;
	size_t n_new, cap_new;
};

/* Scans the children visible under sc. 0, or the status answered. */
int page_due_scan(struct web_request *r, const struct store_scope *sc, struct due_scan *s);
/* The form that does the item, pre-filled (in r's arena), or NULL when there is none or
 * the caller may not record. */
const char *page_due_href(struct web_request *r, const struct clock_item *it);
/* "Task: ring the school", or the rule's title. */
const char *page_due_title(struct web_request *r, const struct clock_item *it);
/* "3 days overdue", "Due today", "Due soon", "Upcoming". */
void page_due_state(struct html *h, const struct clock_item *it);
/* The items as a table (data-hearth="due"), each with its link. */
void page_due_table(struct web_request *r, struct html *h, const struct due_scan *s, const struct due_row *const *rows,
		    size_t n, bool show_worker);

#endif
