/* payload: a child's CSC API JSON (feed/payload.h). The mapping from the record to the
 * spec's keys is data: one table per object kind, each line a key of the spec, the kind of
 * value and where the casefile holds it (or FM_NOT_HELD for a key Hearth does not record,
 * written null). docs/feed.md lists the same facts for people. */
#include "feed/payload.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/secret.h"

enum fm_kind {
	FM_ID,		/* int64_t row id, written as text */
	FM_DATE,	/* hdate, "YYYY-MM-DD" or null */
	FM_TEXT,	/* const char *, or null */
	FM_BOOL,	/* bool */
	FM_NOT_BOOL,	/* bool, negated (icpc_not_required -> icpc_required_flag) */
	FM_SCORE,	/* int, null when negative (not recorded) */
	FM_NOT_HELD,	/* a key of the spec the record does not hold: null */
};

struct fm {
	const char *key;	/* the spec's key */
	enum fm_kind kind;
	size_t off;		/* offset in the casefile struct */
};

#define F(key, kind, type, member) {key, kind, offsetof(type, member)}
#define NOT_HELD(key) {key, FM_NOT_HELD, 0}

static const struct fm child_details_map[] = {
	F("unique_pupil_number", FM_TEXT, struct cf_child, upn),
	F("former_unique_pupil_number", FM_TEXT, struct cf_child, former_upn),
	F("unique_pupil_number_unknown_reason", FM_TEXT, struct cf_child, upn_unknown),
	F("first_name", FM_TEXT, struct cf_child, given_name),
	F("surname", FM_TEXT, struct cf_child, family_name),
	F("date_of_birth", FM_DATE, struct cf_child, dob),
	F("expected_date_of_birth", FM_DATE, struct cf_child, expected_dob),
	F("sex", FM_TEXT, struct cf_child, sex),
	F("ethnicity", FM_TEXT, struct cf_child, ethnicity),
	/* disabilities[] and postcode come from feed_extras, after these */
	F("uasc_flag", FM_BOOL, struct cf_child, uasc),
	F("uasc_end_date", FM_DATE, struct cf_child, uasc_ceased),
};

static const struct fm sdq_map[] = {
	F("date", FM_DATE, struct cf_oc2, year_end),
	F("score", FM_SCORE, struct cf_oc2, sdq_score),
};

/* One social care episode per referral. */
static const struct fm episode_map[] = {
	F("social_care_episode_id", FM_ID, struct cf_referral, id),
	F("referral_date", FM_DATE, struct cf_referral, date),
	F("referral_source", FM_TEXT, struct cf_referral, source),
	F("referral_no_further_action_flag", FM_BOOL, struct cf_referral, nfa),
	F("closure_date", FM_DATE, struct cf_referral, closed),
	F("closure_reason", FM_TEXT, struct cf_referral, closure_reason),
};

/* The social worker allocations that overlap the episode. */
static const struct fm worker_map[] = {
	F("worker_id", FM_ID, struct cf_allocation, worker_id),
	F("start_date", FM_DATE, struct cf_allocation, start),
	F("end_date", FM_DATE, struct cf_allocation, end),
};

/* factors[] comes from feed_extras, after these. */
static const struct fm assessment_map[] = {
	F("child_and_family_assessment_id", FM_ID, struct cf_assessment, id),
	F("start_date", FM_DATE, struct cf_assessment, start),
	F("authorisation_date", FM_DATE, struct cf_assessment, authorised),
};

static const struct fm cin_plan_map[] = {
	F("child_in_need_plan_id", FM_ID, struct cf_plan, id),
	F("start_date", FM_DATE, struct cf_plan, start),
	F("end_date", FM_DATE, struct cf_plan, end),
};

static const struct fm s47_map[] = {
	F("section_47_assessment_id", FM_ID, struct cf_s47, id),
	F("start_date", FM_DATE, struct cf_s47, start),
	F("icpc_required_flag", FM_NOT_BOOL, struct cf_s47, icpc_not_required),
	F("icpc_date", FM_DATE, struct cf_s47, icpc),
	NOT_HELD("end_date"),	/* Hearth records no end of an enquiry apart from its ICPC */
};

static const struct fm cp_plan_map[] = {
	F("child_protection_plan_id", FM_ID, struct cf_plan, id),
	F("start_date", FM_DATE, struct cf_plan, start),
	F("end_date", FM_DATE, struct cf_plan, end),
};

