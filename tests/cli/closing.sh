# backends: sqlite
# Closing a case and stepping between early help and social care (issue 15, part 3), and
# the establishment of posts behind WF1.vacancy (part 8), from the shell: `hearth child DB
# close|step-up` are the same saves as the web's forms (src/work). Every ending is a
# revision (nothing deleted); a refused closing stores nothing; and the measures count,
# against figures worked by hand below.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db closing)
[ "$HEARTH_TODAY" = 2026-03-31 ] || { not_ok "closing: HEARTH_TODAY is $HEARTH_TODAY, not 2026-03-31"; exit 1; }

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "closing: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		exit 1
	}
}
worker() { # staff team fte agency swe [end]
	fixture record "$db" worker --staff-id "$1" --given-name "G$1" --family-name "F$1" --role social_worker \
		--team "$2" --fte "$3" --agency "$4" --case-holder yes --start-date 2020-01-01 ${5:+--swe-number "$5"} \
		${6:+--end-date "$6" --leaving-reason 1}
}
fixture init "$db"
fixture record "$db" team --name "Team A" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "Team B" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "Team C" --service cin_cp --opened 2020-01-01
worker A1 "Team A" 1 no SW001
worker A2 "Team A" 0.5 no SW002
worker A3 "Team A" 1 yes SW003
worker A4 "Team A" 1 no SW004 2026-01-31
worker A5 "Team A" 1 no ""
worker B1 "Team B" 1 no SW011
worker B2 "Team B" 1 no SW012
worker B3 "Team B" 1 no SW013
worker C1 "Team C" 1 no SW021

fixture child "$db" add --given Lena --family Frost --dob 2014-03-04 --sex F --la-id CL1 --ethnicity WBRI
fixture child "$db" add --given Moss --family Hale --dob 2016-05-06 --sex M --la-id CL2 --ethnicity WBRI
fixture record "$db" allocation --child CL1 --worker A1 --kind sw --start-date 2025-06-02
fixture record "$db" referral --child CL1 --referral-date 2025-06-02 --source 1A --nfa no --primary-need N1
r1=$(q "$db" "SELECT id FROM referral")
fixture record "$db" cin_plan --child CL1 --referral "$r1" --start-date 2025-07-01
fixture record "$db" cp_plan --child CL1 --referral "$r1" --start-date 2025-09-01 --category NEG
fixture record "$db" early_help --child CL2 --start-date 2025-05-01 --step-down no
cl1=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'CL1'")

# Refused closings store nothing: a reason not on the list, a date in the future, no date.
before=$(digest "$db")
refuses "closing: a reason not RC1-RC9 is refused" "not a code in the closure_reason list" \
	$H child "$db" close CL1 --date 2026-01-15 --reason RC10
refuses "closing: a closing dated in the future is refused" "in the future" \
	$H child "$db" close CL1 --date 2026-04-01 --reason RC7
refuses "closing: a closing without a date is refused" "Enter the date the case closed" \
	$H child "$db" close CL1 --reason RC7
[ "$(digest "$db")" = "$before" ] && ok "closing: the refused closings stored nothing" ||
	not_ok "closing: a refused closing changed the record"

