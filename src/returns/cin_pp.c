/* cin_pp: the CIN census PreProceedingsandFGDM block (pre-proceedings and family group
 * decision-making, s.31ZA Children Act 1989), from the 2026-27 census.
 *
 * Source: standards/changes-2026 README §1.1 and cin_preproceedings_fields.csv — the ten
 * element names in the order of the DfE validator's sample file, a child of CINdetails
 * after ChildProtectionPlans, repeatable. Not found there, and so Hearth's decisions:
 *   - the code lists of FGDMMeetingOffer and FGDMMeetingFac: written as 1 (offered / held)
 *     or 0, as the sample's "1" suggests;
 *   - PPOutcome's code list: the pp_outcome code as recorded (model/codes.c, the one place
 *     to change when the DfE publishes its list);
 *   - LetterInitCPDate's meaning: written from the record's field of that name;
 *   - which elements are mandatory: a blank date is left out, the flags and the count are
 *     always written;
 *   - the first year: 2026-27 (CIN_PP_FIRST_YEAR), from the sample's dates.
 * No 2026-27 XSD exists. The schema for a year is whatever file is given for it (the CLI
 * takes CIN_schema_<year>.xsd under --standards, or --xsd); when that schema does not
 * define the block (the 2025-26 one), the blocks are checked against cin_pp_elements and
 * the rest of the file against the schema, so the DfE's XSD can be dropped in unchanged. */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "returns/internal.h"

const char *const cin_pp_elements[] = {
	"PPStartDate",	  "LBPSentDate",  "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
	"ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate",
};
const int cin_pp_element_count = (int)(sizeof(cin_pp_elements) / sizeof(cin_pp_elements[0]));

#define BLOCK "PreProceedingsandFGDM"

static void fgdm_check(const struct casefile *cf, hdate ys, hdate ye, struct ci_child *v);

/* The referral a pre-proceedings belongs under: the one open on its start (the latest
 * such), else the child's latest in the census. */
static struct ci_details *details_for(struct ci_child *v, const struct casefile *cf, hdate start)
{
	struct ci_details *best = NULL;
	for (size_t i = 0; i < v->n_details; i++) {
		struct ci_details *d = &v->details[i];
		hdate closed = DATE_NONE;
		for (size_t r = 0; r < cf->n_referrals; r++) {
			if (cf->referrals[r].id == d->id) {
				closed = cf->referrals[r].closed;
			}
		}
		if (d->referral <= start && (closed == DATE_NONE || closed >= start)) {
			best = d;
		}
	}
	return best ? best : v->n_details ? &v->details[v->n_details - 1] : NULL;
}

static hdate in_year(hdate d, hdate ye)
{
	return d != DATE_NONE && d <= ye ? d : DATE_NONE;
}

void cin_pp_view(const struct casefile *cf, int year, struct ci_child *v, struct arena *a)
{
	if (year < CIN_PP_FIRST_YEAR) {
		return;
	}
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	fgdm_check(cf, ys, ye, v);
	for (size_t i = 0; i < cf->n_pre_proceedings; i++) {
		const struct cf_pre_proceedings *p = &cf->pre_proceedings[i];
		hdate last = p->court_app != DATE_NONE && p->court_app > p->step_decision ? p->court_app : p->step_decision;
		if (p->start == DATE_NONE || p->start > ye || (last != DATE_NONE && last < ys)) {
			continue; /* not open in the year */
		}
		struct ci_details *d = details_for(v, cf, p->start);
		if (!d) {
			continue;
		}
		struct ci_pp *o = ARR_PUSH(a, d->pps, d->n_pps, d->cap_pps);
		memset(o, 0, sizeof(*o));
		o->id = p->id;
		o->start = p->start;
		o->lbp_sent = in_year(p->lbp_sent, ye);
		o->offer = in_year(p->fgdm_offered, ye) != DATE_NONE ? "1" : "0";
		o->facilitated = in_year(p->fgdm_held, ye) != DATE_NONE ? "1" : "0";
		o->initial_meeting = DATE_NONE;
		for (size_t k = 0; k < cf->n_pp_meetings; k++) {
			const struct cf_dated *m = &cf->pp_meetings[k];
			if (m->parent_id != p->id || m->date == DATE_NONE || m->date > ye) {
				continue;
			}
			if (m->code && strcmp(m->code, "initial") == 0) {
				if (o->initial_meeting == DATE_NONE) {
					o->initial_meeting = m->date;
				}
			} else {
				o->review_meetings++;
			}
		}
		o->step_decision = in_year(p->step_decision, ye);
		o->outcome = o->step_decision != DATE_NONE ? p->outcome : NULL;
		o->court_app = in_year(p->court_app, ye);
		o->letter_init_cp = in_year(p->letter_init_cp, ye);
	}
}

/* Whether pre-proceedings p records the FGDM offer (the date offered, or the letter before
 * proceedings carrying it) or the "not in the child's best interests" exemption. */
static bool fgdm_answered(const struct cf_pre_proceedings *p)
{
	return p->fgdm_offered != DATE_NONE || p->lbp_fgdm_offer || p->fgdm_exempt;
}

/* s.31ZA: a care or supervision application made in the year with no FGDM offer or
 * exemption recorded: a court application on a pre-proceedings that records neither, or
 * proceedings issued with no pre-proceedings begun on or before the issue date that records
 * either. The first (earliest) such application is kept for the rule FGDM1Q. */
