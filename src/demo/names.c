/* names: the demo's names, places and words, as tables.
 *
 * Given and family names by cultural group (so a child's name fits its recorded
 * ethnicity, and mixed-heritage children take either parent's), what children say at
 * visits by age, visit summaries, case-note bodies, contact summaries, school names,
 * postcodes, and identifiers that look right: UPNs with the DfE check letter and NHS
 * numbers with the modulus 11 check digit. Everything is synthetic: no table holds a real
 * person's details.
 *
 * Invariants: every table is non-empty; every string is valid UTF-8 without control
 * characters and within the field lengths (short text at most 200 characters). */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"

#define PICK(r, t) ((t)[rng_int((r), 0, NELEM(t) - 1)])

/* ---- given names by group: boys, girls ---- */

static const char *const wb_boys[] = {
	"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William", "James",
	"Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander", "Joseph",
	"Edward", "Samuel", "Max", "Logan", "Lucas", "Daniel", "Theo", "Arthur", "Mason", "Harrison", "Tyler",
	"Riley", "Dylan", "Kai", "Callum", "Connor", "Liam", "Kyle", "Jayden", "Reece", "Bailey", "Lewis",
	"Ryan", "Jordan", "Brandon", "Ben", "Luke", "Tommy", "Finley", "Corey", "Lennon", "Ronnie", "Teddy"};
static const char *const wb_girls[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella", "Lily", "Evie",
	"Isabella", "Jessica", "Sophie", "Ruby", "Chloe", "Freya", "Daisy", "Phoebe", "Millie", "Holly",
	"Megan", "Ellie", "Lola", "Lacey", "Kayla", "Courtney", "Jade", "Paige", "Leah", "Skye", "Amber",
	"Charlotte", "Harper", "Willow", "Scarlett", "Rosie", "Maisie", "Katie", "Caitlin", "Summer", "Tilly",
	"Hollie", "Lexi", "Esme", "Florence", "Matilda", "Darcie", "Macy", "Erin", "Bethany"};
static const char *const wo_boys[] = {"Jakub", "Kacper", "Filip", "Szymon", "Antoni", "Mateusz", "Andrei",
				      "Alexandru", "Darius", "Luca", "Matas", "Lukas", "Tomas", "Rafael",
				      "Tiago", "Arber", "Dawid", "Bartosz", "Nikola", "Marek"};
static const char *const wo_girls[] = {"Zuzanna", "Julia", "Maja", "Lena", "Hanna", "Oliwia", "Natalia",
				       "Ioana", "Maria", "Elena", "Bianca", "Emilija", "Gabija", "Beatriz",
				       "Ana", "Ema", "Klaudia", "Wiktoria", "Alicja", "Amelia"};
static const char *const ir_boys[] = {"Patrick", "Michael", "John", "Martin", "Sean", "Cian", "Oisín",
				      "Conor", "Darragh", "Francis", "Thomas", "Christy"};
static const char *const ir_girls[] = {"Bridget", "Mary", "Kathleen", "Siobhan", "Aoife", "Róisín", "Nora",
				       "Margaret", "Shannon", "Ciara", "Winnie", "Nell"};
static const char *const sa_boys[] = {"Arjun", "Rohan", "Aarav", "Harjit", "Gurpreet", "Jaspreet", "Dev",
				      "Krish", "Vikram", "Anand", "Ravi", "Sai", "Arun", "Manpreet"};
static const char *const sa_girls[] = {"Priya", "Ananya", "Simran", "Harleen", "Kiran", "Asha", "Meera",
				       "Diya", "Navneet", "Riya", "Anika", "Jasleen", "Pooja", "Tara"};
static const char *const mu_boys[] = {"Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Ayaan", "Zayn", "Hamza",
				      "Ali", "Bilal", "Imran", "Adam", "Rayyan", "Zakariya", "Haris",
				      "Abdullah", "Umar"};
