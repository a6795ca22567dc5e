/* test_rules903: every SSDA903 rule, with a record that breaks it and one that does not.
 *
 * Each case starts from the same clean child (base(): looked after since May 2023, a
 * change of placement in June 2024, a review, a missing episode, a social worker, OC2
 * filled in) on which no rule fires, changes it so that the rule must fire (f_), then,
 * from the clean child again, makes the nearest change that must not fire it (p_). The
 * year is 2025 (1 April 2024 to 31 March 2025). Cases work on the return view, as the
 * rules do, so files and the record are tested alike; test_views.c builds views from
 * casefiles. A last test checks that every rule in the table has its cases. */
#include <stdio.h>
#include <string.h>

#include "test.h"

#include "returns/internal.h"

struct env {
	struct arena a;
	struct s9_child v;
	int year;
	bool record;	/* run as on the record (from_record), not on files */
	struct returns_refdata *ref;	/* postcodes, providers, last year (base) */
	struct s9_child *last;		/* C1 in last year's return */
	unsigned absent;		/* T903_* tables the files did not supply */
};

#define V (&t->v)
#define E(i) (&t->v.episodes[i])
#define O2(k) (t->v.oc2[0].v[k])
#define SW(i) (&t->v.sw[i])
#define MS(i) (&t->v.missing[i])
#define RV(i) (&t->v.reviews[i])
#define NONE DATE_NONE
#define BAD RDATE_BAD

static char upn_ok[14];

/* A valid UPN for LA 885: its check letter computed by the rule under test's helper and
 * checked against a hand-worked one in test_upn below. */
static const char *valid_upn(void)
{
	if (!upn_ok[0]) {
		snprintf(upn_ok, sizeof(upn_ok), "%c%s", upn_check_letter("885200015001"), "885200015001");
	}
	return upn_ok;
}

#define GROW(arr, cap)                                                                      \
	do {                                                                                \
		(t->v.arr) = arena_alloc(&t->a, sizeof(*t->v.arr) * 16);                    \
		t->v.cap = 16;                                                              \
	} while (0)

static void base(struct env *t)
{
	arena_free(&t->a);
	memset(&t->v, 0, sizeof(t->v));
	t->year = 2025;
	t->record = false;
	struct s9_child *v = &t->v;
	v->child = "C1";
	v->sex = "M";
	v->dob = D(2012, 6, 1);
	v->ethnic = "WBRI";
	v->upn = valid_upn();
	v->mc_dob = NONE;
	v->death = NONE;
	v->header = true;
	v->n_header = 1;
	v->line = 2;
	GROW(episodes, cap_episodes);
	GROW(reviews, cap_reviews);
	GROW(uasc, cap_uasc);
	GROW(oc2, cap_oc2);
	GROW(oc3, cap_oc3);
	GROW(ad1, cap_ad1);
	GROW(placed, cap_placed);
	GROW(prevperm, cap_prevperm);
	GROW(missing, cap_missing);
	GROW(sw, cap_sw);
	v->episodes[0] = (struct s9_episode){D(2023, 5, 1), D(2024, 6, 1), "S", "C2", "N1", "U4", "PR1", "X1", "CARPL",
					     "WR1 1AA", "WR2 2BB", NULL, 2, 0};
	v->episodes[1] = (struct s9_episode){D(2024, 6, 1), NONE, "P", "C2", "N1", "U6", "PR1", NULL, NULL, "WR1 1AA",
					     "WR3 3CC", NULL, 3, 0};
	v->n_episodes = 2;
	v->hist = v->episodes;
	v->n_hist = 2;
	v->reviews[0] = (struct s9_review){v->dob, D(2024, 7, 1), "PN1", 2, 0};
	v->n_reviews = 1;
	v->missing[0] = (struct s9_missing){v->dob, D(2024, 8, 1), D(2024, 8, 2), "M", 2, 0};
	v->n_missing = 1;
	v->sw[0] = (struct s9_sw){v->dob, D(2023, 5, 1), NONE, "SW123456", NULL, 2, 0};
	v->n_sw = 1;
	struct s9_oc2 *o = &v->oc2[0];
	memset(o, 0, sizeof(*o));
	o->dob = v->dob;
	o->v[OC2_SDQ_SCORE] = "12";
	o->v[OC2_CONVICTED] = "0";
	o->v[OC2_IMMUNISATIONS] = "1";
	o->v[OC2_TEETH_CHECK] = "1";
	o->v[OC2_HEALTH_ASSESSMENT] = "1";
	o->v[OC2_SUBSTANCE_MISUSE] = "0";
	v->n_oc2 = 1;
	/* The reference data: the base's postcodes (ZE9 9ZZ is in the directory with no place,
	 * as the ONS gives some), three providers, and C1 in last year's return (2024) with the
	 * first episode open at its end, as this year's first episode says. */
	t->ref = returns_refdata_new(&t->a);
	returns_refdata_add_postcode(t->ref, "WR1 1AA", "E07000237", 52.19, -2.22);
	returns_refdata_add_postcode(t->ref, "WR2 2BB", "E07000237", 52.20, -2.25);
	returns_refdata_add_postcode(t->ref, "WR3 3CC", "E07000237", 52.21, -2.21);
	returns_refdata_add_postcode(t->ref, "ZE9 9ZZ", "", 99.999999, 0);
	/* For the distance and LA of placement rules (453, 503G, 503H): from WR1 1AA, WR4 4DD is
	 * 1.27 miles (0.03 degrees east at 52.19 N: 0.03 x 69.1 x cos 52.19) and WR5 5EE
	 * 2.12 (0.05 east); B1 1AA is in another district (Birmingham). */
	returns_refdata_add_postcode(t->ref, "WR4 4DD", "E07000237", 52.19, -2.19);
	returns_refdata_add_postcode(t->ref, "WR5 5EE", "E07000237", 52.19, -2.17);
	returns_refdata_add_postcode(t->ref, "B1 1AA", "E08000025", 52.48, -1.90);
	/* The LA's area (229, 503J): Worcestershire, the county's code and two of its districts,
	 * Worcester (E07000237) and Wychavon (E07000238, WR9 9AA); B1 1AA (Birmingham) is
	 * outside it. */
	returns_refdata_add_postcode(t->ref, "WR9 9AA", "E07000238", 52.27, -2.15);
	assert_int_equal(returns_refdata_la_codes(t->ref, "E10000034,E07000237,e07000238", NULL), 0);
	returns_refdata_add_provider(t->ref, "SC100001", "Children's home", "WR3 3CC", D(2020, 1, 1), NONE);
	ref_provider_sector(t->ref, "Private");
	returns_refdata_add_provider(t->ref, "SC100002", "Children's home", "WR3 3CC", D(2025, 1, 1), NONE);
	ref_provider_sector(t->ref, "Local Authority");
	returns_refdata_add_provider(t->ref, "SC100003", "Children's home", "WR2 2BB", D(2020, 1, 1), D(2024, 1, 1));
	returns_refdata_add_provider(t->ref, "SC100004", "Children's home", "B1 1AA", D(2020, 1, 1), NONE);
	ref_provider_sector(t->ref, "Local Authority");
	struct s9_child *l = t->last = ref_last_year_add(t->ref, "C1");
	l->header = true;
	l->sex = "M";
	l->dob = v->dob;
	l->ethnic = "WBRI";
	l->upn = v->upn;
	l->mc_dob = NONE;
	l->episodes = arena_alloc(&t->a, sizeof(*l->episodes) * 2);
	l->episodes[0] = (struct s9_episode){D(2023, 5, 1), NONE, "S", "C2", "N1", "U4", "PR1", NULL, NULL, "WR1 1AA",
					     "WR2 2BB", NULL, 2, 0};
	l->n_episodes = 1;
}
#define L (t->last)
#define LE (&t->last->episodes[0])

/* C1's row in last year's UASC table, DUC duc. */
static int last_uasc(struct env *t, hdate duc)
{
	L->uasc = arena_alloc(&t->a, sizeof(*L->uasc));
	L->uasc[0] = (struct s9_uasc){"M", L->dob, duc, 2};
	L->n_uasc = 1;
	return 0;
}

/* ---- building blocks for the cases (each usable in an expression) ---- */

static int end_ep(struct env *t, size_t i, hdate dec, const char *rec)
{
	E(i)->dec = dec;
	E(i)->rec = rec;
	return 0;
}

static struct s9_episode *add_ep(struct env *t, hdate decom, const char *rne, const char *ls, const char *place)
{
	struct s9_episode *e = &t->v.episodes[t->v.n_episodes];
	*e = t->v.episodes[t->v.n_episodes - 1];
	e->decom = decom;
	e->dec = NONE;
	e->rec = NULL;
	e->rpc = NULL;
	e->rne = rne;
	e->ls = ls;
	e->place = place;
	t->v.n_episodes++;
	t->v.n_hist = t->v.n_episodes;
	return e;
}

static struct s9_oc3 *add_oc3(struct env *t, const char *in, const char *act, const char *acc)
{
	struct s9_oc3 *o = &t->v.oc3[t->v.n_oc3++];
	*o = (struct s9_oc3){t->v.dob, in, act, acc, 2, 0};
	return o;
}

static struct s9_ad1 *add_ad1(struct env *t)
{
	struct s9_ad1 *o = &t->v.ad1[t->v.n_ad1++];
	*o = (struct s9_ad1){t->v.dob, D(2024, 1, 1), D(2024, 3, 1), "0", "1", "F1", "L0", 2, 0};
	return o;
}

static struct s9_placed *add_placed(struct env *t, hdate d)
{
	struct s9_placed *o = &t->v.placed[t->v.n_placed++];
	*o = (struct s9_placed){t->v.dob, d, NONE, NULL, 2, 0};
	return o;
}

static struct s9_placed *placed_ceased(struct env *t, hdate d, hdate ceased)
{
	struct s9_placed *o = add_placed(t, d);
	o->date_ceased = ceased;
	o->reason = "RD1";
	return o;
}

static struct s9_prevperm *add_pp(struct env *t)
{
	struct s9_prevperm *o = &t->v.prevperm[t->v.n_prevperm++];
	*o = (struct s9_prevperm){t->v.dob, D(2020, 1, 1), "P1", "885", 2};
	return o;
}

static struct s9_uasc *add_uasc(struct env *t)
{
	struct s9_uasc *o = &t->v.uasc[t->v.n_uasc++];
	*o = (struct s9_uasc){"M", t->v.dob, NONE, 2};
	return o;
}

static struct s9_missing *add_ms(struct env *t, hdate s, hdate e)
{
	struct s9_missing *o = &t->v.missing[t->v.n_missing++];
	*o = (struct s9_missing){t->v.dob, s, e, "M", 3, 0};
	return o;
}

static struct s9_sw *add_sw(struct env *t, hdate decom)
{
	struct s9_sw *o = &t->v.sw[t->v.n_sw++];
	*o = (struct s9_sw){t->v.dob, decom, NONE, "SW654321", NULL, 3, 0};
	return o;
}

/* Not looked after at 31 March (so not in the OC2 cohort). */
static int leave(struct env *t)
{
	return end_ep(t, 1, D(2025, 1, 1), "E8");
}

static int respite(struct env *t)
{
	E(0)->ls = "V3";
	E(1)->ls = "V3";
	return 0;
}

static int no_header(struct env *t)
{
	t->v.header = false;
	t->v.n_header = 0;
	return 0;
}