/* One placement per SSDA903 episode (an episode is a placement's span). */
static const struct fm placement_map[] = {
	F("child_looked_after_placement_id", FM_ID, struct cf_episode, id),
	F("start_date", FM_DATE, struct cf_episode, start),
	F("start_reason", FM_TEXT, struct cf_episode, rne),
	F("placement_type", FM_TEXT, struct cf_episode, place),
	F("postcode", FM_TEXT, struct cf_episode, pl_post),
	F("end_date", FM_DATE, struct cf_episode, end),
	F("end_reason", FM_TEXT, struct cf_episode, rec),
	F("change_reason", FM_TEXT, struct cf_episode, reason_place_change),
};

static const struct fm adoption_map[] = {
	F("initial_decision_date", FM_DATE, struct cf_adoption, decision),
	F("matched_date", FM_DATE, struct cf_adoption, matched),
	F("placed_date", FM_DATE, struct cf_adoption, placed),
};

static const struct fm leaver_map[] = {
	F("contact_date", FM_DATE, struct cf_leaver_contact, date),
	F("activity", FM_TEXT, struct cf_leaver_contact, activity),
	F("accommodation", FM_TEXT, struct cf_leaver_contact, accommodation),
};

#define N(map) (sizeof(map) / sizeof(map[0]))

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *date_or_null(hdate d)
{
	char b[DATE_STR_SIZE];
	return d == DATE_NONE ? json_null() : json_string(date_format(d, b));
}

static json_t *id_text(int64_t id)
{
	char b[24];
	snprintf(b, sizeof(b), "%lld", (long long)id);
	return json_string(b);
}

/* Sets the keys of map from the struct at p. */
static void put(json_t *o, const struct fm *map, size_t n, const void *p)
{
	const char *base = p;
	for (size_t i = 0; i < n; i++) {
		const void *v = base + map[i].off;
		json_t *j = NULL;
		switch (map[i].kind) {
		case FM_ID:
			j = id_text(*(const int64_t *)v);
			break;
		case FM_DATE:
			j = date_or_null(*(const hdate *)v);
			break;
		case FM_TEXT:
			j = text_or_null(*(const char *const *)v);
			break;
		case FM_BOOL:
			j = json_boolean(*(const bool *)v);
			break;
		case FM_NOT_BOOL:
			j = json_boolean(!*(const bool *)v);
			break;
		case FM_SCORE:
			j = *(const int *)v >= 0 ? json_integer(*(const int *)v) : json_null();
			break;
		case FM_NOT_HELD:
			j = json_null();
			break;
		}
		json_object_set_new(o, map[i].key, j);
	}
}

static json_t *object_of(const struct fm *map, size_t n, const void *p)
{
	json_t *o = json_object();
	put(o, map, n, p);
	json_object_set_new(o, "purge", json_false());
	return o;
}

hdate feed_window_start(hdate today)
{
	int y, m, d;
	date_to_ymd(date_add_months(today, -24), &y, &m, &d);
	return date_from_ymd(m >= 4 ? y : y - 1, 4, 1);
}

bool feed_in_cohort(const struct cf_child *c, hdate today)
{
	if (c->dob == DATE_NONE) {
		return c->expected_dob != DATE_NONE;
	}
	return c->dob <= today && date_birthday(c->dob, 26) > feed_window_start(today);
}

/* The referral a dated row belongs with: the latest one open on d, else the latest begun
 * before d, else the first; -1 when the child has no referral. Referrals are by date. */
static long episode_on(const struct casefile *cf, hdate d)
{
	long open = -1, before = -1;
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *r = &cf->referrals[i];
		if (d != DATE_NONE && r->date <= d) {
			before = (long)i;
			if (r->closed == DATE_NONE || r->closed >= d) {
				open = (long)i;
			}
		}
	}
	return open >= 0 ? open : before >= 0 ? before : cf->n_referrals ? 0 : -1;
}

/* The episode of a row that names its referral; by date when the referral is not among the
 * child's live ones. */
static long episode_of(const struct casefile *cf, int64_t referral_id, hdate d)
{
	for (size_t i = 0; i < cf->n_referrals; i++) {
		if (cf->referrals[i].id == referral_id) {
			return (long)i;
		}
	}
	return episode_on(cf, d);
}

