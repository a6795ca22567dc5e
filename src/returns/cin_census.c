/* cin_census: the children in need census as XML, out of the record and into it.
 *
 * The element names and their order are the DfE schema's (CIN_schema_2024/2025/2026.xsd),
 * written here in the order the writer calls them; the one change between those years is
 * the child's sex: GenderCurrent 1/2/0 in 2024, Sex M/F/U from 2025. The file is written
 * to a temporary name, validated against the schema with libxml2, and only then renamed,
 * so an invalid file is never written; the error names the first problem and the child.
 * The header carries no time stamp, so the same record gives the same file.
 *
 * Import streams the file (xmlTextReader, one Child expanded at a time), so a census of
 * any size is read in little memory. Each module becomes a view (internal.h) with its line;
 * the format rules reject modules, the rest are reported; the rows go through the importer.
 * A file that breaks part way (cut short, not well-formed) is refused whole: the children
 * already written are rolled back, --partial or not, and the error names the line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "base/workdays.h"
#include "clock/clock.h"
#include "model/codes.h"
#include "returns/internal.h"
#include "returns/readlimits.h"

/* ---- export ---- */

static void put_child(struct xw *w, const struct ci_child *c, int year)
{
	xw_open(w, "Child");
	xw_open(w, "ChildIdentifiers");
	xw_leaf(w, "LAchildID", c->la_id ? c->la_id : "");
	xw_leaf(w, "UPN", c->upn);
	xw_leaf(w, "FormerUPN", c->former_upn);
	xw_leaf(w, "UPNunknown", c->upn_unknown);
	xw_leaf_date(w, "PersonBirthDate", c->dob);
	xw_leaf_date(w, "ExpectedPersonBirthDate", c->expected);
	xw_leaf(w, year >= 2025 ? "Sex" : "GenderCurrent", c->sex ? c->sex : "");
	xw_leaf_date(w, "PersonDeathDate", c->death);
	xw_close(w, "ChildIdentifiers");
	xw_open(w, "ChildCharacteristics");
	xw_leaf(w, "Ethnicity", c->ethnicity ? c->ethnicity : "");
	if (c->n_disabilities) {
		xw_open(w, "Disabilities");
		for (size_t i = 0; i < c->n_disabilities; i++) {
			xw_leaf(w, "Disability", c->disabilities[i]);
		}
		xw_close(w, "Disabilities");
	}
	xw_close(w, "ChildCharacteristics");
	for (size_t d = 0; d < c->n_details; d++) {
		const struct ci_details *m = &c->details[d];
		xw_open(w, "CINdetails");
		xw_leaf_date(w, "CINreferralDate", m->referral);
		xw_leaf(w, "ReferralSource", m->source ? m->source : "");
		xw_leaf(w, "PrimaryNeedCode", m->need);
		xw_leaf_date(w, "CINclosureDate", m->closure);
		xw_leaf(w, "ReasonForClosure", m->reason);
		xw_leaf_date(w, "DateOfInitialCPC", m->icpc);
		for (size_t k = 0; k < m->n_assessments; k++) {
			const struct ci_assessment *a = &m->assessments[k];
			xw_open(w, "Assessments");
			xw_leaf_date(w, "AssessmentActualStartDate", a->start);
			xw_leaf_date(w, "AssessmentInternalReviewDate", a->review);
			xw_leaf_date(w, "AssessmentAuthorisationDate", a->authorised);
			if (a->n_factors) {
				xw_open(w, "FactorsIdentifiedAtAssessment");
				for (size_t f = 0; f < a->n_factors; f++) {
					xw_leaf(w, "AssessmentFactors", a->factors[f]);
				}
				xw_close(w, "FactorsIdentifiedAtAssessment");
			}
			xw_close(w, "Assessments");
		}
		for (size_t k = 0; k < m->n_plans; k++) {
			xw_open(w, "CINPlanDates");
			xw_leaf_date(w, "CINPlanStartDate", m->plans[k].start);
			xw_leaf_date(w, "CINPlanEndDate", m->plans[k].end);
			xw_close(w, "CINPlanDates");
		}
		for (size_t k = 0; k < m->n_s47s; k++) {
			const struct ci_s47 *s = &m->s47s[k];
			xw_open(w, "Section47");
			xw_leaf_date(w, "S47ActualStartDate", s->start);
			xw_leaf_date(w, "InitialCPCtarget", s->target);
			xw_leaf_date(w, "DateOfInitialCPC", s->icpc);
			xw_leaf(w, "ICPCnotRequired", s->not_required ? s->not_required : "0");
			xw_close(w, "Section47");
		}
		xw_leaf(w, "ReferralNFA", m->nfa ? m->nfa : "");
		for (size_t k = 0; k < m->n_cpps; k++) {
			const struct ci_cpp *p = &m->cpps[k];
			char n[16];
			snprintf(n, sizeof(n), "%d", p->previous < 0 ? 0 : p->previous);
			xw_open(w, "ChildProtectionPlans");
			xw_leaf_date(w, "CPPstartDate", p->start);
			xw_leaf_date(w, "CPPendDate", p->end);
			xw_leaf(w, "InitialCategoryOfAbuse", p->initial ? p->initial : "");
			xw_leaf(w, "LatestCategoryOfAbuse", p->latest ? p->latest : "");
			xw_leaf(w, "NumberOfPreviousCPP", n);
			if (p->n_reviews) {
				xw_open(w, "Reviews");
				for (size_t r = 0; r < p->n_reviews; r++) {
					xw_leaf_date(w, "CPPreviewDate", p->reviews[r]);
				}
				xw_close(w, "Reviews");
			}
			xw_close(w, "ChildProtectionPlans");
		}
		for (size_t k = 0; k < m->n_pps; k++) {
			cin_pp_put(w, &m->pps[k]); /* from 2026-27 only: cin_pp_view fills pps */
		}
		xw_close(w, "CINdetails");
	}
	xw_close(w, "Child");
}