static const char *const mu_girls[] = {"Aisha", "Maryam", "Fatima", "Zara", "Hafsa", "Amina", "Inaya",
				       "Noor", "Khadija", "Sana", "Mariam", "Hania", "Safa", "Iqra", "Alisha",
				       "Ayesha"};
static const char *const af_boys[] = {"David", "Daniel", "Emmanuel", "Samuel", "Joshua", "Tobi", "Kwame",
				      "Chidi", "Oluwaseun", "Tendai", "Abdi", "Kofi", "Femi", "Ayo",
				      "Jonathan", "Prince"};
static const char *const af_girls[] = {"Grace", "Blessing", "Precious", "Esther", "Favour", "Amara", "Chioma",
				       "Adaeze", "Zainab", "Ifeoma", "Nia", "Abena", "Fatuma", "Hodan",
				       "Deborah", "Joy"};
static const char *const ca_boys[] = {"Jaden", "Tyrese", "Malachi", "Marcus", "Jerome", "Andre", "Kemar",
				      "Isaiah", "Elijah", "Nathaniel", "Reuben", "Jermaine", "Kyrie", "Josiah"};
static const char *const ca_girls[] = {"Shanice", "Aaliyah", "Imani", "Keisha", "Tia", "Chantelle", "Jada",
				       "Destiny", "Kiara", "Nadia", "Naomi", "Renee", "Tianna", "Maya"};
static const char *const ch_boys[] = {"Wei", "Jun", "Hao", "Ethan", "Ryan", "Kai", "Jian", "Ming", "Minh",
				      "Bao"};
static const char *const ch_girls[] = {"Mei", "Lin", "Xin", "Yan", "Chloe", "Jia", "Hui", "Ling", "Linh",
				       "Thu"};
static const char *const me_boys[] = {"Ahmad", "Mohammad", "Ali", "Omar", "Mustafa", "Karim", "Hassan",
				      "Reza", "Amir", "Hamid", "Samir", "Yonas", "Dawit", "Rahmat", "Hewa",
				      "Aram", "Sardar", "Bilal", "Abdul", "Mehdi"};
static const char *const me_girls[] = {"Fatemeh", "Zahra", "Leila", "Nour", "Yasmin", "Layla", "Hana",
				       "Rania", "Shirin", "Dilan", "Senait", "Mahsa"};

/* ---- family names by group ---- */

static const char *const wb_family[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
	"Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris",
	"Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips",
	"Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
	"Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Miller", "Cox", "Richards", "Marshall",
	"Anderson", "Simpson", "Ellis", "Adams", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers",
	"Gray", "Mason", "Hunt", "Holmes", "Palmer", "Lloyd", "Pritchard", "Bishop", "Preece", "Tolley",
	"Haynes", "Jukes", "Whittaker", "Bradley", "Perks", "Bayliss", "Hodgetts", "Pardoe", "Beddoes"};
static const char *const wo_family[] = {"Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając",
					"Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Kazlauskas",
					"Petrauskas", "Silva", "Santos", "Ferreira", "Hoxha", "Krasniqi",
					"Gashi", "Horvat", "Lakatos", "Balog"};
static const char *const ir_family[] = {"O'Brien", "Murphy", "Kelly", "Ward", "McDonagh", "Connors",
					"Doherty", "O'Neill", "Byrne", "Quinn", "Maughan", "Joyce", "Delaney",
					"Burke", "Gallagher"};
static const char *const sa_family[] = {"Patel", "Singh", "Sharma", "Gill", "Sandhu", "Shah", "Mistry",
					"Kumar", "Chauhan", "Dhillon", "Bains", "Mehta", "Joshi", "Parmar"};
static const char *const mu_family[] = {"Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Rahman", "Iqbal",
					"Mahmood", "Miah", "Uddin", "Islam", "Shah", "Butt", "Malik",
					"Chaudhry", "Rashid"};
static const char *const af_family[] = {"Okafor", "Adeyemi", "Mensah", "Osei", "Okoro", "Mohamed", "Abdi",
					"Haile", "Tesfaye", "Mwangi", "Boateng", "Owusu", "Adebayo", "Ibrahim",
					"Kamara", "Diallo", "Nwosu"};
