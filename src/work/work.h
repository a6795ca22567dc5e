/* work: the one way a person's change reaches the record, below both the web (src/web)
 * and the command line (src/cli), so both refuse and record exactly the same way.
 *
 * Every change here, before anything is written:
 *   - may be made by the actor's role at all (model/roles.c, role_may_record): else
 *     HERR_DENIED;
 *   - passes the descriptor's own validation (model/validate.h: required fields, codes,
 *     lengths, dates in order), all of it run here too so a refusal lists every field;
 *   - dates nothing that has happened (an F_EVENT field) after today;
 *   - holds together (a child not seen cannot have been seen alone);
 *   - names as the worker who did it (an F_AUTHOR field) the actor's own worker, unless
 *     the role may record for others (a team manager for their team; the shell for anyone);
 *   - does not newly break one of the DfE's rules about an impossible record
 *     (returns_check_change; RULE_IMPOSSIBLE); other new findings come back as warnings
 *     and the change is saved.
 * Then it goes through the store's one write path: the row, its revision (who, when, why)
 * and its audit row in one transaction. A refused change writes nothing.
 *
 * Functions return 0 or a negative HERR_* and fill err (field, rule, message: the first
 * reason); a content refusal (HERR_INVALID) also lists every reason found in the result's
 * problems. Warnings, problems and everything they point to live in the arena passed. */
#ifndef HEARTH_WORK_WORK_H
#define HEARTH_WORK_WORK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "model/entity.h"
#include "model/roles.h"
#include "returns/returns.h"
#include "store/store.h"

/* Who is making the change. */
struct work_actor {
	const char *actor;	/* for the revision and the audit row: "user:12", "cli:alice" */
	enum role role;		/* ignored for the shell */
	int64_t worker_id;	/* the person's own worker row; 0 when they have none */
	int64_t team_id;	/* their team; 0 when none */
	bool shell;		/* the trusted command line: any kind, any worker */
};

/* One reason a change was refused. Strings in the arena (or static). */
struct work_problem {
	const char *field, *rule, *message;
};

#define WORK_PROBLEMS_MAX 16

/* What a save did, or why it was refused. */
struct work_result {
	int64_t id;				/* the row written (new or corrected) */
	int64_t request;			/* the authorisation request the save raised (a referral's
						 * closure proposed, not made), 0 when none */
	struct returns_findings warnings;	/* new DfE findings the change caused (saved anyway) */
	struct work_problem problems[WORK_PROBLEMS_MAX];	/* a refusal's every reason */
	size_t n_problems;
};

/* Adds a row of kind e. vals has e->n_fields values; for a child's kind the child field is
 * set to child_id here (child_id 0: the trusted shell gives it in vals, and kinds without a
 * child need none). A blank F_AUTHOR field becomes the actor's own worker. The new row's id
 * goes in out->id. */
int work_add(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
	     struct hval *vals, struct arena *a, struct work_result *out, struct hearth_error *err);

/* Adds a row of a kind that joins a child through a link (model/entity.h entity_link: a
 * person, through a relationship) together with its link to child_id: vals has e's
 * values, link_vals the link's (its child and its field naming the row are set here). The
 * role must be allowed to record both; both rows are checked as their own saves would be,
 * every problem of either listed, and both are written in one transaction, or neither.
 * The row's id goes in out->id, the link's in *link_id; the warnings are the link's. */
int work_add_linked(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		    struct hval *vals, struct hval *link_vals, struct arena *a, struct work_result *out,
		    int64_t *link_id, struct hearth_error *err);

/* Corrects row rid of kind e: vals are all its values after the change (start from
 * store_get's and change what changes); reason is required (rule required). Saved as a new
 * revision (before, after, who, why). child_id (0: any, for the shell) must be the row's
 * child, else HERR_NOT_FOUND. The row's child cannot change. */
int work_correct(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		 int64_t rid, struct hval *vals, const char *reason, struct arena *a, struct work_result *out,
		 struct hearth_error *err);