rows=$(q "$db" "SELECT (SELECT count(*) FROM referral) || ',' || (SELECT count(*) FROM cin_plan) || ',' ||
	(SELECT count(*) FROM cp_plan) || ',' || (SELECT count(*) FROM allocation)")
# A step down: the case closes (RC7), its plans and allocation end, early help opens.
run_ok "$TMPDIR/close" $H child "$db" close CL1 --date 2026-01-15 --reason RC7 --step-down &&
	grep -q "closed: 1 referral(s), 2 plan(s), 1 allocation(s) ended; early help" "$TMPDIR/close" &&
	ok "closing: CL1 stepped down: one referral, two plans and one allocation ended" ||
	not_ok "closing: the step down did not say what it ended ($(cat "$TMPDIR/close"))"
got=$(q "$db" "SELECT closure_date || ' ' || closure_reason FROM referral WHERE id = $r1")
[ "$got" = "2026-01-15 RC7" ] && ok "closing: the referral closed on the date with RC7" ||
	not_ok "closing: referral closure is '$got'"
got=$(q "$db" "SELECT (SELECT end_date FROM cin_plan) || ' ' || (SELECT end_date FROM cp_plan) || ' ' ||
	(SELECT end_date FROM allocation)")
[ "$got" = "2026-01-15 2026-01-15 2026-01-15" ] && ok "closing: the CIN plan, CP plan and allocation ended that day" ||
	not_ok "closing: the endings are '$got'"
got=$(q "$db" "SELECT (SELECT count(*) FROM referral) || ',' || (SELECT count(*) FROM cin_plan) || ',' ||
	(SELECT count(*) FROM cp_plan) || ',' || (SELECT count(*) FROM allocation)")
[ "$got" = "$rows" ] && [ "$(q "$db" "SELECT count(*) FROM referral WHERE voided = 1")" = 0 ] &&
	ok "closing: nothing was deleted or retracted" || not_ok "closing: rows were $rows, now $got"
got=$(q "$db" "SELECT tbl FROM revision WHERE action = 'update' AND reason = 'case closed: RC7, stepped down to early help' ORDER BY tbl")
[ "$(echo $got)" = "allocation cin_plan cp_plan referral" ] && ok "closing: each ending is a revision with its reason" ||
	not_ok "closing: the revisions are '$(echo $got)'"
got=$(q "$db" "SELECT start_date || ' ' || step_down FROM early_help WHERE child_id = $cl1")
[ "$got" = "2026-01-15 1" ] && ok "closing: the early help episode opened, marked stepped down" ||
	not_ok "closing: early help is '$got'"
refuses "closing: a child with no open case cannot be closed" "no open case" \
	$H child "$db" close CL1 --date 2026-01-20 --reason RC7
# CL3: an open case and an open early help episode at once: no second episode by a step down.
fixture child "$db" add --given Nia --family Holt --dob 2015-07-08 --sex F --la-id CL3 --ethnicity WBRI
fixture record "$db" early_help --child CL3 --start-date 2025-05-01 --step-down no
fixture record "$db" referral --child CL3 --referral-date 2025-06-02 --source 1A --nfa no --primary-need N1
before=$(digest "$db")
refuses "closing: no step down while early help is open" "already has an open early help episode" \
	$H child "$db" close CL3 --date 2026-01-15 --reason RC9 --step-down
[ "$(digest "$db")" = "$before" ] && ok "closing: the refused step down stored nothing" ||
	not_ok "closing: a refused step down changed the record"

# Steps up: CL1 from the episode it stepped down to; CL2 from its own.
check "closing: CL1 steps up" $H child "$db" step-up CL1 --date 2026-03-02 --source 1A
check "closing: CL2 steps up" $H child "$db" step-up CL2 --date 2025-10-01 --source 1A
refuses "closing: a child with no open early help cannot step up" "no open early help" \
	$H child "$db" step-up CL2 --date 2026-03-01 --source 1A
got=$(q "$db" "SELECT end_date || ' ' || end_reason FROM early_help WHERE child_id = $cl1")
[ "$got" = "2026-03-02 step_up" ] && ok "closing: the step up ended the episode as step_up" ||
	not_ok "closing: CL1's early help is '$got'"

# The measures, as at 2026-03-31 (the year from 2025-04-01), worked by hand:
#   EH1.step_up: episodes ended in the year: CL1's (ended 2026-03-02, step_up) and CL2's
#     (ended 2025-10-01, step_up); CL3's is still open -> 2 of 2.
#   EH1.step_down: episodes started in the year: CL1's (2026-01-15, a step down), CL2's
#     and CL3's (both 2025-05-01, not) -> 1 of 3.
#   FD2: referrals in the year: CL1's 2025-06-02 (none before), CL1's 2026-03-02 (the
#     2025-06-02 one is within the 12 months before: a re-referral), CL2's 2025-10-01 and
#     CL3's 2025-06-02 (none before either) -> 1 of 4.
part() { # measure part -> "numerator/denominator"
	run_ok "$TMPDIR/m.json" $H report "$db" measure "$1" --as-at 2026-03-31 --format json &&
		jq -r --arg p "$2" '(.parts // [.])[] | select(.id == $p) | "\(.numerator)/\(.denominator)"' "$TMPDIR/m.json"
}
for want in "EH1 EH1.step_up 2/2" "EH1 EH1.step_down 1/3" "FD2 FD2 1/4"; do
	set -- $want
	got=$(part "$1" "$2")
	[ "$got" = "$3" ] && ok "closing: $2 is $3 (worked by hand)" || not_ok "closing: $2 is '$got', not $3"
done

# WF1.vacancy, worked by hand (as at 2026-03-31):
#   Team A, establishment 4: its own registered social workers in post are A1 (1) and A2
#     (0.5): 1.5 filled. A3 is agency (their post counts as vacant), A4 left on 2026-01-31,
#     A5 has no Social Work England number. Vacant 4 - 1.5 = 2.5, of 4.
#   Team B, establishment 2: B1-B3 fill 3, over the establishment: vacant 0, of 2.
#   Team C: no establishment recorded: not counted.
#   The rate: (2.5 + 0) / (4 + 2) = 2.5 / 6 = 41.7%.
got=$(part WF1 WF1.vacancy)
[ "$got" = "0/0" ] || [ "$got" = "null/null" ] && ok "closing: no establishment recorded, no vacancy figure ($got)" ||
	not_ok "closing: WF1.vacancy before any establishment is '$got'"
check "closing: Team A's establishment is set" $H record "$db" update team 1 --establishment 4 --reason "funded posts"
check "closing: Team B's establishment is set" $H record "$db" update team 2 --establishment 2 --reason "funded posts"
got=$(part WF1 WF1.vacancy)
[ "$got" = "2.5/6" ] && ok "closing: WF1.vacancy is 2.5 of 6 FTE (worked by hand)" || not_ok "closing: WF1.vacancy is '$got'"
got=$(q "$db" "SELECT count(*) FROM revision WHERE tbl = 'team' AND action = 'update' AND reason = 'funded posts'")
[ "$got" = 2 ] && ok "closing: each establishment is a revision of its team" || not_ok "closing: $got team revisions"

# The workforce census's LALevelVacancies, with no --vacancies given, from the same
# establishments on its census date, 2025-09-30: Team A's A4 was still in post then, so
# filled 1 + 0.5 + 1 = 2.5, vacant 4 - 2.5 = 1.5; Team B none: 1.50 FTE.
if [ -n "${STANDARDS:-}" ] && [ -f "$STANDARDS/workforce/social_work_workforce_2022.xsd" ]; then
	run_ok "$TMPDIR/wf.out" $H export "$db" workforce --date 2025-09-30 --out "$TMPDIR/wf.xml" --standards "$STANDARDS" &&
		grep -q "<NumberOfVacancies>1.50</NumberOfVacancies>" "$TMPDIR/wf.xml" &&
		ok "closing: the workforce census's vacancies come from the establishments (1.50, worked by hand)" ||
		not_ok "closing: the census's vacancies: $(grep -o '<NumberOfVacancies>[^<]*' "$TMPDIR/wf.xml")"
else
	skip "closing: the workforce census's vacancies" "needs STANDARDS with the workforce schema"
fi

check "closing: hearth check passes" $H check "$db"
finish
