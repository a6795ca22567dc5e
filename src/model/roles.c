/* roles: the one table of roles and their permissions; see roles.h. */
#include "model/roles.h"

#include <stdint.h>
#include <string.h>

#include "model/entity.h"

/* A bit per kind of record, in the order of HEARTH_ENTITIES (model/entities.def.h). */
#define KIND_BIT(e, E, label) K_##E,
enum { HEARTH_ENTITIES(KIND_BIT) K__COUNT };
#undef KIND_BIT
_Static_assert(K__COUNT <= 64, "one bit per kind of record");
#define K(E) ((uint64_t)1 << K_##E)

/* A child's casework: everything a social worker records about a child and the people
 * around them, and the tasks set on it (a manager sets them; the worker marks them done).
 * Case supervision is the manager's own record. Not allocations (a manager's decision: reallocation) and not LADO
 * allegations (about adults who work with children: the LADO's). */
#define CASEWORK_KINDS                                                                                      \
	(K(CHILD) | K(CHILD_DISABILITY) | K(PERSON) | K(RELATIONSHIP) | K(CONTACT) | K(EARLY_HELP) |        \
	 K(REFERRAL) | K(ASSESSMENT) | K(S47) | K(CIN_PLAN) | K(CP_PLAN) | K(CP_REVIEW) | K(CORE_GROUP) |  \
	 K(CLA_EPISODE) | K(CLA_REVIEW) | K(VISIT) | K(NOTE) | K(HEALTH) | K(EDUCATION) | K(PEP) |         \
	 K(MISSING) | K(PROCEEDINGS) | K(PERMANENCE) | K(ADOPTION) | K(CLA_OUTCOME) | K(LEAVER_CONTACT) |  \
	 K(PATHWAY_PLAN) | K(PARTICIPATION) | K(TASK) | K(PRE_PROCEEDINGS) | K(PP_MEETING) | K(KINSHIP) | K(DOLO) | \
	 K(FAMILY_HELP))

/* Multi-agency child protection teams and their members (s.16EA Children Act 2004): set up
 * by managers and administrators (/macpts), not a child's record. */
#define MACPT_KINDS (K(MACPT) | K(MACPT_MEMBER))

struct role_def {
	const char *name;
	enum role_scope scope;
	bool read_only;
	unsigned perms;		/* bit per enum permission */
	uint64_t records;	/* bit per kind of record it may add, correct and retract */
	enum role_records_for records_for;
	uint64_t reads;		/* without PERM_CHILD_READ: the kinds it may read (role_may_read) */
	uint64_t reads_own;	/* without PERM_CHILD_READ: the kinds it may read only the rows
				 * of that it wrote (role_reads_own_only) */
};

#define P(p) (1u << (p))
#define BASE (P(PERM_NONE) | P(PERM_SIGNED_IN))
/* Case workers see their own or their team's children, so in an emergency they may open
 * another by giving a reason (break-glass); the roles that see every child need not. */
#define CASEWORK (BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_CHILD_WRITE) | P(PERM_DUE_READ) | \
		  P(PERM_LADO_READ) | P(PERM_BREAK_GLASS))

static const struct role_def roles[ROLE_MAX] = {
	[ROLE_SOCIAL_WORKER] = {"social_worker", SCOPE_TEAM, false, CASEWORK | P(PERM_PROPOSE_CLOSE), CASEWORK_KINDS, RECORDS_FOR_SELF},
	[ROLE_TEAM_MANAGER] = {"team_manager", SCOPE_TEAM, false, CASEWORK | P(PERM_ALLOCATE) | P(PERM_MEASURES_READ) |
					       P(PERM_FRONT_DOOR) | P(PERM_DUPLICATES) | P(PERM_MERGE) | P(PERM_CLOSE_CASE) |
					       P(PERM_AUTHORISE) | P(PERM_PROPOSE_CLOSE) | P(PERM_MACPT),
			       CASEWORK_KINDS | K(ALLOCATION) | K(SUPERVISION) | MACPT_KINDS, RECORDS_FOR_TEAM},
	[ROLE_IRO] = {"iro", SCOPE_OWN, false, CASEWORK, K(CP_REVIEW) | K(CLA_REVIEW), RECORDS_FOR_SELF},
	[ROLE_PERSONAL_ADVISER] = {"personal_adviser", SCOPE_OWN, false, CASEWORK,
				   K(LEAVER_CONTACT) | K(PATHWAY_PLAN), RECORDS_FOR_SELF},
	[ROLE_LADO] = {"lado", SCOPE_NONE, false, BASE | P(PERM_MEASURES_READ) | P(PERM_LADO) | P(PERM_LADO_READ),
		 K(LADO) | K(LADO_INVOLVED) | K(LADO_MEETING), RECORDS_FOR_SELF},
	[ROLE_FRONT_DOOR] = {"front_door", SCOPE_ALL, false,
			     BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_CHILD_WRITE) |
				     P(PERM_FRONT_DOOR) | P(PERM_DUPLICATES),
			     K(CHILD) | K(CONTACT) | K(REFERRAL) | K(EARLY_HELP), RECORDS_FOR_SELF},
	[ROLE_ANALYST] = {"analyst", SCOPE_ALL, false,
			  BASE | P(PERM_CHILD_LIST) | P(PERM_MEASURES_READ) | P(PERM_LISTS_ALL) | P(PERM_FEED_READ), 0,
			  RECORDS_FOR_SELF},
	/* Heads of service reallocate (as the route table lets them), set up MACPTs, and record
	 * nothing else. */
	[ROLE_HEAD_OF_SERVICE] = {"head_of_service", SCOPE_ALL, false,
				  BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_DUE_READ) |
					  P(PERM_MEASURES_READ) | P(PERM_ALLOCATE) | P(PERM_LISTS_ALL) |
					  P(PERM_DUPLICATES) | P(PERM_MERGE) | P(PERM_AUTHORISE) | P(PERM_MACPT) |
					  P(PERM_FEED_READ),
				  K(ALLOCATION) | MACPT_KINDS, RECORDS_FOR_SELF},
	[ROLE_ADMIN] = {"admin", SCOPE_NONE, false,
			BASE | P(PERM_USER_ADMIN) | P(PERM_AUDIT_READ) | P(PERM_MACPT) | P(PERM_FEED_READ), MACPT_KINDS,
			RECORDS_FOR_SELF},
	[ROLE_INSPECTOR] = {"inspector", SCOPE_ALL, true,
			    BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_DUE_READ) | P(PERM_MEASURES_READ) |
				    P(PERM_LISTS_ALL),
			    0, RECORDS_FOR_SELF},
	/* A partner agency's practitioner (school, health, early years, youth, police) who leads
	 * a child's Family Help: sees only the children they lead or are allocated to, records
	 * visits, notes and the Family Help episode (with its family plan), and reads back the
	 * Family Help and only the visits and notes they wrote themselves: no chronology, no
	 * other worker's visit or note, no other kind of record, no LADO, no other child. */
	[ROLE_PARTNER] = {"partner", SCOPE_OWN, false,
			  BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_WRITE) | P(PERM_FAMILY_HELP),
			  K(FAMILY_HELP) | K(VISIT) | K(NOTE), RECORDS_FOR_SELF, K(FAMILY_HELP), K(VISIT) | K(NOTE)},
};