/* Retracts row rid of kind e (entered in error), with the reason (required): the row stays,
 * marked retracted, and drops out of the clock, the measures and the returns. child_id as
 * for work_correct. A row of a linked kind (a person) is child_id's when a live link of
 * that child names it; it is retracted with this child's live links to it, in one
 * transaction, and refused (HERR_CONFLICT, rule linked_to_other_children) while a live link
 * of another child names it too, since that child's record would lose them: retract this
 * child's relationship instead. */
int work_retract(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		 int64_t rid, const char *reason, struct arena *a, struct work_result *out,
		 struct hearth_error *err);

/* Adds a child (vals: CHILD__COUNT values). Defaults a person would expect: sex unknown
 * ("U"), not UASC, not restricted, and an LA child id allocated when none is given. A date
 * of birth or, for an unborn child, an expected one is required. */
int work_child_add(struct store *st, const struct work_actor *who, struct hval *vals, struct arena *a,
		   struct work_result *out, struct hearth_error *err);

/* Reallocates child_id (vals: ALLOCATION__COUNT values; worker_id required, kind default
 * "sw", start date default today, reason the ended allocation's): the live allocation of
 * the same kind ends on the new one's start date with the reason, and the new one begins,
 * both or neither. The new allocation's id goes in out->id, those ended in ended (at most
 * max_ended; their count in *n_ended). HERR_CONFLICT (rule same_worker) when already
 * allocated to that worker. */
int work_reallocate(struct store *st, const struct work_actor *who, int64_t child_id, struct hval *vals,
		    int64_t *ended, size_t max_ended, size_t *n_ended, struct arena *a, struct work_result *out,
		    struct hearth_error *err);

/* The front door's decision on contact contact_id of child_id (vals: CONTACT__COUNT values, the
 * contact as it will stand: start from store_get's and set the decision's fields). The
 * decision, its date and its reason are required, and a contact already decided is refused
 * (HERR_CONFLICT, rule already_decided: correct it instead). A blank "decided by" is the
 * actor's own worker (when they have none, the revision's actor is who decided). Deciding "referral" opens a referral (dated the decision's date, from
 * the contact's source), "early_help" an early help episode from that date: the contact's
 * revision and the new row are saved together or not at all (the role must be allowed to
 * record both). The contact's id goes in out->id; the row opened (or 0) in *opened_id and
 * its kind in *opened (NULL when none). */
int work_contact_decide(struct store *st, const struct work_actor *who, int64_t child_id, int64_t contact_id,
			struct hval *vals, struct arena *a, struct work_result *out, int64_t *opened_id,
			const struct entity **opened, struct hearth_error *err);

/* What closing a case ended (work_close_case). */
#define WORK_CLOSE_MAX 32
struct work_closure {
	int64_t referrals[WORK_CLOSE_MAX];	/* the CIN episodes closed */
	size_t n_referrals;
	int64_t plans[WORK_CLOSE_MAX];		/* the CIN and CP plans ended */
	const struct entity *plan_kinds[WORK_CLOSE_MAX];
	size_t n_plans;
	int64_t allocations[WORK_CLOSE_MAX];	/* the allocations ended */
	size_t n_allocations;
	int64_t early_help_id;			/* a step down: the early help episode opened */
};

/* Closes child_id's involvement with children's social care on date, for the CIN census
 * reason (code list closure_reason, RC1-RC9): every open referral (CIN episode) gets its
 * closure date and reason, every open CIN and CP plan ends on that date, every live
 * allocation ends on that date. A step down (step_down true) also opens an early help
 * episode from that date marked as stepped down from social care (EH1.step_down). All in
 * one transaction, each ending a revision of its row (reason "case closed: RCn"), or
 * nothing. Refused (HERR_INVALID, every reason listed) when the date or reason is missing
 * or bad, the date is in the future, the child has no open case (rule no_open_case) or, for
 * a step down, already has an open early help episode (rule early_help_open);
 * HERR_DENIED when the role may not record one of the kinds ended or opened. */
int work_close_case(struct store *st, const struct work_actor *who, int64_t child_id, hdate date,
		    const char *reason, bool step_down, struct arena *a, struct work_result *out,
		    struct work_closure *done, struct hearth_error *err);