static int clear_oc2(struct env *t)
{
	for (int k = 0; k < OC2_FIELD_MAX; k++) {
		O2(k) = NULL;
	}
	return 0;
}

/* ---- the cases: CASE(rule, the change that must fire it, the change that must not) ---- */

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

/* Header */
CASE(101, (V->sex = "X"), (V->sex = "F"))
CASE(102, (V->dob = BAD), (V->dob = D(2012, 6, 2)))
CASE(103, (V->ethnic = "XXXX"), (V->ethnic = "WIRI"))
/* 168 is on the UPN's form: 12 characters is no UPN; a wrong check letter (M for
 * 885455310171, whose letter is L: test_upn) is the CIN census's 1510, not 168. */
CASE(168, (V->upn = "L88545531017"), (V->upn = "M885455310171"))
CASE(442, (V->upn = NULL), (V->upn = "UN3"))
CASE(209, (V->upn = "UN1"), (V->upn = "UN1", V->dob = D(2021, 1, 1)))
CASE(210, (V->upn = "UN4"), (V->upn = "UN5"))
CASE(301, (V->dob = D(2025, 4, 2)), (V->dob = D(2025, 3, 1)))
CASE(351, (V->dob = D(1998, 1, 1)), (V->dob = D(1999, 6, 1)))
/* 165: a girl looked after in the year with MOTHER blank breaks it; a boy with MOTHER 0
 * does not (0 is a valid value, and the DfE's rule says nothing of boys who give one). */
CASE(165, (V->sex = "F"), (V->mother = "0"))
CASE(171, (V->mc_dob = BAD), NOTHING)
CASE(174, (V->mc_dob = D(2024, 1, 1)), (V->sex = "F", V->mc_dob = D(2024, 1, 1)))
CASE(393, (V->sex = "F"), (V->sex = "F", V->mother = "0"))
CASE(611, (V->mother = "1"), (V->mother = "1", V->mc_dob = D(2024, 1, 1)))
CASE(612, (V->mc_dob = D(2024, 1, 1), V->mother = "0"), (V->mc_dob = D(2024, 1, 1), V->mother = "1"))
CASE(620, (V->mother = "1", V->dob = D(2016, 1, 1)), (V->mother = "1"))
CASE(621, (V->mc_dob = D(2010, 1, 1)), (V->mc_dob = D(2024, 1, 1)))
CASE(625, (V->mc_dob = D(2025, 4, 5)), (V->mc_dob = D(2025, 3, 1)))
CASE(INT32, (V->n_header = 2), NOTHING)
CASE(INT03, no_header(t), NOTHING)
CASE(EPI, (V->n_episodes = 0), (V->n_episodes = 0, add_oc3(t, "YES", "F2", "D1")))
CASE(1012, (V->n_episodes = 0, add_oc3(t, "YES", "F2", "D1")),
     (V->n_episodes = 0, add_oc3(t, "YES", "F2", "D1"), V->n_reviews = 0, V->n_missing = 0, V->n_oc2 = 0,
      V->n_sw = 0))

/* Episodes: codes and dates */
CASE(141, (E(0)->decom = BAD), NOTHING)
CASE(147, (E(0)->dec = BAD), NOTHING)
CASE(143, (E(1)->rne = "Z"), (E(1)->rne = "U"))
CASE(144, (E(1)->ls = "X9"), (E(1)->ls = "C1"))
CASE(145, (E(1)->cin = "N9"), (E(1)->cin = "N8"))
/* 146 by year: Z11 begins in 2026 (2025-26), so a 2025 episode in it fails; H5 was
 * withdrawn after 2025, so an H5 episode begun in June 2024 fails in a 2026 return, but the
 * same placement begun in 2023 (year 2024, when H5 was a code) does not: the row is judged by
 * its own year. 146b/146c run the 2026 return. */
CASE(146, (E(1)->place = "Z11"), (E(1)->place = "K3"))
CASE(149, (E(0)->rec = "E99"), (E(0)->rec = "E45"))
CASE(178, (E(1)->provider = "PR9"), (E(1)->provider = "PR5"))
CASE(1009, (E(0)->rpc = "XXX"), (E(0)->rpc = "CUSTOD"))
CASE(148, (E(0)->rec = NULL), NOTHING)
CASE(353, (E(0)->decom = D(1990, 1, 1)), (E(0)->decom = D(1991, 10, 14)))
CASE(354, (E(1)->decom = D(2025, 4, 2)), (E(1)->decom = D(2025, 3, 31)))
CASE(385, end_ep(t, 1, D(2025, 4, 2), "E8"), end_ep(t, 1, D(2025, 3, 31), "E8"))
CASE(355, (E(0)->dec = E(0)->decom), NOTHING)
CASE(356, (E(0)->dec = D(2023, 4, 1)), NOTHING)
CASE(302, (V->dob = D(2023, 6, 1)), (V->dob = D(2023, 4, 1)))
CASE(352, (V->dob = D(2004, 1, 1)), (V->dob = D(2006, 1, 1)))
CASE(357, (E(0)->rne = "P"), NOTHING)

/* Episodes: sequence */
CASE(142, end_ep(t, 0, NONE, NULL), NOTHING)
CASE(501, (E(0)->dec = D(2024, 7, 1)), NOTHING)
CASE(431, (E(1)->rne = "S"), (E(1)->rne = "S", E(1)->decom = D(2024, 6, 5)))
CASE(432, (E(0)->rec = "E8"), (E(0)->rec = "E8", E(1)->rne = "S"))
CASE(433, (E(1)->decom = D(2024, 6, 3)), NOTHING)
CASE(388, (E(1)->decom = D(2024, 6, 3)), NOTHING)
CASE(434, (E(1)->rne = "L"), (E(1)->rne = "L", E(1)->ls = "C1", E(1)->place = "U4", E(1)->pl_post = "WR2 2BB"))
CASE(435, (E(1)->ls = "C1"), NOTHING)
CASE(436, (E(1)->rne = "T"), (E(1)->rne = "T", E(1)->ls = "C1"))
CASE(437, (E(0)->rec = "E2"), end_ep(t, 1, D(2025, 1, 1), "E2"))
CASE(199, (E(0)->rec = "E11"), end_ep(t, 1, D(2025, 1, 1), "E11"))
CASE(504, (E(1)->cin = "N2"), (E(1)->cin = "N2", E(1)->rne = "S"))

/* Episodes: legal status, placement and age */
CASE(358, (E(1)->ls = "J1", V->dob = D(2016, 1, 1)), (E(1)->ls = "J1"))
CASE(359, (V->dob = D(2006, 1, 1)), (V->dob = D(2006, 1, 1), E(1)->ls = "V2", E(1)->place = "K2"))
CASE(361, (E(0)->ls = "L1", E(0)->dec = E(0)->decom + 4), (E(0)->ls = "L1", E(0)->dec = E(0)->decom + 3))
CASE(362, (E(0)->ls = "L2", E(0)->dec = E(0)->decom + 22), (E(0)->ls = "L2", E(0)->dec = E(0)->decom + 21))
CASE(363, (E(0)->ls = "L3", E(0)->dec = E(0)->decom + 8), (E(0)->ls = "L3", E(0)->dec = E(0)->decom + 7))
CASE(364, (E(0)->ls = "J2", E(0)->dec = E(0)->decom + 2), (E(0)->ls = "J2", E(0)->dec = E(0)->decom + 1))
CASE(365, (E(0)->ls = "V3", E(0)->dec = E(0)->decom + 18), (E(0)->ls = "V3", E(0)->dec = E(0)->decom + 17))
CASE(366, (E(1)->ls = "V3"), (E(1)->ls = "V3", E(1)->rne = "S"))
CASE(367, (E(1)->ls = "V3"), (E(1)->ls = "V3", end_ep(t, 1, D(2024, 6, 30), "E8")))
CASE(371, (E(1)->place = "K3"), (E(1)->place = "K3", V->dob = D(2008, 1, 1)))
CASE(372, (E(1)->place = "R5", V->dob = D(2016, 1, 1)), (E(1)->place = "R5"))
CASE(373, (E(1)->place = "S1", V->dob = D(2021, 1, 1)), (E(1)->place = "S1"))
CASE(374, (E(1)->place = "P3"), (E(1)->place = "P3", V->dob = D(2009, 1, 1)))
CASE(375, (E(0)->place = "T1", E(0)->dec = E(0)->decom + 43), (E(0)->place = "T1", E(0)->dec = E(0)->decom + 42))
CASE(376, (E(0)->place = "T3", E(0)->dec = E(0)->decom + 22), (E(0)->place = "T3", E(0)->dec = E(0)->decom + 21))
CASE(379, (E(0)->place = "T4", E(0)->dec = E(0)->decom + 8), (E(0)->place = "T4", E(0)->dec = E(0)->decom + 7))
CASE(377, (E(1)->place = "T3", add_ep(t, D(2024, 9, 1), "P", "C2", "T3"), add_ep(t, D(2024, 10, 1), "P", "C2", "T3")),
     (E(1)->place = "T3", add_ep(t, D(2024, 9, 1), "P", "C2", "T3")))
CASE(378, (E(1)->place = "P1", E(1)->ls = "V2"), (E(1)->place = "P1"))
CASE(380, (E(0)->place = "T1"), (E(1)->place = "T1"))
CASE(381, (E(0)->place = "T1", E(0)->rec = "E8"), (E(0)->place = "T1"))
CASE(382, (E(1)->ls = "V3", E(1)->place = "T1"), (E(1)->ls = "V3"))
CASE(383, (E(1)->place = "T1", end_ep(t, 1, D(2024, 7, 1), "X1"), add_ep(t, D(2024, 7, 1), "P", "C2", "U5")),
     (E(1)->place = "T1", end_ep(t, 1, D(2024, 7, 1), "X1"), add_ep(t, D(2024, 7, 1), "P", "C2", "U4")))
CASE(384, (E(1)->ls = "V3", E(1)->place = "U4"), (E(1)->ls = "V3"))
CASE(386, (end_ep(t, 1, D(2025, 1, 1), "E11"), V->dob = D(2006, 1, 1)), end_ep(t, 1, D(2025, 1, 1), "E11"))
CASE(387, end_ep(t, 1, D(2025, 1, 1), "E5"), (end_ep(t, 1, D(2025, 1, 1), "E5"), V->dob = D(2009, 1, 1)))
CASE(389, end_ep(t, 1, D(2025, 1, 1), "E7"), (end_ep(t, 1, D(2025, 1, 1), "E7"), V->dob = D(2008, 1, 1)))
CASE(407, (end_ep(t, 1, D(2025, 1, 1), "E45"), V->dob = D(2006, 1, 1)), end_ep(t, 1, D(2025, 1, 1), "E45"))
CASE(460, end_ep(t, 1, D(2025, 1, 1), "E17"), (end_ep(t, 1, D(2025, 1, 1), "E17"), V->dob = D(2006, 1, 1)))
CASE(390, end_ep(t, 1, D(2025, 1, 1), "E11"), (end_ep(t, 1, D(2025, 1, 1), "E11"), E(1)->place = "A6"))
CASE(408, (E(1)->place = "A6"), (E(1)->place = "A6", E(1)->ls = "E1"))
CASE(445, (E(1)->ls = "D1"), (E(1)->ls = "D1", E(1)->decom = D(2005, 12, 1)))
CASE(446, (E(1)->ls = "E1", E(1)->decom = D(2005, 1, 1)), (E(1)->ls = "E1"))
CASE(451, (E(1)->ls = "D1"), (E(0)->ls = "D1"))
CASE(426, (E(0)->ls = "V3", E(1)->ls = "V4"), respite(t))
CASE(516, (end_ep(t, 1, D(2025, 1, 1), "E45"), E(1)->place = "K2"), end_ep(t, 1, D(2025, 1, 1), "E45"))
CASE(217, (E(1)->place = "A3"), (E(1)->place = "A3", E(1)->rne = "U"))
CASE(336, (E(1)->place = "A3", E(0)->place = "K2"), (E(1)->place = "A3"))

