/* workforce: the children's social work workforce census (snapshot on 30 September) as XML,
 * valid against standards/workforce/social_work_workforce_2022.xsd.
 *
 * Who is in it: every worker with a Social Work England number (the census counts
 * registered social workers) who was in post at some time in the twelve months to the
 * census date: starters, leavers (with their reason) and those in post on the day. The
 * role maps to the census's OrgRole through role_map; case holders are counted with the
 * children allocated to them (as social worker) on the census date (Cases30).
 * LALevelVacancies: the agency FTE and headcount in post on the day, and the vacancies the
 * caller gives or, when it gives none (below 0), those the teams' establishments of posts
 * make on the day: for each team open on the day with an establishment, the establishment
 * less the FTE of its registered, non-agency social workers in post (not below 0), as
 * WF1.vacancy counts them. SWENo takes the schema's form, two
 * letters and ten digits (SW123456 -> SW0000123456).
 *
 * The worker's own items are the record's (migration 003): date of birth, sex (written as
 * GenderCurrent 1/2/0), ethnicity, where and at what level the qualification was gained
 * (QualInst is required by the schema: empty when not recorded), Step Up and Frontline,
 * the knowledge and skills status; StartOrigin for those who started in the year,
 * LeaverDestination and ReasonLeave for those who left. From the worker's absences: for a
 * worker in post on the day, whether an absence covers it (Absat30Sept) and its reason;
 * for an employee (not agency), the working days lost to sickness in the year
 * (WorkingDaysLost: working days of sick leave between the year's first day and the census
 * date). ContractWeeks (agency workers) is not held and not written. The file is validated
 * before it takes its name; an invalid file is never written. */
#include <stdlib.h>
#include <string.h>

#include "base/workdays.h"
#include "returns/internal.h"

/* worker_role (local) -> OrgRole: 1 senior manager ... 5 case holder, 6 qualified without
 * cases. 0: by whether the worker holds cases (5 or 6). */
static const struct {
	const char *role;
	int org;
} role_map[] = {
	{"head_of_service", 1}, {"service_manager", 2}, {"team_manager", 3}, {"senior_practitioner", 4},
	{"social_worker", 0},	{"iro", 6},		{"lado", 6},	    {"front_door", 0},
	{"personal_adviser", 0}, {"early_help_worker", 0}, {"other", 0},
};

static int org_role(const char *role, bool case_holder)
{
	for (size_t i = 0; i < sizeof(role_map) / sizeof(role_map[0]); i++) {
		if (role && strcmp(role, role_map[i].role) == 0 && role_map[i].org) {
			return role_map[i].org;
		}
	}
	return case_holder ? 5 : 6;
}

/* The record's sex as the census's GenderCurrent (no entry: not written). */
static const struct {
	const char *sex, *gender;
} gender_map[] = {{"M", "1"}, {"F", "2"}, {"U", "0"}};

static const char *gender_of(const struct hval *v)
{
	for (size_t i = 0; !v->null && i < sizeof(gender_map) / sizeof(gender_map[0]); i++) {
		if (strcmp(v->s, gender_map[i].sex) == 0) {
			return gender_map[i].gender;
		}
	}
	return NULL;
}

static const char *str_of(const struct hval *v)
{
	return v->null ? NULL : v->s;
}

static const char *yes_no(const struct hval *v)
{
	return v->null ? NULL : v->i ? "1" : "0";
}

/* A worker's absences, as read: [start, end) with end DATE_NONE while away. */
struct absence {
	int64_t worker;
	hdate start, end;
	const char *reason;
};

/* What the census asks of a worker's absences: the reason of the absence covering day
 * (NULL: none), and the working days of sick leave in [from, day]. */
