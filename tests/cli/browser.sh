# The web pages in a real browser: playwright-core (npm) driving Debian's chromium,
# headless, against `hearth serve` on a small hand-built record with four teams. The tests
# themselves are tests/browser/*.test.mjs (node's runner); each saves a screenshot in
# tests/artefacts/browser/ (kept by CI as artefacts). Skipped, saying so, only when
# chromium or playwright-core is not installed (make deps installs both); tests/run fails
# on that skip unless tests/expected-skips is told to expect it.
# axe-core (npm) checks every kind of page for accessibility (tests/browser/axe.test.mjs).
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/browser.db
PASSWORD=hearth-browser-test
CHROMIUM=${HEARTH_CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ] || [ ! -f "$ROOT/node_modules/playwright-core/package.json" ]; then
	skip "browser: the pages in chromium" "needs $CHROMIUM and playwright-core (make deps; npm ci)"
	finish
fi
start=$TMPDIR/started
touch "$start"

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "browser: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
fixture init "$db"
fixture record "$db" team --name "North Team" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "South Team" --service cin_cp --opened 2020-01-01
worker() { # staff team given family
	fixture record "$db" worker --staff-id "$1" --given-name "$3" --family-name "$4" --role social_worker \
		--team "$2" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
}
worker N1 "North Team" Nadia Okafor
worker N2 "North Team" Owen Pryce
worker S1 "South Team" Sara Quinn
# East Team is tests/browser/records.test.mjs's own: what it adds stays out of the others' way.
fixture record "$db" team --name "East Team" --service cin_cp --opened 2020-01-01
worker E1 "East Team" Esme Lund
# West Team is tests/browser/journey.test.mjs's own (one child's whole journey, and axe-core's pages).
fixture record "$db" team --name "West Team" --service cin_cp --opened 2020-01-01
worker W1 "West Team" Wren Adeyemi
worker W2 "West Team" Milo Hart
# Closing Team is tests/browser/closing.test.mjs's own: a case closed (BK1: its CP plan and
# allocation end with it; its CIN plan, ended before, stays as it was) and a step down (BK2).
fixture record "$db" team --name "Closing Team" --service cin_cp --opened 2020-01-01
# One worker only: the worker choices elsewhere are radios up to seven workers in post
# (tests/browser/web.test.mjs and admin.test.mjs check them as radios); its manager has none.
worker K1 "Closing Team" Kai Ember
fixture child "$db" add --given Nell --family Ashby --dob 2014-02-03 --sex F --la-id BK1 --ethnicity WBRI
fixture child "$db" add --given Otto --family Birch --dob 2016-04-05 --sex M --la-id BK2 --ethnicity WBRI
for c in BK1 BK2; do
	fixture record "$db" allocation --child $c --worker K1 --kind sw --start-date 2025-10-01
	fixture record "$db" referral --child $c --referral-date 2025-10-01 --source 1A --nfa no --primary-need N1
done
bk1_ref=$(q "$db" "SELECT r.id FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'BK1'")
fixture record "$db" cin_plan --child BK1 --referral "$bk1_ref" --start-date 2025-11-03 --end-date 2026-01-05
fixture record "$db" cp_plan --child BK1 --referral "$bk1_ref" --start-date 2026-01-05 --category NEG
# Two contacts awaiting the front door's decision (tests/browser/front_door.test.mjs): one
# becomes a referral (BK3), one early help (BK4).
fixture child "$db" add --given Pia --family Corr --dob 2013-06-07 --sex F --la-id BK3 --ethnicity WBRI
fixture child "$db" add --given Rafe --family Dunn --dob 2017-08-09 --sex M --la-id BK4 --ethnicity WBRI
for c in BK3 BK4; do
	fixture record "$db" allocation --child $c --worker K1 --kind sw --start-date 2025-10-01
	fixture record "$db" contact --child $c --contact-date 2026-03-30 --source 1A --summary "A call from school"
done
fixture child "$db" add --given Hazel --family Quenby --dob 2012-04-03 --sex F --la-id BC1 --ethnicity WBRI
fixture child "$db" add --given Ivor --family Rowe --dob 2015-06-07 --sex M --la-id BC2 --ethnicity WBRI
fixture child "$db" add --given Juno --family Stone --dob 2018-08-09 --sex F --la-id BC3 --ethnicity WBRI
fixture record "$db" allocation --child BC1 --worker N1 --kind sw --start-date 2025-09-01
fixture record "$db" allocation --child BC2 --worker N1 --kind sw --start-date 2025-10-01
fixture record "$db" allocation --child BC3 --worker S1 --kind sw --start-date 2025-11-01
fixture child "$db" add --given Kit --family Marlow --dob 2013-01-02 --sex M --la-id BC4 --ethnicity WBRI
fixture record "$db" allocation --child BC4 --worker E1 --kind sw --start-date 2025-11-01
fixture record "$db" referral --child BC1 --referral-date 2025-08-20 --source 1A --nfa no --primary-need N1
fixture record "$db" visit --child BC1 --visit-date 2026-02-02 --kind cin --seen yes --seen-alone no \
	--child-said "School is fine"
