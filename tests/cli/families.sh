# backends: sqlite
# Issue 19 from the shell: pre-proceedings with the FGDM offer and meeting, each meeting,
# kinship and DoLOs recorded through `hearth record`; the 2026-27 CIN census carrying the
# PreProceedingsandFGDM block with the element names, in the order, of the standards note's
# table (read here from the standards folder, not from Hearth); the 2025-26 census without
# it; the SSDA903 DoLo table from 2026-27 only, with the columns of the DfE validator's
# config; bad input refused naming the field; PP1 and KIN1 from `hearth measures`.
. "$ROOT/tests/lib.sh"
export HEARTH_TODAY=2027-03-31
H=$HEARTH
db=$(new_db families)
S=${STANDARDS:-}
r() { $H record "$db" "$@" >/dev/null || not_ok "record $*"; }
check "init" $H init "$db"
r child --given-name Amy --family-name Lee --dob 2015-06-01 --sex F --ethnicity WBRI --upn L885455310171 --la-child-id C1 --uasc no --restricted no
r referral --child C1 --referral-date 2026-04-10 --source 6 --primary-need N1 --nfa no
r person --given-name Rose --family-name Lee
check "record a pre-proceedings with its FGDM offer and meeting" $H record "$db" pre_proceedings --child C1 \
	--start-date 2026-09-09 --lbp-sent 2026-09-20 --lbp-fgdm-offer yes --fgdm-offered 2026-09-20 \
	--fgdm-offered-to "Mother and father" --fgdm-exempt no --fgdm-accepted-by Mother --fgdm-held 2026-10-05 \
	--fgdm-attendees "Mother, grandmother, aunt" --child-attended yes --family-plan "Grandmother to care" \
	--step-decision-date 2026-12-01 --outcome kinship
r pp_meeting --child C1 --pre-proceedings 1 --meeting-date 2026-09-28 --kind initial
r pp_meeting --child C1 --pre-proceedings 1 --meeting-date 2026-10-28 --kind review
r pp_meeting --child C1 --pre-proceedings 1 --meeting-date 2026-11-20 --kind review
check "record a kinship SGO with the local offer" $H record "$db" kinship --child C1 --kind sgo --start-date 2027-01-10 \
	--carer 1 --carer-relationship grandparent --allowance yes --offer-version 2026-v1 --offer-date 2026-12-05
refuses "an outcome not in the code table is refused, naming the field" "outcome" \
	$H record "$db" pre_proceedings --child C1 --start-date 2026-09-09 --fgdm-exempt no --outcome Z
refuses "an FGDM held before it was offered is refused" "held_after_offered" \
	$H record "$db" pre_proceedings --child C1 --start-date 2026-09-09 --fgdm-exempt no --fgdm-offered 2026-10-01 --fgdm-held 2026-09-01
refuses "a DoLO ending before it starts is refused" "end_after_start" \
	$H record "$db" dolo --child C1 --start-date 2026-06-01 --end-date 2026-05-01
r cla_episode --child C1 --decom 2026-05-01 --rne S --ls C2 --cin N1 --place K2 --place-provider PR1 --home-post "WR1 1AA" --pl-post "WR2 2BB" --long-term no
r dolo --child C1 --start-date 2026-06-01 --end-date 2026-09-01 --court Worcester
r dolo --child C1 --start-date 2026-10-01
# C2: a pre-proceedings in 2025-26, before the block's first year, and proceedings issued
# in 2026-27 with no FGDM offer recorded.
r child --given-name Ben --family-name Cox --dob 2014-02-01 --sex M --ethnicity WBRI --upn E885200015001 --la-child-id C2 --uasc no --restricted no
r referral --child C2 --referral-date 2025-06-01 --source 6 --primary-need N1 --nfa no
r pre_proceedings --child C2 --start-date 2026-02-01 --fgdm-exempt no
r proceedings --child C2 --issue-date 2026-06-01
# C3: Family Help under s.17 (the CIN episode's referral named), and targeted Family Help
# for C4 (not in the census, as targeted early help was not).
r child --given-name Cal --family-name Dee --dob 2016-03-01 --sex M --ethnicity WBRI --upn A885200015002 --la-child-id C3 --uasc no --restricted no
r referral --child C3 --referral-date 2026-05-01 --source 6 --primary-need N2 --nfa no
check "record Family Help under s.17 with its referral" $H record "$db" family_help --child C3 --start-date 2026-05-20 \
	--level s17 --referral 3 --lead-agency school --assessment-date 2026-06-10 --plan-date 2026-06-15 --family-plan "Attendance support"
