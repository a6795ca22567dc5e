/* demo_users: one person per role in a demo record, named after the role, password
 * hearth-demo, so anyone can sign in and see what each role sees. The social worker and
 * the team manager belong to the team holding most children on the as-at date, and the
 * social worker is that team's worker with most children (so "My caseload" has one); the
 * IRO and personal adviser are linked to the worker of that role with most children
 * allocated. The partner is the partner agency's practitioner (a worker row with their
 * organisation, src/demo/workforce.c) who leads most open Family Help episodes, so that
 * signing in as them shows the children they lead.
 * `hearth init` never creates users: only a demo does. */
#include <string.h>

#include "base/secret.h"
#include "cli/demo_users.h"
#include "model/roles.h"
#include "model/status.h"

#define DEMO_PASSWORD "hearth-demo"
#define MAX_ID 200000

struct busiest {
	hdate as_at;
	int *team_children;	/* by team id */
	int *worker_children[ALLOC_KIND_MAX];	/* by worker id */
	int64_t *worker_team;			/* a social worker's team, from their allocations */
	int *partner_leads;			/* by worker id: open Family Help led for a partner agency */
};

static int count_case(void *ctx, const struct casefile *cf)
{
	struct busiest *b = ctx;
	for (size_t i = 0; i < cf->n_family_help; i++) {
		const struct cf_family_help *f = &cf->family_help[i];
		if (cf_open_on(f->start, f->end, b->as_at) && f->lead_worker_id > 0 && f->lead_worker_id < MAX_ID &&
		    f->lead_agency && strcmp(f->lead_agency, "social_care") != 0) {
			b->partner_leads[f->lead_worker_id]++;
		}
	}
	if (status_at(cf, b->as_at) == STATUS_CLOSED) {
		return 0;
	}
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *a = &cf->allocations[i];
		if (!cf_open_on(a->start, a->end, b->as_at) || a->worker_id <= 0 || a->worker_id >= MAX_ID) {
			continue;
		}
		b->worker_children[a->kind][a->worker_id]++;
		if (a->kind == ALLOC_SOCIAL_WORKER && a->team_id > 0 && a->team_id < MAX_ID) {
			b->team_children[a->team_id]++;
			b->worker_team[a->worker_id] = a->team_id;
		}
	}
	return 0;
}

static int64_t most(const int *counts)
{
	int64_t best = 0;
	for (int64_t i = 1; i < MAX_ID; i++) {
		if (counts[i] > counts[best]) {
			best = i;
		}
	}
	return best;
}

int demo_add_users(struct store *st, hdate as_at, struct hearth_error *err)
{
	struct arena a = ARENA_INIT;
	struct busiest b = {as_at, arena_alloc(&a, sizeof(int) * MAX_ID), {NULL}, arena_alloc(&a, sizeof(int64_t) * MAX_ID),
			    arena_alloc(&a, sizeof(int) * MAX_ID)};
	for (int k = 0; k < ALLOC_KIND_MAX; k++) {
		b.worker_children[k] = arena_alloc(&a, sizeof(int) * MAX_ID);
	}
	int rc = store_casefiles_scan(st, NULL, count_case, &b, err);
	int64_t team = most(b.team_children);
	/* The busiest team's busiest social worker: the others' counts set aside. */
	int *in_team = arena_alloc(&a, sizeof(int) * MAX_ID);
	for (int64_t w = 1; w < MAX_ID; w++) {
		in_team[w] = b.worker_team[w] == team ? b.worker_children[ALLOC_SOCIAL_WORKER][w] : 0;
	}
	char hash[SECRET_HASH_SIZE];
	if (!rc && (secret_init() || secret_password_hash(DEMO_PASSWORD, hash))) {
		rc = herr_set(err, HERR_IO, "password", "hash", "could not hash the demo password");
	}
	for (int r = 0; !rc && r < ROLE_MAX; r++) {
		int64_t team_id = 0, worker_id = 0;
		if (r == ROLE_SOCIAL_WORKER || r == ROLE_TEAM_MANAGER) {
			team_id = team;
			worker_id = r == ROLE_SOCIAL_WORKER ? most(in_team) : 0;
		} else if (r == ROLE_IRO) {
			worker_id = most(b.worker_children[ALLOC_IRO]);
		} else if (r == ROLE_PERSONAL_ADVISER) {
			worker_id = most(b.worker_children[ALLOC_PERSONAL_ADVISER]);
		} else if (r == ROLE_PARTNER) {
			worker_id = most(b.partner_leads);
		}
		rc = store_user_add(st, "demo", role_name((enum role)r), hash, role_name((enum role)r), team_id, worker_id,
				    NULL, err);
	}
	arena_free(&a);
	return rc;
}