struct cin_export {
	const struct returns_export_options *o;
	struct returns_extras *x;
	struct xw *w;
	struct arena scratch, *keep;
	struct xstart *starts;
	size_t n_starts, cap_starts;
	int64_t children, done, total;
};

static int export_child(void *ctx, const struct casefile *cf)
{
	struct cin_export *s = ctx;
	struct ci_child v;
	if (viewcin_build(cf, s->x, s->o->year, &s->scratch, &v)) {
		*ARR_PUSH(s->keep, s->starts, s->n_starts, s->cap_starts) =
			(struct xstart){s->w->line, arena_strdup(s->keep, v.la_id ? v.la_id : "")};
		put_child(s->w, &v, s->o->year);
		s->children++;
	}
	arena_reset(&s->scratch); /* keeps a block: no allocation per child */
	if (s->o->progress && ++s->done % 2048 == 0) {
		s->o->progress(s->o->progress_ctx, s->done, s->total);
	}
	return 0;
}

int cin_export_xml(struct store *st, const char *path, const struct returns_export_options *o,
		   struct returns_export_result *res, struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	if (o->year < 2024 || o->year > RETURNS_YEAR_MAX) {
		return herr_set(err, HERR_INVALID, "year", "year", "the CIN census is written for 2024 to %d, not %d",
				RETURNS_YEAR_MAX, o->year);
	}
	if (!o->xsd) {
		return herr_set(err, HERR_INVALID, "xsd", "required", "the CIN census schema is needed to check the file");
	}
	struct arena a = ARENA_INIT;
	struct tmpfile tf;
	struct xw w = {0};
	struct cin_export s;
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.w = &w;
	s.keep = &a;
	int rc = tmpfile_open(&tf, path, err);
	if (rc) {
		return rc;
	}
	w.f = tf.f;
	char year[8], ref[DATE_STR_SIZE];
	snprintf(year, sizeof(year), "%d", o->year);
	xw_start_doc(&w);
	xw_open(&w, "Message");
	xw_open(&w, "Header");
	xw_open(&w, "CollectionDetails");
	xw_leaf(&w, "Collection", "CIN");
	xw_leaf(&w, "Year", year);
	xw_leaf(&w, "ReferenceDate", date_format(returns_year_end(o->year), ref));
	xw_close(&w, "CollectionDetails");
	xw_open(&w, "Source");
	xw_leaf(&w, "SourceLevel", "L");
	xw_leaf(&w, "LEA", o->la_code ? o->la_code : "");
	xw_leaf(&w, "SoftwareCode", "Hearth");
	xw_close(&w, "Source");
	xw_close(&w, "Header");
	xw_open(&w, "Children");
	s.total = o->progress ? store_count(st, &entity_child) : 0;
	rc = returns_extras_load(st, 0, &a, &s.x, err);
	if (!rc) {
		rc = store_casefiles_scan(st, NULL, export_child, &s, err);
	}
	arena_free(&s.scratch);
	xw_close(&w, "Children");
	xw_close(&w, "Message");
	if (!rc && s.children == 0) {
		rc = herr_set(err, HERR_INVALID, "year", "empty",
			      "no child had a referral open in %d: a CIN census file needs at least one Child", o->year);
	}
	if (!rc) {
		fflush(tf.f);
		int64_t line = 0;
		rc = cin_pp_validate(tf.tmp, o->xsd, o->year, &line, err);
		const char *who = rc ? xml_child_at(s.starts, s.n_starts, line) : NULL;
		if (who && err) {
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n, " (child %s; nothing was written)", who);
		}
	}
	if (rc) {
		tmpfile_abort(&tf);
	} else {
		rc = tmpfile_commit(&tf, err);
		res->files = 1;
	}
	if (!rc && o->progress) {
		o->progress(o->progress_ctx, s.done, s.total);
	}
	res->children = s.children;
	res->rows = s.children;
	arena_free(&a);
	return rc;
}

/* ---- import: reading ---- */

static bool named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The element's text, trimmed, in the arena; NULL when empty. */
static const char *text_of(xmlNodePtr n, struct arena *a)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t ? (const char *)t : "";
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
		s++;
	}
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' || s[len - 1] == '\r')) {
		len--;
	}
	const char *out = len ? arena_strndup(a, s, len) : NULL;
	xmlFree(t);
	return out;
}

static int line_of(xmlNodePtr n);

struct cin_import {
	struct importer *im;
	struct returns_import_result *res;
	struct arena *a;
	const char *path;
	int64_t seq;		/* a number for every module read, to find it again from a finding */
	struct ci_header hdr;
	/* the current child's values the record cannot take as given (a date that is no date,
	 * a count that is no number): each holds the child back */
	struct cin_bad {
		int line;
		const char *element, *text, *why;
	} *bad;
	size_t n_bad, cap_bad;
};