static const char *factors_of(const struct feed_extras *x, int64_t assessment_id)
{
	size_t lo = 0, hi = x ? x->n_assessments : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->assessment_ids[mid] < assessment_id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < (x ? x->n_assessments : 0) && x->assessment_ids[lo] == assessment_id ? x->assessment_factors[lo]
											   : NULL;
}

/* "3B,2B" as ["3B", "2B"]. */
static json_t *factor_list(const char *s)
{
	json_t *a = json_array();
	while (s && *s) {
		size_t n = strcspn(s, ",");
		size_t from = 0, to = n;
		while (from < to && s[from] == ' ') {
			from++;
		}
		while (to > from && s[to - 1] == ' ') {
			to--;
		}
		if (to > from) {
			json_array_append_new(a, json_stringn(s + from, to - from));
		}
		s += n + (s[n] == ',');
	}
	return a;
}

static json_t *episode(const struct casefile *cf, size_t ri, const struct feed_extras *x)
{
	const struct cf_referral *r = &cf->referrals[ri];
	json_t *e = json_object();
	put(e, episode_map, N(episode_map), r);

	json_t *workers = json_array();
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == ALLOC_SOCIAL_WORKER && (r->closed == DATE_NONE || al->start <= r->closed) &&
		    (al->end == DATE_NONE || al->end >= r->date)) {
			json_array_append_new(workers, object_of(worker_map, N(worker_map), al));
		}
	}
	json_object_set_new(e, "care_worker_details", workers);

	json_t *list = json_array();
	for (size_t i = 0; i < cf->n_assessments; i++) {
		const struct cf_assessment *as = &cf->assessments[i];
		if (episode_of(cf, as->referral_id, as->start) == (long)ri) {
			json_t *o = json_object();
			put(o, assessment_map, N(assessment_map), as);
			json_object_set_new(o, "factors", factor_list(factors_of(x, as->id)));
			json_object_set_new(o, "purge", json_false());
			json_array_append_new(list, o);
		}
	}
	json_object_set_new(e, "child_and_family_assessments", list);

	list = json_array();
	for (size_t i = 0; i < cf->n_cin_plans; i++) {
		if (episode_of(cf, cf->cin_plans[i].referral_id, cf->cin_plans[i].start) == (long)ri) {
			json_array_append_new(list, object_of(cin_plan_map, N(cin_plan_map), &cf->cin_plans[i]));
		}
	}
	json_object_set_new(e, "child_in_need_plans", list);

	list = json_array();
	for (size_t i = 0; i < cf->n_s47s; i++) {
		if (episode_of(cf, cf->s47s[i].referral_id, cf->s47s[i].strategy) == (long)ri) {
			json_array_append_new(list, object_of(s47_map, N(s47_map), &cf->s47s[i]));
		}
	}
	json_object_set_new(e, "section_47_assessments", list);

	list = json_array();
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		if (episode_of(cf, cf->cp_plans[i].referral_id, cf->cp_plans[i].start) == (long)ri) {
			json_array_append_new(list, object_of(cp_plan_map, N(cp_plan_map), &cf->cp_plans[i]));
		}
	}
	json_object_set_new(e, "child_protection_plans", list);

	list = json_array();
	for (size_t i = 0; i < cf->n_episodes; i++) {
		if (episode_on(cf, cf->episodes[i].start) == (long)ri) {
			json_array_append_new(list, object_of(placement_map, N(placement_map), &cf->episodes[i]));
		}
	}
	json_object_set_new(e, "child_looked_after_placements", list);

	/* The latest adoption and the latest care leaver's contact, each with the episode of
	 * its date. */
	if (cf->n_adoptions) {
		const struct cf_adoption *ad = &cf->adoptions[cf->n_adoptions - 1];
		if (episode_on(cf, ad->decision) == (long)ri) {
			json_object_set_new(e, "adoption", object_of(adoption_map, N(adoption_map), ad));
		}
	}
	if (cf->n_leaver_contacts) {
		const struct cf_leaver_contact *lc = &cf->leaver_contacts[cf->n_leaver_contacts - 1];
		if (episode_on(cf, lc->date) == (long)ri) {
			json_object_set_new(e, "care_leavers", object_of(leaver_map, N(leaver_map), lc));
		}
	}
	json_object_set_new(e, "purge", json_false());
	return e;
}