static const char *const ca_family[] = {"Campbell", "Brown", "Williams", "Francis", "Grant", "Clarke",
					"Henry", "Thompson", "Richards", "Reid", "Gordon", "Bailey", "Samuels",
					"Forbes", "McKenzie"};
static const char *const ch_family[] = {"Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Lam", "Cheung",
					"Huang", "Ng", "Nguyen", "Tran", "Pham"};
static const char *const me_family[] = {"Ahmadi", "Hosseini", "Mohammadi", "Rahimi", "Karimi", "Haidari",
					"Sultani", "Hassan", "Abdullah", "Mahmoud", "Saleh", "Aziz", "Omar",
					"Kareem", "Tesfay", "Gebremedhin", "Mustafa", "Hamid"};

struct name_group {
	const char *const *boys, *const *girls, *const *family;
	int n_boys, n_girls, n_family;
};

#define NG(b, g, f) {b, g, f, NELEM(b), NELEM(g), NELEM(f)}
static const struct name_group groups[NG_MAX] = {
	[NG_WHITE_BRITISH] = NG(wb_boys, wb_girls, wb_family),
	[NG_WHITE_OTHER] = NG(wo_boys, wo_girls, wo_family),
	[NG_IRISH] = NG(ir_boys, ir_girls, ir_family),
	[NG_SOUTH_ASIAN] = NG(sa_boys, sa_girls, sa_family),
	[NG_MUSLIM_ASIAN] = NG(mu_boys, mu_girls, mu_family),
	[NG_AFRICAN] = NG(af_boys, af_girls, af_family),
	[NG_CARIBBEAN] = NG(ca_boys, ca_girls, ca_family),
	[NG_CHINESE] = NG(ch_boys, ch_girls, ch_family),
	[NG_MIDDLE_EAST] = NG(me_boys, me_girls, me_family),
};
#undef NG

/* Ethnicity -> the name groups a child's name is drawn from (a mixed heritage child's
 * name comes from either side). */
static const struct {
	const char *eth;
	int a, b;
} eth_groups[] = {
	{"WBRI", NG_WHITE_BRITISH, NG_WHITE_BRITISH}, {"WIRI", NG_IRISH, NG_WHITE_BRITISH},
	{"WOTH", NG_WHITE_OTHER, NG_WHITE_OTHER},     {"WIRT", NG_IRISH, NG_IRISH},
	{"WROM", NG_WHITE_OTHER, NG_WHITE_OTHER},     {"MWBC", NG_WHITE_BRITISH, NG_CARIBBEAN},
	{"MWBA", NG_WHITE_BRITISH, NG_AFRICAN},       {"MWAS", NG_WHITE_BRITISH, NG_MUSLIM_ASIAN},
	{"MOTH", NG_WHITE_BRITISH, NG_MIDDLE_EAST},   {"AIND", NG_SOUTH_ASIAN, NG_SOUTH_ASIAN},
	{"APKN", NG_MUSLIM_ASIAN, NG_MUSLIM_ASIAN},   {"ABAN", NG_MUSLIM_ASIAN, NG_MUSLIM_ASIAN},
	{"AOTH", NG_MIDDLE_EAST, NG_CHINESE},         {"BCRB", NG_CARIBBEAN, NG_CARIBBEAN},
	{"BAFR", NG_AFRICAN, NG_AFRICAN},             {"BOTH", NG_AFRICAN, NG_CARIBBEAN},
	{"CHNE", NG_CHINESE, NG_CHINESE},             {"OOTH", NG_MIDDLE_EAST, NG_MIDDLE_EAST},
};

int name_group_for(const char *ethnicity, struct rng *r)
{
	for (int i = 0; i < NELEM(eth_groups); i++) {
		if (ethnicity && strcmp(ethnicity, eth_groups[i].eth) == 0) {
			return rng_chance(r, 0.5) ? eth_groups[i].a : eth_groups[i].b;
		}
	}
	return NG_WHITE_BRITISH; /* refused, not yet obtained */
}