# A long record for Hazel (BC1): two visits and a note a month for a year and a half,
# none seen alone and all before the visit above, so her page has a long story to tell
# (tests/browser/web.test.mjs measures how long her overview is).
for m in $(seq 0 17); do
	y=$((2024 + (8 + m) / 12)) mo=$(printf %02d $(((8 + m) % 12 + 1)))
	fixture record "$db" visit --child BC1 --visit-date "$y-$mo-03" --kind cin --seen yes --seen-alone no \
		--child-said "Month $m: things at home are the same"
	fixture record "$db" visit --child BC1 --visit-date "$y-$mo-17" --kind cin --seen yes --seen-alone no
	fixture record "$db" note --child BC1 --note-date "$y-$mo-20" --kind case_note --child-voice no \
		--body "Month $m: called the school and the health visitor; nothing new to report."
done
# Families Team is tests/browser/families.test.mjs's own (Family Help led by a partner, a CP
# plan naming a MACPT, pre-proceedings with an FGDM, a kinship SGO). Its workers hold no
# cases in the workforce sense (--case-holder no), so the seven workers offered elsewhere
# as radios stay seven; the partner practitioner is a school's.
fixture record "$db" team --name "Families Team" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id FW1 --given-name Fern --family-name Walsh --role social_worker \
	--team "Families Team" --fte 1 --agency no --case-holder no --start-date 2020-01-01
fixture record "$db" worker --staff-id FP1 --given-name Pat --family-name Partner --role other \
	--fte 1 --agency no --case-holder no --start-date 2020-01-01 --organisation "Elm Primary School"
fixture child "$db" add --given Bea --family Ashcombe --dob 2014-05-06 --sex F --la-id BF1 --ethnicity WBRI
fixture record "$db" allocation --child BF1 --worker FW1 --kind sw --start-date 2025-09-01
fixture record "$db" referral --child BF1 --referral-date 2025-09-01 --source 1A --nfa no --primary-need N1
# A MACPT with a member for axe-core's look at the /macpts pages.
fixture record "$db" macpt --name "Eastside MACPT" --area Eastside --start-date 2025-04-01
fixture record "$db" macpt_member --macpt 1 --agency health --role "Named nurse" --name "Nia Nurse" --start-date 2025-04-01
user() { # name role team worker
	echo "$PASSWORD" | fixture user "$db" add "$1" --role "$2" --team "$3" --worker "$4"
}
user north_worker social_worker "North Team" N1
user north_manager team_manager "North Team" N2
user south_worker social_worker "South Team" S1
user east_worker social_worker "East Team" E1
user west_worker social_worker "West Team" W1
user west_manager team_manager "West Team" W2
user closing_worker social_worker "Closing Team" K1
echo "$PASSWORD" | fixture user "$db" add closing_manager --role team_manager --team "Closing Team"
echo "$PASSWORD" | fixture user "$db" add browser_lado --role lado
# The administrator of tests/browser/admin.test.mjs (no team: the admin role sees no child).
echo "$PASSWORD" | fixture user "$db" add browser_admin --role admin
user family_worker social_worker "Families Team" FW1
echo "$PASSWORD" | fixture user "$db" add family_manager --role team_manager --team "Families Team"
echo "$PASSWORD" | fixture user "$db" add family_partner --role partner --worker FP1
ok "browser: a record with six teams, nine children (one with a long record) and thirteen users"

export HEARTH_BROWSER_CHILD=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'BC1'")
export HEARTH_PASSWORD=$PASSWORD HEARTH_CHROMIUM=$CHROMIUM HEARTH_DB=$db
export HEARTH_ARTEFACTS=${HEARTH_ARTEFACTS:-$ROOT/tests/artefacts/browser}
mkdir -p "$HEARTH_ARTEFACTS"

if ! serve "$db"; then
	not_ok "browser: hearth serve did not start"
	sed 's/^/    /' "$TMPDIR/serve.log" | head -20
	finish
fi
# One browser for the whole run (tests/browser/web.test.mjs), the files one after another.
node_tests browser "${HEARTH_BROWSER_ONLY:-$ROOT/tests/browser/}"	# HEARTH_BROWSER_ONLY=FILE: one file, while working on it

# What the browser did left a sound record and a whole audit chain.
check "browser: hearth check passes after the browser tests" $H check "$db"
# Saved by this run (older ones from earlier runs do not count).
n=$(find "$HEARTH_ARTEFACTS" -name '*.png' -newer "$start" | wc -l)
[ "$n" -ge 5 ] && ok "browser: $n screenshots saved in tests/artefacts/browser" ||
	not_ok "browser: only $n screenshots saved"
finish