r child --given-name Dot --family-name Eve --dob 2017-03-01 --sex F --ethnicity WBRI --upn A885200015003 --la-child-id C4 --uasc no --restricted no
r family_help --child C4 --start-date 2026-05-20 --level targeted --lead-agency health
refuses "a Family Help level not in the code table is refused" "level" \
	$H record "$db" family_help --child C4 --start-date 2026-05-20 --level cin --lead-agency health

# s.31ZA: a care application with no FGDM offer or exemption is warned about on save (a
# query: saved anyway) and is in the findings. C5: proceedings with no pre-proceedings at
# all; C6: pre-proceedings recording that an FGDM was not in the child's best interests.
r child --given-name Eli --family-name Fay --dob 2015-03-01 --sex M --ethnicity WBRI --upn A885200015004 --la-child-id C5 --uasc no --restricted no
r referral --child C5 --referral-date 2026-05-01 --source 6 --primary-need N1 --nfa no
run_ok "$TMPDIR/p5.out" $H record "$db" proceedings --child C5 --issue-date 2026-07-01 &&
	grep -q "FGDM1Q" "$TMPDIR/p5.out.err" && ok "proceedings with no FGDM offer: saved, with the warning" ||
	not_ok "proceedings with no FGDM offer: saved, with the warning ($(cat "$TMPDIR/p5.out.err"))"
r child --given-name Fay --family-name Gee --dob 2015-03-01 --sex F --ethnicity WBRI --upn A885200015005 --la-child-id C6 --uasc no --restricted no
r referral --child C6 --referral-date 2026-05-01 --source 6 --primary-need N1 --nfa no
r pre_proceedings --child C6 --start-date 2026-05-10 --fgdm-exempt yes --fgdm-exempt-reason "Risk of violence to the mother"
run_ok "$TMPDIR/p6.out" $H record "$db" proceedings --child C6 --issue-date 2026-07-01 &&
	! grep -q "FGDM1Q" "$TMPDIR/p6.out.err" && ok "proceedings after a recorded exemption: no warning" ||
	not_ok "proceedings after a recorded exemption: no warning"
# The text report heads each child's findings with its LA child id.
run_ok "$TMPDIR/v.txt" $H validate "$db" --return cin-census --year 2027 &&
	[ "$(awk '/^[^ ]/{c=$1} /FGDM1Q +PreProc/{print c}' "$TMPDIR/v.txt" | tr '\n' ' ')" = "C2 C5 " ] &&
	ok "the findings list the applications without an FGDM offer (C2, C5; not C6)" ||
	not_ok "the findings list the applications without an FGDM offer (C2, C5; not C6)"
run_ok "$TMPDIR/v26.txt" $H validate "$db" --return cin-census --year 2026 && ! grep -q "FGDM1Q" "$TMPDIR/v26.txt" &&
	ok "no FGDM finding before 2026-27" || not_ok "no FGDM finding before 2026-27"

# Multi-agency child protection teams: members by agency and role; the MACPT responsible for
# a s.47 enquiry and a CP plan; the day the duty applies is a setting (a date).
check "record a MACPT" $H record "$db" macpt --name "North MACPT" --area "North" --start-date 2026-05-01
r macpt_member --macpt 1 --agency education --role "Designated safeguarding lead" --name "A Head" --start-date 2026-05-01
r macpt_member --macpt 1 --agency police --role "Detective sergeant" --name "B Officer" --start-date 2026-05-01
refuses "a MACPT member's agency not in the code table is refused" "agency" \
	$H record "$db" macpt_member --macpt 1 --agency fire --role Officer --start-date 2026-05-01