static void fgdm_check(const struct casefile *cf, hdate ys, hdate ye, struct ci_child *v)
{
	for (size_t i = 0; i < cf->n_pre_proceedings; i++) {
		const struct cf_pre_proceedings *p = &cf->pre_proceedings[i];
		if (p->court_app != DATE_NONE && p->court_app >= ys && p->court_app <= ye && !fgdm_answered(p) &&
		    (!v->fgdm_missing || p->court_app < v->fgdm_missing_date)) {
			v->fgdm_missing = true;
			v->fgdm_missing_date = p->court_app;
			v->fgdm_missing_id = p->id;
		}
	}
	for (size_t i = 0; i < cf->n_proceedings; i++) {
		const struct cf_proceedings *pr = &cf->proceedings[i];
		if (pr->issued == DATE_NONE || pr->issued < ys || pr->issued > ye) {
			continue;
		}
		bool answered = false;
		for (size_t k = 0; k < cf->n_pre_proceedings; k++) {
			const struct cf_pre_proceedings *p = &cf->pre_proceedings[k];
			answered = answered || (p->start != DATE_NONE && p->start <= pr->issued && fgdm_answered(p));
		}
		if (!answered && (!v->fgdm_missing || pr->issued < v->fgdm_missing_date)) {
			v->fgdm_missing = true;
			v->fgdm_missing_date = pr->issued;
			v->fgdm_missing_id = pr->id;
		}
	}
}

void cin_pp_put(struct xw *w, const struct ci_pp *p)
{
	char n[16];
	snprintf(n, sizeof(n), "%d", p->review_meetings);
	xw_open(w, BLOCK);
	xw_leaf_date(w, cin_pp_elements[0], p->start);
	xw_leaf_date(w, cin_pp_elements[1], p->lbp_sent);
	xw_leaf(w, cin_pp_elements[2], p->offer);
	xw_leaf(w, cin_pp_elements[3], p->facilitated);
	xw_leaf_date(w, cin_pp_elements[4], p->initial_meeting);
	xw_leaf(w, cin_pp_elements[5], n);
	xw_leaf_date(w, cin_pp_elements[6], p->step_decision);
	xw_leaf(w, cin_pp_elements[7], p->outcome);
	xw_leaf_date(w, cin_pp_elements[8], p->court_app);
	xw_leaf_date(w, cin_pp_elements[9], p->letter_init_cp);
	xw_close(w, BLOCK);
}

static bool is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Checks each block's elements against the table (known names, in the table's order, each
 * at most once) and unlinks the blocks; the first fault's line in *bad_line. */
static int check_and_strip(xmlNodePtr n, int64_t *bad_line, struct hearth_error *err)
{
	xmlNodePtr next;
	for (xmlNodePtr c = n->children; c; c = next) {
		next = c->next;
		if (!is(c, BLOCK)) {
			if (c->type == XML_ELEMENT_NODE && check_and_strip(c, bad_line, err)) {
				return -1;
			}
			continue;
		}
		int at = 0;
		for (xmlNodePtr e = c->children; e; e = e->next) {
			if (e->type != XML_ELEMENT_NODE) {
				continue;
			}
			while (at < cin_pp_element_count && strcmp((const char *)e->name, cin_pp_elements[at]) != 0) {
				at++;
			}
			if (at == cin_pp_element_count) {
				*bad_line = xmlGetLineNo(e);
				return herr_set(err, HERR_INVALID, "xsd", "schema_invalid",
						"%s: element %s is not in Hearth's element table, or out of its order",
						BLOCK, (const char *)e->name);
			}
			at++;
		}
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	return 0;
}

int cin_pp_validate(const char *path, const char *xsd, int year, int64_t *bad_line, struct hearth_error *err)
{
	if (year < CIN_PP_FIRST_YEAR) {
		return xml_validate_file(path, xsd, bad_line, err); /* no blocks written */
	}
	xmlDocPtr schema = xmlReadFile(xsd, NULL, XML_PARSE_NONET);
	bool defines = false;
	for (xmlNodePtr n = schema ? xmlDocGetRootElement(schema) : NULL; n && !defines;) {
		/* any element or type named after the block: the schema knows it */
		xmlChar *name = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, (const xmlChar *)"name") : NULL;
		defines = name && strcmp((const char *)name, BLOCK) == 0;
		xmlFree(name);
		if (n->children) {
			n = n->children;
		} else {
			while (n && !n->next) {
				n = n->parent;
			}
			n = n ? n->next : NULL;
		}
	}
	xmlFreeDoc(schema);
	if (defines) {
		return xml_validate_file(path, xsd, bad_line, err);
	}
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (!doc) {
		return herr_set(err, HERR_INVALID, "xsd", "schema_invalid", "the file written is not well-formed XML");
	}
	int rc = check_and_strip((xmlNodePtr)doc, bad_line, err);
	if (!rc) {
		char tmp[4096];
		snprintf(tmp, sizeof(tmp), "%s.noblock", path);
		if (xmlSaveFormatFileEnc(tmp, doc, "UTF-8", 0) < 0) {
			rc = herr_set(err, HERR_IO, "xsd", "io", "cannot write %s", tmp);
		} else {
			/* A line found here is the stripped copy's: after a block it is a few
			 * lines short of the written file's, so the child named may be an earlier one. */
			rc = xml_validate_file(tmp, xsd, bad_line, err);
			remove(tmp);
		}
	}
	xmlFreeDoc(doc);
	return rc;
}
