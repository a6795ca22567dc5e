/* test_rulescin: every CIN census rule, with a record that breaks it and one that does not.
 *
 * The clean child (base()): referred on 1 May 2024, assessed (authorised 10 June with a
 * factor), a section 47 enquiry from 3 May with its ICPC on Monday 20 May and a CP plan
 * from that day, reviewed on 19 August. No rule fires on it in 2025. Each case changes it
 * so that the rule must fire (f_), then, from the clean child again, makes the nearest
 * change that must not (p_). Whole-return rules run over an accumulator the base sets to
 * a clean authority (100 children, every disability code used), which their cases change. */
#include <stdio.h>
#include <string.h>

#include "test.h"

#include "clock/clock.h"
#include "returns/internal.h"

struct env {
	struct arena a;
	struct ci_child v;
	struct ci_header hdr;
	struct rglobal g;
	int year;
};

#define V (&t->v)
#define D0 (&t->v.details[0])
#define AS0 (&t->v.details[0].assessments[0])
#define S40 (&t->v.details[0].s47s[0])
#define CP0 (&t->v.details[0].cpps[0])
#define NONE DATE_NONE
#define BAD RDATE_BAD

static char upn_ok[14];

static const char *valid_upn(void)
{
	if (!upn_ok[0]) {
		snprintf(upn_ok, sizeof(upn_ok), "%c%s", upn_check_letter("885455310171"), "885455310171");
	}
	return upn_ok;
}

static const char **strs(struct env *t, int n, ...)
{
	const char **out = arena_alloc(&t->a, sizeof(char *) * 8);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		out[i] = va_arg(ap, const char *);
	}
	va_end(ap);
	return out;
}

static struct ci_details *add_details(struct env *t, hdate referral)
{
	struct ci_details *d = &t->v.details[t->v.n_details++];
	memset(d, 0, sizeof(*d));
	d->referral = referral;
	d->closure = d->icpc = NONE;
	d->source = "1A";
	d->need = "N1";
	d->nfa = "0";
	d->assessments = arena_alloc(&t->a, sizeof(*d->assessments) * 8);
	d->plans = arena_alloc(&t->a, sizeof(*d->plans) * 8);
	d->s47s = arena_alloc(&t->a, sizeof(*d->s47s) * 8);
	d->cpps = arena_alloc(&t->a, sizeof(*d->cpps) * 8);
	d->cap_assessments = d->cap_plans = d->cap_s47s = d->cap_cpps = 8;
	d->line = 20;
	return d;
}

static struct ci_assessment *add_as(struct env *t, hdate start, hdate auth)
{
	struct ci_details *d = D0;
	struct ci_assessment *a = &d->assessments[d->n_assessments++];
	memset(a, 0, sizeof(*a));
	a->start = start;
	a->review = NONE;
	a->authorised = auth;
	if (dok(auth)) {
		a->factors = strs(t, 1, "3B");
		a->n_factors = 1;
	}
	return a;
}

static struct ci_plan *add_plan(struct env *t, hdate start, hdate end)
{
	struct ci_details *d = D0;
	struct ci_plan *p = &d->plans[d->n_plans++];
	*p = (struct ci_plan){start, end, 30, 0};
	return p;
}

static struct ci_s47 *add_s47(struct env *t, hdate start, hdate icpc)
{
	struct ci_details *d = D0;
	struct ci_s47 *s = &d->s47s[d->n_s47s++];
	*s = (struct ci_s47){start, clock_deadline(clock_rule_for(CLOCK_ICPC, start), start, NULL), icpc, "0", 31, 0, false};
	return s;
}

static struct ci_cpp *add_cpp(struct env *t, hdate start, hdate end)
{
	struct ci_details *d = D0;
	struct ci_cpp *p = &d->cpps[d->n_cpps++];
	memset(p, 0, sizeof(*p));
	*p = (struct ci_cpp){start, end, "NEG", "NEG", 0, NULL, 0, 32, 0, false};
	return p;
}

static void base(struct env *t)
{
	arena_free(&t->a);
	memset(&t->v, 0, sizeof(t->v));
	memset(&t->g, 0, sizeof(t->g));
	t->year = 2025;
	struct ci_child *v = &t->v;
	v->la_id = "C1";
	v->upn = valid_upn();
	v->dob = D(2015, 5, 1);
	v->expected = v->death = NONE;
	v->sex = "M";
	v->ethnicity = "WBRI";
	v->line = 10;
	v->details = arena_alloc(&t->a, sizeof(*v->details) * 8);
	v->cap_details = 8;
	add_details(t, D(2024, 5, 1));
	add_as(t, D(2024, 5, 2), D(2024, 6, 10));
	add_s47(t, D(2024, 5, 3), D(2024, 5, 20));
	struct ci_cpp *p = add_cpp(t, D(2024, 5, 20), NONE);
	p->reviews = arena_alloc(&t->a, sizeof(hdate) * 4);
	p->reviews[0] = D(2024, 8, 19);
	p->n_reviews = 1;
	t->hdr = (struct ci_header){"CIN", "885", 2025, returns_year_end(2025), 3};
	/* A clean authority for the whole-return rules. */
	t->g.children = 100;
	t->g.with_disability = 20;
	t->g.multi_disability = 5;
	for (int i = 0; i < 13; i++) {
		t->g.disability_used[i] = true;
	}
}