r s47 --child C5 --referral 5 --strategy-date 2026-06-01 --icpc-not-required no --macpt 1
run_ok "$TMPDIR/mc.txt" sqlite3 "$db" "SELECT m.name, count(*) FROM s47 s JOIN macpt m ON m.id = s.macpt_id JOIN macpt_member mm ON mm.macpt_id = m.id GROUP BY m.name" &&
	[ "$(cat "$TMPDIR/mc.txt")" = "North MACPT|2" ] && ok "the s.47 names its MACPT, with its two members" ||
	not_ok "the s.47 names its MACPT, with its two members ($(cat "$TMPDIR/mc.txt"))"
check "the MACPT duty date is a setting" $H settings "$db" set macpt_duty_from 2026-09-01
refuses "the MACPT duty date must be a date" "is not a date" $H settings "$db" set macpt_duty_from soon
# The duty check, either side of that date (set above to 1 September 2026): an s.47 or CP
# plan beginning on or after it with no MACPT named is saved with the warning MACPT1Q and is
# in the findings; one beginning the day before, or naming its MACPT, is not.
#   C7: s.47 strategy 31 Aug 2026 (the day before: no warning); CP plan 1 Sep 2026 (the day: warned).
#   C8: s.47 strategy 1 Sep 2026 naming MACPT 1 (no warning); CP plan 20 Sep 2026, no MACPT (warned).
r child --given-name Gus --family-name Hay --dob 2015-03-01 --sex M --ethnicity WBRI --upn A885200015006 --la-child-id C7 --uasc no --restricted no
r referral --child C7 --referral-date 2026-08-01 --source 6 --primary-need N1 --nfa no
r child --given-name Hal --family-name Ive --dob 2015-03-01 --sex M --ethnicity WBRI --upn A885200015007 --la-child-id C8 --uasc no --restricted no
r referral --child C8 --referral-date 2026-08-01 --source 6 --primary-need N1 --nfa no
ref7=$(sqlite3 "$db" "SELECT r.id FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'C7'")
ref8=$(sqlite3 "$db" "SELECT r.id FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'C8'")
macpt_warns() { # name, expect (yes/no), record args...
	local name=$1 want=$2
	shift 2
	if run_ok "$TMPDIR/mw.out" $H record "$db" "$@"; then
		if grep -q "MACPT1Q" "$TMPDIR/mw.out.err"; then got=yes; else got=no; fi
		[ "$got" = "$want" ] && ok "$name" || not_ok "$name (warning: $got; $(cat "$TMPDIR/mw.out.err"))"
	else
		not_ok "$name (not saved: $(cat "$TMPDIR/mw.out.err"))"
	fi
}
macpt_warns "an s.47 the day before the MACPT duty date, no MACPT: no warning" no \
	s47 --child C7 --referral "$ref7" --strategy-date 2026-08-31 --icpc-not-required no
macpt_warns "a CP plan on the MACPT duty date, no MACPT: saved, with the warning" yes \
	cp_plan --child C7 --referral "$ref7" --start-date 2026-09-01 --category NEG
macpt_warns "an s.47 on the MACPT duty date naming its MACPT: no warning" no \
	s47 --child C8 --referral "$ref8" --strategy-date 2026-09-01 --icpc-not-required no --macpt 1
macpt_warns "a CP plan after the MACPT duty date, no MACPT: saved, with the warning" yes \
	cp_plan --child C8 --referral "$ref8" --start-date 2026-09-20 --category NEG
run_ok "$TMPDIR/vm.txt" $H validate "$db" --return cin-census --year 2027 &&
	[ "$(awk '/^[^ ]/{c=$1} /MACPT1Q +(Section47|ChildProt)/{print c}' "$TMPDIR/vm.txt" | tr '\n' ' ')" = "C7 C8 " ] &&
	ok "the findings list the s.47s and plans with no MACPT from the duty date (C7, C8; not C5)" ||
	not_ok "the findings list the s.47s and plans with no MACPT from the duty date ($(grep MACPT1Q "$TMPDIR/vm.txt"))"

