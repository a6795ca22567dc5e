/* actions: the request's person as src/work's actor, and the pages' thin wrappers over
 * src/work, which holds the one way a change is saved for the web and the command line
 * alike (the checks, the DfE's impossible-record refusal, the revision, the audit row). */
#include "web/actions.h"

struct work_actor web_work_actor(const struct web_request *r)
{
	return (struct work_actor){.actor = r->actor,
				   .role = r->role,
				   .worker_id = r->session.user.worker_id,
				   .team_id = r->session.user.team_id,
				   .shell = false};
}

int web_child_row_add(struct web_request *r, const struct entity *e, int worker_field, struct hval *vals,
		      int64_t *id, struct returns_findings *warnings, struct hearth_error *err)
{
	(void)worker_field;
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	int rc = work_add(r->st, &who, e, r->child_id, vals, &r->a, &res, err);
	*id = res.id;
	*warnings = res.warnings;
	return rc;
}

int web_child_reallocate(struct web_request *r, struct hval *vals, int64_t *new_id, int64_t *ended,
			 size_t max_ended, size_t *n_ended, struct returns_findings *warnings, struct hearth_error *err)
{
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	int rc = work_reallocate(r->st, &who, r->child_id, vals, ended, max_ended, n_ended, &r->a, &res, err);
	*new_id = res.id;
	*warnings = res.warnings;
	return rc;
}