static int factors(struct env *t, struct ci_assessment *a, int n, const char *f1, const char *f2)
{
	a->factors = strs(t, 2, f1, f2);
	a->n_factors = (size_t)n;
	return 0;
}

static int close_as(struct env *t, hdate d, const char *reason)
{
	D0->closure = d;
	D0->reason = reason;
	return 0;
}

static int disabilities(struct env *t, int n, const char *a, const char *b)
{
	V->disabilities = strs(t, 2, a, b);
	V->n_disabilities = (size_t)n;
	return 0;
}

static int key(struct env *t, int kind, const char *value, const char *child, int64_t id)
{
	struct rglobal *g = &t->g;
	if (!g->keys) {
		g->keys = arena_alloc(&t->a, sizeof(*g->keys) * 8);
		g->cap_keys = 8;
	}
	g->keys[g->n_keys++] = (struct rkey){kind, value, child, id, 1};
	return 0;
}

static int disabilities_used(struct env *t, int n)
{
	for (int i = 0; i < 13; i++) {
		t->g.disability_used[i] = i < n;
	}
	return 0;
}

#define CASE(id, breaks, keeps)              \
	static void f_##id(struct env *t)    \
	{                                    \
		(void)t;                     \
		(void)(breaks);              \
	}                                    \
	static void p_##id(struct env *t)    \
	{                                    \
		(void)t;                     \
		(void)(keeps);               \
	}
#define NOTHING 0

/* Header and the whole return */
CASE(100, (t->hdr.reference = D(2025, 3, 30)), NOTHING)
CASE(1520, (key(t, 0, "A1", "C1", 1), key(t, 0, "A1", "C2", 2)), (key(t, 0, "A1", "C1", 1), key(t, 0, "A2", "C2", 2)))
CASE(8510, (key(t, 1, "C1", "C1", 1), key(t, 1, "C1", "C1", 2)), (key(t, 1, "C1", "C1", 1), key(t, 1, "C2", "C2", 2)))
CASE(2886Q, (t->g.unknown_sex = 3), (t->g.unknown_sex = 2))
CASE(2887Q, disabilities_used(t, 7), disabilities_used(t, 8))
CASE(2888Q, (t->g.multi_disability = 0), (t->g.multi_disability = 1))

/* ChildIdentifiers, ChildCharacteristics */
CASE(1510, (V->upn = "M885455310171"), NOTHING)
CASE(1530, (V->upn = "L999455310171"), NOTHING)
CASE(1540, (V->upn = "L8854553101X1"), NOTHING)
CASE(1550, (V->upn = "L88545531017I"), NOTHING)
CASE(1560Q, (V->former_upn = "BAD"), (V->former_upn = valid_upn()))
CASE(1570, (V->la_id = "C12345678901234567890"), (V->la_id = "C1234567890123456789"))
CASE(1580, (V->la_id = "C-1"), NOTHING)
CASE(4180, (V->sex = "1"), (V->sex = "U"))
CASE(4220, (V->ethnicity = NULL), (V->ethnicity = "WIRI"))
CASE(8500, (V->la_id = NULL), NOTHING)
CASE(8520, (V->dob = D(2025, 4, 5)), (V->dob = D(2025, 3, 31)))
CASE(8525Q, (V->expected = D(2015, 6, 1)), (V->dob = NONE, V->expected = D(2025, 6, 1)))
CASE(8530Q, (V->dob = NONE, V->expected = D(2026, 2, 1)), (V->dob = NONE, V->expected = D(2025, 6, 1)))
CASE(8535Q, (V->death = D(2015, 1, 1)), (V->death = D(2025, 1, 1)))
CASE(8545Q, (V->death = D(2025, 4, 5)), (V->death = D(2025, 3, 1)))
CASE(8540, disabilities(t, 1, "XYZ", NULL), disabilities(t, 1, "MOB", NULL))
CASE(8790, disabilities(t, 2, "NONE", "MOB"), disabilities(t, 1, "NONE", NULL))
CASE(8794, disabilities(t, 2, "MOB", "MOB"), disabilities(t, 2, "MOB", "HAND"))
CASE(8750, (V->dob = NONE, V->expected = D(2025, 6, 1)), (V->dob = NONE, V->expected = D(2025, 6, 1), V->sex = "U"))
CASE(8770Q, (V->upn = NULL), (V->upn = NULL, V->upn_unknown = "UN2"))
CASE(8772, (V->upn_unknown = "UN7"), (V->upn_unknown = "UN7", D0->nfa = "1"))
CASE(8775Q, (V->dob = D(1998, 1, 1)), (V->dob = D(2000, 6, 1)))
CASE(8590, (V->n_details = 0), NOTHING)