/* Episodes: provider, URN, postcodes, reason for change */
CASE(526, (E(1)->provider = NULL), (E(1)->provider = NULL, E(1)->place = "T1"))
CASE(213, (E(1)->place = "T1"), (E(1)->place = "T1", E(1)->provider = NULL))
CASE(214, (E(1)->place = "T1"), (E(1)->place = "T1", E(1)->pl_post = NULL))
CASE(527, (E(1)->place = "P1"), (E(1)->place = "P1", E(1)->provider = "PR0"))
CASE(528, (E(1)->provider = "PR2", E(1)->place = "R2"), (E(1)->provider = "PR2"))
CASE(529, (E(1)->provider = "PR3"), (E(1)->provider = "PR3", E(1)->place = "R2"))
CASE(530, (E(1)->provider = "PR4", E(1)->place = "P1"), (E(1)->provider = "PR4", E(1)->place = "K2"))
CASE(531, (E(1)->provider = "PR5", E(1)->place = "P1"), (E(1)->provider = "PR5", E(1)->place = "K2"))
CASE(550, (E(1)->provider = "PR0"), (E(1)->provider = "PR0", E(1)->place = "P1"))
CASE(218, (E(1)->place = "K2"), (E(1)->place = "K2", E(1)->urn = "SC123456"))
CASE(222, (E(1)->place = "P1", E(1)->urn = "SC123456"), (E(1)->place = "P1", E(1)->urn = "XXXXXXX"))
CASE(1008, (E(1)->urn = "ABC"), (E(1)->urn = "SC100001"))
CASE(225, (E(0)->rpc = NULL), (E(0)->rpc = NULL, E(1)->rne = "L"))
CASE(226, (E(0)->place = "T1"), (E(0)->place = "T1", E(0)->rpc = NULL))
CASE(392b, (E(1)->home_post = NULL, E(1)->pl_post = NULL), (E(1)->home_post = NULL, E(1)->pl_post = NULL, add_uasc(t)))
CASE(392d, (E(1)->pl_post = "WR1 1AA"), (E(1)->pl_post = "WR1 1AA", E(1)->place = "P1"))
CASE(398, (E(1)->ls = "V3"), (E(1)->ls = "V3", E(1)->home_post = NULL, E(1)->pl_post = NULL))

/* Reviews */
CASE(166, (RV(0)->date = BAD), NOTHING)
CASE(167, (RV(0)->code = "PN9"), (RV(0)->code = "PN7"))
/* 440/441 on the review row's DOB: born 1 January 2021, the child is 3 at the review on
 * 1 July 2024 (4th birthday 1 January 2025). */
CASE(440, (RV(0)->code = "PN0"), (RV(0)->code = "PN0", RV(0)->dob = D(2021, 1, 1)))
CASE(441, (RV(0)->dob = D(2021, 6, 1)), (RV(0)->dob = D(2021, 6, 1), RV(0)->code = "PN0"))
CASE(399, respite(t), (respite(t), V->n_reviews = 0))

/* UASC */
CASE(104, (add_uasc(t)->duc = BAD), add_uasc(t))
CASE(304, (add_uasc(t)->duc = D(2031, 1, 1)), (add_uasc(t)->duc = D(2024, 1, 1)))
CASE(INT21, (add_uasc(t)->sex = "F"), (add_uasc(t)->sex = "1"))
CASE(1014, (add_uasc(t), add_oc3(t, "YES", "F2", "D1"), V->n_episodes = 0), (add_uasc(t), add_oc3(t, "YES", "F2", "D1")))

/* Missing */
CASE(564, (MS(0)->start = NONE), NOTHING)
CASE(1004, (MS(0)->start = BAD), NOTHING)
CASE(1005, (MS(0)->end = BAD), NOTHING)
CASE(1006, (MS(0)->type = "X"), (MS(0)->type = "A"))
CASE(565, (MS(0)->type = NULL), NOTHING)
CASE(566, (MS(0)->type = NULL), NOTHING)
CASE(567, (MS(0)->end = D(2024, 7, 1)), NOTHING)
CASE(570, (MS(0)->start = D(2025, 4, 5), MS(0)->end = NONE), NOTHING)
CASE(571, (MS(0)->end = D(2025, 4, 5)), NOTHING)
CASE(574, add_ms(t, D(2024, 8, 1), D(2024, 8, 3)), add_ms(t, D(2024, 8, 2), D(2024, 8, 3)))
CASE(575, (MS(0)->start = D(2024, 5, 1), MS(0)->end = NONE), (MS(0)->end = NONE))
CASE(577, (leave(t), MS(0)->end = NONE), leave(t))
CASE(578, end_ep(t, 1, D(2024, 7, 1), "E8"), end_ep(t, 1, D(2024, 9, 1), "E8"))
CASE(580, end_ep(t, 1, D(2024, 8, 1), "E4A"), end_ep(t, 1, D(2024, 8, 1), "E8"))
CASE(581, (MS(0)->start = D(2023, 1, 1), MS(0)->end = D(2023, 1, 2)), NOTHING)
CASE(586, (MS(0)->start = D(2012, 1, 1)), NOTHING)

/* OC3 */
CASE(131, add_oc3(t, "MAYBE", "F2", "D1"), add_oc3(t, "YES", "F2", "D1"))
CASE(132, add_oc3(t, "YES", "F3", "D1"), add_oc3(t, "YES", "F4", "D1"))
CASE(133, add_oc3(t, "YES", "F2", "Q1"), add_oc3(t, "YES", "F2", "D1"))
CASE(153, add_oc3(t, "YES", NULL, "D1"), add_oc3(t, "YES", "F2", "D1"))
CASE(344, add_oc3(t, "DIED", "F2", "0"), add_oc3(t, "DIED", "0", "0"))
CASE(345, add_oc3(t, "YES", "0", "D1"), add_oc3(t, "YES", "F2", "D1"))
CASE(391, add_oc3(t, "YES", "F2", "D1"), (V->dob = D(2007, 6, 1), add_oc3(t, "YES", "F2", "D1")))
CASE(1000, (add_oc3(t, "YES", "F2", "D1"), E(0)->rec = "E2"), add_oc3(t, "YES", "F2", "D1"))
/* 1002 reads earlier years' episodes, which only the record holds (t->record). */
CASE(1002, (t->record = true, add_oc3(t, "YES", "F2", "D1"), V->n_episodes = 0, V->n_hist = 0),
     (t->record = true, add_oc3(t, "YES", "F2", "D1")))
CASE(1007, (V->dob = D(2007, 6, 1), add_oc3(t, "YES", "F2", "D1")),
     (V->dob = D(2007, 6, 1), add_oc3(t, "YES", "F2", "D1"), E(0)->dec = D(2024, 5, 1), E(1)->decom = D(2024, 5, 1),
      end_ep(t, 1, D(2024, 5, 15), "E8")))
CASE(1011, (add_oc3(t, "YES", "F2", "D1"), end_ep(t, 1, D(2025, 1, 1), "E3")),
     (add_oc3(t, "YES", "F2", "D1"), end_ep(t, 1, D(2025, 1, 1), "E8")))
CASE(3001, (V->dob = D(2007, 6, 1), add_oc3(t, "YES", "F2", "Z1")), (V->dob = D(2006, 6, 1), add_oc3(t, "YES", "F2", "Z1")))
CASE(134, (add_oc3(t, "YES", "F2", "D1"), add_ad1(t)), add_oc3(t, "YES", "F2", "D1"))
CASE(187, add_oc3(t, "YES", "F2", "D1"), NOTHING)
CASE(215, add_oc3(t, "YES", "F2", "D1"), (add_oc3(t, "YES", "F2", "D1"), clear_oc2(t)))

/* OC2 */
CASE(180, (O2(OC2_SDQ_SCORE) = "41"), (O2(OC2_SDQ_SCORE) = "40"))
CASE(196, (O2(OC2_SDQ_REASON) = "SDQ9"), (O2(OC2_SDQ_REASON) = "SDQ4"))
CASE(181, (O2(OC2_IMMUNISATIONS) = "2"), (O2(OC2_IMMUNISATIONS) = "0"))
CASE(182, (O2(OC2_TEETH_CHECK) = NULL),
     (O2(OC2_TEETH_CHECK) = NULL, O2(OC2_IMMUNISATIONS) = NULL, O2(OC2_HEALTH_ASSESSMENT) = NULL,
      O2(OC2_SUBSTANCE_MISUSE) = NULL))
CASE(191, (O2(OC2_TEETH_CHECK) = NULL), (O2(OC2_TEETH_CHECK) = NULL, leave(t)))
CASE(192, (O2(OC2_SUBSTANCE_MISUSE) = "1"), (O2(OC2_SUBSTANCE_MISUSE) = "1", O2(OC2_INTERVENTION_RECEIVED) = "1"))
CASE(193, (O2(OC2_INTERVENTION_RECEIVED) = "1"), (O2(OC2_INTERVENTION_RECEIVED) = "1", O2(OC2_SUBSTANCE_MISUSE) = "1"))
CASE(158, (O2(OC2_SUBSTANCE_MISUSE) = "1", O2(OC2_INTERVENTION_RECEIVED) = "1", O2(OC2_INTERVENTION_OFFERED) = "1"),
     (O2(OC2_SUBSTANCE_MISUSE) = "1", O2(OC2_INTERVENTION_RECEIVED) = "1"))
CASE(159, (O2(OC2_SUBSTANCE_MISUSE) = "1", O2(OC2_INTERVENTION_RECEIVED) = "0"),
     (O2(OC2_SUBSTANCE_MISUSE) = "1", O2(OC2_INTERVENTION_RECEIVED) = "0", O2(OC2_INTERVENTION_OFFERED) = "1"))
CASE(188, (V->dob = D(2022, 1, 1)), (V->dob = D(2022, 1, 1), O2(OC2_SDQ_SCORE) = NULL))
CASE(189, (V->dob = D(2006, 1, 1)), (V->dob = D(2006, 1, 1), O2(OC2_SDQ_SCORE) = NULL))
CASE(197a, (O2(OC2_SDQ_REASON) = "SDQ4"), NOTHING)
CASE(186, (O2(OC2_SDQ_SCORE) = NULL), (O2(OC2_SDQ_SCORE) = NULL, O2(OC2_SDQ_REASON) = "SDQ4"))
CASE(157, (O2(OC2_SDQ_SCORE) = NULL, O2(OC2_SDQ_REASON) = "SDQ1"),
     (O2(OC2_SDQ_SCORE) = NULL, O2(OC2_SDQ_REASON) = "SDQ1", V->dob = D(2022, 1, 1)))