const char *name_given(struct rng *r, int group, const char *sex)
{
	const struct name_group *g = &groups[group];
	bool girl = sex && sex[0] == 'F' ? true : sex && sex[0] == 'M' ? false : rng_chance(r, 0.5);
	return girl ? g->girls[rng_int(r, 0, g->n_girls - 1)] : g->boys[rng_int(r, 0, g->n_boys - 1)];
}

const char *name_family(struct rng *r, int group)
{
	const struct name_group *g = &groups[group];
	return g->family[rng_int(r, 0, g->n_family - 1)];
}

/* ---- the child's voice ---- */

static const char *const said_young[] = {
	"I like my foster carer's dog.",
	"I want to see my mum more.",
	"I like school, especially PE.",
	"I don't like it when mum and dad shout.",
	"I feel safe here.",
	"I miss my brother.",
	"My teacher is nice to me.",
	"I want to stay living with nanny.",
	"I had pizza for tea and it was my favourite.",
	"I get scared at night sometimes.",
	"Daddy's friend is scary when he drinks.",
	"I like my bedroom, it has stars on the ceiling.",
	"I want to go swimming again.",
	"I don't want to talk about home today.",
	"Mummy has been crying a lot.",
	"I have a new friend called Ruby at school.",
	"I want to go home.",
	"I like it here but I miss my cat.",
	"There isn't always food at home.",
	"I like coming to contact with my dad.",
	"I wish my sister could live here too.",
	"Can you come to my school assembly?",
	"I'm good at drawing, look at my picture.",
	"I don't like going to bed on my own.",
};

static const char *const said_teen[] = {
	"I want to stay where I am.",
	"I don't want to change schools again.",
	"I want more say in when I see my dad.",
	"I'm worried about my mum.",
	"I want to go to college to do mechanics.",
	"Can I have my phone back at night?",
	"I don't want a new social worker.",
	"I'm fine, I just want to be left alone.",
	"I want to live with my nan.",
	"I hate the curfew, my friends can stay out later.",
	"School is better since I got help with maths.",
	"I don't feel listened to in my reviews.",
	"Things are calmer at home now.",
	"I only went missing because I wanted to see my friends.",
	"I want to see my little brother more.",
	"I like my carers, they treat me like family.",
	"I'm stressed about my exams.",
	"I don't trust the police.",
	"I want to know why I can't go home.",
	"I've started boxing and I really like it.",
	"My stepdad is still coming round even though he's not meant to.",
	"I want to learn to drive when I'm 17.",
	"I don't want my social worker to come to school.",
	"I feel like everyone is talking about me.",
};

static const char *const said_older[] = {
	"I want my own flat but I'm scared about bills.",
	"I want to stay put with my carers after 18.",
	"I've applied for an apprenticeship.",
	"I need help with my college bursary.",
	"I want to know more about my family history.",
	"I'm worried about what happens when I turn 18.",
	"I'd like help to open a bank account.",
	"I want to keep the same personal adviser.",
	"I've got a part-time job at the supermarket.",
	"I want to go to university to study nursing.",
	"My English is getting better, I go to college three days a week.",
	"I am waiting for my asylum decision and I can't sleep.",
};

const char *words_child_said(struct rng *r, int age)
{
	if (age < 11) {
		return PICK(r, said_young);
	}
	if (age < 16) {
		return PICK(r, said_teen);
	}
	return rng_chance(r, 0.5) ? PICK(r, said_older) : PICK(r, said_teen);
}

/* ---- visits: by visit_kind index (0 cin, 1 cp, 2 cla, 3 leaver, 4 private fostering, 5 other) ---- */