/* CINdetails */
CASE(8600, (D0->referral = D(2025, 4, 5)), (D0->referral = D(2025, 3, 31)))
CASE(8606, (V->dob = D(2025, 3, 1)), (V->dob = D(2025, 2, 1)))
CASE(8555Q, (V->death = D(2024, 4, 1)), (V->death = D(2024, 6, 1)))
CASE(8866, (D0->source = "99"), (D0->source = "5D"))
CASE(8568, (D0->nfa = "Y"), (D0->nfa = "1"))
CASE(8610, (D0->need = NULL), (D0->need = NULL, D0->nfa = "1"))
CASE(8650, (D0->need = "N11"), (D0->need = "N0"))
CASE(8640, close_as(t, D(2024, 12, 1), "RC10"), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8620, close_as(t, D(2024, 3, 1), "RC7"), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8630, close_as(t, D(2024, 4, 1), "RC7"), close_as(t, D(2024, 5, 1), "RC7"))
CASE(8805, close_as(t, D(2024, 12, 1), NULL), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8810, close_as(t, NONE, "RC7"), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8585Q, close_as(t, D(2024, 12, 1), "RC2"), (close_as(t, D(2024, 12, 1), "RC2"), V->death = D(2024, 12, 1)))
CASE(8569Q, (D0->referral = D(2024, 3, 1), D0->nfa = "1"), (D0->nfa = "1"))
CASE(8831, (D0->nfa = "1"), (D0->nfa = "1", D0->n_assessments = 0, D0->n_s47s = 0, D0->n_cpps = 0))
CASE(2990, close_as(t, D(2024, 12, 1), "RC8"), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8825Q, (close_as(t, D(2024, 12, 1), "RC8"), D0->n_assessments = 0), close_as(t, D(2024, 12, 1), "RC8"))
CASE(2991Q, (D0->n_assessments = 0), NOTHING)
CASE(8565, close_as(t, D(2024, 5, 10), "RC7"), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8867, (close_as(t, D(2024, 12, 1), "RC7"), AS0->authorised = NONE), close_as(t, D(2024, 12, 1), "RC7"))
CASE(8868, (close_as(t, D(2024, 12, 1), "RC7"), S40->icpc = NONE),
     (close_as(t, D(2024, 12, 1), "RC7"), S40->icpc = NONE, S40->not_required = "1"))
CASE(8820, add_details(t, D(2024, 7, 1)), (close_as(t, D(2024, 6, 30), "RC7"), add_details(t, D(2024, 7, 1))))
CASE(8815, add_details(t, D(2024, 7, 1)), (add_details(t, D(2024, 7, 1))->nfa = "1"))
CASE(8816, (add_details(t, D(2024, 9, 1))->closure = D(2024, 10, 1)), (add_details(t, D(2023, 1, 1))->closure = D(2023, 6, 1)))

/* Assessments */
CASE(1103, (AS0->start = D(2024, 4, 30)), (AS0->start = D(2024, 5, 1)))
CASE(8608, (AS0->authorised = D(2024, 5, 1)), (AS0->authorised = AS0->start))
CASE(8614, (AS0->authorised = NONE), (AS0->authorised = NONE, AS0->n_factors = 0))
CASE(8696, (AS0->authorised = D(2025, 4, 5)), (AS0->authorised = D(2025, 3, 31)))
CASE(8736, (AS0->authorised = NONE, AS0->start = D(2025, 4, 5)), (AS0->authorised = NONE, AS0->start = D(2025, 3, 31)))
CASE(8670Q, (AS0->authorised = NONE, AS0->n_factors = 0), (AS0->authorised = NONE, AS0->n_factors = 0, AS0->start = D(2025, 3, 1)))
CASE(8896, (AS0->authorised = NONE, add_as(t, D(2024, 6, 1), NONE)), add_as(t, D(2024, 6, 11), NONE))
CASE(8863Q, add_as(t, D(2024, 5, 10), D(2024, 6, 20)), add_as(t, D(2024, 6, 11), D(2024, 6, 20)))
CASE(8869, factors(t, AS0, 2, "21", "3B"), factors(t, AS0, 1, "21", NULL))
CASE(8873Q, (factors(t, AS0, 1, "21", NULL), close_as(t, D(2024, 12, 1), "RC7")),
     (factors(t, AS0, 1, "21", NULL), close_as(t, D(2024, 12, 1), "RC8")))