CASE(542, (V->dob = D(2016, 1, 1)), (V->dob = D(2016, 1, 1), O2(OC2_CONVICTED) = NULL))
CASE(543, (O2(OC2_CONVICTED) = NULL), (O2(OC2_CONVICTED) = NULL, V->dob = D(2016, 1, 1)))
CASE(545, (V->dob = D(2021, 1, 1)), (V->dob = D(2021, 1, 1), O2(OC2_HEALTH_CHECK) = "1"))
CASE(546, (O2(OC2_HEALTH_CHECK) = "1"), (O2(OC2_HEALTH_CHECK) = "1", V->dob = D(2021, 1, 1)))
CASE(544, (O2(OC2_IMMUNISATIONS) = NULL), (O2(OC2_IMMUNISATIONS) = NULL, O2(OC2_CONVICTED) = NULL))
CASE(547, (O2(OC2_HEALTH_CHECK) = "1", O2(OC2_IMMUNISATIONS) = NULL), (O2(OC2_IMMUNISATIONS) = NULL))
CASE(185, leave(t), (leave(t), O2(OC2_SDQ_SCORE) = NULL))
CASE(190, leave(t), (leave(t), clear_oc2(t), O2(OC2_SDQ_SCORE) = "12"))
CASE(198, (leave(t), O2(OC2_SDQ_REASON) = "SDQ4"), leave(t))

/* AD1 */
CASE(112, (add_ad1(t)->date_int = BAD), add_ad1(t))
CASE(113, (add_ad1(t)->date_match = BAD), add_ad1(t))
CASE(114, (add_ad1(t)->foster_care = "2"), (add_ad1(t)->foster_care = "1"))
CASE(175, (add_ad1(t)->nb_adoptr = "3"), (add_ad1(t)->nb_adoptr = "2"))
CASE(176, (add_ad1(t)->sex_adoptr = "XX"), (add_ad1(t)->sex_adoptr = "MF"))
CASE(177, (add_ad1(t)->ls_adoptr = "L9"), (add_ad1(t)->ls_adoptr = "L3"))
CASE(151, (add_ad1(t)->nb_adoptr = NULL), add_ad1(t))
CASE(333, (add_ad1(t)->date_int = D(2024, 4, 1)), add_ad1(t))
CASE(331, (E(1)->place = "A6", add_ad1(t)->date_match = D(2024, 7, 1)), (E(1)->place = "A6", add_ad1(t)->date_match = D(2024, 5, 1)))
CASE(334, (add_ad1(t)->date_int = D(2023, 1, 1)), add_ad1(t))
CASE(335, (end_ep(t, 1, D(2025, 1, 1), "E11"), E(1)->place = "A5", add_ad1(t)),
     (end_ep(t, 1, D(2025, 1, 1), "E11"), E(1)->place = "A5", add_ad1(t)->foster_care = "1"))
CASE(521, (E(1)->place = "A6", add_ad1(t)->date_int = D(2024, 7, 1)), (E(1)->place = "A6", add_ad1(t)->date_int = D(2024, 5, 1)))
CASE(523, (add_ad1(t), add_placed(t, D(2024, 2, 1))), (add_ad1(t), add_placed(t, D(2024, 1, 1))))
CASE(525, (add_ad1(t), placed_ceased(t, D(2024, 1, 1), D(2024, 3, 1))), (add_ad1(t), add_placed(t, D(2024, 1, 1))))
CASE(582, (end_ep(t, 1, D(2025, 1, 1), "E11"), add_ad1(t)->date_match = D(2025, 1, 1)),
     (end_ep(t, 1, D(2025, 1, 1), "E11"), add_ad1(t)->date_match = D(2024, 12, 1)))
CASE(601, end_ep(t, 1, D(2025, 1, 1), "E11"), (end_ep(t, 1, D(2025, 1, 1), "E11"), add_ad1(t)))
CASE(602, add_ad1(t), (add_ad1(t), end_ep(t, 1, D(2025, 1, 1), "E11")))
CASE(511, (add_ad1(t)->nb_adoptr = "2"), (add_ad1(t)->nb_adoptr = "2", V->ad1[0].sex_adoptr = "FF"))
CASE(514, (add_ad1(t)->sex_adoptr = "MF"), (add_ad1(t)->sex_adoptr = "M1"))
CASE(517, (add_ad1(t)->ls_adoptr = "L3", V->ad1[0].sex_adoptr = "MM"), (add_ad1(t)->ls_adoptr = "L3", V->ad1[0].sex_adoptr = "MF"))
CASE(518, (add_ad1(t)->ls_adoptr = "L4", V->ad1[0].sex_adoptr = "MF"), (add_ad1(t)->ls_adoptr = "L4", V->ad1[0].sex_adoptr = "FF"))
CASE(519, (add_ad1(t)->ls_adoptr = "L2", V->ad1[0].sex_adoptr = "M1"), (add_ad1(t)->ls_adoptr = "L2", V->ad1[0].sex_adoptr = "MM"))
CASE(520, (add_ad1(t)->ls_adoptr = "L11", V->ad1[0].sex_adoptr = "MM"), (add_ad1(t)->ls_adoptr = "L11", V->ad1[0].sex_adoptr = "MF"))
CASE(524, (add_ad1(t)->ls_adoptr = "L12", V->ad1[0].sex_adoptr = "MF"), (add_ad1(t)->ls_adoptr = "L12", V->ad1[0].sex_adoptr = "FF"))

/* PlacedAdoption */
CASE(115, add_placed(t, BAD), add_placed(t, D(2024, 1, 1)))
CASE(116, (add_placed(t, D(2024, 1, 1))->date_ceased = BAD), add_placed(t, D(2024, 1, 1)))
CASE(117, add_placed(t, D(2025, 4, 5)), add_placed(t, D(2025, 3, 1)))
CASE(119, (add_placed(t, D(2024, 1, 1))->date_ceased = D(2024, 6, 1)), placed_ceased(t, D(2024, 1, 1), D(2024, 6, 1)))
CASE(120, (placed_ceased(t, D(2024, 1, 1), D(2024, 6, 1))->reason = "RD9"), (placed_ceased(t, D(2024, 1, 1), D(2024, 6, 1))->reason = "RD4"))
CASE(184, add_placed(t, D(2011, 1, 1)), add_placed(t, D(2024, 1, 1)))
CASE(522, placed_ceased(t, D(2024, 1, 1), D(2023, 12, 1)), placed_ceased(t, D(2024, 1, 1), D(2024, 2, 1)))
CASE(551, (E(1)->place = "A6"), (E(1)->place = "A6", add_placed(t, D(2024, 1, 1))))
CASE(552, (E(1)->place = "A6", add_placed(t, D(2024, 7, 1))), (E(1)->place = "A6", add_placed(t, D(2024, 5, 1))))
CASE(553, (E(1)->ls = "E1"), (E(1)->ls = "E1", add_placed(t, D(2024, 1, 1))))
CASE(554, (E(1)->ls = "E1", add_placed(t, D(2024, 7, 1))), (E(1)->ls = "E1", add_placed(t, D(2024, 5, 1))))
CASE(555, (E(1)->ls = "D1"), (E(1)->ls = "D1", add_placed(t, D(2024, 1, 1))))
CASE(556, (E(1)->ls = "D1", add_placed(t, D(2024, 7, 1))), (E(1)->ls = "D1", add_placed(t, D(2024, 5, 1))))
CASE(557, (add_placed(t, D(2024, 1, 1)), end_ep(t, 1, D(2025, 1, 1), "E4A")),
     (add_placed(t, D(2024, 1, 1)), end_ep(t, 1, D(2025, 1, 1), "E11")))
CASE(558, (placed_ceased(t, D(2024, 1, 1), D(2024, 6, 1)), end_ep(t, 1, D(2025, 1, 1), "E11")),
     (add_placed(t, D(2024, 1, 1)), end_ep(t, 1, D(2025, 1, 1), "E11")))
CASE(563, placed_ceased(t, NONE, D(2024, 6, 1)), placed_ceased(t, D(2024, 1, 1), D(2024, 6, 1)))
CASE(579, (placed_ceased(t, D(2024, 1, 1), D(2024, 5, 1)), add_placed(t, D(2024, 4, 1))),
     (placed_ceased(t, D(2024, 1, 1), D(2024, 5, 1)), add_placed(t, D(2024, 6, 1))))
CASE(583, (add_placed(t, D(2024, 1, 1)), add_placed(t, D(2024, 6, 1))),
     (placed_ceased(t, D(2024, 1, 1), D(2024, 5, 1)), add_placed(t, D(2024, 6, 1))))
CASE(1003, add_placed(t, D(2023, 1, 1)), placed_ceased(t, D(2023, 1, 1), D(2023, 3, 1)))

/* PrevPerm */
CASE(631, (add_pp(t)->prev_perm = "P9"), (add_pp(t)->prev_perm = "P2"))
CASE(632, (add_pp(t)->date_perm = BAD), add_pp(t))
CASE(633, (add_pp(t)->la_perm = "999"), add_pp(t))
CASE(635, (add_pp(t)->prev_perm = "Z1"), (add_pp(t)->prev_perm = "Z1", V->prevperm[0].la_perm = NULL, V->prevperm[0].date_perm = NONE))
CASE(630, (E(1)->rne = "S"), (E(1)->rne = "S", add_pp(t)))
CASE(634, (add_pp(t), E(0)->decom = D(2015, 1, 1)), add_pp(t))

/* SWEpisodes */
CASE(SW01STG1, (V->n_sw = 0), (V->n_sw = 0, leave(t)))
CASE(SW02STG1, (SW(0)->sw_id = "AB123"), (SW(0)->sw_id = "XX123"))
CASE(SW03STG1, (SW(0)->sw_id = NULL), NOTHING)
CASE(SW04STG1, (SW(0)->decom = BAD), NOTHING)
CASE(SW05STG1, (SW(0)->dec = BAD), NOTHING)
CASE(SW06STG2, (SW(0)->decom = D(2025, 4, 5)), (SW(0)->decom = D(2025, 3, 31)))
CASE(SW07STG2, (SW(0)->dec = D(2024, 3, 1), SW(0)->reason = "MANAGE"), (SW(0)->dec = D(2024, 5, 1), SW(0)->reason = "MANAGE"))
CASE(SW09STG2, (SW(0)->dec = SW(0)->decom, SW(0)->reason = "MANAGE"), (SW(0)->dec = SW(0)->decom + 1, SW(0)->reason = "MANAGE"))
CASE(SW108STG2, add_sw(t, D(2024, 6, 1)), (SW(0)->dec = D(2024, 6, 1), SW(0)->reason = "MANAGE", add_sw(t, D(2024, 6, 1))))
CASE(SW10STG2, (SW(0)->dec = D(2024, 7, 1), SW(0)->reason = "MANAGE", add_sw(t, D(2024, 6, 1))),
     (SW(0)->dec = D(2024, 7, 1), SW(0)->reason = "MANAGE", add_sw(t, D(2024, 7, 1))))
CASE(SW11STG2, (SW(0)->dec = D(2025, 1, 1), SW(0)->reason = "MANAGE"), (SW(0)->dec = D(2025, 3, 31), SW(0)->reason = "MANAGE"))
CASE(SW12STG2, (SW(0)->decom = D(2024, 5, 1)), (SW(0)->decom = D(2024, 4, 1)))
CASE(SW13STG1, (SW(0)->dec = D(2025, 1, 1), SW(0)->reason = "BADRSN"), (SW(0)->dec = D(2025, 1, 1), SW(0)->reason = "OTHERS"))
CASE(SW14STG2, (SW(0)->reason = "MANAGE"), NOTHING)
CASE(SW15STG2, (SW(0)->dec = D(2025, 1, 1)), (SW(0)->dec = D(2025, 1, 1), SW(0)->reason = "MANAGE"))

