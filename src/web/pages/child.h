/* child: what the pages of a child's record share (internal to src/web/pages/).
 *
 * The record is split into parts, each a page of its own reached by links (no script
 * needed): the overview (/children/{id}: the summary, what is due, what the DfE's rules
 * find), the chronology, and one page per part of the record, each showing that part's
 * tables, and the history of every change. child.c draws the top every part shares (who,
 * status, the actions this person may take, the parts' navigation) and the overview;
 * child_sections.c the parts' tables, the chronology and the history.
 *
 * Every part is read from one read of the record (store_web_child_record): each table
 * once, the casefile converted from the same rows, and the workers the rows name in one
 * query. */
#ifndef HEARTH_WEB_PAGES_CHILD_H
#define HEARTH_WEB_PAGES_CHILD_H

#include "store/web.h"
#include "web/pages/page.h"

enum child_part {
	PART_OVERVIEW,
	PART_CHRONOLOGY,
	PART_VISITS,
	PART_PLANS,
	PART_CARE,
	PART_EDUCATION,
	PART_HEALTH,
	PART_LEAVING_CARE,
	PART_PEOPLE,
	PART_HISTORY,
	PART_MAX
};

struct child_part_def {
	const char *slug;	/* the path after /children/{id}/ ("" for the overview) */
	const char *title;	/* the navigation's words and the page's heading */
};
extern const struct child_part_def child_parts[PART_MAX];

struct child_view {
	struct store_child_record rec;
	hdate today;
};

/* The rows of e in the record (empty when e is not a child's). */
const struct store_rows *child_rows(const struct child_view *v, const struct entity *e);
/* The part whose page shows rows of e, or PART_MAX when none does. */
enum child_part child_part_of(const struct entity *e);
/* How many rows the part's tables hold (0 for the overview, chronology and history). */
size_t child_part_rows(const struct child_view *v, enum child_part p);

/* "/children/12" or "/children/12/visits", in r's arena. */
const char *child_part_href(struct web_request *r, enum child_part p);

/* The body of each part's page (the top is drawn already). Return 0, or a status when
 * the request is refused (a bad filter: the page is drawn with the error). */
void child_sections_html(struct web_request *r, struct html *h, const struct child_view *v, enum child_part p);
int child_chronology_html(struct web_request *r, struct html *h, const struct child_view *v);
int child_history_html(struct web_request *r, struct html *h);

/* The success banner a save asked for (?done=) and, to a person who reads the record, its
 * new DfE findings (?new_findings=). */
void child_banners_html(struct web_request *r, struct html *h);
/* The page of child_id's record this person reads: the Family Help page for family_help
 * without child_read (family_help.c), else the overview (as every link to a child was). */
const char *child_home_href(struct web_request *r, int64_t child_id);

/* GOV.UK pagination: page (1-based) of pages, each link href_base plus "page=N". */
void child_pagination(struct web_request *r, struct html *h, const char *href_base, int64_t page, int64_t pages);

#endif