CASE(8897Q, (AS0->n_factors = 0), NOTHING)
CASE(8898, factors(t, AS0, 2, "3B", "3B"), factors(t, AS0, 2, "3B", "3C"))
CASE(8945Q, factors(t, AS0, 1, "18A", NULL), factors(t, AS0, 1, "18B", NULL))
CASE(8950Q, factors(t, AS0, 1, "19A", NULL), factors(t, AS0, 1, "19C", NULL))

/* CINplanDates */
CASE(4000, (D0->nfa = "1", add_plan(t, D(2024, 5, 10), NONE)), add_plan(t, D(2024, 5, 10), NONE))
CASE(4001, (CP0->end = D(2024, 10, 1), add_plan(t, D(2024, 9, 1), D(2024, 12, 1))),
     (CP0->end = D(2024, 10, 1), add_plan(t, D(2024, 10, 1), D(2024, 12, 1))))
CASE(4003, add_plan(t, D(2024, 8, 1), NONE), add_plan(t, D(2024, 8, 19), NONE))
CASE(4004, (add_plan(t, D(2024, 9, 1), NONE), add_plan(t, D(2024, 10, 1), NONE)),
     (add_plan(t, D(2024, 9, 1), D(2024, 10, 1)), add_plan(t, D(2024, 10, 1), NONE)))
CASE(4008, (V->death = D(2024, 7, 1), add_plan(t, D(2024, 8, 1), NONE)), (V->death = D(2024, 9, 1), add_plan(t, D(2024, 8, 1), NONE)))
CASE(4009Q, (V->death = D(2024, 7, 1), add_plan(t, D(2024, 6, 1), D(2024, 8, 1))),
     (V->death = D(2024, 7, 1), add_plan(t, D(2024, 6, 1), D(2024, 7, 1))))
CASE(4010, add_plan(t, D(2025, 4, 5), NONE), add_plan(t, D(2025, 3, 31), NONE))
CASE(4011, add_plan(t, D(2024, 9, 1), D(2024, 8, 1)), add_plan(t, D(2024, 9, 1), D(2024, 9, 2)))
CASE(4012Q, add_plan(t, D(2024, 9, 1), D(2024, 9, 1)), add_plan(t, D(2024, 9, 1), D(2024, 9, 2)))
CASE(4013, add_plan(t, D(2024, 9, 1), D(2025, 4, 5)), add_plan(t, D(2024, 9, 1), D(2025, 3, 31)))
CASE(4014, (add_plan(t, D(2024, 9, 1), D(2024, 12, 1)), add_plan(t, D(2024, 10, 1), NONE)),
     (add_plan(t, D(2024, 9, 1), D(2024, 10, 1)), add_plan(t, D(2024, 10, 1), NONE)))
CASE(4015, add_plan(t, D(2024, 4, 30), NONE), add_plan(t, D(2024, 5, 1), NONE))
CASE(4016, add_plan(t, D(2024, 5, 10), NONE), add_plan(t, D(2024, 5, 25), NONE))
CASE(4017, add_plan(t, D(2024, 5, 25), NONE), add_plan(t, D(2024, 5, 10), NONE))

/* Section47 */
CASE(1104, (S40->icpc = D(2024, 4, 30)), (S40->icpc = D(2024, 5, 1)))
CASE(2889, (S40->start = D(2024, 4, 30)), (S40->start = D(2024, 5, 1)))
CASE(2884, (D0->icpc = D(2024, 5, 20)), (D0->icpc = D(2024, 5, 20), S40->icpc = NONE))
CASE(8615, (S40->start = D(2024, 5, 21)), (S40->start = D(2024, 5, 20)))
CASE(8715, (S40->icpc = D(2025, 4, 5)), (S40->icpc = D(2025, 3, 31)))
CASE(8740, (S40->icpc = NONE, S40->start = D(2025, 4, 5)), (S40->icpc = NONE, S40->start = D(2025, 3, 31)))
CASE(8675Q, (S40->icpc = NONE), (S40->icpc = NONE, S40->not_required = "1"))
CASE(8839, (S40->icpc = NONE, add_s47(t, D(2024, 6, 1), NONE)), add_s47(t, D(2024, 6, 1), NONE))
CASE(8890, add_s47(t, D(2024, 5, 10), NONE), add_s47(t, D(2024, 5, 21), NONE))
CASE(8870Q, (S40->target = D(2024, 5, 25)), (S40->target = D(2024, 5, 24)))
CASE(8875, (S40->icpc = D(2024, 5, 19)), (S40->icpc = D(2024, 5, 17)))

