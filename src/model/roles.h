/* roles: who may do what. One table maps each role to its permissions; every route and
 * command declares the permission it needs, and anything not granted is denied.
 *
 * Record-level scope (which children a person may see) is separate: see enum role_scope
 * and store_child_visible(). */
#ifndef HEARTH_MODEL_ROLES_H
#define HEARTH_MODEL_ROLES_H

#include <stdbool.h>
#include <stdint.h>

struct entity;
struct hval;

enum role {
	ROLE_SOCIAL_WORKER,
	ROLE_TEAM_MANAGER,
	ROLE_IRO,
	ROLE_PERSONAL_ADVISER,
	ROLE_LADO,
	ROLE_FRONT_DOOR,
	ROLE_ANALYST,
	ROLE_HEAD_OF_SERVICE,
	ROLE_ADMIN,
	ROLE_INSPECTOR,
	ROLE_PARTNER,		/* a partner agency's practitioner who leads Family Help */
	ROLE_MAX
};

enum permission {
	PERM_NONE,		/* routes open to anyone (sign-in, the API description) */
	PERM_SIGNED_IN,		/* any signed-in person (sign-out, who am I) */
	PERM_CHILD_LIST,	/* list and search children in scope */
	PERM_CHILD_READ,	/* read a child's record in scope */
	PERM_CHILD_WRITE,	/* record visits, notes in scope */
	PERM_ALLOCATE,		/* reallocate a child */
	PERM_DUE_READ,		/* the worklist */
	PERM_MEASURES_READ,	/* measures and returns */
	PERM_USER_ADMIN,	/* users, roles, teams */
	PERM_AUDIT_READ,	/* the audit trail */
	PERM_LISTS_ALL,		/* lists of every child in the authority (Annex A): only roles
				 * that already see every child */
	PERM_FRONT_DOOR,	/* decide contacts at the front door (/front-door) */
	PERM_LADO,		/* the LADO's allegations (/lado): list and record them */
	PERM_LADO_READ,		/* read an allegation's page: the LADO any, others only one that
				 * involves a child in their scope (the store's lado scope) */
	PERM_DUPLICATES,	/* the list of possible duplicates (in scope), and "not the same child" */
	PERM_MERGE,		/* merge two records of one child, and undo a merge */
	PERM_CLOSE_CASE,	/* step a child up from early help to social care */
	PERM_AUTHORISE,		/* the approvals queue (/approvals): which decisions each role
				 * authorises is a local setting (model/authorise.h) */
	PERM_BREAK_GLASS,	/* open a child outside one's scope by giving a reason (read only,
				 * for setting break_glass_minutes; audited and listed for review;
				 * never a restricted child) */
	PERM_FAMILY_HELP,	/* a partner practitioner: reach a child's {kind} routes that need
				 * child_read, for only the kinds the role table lets the role read
				 * (role_may_read); no other part of the record */
	PERM_PROPOSE_CLOSE,	/* close a child's case or step it down: at once when the role
				 * authorises that decision (or none needs to, a local setting),
				 * else proposed, awaiting authorisation (work_propose_close) */
	PERM_MACPT,		/* multi-agency child protection teams (/macpts): list them, and
				 * set them up and change their members as the role's record
				 * kinds allow */
	PERM_FEED_READ,		/* the log of the DfE feed's runs (/feed); a run's children are
				 * named only where the scope shows them */
	PERM_MAX
};

/* Which children a role sees. */
enum role_scope {
	SCOPE_NONE,		/* no case content at all (administrator) */
	SCOPE_TEAM,		/* children allocated to a worker of the person's team */
	SCOPE_OWN,		/* children allocated to the person (IRO, PA), or whose open
				 * Family Help they lead (a partner practitioner) */
	SCOPE_ALL,		/* every child (analyst lists, head of service, inspector) */
};

const char *role_name(enum role r);		/* "social_worker" */
int role_parse(const char *name);		/* -1 when unknown */
const char *permission_name(enum permission p);
bool role_can(enum role r, enum permission p);
enum role_scope role_scope(enum role r);
/* Roles that may never change anything (the inspector). */
bool role_read_only(enum role r);

/* Whether the role may add, correct and retract records of kind e (a row of the entity
 * table model/entity.h describes): the social worker and team manager all of a child's
 * casework, the front door new children, contacts and referrals, the IRO reviews, the
 * personal adviser care leavers' contacts and pathway plans, the LADO allegations; the
 * others none. The routes' permissions still apply first; this narrows them by kind.
 * src/work enforces it on every save; pages use it to hide what a person may not do. */
bool role_may_record(enum role r, const struct entity *e);
/* The same, by the kind's table name ("visit"); false for a name that is no kind. */
bool role_may_record_kind(enum role r, const char *kind);
/* Whether the role may read rows of kind e through a child's {kind} routes: any kind with
 * PERM_CHILD_READ (the whole record); else only the role table's readable kinds (the
 * partner: Family Help, which holds the family plan). A correction or retraction of a row
 * needs this too: no one changes what they may not see. */
bool role_may_read(enum role r, const struct entity *e);
/* Whether the role reads rows of kind e only where it is their author (the row's F_AUTHOR
 * field names the person's own worker): the partner's visits and case notes. A role that
 * reads the whole kind (role_may_read without this) reads every row. */
bool role_reads_own_only(enum role r, const struct entity *e);
/* Whether the role may read this one row of kind e (vals: its values), the person's own
 * worker being worker_id (0: none): role_may_read, narrowed for role_reads_own_only kinds
 * to the rows whose F_AUTHOR field is worker_id. Every read of a row or a list of rows
 * through a child's {kind} routes is judged by this (web/http/dispatch.c, web/children.c). */
bool role_may_read_row(enum role r, const struct entity *e, const struct hval *vals, int64_t worker_id);

/* Whom a person may name as the worker who did something (an F_AUTHOR field). */
enum role_records_for {
	RECORDS_FOR_SELF,	/* only themselves */
	RECORDS_FOR_TEAM,	/* any worker of their own team (a team manager) */
};
enum role_records_for role_records_for(enum role r);

#endif