static const char *const visit_cin[] = {
	"Home visit to review progress against the child in need plan.",
	"Visit at school; reviewed attendance and support.",
	"Home visit; parents engaging with parenting programme.",
	"Visit with family support worker; routines discussed.",
	"Home visit; child and parent seen together, plan on track.",
	"Visit to discuss respite arrangements and support at home.",
};
static const char *const visit_cp[] = {
	"Unannounced home visit; home conditions checked.",
	"Visit to see the children and review the safety plan.",
	"Home visit; bedrooms seen, food in the cupboards.",
	"Visit at school to see the child away from home.",
	"Home visit; discussed mother's progress with substance misuse service.",
	"Joint visit with health visitor; baby weighed and seen.",
	"Home visit; domestic abuse safety plan reviewed with mother.",
};
static const char *const visit_cla[] = {
	"Statutory visit at placement.",
	"Visit following placement move; child settling.",
	"Statutory visit; bedroom seen, carers spoken to.",
	"Visit at placement; contact arrangements reviewed.",
	"Statutory visit; took the child out for lunch to talk.",
	"Visit at placement; education and health needs discussed.",
	"Statutory visit; life story work continued.",
};
static const char *const visit_other[] = {
	"Assessment visit; spoke with parents and child.",
	"Assessment visit; child seen at school.",
	"Home visit to gather information for the assessment.",
	"Joint visit with police following the strategy discussion.",
};

const char *words_visit_summary(struct rng *r, int kind)
{
	switch (kind) {
	case 0:
		return PICK(r, visit_cin);
	case 1:
		return PICK(r, visit_cp);
	case 2:
		return PICK(r, visit_cla);
	default:
		return PICK(r, visit_other);
	}
}

/* ---- notes by note_kind ---- */

static const char *const note_case[] = {
	"Telephone call with school: attendance has improved to 92% this half term.",
	"Call from health visitor: baby's weight is on track; no concerns raised.",
	"Spoke with mother by phone; she has attended her first recovery group session.",
	"Email from police: no further call-outs to the address this month.",
	"Contact with GP: medication review booked for next week.",
	"Call with foster carer: child has settled well and is sleeping better.",
	"Strategy discussion minutes received and uploaded.",
	"Letter sent to parents confirming the plan and next review date.",
	"Spoke with the school designated safeguarding lead about a disclosure; advice given.",
	"Call from housing: family offered a two-bedroom property.",
	"Father did not attend the planned meeting; rearranged for next week.",
	"Contact supervisor reports the family time session went well.",
};
static const char *const note_oversight[] = {
	"Management oversight: plan reviewed; actions agreed and timescales set.",
	"Management oversight: visits are up to date; consider step-down at next review.",
	"Management oversight: drift identified; legal gateway meeting to be booked.",
	"Management oversight: case discussed; escalate to strategy discussion if further incident.",
	"Management oversight: assessment authorised; outcome and rationale agreed.",
	"Management oversight: the child's wishes must be recorded at every visit.",
};
static const char *const note_supervision[] = {
	"Supervision: reflected on the impact of parental mental health on the children.",
	"Supervision: caseload reviewed; two cases to close this month.",
	"Supervision: discussed the child's lived experience and next steps for the plan.",
	"Supervision: agreed to complete chronology before the review conference.",
};
static const char *const note_direct[] = {
	"Direct work using the three houses tool: the child drew worries about shouting at home.",
	"Direct work: the child chose words for their all-about-me profile.",
	"Life story work session: the child asked questions about their birth family.",
	"Direct work: the child completed a wishes and feelings worksheet before the review.",
	"Direct work: the child talked about what makes a good day and a bad day.",
	"Direct work on a bus journey: the child spoke about friendships and feeling left out.",
};
static const char *const note_other[] = {
	"Documents scanned to the record.",
	"Chronology updated.",
	"Case transferred; transfer summary completed.",
};

const char *words_note(struct rng *r, const char *note_kind)
{
	if (strcmp(note_kind, "management_oversight") == 0) {
		return PICK(r, note_oversight);
	}
	if (strcmp(note_kind, "supervision") == 0) {
		return PICK(r, note_supervision);
	}
	if (strcmp(note_kind, "direct_work") == 0) {
		return PICK(r, note_direct);
	}
	if (strcmp(note_kind, "other") == 0) {
		return PICK(r, note_other);
	}
	return PICK(r, note_case);
}