# The element names of the block, in order: from the standards note's CSV when it is there.
want="PPStartDate LBPSentDate FGDMMeetingOffer FGDMMeetingFac InitialPPMeetingDate ReviewMeetingsCount StepDecisionDate PPOutcome CourtAppDate LetterInitCPDate"
csv=$S/changes-2026/cin_preproceedings_fields.csv
if [ -n "$S" ] && [ -f "$csv" ]; then
	want=$(tail -n +2 "$csv" | sort -t, -k3,3n | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')
fi
if [ -n "$S" ] && [ -f "$S/cin-census/CIN_schema_2026.xsd" ]; then
	run_ok "$TMPDIR/c27.out" $H export "$db" cin-census --year 2027 --out "$TMPDIR/c27.xml" --standards "$S" &&
		grep -q "<PreProceedingsandFGDM>" "$TMPDIR/c27.xml" && ok "CIN census 2026-27 written and checked" ||
		not_ok "CIN census 2026-27 written and checked"
	# every element the block has, in the file's order, is in the table's order
	got=$(awk '/<PreProceedingsandFGDM>/{n++} n==1' "$TMPDIR/c27.xml" | sed '/<\/PreProceedingsandFGDM>/q' | grep -o '^ *<[A-Za-z]*>' | tr -d ' <>' | grep -v PreProceedingsandFGDM | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "PPStartDate LBPSentDate FGDMMeetingOffer FGDMMeetingFac InitialPPMeetingDate ReviewMeetingsCount StepDecisionDate PPOutcome" ] &&
		ok "the block's elements as recorded, in order" || not_ok "the block's elements as recorded, in order (got: $got)"
	order_ok=yes
	pos=0
	for e in $got; do
		i=0; found=
		for w in $want; do i=$((i + 1)); [ "$w" = "$e" ] && found=$i; done
		if [ -z "$found" ] || [ "$found" -le "$pos" ]; then order_ok=no; fi
		pos=${found:-999}
	done
	[ "$order_ok" = yes ] && ok "the block follows the standards note's element table" || not_ok "the block follows the standards note's element table"
	grep -q "<ReviewMeetingsCount>2</ReviewMeetingsCount>" "$TMPDIR/c27.xml" &&
		grep -q "<InitialPPMeetingDate>2026-09-28</InitialPPMeetingDate>" "$TMPDIR/c27.xml" &&
		grep -q "<FGDMMeetingOffer>1</FGDMMeetingOffer>" "$TMPDIR/c27.xml" &&
		ok "meetings counted and dated, the offer flagged" || not_ok "meetings counted and dated, the offer flagged"
	# the block sits after the child protection plans, inside CINdetails
	awk '/<PreProceedingsandFGDM>/{p=1} /<\/CINdetails>/{if(p)ok=1} END{exit !ok}' "$TMPDIR/c27.xml" &&
		ok "the block is inside CINdetails" || not_ok "the block is inside CINdetails"
	awk '/<LAchildID>C3</{p=1} p&&/<CINPlanStartDate>/{print; exit}' "$TMPDIR/c27.xml" | grep -q "2026-05-20" &&
		! grep -q "<LAchildID>C4</LAchildID>" "$TMPDIR/c27.xml" &&
		ok "Family Help under s.17 is a CIN plan of its referral; targeted help is not in the census" ||
		not_ok "Family Help under s.17 is a CIN plan of its referral; targeted help is not in the census"
	run_ok "$TMPDIR/c26.out" $H export "$db" cin-census --year 2026 --out "$TMPDIR/c26.xml" --xsd "$S/cin-census/CIN_schema_2026.xsd" &&
		! grep -q PreProceedings "$TMPDIR/c26.xml" && ok "CIN census 2025-26 has no block" ||
		not_ok "CIN census 2025-26 has no block"
else
	not_ok "no standards folder: the CIN census checks could not run"
fi

mkdir -p "$TMPDIR/s27" "$TMPDIR/s26"
run_ok "$TMPDIR/s27.out" $H export "$db" ssda903 --year 2027 --out "$TMPDIR/s27" &&
	[ "$(head -1 "$TMPDIR/s27/DoLo.csv")" = "CHILD,DOB,DOLO_START,DOLO_END" ] &&
	grep -qx "C1,01/06/2015,01/06/2026,01/09/2026" "$TMPDIR/s27/DoLo.csv" &&
	grep -qx "C1,01/06/2015,01/10/2026," "$TMPDIR/s27/DoLo.csv" &&
	ok "SSDA903 2026-27 has the DoLo table, an open order with a blank end" ||
	not_ok "SSDA903 2026-27 has the DoLo table, an open order with a blank end"
run_ok "$TMPDIR/s26.out" $H export "$db" ssda903 --year 2026 --out "$TMPDIR/s26" && [ ! -e "$TMPDIR/s26/DoLo.csv" ] &&
	ok "SSDA903 2025-26 has no DoLo table" || not_ok "SSDA903 2025-26 has no DoLo table"

# PP1 and KIN1 as at 31 March 2027: the one pre-proceedings concluded on 1 December 2026,
# 83 days after its start (inside 16 weeks = 112 days), with no application: in time,
# avoided, its FGDM held; one child in an SGO, given the local offer.
run_ok "$TMPDIR/m.csv" $H report "$db" measures --as-at 2027-03-31 --format csv &&
	grep -q "PP1.in_timescale" "$TMPDIR/m.csv" && ok "measures run" || not_ok "measures run"
line() { grep "^2027-03-31,$1," "$TMPDIR/m.csv" | head -1; }
echo "$(line PP1.in_timescale)" | grep -q ",1,1," && echo "$(line PP1.avoided)" | grep -q ",1,1," &&
	echo "$(line PP1.fgdm_held)" | grep -q ",1,1," && ok "PP1 counts the concluded pre-proceedings" ||
	not_ok "PP1 counts the concluded pre-proceedings ($(line PP1.in_timescale))"
echo "$(line KIN1.sgo)" | grep -q ",1," && echo "$(line KIN1.local_offer)" | grep -q ",1,1," &&
	ok "KIN1 counts the SGO and the offer" || not_ok "KIN1 counts the SGO and the offer ($(line KIN1.sgo))"
# C2's and C5's proceedings had no offer, C6's an exemption (the measure counts offers
# only): 0 of 3, and the drill-down names C2.
echo "$(line PP1.fgdm_offered)" | grep -q ",0,3," && ok "PP1.fgdm_offered counts proceedings with no offer" ||
	not_ok "PP1.fgdm_offered counts proceedings with no offer ($(line PP1.fgdm_offered))"
run_ok "$TMPDIR/d.txt" $H report "$db" measure PP1.fgdm_offered --as-at 2027-03-31 --list denominator &&
	grep -q " C2 " "$TMPDIR/d.txt" && ! grep -q " C1 " "$TMPDIR/d.txt" && ok "PP1 drill-down lists the child" ||
	not_ok "PP1 drill-down lists the child"
# The inspection page: no overall effectiveness grade under the April 2026 framework (by
# the start date when the framework is blank), the grade shown under the 2023 one.
r inspection --start-date 2026-05-11 --kind standard --grade-leaders good --grade-overall good
r inspection --start-date 2024-01-15 --kind standard --grade-leaders good --grade-overall good --framework 2023
echo "hearth-test-password" | $H user "$db" add insp --role inspector >/dev/null 2>&1
if serve "$db"; then
	curl -s -c "$TMPDIR/cj" -H 'content-type: application/json' -d '{"username":"insp","password":"hearth-test-password"}' \
		"$HEARTH_URL/api/session" >/dev/null
	curl -sf -b "$TMPDIR/cj" "$HEARTH_URL/inspection" >"$TMPDIR/insp.html" &&
		sed 's/<li /\n<li /g' "$TMPDIR/insp.html" | grep 'data-inspection=' >"$TMPDIR/hist.txt" &&
		grep 'data-framework="2026_04"' "$TMPDIR/hist.txt" | grep -q 'Impact of leaders' &&
		! grep 'data-framework="2026_04"' "$TMPDIR/hist.txt" | grep -q 'Overall effectiveness' &&
		grep 'data-framework="2023"' "$TMPDIR/hist.txt" | grep -q 'Overall effectiveness' &&
		ok "inspection page: no overall grade under the April 2026 framework, shown under 2023" ||
		not_ok "inspection page: no overall grade under the April 2026 framework, shown under 2023"
	stop_server
else
	not_ok "the server did not start ($(head -c 200 "$TMPDIR/serve.log"))"
fi
check "the record is consistent" $H check "$db"
finish
