/* plant: known duplicate records planted in the demo county, so that the duplicate list
 * (hearth duplicates, /duplicates) can be tested against pairs known in advance.
 *
 * Each plant is a second record of a child the generator made (the first live child from
 * C000100 on with what the plant needs), recorded again by a contact under LA child id
 * DUP01..DUP06, as a front door records a child it did not find:
 *   DUP01  the same NHS number, the given name misspelt          (same_identifier)
 *   DUP02  the same UPN, no NHS number                           (same_upn)
 *   DUP03  the same date of birth, the family name misspelt      (same_dob_similar_name)
 *   DUP04  the same date of birth, given and family swapped      (same_dob_swapped_name)
 *   DUP05  the same date of birth, the family name hyphenated    (same_dob_similar_name)
 *   DUP06  unborn, expected 10 days before the child's birth, the same mother
 *                                                                (unborn_parent)
 * tests/cli/duplicates.sh holds the same list. The plants carry no other identifier, so
 * each is found for its own reason. */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"

enum plant_need { NEED_NHS, NEED_UPN, NEED_BORN };

/* The first live child from C000100 (skipping the ids of earlier plants' originals)
 * that has what the plant needs: its id and values. */
static int original(struct demo_ctx *cx, enum plant_need need, int64_t *from, int64_t *id, struct hval **v)
{
	for (int64_t n = *from; n < cx->next_child; n++) {
		char la[24];
		snprintf(la, sizeof(la), "C%06lld", (long long)n);
		if (store_find(cx->st, &entity_child, CHILD_LA_CHILD_ID, la, id, NULL) ||
		    store_get(cx->st, &entity_child, *id, &cx->batch, v, NULL)) {
			continue;
		}
		struct hval *c = *v;
		if (c[CHILD_DOB].null || c[CHILD_RESTRICTED].i || c[CHILD_DEATH_DATE].null == false) {
			continue;
		}
		if ((need == NEED_NHS && c[CHILD_NHS_NUMBER].null) || (need == NEED_UPN && c[CHILD_UPN].null)) {
			continue;
		}
		*from = n + 1;
		return 0;
	}
	return herr_set(cx->err, HERR_NOT_FOUND, "child", "plant", "no child to plant a duplicate of");
}

static int contact(struct demo_ctx *cx, int64_t child, hdate d)
{
	struct hval v[CONTACT__COUNT];
	for (int i = 0; i < CONTACT__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	v[CONTACT_CHILD_ID] = (struct hval){.i = child};
	v[CONTACT_CONTACT_DATE] = (struct hval){.i = d};
	v[CONTACT_SOURCE] = (struct hval){.s = "1A"};
	/* Decided the same day (the front door found the open case): nothing left due. */
	v[CONTACT_DECISION_DATE] = (struct hval){.i = d};
	v[CONTACT_DECISION] = (struct hval){.s = "existing_case"};
	int64_t id;
	return store_insert(cx->st, "demo", &entity_contact, v, &id, cx->err);
}

static int mother_of(struct demo_ctx *cx, int64_t person, int64_t child, hdate from)
{
	struct hval v[RELATIONSHIP__COUNT];
	for (int i = 0; i < RELATIONSHIP__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	v[RELATIONSHIP_CHILD_ID] = (struct hval){.i = child};
	v[RELATIONSHIP_PERSON_ID] = (struct hval){.i = person};
	v[RELATIONSHIP_KIND] = (struct hval){.s = "mother"};
	v[RELATIONSHIP_PARENTAL_RESPONSIBILITY] = (struct hval){.i = 1};
	v[RELATIONSHIP_START_DATE] = (struct hval){.i = from};
	int64_t id;
	return store_insert(cx->st, "demo", &entity_relationship, v, &id, cx->err);
}

/* A name with its second letter dropped ("Olivia" -> "Oivia"): one edit. */
static const char *misspelt(struct demo_ctx *cx, const char *s)
{
	size_t n = strlen(s);
	return n < 4 ? arena_printf(&cx->batch, "%s%c", s, s[n - 1])
		     : arena_printf(&cx->batch, "%c%s", s[0], s + 2);
}

int demo_plant_duplicates(struct demo_ctx *cx)
{
	int64_t from = 100;
	for (int p = 1; p <= 6; p++) {
		enum plant_need need = p == 1 ? NEED_NHS : p == 2 ? NEED_UPN : NEED_BORN;
		int64_t orig;
		struct hval *o;
		int rc = original(cx, need, &from, &orig, &o);
		if (rc) {
			return rc;
		}
		struct hval v[CHILD__COUNT];
		memcpy(v, o, sizeof(v));
		/* Only what a second contact would record: names, dates, sex. */
		for (int i = 0; i < CHILD__COUNT; i++) {
			if (i != CHILD_GIVEN_NAME && i != CHILD_FAMILY_NAME && i != CHILD_DOB && i != CHILD_SEX &&
			    i != CHILD_UASC && i != CHILD_RESTRICTED) {
				v[i] = (struct hval){.null = true};
			}
		}
		char la[8];
		snprintf(la, sizeof(la), "DUP%02d", p);
		v[CHILD_LA_CHILD_ID] = (struct hval){.s = la};
		/* The second contact came in the last weeks (the unborn baby's, before its birth). */
		hdate dob = (hdate)o[CHILD_DOB].i, seen = date_add_days(cx->as_at, -7 * p);
		switch (p) {
		case 1:
			v[CHILD_NHS_NUMBER] = o[CHILD_NHS_NUMBER];
			v[CHILD_GIVEN_NAME].s = misspelt(cx, o[CHILD_GIVEN_NAME].s);
			break;
		case 2:
			v[CHILD_UPN] = o[CHILD_UPN];
			v[CHILD_DOB].i = date_add_days(dob, 400);	/* a date typed wrongly */
			break;
		case 3:
			v[CHILD_FAMILY_NAME].s = misspelt(cx, o[CHILD_FAMILY_NAME].s);
			break;
		case 4:
			v[CHILD_GIVEN_NAME] = o[CHILD_FAMILY_NAME];
			v[CHILD_FAMILY_NAME] = o[CHILD_GIVEN_NAME];
			break;
		case 5:
			v[CHILD_FAMILY_NAME].s = arena_printf(&cx->batch, "Okafor-%s", o[CHILD_FAMILY_NAME].s);
			break;
		default:
			v[CHILD_DOB] = (struct hval){.null = true};
			v[CHILD_EXPECTED_DOB] = (struct hval){.i = date_add_days(dob, -10)};
			v[CHILD_GIVEN_NAME].s = "Baby";
			seen = date_add_days(dob, -60);
			break;
		}
		int64_t dup;
		if ((rc = store_insert(cx->st, "demo", &entity_child, v, &dup, cx->err)) ||
		    (rc = contact(cx, dup, seen))) {
			return rc;
		}
		if (p == 6) {
			/* The mother, recorded on both: the unborn baby's record and the child's. */
			struct hval m[PERSON__COUNT];
			for (int i = 0; i < PERSON__COUNT; i++) {
				m[i] = (struct hval){.null = true};
			}
			m[PERSON_GIVEN_NAME] = (struct hval){.s = "Amara"};
			m[PERSON_FAMILY_NAME] = o[CHILD_FAMILY_NAME];
			m[PERSON_SEX] = (struct hval){.s = "F"};
			int64_t mum;
			if ((rc = store_insert(cx->st, "demo", &entity_person, m, &mum, cx->err)) ||
			    (rc = mother_of(cx, mum, dup, seen)) || (rc = mother_of(cx, mum, orig, dob))) {
				return rc;
			}
		}
	}
	return 0;
}
