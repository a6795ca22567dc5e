/* work/internal: what the saving layer's files share (not for callers: see work.h). */
#ifndef HEARTH_WORK_INTERNAL_H
#define HEARTH_WORK_INTERNAL_H

#include "work/work.h"

/* The authorisations a save asks for (work/authorise.c): planned after every check, written
 * in the save's own transaction. */
#define WORK_ASKS_MAX 8
struct work_asks {
	size_t n;
	struct {
		const struct authorise_point *p;
		int64_t existing;	/* a returned request resubmitted, or 0: a new one */
		struct hval *row;	/* existing's values (in the arena) */
		bool settles;		/* the authorising role's own save answers existing */
	} ask[WORK_ASKS_MAX];
};

/* Which authorisations the save of vals (row rid of e, 0 when new; before its stored values
 * or NULL) asks for, by who; a decision dated by its authorisation (the end of an
 * assessment) is held back from vals until it is authorised. Returns 0 or a negative
 * HERR_*. */
int work_asks_plan(struct store *st, const struct work_actor *who, const struct entity *e, int64_t rid,
		   const struct hval *before, struct hval *vals, struct arena *a, struct work_asks *asks,
		   struct hearth_error *err);

/* Writes the asks for row rid of child child_id, saved as vals (inside the caller's
 * transaction). */
int work_asks_write(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		    int64_t rid, const struct hval *vals, const struct work_asks *asks, struct arena *a,
		    struct hearth_error *err);

/* A request for authorisation that closing a case writes in its own transaction
 * (work/authorise.c): with settle false, a proposal: the closing is checked as it would be
 * made (less the role's right to end plans and allocations, which is the authoriser's) and
 * only the request is written (row, new when id is 0, else revision why of id), pointing at
 * the open referral with the date and reason; with settle true, the request's answer (row,
 * revision why of id) is written with the closing. */
struct work_close_ask {
	int64_t id;
	struct hval *row;
	const char *why;
	bool settle;
	int64_t record_id;	/* a proposal: the open referral it points at (0: the first open one) */
};
/* Whether who's closing of a case (step_down: stepping it down) stands as a proposal awaiting
 * authorisation (the local setting names another role) rather than taking effect at once. */
bool work_close_asks(struct store *st, const struct work_actor *who, bool step_down, struct arena *a);

/* work_propose_close, its proposal pointing at open referral record_id (0: the first open
 * one): the referral a save closes (a correction's, or a new one saved closed). */
int work_propose_close_of(struct store *st, const struct work_actor *who, int64_t child_id, int64_t record_id,
			  hdate date, const char *reason, bool step_down, struct arena *a, struct work_result *out,
			  struct work_closure *done, int64_t *request_id, struct hearth_error *err);

int work_close_do(struct store *st, const struct work_actor *who, int64_t child_id, hdate date, const char *reason,
		  bool step_down, struct arena *a, struct work_result *out, struct work_closure *done,
		  struct work_close_ask *ask, struct hearth_error *err);

#endif