/* ChildProtectionPlans */
CASE(1105, (CP0->start = D(2024, 4, 30)), (CP0->start = D(2024, 5, 1)))
CASE(8832, (D0->nfa = "1"), (D0->nfa = "1", D0->n_cpps = 0))
CASE(2883, add_cpp(t, D(2024, 9, 1), NONE), (add_cpp(t, D(2024, 9, 2), NONE), add_s47(t, D(2024, 8, 20), D(2024, 9, 2))))
CASE(2885, (CP0->start = D(2024, 5, 21)), NOTHING)
CASE(8720, (CP0->start = D(2025, 4, 5)), (CP0->start = D(2025, 3, 31)))
CASE(8730, (CP0->previous = -1), (CP0->previous = 0))
CASE(8840, (CP0->end = CP0->start), (CP0->end = CP0->start + 1))
CASE(8841, (CP0->reviews[0] = CP0->start), (CP0->reviews[0] = CP0->start + 1))
CASE(8842Q, (CP0->reviews[0] = BAD), NOTHING)
CASE(8905, (CP0->initial = "XXX"), (CP0->initial = "PHY"))
CASE(8910, (CP0->latest = NULL), (CP0->latest = "EMO"))
CASE(8915, (V->death = D(2024, 5, 1)), (V->death = D(2024, 6, 1)))
CASE(8920, (V->death = D(2024, 6, 1), CP0->end = D(2024, 7, 1)), (V->death = D(2024, 6, 1), CP0->end = D(2024, 6, 1)))
CASE(8925, (CP0->end = D(2024, 5, 1)), (CP0->end = D(2024, 5, 21)))
CASE(8930, (CP0->end = D(2025, 4, 5)), (CP0->end = D(2025, 3, 31)))
CASE(8935, add_cpp(t, D(2024, 9, 1), NONE), (CP0->end = D(2024, 9, 1), add_cpp(t, D(2024, 9, 1), NONE)))
/* 8940, "on or between": the base plan from 20 May 2024 ended 1 September; a plan from 1
 * September starts on its last day (fires: test_8940_on_or_between), one from 2 September
 * after it (does not). */
CASE(8940, add_cpp(t, D(2024, 9, 1), NONE), (CP0->end = D(2024, 9, 1), add_cpp(t, D(2024, 9, 2), NONE)))

/* PreProceedingsandFGDM (Hearth's own rule, from 2026-27): the view's flag, set by
 * cin_pp_view (its cases are tests/cli/families.sh's, from the record). */
CASE(FGDM1Q, (t->year = 2027, V->fgdm_missing = true, V->fgdm_missing_date = D(2026, 6, 1)),
     (t->year = 2027, V->fgdm_missing = false))
/* MACPT1Q (Hearth's own): the view's flags, set by viewcin_build from the record and the
 * setting macpt_duty_from (its cases either side of the date are tests/cli/families.sh's). */
CASE(MACPT1Q, (S40->no_macpt = true), (S40->no_macpt = false))

struct tcase {
	const char *id;
	void (*breaks)(struct env *);
	void (*keeps)(struct env *);
};

#define T(id) {#id, f_##id, p_##id}

static const struct tcase cases[] = {
	T(100), T(1520), T(8510), T(2886Q), T(2887Q), T(2888Q), T(1510), T(1530), T(1540), T(1550), T(1560Q),
	T(1570), T(1580), T(4180), T(4220), T(8500), T(8520), T(8525Q), T(8530Q), T(8535Q), T(8545Q), T(8540),
	T(8790), T(8794), T(8750), T(8770Q), T(8772), T(8775Q), T(8590), T(8600), T(8606), T(8555Q), T(8866),
	T(8568), T(8610), T(8650), T(8640), T(8620), T(8630), T(8805), T(8810), T(8585Q), T(8569Q), T(8831),
	T(2990), T(8825Q), T(2991Q), T(8565), T(8867), T(8868), T(8820), T(8815), T(8816), T(1103), T(8608),
	T(8614), T(8696), T(8736), T(8670Q), T(8896), T(8863Q), T(8869), T(8873Q), T(8897Q), T(8898), T(8945Q),
	T(8950Q), T(4000), T(4001), T(4003), T(4004), T(4008), T(4009Q), T(4010), T(4011), T(4012Q), T(4013),
	T(4014), T(4015), T(4016), T(4017), T(1104), T(2889), T(2884), T(8615), T(8715), T(8740), T(8675Q),
	T(8839), T(8890), T(8870Q), T(8875), T(1105), T(8832), T(2883), T(2885), T(8720), T(8730), T(8840),
	T(8841), T(8842Q), T(8905), T(8910), T(8915), T(8920), T(8925), T(8930), T(8935), T(8940),
	T(FGDM1Q), T(MACPT1Q),
};
#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static size_t run_all(struct env *t, struct returns_findings *out)
{
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.year = t->year;
	x.ys = returns_year_start(t->year);
	x.ye = returns_year_end(t->year);
	x.a = &t->a;
	x.out = out;
	x.ci = &t->v;
	x.hdr = &t->hdr;
	rules_run_child(&x, RETURN_CIN, NULL);
	rules_run_global(&x, RETURN_CIN, &t->g);
	return out->n;
}