static void bad_value(struct cin_import *s, xmlNodePtr n, const char *text, const char *why)
{
	*ARR_PUSH(s->a, s->bad, s->n_bad, s->cap_bad) =
		(struct cin_bad){line_of(n), arena_strdup(s->a, (const char *)n->name), text, why};
}

static int line_of(xmlNodePtr n)
{
	return (int)xmlGetLineNo(n);
}

static hdate date_of(struct cin_import *s, xmlNodePtr n, int *bad)
{
	const char *t = text_of(n, s->a);
	hdate d;
	if (!t) {
		return DATE_NONE;
	}
	if (rdate_parse(t, false, &d) == 0) {
		return d;
	}
	bad_value(s, n, t, "is not a date (yyyy-mm-dd)");
	(*bad)++;
	return RDATE_BAD;
}

static void read_assessment(struct cin_import *s, xmlNodePtr n, struct ci_assessment *o, int *bad)
{
	memset(o, 0, sizeof(*o));
	o->start = o->review = o->authorised = DATE_NONE;
	o->line = line_of(n);
	o->id = ++s->seq;
	size_t cap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (named(c, "AssessmentActualStartDate")) {
			o->start = date_of(s, c, bad);
		} else if (named(c, "AssessmentInternalReviewDate")) {
			o->review = date_of(s, c, bad);
		} else if (named(c, "AssessmentAuthorisationDate")) {
			o->authorised = date_of(s, c, bad);
		} else if (named(c, "FactorsIdentifiedAtAssessment")) {
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "AssessmentFactors")) {
					const char *t = text_of(f, s->a);
					*ARR_PUSH(s->a, o->factors, o->n_factors, cap) = t ? t : "";
				}
			}
		}
	}
}

static void read_details(struct cin_import *s, xmlNodePtr n, struct ci_details *m, int *bad)
{
	memset(m, 0, sizeof(*m));
	m->referral = m->closure = m->icpc = DATE_NONE;
	m->line = line_of(n);
	m->id = ++s->seq;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (named(c, "CINreferralDate")) {
			m->referral = date_of(s, c, bad);
		} else if (named(c, "ReferralSource")) {
			m->source = text_of(c, s->a);
		} else if (named(c, "PrimaryNeedCode")) {
			m->need = text_of(c, s->a);
		} else if (named(c, "CINclosureDate")) {
			m->closure = date_of(s, c, bad);
		} else if (named(c, "ReasonForClosure")) {
			m->reason = text_of(c, s->a);
		} else if (named(c, "DateOfInitialCPC")) {
			m->icpc = date_of(s, c, bad);
		} else if (named(c, "ReferralNFA")) {
			m->nfa = text_of(c, s->a);
		} else if (named(c, "Assessments")) {
			read_assessment(s, c, ARR_PUSH(s->a, m->assessments, m->n_assessments, m->cap_assessments), bad);
		} else if (named(c, "CINPlanDates")) {
			struct ci_plan *p = ARR_PUSH(s->a, m->plans, m->n_plans, m->cap_plans);
			p->start = p->end = DATE_NONE;
			p->line = line_of(c);
			p->id = ++s->seq;
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "CINPlanStartDate")) {
					p->start = date_of(s, f, bad);
				} else if (named(f, "CINPlanEndDate")) {
					p->end = date_of(s, f, bad);
				}
			}
		} else if (named(c, "Section47")) {
			struct ci_s47 *p = ARR_PUSH(s->a, m->s47s, m->n_s47s, m->cap_s47s);
			p->start = p->target = p->icpc = DATE_NONE;
			p->line = line_of(c);
			p->id = ++s->seq;
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "S47ActualStartDate")) {
					p->start = date_of(s, f, bad);
				} else if (named(f, "InitialCPCtarget")) {
					p->target = date_of(s, f, bad);
				} else if (named(f, "DateOfInitialCPC")) {
					p->icpc = date_of(s, f, bad);
				} else if (named(f, "ICPCnotRequired")) {
					p->not_required = text_of(f, s->a);
				}
			}
		} else if (named(c, "ChildProtectionPlans")) {
			struct ci_cpp *p = ARR_PUSH(s->a, m->cpps, m->n_cpps, m->cap_cpps);
			p->start = p->end = DATE_NONE;
			p->previous = -1;
			p->line = line_of(c);
			p->id = ++s->seq;
			size_t cap = 0;
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "CPPstartDate")) {
					p->start = date_of(s, f, bad);
				} else if (named(f, "CPPendDate")) {
					p->end = date_of(s, f, bad);
				} else if (named(f, "InitialCategoryOfAbuse")) {
					p->initial = text_of(f, s->a);
				} else if (named(f, "LatestCategoryOfAbuse")) {
					p->latest = text_of(f, s->a);
				} else if (named(f, "NumberOfPreviousCPP")) {
					const char *t = text_of(f, s->a);
					int64_t npl;
					p->previous = rnum_whole(t, &npl) && npl >= 0 && npl < 1000 ? (int)npl : -1;
					if (t && p->previous < 0) {
						bad_value(s, f, t, "is not a number of plans");
						(*bad)++;
					}
				} else if (named(f, "Reviews")) {
					for (xmlNodePtr r = f->children; r; r = r->next) {
						if (named(r, "CPPreviewDate")) {
							*ARR_PUSH(s->a, p->reviews, p->n_reviews, cap) = date_of(s, r, bad);
						}
					}
				}
			}
		}
	}
}