static const char *absence_on(const struct absence *abs, size_t n, int64_t worker, hdate from, hdate day,
			      double *sick_days)
{
	const char *reason = NULL;
	*sick_days = 0;
	for (size_t i = 0; i < n; i++) {
		const struct absence *a = &abs[i];
		if (a->worker != worker) {
			continue;
		}
		hdate last = a->end == DATE_NONE ? day : a->end - 1; /* the day back is a working day */
		if (a->start <= day && last >= day) {
			reason = a->reason;
		}
		hdate s = a->start > from ? a->start : from, e = last < day ? last : day;
		if (strcmp(a->reason, "SIC") == 0 && s <= e) {
			*sick_days += workdays_between(s - 1, e); /* (s - 1, e]: the days s to e */
		}
	}
	return reason;
}

/* "SW123456" -> "SW0000123456"; other shapes are left for the schema to refuse. */
static const char *swe_form(const char *s, struct arena *a)
{
	size_t n = strlen(s);
	if (n < 3 || n > 12 || !((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z') || !((s[1] | 32) >= 'a' && (s[1] | 32) <= 'z') ||
	    strspn(s + 2, "0123456789") != n - 2) {
		return s;
	}
	return arena_printf(a, "%c%c%010lld", s[0], s[1], atoll(s + 2));
}

int workforce_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
			 struct returns_export_result *res, struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	if (!dok(o->date)) {
		return herr_set(err, HERR_INVALID, "date", "required", "the census date is required");
	}
	if (!o->xsd) {
		return herr_set(err, HERR_INVALID, "xsd", "required", "the workforce census schema is needed to check the file");
	}
	struct arena a = ARENA_INIT;
	int64_t *wids, *aids;
	struct hval **wrows, **arows;
	size_t nw, na;
	int64_t *bids;
	struct hval **brows;
	size_t nb;
	int rc = store_all_rows(st, &entity_worker, &a, &wids, &wrows, &nw, err);
	if (!rc) {
		rc = store_all_rows(st, &entity_allocation, &a, &aids, &arows, &na, err);
	}
	if (!rc) {
		rc = store_all_rows(st, &entity_worker_absence, &a, &bids, &brows, &nb, err);
	}
	if (rc) {
		arena_free(&a);
		return rc;
	}
	struct absence *abs = arena_alloc(&a, sizeof(*abs) * (nb ? nb : 1));
	for (size_t i = 0; i < nb; i++) {
		const struct hval *r = brows[i];
		abs[i] = (struct absence){r[WORKER_ABSENCE_WORKER_ID].i, (hdate)r[WORKER_ABSENCE_START_DATE].i,
					  r[WORKER_ABSENCE_END_DATE].null ? DATE_NONE : (hdate)r[WORKER_ABSENCE_END_DATE].i,
					  r[WORKER_ABSENCE_REASON].s};
	}
	hdate day = o->date, from = date_add_years(day, -1) + 1;
	/* Cases on the day: children allocated to each worker as social worker. */
	int64_t max_id = 0;
	for (size_t i = 0; i < nw; i++) {
		max_id = wids[i] > max_id ? wids[i] : max_id;
	}
	int *cases = arena_alloc(&a, sizeof(int) * (size_t)(max_id + 1));
	for (size_t i = 0; i < na; i++) {
		const struct hval *r = arows[i];
		int64_t w = r[ALLOCATION_WORKER_ID].i;
		hdate s = r[ALLOCATION_START_DATE].null ? DATE_NONE : (hdate)r[ALLOCATION_START_DATE].i;
		hdate e = r[ALLOCATION_END_DATE].null ? DATE_NONE : (hdate)r[ALLOCATION_END_DATE].i;
		if (w > 0 && w <= max_id && !r[ALLOCATION_KIND].null && strcmp(r[ALLOCATION_KIND].s, "sw") == 0 &&
		    dok(s) && s <= day && (e == DATE_NONE || e > day)) {
			cases[w]++;
		}
	}
	double agency_fte = 0;
	int64_t agency_n = 0;
	for (size_t i = 0; i < nw; i++) {
		const struct hval *r = wrows[i];
		hdate s = (hdate)r[WORKER_START_DATE].i, e = r[WORKER_END_DATE].null ? DATE_NONE : (hdate)r[WORKER_END_DATE].i;
		if (r[WORKER_AGENCY].i && s <= day && (e == DATE_NONE || e > day)) {
			agency_fte += r[WORKER_FTE].r;
			agency_n++;
		}
	}
	double vacancies = o->vacancies_fte;
	if (vacancies < 0) {
		int64_t *tids;
		struct hval **trows;
		size_t nt;
		if ((rc = store_all_rows(st, &entity_team, &a, &tids, &trows, &nt, err))) {
			arena_free(&a);
			return rc;
		}
		vacancies = 0;
		for (size_t t = 0; t < nt; t++) {
			const struct hval *tr = trows[t];
			if (tr[TEAM_ESTABLISHMENT].null || (!tr[TEAM_CLOSED].null && (hdate)tr[TEAM_CLOSED].i <= day)) {
				continue;
			}
			double filled = 0;
			for (size_t i = 0; i < nw; i++) {
				const struct hval *r = wrows[i];
				hdate s = (hdate)r[WORKER_START_DATE].i;
				hdate e = r[WORKER_END_DATE].null ? DATE_NONE : (hdate)r[WORKER_END_DATE].i;
				if (!r[WORKER_TEAM_ID].null && r[WORKER_TEAM_ID].i == tids[t] && !r[WORKER_AGENCY].i &&
				    !r[WORKER_SWE_NUMBER].null && *r[WORKER_SWE_NUMBER].s && s <= day && (e == DATE_NONE || e > day)) {
					filled += r[WORKER_FTE].r;
				}
			}
			vacancies += tr[TEAM_ESTABLISHMENT].r > filled ? tr[TEAM_ESTABLISHMENT].r - filled : 0;
		}
	}
	struct tmpfile tf;
	if ((rc = tmpfile_open(&tf, path, err))) {
		arena_free(&a);
		return rc;
	}
	struct xw w = {0};
	w.f = tf.f;
	char b[64], d[DATE_STR_SIZE];
	int y, m, dd;
	date_to_ymd(day, &y, &m, &dd);
	xw_start_doc(&w);
	xw_open(&w, "Message");
	xw_open(&w, "Header");
	xw_open(&w, "CollectionDetails");
	xw_leaf(&w, "Collection", "CSWW");
	snprintf(b, sizeof(b), "%d", y);
	xw_leaf(&w, "Year", b);
	xw_leaf(&w, "ReferenceDate", date_format(day, d));
	xw_close(&w, "CollectionDetails");
	xw_open(&w, "Source");
	xw_leaf(&w, "SourceLevel", "L");
	xw_leaf(&w, "LEA", o->la_code ? o->la_code : "");
	xw_leaf(&w, "SoftwareCode", "Hearth");
	xw_close(&w, "Source");
	xw_close(&w, "Header");
	xw_open(&w, "LALevelVacancies");
	snprintf(b, sizeof(b), "%.2f", vacancies);
	xw_leaf(&w, "NumberOfVacancies", b);
	snprintf(b, sizeof(b), "%.2f", agency_fte);
	xw_leaf(&w, "NoAgencyFTE", b);
	snprintf(b, sizeof(b), "%lld", (long long)agency_n);
	xw_leaf(&w, "NoAgencyHeadcount", b);
	xw_close(&w, "LALevelVacancies");
	struct xstart *starts = NULL;
	size_t n_starts = 0, cap_starts = 0;
	for (size_t i = 0; i < nw; i++) {
		const struct hval *r = wrows[i];
		hdate s = (hdate)r[WORKER_START_DATE].i, e = r[WORKER_END_DATE].null ? DATE_NONE : (hdate)r[WORKER_END_DATE].i;
		if (r[WORKER_SWE_NUMBER].null || !*r[WORKER_SWE_NUMBER].s || s > day || (e != DATE_NONE && e < from)) {
			if (!(s > day || (e != DATE_NONE && e < from))) {
				res->skipped++;
			}
			continue;
		}
		bool left = e != DATE_NONE && e <= day, agency = r[WORKER_AGENCY].i != 0;
		double sick = 0;
		const char *away = absence_on(abs, nb, wids[i], from, day, &sick);
		*ARR_PUSH(&a, starts, n_starts, cap_starts) = (struct xstart){w.line, r[WORKER_STAFF_ID].s};
		/* The elements in the schema's order (workertype). */
		xw_open(&w, "CSWWWorker");
		xw_leaf(&w, "AgencyWorker", agency ? "1" : "0");
		xw_leaf(&w, "SWENo", swe_form(r[WORKER_SWE_NUMBER].s, &a));
		snprintf(b, sizeof(b), "%.6f", r[WORKER_FTE].r);
		xw_leaf(&w, "FTE", b);
		xw_leaf_date(&w, "PersonBirthDate", r[WORKER_DOB].null ? DATE_NONE : (hdate)r[WORKER_DOB].i);
		xw_leaf(&w, "GenderCurrent", gender_of(&r[WORKER_SEX]));
		xw_leaf(&w, "Ethnicity", str_of(&r[WORKER_ETHNICITY]));
		xw_leaf(&w, "QualInst", r[WORKER_QUAL_INST].null ? "" : r[WORKER_QUAL_INST].s);
		xw_leaf(&w, "QualLevel", str_of(&r[WORKER_QUAL_LEVEL]));
		xw_leaf(&w, "StepUpGrad", yes_no(&r[WORKER_STEP_UP]));
		snprintf(b, sizeof(b), "%d", org_role(r[WORKER_ROLE].s, r[WORKER_CASE_HOLDER].i != 0));
		xw_leaf(&w, "OrgRole", b);
		xw_leaf_date(&w, "RoleStartDate", s);
		xw_leaf(&w, "StartOrigin", s >= from ? str_of(&r[WORKER_START_ORIGIN]) : NULL);
		if (left) {
			xw_leaf_date(&w, "RoleEndDate", e);
			xw_leaf(&w, "LeaverDestination", str_of(&r[WORKER_DESTINATION]));
			xw_leaf(&w, "ReasonLeave", r[WORKER_LEAVING_REASON].null ? "9" : r[WORKER_LEAVING_REASON].s);
		} else {
			snprintf(b, sizeof(b), "%.6f", r[WORKER_FTE].r);
			xw_leaf(&w, "FTE30", b);
			snprintf(b, sizeof(b), "%d", wids[i] <= max_id ? cases[wids[i]] : 0);
			xw_leaf(&w, "Cases30", b);
		}
		if (!agency) {
			snprintf(b, sizeof(b), "%.2f", sick);
			xw_leaf(&w, "WorkingDaysLost", b);
		}
		xw_leaf(&w, "FrontlineGrad", yes_no(&r[WORKER_FRONTLINE]));
		if (!left) {
			xw_leaf(&w, "Absat30Sept", away ? "1" : "0");
			xw_leaf(&w, "ReasonAbsence", away);
		}
		xw_leaf(&w, "CFKSSstatus", str_of(&r[WORKER_CFKSS]));
		xw_close(&w, "CSWWWorker");
		res->rows++;
	}
	xw_close(&w, "Message");
	if (res->rows == 0) {
		rc = herr_set(err, HERR_INVALID, "date", "empty",
			      "no worker with a Social Work England number was in post in the year to %s", date_format(day, d));
	}
	if (!rc) {
		fflush(tf.f);
		int64_t line = 0;
		rc = xml_validate_file(tf.tmp, o->xsd, &line, err);
		const char *who = rc ? xml_child_at(starts, n_starts, line) : NULL;
		if (who && err) {
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n, " (worker %s; nothing was written)", who);
		}
	}
	if (rc) {
		tmpfile_abort(&tf);
	} else {
		rc = tmpfile_commit(&tf, err);
		res->files = 1;
	}
	arena_free(&a);
	return rc;
}