json_t *feed_child_payload(const struct casefile *cf, const struct feed_extras *x)
{
	const struct cf_child *c = &cf->child;
	json_t *p = json_object();
	json_object_set_new(p, "la_child_id", text_or_null(c->la_child_id));
	json_object_set_new(p, "mis_child_id", id_text(c->id));
	json_object_set_new(p, "purge", json_false());

	json_t *d = json_object();
	put(d, child_details_map, N(child_details_map), c);
	json_t *dis = json_array();
	for (size_t i = 0; x && i < x->n_disabilities; i++) {
		json_array_append_new(dis, json_string(x->disabilities[i]));
	}
	json_object_set_new(d, "disabilities", dis);
	json_object_set_new(d, "postcode", text_or_null(x ? x->postcode : NULL));
	json_object_set_new(d, "purge", json_false());
	json_object_set_new(p, "child_details", d);

	json_t *sdq = json_array();
	for (size_t i = 0; i < cf->n_oc2; i++) {
		if (cf->oc2[i].sdq_score >= 0) {
			json_array_append_new(sdq, object_of(sdq_map, N(sdq_map), &cf->oc2[i]));
		}
	}
	json_t *hw = json_object();
	json_object_set_new(hw, "sdq_assessments", sdq);
	json_object_set_new(hw, "purge", json_false());
	json_object_set_new(p, "health_and_wellbeing", hw);

	/* Hearth records no education, health and care plans (docs/feed.md). */
	json_object_set_new(p, "education_health_care_plans", json_array());

	json_t *eps = json_array();
	for (size_t i = 0; i < cf->n_referrals; i++) {
		json_array_append_new(eps, episode(cf, i, x));
	}
	json_object_set_new(p, "social_care_episodes", eps);
	return p;
}

json_t *feed_purge_payload(const char *la_child_id, int64_t child_id)
{
	json_t *p = json_object();
	json_object_set_new(p, "la_child_id", text_or_null(la_child_id));
	json_object_set_new(p, "mis_child_id", id_text(child_id));
	json_object_set_new(p, "purge", json_true());
	return p;
}

char *feed_canonical(const json_t *payload)
{
	return json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
}

void feed_hash(const char *canonical, char out[65])
{
	secret_sha256_hex(canonical, strlen(canonical), out);
}

/* The key of a list item that identifies it: the one ending in "_id". */
static const char *id_key(const json_t *item)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)item, k, v)
	{
		size_t n = strlen(k);
		if (n > 3 && strcmp(k + n - 3, "_id") == 0) {
			return k;
		}
	}
	return NULL;
}

static int purges_in_list(json_t *now, const json_t *before)
{
	int added = 0;
	size_t n_before = json_array_size(before), n_now = json_array_size(now);
	for (size_t i = 0; i < n_before; i++) {
		const json_t *b = json_array_get(before, i);
		const char *key = json_is_object(b) ? id_key(b) : NULL;
		if (!key) {
			continue;	/* a list without ids (SDQ scores) is sent whole */
		}
		const json_t *id = json_object_get(b, key);
		json_t *match = NULL;
		for (size_t k = 0; k < n_now && !match; k++) {
			json_t *c = json_array_get(now, k);
			if (json_is_object(c) && json_equal(json_object_get(c, key), id)) {
				match = c;
			}
		}
		if (match) {
			added += feed_add_purges(match, b);
		} else {
			json_t *stub = json_object();
			json_object_set(stub, key, (json_t *)id);
			json_object_set_new(stub, "purge", json_true());
			json_array_append_new(now, stub);
			added++;
		}
	}
	return added;
}

int feed_add_purges(json_t *payload, const json_t *before)
{
	if (!json_is_object(payload) || !json_is_object(before)) {
		return 0;
	}
	int added = 0;
	const char *k;
	json_t *b;
	json_object_foreach((json_t *)before, k, b)
	{
		json_t *now = json_object_get(payload, k);
		if (json_is_array(b)) {
			if (!now) {
				now = json_array();
				json_object_set_new(payload, k, now);
			}
			if (json_is_array(now)) {
				added += purges_in_list(now, b);
			}
		} else if (json_is_object(b)) {
			if (json_is_object(now)) {
				added += feed_add_purges(now, b);
			} else if (!now || json_is_null(now)) {
				json_t *stub = json_object();
				json_object_set_new(stub, "purge", json_true());
				json_object_set_new(payload, k, stub);
				added++;
			}
		}
	}
	return added;
}