static void read_child(struct cin_import *s, xmlNodePtr n, struct ci_child *v, int *bad)
{
	memset(v, 0, sizeof(*v));
	v->dob = v->expected = v->death = DATE_NONE;
	v->line = line_of(n);
	v->file = s->path;
	size_t cap_dis = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (named(c, "ChildIdentifiers")) {
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "LAchildID")) {
					v->la_id = text_of(f, s->a);
				} else if (named(f, "UPN")) {
					v->upn = text_of(f, s->a);
				} else if (named(f, "FormerUPN")) {
					v->former_upn = text_of(f, s->a);
				} else if (named(f, "UPNunknown")) {
					v->upn_unknown = text_of(f, s->a);
				} else if (named(f, "PersonBirthDate")) {
					v->dob = date_of(s, f, bad);
				} else if (named(f, "ExpectedPersonBirthDate")) {
					v->expected = date_of(s, f, bad);
				} else if (named(f, "Sex") || named(f, "GenderCurrent")) {
					v->sex = text_of(f, s->a);
				} else if (named(f, "PersonDeathDate")) {
					v->death = date_of(s, f, bad);
				}
			}
		} else if (named(c, "ChildCharacteristics")) {
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (named(f, "Ethnicity")) {
					v->ethnicity = text_of(f, s->a);
				} else if (named(f, "Disabilities")) {
					for (xmlNodePtr d = f->children; d; d = d->next) {
						if (named(d, "Disability")) {
							const char *t = text_of(d, s->a);
							*ARR_PUSH(s->a, v->disabilities, v->n_disabilities, cap_dis) = t ? t : "";
						}
					}
				}
			}
		} else if (named(c, "CINdetails")) {
			read_details(s, c, ARR_PUSH(s->a, v->details, v->n_details, v->cap_details), bad);
		}
	}
}

static void read_header(struct cin_import *s, xmlNodePtr n)
{
	s->hdr.line = line_of(n);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		for (xmlNodePtr f = c->children; f; f = f->next) {
			if (named(f, "Collection")) {
				s->hdr.collection = text_of(f, s->a);
			} else if (named(f, "Year")) {
				const char *t = text_of(f, s->a);
				s->hdr.year = t ? atoi(t) : 0;
			} else if (named(f, "ReferenceDate")) {
				const char *t = text_of(f, s->a);
				hdate d;
				s->hdr.reference = t && rdate_parse(t, false, &d) == 0 ? d : RDATE_BAD;
			} else if (named(f, "LEA")) {
				s->hdr.lea = text_of(f, s->a);
			}
		}
	}
}

/* ---- import: writing ---- */

/* The strategy discussion behind a Section 47: the latest day on or before the enquiry's
 * start from which the statutory clock gives the file's target date; the start itself when
 * none does (or no target is given). */
static hdate strategy_from(hdate start, hdate target)
{
	for (int k = 0; dok(target) && k < 40; k++) {
		hdate d = start - k;
		if (clock_deadline(clock_rule_for(CLOCK_ICPC, d), d, NULL) == target) {
			return d;
		}
	}
	return start;
}

static const char *const child_cols[] = {"la_child_id", "LAchildID", "dob", "PersonBirthDate", "expected_dob",
					 "ExpectedPersonBirthDate", "sex", "Sex", "ethnicity", "Ethnicity", "upn",
					 "UPN", "former_upn", "FormerUPN", "death_date", "PersonDeathDate",
					 "upn_unknown", "UPNunknown", NULL};
static const char *const ref_cols[] = {"referral_date", "CINreferralDate", "source", "ReferralSource",
				       "primary_need", "PrimaryNeedCode", "nfa", "ReferralNFA", "closure_date",
				       "CINclosureDate", "closure_reason", "ReasonForClosure", NULL};
static const char *const as_cols[] = {"start_date", "AssessmentActualStartDate", "authorised_date",
				      "AssessmentAuthorisationDate", "factors", "AssessmentFactors", NULL};
static const char *const pl_cols[] = {"start_date", "CINPlanStartDate", "end_date", "CINPlanEndDate", NULL};
static const char *const s4_cols[] = {"start_date", "S47ActualStartDate", "strategy_date", "S47ActualStartDate",
				      "icpc_date", "DateOfInitialCPC", "icpc_not_required", "ICPCnotRequired", NULL};
static const char *const cp_cols[] = {"start_date", "CPPstartDate", "end_date", "CPPendDate", "category",
				      "LatestCategoryOfAbuse", "initial_category", "InitialCategoryOfAbuse",
				      "previous_plans", "NumberOfPreviousCPP", NULL};
static const char *const rv_cols[] = {"review_date", "CPPreviewDate", NULL};
static const char *const dis_cols[] = {"code", "Disability", "recorded", "Disability", NULL};

/* Whether the record can hold every value of the child as the file gives it; each one it
 * cannot is a reject naming the element and line (and the child is held back whole). What the
 * store refuses (a code of no year, dates out of order) is found when written. */