/* Files: rows without a Header, DOBs that disagree, duplicates */
CASE(INT01, (no_header(t), add_ad1(t)), add_ad1(t))
CASE(INT02, (no_header(t), add_placed(t, D(2024, 1, 1))), add_placed(t, D(2024, 1, 1)))
CASE(INT04, no_header(t), NOTHING)
CASE(INT05, no_header(t), NOTHING)
CASE(INT06, (no_header(t), add_oc3(t, "YES", "F2", "D1")), add_oc3(t, "YES", "F2", "D1"))
CASE(INT07, (no_header(t), add_pp(t)), add_pp(t))
CASE(INT08, no_header(t), NOTHING)
CASE(INT09, (no_header(t), add_uasc(t)), add_uasc(t))
CASE(INT11, (add_ad1(t)->dob = D(2012, 6, 2)), add_ad1(t))
CASE(INT12, (add_placed(t, D(2024, 1, 1))->dob = D(2012, 6, 2)), add_placed(t, D(2024, 1, 1)))
CASE(INT13, (MS(0)->dob = D(2012, 6, 2)), NOTHING)
CASE(INT14, (t->v.oc2[0].dob = D(2012, 6, 2)), NOTHING)
CASE(INT15, (add_oc3(t, "YES", "F2", "D1")->dob = D(2012, 6, 2)), add_oc3(t, "YES", "F2", "D1"))
CASE(INT16, (add_pp(t)->dob = D(2012, 6, 2)), add_pp(t))
CASE(INT17, (RV(0)->dob = D(2012, 6, 2)), NOTHING)
CASE(INT18, (add_uasc(t)->dob = D(2012, 6, 2)), add_uasc(t))
CASE(INT31, (add_ad1(t), add_ad1(t)), add_ad1(t))
CASE(INT33, (t->v.oc2[1] = t->v.oc2[0], V->n_oc2 = 2), NOTHING)
CASE(INT34, (add_oc3(t, "YES", "F2", "D1"), add_oc3(t, "YES", "F2", "D1")), add_oc3(t, "YES", "F2", "D1"))
CASE(INT35, (add_pp(t), add_pp(t)), add_pp(t))
CASE(INT36, (add_uasc(t), add_uasc(t)), add_uasc(t))

/* The rules that need reference data (refdata.c), on the base's: */
/* 392c: WR9 9ZZ has a postcode's shape but is not in the directory; WR2 2BB is. */
CASE(392c, (E(1)->home_post = "WR9 9ZZ"), (E(1)->home_post = "WR2 2BB"))
/* 164: ZE9 9ZZ is in the directory with no place (latitude 99.999999): no distance. WR1 1AA
 * to WR2 2BB: about 1.5 miles (0.01 degrees north = 0.69 miles; 0.03 degrees west at 52 N =
 * 0.03 x 69.1 x cos 52 = 1.28 miles; sqrt(0.69^2 + 1.28^2) = 1.45). */
CASE(164, (E(1)->pl_post = "ZE9 9ZZ"), (E(1)->pl_post = "WR2 2BB"))
/* 169: the district of PL_POST, none for WR9 9ZZ; "wr33cc" is WR3 3CC. */
CASE(169, (E(1)->pl_post = "WR9 9ZZ"), (E(1)->pl_post = "wr33cc"))
/* 202: SEX F now, M last year; "1" last year (the 2024 code) is M. */
CASE(202, (V->sex = "F"), (L->sex = "1"))
/* 203: DOB a day later than last year's; both a day later. */
CASE(203, (V->dob = D(2012, 6, 2)), (V->dob = D(2012, 6, 2), L->dob = D(2012, 6, 2)))
CASE(204, (V->ethnic = "WIRI"), (V->ethnic = "WIRI", L->ethnic = "WIRI"))
/* 208: a different UPN from last year's; last year's unknown (UN1), which may become known. */
CASE(208, (V->upn = "L885455310171"), (V->upn = "L885455310171", L->upn = "UN1"))
/* 502: last year's open episode began 1 April 2023, this year's first 1 May 2023; the same
 * when last year's episode was closed (then no episode carried on). */
CASE(502, (LE->decom = D(2023, 4, 1)), (LE->decom = D(2023, 4, 1), LE->dec = D(2023, 4, 30)))
/* 503A-F: the first episode (DECOM 1 May 2023, last year's open one) differs from it. */
CASE(503A, (LE->rne = "P"), (LE->rne = "P", LE->dec = D(2023, 6, 1)))
CASE(503B, (LE->ls = "C1"), (LE->ls = "C1", LE->dec = D(2023, 6, 1)))
CASE(503C, (LE->cin = "N2"), (LE->cin = "N2", LE->dec = D(2023, 6, 1)))
CASE(503E, (LE->provider = "PR2"), (LE->provider = "PR2", LE->dec = D(2023, 6, 1)))
CASE(503F, (LE->urn = "SC100001"), (LE->urn = "SC100001", E(0)->urn = "SC100001"))
/* 219: SC100001 is a children's home: not a U6 placement, a K2 one. */
CASE(219, (E(1)->urn = "SC100001"), (E(1)->urn = "SC100001", E(1)->place = "K2"))
/* 221: SC100001 is at WR3 3CC: not PL_POST WR2 2BB; wr3 3cc is it. */
CASE(221, (E(1)->urn = "SC100001", E(1)->pl_post = "WR2 2BB"), (E(1)->urn = "SC100001", E(1)->pl_post = "wr3 3cc"))
/* 224: SC100001 is Private (PR4 provision), not the PR1 (own provision) the episode says;
 * SC100002 is a local authority's: PR1 is one of its (PR1, PR2). */
CASE(224, (E(1)->urn = "SC100001"), (E(1)->urn = "SC100002"))
/* 229: the second episode is PR1, own provision. At SC100004, a home at B1 1AA (E08000025,
 * Birmingham, not one of the LA's codes): own provision outside the LA's area: fires. Near
 * miss: PR2, another LA's provision, there: agrees. (SC100001 at WR3 3CC, E07000237, as PR1
 * agrees; as PR2 it fires: test_229_other_la.) */
CASE(229, (E(1)->urn = "SC100004"), (E(1)->urn = "SC100004", E(1)->provider = "PR2"))
/* 227: SC100002 registered 1 January 2025, after DECOM 1 June 2024; SC100001 in 2020. */
CASE(227, (E(1)->urn = "SC100002"), (E(1)->urn = "SC100001"))
/* 228: SC100003 closed 1 January 2024, before DEC 1 June 2024 of the first episode. */
CASE(228, (E(0)->urn = "SC100003"), (E(0)->urn = "SC100001"))

/* NoE: the first episode began 1 May 2023, before the year; last year's return has no
 * episode of C1. Near miss: the same, the first episode beginning 1 April 2024, the year's
 * first day (not before it). */
CASE(NoE, (L->n_episodes = 0), (L->n_episodes = 0, E(0)->decom = D(2024, 4, 1)))
/* 562: the first episode began 1 May 2023; last year's latest began 1 April 2023, earlier:
 * the episode carried into this year is missing from last year's. Near miss: last year's
 * latest began 1 June 2023, after it (562 asks only whether it is missing; 502 says the rest). */
CASE(562, (LE->decom = D(2023, 4, 1)), (LE->decom = D(2023, 6, 1)))
/* 503G: the first episode is last year's open one (DECOM 1 May 2023). PL_DISTANCE is the
 * DfE's, to a tenth of a mile: this year WR1 1AA to WR2 2BB is 1.45 miles (0.01 N = 0.69;
 * 0.03 W = 1.27; sqrt(0.69^2 + 1.27^2) = 1.45, by the haversine 1.446), 1.4. Last year to
 * WR5 5EE, 2.12: 2.1: 0.7 apart, 0.2 or more: fires. To WR4 4DD, 1.27: 1.3: 0.1 apart,
 * rounding: does not. */
CASE(503G, (LE->pl_post = "WR5 5EE"), (LE->pl_post = "WR4 4DD"))
/* 503H: last year's PL_POST B1 1AA is in E08000025, this year's WR2 2BB in E07000237: fires;
 * WR5 5EE, another postcode in E07000237: does not. */
CASE(503H, (LE->pl_post = "B1 1AA"), (LE->pl_post = "WR5 5EE"))
/* 503J: PL_LOCATION, IN when PL_LA (the district of PL_POST) is one of the LA's codes. This
 * year WR2 2BB, E07000237: IN. Last year B1 1AA, E08000025: OUT: fires. Near miss: last year
 * WR9 9AA, E07000238, another district of the county: IN both years (503H fires there, the
 * district having changed; 503J does not). */
CASE(503J, (LE->pl_post = "B1 1AA"), (LE->pl_post = "WR9 9AA"))
/* 453: last year's open episode began 1 April 2023, not this year's first (1 May 2023), with
 * the same RNE (S): distances 2.1 then, 1.4 now: fires; 1.3 then: 0.1 apart: does not. */
CASE(453, (LE->decom = D(2023, 4, 1), LE->pl_post = "WR5 5EE"), (LE->decom = D(2023, 4, 1), LE->pl_post = "WR4 4DD"))
/* 624: MC_DOB 1 January 2024 now, 2 January 2024 last year; near miss: none last year. */
CASE(624, (V->mc_dob = D(2024, 1, 1), L->mc_dob = D(2024, 1, 2)), (V->mc_dob = D(2024, 1, 1)))
/* 626: MOTHER 1 with a first child born 1 January 2024 (before 1 April 2024), but MOTHER 0
 * in last year's return (made up to 31 March 2024): fires. Near miss: born 1 May 2024, in
 * the year: she became a mother after last year's return. */
CASE(626, (V->mother = "1", V->mc_dob = D(2024, 1, 1), L->mother = "0"),
     (V->mother = "1", V->mc_dob = D(2024, 5, 1), L->mother = "0"))
/* 205A: UASC last year with DUC blank (still UASC at 31 March 2024), no UASC row this year.
 * Near miss: last year's DUC 1 March 2024, before this year: the status had ceased. */
CASE(205A, last_uasc(t, NONE), last_uasc(t, D(2024, 3, 1)))
/* 205B: UASC both years; last year's DUC 1 March 2024, this year's blank. Near miss: 1 March
 * 2024 both years. */
CASE(205B, (last_uasc(t, D(2024, 3, 1)), add_uasc(t)), (last_uasc(t, D(2024, 3, 1)), add_uasc(t)->duc = D(2024, 3, 1)))
/* 205C: a UASC row this year with DUC 1 January 2023, before last year began (1 April 2023),
 * and none last year: UASC in neither year, yet a DUC. Near miss: DUC 1 June 2023, in last
 * year (then UASC last year, which 205D asks about). */
CASE(205C, (add_uasc(t)->duc = D(2023, 1, 1)), (add_uasc(t)->duc = D(2023, 6, 1)))
/* 205D: UASC this year (DUC blank), in last year's return without a UASC row. Near miss: a
 * row last year too. */
CASE(205D, add_uasc(t), (add_uasc(t), last_uasc(t, NONE)))

