/* roles: the one table of roles and their permissions; see roles.h. */
#include "model/roles.h"

#include <string.h>

struct role_def {
	const char *name;
	enum role_scope scope;
	bool read_only;
	unsigned perms;		/* bit per enum permission */
};

#define P(p) (1u << (p))
#define BASE (P(PERM_NONE) | P(PERM_SIGNED_IN))
#define CASEWORK (BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_CHILD_WRITE) | P(PERM_DUE_READ))

static const struct role_def roles[ROLE_MAX] = {
	[ROLE_SOCIAL_WORKER] = {"social_worker", SCOPE_TEAM, false, CASEWORK},
	[ROLE_TEAM_MANAGER] = {"team_manager", SCOPE_TEAM, false, CASEWORK | P(PERM_ALLOCATE) | P(PERM_MEASURES_READ)},
	[ROLE_IRO] = {"iro", SCOPE_OWN, false, CASEWORK},
	[ROLE_PERSONAL_ADVISER] = {"personal_adviser", SCOPE_OWN, false, CASEWORK},
	[ROLE_LADO] = {"lado", SCOPE_NONE, false, BASE | P(PERM_MEASURES_READ)},
	[ROLE_FRONT_DOOR] = {"front_door", SCOPE_ALL, false, BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) |
								     P(PERM_CHILD_WRITE)},
	[ROLE_ANALYST] = {"analyst", SCOPE_ALL, false,
			  BASE | P(PERM_CHILD_LIST) | P(PERM_MEASURES_READ) | P(PERM_LISTS_ALL)},
	[ROLE_HEAD_OF_SERVICE] = {"head_of_service", SCOPE_ALL, false,
				  BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_DUE_READ) |
					  P(PERM_MEASURES_READ) | P(PERM_ALLOCATE) | P(PERM_LISTS_ALL)},
	[ROLE_ADMIN] = {"admin", SCOPE_NONE, false, BASE | P(PERM_USER_ADMIN) | P(PERM_AUDIT_READ)},
	[ROLE_INSPECTOR] = {"inspector", SCOPE_ALL, true,
			    BASE | P(PERM_CHILD_LIST) | P(PERM_CHILD_READ) | P(PERM_DUE_READ) | P(PERM_MEASURES_READ) |
				    P(PERM_LISTS_ALL)},
};

static const char *const permission_names[PERM_MAX] = {
	"none", "signed_in", "child_list", "child_read", "child_write", "allocate", "due_read", "measures_read",
	"user_admin", "audit_read", "lists_all"};

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