static bool cin_holdable(struct cin_import *s, const struct ci_child *v, int year)
{
	struct importer *im = s->im;
	for (size_t i = 0; i < s->n_bad; i++) {
		const struct cin_bad *b = &s->bad[i];
		importer_reject(im, s->path, b->line, b->element, "held", "'%s' %s", b->text, b->why);
	}
	if (!sok(v->la_id)) {
		importer_reject(im, s->path, v->line, "LAchildID", "held", "LAchildID is blank: the record finds a "
				"child by it");
	}
	if (sok(v->sex) && !ci_sex_in(v->sex, year)) {
		importer_reject(im, s->path, v->line, "Sex", "held", "'%s' is not a %d sex code", v->sex, year);
	}
	for (size_t d = 0; d < v->n_details; d++) {
		const struct ci_details *m = &v->details[d];
		if (sok(m->nfa) && ryes_no(m->nfa) < 0) {
			importer_reject(im, s->path, m->line, "ReferralNFA", "held", "'%s' is neither true nor false",
					m->nfa);
		}
		for (size_t k = 0; k < m->n_s47s; k++) {
			const char *t = m->s47s[k].not_required;
			if (sok(t) && ryes_no(t) < 0) {
				importer_reject(im, s->path, m->s47s[k].line, "ICPCnotRequired", "held",
						"'%s' is neither true nor false", t);
			}
		}
	}
	return !importer_child_failed(im);
}