static const char *const contact_texts[] = {
	"Police notification: domestic abuse incident at the home, child present.",
	"School concern: child arrived hungry and in unwashed clothes several times this month.",
	"Health visitor concern: missed appointments and poor home conditions.",
	"Anonymous caller worried about children left alone in the evenings.",
	"A&E attendance: injury to a toddler, explanation inconsistent.",
	"School concern: child disclosed being hit with a belt.",
	"Mother asking for help with her son's behaviour and going missing.",
	"Police: young person found with older males in a car late at night.",
	"GP concern: parent's mental health has deteriorated.",
	"Neighbour reports shouting and a baby crying for long periods.",
	"Housing: family facing eviction, children sleeping on the floor.",
	"Midwife concern: unborn baby, mother using drugs in pregnancy.",
	"Early help worker requesting step-up after no progress with the family.",
	"Youth offending service: concerns about exploitation.",
	"School: teenager self-harming and says she cannot go home.",
};

const char *words_contact(struct rng *r)
{
	return PICK(r, contact_texts);
}

/* ---- places ---- */

static const char *const towns[] = {"Worcester", "Kidderminster", "Redditch", "Bromsgrove", "Malvern",
				    "Evesham", "Droitwich", "Pershore", "Stourport", "Bewdley",
				    "Tenbury", "Upton", "Inkberrow", "Ombersley", "Hagley", "Wythall",
				    "Alvechurch", "Catshill", "Rubery", "Broadway"};
static const char *const saints[] = {"Mary", "Joseph", "Peter", "Anne", "Bede", "Thomas", "George",
				     "Augustine", "Wulstan", "Egwin"};

const char *words_school(struct rng *r, struct arena *a, int age)
{
	const char *town = PICK(r, towns);
	if (age >= 16) {
		return arena_printf(a, "%s %s", town, rng_chance(r, 0.5) ? "College" : "Sixth Form College");
	}
	if (age >= 11) {
		switch (rng_int(r, 0, 3)) {
		case 0:
			return arena_printf(a, "%s High School", town);
		case 1:
			return arena_printf(a, "%s Academy", town);
		case 2:
			return arena_printf(a, "St %s's Catholic High School", PICK(r, saints));
		default:
			return arena_printf(a, "%s School", town);
		}
	}
	switch (rng_int(r, 0, 3)) {
	case 0:
		return arena_printf(a, "%s Primary School", town);
	case 1:
		return arena_printf(a, "%s C of E Primary School", town);
	case 2:
		return arena_printf(a, "St %s's Catholic Primary School", PICK(r, saints));
	default:
		return arena_printf(a, "%s First School", town);
	}
}

static const char *const local_districts[] = {"WR1", "WR2", "WR3", "WR4", "WR5", "WR9", "WR10", "WR11",
					      "WR14", "DY10", "DY11", "DY13", "DY14", "B60", "B61",
					      "B97", "B98"};
static const char *const other_districts[] = {"B23", "B31", "GL1", "GL51", "HR1", "HR4", "CV1", "CV34",
					      "DY1", "WV1", "ST1", "SY1", "TF1", "BS5", "NG7", "LS9",
					      "M8", "L4", "S5", "NE4"};
static const char postcode_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

const char *words_postcode(struct rng *r, struct arena *a, int area, bool local)
{
	const char *district = local && area == 0 ? PICK(r, local_districts) : PICK(r, other_districts);
	int n = (int)sizeof(postcode_letters) - 1;
	return arena_printf(a, "%s %d%c%c", district, rng_int(r, 1, 9), postcode_letters[rng_int(r, 0, n - 1)],
			    postcode_letters[rng_int(r, 0, n - 1)]);
}

/* The DfE UPN: a check letter, then the LA number (3), establishment number (4), the
 * two-digit year of allocation and a serial (3). The check letter is the sum of the
 * twelve following characters times their positions (2..13), modulo 23, read in
 * "ABCDEFGHJKLMNPQRTUVWXYZ". */
