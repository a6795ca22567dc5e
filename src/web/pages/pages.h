/* pages: the HTML pages' handlers (the .c files beside this one), named in the route table
 * (src/web/routes.c). Each renders through src/web/http/html.h and returns the status. */
#ifndef HEARTH_WEB_PAGES_PAGES_H
#define HEARTH_WEB_PAGES_PAGES_H

#include "web/http/http.h"

int page_home(struct web_request *r);
int page_sign_in(struct web_request *r);
int page_sign_in_post(struct web_request *r);
int page_sign_out(struct web_request *r);
int page_oidc_return(struct web_request *r);	/* GET /oidc/callback, signed in: a page home */
int page_caseload(struct web_request *r);
int page_due(struct web_request *r);
int page_team(struct web_request *r);
int page_search(struct web_request *r);
int page_duplicates(struct web_request *r);
int page_duplicates_not_same(struct web_request *r);
int page_merge(struct web_request *r);
int page_merge_post(struct web_request *r);
int page_merge_undo(struct web_request *r);
int page_child(struct web_request *r);
int page_child_chronology(struct web_request *r);
int page_child_visits(struct web_request *r);
int page_child_plans(struct web_request *r);
int page_child_care(struct web_request *r);
int page_child_education(struct web_request *r);
int page_child_health(struct web_request *r);
int page_child_leaving_care(struct web_request *r);
int page_child_people(struct web_request *r);
int page_child_history(struct web_request *r);
int page_child_records_new(struct web_request *r);
int page_child_family_help(struct web_request *r);	/* family_help.c */
int page_visit_new(struct web_request *r);
int page_visit_post(struct web_request *r);
int page_note_new(struct web_request *r);
int page_note_post(struct web_request *r);
int page_child_new(struct web_request *r);
int page_child_create(struct web_request *r);
int page_record_new(struct web_request *r);
int page_record_create(struct web_request *r);
int page_record_edit(struct web_request *r);
int page_record_update(struct web_request *r);
int page_record_retract_form(struct web_request *r);
int page_record_retract(struct web_request *r);
int page_record_history(struct web_request *r);
int page_reallocate(struct web_request *r);
int page_reallocate_post(struct web_request *r);
/* closing.c: close a case, step down to early help, step up to social care */
int page_close_case(struct web_request *r);
int page_close_case_post(struct web_request *r);
int page_step_down(struct web_request *r);
int page_step_down_post(struct web_request *r);
int page_step_up(struct web_request *r);
int page_step_up_post(struct web_request *r);
int page_performance(struct web_request *r);
int page_measure(struct web_request *r);
int page_inspection(struct web_request *r);
int page_annex_a(struct web_request *r);
int page_findings(struct web_request *r);
int page_feed(struct web_request *r);
int page_feed_run(struct web_request *r);
int page_front_door(struct web_request *r);
int page_approvals(struct web_request *r);
int page_approval(struct web_request *r);
int page_approval_post(struct web_request *r);
/* The decisions (model/authorise.h keys) r's role authorises, at most
 * STORE_APPROVAL_POINTS, into points; returns how many. */
size_t page_authorise_points(struct web_request *r, const char **points);
/* Row id of e in r's child's record: "awaiting" or "returned" (with the manager's reason in
 * *reason) while its decision is not authorised, else NULL. */
const char *page_authorisation_state(struct web_request *r, const struct entity *e, int64_t id, const char **reason);
int page_contact_decide(struct web_request *r);
int page_contact_decide_post(struct web_request *r);
int page_lado(struct web_request *r);
int page_lado_show(struct web_request *r);
int page_lado_new(struct web_request *r);
int page_lado_create(struct web_request *r);
int page_lado_edit(struct web_request *r);
int page_lado_update(struct web_request *r);
int page_lado_child(struct web_request *r);
int page_lado_child_post(struct web_request *r);
int page_lado_meeting(struct web_request *r);
int page_lado_meeting_post(struct web_request *r);
/* Multi-agency child protection teams (macpt.c). */
int page_macpts(struct web_request *r);
int page_macpt(struct web_request *r);
int page_macpt_new(struct web_request *r);
int page_macpt_create(struct web_request *r);
int page_macpt_edit(struct web_request *r);
int page_macpt_update(struct web_request *r);
int page_macpt_member_new(struct web_request *r);
int page_macpt_member_create(struct web_request *r);
int page_macpt_member_edit(struct web_request *r);
int page_macpt_member_update(struct web_request *r);
int page_draft_save(struct web_request *r);
int page_draft_discard(struct web_request *r);

/* the administrator's pages (admin*.c) */
int page_admin_users(struct web_request *r);
int page_admin_user_new(struct web_request *r);
int page_admin_user_create(struct web_request *r);
int page_admin_user(struct web_request *r);
int page_admin_user_role(struct web_request *r);
int page_admin_user_password(struct web_request *r);
int page_admin_user_unlock(struct web_request *r);
int page_admin_user_disable(struct web_request *r);
int page_admin_teams(struct web_request *r);
int page_admin_team_create(struct web_request *r);
int page_admin_team(struct web_request *r);
int page_admin_team_rename(struct web_request *r);
int page_admin_team_close(struct web_request *r);
int page_admin_team_establishment(struct web_request *r);
int page_admin_settings(struct web_request *r);
int page_admin_settings_post(struct web_request *r);
int page_admin_inspections(struct web_request *r);
int page_admin_inspection_new(struct web_request *r);
int page_admin_inspection_create(struct web_request *r);
int page_admin_inspection(struct web_request *r);
int page_admin_inspection_update(struct web_request *r);
int page_admin_audit(struct web_request *r);

#endif