static void write_child(struct cin_import *s, struct ci_child *v, int year)
{
	struct importer *im = s->im;
	struct imp_where w = {s->path, v->line, child_cols};
	const char *upn = sok(v->upn) ? v->upn : NULL;
	/* Work before the birth (a referral about an unborn baby) needs an expected date. */
	hdate expected = v->expected;
	for (size_t d = 0; dok(v->dob) && !dok(expected) && d < v->n_details; d++) {
		const struct ci_details *m = &v->details[d];
		bool early = dok(m->referral) && m->referral < v->dob;
		for (size_t k = 0; k < m->n_assessments; k++) {
			early = early || (dok(m->assessments[k].start) && m->assessments[k].start < v->dob);
		}
		for (size_t k = 0; k < m->n_s47s; k++) {
			early = early || (dok(m->s47s[k].start) && m->s47s[k].start < v->dob);
		}
		for (size_t k = 0; k < m->n_cpps; k++) {
			early = early || (dok(m->cpps[k].start) && m->cpps[k].start < v->dob);
		}
		expected = early ? v->dob : DATE_NONE;
	}
	struct imp_more more = {CHILD_UPN_UNKNOWN, {.null = true}, false};
	imp_set_str(&more.val, v->upn_unknown);
	int64_t id = imp_child(im, &w, v->la_id, v->dob, expected, ci_sex_in(v->sex, year), v->ethnicity, upn,
			       v->former_upn, v->death, arena_printf(imp_arena(im), "CIN census %d", year), &more, 1);
	if (!id) {
		return; /* refused: the child is held back whole */
	}
	hdate first = DATE_NONE;
	for (size_t d = 0; d < v->n_details; d++) {
		if (dok(v->details[d].referral) && (first == DATE_NONE || v->details[d].referral < first)) {
			first = v->details[d].referral;
		}
	}
	hdate recorded = dok(v->dob) && (first == DATE_NONE || v->dob > first) ? v->dob : first;
	if (!dok(recorded)) {
		recorded = returns_year_end(year);
	}
	for (size_t i = 0; i < v->n_disabilities; i++) {
		struct imp_where wd = {s->path, v->line, dis_cols};
		struct hval *r = imp_vals(im, &entity_child_disability), *def = imp_vals(im, &entity_child_disability);
		imp_set_int(&r[CHILD_DISABILITY_CHILD_ID], id);
		imp_set_str(&r[CHILD_DISABILITY_CODE], v->disabilities[i]);
		imp_set_date(&def[CHILD_DISABILITY_RECORDED], recorded);
		imp_upsert(im, &wd, &entity_child_disability, id, CHILD_DISABILITY_CODE, -1, r, def);
	}
	for (size_t d = 0; d < v->n_details; d++) {
		const struct ci_details *m = &v->details[d];
		struct imp_where wr = {s->path, m->line, ref_cols};
		struct hval *r = imp_vals(im, &entity_referral);
		imp_set_int(&r[REFERRAL_CHILD_ID], id);
		imp_set_date(&r[REFERRAL_REFERRAL_DATE], m->referral);
		imp_set_str(&r[REFERRAL_SOURCE], m->source);
		imp_set_str(&r[REFERRAL_PRIMARY_NEED], m->need);
		imp_set_int(&r[REFERRAL_NFA], ryes_no(m->nfa) == 1);
		imp_set_date(&r[REFERRAL_CLOSURE_DATE], m->closure);
		imp_set_str(&r[REFERRAL_CLOSURE_REASON], m->reason);
		int64_t ref = imp_upsert(im, &wr, &entity_referral, id, REFERRAL_REFERRAL_DATE, -1, r, NULL);
		if (!ref) {
			continue;
		}
		for (size_t k = 0; k < m->n_assessments; k++) {
			const struct ci_assessment *a = &m->assessments[k];
			struct imp_where wa = {s->path, a->line, as_cols};
			struct hval *q = imp_vals(im, &entity_assessment);
			imp_set_int(&q[ASSESSMENT_CHILD_ID], id);
			imp_set_int(&q[ASSESSMENT_REFERRAL_ID], ref);
			imp_set_date(&q[ASSESSMENT_START_DATE], a->start);
			imp_set_date(&q[ASSESSMENT_AUTHORISED_DATE], a->authorised);
			if (a->n_factors) {
				struct buf b = BUF_INIT;
				for (size_t f = 0; f < a->n_factors; f++) {
					buf_printf(&b, "%s%s", f ? "," : "", a->factors[f]);
				}
				imp_set_str(&q[ASSESSMENT_FACTORS], arena_strdup(imp_arena(im), buf_cstr(&b)));
				buf_free(&b);
			}
			imp_upsert(im, &wa, &entity_assessment, id, ASSESSMENT_START_DATE, ASSESSMENT_REFERRAL_ID, q, NULL);
		}
		for (size_t k = 0; k < m->n_plans; k++) {
			const struct ci_plan *p = &m->plans[k];
			struct imp_where wp = {s->path, p->line, pl_cols};
			struct hval *q = imp_vals(im, &entity_cin_plan);
			imp_set_int(&q[CIN_PLAN_CHILD_ID], id);
			imp_set_int(&q[CIN_PLAN_REFERRAL_ID], ref);
			imp_set_date(&q[CIN_PLAN_START_DATE], p->start);
			imp_set_date(&q[CIN_PLAN_END_DATE], p->end);
			imp_upsert(im, &wp, &entity_cin_plan, id, CIN_PLAN_START_DATE, CIN_PLAN_REFERRAL_ID, q, NULL);
		}
		bool icpc_placed = !dok(m->icpc);
		for (size_t k = 0; k < m->n_s47s; k++) {
			const struct ci_s47 *p = &m->s47s[k];
			struct imp_where ws = {s->path, p->line, s4_cols};
			struct hval *q = imp_vals(im, &entity_s47), *def = imp_vals(im, &entity_s47);
			hdate icpc = p->icpc;
			if (!icpc_placed && !dok(icpc) && dok(p->start) && p->start <= m->icpc) {
				icpc = m->icpc; /* the ICPC given at the CINdetails level */
				icpc_placed = true;
			}
			imp_set_int(&q[S47_CHILD_ID], id);
			imp_set_int(&q[S47_REFERRAL_ID], ref);
			imp_set_date(&q[S47_START_DATE], p->start);
			imp_set_date(&q[S47_ICPC_DATE], icpc);
			imp_set_int(&q[S47_ICPC_NOT_REQUIRED], ryes_no(p->not_required) == 1);
			imp_set_date(&def[S47_STRATEGY_DATE], strategy_from(p->start, p->target));
			imp_upsert_alt(im, &ws, &entity_s47, id, S47_START_DATE, S47_REFERRAL_ID, S47_STRATEGY_DATE, q, def);
		}
		if (!icpc_placed) {
			s->res->not_held++;
		}
		for (size_t k = 0; k < m->n_cpps; k++) {
			const struct ci_cpp *p = &m->cpps[k];
			struct imp_where wc = {s->path, p->line, cp_cols};
			struct hval *q = imp_vals(im, &entity_cp_plan);
			imp_set_int(&q[CP_PLAN_CHILD_ID], id);
			imp_set_int(&q[CP_PLAN_REFERRAL_ID], ref);
			imp_set_date(&q[CP_PLAN_START_DATE], p->start);
			imp_set_date(&q[CP_PLAN_END_DATE], p->end);
			imp_set_str(&q[CP_PLAN_CATEGORY], sok(p->latest) ? p->latest : p->initial);
			/* What the record would say anyway is not stored: an initial category the
			 * same as the latest, or as many previous plans as it holds before this one. */
			if (sok(p->latest) && !str_eq(p->initial, p->latest)) {
				imp_set_str(&q[CP_PLAN_INITIAL_CATEGORY], p->initial);
			}
			size_t held = imp_count_before(im, &entity_cp_plan, id, CP_PLAN_START_DATE, p->start);
			if (p->previous >= 0 && (size_t)p->previous != held) {
				imp_set_int(&q[CP_PLAN_PREVIOUS_PLANS], p->previous);
			}
			int64_t plan = imp_upsert(im, &wc, &entity_cp_plan, id, CP_PLAN_START_DATE, -1, q, NULL);
			for (size_t r2 = 0; plan && r2 < p->n_reviews; r2++) {
				if (!dok(p->reviews[r2])) {
					continue;
				}
				struct imp_where wv = {s->path, p->line, rv_cols};
				struct hval *q2 = imp_vals(im, &entity_cp_review);
				imp_set_int(&q2[CP_REVIEW_CHILD_ID], id);
				imp_set_int(&q2[CP_REVIEW_CP_PLAN_ID], plan);
				imp_set_date(&q2[CP_REVIEW_REVIEW_DATE], p->reviews[r2]);
				imp_upsert(im, &wv, &entity_cp_review, id, CP_REVIEW_REVIEW_DATE, CP_REVIEW_CP_PLAN_ID, q2, NULL);
			}
		}
	}
}

/* The error for a file that could not be read whole: where it broke, and that nothing of
 * it was kept. */
