/* feed/payload: one child's record as the DfE children's social care API wants it (spec v0.7,
 * as ../shared/standards/changes-2026 section 6 gives it), its canonical form and hash, and
 * the purge stubs that tell the DfE what vanished since the last payload it received.
 *
 * The shape (docs/feed.md has the table for people):
 *   {la_child_id, mis_child_id, purge,
 *    child_details{unique_pupil_number, ..., disabilities[], postcode, uasc_flag, ...},
 *    health_and_wellbeing{sdq_assessments[{date, score}]},
 *    education_health_care_plans[],
 *    social_care_episodes[{social_care_episode_id, referral_date, ..., care_worker_details[],
 *        child_and_family_assessments[], child_in_need_plans[], section_47_assessments[],
 *        child_protection_plans[], child_looked_after_placements[], adoption{}, care_leavers{}}]}
 * with "purge": false on every object. One social care episode per referral; the rows that
 * name their referral (assessments, s47s, plans) sit under it; placements, the adoption and
 * the care leaver's latest contact sit under the referral open on their date (else the
 * latest before it, else the first). Ids are the record's row ids, as text: stable across
 * runs, so the hash changes only when the child's data does (the "semantic hash").
 *
 * Pure: no I/O; every json_t returned is the caller's (json_decref). */
#ifndef HEARTH_FEED_PAYLOAD_H
#define HEARTH_FEED_PAYLOAD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "model/casefile.h"

/* What the casefile does not carry. */
struct feed_extras {
	const char *postcode;
	const char *const *disabilities;
	size_t n_disabilities;
	/* The assessments' factor codes ("3B,2B"), by assessment id (ids ascending). */
	const int64_t *assessment_ids;
	const char *const *assessment_factors;
	size_t n_assessments;
};

/* The first day of the cohort's window: 1 April of the financial year that held the day 24
 * months before today. 2026-03-31 -> 2024-03-31 -> 2023-04-01. */
hdate feed_window_start(hdate today);
/* Whether the child is in the DfE's cohort: aged 25 or under at some point of the window
 * (born after the window's start less 26 years, and not after today), or unborn with an
 * expected date of birth. */
bool feed_in_cohort(const struct cf_child *c, hdate today);

/* The child's whole payload (nothing purged). */
json_t *feed_child_payload(const struct casefile *cf, const struct feed_extras *x);
/* The payload of a child the DfE must delete: {la_child_id, mis_child_id, purge: true}. */
json_t *feed_purge_payload(const char *la_child_id, int64_t child_id);

/* The canonical text (compact, keys sorted; malloc'd, NULL on out of memory) and the
 * SHA-256 of it as 64 lowercase hex characters. */
char *feed_canonical(const json_t *payload);
void feed_hash(const char *canonical, char out[65]);

/* Adds to payload a purge stub for every list item (matched on its *_id key) and every
 * object in before that payload no longer has, at every depth: {<id key>: id, purge: true}
 * in the list, or {purge: true} in place of the object. Returns how many were added. */
int feed_add_purges(json_t *payload, const json_t *before);

#endif