/* 1001: a care leaver born 1 June 2007 (14 on 1 June 2021, 16 on 1 June 2023) whose only
 * care in either year is 1 April 2024 to DEC: to 30 June 2024 is 30 + 31 + 29 = 90 days,
 * under 13 weeks (91): fires; to 1 July 2024, 91 days: does not. Last year's return has no
 * episode of C1. */
static int leaver_1001(struct env *t, hdate dec)
{
	V->dob = D(2007, 6, 1);
	L->dob = V->dob;
	L->n_episodes = 0;
	V->n_episodes = 1;
	V->n_hist = 1;
	E(0)->decom = D(2024, 4, 1);
	end_ep(t, 0, dec, "E8");
	add_oc3(t, "YES", "F2", "D1");
	return 0;
}
CASE(1001, leaver_1001(t, D(2024, 6, 30)), leaver_1001(t, D(2024, 7, 1)))
/* 1010: care leaver information, no episode this year, last year's return ended with an
 * episode open (base: DECOM 1 May 2023, no DEC). Near miss: it ended 1 January 2024. */
CASE(1010, (add_oc3(t, "YES", "F2", "D1"), V->n_episodes = 0, V->n_hist = 0),
     (add_oc3(t, "YES", "F2", "D1"), V->n_episodes = 0, V->n_hist = 0, LE->dec = D(2024, 1, 1)))

struct tcase {
	const char *id;
	void (*breaks)(struct env *);
	void (*keeps)(struct env *);
};

#define T(id) {#id, f_##id, p_##id}

static const struct tcase cases[] = {
	T(101), T(102), T(103), T(168), T(442), T(209), T(210), T(301), T(351), T(165), T(171), T(174), T(393),
	T(611), T(612), T(620), T(621), T(625), T(INT32), T(INT03), T(EPI), T(1012), T(141), T(147), T(143),
	T(144), T(145), T(146), T(149), T(178), T(1009), T(148), T(353), T(354), T(385), T(355), T(356), T(302),
	T(352), T(357), T(142), T(501), T(431), T(432), T(433), T(388), T(434), T(435), T(436), T(437), T(199),
	T(504), T(358), T(359), T(361), T(362), T(363), T(364), T(365), T(366), T(367), T(371), T(372), T(373),
	T(374), T(375), T(376), T(379), T(377), T(378), T(380), T(381), T(382), T(383), T(384), T(386), T(387),
	T(389), T(407), T(460), T(390), T(408), T(445), T(446), T(451), T(426), T(516), T(217), T(336), T(526),
	T(213), T(214), T(527), T(528), T(529), T(530), T(531), T(550), T(218), T(222), T(1008), T(225), T(226),
	T(392b), T(392c), T(392d), T(398), T(166), T(167), T(440), T(441), T(399), T(104), T(304), T(INT21),
	T(1014), T(564), T(1004), T(1005), T(1006), T(565), T(566), T(567), T(570), T(571), T(574), T(575),
	T(577), T(578), T(580), T(581), T(586), T(131), T(132), T(133), T(153), T(344), T(345), T(391), T(1000),
	T(1002), T(1007), T(1011), T(3001), T(134), T(187), T(215), T(180), T(196), T(181), T(182), T(191),
	T(192), T(193), T(158), T(159), T(188), T(189), T(197a), T(186), T(157), T(542), T(543), T(545), T(546),
	T(544), T(547), T(185), T(190), T(198), T(112), T(113), T(114), T(175), T(176), T(177), T(151), T(333),
	T(331), T(334), T(335), T(521), T(523), T(525), T(582), T(601), T(602), T(511), T(514), T(517), T(518),
	T(519), T(520), T(524), T(115), T(116), T(117), T(119), T(120), T(184), T(522), T(551), T(552), T(553),
	T(554), T(555), T(556), T(557), T(558), T(563), T(579), T(583), T(1003), T(631), T(632), T(633), T(635),
	T(630), T(634), T(SW01STG1), T(SW02STG1), T(SW03STG1), T(SW04STG1), T(SW05STG1), T(SW06STG2),
	T(SW07STG2), T(SW09STG2), T(SW108STG2), T(SW10STG2), T(SW11STG2), T(SW12STG2), T(SW13STG1),
	T(SW14STG2), T(SW15STG2), T(INT01), T(INT02), T(INT04), T(INT05), T(INT06), T(INT07), T(INT08), T(INT09),
	T(INT11), T(INT12), T(INT13), T(INT14), T(INT15), T(INT16), T(INT17), T(INT18), T(INT31), T(INT33),
	T(INT34), T(INT35), T(INT36), T(164), T(169), T(202), T(203), T(204), T(208), T(502), T(503A), T(503B),
	T(503C), T(503E), T(503F), T(219), T(221), T(224), T(227), T(228), T(NoE), T(562), T(503G), T(503H), T(503J), T(453), T(229),
	T(624), T(626), T(205A), T(205B), T(205C), T(205D), T(1001), T(1010),
};
#define N_CASES (sizeof(cases) / sizeof(cases[0]))

/* Runs every SSDA903 rule (as on a file: whatever the record holds) and says whether id
 * fired; *n_out gets the number of findings. */
static bool fires(struct env *t, const char *id, size_t *n_out)
{
	struct returns_findings out = {0};
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.year = t->year;
	x.from_record = t->record;
	x.ys = returns_year_start(t->year);
	x.ye = returns_year_end(t->year);
	x.a = &t->a;
	x.out = &out;
	x.s9 = &t->v;
	x.ref = t->ref;
	x.tables_absent = t->absent;
	rules_run_child(&x, RETURN_SSDA903, NULL);
	bool hit = false;
	for (size_t i = 0; i < out.n; i++) {
		hit = hit || (id && strcmp(out.items[i].rule->id, id) == 0);
	}
	if (n_out) {
		*n_out = out.n;
	}
	return hit;
}

static void test_base_is_clean(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	struct returns_findings out = {0};
	struct returns_ctx x = {0};
	x.year = t.year;
	x.ys = returns_year_start(t.year);
	x.ye = returns_year_end(t.year);
	x.a = &t.a;
	x.out = &out;
	x.s9 = &t.v;
	x.ref = t.ref;
	rules_run_child(&x, RETURN_SSDA903, NULL);
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
	bool f = fires(&t, c->id, NULL);
	base(&t);
	c->keeps(&t);
	bool p = fires(&t, c->id, NULL);
	arena_free(&t.a);
	if (!f) {
		fail_msg("rule %s did not fire on its failing case", c->id);
	}
	if (p) {
		fail_msg("rule %s fired on its passing case", c->id);
	}
}

/* 146 by the row's own year, in the 2026 return (2025-26), where H5 is no longer a code:
 *   - H5 on the episode begun 1 May 2023 (year 2024, H5 a code then): no finding;
 *   - H5 on an episode begun 1 June 2025 (year 2026): a finding;
 *   - Z1 on the episode begun 1 June 2024 (year 2025, Z1 a code then): no finding. */
static void test_146_by_row_year(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.year = 2026;
	t.v.episodes[0].place = "H5";
	t.v.episodes[1].place = "Z1";
	assert_false(fires(&t, "146", NULL));
	struct s9_episode *e = add_ep(&t, D(2025, 6, 1), "P", "C2", "H5");
	(void)e;
	assert_true(fires(&t, "146", NULL));
	t.v.episodes[2].place = "Z12";
	assert_false(fires(&t, "146", NULL));
	arena_free(&t.a);
}

/* Each hand-worked test below starts from base(): a boy born 1 June 2012, looked after
 * since 1 May 2023 (S, U4), a new placement on 1 June 2024 (P, U6) still open at 31 March
 * 2025, in the 2025 return (1 April 2024 to 31 March 2025). */

/* OC2 cohort (190, 191, 546, 187): looked after continuously for 12 months at 31 March 2025 means
 * a period of care begun on or before 1 April 2024 and open at 31 March 2025, other than on
 * short breaks (V3/V4).
 *   - base: period from 1 May 2023, open: in the cohort; a blank TEETH_CHECK is 191.
 *   - the period begins 1 April 2024 (first episode moved): 1 April 2024 to 31 March 2025 is
 *     12 months: still in the cohort, 191 still fires.
 *   - begins 2 April 2024: 364 days at 31 March: not in the cohort; 191 does not fire, and
 *     the health items given are 190's.
 *   - ceased 1 January 2025 (E8): not looked after at 31 March: not in the cohort.
 *   - the open episode under V3: short breaks: not in the cohort.
 * 546 (HEALTH_CHECK for a child of 5 or over at 31 March; he is 12): fires in the cohort,
 * not outside it (there it is 190's finding, not 546's as well). */
static void test_oc2_cohort(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.oc2[0].v[OC2_TEETH_CHECK] = NULL;
	assert_true(fires(&t, "191", NULL));
	t.v.episodes[0].decom = D(2024, 4, 1);
	t.v.episodes[0].dec = D(2024, 6, 1);
	assert_true(fires(&t, "191", NULL));
	t.v.episodes[0].decom = D(2024, 4, 2);
	assert_false(fires(&t, "191", NULL));
	assert_true(fires(&t, "190", NULL));

	base(&t);
	t.v.oc2[0].v[OC2_TEETH_CHECK] = NULL;
	end_ep(&t, 1, D(2025, 1, 1), "E8");
	assert_false(fires(&t, "191", NULL));
	base(&t);
	t.v.oc2[0].v[OC2_TEETH_CHECK] = NULL;
	t.v.episodes[1].ls = "V3";
	assert_false(fires(&t, "191", NULL));

	/* 187 on the cohort: in it with an AD1 row and no OC2 row: fires; out of it (ceased 1
	 * January 2025) with an OC2 row and an OC3 row: does not (190 has the OC2 items). */
	base(&t);
	t.v.n_oc2 = 0;
	add_ad1(&t);
	assert_true(fires(&t, "187", NULL));
	base(&t);
	add_oc3(&t, "YES", "F2", "D1");
	end_ep(&t, 1, D(2025, 1, 1), "E8");
	assert_false(fires(&t, "187", NULL));
	assert_true(fires(&t, "190", NULL));

	base(&t);
	t.v.oc2[0].v[OC2_HEALTH_CHECK] = "1";
	assert_true(fires(&t, "546", NULL));
	end_ep(&t, 1, D(2025, 1, 1), "E8");
	assert_false(fires(&t, "546", NULL));
	assert_true(fires(&t, "190", NULL));
	arena_free(&t.a);
}

/* 168, the UPN's form: letter (not I, O, S) + 12 digits, or + 11 digits and a letter; or
 * UN1-UN5. L885455310171 (its true check letter, test_upn) passes; so does M885455310171
 * (the wrong check letter is no 903 rule); L88545531017A (temporary) passes; I885455310171
 * (I first), L8854553101X1 (a letter among the digits), UN6, and a blank UPN fail. */
static void test_168_form(void **state)
{
	(void)state;
	static const struct {
		const char *upn;
		bool fires;
	} c[] = {
		{"L885455310171", false}, {"M885455310171", false}, {"L88545531017A", false}, {"UN5", false},
		{"I885455310171", true},  {"L8854553101X1", true},  {"UN6", true},	      {NULL, true},
	};
	struct env t = {0};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		base(&t);
		t.v.upn = c[i].upn;
		if (fires(&t, "168", NULL) != c[i].fires) {
			fail_msg("168 on '%s': expected %s", c[i].upn ? c[i].upn : "(blank)", c[i].fires ? "a finding" : "none");
		}
	}
	arena_free(&t.a);
}