static bool fires(struct env *t, const char *id)
{
	struct returns_findings out = {0};
	run_all(t, &out);
	for (size_t i = 0; i < out.n; i++) {
		if (strcmp(out.items[i].rule->id, id) == 0) {
			return true;
		}
	}
	return false;
}

static void test_base_is_clean(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	struct returns_findings out = {0};
	run_all(&t, &out);
	for (size_t i = 0; i < out.n; i++) {
		print_error("base child breaks rule %s: %s\n", out.items[i].rule->id, out.items[i].detail);
	}
	assert_int_equal(out.n, 0);
	arena_free(&t.a);
}

static void run_case(void **state)
{
	const struct tcase *c = *state;
	struct env t = {0};
	base(&t);
	c->breaks(&t);
	bool f = fires(&t, c->id);
	base(&t);
	c->keeps(&t);
	bool p = fires(&t, c->id);
	arena_free(&t.a);
	if (!f) {
		fail_msg("rule %s did not fire on its failing case", c->id);
	}
	if (p) {
		fail_msg("rule %s fired on its passing case", c->id);
	}
}

static void test_every_rule_has_cases(void **state)
{
	(void)state;
	int missing = 0;
	for (size_t i = 0; i < returns_rules_cin_n; i++) {
		bool found = false;
		for (size_t k = 0; k < N_CASES; k++) {
			found = found || strcmp(cases[k].id, returns_rules_cin[i].id) == 0;
		}
		if (!found) {
			print_error("rule %s has no test case\n", returns_rules_cin[i].id);
			missing++;
		}
		for (size_t k = 0; k < i; k++) {
			if (strcmp(returns_rules_cin[k].id, returns_rules_cin[i].id) == 0) {
				print_error("rule %s twice in the table\n", returns_rules_cin[i].id);
				missing++;
			}
		}
		bool q = strchr(returns_rules_cin[i].id, 'Q') != NULL;
		if (q != (returns_rules_cin[i].severity == SEV_QUERY)) {
			print_error("rule %s: a Q id is a query, any other an error\n", returns_rules_cin[i].id);
			missing++;
		}
	}
	for (size_t k = 0; k < N_CASES; k++) {
		if (!returns_rule_find(RETURN_CIN, cases[k].id)) {
			print_error("case %s names no rule\n", cases[k].id);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* 8670Q through the statutory clock, at the year's edge (worked by hand from a calendar;
 * day 0 is the start; no bank holiday falls between late January and 4 April 2025):
 *   begun Mon 27 Jan 2025: the 45th working day is Mon 31 March: not past it by 31 March;
 *   begun Fri 24 Jan 2025: the 45th working day is Fri 28 March: past it, a query;
 *   begun Mon 3 Feb 2025: due Mon 7 April (31 March is the 40th working day): no query. */
static void test_45_working_days(void **state)
{
	(void)state;
	struct env e = {0}, *t = &e;
	static const struct {
		int m, d;
		bool query;
	} c[] = {{1, 27, false}, {1, 24, true}, {2, 3, false}, {1, 20, true}};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		base(t);
		AS0->authorised = NONE;
		AS0->n_factors = 0;
		AS0->start = D(2025, c[i].m, c[i].d);
		if (fires(t, "8670Q") != c[i].query) {
			fail_msg("assessment begun %d/%d/2025: 8670Q %s", c[i].d, c[i].m, c[i].query ? "missing" : "unexpected");
		}
	}
	arena_free(&t->a);
}

/* Each UPN check on its own (the example: one value failing several checks reports
 * each). "M999455310171": characters 2-4 are 999, no LA (1530); the check letter of
 * 999455310171 is 9*2+9*3+9*4+4*5+5*6+5*7+3*8+1*9+0*10+1*11+7*12+1*13 = 18+27+36+20+30+35+
 * 24+9+0+11+84+13 = 307; 307 mod 23 = 8, the ninth letter of ABCDEFGHJKLMNPQRTUVWXYZ (from
 * 0) is J, not M (1510). Characters 5-12 digits and 13 a digit: not 1540 nor 1550. */
static void test_upn_each_check(void **state)
{
	(void)state;
	assert_int_equal(upn_check_letter("999455310171"), 'J');
	assert_true(upn_breaks("M999455310171", "1530"));
	assert_true(upn_breaks("M999455310171", "1510"));
	assert_false(upn_breaks("M999455310171", "1540"));
	assert_false(upn_breaks("M999455310171", "1550"));
	assert_false(upn_breaks("J999455310171", "1510"));
	assert_true(upn_breaks("J99945531017", "1540"));
	/* 12 characters: no check letter can be worked out from characters 2-13, so 1510 is
	 * reported beside 1540; characters 2-4 (999) are still read: 1530. */
	assert_true(upn_breaks("J99945531017", "1510"));
	assert_true(upn_breaks("J99945531017", "1530"));
	/* L88545531017: 12 characters, LA 885 known: 1540 and 1510, not 1530. */
	assert_false(upn_breaks("L88545531017", "1530"));
	assert_true(upn_breaks("L88545531017", "1510"));
	/* Too short to have characters 2-4: 1530. */
	assert_true(upn_breaks("L8", "1530"));
}

/* How many findings of rule id. */
static size_t count(struct env *t, const char *id)
{
	struct returns_findings out = {0};
	run_all(t, &out);
	size_t n = 0;
	for (size_t i = 0; i < out.n; i++) {
		n += strcmp(out.items[i].rule->id, id) == 0;
	}
	return n;
}

/* Hand-worked cases for the rules re-read against the DfE's definitions (issue 16 part 5).
 * From base(): referral 1 May 2024, assessment from 2 May, s47 from 3 May with its ICPC on
 * Monday 20 May 2024, a CP plan from 20 May (open), the 2025 census (1 April 2024 to 31 March
 * 2025). */

/* 8831 (and 8832, 4000): ReferralNFA true and a start date recorded in any module. The base episode marked
 * NFA fires (it has an assessment from 2 May). With its assessment, enquiry and plan all
 * there but their dates blank: no activity recorded, no finding. Only a CPPstartDate: fires.
 * Only a DateOfInitialCPC at the CINdetails level: fires. */
static void test_8831_dates(void **state)
{
	(void)state;
	struct env te = {0}, *t = &te;
	base(t);
	D0->nfa = "1";
	assert_true(fires(t, "8831"));
	AS0->start = NONE;
	S40->start = NONE;
	CP0->start = NONE;
	assert_false(fires(t, "8831"));
	CP0->start = D(2024, 5, 20);
	assert_true(fires(t, "8831"));
	CP0->start = NONE;
	D0->icpc = D(2024, 5, 20);
	assert_true(fires(t, "8831"));
	/* 8832 and 4000 likewise: the CP plan with no CPPstartDate is no plan recorded; a CIN
	 * plan module with no CINPlanStartDate neither; with their start dates, each fires. */
	assert_false(fires(t, "8832"));
	add_plan(t, NONE, NONE);
	assert_false(fires(t, "4000"));
	D0->plans[0].start = D(2024, 6, 1);
	assert_true(fires(t, "4000"));
	CP0->start = D(2024, 5, 20);
	assert_true(fires(t, "8832"));
	arena_free(&t->a);
}

/* 4001 and 4016, a CIN plan beside the CP plan from 20 May 2024:
 *   - the CP plan ended 1 October 2024; a CIN plan from 1 September, still open: it starts
 *     inside the CP plan (20 May < 1 Sep < 1 Oct): 4001;
 *   - the same CIN plan from 1 October (the step down, the day the CP plan ended): none;
 *   - a CIN plan 1 April to 20 May 2024 (ended the day the CP plan began): none;
 *   - the CP plan open, a CIN plan from 20 May still open: the CP plan starts on the day
 *     the CIN plan started (20 May >= 20 May): 4016; from 21 May it is 4017's, not 4016's. */
static void test_cin_and_cp_plans(void **state)
{
	(void)state;
	struct env te = {0}, *t = &te;
	base(t);
	CP0->end = D(2024, 10, 1);
	add_plan(t, D(2024, 9, 1), NONE);
	assert_true(fires(t, "4001"));
	D0->plans[0].start = D(2024, 10, 1);
	assert_false(fires(t, "4001"));
	D0->plans[0] = (struct ci_plan){D(2024, 4, 1), D(2024, 5, 20), 30, 0};
	assert_false(fires(t, "4001"));

	base(t);
	add_plan(t, D(2024, 5, 20), NONE);
	assert_true(fires(t, "4016"));
	D0->plans[0].start = D(2024, 5, 21);
	assert_false(fires(t, "4016"));
	assert_true(fires(t, "4017"));
	arena_free(&t->a);
}

/* The ICPC's date:
 *   2884: a CINdetails-level DateOfInitialCPC of 20 May 2024, the enquiry's too: the same
 *         conference twice: fires; 10 January 2025 at the CINdetails level (another
 *         conference): does not.
 *   8740: an enquiry from 1 March 2024 (before the year) with no ICPC: fires; the same with
 *         its ICPC on 20 March 2024 (held before the year ended): does not; with its ICPC on
 *         7 April 2025 (after the year, so not held by 31 March): fires; an enquiry from 3 March
 *         2025 with its ICPC on 7 April 2025: it began in the year: does not. */
static void test_icpc_dates(void **state)
{
	(void)state;
	struct env te = {0}, *t = &te;
	base(t);
	D0->icpc = D(2024, 5, 20);
	assert_true(fires(t, "2884"));
	D0->icpc = D(2025, 1, 10);
	assert_false(fires(t, "2884"));

	base(t);
	S40->start = D(2024, 3, 1);
	S40->icpc = NONE;
	assert_true(fires(t, "8740"));
	S40->icpc = D(2024, 3, 20);
	assert_false(fires(t, "8740"));
	S40->icpc = D(2025, 4, 7);
	assert_true(fires(t, "8740"));
	S40->start = D(2025, 3, 3);
	assert_false(fires(t, "8740"));
	arena_free(&t->a);
}

/* 8794 and 8940, the same thing twice:
 *   8794: MOB and "mob " are one code (any letter case, spaces aside): one finding; MOB three
 *         times: two (the second and the third rows), not three pairs.
 *   8940: the base plan (20 May 2024) ended 1 September; another from 1 September starts on
 *         its last day: fires; two plans both from 20 May: one finding (the later row). */
static void test_twice(void **state)
{
	(void)state;
	struct env te = {0}, *t = &te;
	base(t);
	disabilities(t, 2, "MOB", "mob ");
	assert_int_equal(count(t, "8794"), 1);
	V->disabilities = strs(t, 3, "MOB", "MOB", "MOB");
	V->n_disabilities = 3;
	assert_int_equal(count(t, "8794"), 2);

	base(t);
	CP0->end = D(2024, 9, 1);
	add_cpp(t, D(2024, 9, 1), NONE);
	assert_int_equal(count(t, "8940"), 1);
	base(t);
	add_cpp(t, D(2024, 5, 20), NONE);
	assert_int_equal(count(t, "8940"), 1);
	arena_free(&t->a);
}

/* 1510 and 1530 on the child: L88545531017 (12 characters) is 1540's (length) and 1510's (no
 * check letter can be worked out), not 1530's (885 is an LA). M885455310171 (13 characters,
 * check letter L: test_upn in test_rules903.c) is 1510's only. */
static void test_upn_child(void **state)
{
	(void)state;
	struct env te = {0}, *t = &te;
	base(t);
	V->upn = "L88545531017";
	assert_true(fires(t, "1540"));
	assert_true(fires(t, "1510"));
	assert_false(fires(t, "1530"));
	V->upn = "M885455310171";
	assert_true(fires(t, "1510"));
	assert_false(fires(t, "1530"));
	assert_false(fires(t, "1540"));
	arena_free(&t->a);
}

int main(void)
{
	static const struct CMUnitTest extra[] = {
		cmocka_unit_test(test_upn_each_check), cmocka_unit_test(test_8831_dates),
		cmocka_unit_test(test_cin_and_cp_plans), cmocka_unit_test(test_icpc_dates),
		cmocka_unit_test(test_twice),		 cmocka_unit_test(test_upn_child),
	};
	enum { N_EXTRA = sizeof(extra) / sizeof(extra[0]) };
	struct CMUnitTest tests[N_CASES + 3 + N_EXTRA];
	for (size_t i = 0; i < N_EXTRA; i++) {
		tests[N_CASES + 3 + i] = extra[i];
	}
	tests[0] = (struct CMUnitTest)cmocka_unit_test(test_base_is_clean);
	tests[1] = (struct CMUnitTest)cmocka_unit_test(test_every_rule_has_cases);
	tests[2] = (struct CMUnitTest)cmocka_unit_test(test_45_working_days);
	static char names[N_CASES][32];
	for (size_t i = 0; i < N_CASES; i++) {
		snprintf(names[i], sizeof(names[i]), "rule_%s", cases[i].id);
		tests[i + 3] = (struct CMUnitTest){names[i], run_case, NULL, NULL, (void *)&cases[i]};
	}
	return _cmocka_run_group_tests("returns/rulescin", tests, N_CASES + 3 + N_EXTRA, NULL, NULL);
}
