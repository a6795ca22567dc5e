/* routes: the table of every route the server answers: the glue between the HTTP framework
 * (src/web/http/, which matches and dispatches over this table) and the handlers of the
 * pages (src/web/pages/) and the API (src/web/api/).
 *
 * Invariants (web_routes_check, run at start-up and by the unit test): every row has a
 * handler; API rows are under /api/ and page rows are not; a PERM_NONE row is marked .open and an .open row needs
 * PERM_NONE; only POST and PATCH rows take a body; a PATCH writes; GETs never write; {kind}
 * and {rid} only under a child's {id}; no method and
 * path appear twice. docs/openapi.json documents exactly these rows (the unit test
 * compares them). */
#include "web/http/routes.h"


#include "web/api/api.h"
#include "web/http/http.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"
#include "web/pages/records.h"

#define PAGE "limit", "offset"

const struct web_route web_routes[] = {
	/* signing in and out */
	{WEB_POST, "/api/session", api_session_create, PERM_NONE, .open = true, .body_limit = 4096},
	{WEB_GET, "/api/session", api_session_get, PERM_SIGNED_IN, .open = false},
	{WEB_DELETE, "/api/session", api_session_delete, PERM_SIGNED_IN, .open = false},
	/* the API's own description */
	{WEB_GET, "/api/openapi.json", api_openapi, PERM_NONE, .open = true},
	/* people (administrators) */
	{WEB_GET, "/api/users", api_users, PERM_USER_ADMIN, .open = false},
	/* children */
	{WEB_GET, "/api/children", api_children_list, PERM_CHILD_LIST, .audit = "children list",
	 .query = {"q", "dob", PAGE}},
	{WEB_POST, "/api/children", api_child_add, PERM_CHILD_WRITE, .writes = true, .body_limit = WEB_BODY_DEFAULT},
	{WEB_GET, "/api/children/{id}", api_child_get, PERM_CHILD_READ, .child = true, .audit = "record",
	 .query = {"as_at"}, .prefetch = api_child_get_prefetch},
	{WEB_GET, "/api/children/{id}/chronology", api_child_chronology, PERM_CHILD_READ, .child = true,
	 .audit = "chronology", .query = {PAGE}},
	{WEB_GET, "/api/children/{id}/allocations", api_child_allocations, PERM_CHILD_READ, .child = true,
	 .audit = "allocations"},
	{WEB_POST, "/api/children/{id}/allocations", api_child_reallocate, PERM_ALLOCATE, .child = true,
	 .writes = true, .body_limit = 4096},
	{WEB_GET, "/api/children/{id}/visits", api_child_visits, PERM_CHILD_READ, .child = true, .audit = "visits",
	 .query = {PAGE}},
	{WEB_POST, "/api/children/{id}/visits", api_child_visit_add, PERM_CHILD_WRITE, .child = true, .writes = true,
	 .body_limit = WEB_BODY_DEFAULT},
	{WEB_GET, "/api/children/{id}/notes", api_child_notes, PERM_CHILD_READ, .child = true, .audit = "notes",
	 .query = {PAGE}},
	{WEB_POST, "/api/children/{id}/notes", api_child_note_add, PERM_CHILD_WRITE, .child = true, .writes = true,
	 .body_limit = WEB_BODY_DEFAULT},
	{WEB_GET, "/api/children/{id}/due", api_child_due, PERM_DUE_READ, .child = true, .audit = "due",
	 .query = {"as_at", PAGE}},
	/* every kind of a child's record, by its descriptor (which kinds a role may record:
	 * the role table, checked by the dispatcher and again by src/work) */
	{WEB_GET, "/api/children/{id}/records/{kind}", api_records_list, PERM_CHILD_READ, .child = true,
	 .audit = "records", .query = {PAGE}},
	/* break-glass: the child is named in the body, not the path, since it is out of scope
	 * by design; the handler refuses an absent or restricted child as the scope check would */
	{WEB_POST, "/api/break-glass", api_break_glass_open, PERM_BREAK_GLASS, .writes = true,
	 .body_limit = 4096},
	/* sign-in through the council's identity provider (web/http/oidc.c): 404 when not set up */
	{WEB_GET, "/oidc/start", page_oidc_start, PERM_NONE, .open = true, .page = true},
	{WEB_GET, "/oidc/callback", page_oidc_return, PERM_NONE, .open = true, .page = true,
	 .query = {"code", "state", "error", "error_description", "iss", "session_state"}},
	{WEB_GET, "/api/break-glass", api_break_glass_list, PERM_AUDIT_READ, .open = false},
	{WEB_POST, "/api/break-glass/review", api_break_glass_review, PERM_AUDIT_READ, .writes = true,
	 .body_limit = 1024},
	{WEB_POST, "/api/children/{id}/records/{kind}", api_record_add, PERM_CHILD_WRITE, .child = true,
	 .writes = true, .body_limit = WEB_BODY_DEFAULT},
	{WEB_PATCH, "/api/children/{id}/records/{kind}/{rid}", api_record_correct, PERM_CHILD_WRITE, .child = true,
	 .writes = true, .body_limit = WEB_BODY_DEFAULT},
	{WEB_POST, "/api/children/{id}/records/{kind}/{rid}/retract", api_record_retract, PERM_CHILD_WRITE,
	 .child = true, .writes = true, .body_limit = 65536},
	{WEB_GET, "/api/children/{id}/records/{kind}/{rid}/history", api_record_history, PERM_CHILD_READ,
	 .child = true, .audit = "history"},
	/* the worklist: what is due across the caller's children */
	{WEB_GET, "/api/due", api_due, PERM_DUE_READ, .audit = "due list", .query = {"as_at", PAGE}},

	/* pages for people: the same permissions, scope and audit as the API */
	{WEB_GET, "/assets/{name}", page_asset, PERM_NONE, .open = true, .page = true},
	{WEB_GET, "/", page_home, PERM_SIGNED_IN, .page = true},
	{WEB_GET, "/sign-in", page_sign_in, PERM_NONE, .open = true, .page = true, .query = {"return"}},
	{WEB_POST, "/sign-in", page_sign_in_post, PERM_NONE, .open = true, .page = true, .body_limit = 4096},
	{WEB_POST, "/sign-out", page_sign_out, PERM_SIGNED_IN, .page = true, .body_limit = 4096},
	{WEB_GET, "/caseload", page_caseload, PERM_CHILD_LIST, .page = true, .audit = "caseload",
	 .query = {"as_at"}},
	{WEB_GET, "/due", page_due, PERM_DUE_READ, .page = true, .audit = "due list",
	 .query = {"who", "as_at", "team", "worker", "kind", "overdue", "within", "page"}},
	{WEB_GET, "/team", page_team, PERM_ALLOCATE, .page = true, .audit = "team caseloads",
	 .query = {"team", "as_at"}},
	{WEB_GET, "/search", page_search, PERM_CHILD_LIST, .page = true, .audit = "children list",
	 .query = {"q", "dob", PAGE}},
	/* one child, one record: possible duplicates, in scope (restricted only with a grant) */
	{WEB_GET, "/duplicates", page_duplicates, PERM_DUPLICATES, .page = true, .audit = "possible duplicates",
	 .query = {"done"}},
	{WEB_POST, "/duplicates/not-same", page_duplicates_not_same, PERM_DUPLICATES, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_GET, "/merge", page_merge, PERM_MERGE, .page = true, .audit = "merge", .query = {"keep", "other", "merge", "done"}},
	{WEB_POST, "/merge", page_merge_post, PERM_MERGE, .page = true, .writes = true, .body_limit = 16384},
	{WEB_POST, "/merge/undo", page_merge_undo, PERM_MERGE, .page = true, .writes = true, .body_limit = 16384},
	/* a new child: before /children/{id}, which would take "new" as an id */
	{WEB_GET, "/children/new", page_child_new, PERM_CHILD_WRITE, .page = true},
	{WEB_POST, "/children", page_child_create, PERM_CHILD_WRITE, .page = true, .writes = true, .body_limit = 65536},
	/* a child's record: the overview, then each part on a page of its own */
	{WEB_GET, "/children/{id}", page_child, PERM_CHILD_READ, .child = true, .page = true, .audit = "record",
	 .query = {"kind", "done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/chronology", page_child_chronology, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "chronology", .query = {"kind", "from", "to", "page", "done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/visits", page_child_visits, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "visits", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/plans", page_child_plans, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "plans", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/care", page_child_care, PERM_CHILD_READ, .child = true, .page = true, .audit = "care",
	 .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/education", page_child_education, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "education", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/health", page_child_health, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "health", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/leaving-care", page_child_leaving_care, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "leaving care", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/people", page_child_people, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "people", .query = {"done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/history", page_child_history, PERM_CHILD_READ, .child = true, .page = true,
	 .audit = "history", .query = {"page", "as_at"}},
	/* a child's Family Help as a partner practitioner reads it back: the episodes, and their
	 * own visits and notes (pages/family_help.c) */
	{WEB_GET, "/children/{id}/family-help", page_child_family_help, PERM_FAMILY_HELP, .child = true, .page = true,
	 .audit = "family help", .query = {"done"}},
	{WEB_GET, "/children/{id}/records/new", page_child_records_new, PERM_CHILD_WRITE, .child = true, .page = true,
	 .audit = "record form"},
	{WEB_GET, "/children/{id}/visits/new", page_visit_new, PERM_CHILD_WRITE, .child = true, .page = true, .draft = true,
	 .audit = "visit form"},
	{WEB_POST, "/children/{id}/visits", page_visit_post, PERM_CHILD_WRITE, .child = true, .page = true,
	 .writes = true, .body_limit = 65536},
	{WEB_GET, "/children/{id}/notes/new", page_note_new, PERM_CHILD_WRITE, .child = true, .page = true, .draft = true,
	 .audit = "note form"},
	{WEB_POST, "/children/{id}/notes", page_note_post, PERM_CHILD_WRITE, .child = true, .page = true,
	 .writes = true, .body_limit = 65536},
	/* every kind of a child's record ({kind} a word, {rid} a row id: see route.c) */
	{WEB_GET, "/children/{id}/records/{kind}/new", page_record_new, PERM_CHILD_WRITE, .child = true, .page = true,
	 .audit = "record form", .query_also = records_prefill_field},
	{WEB_POST, "/children/{id}/records/{kind}", page_record_create, PERM_CHILD_WRITE, .child = true, .page = true,
	 .writes = true, .body_limit = 262144},
	{WEB_GET, "/children/{id}/records/{kind}/{rid}/edit", page_record_edit, PERM_CHILD_WRITE, .child = true,
	 .page = true, .audit = "record"},
	{WEB_POST, "/children/{id}/records/{kind}/{rid}", page_record_update, PERM_CHILD_WRITE, .child = true,
	 .page = true, .writes = true, .body_limit = 262144},
	{WEB_GET, "/children/{id}/records/{kind}/{rid}/retract", page_record_retract_form, PERM_CHILD_WRITE,
	 .child = true, .page = true, .audit = "record"},
	{WEB_POST, "/children/{id}/records/{kind}/{rid}/retract", page_record_retract, PERM_CHILD_WRITE, .child = true,
	 .page = true, .writes = true, .body_limit = 65536},
	{WEB_GET, "/children/{id}/records/{kind}/{rid}/history", page_record_history, PERM_CHILD_READ, .child = true,
	 .page = true, .audit = "history"},
	{WEB_GET, "/children/{id}/reallocate", page_reallocate, PERM_ALLOCATE, .child = true, .page = true,
	 .audit = "allocations"},
	{WEB_POST, "/children/{id}/reallocate", page_reallocate_post, PERM_ALLOCATE, .child = true, .page = true,
	 .writes = true, .body_limit = 8192},
	/* closing a case, stepping down to early help and up to social care (pages/closing.c) */
	{WEB_GET, "/children/{id}/close", page_close_case, PERM_PROPOSE_CLOSE, .child = true, .page = true,
	 .audit = "close form"},
	{WEB_POST, "/children/{id}/close", page_close_case_post, PERM_PROPOSE_CLOSE, .child = true, .page = true,
	 .writes = true, .body_limit = 8192},
	{WEB_GET, "/children/{id}/step-down", page_step_down, PERM_PROPOSE_CLOSE, .child = true, .page = true,
	 .audit = "step down form"},
	{WEB_POST, "/children/{id}/step-down", page_step_down_post, PERM_PROPOSE_CLOSE, .child = true, .page = true,
	 .writes = true, .body_limit = 8192},
	{WEB_GET, "/children/{id}/step-up", page_step_up, PERM_CLOSE_CASE, .child = true, .page = true,
	 .audit = "step up form"},
	{WEB_POST, "/children/{id}/step-up", page_step_up_post, PERM_CLOSE_CASE, .child = true, .page = true,
	 .writes = true, .body_limit = 8192},
	/* the front door: contacts awaiting a decision, and the decision ({kind} is contact) */
	{WEB_GET, "/front-door", page_front_door, PERM_FRONT_DOOR, .page = true, .audit = "front door"},
	{WEB_GET, "/children/{id}/records/{kind}/{rid}/decide", page_contact_decide, PERM_FRONT_DOOR, .child = true,
	 .page = true, .audit = "contact decision form"},
	{WEB_POST, "/children/{id}/records/{kind}/{rid}/decide", page_contact_decide_post, PERM_FRONT_DOOR,
	 .child = true, .page = true, .writes = true, .body_limit = 262144},
	/* managers' authorisation: the queue, and one request's answer (authorise or return) */
	{WEB_GET, "/approvals", page_approvals, PERM_AUTHORISE, .page = true, .audit = "approvals", .query = {"done"}},
	{WEB_GET, "/approvals/{rid}", page_approval, PERM_AUTHORISE, .page = true, .audit = "approval"},
	{WEB_POST, "/approvals/{rid}", page_approval_post, PERM_AUTHORISE, .page = true, .writes = true,
	 .body_limit = 65536},
	/* the LADO's allegations: the list and the forms are the LADO's; an allegation's page
	 * is also read by a case worker whose child it involves (store_lado_visible), else 404 */
	{WEB_GET, "/lado", page_lado, PERM_LADO, .page = true, .audit = "lado list"},
	{WEB_GET, "/lado/new", page_lado_new, PERM_LADO, .page = true, .audit = "lado form"},
	{WEB_POST, "/lado", page_lado_create, PERM_LADO, .page = true, .writes = true, .body_limit = 262144},
	{WEB_GET, "/lado/{name}", page_lado_show, PERM_LADO_READ, .page = true, .audit = "lado allegation",
	 .query = {"done"}},
	{WEB_GET, "/lado/{name}/edit", page_lado_edit, PERM_LADO, .page = true, .audit = "lado allegation"},
	{WEB_POST, "/lado/{name}", page_lado_update, PERM_LADO, .page = true, .writes = true, .body_limit = 262144},
	{WEB_GET, "/lado/{name}/child", page_lado_child, PERM_LADO, .page = true, .audit = "lado allegation"},
	{WEB_POST, "/lado/{name}/child", page_lado_child_post, PERM_LADO, .page = true, .writes = true,
	 .body_limit = 65536},
	{WEB_GET, "/lado/{name}/meeting", page_lado_meeting, PERM_LADO, .page = true, .audit = "lado allegation"},
	{WEB_POST, "/lado/{name}/meeting", page_lado_meeting_post, PERM_LADO, .page = true, .writes = true,
	 .body_limit = 262144},
	/* multi-agency child protection teams (s.16EA Children Act 2004): the teams, their
	 * members by agency and role (pages/macpt.c) */
	{WEB_GET, "/macpts", page_macpts, PERM_MACPT, .page = true, .audit = "macpt list"},
	{WEB_GET, "/macpts/new", page_macpt_new, PERM_MACPT, .page = true, .audit = "macpt form"},
	{WEB_POST, "/macpts", page_macpt_create, PERM_MACPT, .page = true, .writes = true, .body_limit = 65536},
	{WEB_GET, "/macpts/{rid}", page_macpt, PERM_MACPT, .page = true, .audit = "macpt", .query = {"done"}},
	{WEB_GET, "/macpts/{rid}/edit", page_macpt_edit, PERM_MACPT, .page = true, .audit = "macpt form"},
	{WEB_POST, "/macpts/{rid}", page_macpt_update, PERM_MACPT, .page = true, .writes = true, .body_limit = 65536},
	{WEB_GET, "/macpts/{rid}/members/new", page_macpt_member_new, PERM_MACPT, .page = true, .audit = "macpt form"},
	{WEB_POST, "/macpts/{rid}/members", page_macpt_member_create, PERM_MACPT, .page = true, .writes = true,
	 .body_limit = 65536},
	{WEB_GET, "/macpts/members/{rid}/edit", page_macpt_member_edit, PERM_MACPT, .page = true, .audit = "macpt form"},
	{WEB_POST, "/macpts/members/{rid}", page_macpt_member_update, PERM_MACPT, .page = true, .writes = true,
	 .body_limit = 65536},
	/* forms in progress: saved as the person types (hearth.js) or by the Save draft
	 * button; which forms, and whose, the handler checks against the form's own route */
	{WEB_POST, "/drafts", page_draft_save, PERM_SIGNED_IN, .page = true, .body_limit = 65536 + 1024},
	{WEB_POST, "/drafts/discard", page_draft_discard, PERM_SIGNED_IN, .page = true, .body_limit = 4096},
	/* inspection readiness: the measures, Annex A, the DfE's rules across the record */
	{WEB_GET, "/performance", page_performance, PERM_MEASURES_READ, .page = true, .audit = "measures",
	 .query = {"as_at"}},
	{WEB_GET, "/performance/{name}", page_measure, PERM_MEASURES_READ, .page = true, .audit = "measure drill-down",
	 .query = {"as_at", "list"}},
	{WEB_GET, "/inspection", page_inspection, PERM_MEASURES_READ, .page = true, .audit = "measures",
	 .query = {"as_at"}},
	{WEB_GET, "/annex-a.xlsx", page_annex_a, PERM_LISTS_ALL, .page = true, .audit = "annex a",
	 .query = {"as_at"}},
	{WEB_GET, "/findings", page_findings, PERM_MEASURES_READ, .page = true, .audit = "returns findings",
	 .query = {"return", "year", PAGE}},
	/* the DfE feed's log (pages/feed.c): a run's children named only where in scope */
	{WEB_GET, "/feed", page_feed, PERM_FEED_READ, .page = true, .audit = "feed log", .query = {"page"}},
	{WEB_GET, "/feed/{rid}", page_feed_run, PERM_FEED_READ, .page = true, .audit = "feed run", .query = {"page"}},
	/* administration: people, teams, local settings, the inspection history (the admin
	 * role, which reads no child's record), and the audit trail (audit_read) */
	{WEB_GET, "/admin/users", page_admin_users, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_GET, "/admin/users/new", page_admin_user_new, PERM_USER_ADMIN, .page = true},
	{WEB_POST, "/admin/users", page_admin_user_create, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_GET, "/admin/users/{rid}", page_admin_user, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_POST, "/admin/users/{rid}/role", page_admin_user_role, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_POST, "/admin/users/{rid}/password", page_admin_user_password, PERM_USER_ADMIN, .page = true,
	 .writes = true, .body_limit = 8192},
	{WEB_POST, "/admin/users/{rid}/unlock", page_admin_user_unlock, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_POST, "/admin/users/{rid}/disable", page_admin_user_disable, PERM_USER_ADMIN, .page = true,
	 .writes = true, .body_limit = 8192},
	{WEB_GET, "/admin/teams", page_admin_teams, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_POST, "/admin/teams", page_admin_team_create, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_GET, "/admin/teams/{rid}", page_admin_team, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_POST, "/admin/teams/{rid}/rename", page_admin_team_rename, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_POST, "/admin/teams/{rid}/close", page_admin_team_close, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 8192},
	{WEB_POST, "/admin/teams/{rid}/establishment", page_admin_team_establishment, PERM_USER_ADMIN, .page = true,
	 .writes = true, .body_limit = 8192},
	{WEB_GET, "/admin/settings", page_admin_settings, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_POST, "/admin/settings", page_admin_settings_post, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 16384},
	{WEB_GET, "/admin/inspections", page_admin_inspections, PERM_USER_ADMIN, .page = true, .query = {"done"}},
	{WEB_GET, "/admin/inspections/new", page_admin_inspection_new, PERM_USER_ADMIN, .page = true},
	{WEB_POST, "/admin/inspections", page_admin_inspection_create, PERM_USER_ADMIN, .page = true, .writes = true,
	 .body_limit = 262144},
	{WEB_GET, "/admin/inspections/{rid}", page_admin_inspection, PERM_USER_ADMIN, .page = true},
	{WEB_POST, "/admin/inspections/{rid}", page_admin_inspection_update, PERM_USER_ADMIN, .page = true,
	 .writes = true, .body_limit = 262144},
	{WEB_GET, "/admin/audit", page_admin_audit, PERM_AUDIT_READ, .page = true, .audit = "audit trail",
	 .query = {"user", "child", "from", "to", PAGE}},
};

const int web_route_count = (int)(sizeof(web_routes) / sizeof(web_routes[0]));

void web_render_error_page(struct web_request *r)
{
	page_error_render(r);
}