const char *words_upn(struct rng *r, struct arena *a, int la_code, hdate dob)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int y, m, d;
	date_to_ymd(dob, &y, &m, &d);
	char body[32];
	snprintf(body, sizeof(body), "%03d%04d%02d%03d", la_code % 1000, rng_chance(r, 0.6) ? rng_int(r, 2000, 3999)
											 : rng_int(r, 4000, 5999),
		 (y + 4) % 100, rng_int(r, 0, 999));
	int sum = 0;
	for (int i = 0; i < 12; i++) {
		sum += (body[i] - '0') * (i + 2);
	}
	return arena_printf(a, "%c%s", letters[sum % 23], body);
}

/* NHS numbers: ten digits, the last a modulus 11 check digit over weights 10..2; a
 * remainder giving 10 is not a valid number, so draw again. */
const char *words_nhs(struct rng *r, struct arena *a)
{
	for (;;) {
		int dg[10];
		dg[0] = rng_chance(r, 0.5) ? 4 : rng_chance(r, 0.5) ? 6 : 7;
		int sum = dg[0] * 10;
		for (int i = 1; i < 9; i++) {
			dg[i] = rng_int(r, 0, 9);
			sum += dg[i] * (10 - i);
		}
		int check = 11 - sum % 11;
		if (check == 10) {
			continue;
		}
		dg[9] = check == 11 ? 0 : check;
		return arena_printf(a, "%d%d%d%d%d%d%d%d%d%d", dg[0], dg[1], dg[2], dg[3], dg[4], dg[5], dg[6], dg[7],
				    dg[8], dg[9]);
	}
}

/* ---- participation and inspection ---- */

static const char *const cpb_texts[] = {
	"Corporate parenting board: the children in care council presented its annual report.",
	"Corporate parenting board: care leavers spoke about the cost of living and the council tax exemption.",
	"Corporate parenting board: young people reviewed the placement sufficiency strategy.",
	"Corporate parenting board: care-experienced young people asked for fewer changes of social worker.",
	"Corporate parenting board: update on the care leavers' local offer, shaped with young people.",
};
static const char *const cicc_texts[] = {
	"Children in care council: planned the summer celebration event.",
	"Children in care council: interviewed candidates for the head of service post.",
	"Children in care council: gave feedback on the new review invitation letters.",
	"Children in care council: discussed what makes a good social worker.",
	"Children in care council: worked on the 'our promise' pledge with councillors.",
};
static const char *const survey_texts[] = {
	"Bright Spots survey: most children said they trust their carers; fewer said they know why they are in care.",
	"Care leavers' survey: most said they feel safe where they live; many worry about money.",
	"Children in care survey: children asked to see their social worker more often.",
	"Annual survey of children on plans: most said their worker listens to them.",
};

const char *words_cpb(struct rng *r)
{
	return PICK(r, cpb_texts);
}

const char *words_ciccc(struct rng *r)
{
	return PICK(r, cicc_texts);
}

const char *words_survey(struct rng *r)
{
	return PICK(r, survey_texts);
}

const char *const words_findings[] = {
	"Children who need help and protection receive a timely response at the front door. Thresholds are "
	"understood by partners. Too many children in care experience changes of social worker, and the "
	"quality of supervision is variable. Care leavers are well supported by personal advisers who know "
	"them well.",
	"Focused visit on the front door and children in need: decisions are timely and proportionate. "
	"Assessments are thorough, but plans for some children in need lack clear timescales.",
	"Joint targeted area inspection on serious youth violence: partners share information well; "
	"return home interviews are not consistently offered within 72 hours.",
};

const char *const words_actions[] = {
	"Improve the consistency of management oversight and supervision. Reduce changes of social worker "
	"for children in care. Ensure permanence plans are agreed by the second review.",
	"",
	"Ensure return home interviews are offered to every child within 72 hours.",
};