/* Closes (step_down false) or steps down child_id's case as work_close_case does when
 * who's role authorises that decision (the local setting authorise_case_close or
 * authorise_step_down), or none needs to; a proposal awaiting authorisation is then answered
 * by it (authorised, with the date and reason given). Otherwise the closing is checked as it
 * would be made and stands as a proposal awaiting authorisation: an authorisation row
 * pointing at the open referral with the date and reason, its id in *request_id (0 when
 * the case closed at once), nothing ended (done empty). A returned proposal is resubmitted;
 * a second while one awaits is refused (HERR_CONFLICT, rule already_awaiting).
 * work_authorise closes the case with the proposal's date and reason in its own
 * transaction; work_return leaves everything open. */
int work_propose_close(struct store *st, const struct work_actor *who, int64_t child_id, hdate date,
		       const char *reason, bool step_down, struct arena *a, struct work_result *out,
		       struct work_closure *done, int64_t *request_id, struct hearth_error *err);

/* Steps child_id up from early help to children's social care on date: the open early help
 * episode ends on that date with end reason step_up (EH1.step_up) and a referral dated that
 * date, from source (code list referral_source), opens, in one transaction or not at all
 * (the referral is then a re-referral for FD2 when the child had another within 12 months).
 * Refused when there is no open early help episode (rule no_open_early_help) or the child
 * already has an open referral (rule case_open). The referral's id goes in out->id, the
 * early help episode's in *early_help_id. */
int work_step_up(struct store *st, const struct work_actor *who, int64_t child_id, hdate date, const char *source,
		 struct arena *a, struct work_result *out, int64_t *early_help_id, struct hearth_error *err);

/* Managers' authorisation (model/authorise.h names the decisions; work/authorise.c).
 * A save that makes one, by a role other than the one the local setting names, stands as
 * awaiting authorisation (an authorisation row). work_authorise authorises request
 * auth_id, work_return returns it to the worker with reason (required): each is a revision
 * of the request naming the manager (who), audited. HERR_DENIED when who's role is not the
 * one that authorises that decision; HERR_CONFLICT (rule not_awaiting) when it is not
 * awaiting; HERR_INVALID (reason) for a return without a reason. */
int work_authorise(struct store *st, const struct work_actor *who, int64_t auth_id, struct arena *a,
		   struct work_result *out, struct hearth_error *err);
int work_return(struct store *st, const struct work_actor *who, int64_t auth_id, const char *reason,
		struct arena *a, struct work_result *out, struct hearth_error *err);
/* Whether role r authorises the decision called point (the local setting). */
bool work_may_authorise(struct store *st, enum role r, const char *point, struct arena *a);

/* The child a row of kind e belongs to, live or retracted: *child_id (0 for a kind without
 * a child; the child's own id for a child) and *retracted. HERR_NOT_FOUND when there is no
 * such row. For the web's check that {rid} is the {id} child's. */
int work_row_child(struct store *st, const struct entity *e, int64_t rid, struct arena *a, int64_t *child_id,
		   bool *retracted, struct hearth_error *err);

/* Whether live row rid of kind e, a kind that joins a child through a link (a person),
 * is child_id's: a live link row (a relationship) of that child names it. 0 when it is;
 * HERR_NOT_FOUND when it is not, or there is no such live row, the same for both. The web
 * route's scope for a person's {rid} (a person not linked to a child in scope is not found,
 * exactly as a missing one is). */
int work_linked_to_child(struct store *st, const struct entity *e, int64_t rid, int64_t child_id, struct arena *a,
			 struct hearth_error *err);

/* A row's history: each revision, oldest first, with the fields it changed. */
struct work_change {
	const struct field *field;
	const char *from, *to;	/* as people read them (value_text); "" when blank */
};
struct work_revision {
	int64_t id;
	const char *action;	/* "insert", "update", "void" */
	const char *actor, *at, *reason;	/* reason NULL when none */
	struct work_change *changes;
	size_t n_changes;
};
/* Every revision of row rid of kind e (in a); HERR_NOT_FOUND when it has none. */
int work_history(struct store *st, const struct entity *e, int64_t rid, struct arena *a,
		 struct work_revision **out, size_t *n_out, struct hearth_error *err);

/* Whether kind e belongs to a child's record (has a child, is the child, or joins one
 * through a link, as a person does): the kinds a child's {kind} may name. */
bool work_child_kind(const struct entity *e);

#endif