static const char *const permission_names[PERM_MAX] = {
	"none", "signed_in", "child_list", "child_read", "child_write", "allocate", "due_read", "measures_read",
	"user_admin", "audit_read", "lists_all", "front_door", "lado", "lado_read", "duplicates", "merge", "close_case", "authorise", "break_glass",
	"family_help", "propose_close", "macpt", "feed_read"};

const char *role_name(enum role r)
{
	return r < ROLE_MAX ? roles[r].name : "?";
}

int role_parse(const char *name)
{
	for (int i = 0; i < ROLE_MAX; i++) {
		if (name && strcmp(roles[i].name, name) == 0) {
			return i;
		}
	}
	return -1;
}

const char *permission_name(enum permission p)
{
	return p < PERM_MAX ? permission_names[p] : "?";
}

bool role_can(enum role r, enum permission p)
{
	return r < ROLE_MAX && p < PERM_MAX && (roles[r].perms & P(p)) != 0;
}

enum role_scope role_scope(enum role r)
{
	return r < ROLE_MAX ? roles[r].scope : SCOPE_NONE;
}

bool role_read_only(enum role r)
{
	return r >= ROLE_MAX || roles[r].read_only;
}

static int kind_index(const struct entity *e)
{
	for (int i = 0; e && i < model_entity_count; i++) {
		if (model_entities[i] == e) {
			return i;
		}
	}
	return -1;
}

bool role_may_record(enum role r, const struct entity *e)
{
	int k = kind_index(e);
	return r < ROLE_MAX && k >= 0 && !roles[r].read_only && (roles[r].records & ((uint64_t)1 << k)) != 0;
}

bool role_may_record_kind(enum role r, const char *kind)
{
	const struct entity *e = kind ? entity_find(kind) : NULL;
	return e && role_may_record(r, e);
}

bool role_may_read(enum role r, const struct entity *e)
{
	int k = kind_index(e);
	return r < ROLE_MAX && k >= 0 &&
	       (role_can(r, PERM_CHILD_READ) || ((roles[r].reads | roles[r].reads_own) & ((uint64_t)1 << k)) != 0);
}

bool role_reads_own_only(enum role r, const struct entity *e)
{
	int k = kind_index(e);
	return r < ROLE_MAX && k >= 0 && !role_can(r, PERM_CHILD_READ) && (roles[r].reads & ((uint64_t)1 << k)) == 0 &&
	       (roles[r].reads_own & ((uint64_t)1 << k)) != 0;
}

bool role_may_read_row(enum role r, const struct entity *e, const struct hval *vals, int64_t worker_id)
{
	if (!role_may_read(r, e)) {
		return false;
	}
	if (!role_reads_own_only(r, e)) {
		return true;
	}
	if (!worker_id || !vals) {
		return false;
	}
	for (int i = 0; i < e->n_fields; i++) {
		if ((e->fields[i].flags & F_AUTHOR) && !vals[i].null && vals[i].i == worker_id) {
			return true;
		}
	}
	return false;
}

enum role_records_for role_records_for(enum role r)
{
	return r < ROLE_MAX ? roles[r].records_for : RECORDS_FOR_SELF;
}
