/* demo_users: the demo's people who sign in (see demo_users.c). */
#ifndef HEARTH_CLI_DEMO_USERS_H
#define HEARTH_CLI_DEMO_USERS_H

#include "store/store.h"

/* Adds one user per role, named after the role, password "hearth-demo". */
int demo_add_users(struct store *st, hdate as_at, struct hearth_error *err);

#endif