static int unreadable(const char *path, const struct xml_errors *xe, int64_t children, struct hearth_error *err)
{
	char after[64] = "";
	if (children) {
		snprintf(after, sizeof(after), " after %lld complete Child%s", (long long)children,
			 children == 1 ? "" : "ren");
	}
	if (xe->count) {
		return herr_set(err, HERR_INVALID, "file", "xml",
				"%s:%lld: not well-formed XML%s: %s: nothing was imported", path, (long long)xe->line,
				after, xe->message);
	}
	return herr_set(err, HERR_INVALID, "file", "xml", "%s: not well-formed XML%s: nothing was imported", path,
			after);
}

static xmlTextReaderPtr open_reader(const char *path, struct xml_errors *xe)
{
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_SAFE_OPTIONS);
	if (r) {
		xmlTextReaderSetStructuredErrorHandler(r, xml_error_cb, xe);
	}
	return r;
}

/* Reads the Header (the first element under Message) to learn the year. */
static int peek_header(struct cin_import *s, struct hearth_error *err)
{
	struct xml_errors xe = {0};
	xmlTextReaderPtr r = open_reader(s->path, &xe);
	if (!r) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s", s->path);
	}
	int ok;
	while ((ok = xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r);
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && strcmp(name, "Header") == 0) {
			xmlNodePtr n = xmlTextReaderExpand(r);
			if (n) {
				read_header(s, n);
			} else {
				ok = -1;
			}
			break;
		}
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && strcmp(name, "Children") == 0) {
			break;
		}
	}
	xmlFreeTextReader(r);
	return ok < 0 ? unreadable(s->path, &xe, 0, err) : 0;
}

/* Reads the file's children one by one, each handed to fn with the values in it that are not
 * of their element's type (s->bad). A file that breaks part way is an error (what was read
 * before it should not be used). */
typedef void (*cin_child_fn)(struct cin_import *s, struct ci_child *v, void *ctx);

static int cin_each(struct cin_import *s, cin_child_fn fn, void *ctx, struct hearth_error *err)
{
	struct xml_errors xe = {0};
	xmlTextReaderPtr r = open_reader(s->path, &xe);
	if (!r) {
		return herr_set(err, HERR_IO, "file", "io", "cannot read %s", s->path);
	}
	int ok;
	int64_t children = 0;
	/* After a Child, xmlTextReaderNext stands on the node that follows it: that node is
	 * looked at before reading on (a Child written right after another, with no white
	 * space between them, would otherwise be stepped over). */
	ok = xmlTextReaderRead(r);
	while (ok == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstName(r), "Child") != 0) {
			ok = xmlTextReaderRead(r);
			continue;
		}
		/* A Child that cannot be expanded is where the file breaks (cut short, or not
		 * well-formed): the loop stops. */
		xmlNodePtr n = xmlTextReaderExpand(r);
		if (!n) {
			ok = -1;
			break;
		}
		struct ci_child v;
		int bad_values = 0;
		s->n_bad = 0;
		read_child(s, n, &v, &bad_values);
		children++;
		fn(s, &v, ctx);
		ok = xmlTextReaderNext(r);
	}
	xmlFreeTextReader(r);
	return ok < 0 ? unreadable(s->path, &xe, children, err) : 0;
}

/* One import pass: x (NULL after the first pass: counted already) runs the DfE's rules on
 * each child, whose findings are counted; then the child is written unless held back. */
struct pass_ctx {
	int year;
	struct returns_ctx *x;
	struct rglobal *g;
	struct smap *counts;
};

static void import_one(struct cin_import *s, struct ci_child *v, void *ctx)
{
	struct pass_ctx *p = ctx;
	s->res->rows++;
	if (p->x) {
		size_t before = p->x->out->n;
		p->x->ci = v;
		rules_run_child(p->x, RETURN_CIN, p->g);
		for (size_t f = before; f < p->x->out->n; f++) {
			const char *id = p->x->out->items[f].rule->id;
			smap_put(p->counts, s->a, id, smap_get(p->counts, id) + 1);
		}
		p->x->out->n = before;
	}
	if (importer_child_begin(s->im, v->la_id, 1) && cin_holdable(s, v, p->year)) {
		write_child(s, v, p->year);
	}
	importer_child_end(s->im);
	if (s->res->rows % 512 == 0) {
		importer_progress(s->im, s->res->rows, 0);
	}
}

static int cin_pass(struct cin_import *s, int year, struct returns_ctx *x, struct rglobal *g, struct smap *counts,
		    struct hearth_error *err)
{
	struct pass_ctx p = {year, x, g, counts};
	s->res->rows = 0;
	return cin_each(s, import_one, &p, err);
}

int cin_check_year(int year, struct hearth_error *err)
{
	if (!year) {
		return herr_set(err, HERR_INVALID, "year", "year",
				"the file does not say its collection year (Header/CollectionDetails/Year or "
				"ReferenceDate): give it with --year Y (2025 is 1 April 2024 to 31 March 2025)");
	}
	if (year < CIN_YEAR_MIN || year > RETURNS_YEAR_MAX) {
		return herr_set(err, HERR_INVALID, "year", "year", "the CIN census is read for %d to %d, not %d",
				CIN_YEAR_MIN, RETURNS_YEAR_MAX, year);
	}
	return 0;
}

