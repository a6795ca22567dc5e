/* internal: what the store's own files share; never included outside src/store/. */
#ifndef HEARTH_STORE_INTERNAL_H
#define HEARTH_STORE_INTERNAL_H

#include "store/db.h"
#include "store/store.h"

struct db *store_db(struct store *st);

#endif
