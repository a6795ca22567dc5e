/* status: see status.h. */
#include "model/status.h"

#include <string.h>

static const char *const codes[STATUS_MAX] = {"cla", "cp", "cin", "leaver", "early_help", "closed"};
static const char *const labels[STATUS_MAX] = {"Child in care", "Child protection plan", "Child in need",
					       "Care leaver", "Early help", "Closed"};

const char *status_code(enum child_status s)
{
	return s < STATUS_MAX ? codes[s] : "?";
}

const char *status_label(enum child_status s)
{
	return s < STATUS_MAX ? labels[s] : "?";
}

int status_parse(const char *code)
{
	for (int i = 0; i < STATUS_MAX; i++) {
		if (code && strcmp(code, codes[i]) == 0) {
			return i;
		}
	}
	return -1;
}

static bool is_leaver(const struct casefile *cf, hdate on)
{
	if (cf->child.dob == DATE_NONE || cf->n_episodes == 0) {
		return false;
	}
	hdate sixteen = date_birthday(cf->child.dob, 16);
	bool left_at_16 = false;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (e->end != DATE_NONE && e->end <= on && e->end >= sixteen) {
			left_at_16 = true;
		}
	}
	if (!left_at_16) {
		return false;
	}
	int age = date_age(cf->child.dob, on);
	if (age < 21) {
		return true;
	}
	if (age >= 25) {
		return false;
	}
	/* 21-24: still a care leaver while in education or training, by the latest contact. */
	for (size_t i = cf->n_leaver_contacts; i-- > 0;) {
		const struct cf_leaver_contact *c = &cf->leaver_contacts[i];
		if (c->date <= on) {
			return c->activity && (c->activity[0] == 'F' || c->activity[0] == 'P') &&
			       c->activity[1] >= '1' && c->activity[1] <= '2';
		}
	}
	return false;
}

enum child_status status_at(const struct casefile *cf, hdate on)
{
	if (cf->child.death != DATE_NONE && cf->child.death <= on) {
		return STATUS_CLOSED;
	}
	for (size_t i = 0; i < cf->n_episodes; i++) {
		if (cf_open_on(cf->episodes[i].start, cf->episodes[i].end, on)) {
			return STATUS_CLA;
		}
	}
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		if (cf_open_on(cf->cp_plans[i].start, cf->cp_plans[i].end, on)) {
			return STATUS_CP;
		}
	}
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *r = &cf->referrals[i];
		if (!r->nfa && cf_open_on(r->date, r->closed, on)) {
			return STATUS_CIN;
		}
	}
	if (is_leaver(cf, on)) {
		return STATUS_LEAVER;
	}
	for (size_t i = 0; i < cf->n_early_help; i++) {
		if (cf_open_on(cf->early_help[i].start, cf->early_help[i].end, on)) {
			return STATUS_EARLY_HELP;
		}
	}
	return STATUS_CLOSED;
}

int64_t status_social_worker(const struct casefile *cf, hdate d)
{
	int64_t w = 0;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *a = &cf->allocations[i];
		if (a->kind == ALLOC_SOCIAL_WORKER && cf_open_on(a->start, a->end, d)) {
			w = a->worker_id; /* the latest-starting live allocation wins */
		}
	}
	return w;
}

int status_social_workers_12m(const struct casefile *cf, hdate d)
{
	hdate from = date_add_months(d, -12);
	int64_t seen[64];
	int n = 0;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *a = &cf->allocations[i];
		/* Overlaps [from, d]: started on or before d, and not ended before from. */
		if (a->kind != ALLOC_SOCIAL_WORKER || a->start > d || (a->end != DATE_NONE && a->end <= from)) {
			continue;
		}
		bool dup = false;
		for (int k = 0; k < n; k++) {
			dup |= seen[k] == a->worker_id;
		}
		if (!dup && n < 64) {
			seen[n++] = a->worker_id;
		}
	}
	return n;
}