/* The file's own Header, for a validation of files (files.c). */
int cin_read_header(const char *path, struct arena *a, struct ci_header *hdr, struct hearth_error *err)
{
	struct cin_import s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.path = path;
	s.hdr.reference = DATE_NONE;
	xmlInitParser();
	int rc = xml_check_file(path, err);
	if (!rc) {
		rc = peek_header(&s, err);
	}
	*hdr = s.hdr;
	return rc;
}

struct read_adapter {
	cin_read_fn fn;
	void *ctx;
};

static void read_one(struct cin_import *s, struct ci_child *v, void *ctx)
{
	struct read_adapter *r = ctx;
	struct rread_note *notes = arena_alloc(s->a, sizeof(*notes) * (s->n_bad + 1));
	for (size_t i = 0; i < s->n_bad; i++) {
		const struct cin_bad *b = &s->bad[i];
		notes[i] = (struct rread_note){RREAD_VALUE, s->path, b->line, b->element,
					       arena_printf(s->a, "<%s> '%s' %s", b->element, b->text, b->why)};
	}
	r->fn(r->ctx, v, notes, s->n_bad);
}

int cin_read_children(const char *path, struct arena *a, cin_read_fn fn, void *ctx, struct hearth_error *err)
{
	struct cin_import s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.path = path;
	struct read_adapter r = {fn, ctx};
	return cin_each(&s, read_one, &r, err);
}

int cin_import(struct store *st, const char *path, const struct returns_import_options *o, struct arena *a,
	       struct returns_import_result *res, struct hearth_error *err)
{
	memset(res, 0, sizeof(*res));
	struct cin_import s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.path = path;
	s.res = res;
	s.im = importer_new(st, o, a, res);
	s.hdr.reference = DATE_NONE;
	xmlInitParser();
	/* The whole file is checked before anything else reads it (the schema, the header, the
	 * import): no DOCTYPE or entities, not too deep, well-formed to its end. */
	int rc = xml_check_file(path, err);
	if (rc) {
		if (rc == HERR_INVALID) {
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n, ": nothing was imported");
		}
		return rc;
	}
	rc = peek_header(&s, err);
	if (rc) {
		return rc;
	}
	int year = o->year ? o->year : s.hdr.year ? s.hdr.year : dok(s.hdr.reference) ? returns_year_of(s.hdr.reference) : 0;
	if ((rc = cin_check_year(year, err))) {
		return rc;
	}
	res->year = year;
	const char *xsd_note = NULL;
	const char *xsd = o->xsd ? o->xsd
			  : o->standards ? arena_printf(a, "%s/cin-census/CIN_schema_%d.xsd", o->standards, year)
					 : NULL;
	if (xsd) {
		struct hearth_error verr = {0};
		int64_t line = 0;
		int vr = xml_validate_file(path, xsd, &line, &verr);
		if (vr == HERR_INVALID) {
			/* A file the schema refuses is a finding like the DfE's others: its values
			 * are read as they are, and what the record cannot take is held back. */
			xsd_note = arena_printf(a, "the file breaks the schema %s: %s", xsd, verr.message);
		} else if (vr) {
			*err = verr;
			return vr;
		}
	}
	struct returns_findings found = {0};
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.year = year;
	x.ys = returns_year_start(year);
	x.ye = returns_year_end(year);
	x.a = a;
	x.out = &found;
	x.hdr = &s.hdr;
	x.file = path;
	struct rglobal g;
	memset(&g, 0, sizeof(g));
	struct smap counts = {0};
	if ((rc = importer_load(s.im, err)) || (rc = importer_begin(s.im, err))) {
		return rc;
	}
	/* Child by child; a pass that held back a child after writing some of its modules is
	 * undone and run again without it (importer_pass_end). The DfE's rules run on the first
	 * pass only: their findings are counted, never a reason to refuse. */
	for (int pass = 0;; pass++) {
		rc = cin_pass(&s, year, pass == 0 ? &x : NULL, &g, &counts, err);
		if (rc) {
			importer_abort(s.im);
			return rc;
		}
		rc = importer_pass_end(s.im, err);
		if (rc <= 0) {
			break;
		}
	}
	if (rc) {
		return rc;
	}
	x.ci = NULL;
	found.n = 0;
	rules_run_global(&x, RETURN_CIN, &g);
	for (size_t f = 0; f < found.n; f++) {
		smap_put(&counts, a, found.items[f].rule->id, smap_get(&counts, found.items[f].rule->id) + 1);
	}
	for (size_t i = 0; i < counts.cap; i++) {
		if (counts.keys[i]) {
			const struct returns_rule *rr = returns_rule_find(RETURN_CIN, counts.keys[i]);
			res->findings += counts.vals[i];
			importer_note(s.im, "DfE rule %s: %lld finding%s in the file (%s)", counts.keys[i],
				      (long long)counts.vals[i], counts.vals[i] == 1 ? "" : "s", rr ? rr->message : "");
		}
	}
	if (xsd_note) {
		importer_note(s.im, "%s", xsd_note);
	}
	if (res->not_held) {
		importer_note(s.im, "%lld values read but not stored: the record keeps the ICPC on the section 47 "
			      "enquiry only", (long long)res->not_held);
	}
	importer_progress(s.im, res->rows, res->rows);
	return 0;
}