/* 165 and 393, MOTHER for girls:
 *   - a girl looked after in the year, MOTHER blank: both 165 and 393 (age is no matter:
 *     born 1 January 2019, she is 6 at 31 March 2025 and still asked);
 *   - MOTHER "2": 165 (not 0 or 1), not 393 (it is completed);
 *   - SEX U with MOTHER blank: neither (a child of unknown sex is not asked);
 *   - a girl with no episode in the year but care leaver information (OC3): neither;
 *   - a girl with no episode and no care leaver information: 165 (DfE: blank only for a boy
 *     or a care leaver with OC3 items);
 *   - a girl only on short breaks (every episode V3): not 393. */
static void test_mother(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.sex = "F";
	t.v.dob = D(2019, 1, 1);
	t.v.oc2[0].v[OC2_CONVICTED] = NULL;
	assert_true(fires(&t, "165", NULL));
	assert_true(fires(&t, "393", NULL));
	t.v.mother = "2";
	assert_true(fires(&t, "165", NULL));
	assert_false(fires(&t, "393", NULL));
	/* SEX U (2025): not a girl, so not asked MOTHER. */
	t.v.mother = NULL;
	t.v.sex = "U";
	assert_false(fires(&t, "165", NULL));
	assert_false(fires(&t, "393", NULL));

	base(&t);
	t.v.sex = "F";
	t.v.n_episodes = 0;
	t.v.n_hist = 0;
	add_oc3(&t, "YES", "F2", "D1");
	assert_false(fires(&t, "165", NULL));
	assert_false(fires(&t, "393", NULL));
	t.v.n_oc3 = 0;
	assert_true(fires(&t, "165", NULL));

	base(&t);
	t.v.sex = "F";
	respite(&t);
	assert_false(fires(&t, "393", NULL));
	arena_free(&t.a);
}

/* 148 with a DEC that is no date: beside REC E8 the episode has a reason for ceasing and no
 * date (148, and 147); beside a blank REC neither is coded (147 only). */
static void test_148_bad_dec(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	end_ep(&t, 1, BAD, "E8");
	assert_true(fires(&t, "148", NULL));
	assert_true(fires(&t, "147", NULL));
	end_ep(&t, 1, BAD, NULL);
	assert_false(fires(&t, "148", NULL));
	assert_true(fires(&t, "147", NULL));
	arena_free(&t.a);
}

/* 178, provider codes by placement type and year:
 *   2025: T1 with PR1 fires (a temporary placement takes no provider); Z1 with PR1 fires;
 *         K2 with PR1 does not.
 *   2026 (episode begun 1 June 2025): Z11 with PR1 fires; K2 with PR1 does not; T4 with PR1
 *         does not (the 2025-26 list is T0-T3 and Z11-Z14; T4 is 213's); a Z1 begun in June
 *         2024 with PR1 fires (judged by its own year's list). */
static void test_178_by_place(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.episodes[1].place = "T1";
	assert_true(fires(&t, "178", NULL));
	t.v.episodes[1].place = "Z1";
	assert_true(fires(&t, "178", NULL));
	t.v.episodes[1].place = "K2";
	assert_false(fires(&t, "178", NULL));

	base(&t);
	t.year = 2026;
	add_ep(&t, D(2025, 6, 1), "P", "C2", "Z11")->provider = "PR1";
	end_ep(&t, 1, D(2025, 6, 1), "X1");
	assert_true(fires(&t, "178", NULL));
	t.v.episodes[2].place = "K2";
	assert_false(fires(&t, "178", NULL));
	t.v.episodes[2].place = "T4";
	assert_false(fires(&t, "178", NULL));
	/* Z1 on the episode begun 1 June 2024 (year 2025, when Z1 took no provider), with PR1,
	 * in the 2026 return: still fires. */
	t.v.episodes[2].place = "K2";
	t.v.episodes[1].place = "Z1";
	assert_true(fires(&t, "178", NULL));
	arena_free(&t.a);
}

/* 357 and 1002, first episodes:
 *   - the first episode ever (1 May 2023) with RNE blank: 357 (blank is not S);
 *   - with the record's history holding an earlier episode (1 January 2023 to 1 May 2023,
 *     X1), the year's first is not the first ever: no 357 even with RNE P;
 *   - 1002 from files (no last year's return) does not fire for a care leaver with no
 *     episode in the year; from the record, with no episode ever, it does; with one in the
 *     history it does not. */
static void test_first_episode(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.episodes[0].rne = NULL;
	assert_true(fires(&t, "357", NULL));

	base(&t);
	struct s9_episode *h = arena_alloc(&t.a, sizeof(*h) * 3);
	h[0] = t.v.episodes[0];
	h[0].decom = D(2023, 1, 1);
	h[0].dec = D(2023, 5, 1);
	h[0].rec = "X1";
	h[1] = t.v.episodes[0];
	h[1].rne = "P";
	h[2] = t.v.episodes[1];
	t.v.episodes[0].rne = "P";
	t.v.hist = h;
	t.v.n_hist = 3;
	t.record = true;
	assert_false(fires(&t, "357", NULL));

	/* base() frees the arena, h with it: the earlier episode is made again in this one. */
	base(&t);
	struct s9_episode *earlier = arena_alloc(&t.a, sizeof(*earlier));
	earlier[0] = t.v.episodes[0];
	earlier[0].decom = D(2023, 1, 1);
	earlier[0].dec = D(2023, 5, 1);
	earlier[0].rec = "X1";
	t.v.n_episodes = 0;
	t.v.n_hist = 0;
	t.v.n_reviews = t.v.n_missing = t.v.n_oc2 = t.v.n_sw = 0;
	add_oc3(&t, "YES", "F2", "D1");
	assert_false(fires(&t, "1002", NULL));
	t.record = true;
	assert_true(fires(&t, "1002", NULL));
	t.v.hist = earlier;
	t.v.n_hist = 1;
	assert_false(fires(&t, "1002", NULL));
	arena_free(&t.a);
}

/* 440 takes the age from the review row's DOB: the Header says born 1 January 2021 (3 at the
 * review on 1 July 2024) but the Reviews row says 1 June 2012 (12): PN0 is 440's. */
static void test_440_row_dob(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.dob = D(2021, 1, 1);
	t.v.reviews[0].code = "PN0";
	assert_true(fires(&t, "440", NULL));
	t.v.reviews[0].dob = D(2021, 1, 1);
	assert_false(fires(&t, "440", NULL));
	arena_free(&t.a);
}

/* 164 by distance: WR1 1AA (52.19 N, 2.22 W) to FIQQ 1ZZ (Stanley, 51.69 S, 57.85 W) is
 * about 7,900 miles (103.9 degrees of latitude apart alone is 103.9 x 69.1 = 7,180 miles),
 * over 999.9: a finding; to WR2 2BB (1.45 miles, above) none. */
static void test_164_distance(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	returns_refdata_add_postcode(t.ref, "FIQQ 1ZZ", "", -51.69, -57.85);
	assert_false(fires(&t, "164", NULL));
	t.v.episodes[1].pl_post = "FIQQ 1ZZ";
	assert_true(fires(&t, "164", NULL));
	arena_free(&t.a);
}

/* 1008 with Ofsted's register: SC123456 has a URN's shape but is not in the base's register
 * (SC100001-3); without a register only the shape is checked. */
/* 1001 counts an episode reported in both years once. A care leaver born 1 June 2007, in
 * care from 1 January 2024: last year's return has the episode open at 31 March 2024 (90
 * days: 31 + 29 + 31 - 1 = 90, 1 January to 31 March), this year's the same episode (the
 * same DECOM) ended 15 February 2024. From files, this year's row is the one counted
 * (1 January to 15 February: 31 + 14 = 45 days): under 91, fires. Counted twice it would be
 * 45 + 90 = 135 and would not. With last year's episode an earlier one (DECOM 1 October
 * 2023 to 1 January 2024: 92 days), both count: 137: does not fire. */
static void test_1001_once(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.dob = D(2007, 6, 1);
	t.last->dob = t.v.dob;
	t.v.n_episodes = t.v.n_hist = 1;
	t.v.episodes[0].decom = D(2024, 1, 1);
	t.v.episodes[0].dec = D(2024, 2, 15);
	t.v.episodes[0].rec = "E8";
	t.last->episodes[0].decom = D(2024, 1, 1);
	t.v.oc3[t.v.n_oc3++] = (struct s9_oc3){t.v.dob, "YES", "F2", "D1", 2, 0};
	assert_true(fires(&t, "1001", NULL));
	t.last->episodes[0].decom = D(2023, 10, 1);
	t.last->episodes[0].dec = D(2024, 1, 1);
	assert_false(fires(&t, "1001", NULL));
	arena_free(&t.a);
}

/* 205A and rule 1014: a UASC child (last year's row, DUC blank) who left care last year is a
 * care leaver this year, with OC3 and no episode, and so without a UASC row (1014 says UASC
 * is not for care leavers): not 205A's; looked after this year without the row it is. */
/* 1001, looked after while 16: a care leaver born 1 January 2008 (16 on 1 January 2024),
 * with no episode this year and one in last year's return, 1 September 2023 (after the 14th
 * birthday) to DEC 1 January 2024: 30 + 31 + 30 + 31 = 122 days, over 13 weeks, but DEC is
 * the birthday itself, the first day not looked after: never looked after at 16: fires. DEC
 * 2 January 2024: looked after on the birthday: does not. */
/* 453 compares only a first episode with the same RNE as last year's open one: with WR5 5EE
 * last year (2.1 against 1.4) and RNE P there, it does not fire; with S, it does. */
static void test_453_rne(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.last->episodes[0].decom = D(2023, 4, 1);
	t.last->episodes[0].pl_post = "WR5 5EE";
	t.last->episodes[0].rne = "P";
	assert_false(fires(&t, "453", NULL));
	t.last->episodes[0].rne = "S";
	assert_true(fires(&t, "453", NULL));
	arena_free(&t.a);
}

static void test_1001_sixteen(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.dob = t.last->dob = D(2008, 1, 1);
	t.v.n_episodes = t.v.n_hist = 0;
	t.last->episodes[0].decom = D(2023, 9, 1);
	t.last->episodes[0].dec = D(2024, 1, 1);
	t.last->episodes[0].rec = "E8";
	t.v.oc3[t.v.n_oc3++] = (struct s9_oc3){t.v.dob, "YES", "F2", "D1", 2, 0};
	assert_true(fires(&t, "1001", NULL));
	t.last->episodes[0].dec = D(2024, 1, 2);
	assert_false(fires(&t, "1001", NULL));
	arena_free(&t.a);
}

static void test_205A_care_leaver(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	last_uasc(&t, NONE);
	t.v.n_episodes = t.v.n_hist = 0;
	t.v.oc3[t.v.n_oc3++] = (struct s9_oc3){t.v.dob, "YES", "F2", "D1", 2, 0};
	assert_false(fires(&t, "205A", NULL));
	t.v.n_episodes = t.v.n_hist = 2;
	assert_true(fires(&t, "205A", NULL));
	arena_free(&t.a);
}

static void test_1008_register(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.episodes[1].urn = "SC123456";
	assert_true(fires(&t, "1008", NULL));
	t.ref = NULL;
	assert_false(fires(&t, "1008", NULL));
	arena_free(&t.a);
}

/* Without the reference data a rule needs, it does not run (the report lists it as not
 * run): 392c on a postcode in no directory, with no directory given. */
