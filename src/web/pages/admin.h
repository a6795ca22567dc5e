/* admin: what the administrator's pages (admin*.c) share. Internal to src/web/pages. */
#ifndef HEARTH_WEB_PAGES_ADMIN_H
#define HEARTH_WEB_PAGES_ADMIN_H

#include "web/pages/page.h"

/* The links between the administrator's pages, here the one shown. */
void admin_nav(struct html *h, const char *here);
/* "social_worker" as people read it: "Social worker" (in r's arena). */
const char *admin_role_label(struct web_request *r, const char *role);
/* The teams as choices (code: the id, label: the name); open_only leaves out closed ones.
 * 0, or the status of the failure answered. */
int admin_teams_options(struct web_request *r, bool open_only, struct page_options *out);

#endif