static void test_refs_absent(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.episodes[1].home_post = "WR9 9ZZ";
	assert_true(fires(&t, "392c", NULL));
	t.ref = NULL;
	assert_false(fires(&t, "392c", NULL));
	assert_int_equal(returns_rule_refs_missing(returns_rule_find(RETURN_SSDA903, "392c"), NULL), REF_POSTCODES);
	assert_int_equal(returns_rule_refs_missing(returns_rule_find(RETURN_SSDA903, "101"), NULL), 0);
	/* 224 with a register read without its Sector column (as the record holds it): not run,
	 * needing the Sector; with it, it runs. */
	struct returns_refdata *rd = returns_refdata_new(&t.a);
	returns_refdata_add_provider(rd, "SC100001", "Children's home", "WR3 3CC", NONE, NONE);
	assert_int_equal(returns_rule_refs_missing(returns_rule_find(RETURN_SSDA903, "224"), rd), REF_PROVIDER_SECTOR);
	ref_provider_sector(rd, "Private");
	assert_int_equal(returns_rule_refs_missing(returns_rule_find(RETURN_SSDA903, "224"), rd), 0);
	arena_free(&t.a);
}

/* 229 the other way: SC100001 is at WR3 3CC, in E07000237, one of the LA's districts: as
 * another LA's provision (PR2) it is within the LA's area: fires; as PR1 (the base's) it
 * agrees; as PR4 (private) 229 has nothing to compare (224 says the rest). */
static void test_229_other_la(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.episodes[1].urn = "SC100001";
	assert_false(fires(&t, "229", NULL));
	t.v.episodes[1].provider = "PR2";
	assert_true(fires(&t, "229", NULL));
	t.v.episodes[1].provider = "PR4";
	assert_false(fires(&t, "229", NULL));
	arena_free(&t.a);
}

/* 503J and 503H on one change: last year's PL_POST WR9 9AA is in E07000238 (Wychavon), this
 * year's WR2 2BB in E07000237 (Worcester), both the LA's: PL_LA differs (503H), PL_LOCATION
 * IN both years (no 503J). With the LA's codes only the county's (E10000034) both are OUT:
 * still no 503J. */
static void test_503J_districts(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.last->episodes[0].pl_post = "WR9 9AA";
	assert_true(fires(&t, "503H", NULL));
	assert_false(fires(&t, "503J", NULL));
	struct returns_refdata *county = t.ref;
	assert_int_equal(returns_refdata_la_codes(county, "E10000034", NULL), 0);
	assert_false(fires(&t, "503J", NULL));
	arena_free(&t.a);
}

/* Without the LA's codes 229 and 503J do not run (needing the LA code: REF_LA_CODE), the
 * setting's "none" gives none, and a value not of the setting's rule is refused naming the
 * setting, with nothing given. */
static void test_la_code_absent(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	struct returns_refdata *rd = returns_refdata_new(&t.a);
	const struct returns_rule *r229 = returns_rule_find(RETURN_SSDA903, "229"),
				  *r503J = returns_rule_find(RETURN_SSDA903, "503J");
	assert_int_equal(returns_rule_refs_missing(r229, rd), REF_PROVIDERS | REF_POSTCODES | REF_LA_CODE);
	assert_int_equal(returns_rule_refs_missing(r503J, rd), REF_LAST_YEAR | REF_POSTCODES | REF_LA_CODE);
	assert_int_equal(returns_refdata_la_codes(rd, "none", NULL), 0);
	assert_int_equal(returns_refdata_have(rd) & REF_LA_CODE, 0);
	struct hearth_error err = {0};
	assert_int_equal(returns_refdata_la_codes(rd, "885", &err), HERR_INVALID);
	assert_string_equal(err.field, "la_ons_codes");
	assert_non_null(strstr(err.message, "229 and 503J"));
	assert_int_equal(returns_refdata_la_codes(rd, "E10000034,E0700023", NULL), HERR_INVALID);
	assert_int_equal(returns_refdata_have(rd) & REF_LA_CODE, 0);
	assert_null(returns_refdata_la_codes_text(rd));
	assert_int_equal(returns_refdata_la_codes(rd, "E10000034,E07000237", NULL), 0);
	assert_int_equal(returns_rule_refs_missing(r229, rd), REF_PROVIDERS | REF_POSTCODES);
	assert_string_equal(returns_refdata_la_codes_text(rd), "E10000034,E07000237");
	arena_free(&t.a);
}

/* A rule reading a table the files did not supply does not run, and is reported as needing
 * it; with the table supplied it fires as before. SW01STG1: the base child is looked after
 * on 31 March with no SWEpisodes rows, so it fires when SWEpisodes was supplied (empty for
 * this child) and must not when there was no SWEpisodes file (the XML form). 630: an episode
 * with RNE S and no PrevPerm row fires only when PrevPerm was supplied. 551 (its own table
 * Episodes, reading PlacedAdoption) likewise. Rules on the tables supplied still run: 357 is
 * unaffected by SWEpisodes' absence. */
static void test_tables_absent(void **state)
{
	(void)state;
	struct env t = {0};
	base(&t);
	t.v.n_sw = 0;
	assert_true(fires(&t, "SW01STG1", NULL));
	t.absent = T903_SWEpisodes;
	assert_false(fires(&t, "SW01STG1", NULL));
	const struct returns_rule *sw01 = returns_rule_find(RETURN_SSDA903, "SW01STG1");
	assert_int_equal(sw01->tables, T903_SWEpisodes | T903_Episodes);
	assert_int_equal(returns_rule_not_given(sw01, t.ref, T903_SWEpisodes), REF_TABLE(T903_SWEpisodes));
	assert_int_equal(returns_rule_not_given(sw01, t.ref, 0), 0);
	assert_string_equal(returns_ref_name(REF_TABLE(T903_SWEpisodes)), "the table SWEpisodes");
	/* the reference data and the tables together */
	const struct returns_rule *r392c = returns_rule_find(RETURN_SSDA903, "392c");
	assert_int_equal(returns_rule_not_given(r392c, NULL, T903_Episodes), REF_POSTCODES | REF_TABLE(T903_Episodes));
	assert_int_equal(returns_rule_not_given(r392c, NULL, T903_SWEpisodes), REF_POSTCODES);
	assert_int_equal(returns_rule_find(RETURN_SSDA903, "101")->tables, T903_Header);
	assert_int_equal(returns_rule_find(RETURN_CIN, "100")->tables, 0);

	t.absent = 0;
	t.v.episodes[1].rne = "S";
	t.v.n_prevperm = 0;
	assert_true(fires(&t, "630", NULL));
	t.absent = T903_PrevPerm;
	assert_false(fires(&t, "630", NULL));
	assert_int_equal(returns_rule_not_given(returns_rule_find(RETURN_SSDA903, "630"), t.ref, T903_PrevPerm),
			 REF_TABLE(T903_PrevPerm));
	arena_free(&t.a);

	struct env u = {0};
	base(&u);
	u.v.episodes[1].place = "A6";
	u.v.n_placed = 0;
	assert_true(fires(&u, "551", NULL));
	u.absent = T903_PlacedAdoption | T903_SWEpisodes;
	assert_false(fires(&u, "551", NULL));
	u.v.episodes[0].rne = "P"; /* the first episode ever not S: 357 still runs */
	assert_true(fires(&u, "357", NULL));
	arena_free(&u.a);
}

/* Every rule in the table has its cases, and every case names a rule. */
static void test_every_rule_has_cases(void **state)
{
	(void)state;
	int missing = 0;
	size_t n;
	const struct returns_rule *r = returns_rules(&n);
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind != RETURN_SSDA903) {
			continue;
		}
		bool found = false;
		for (size_t k = 0; k < N_CASES; k++) {
			found = found || strcmp(cases[k].id, r[i].id) == 0;
		}
		if (!found) {
			print_error("rule %s has no test case\n", r[i].id);
			missing++;
		}
		for (size_t k = 0; k < i; k++) {
			if (r[k].kind == RETURN_SSDA903 && strcmp(r[k].id, r[i].id) == 0) {
				print_error("rule %s twice in the table\n", r[i].id);
				missing++;
			}
		}
	}
	for (size_t k = 0; k < N_CASES; k++) {
		if (!returns_rule_find(RETURN_SSDA903, cases[k].id)) {
			print_error("case %s names no rule\n", cases[k].id);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* A UPN whose check letter was worked by hand: L + 885455310171:
 * 8*2+8*3+5*4+4*5+5*6+5*7+3*8+1*9+0*10+1*11+7*12+1*13 = 286; 286 mod 23 = 10, and the
 * eleventh letter of ABCDEFGHJKLMNPQRTUVWXYZ (counting from 0) is L. */
static void test_upn(void **state)
{
	(void)state;
	assert_int_equal(upn_check_letter("885455310171"), 'L');
	assert_null(upn_problem("L885455310171"));
	assert_string_equal(upn_problem("M885455310171"), "1510");
	assert_string_equal(upn_problem("L999455310171"), "1530");
	assert_string_equal(upn_problem("L8854553101X1"), "1540");
	assert_string_equal(upn_problem("L88545531017I"), "1550");
	assert_string_equal(upn_problem("L88545531017"), "format");
	assert_true(postcode_valid("WR1 1AA"));
	assert_true(postcode_valid("SW1A1AA"));
	assert_false(postcode_valid("WR1 1A"));
	assert_true(urn_valid("SC123456"));
	assert_false(urn_valid("SC12345"));
}

int main(void)
{
	static const struct CMUnitTest extra[] = {
		cmocka_unit_test(test_146_by_row_year), cmocka_unit_test(test_oc2_cohort),
		cmocka_unit_test(test_168_form),	cmocka_unit_test(test_mother),
		cmocka_unit_test(test_148_bad_dec),	cmocka_unit_test(test_178_by_place),
		cmocka_unit_test(test_first_episode),	cmocka_unit_test(test_440_row_dob),
		cmocka_unit_test(test_164_distance),	cmocka_unit_test(test_refs_absent),
		cmocka_unit_test(test_1008_register), cmocka_unit_test(test_1001_once), cmocka_unit_test(test_205A_care_leaver),
		cmocka_unit_test(test_1001_sixteen), cmocka_unit_test(test_453_rne), cmocka_unit_test(test_229_other_la),
		cmocka_unit_test(test_503J_districts), cmocka_unit_test(test_la_code_absent),	cmocka_unit_test(test_tables_absent),
	};
	enum { N_EXTRA = sizeof(extra) / sizeof(extra[0]) };
	struct CMUnitTest tests[N_CASES + 3 + N_EXTRA];
	tests[0] = (struct CMUnitTest)cmocka_unit_test(test_base_is_clean);
	tests[1] = (struct CMUnitTest)cmocka_unit_test(test_every_rule_has_cases);
	tests[2] = (struct CMUnitTest)cmocka_unit_test(test_upn);
	for (size_t i = 0; i < N_EXTRA; i++) {
		tests[N_CASES + 3 + i] = extra[i];
	}
	static char names[N_CASES][32];
	for (size_t i = 0; i < N_CASES; i++) {
		snprintf(names[i], sizeof(names[i]), "rule_%s", cases[i].id);
		tests[i + 3] = (struct CMUnitTest){names[i], run_case, NULL, NULL, (void *)&cases[i]};
	}
	return _cmocka_run_group_tests("returns/rules903", tests, N_CASES + 3 + N_EXTRA, NULL, NULL);
}
