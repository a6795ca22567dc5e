# backends: sqlite pg
# The DfE returns from the shell: validation per child, SSDA903 CSV and XML, the CIN census
# and the workforce census (checked against the DfE's schemas when the standards folder is
# there: STANDARDS), imports through the write path (revisions and audit), a child the record
# cannot hold held back whole while the others come in, re-imports that change nothing, and
# the round trip: export, import into an empty record, export again, the same files.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db returns)
S=${STANDARDS:-}
[ -n "$S" ] && [ -f "$S/cin-census/CIN_schema_2026.xsd" ] || S=

r() { $H record "$db" "$@" >/dev/null || not_ok "record $*"; }
check "init" $H init "$db"
# C1: in care since May 2023, a change of placement in June 2024, two reviews, a missing episode,
# not a mother, her year's outcomes (OC2) recorded.
r child --given-name Amy --family-name Lee --dob 2012-06-01 --sex F --ethnicity WBRI --upn L885455310171 --la-child-id C1 --uasc no --restricted no --mother no
r team --name "Children in care" --service cla --opened 2020-01-01
r worker --staff-id SW1001 --given-name Jo --family-name Bloggs --role social_worker --team "Children in care" --fte 1 --agency no --case-holder yes --start-date 2020-01-01 --swe-number SW123456 \
	--dob 1985-04-02 --sex F --ethnicity WBRI --qual-inst "University of Worcester" --qual-level 2 --step-up no --frontline no --cfkss 1
# Her sick leave: 5-6 February 2024 (back on the 7th) and from Monday 23 September 2024, still
# away on the census date (30 September 2024): in the year from 1 October 2023, 2 + 6 (23-27
# and 30 September) = 8 working days lost.
r worker_absence --worker SW1001 --start-date 2024-02-05 --end-date 2024-02-07 --reason SIC
r worker_absence --worker SW1001 --start-date 2024-09-23 --reason SIC
r allocation --child C1 --worker SW1001 --kind sw --start-date 2023-05-01
r cla_episode --child C1 --decom 2023-05-01 --rne S --ls C2 --cin N1 --place U4 --place-provider PR1 --dec 2024-06-01 --rec X1 --reason-place-change CARPL --home-post "WR1 1AA" --pl-post "WR2 2BB" --long-term no
r cla_episode --child C1 --decom 2024-06-01 --rne P --ls C2 --cin N1 --place U6 --place-provider PR1 --home-post "WR1 1AA" --pl-post "WR3 3CC" --long-term no
r cla_review --child C1 --review-date 2024-07-01 --participation PN1
r cla_review --child C1 --review-date 2025-01-10 --participation PN6
r missing --child C1 --start-at 2024-08-01T10:00Z --end-at 2024-08-02T09:00Z --away no --rhi-accepted yes
r referral --child C1 --referral-date 2023-04-01 --source 6 --primary-need N1 --nfa no
r cla_outcome --child C1 --year-end 2025-03-31 --sdq-score 14 --convicted no --immunisations yes --teeth-check yes --health-assessment yes --substance-misuse no
# C2: a care leaver, 18 on 1 June 2024, in touch in May 2024.
r child --given-name Ben --family-name Cox --dob 2006-06-01 --sex M --ethnicity WBRI --upn E885200015001 --la-child-id C2 --uasc no --restricted no
r cla_episode --child C2 --decom 2020-07-01 --rne S --ls C2 --cin N1 --place U4 --place-provider PR1 --dec 2023-09-01 --rec E5 --home-post "WR5 5EE" --pl-post "WR6 6FF" --long-term yes
r leaver_contact --child C2 --contact-date 2024-05-20 --in-touch YES --accommodation D1 --activity F2 --entitlements-explained yes
# C3: no UPN at 9, and an episode that ceased the day it began; under a special guardianship
# order from 2022 before care.
r child --given-name Cal --family-name Dee --dob 2016-02-02 --sex M --ethnicity WIRI --la-child-id C3 --uasc no --restricted no \
	--prev-perm P2 --prev-perm-la 885 --prev-perm-date 2022-05-01
r cla_episode --child C3 --decom 2024-09-02 --rne S --ls V2 --cin N2 --place U6 --place-provider PR1 --dec 2024-09-02 --rec E8 --home-post "WR7 7GG" --pl-post "WR8 8HH" --long-term no
# C4: child protection: referral, assessment, s47 enquiry and ICPC, a plan and its review.
r child --given-name Dee --family-name Eve --dob 2015-05-01 --sex F --ethnicity WBRI --upn U885300116002 --la-child-id C4 --uasc no --restricted no
r child_disability --child C4 --code MOB --recorded 2024-05-01
r referral --child C4 --referral-date 2024-05-01 --source 1A --primary-need N1 --nfa no
r assessment --child C4 --referral 2 --start-date 2024-05-02 --authorised-date 2024-06-10 --factors 3B
r s47 --child C4 --referral 2 --strategy-date 2024-05-03 --start-date 2024-05-03 --icpc-date 2024-05-20 --icpc-not-required no
r cp_plan --child C4 --referral 2 --start-date 2024-05-20 --category NEG --initial-category PHY --previous-plans 2
r cp_review --child C4 --cp-plan 1 --review-date 2024-08-19
# C6: a young mother (her baby born 1 November 2024) in care since June 2024, whose UPN the
# sources disagree about (UN5).
r child --given-name Fay --family-name Gill --dob 2008-03-01 --sex F --ethnicity WBRI --la-child-id C6 --uasc no --restricted no \
	--upn-unknown UN5 --mother yes --mc-dob 2024-11-01
r cla_episode --child C6 --decom 2024-06-01 --rne S --ls V2 --cin N4 --place U6 --place-provider PR1 --home-post "WR1 1AA" --pl-post "WR2 2BB" --long-term no
r allocation --child C6 --worker SW1001 --kind sw --start-date 2024-06-01
check "the record is consistent" $H check "$db"

# ---- validation ----
run_ok "$TMPDIR/v.txt" $H validate "$db" --return ssda903 --year 2025
v=$?
[ $v = 0 ] && grep -q "^C3$" "$TMPDIR/v.txt" && grep -q "error 355 " "$TMPDIR/v.txt" && ok "355: an episode that ceased the day it began, for C3" || not_ok "355 not found: $(cat "$TMPDIR/v.txt")"
[ $v = 0 ] && grep -q "error 442 " "$TMPDIR/v.txt" && ok "442: the UPN is blank" || not_ok "442 not found"
[ $v = 0 ] && ! grep -q "^C1$" "$TMPDIR/v.txt" && ok "a clean child has no findings" || not_ok "C1 has findings (or validate failed): $(cat "$TMPDIR/v.txt")"
run_ok "$TMPDIR/v.json" $H validate "$db" --return ssda903 --year 2025 --format json &&
	python3 -c "import json,sys; d=json.load(open('$TMPDIR/v.json')); assert d['errors']>=2 and d['children'][0]['child']=='C3', d" 2>"$TMPDIR/py.err" &&
	ok "validate --format json" || not_ok "validate json: $(cat "$TMPDIR/py.err")"
run_ok "$TMPDIR/v.csv" $H validate "$db" --return ssda903 --year 2025 --format csv &&
	head -1 "$TMPDIR/v.csv" | grep -q '^child,child_id,rule,severity,table,row,detail,message$' &&
	ok "validate --format csv" || not_ok "validate csv header"
check "validate one child" $H validate "$db" --return cin-census --year 2025 --child C4
n=-1
run_ok "$TMPDIR/rules.csv" $H validate --rules --format csv && n=$(tail -n +2 "$TMPDIR/rules.csv" | wc -l)
[ "$n" -ge 150 ] && ok "the rule table has $n rules" || not_ok "only $n rules"
refuses "an unknown return" "is not ssda903 or cin-census" $H validate "$db" --return cla --year 2025

# ---- SSDA903 CSV: exact headers, the round trip, idempotent re-import ----
mkdir -p "$TMPDIR/e1" "$TMPDIR/e2"
check "export ssda903" $H export "$db" ssda903 --year 2025 --out "$TMPDIR/e1"
[ "$(head -1 "$TMPDIR/e1/Episodes.csv")" = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN" ] &&
	ok "Episodes.csv has the exact header" || not_ok "Episodes header: $(head -1 "$TMPDIR/e1/Episodes.csv")"
[ "$(head -1 "$TMPDIR/e1/SWEpisodes.csv")" = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON" ] && ok "SWEpisodes.csv header" || not_ok "SWEpisodes header"
grep -q '^C1,01/06/2024,P,C2,N1,U6,PR1,,,,WR1 1AA,WR3 3CC,$' "$TMPDIR/e1/Episodes.csv" && ok "an open episode: DEC and REC blank" || not_ok "episode row: $(cat "$TMPDIR/e1/Episodes.csv")"
grep -q '^C2,01/06/2006,YES,F2,D1$' "$TMPDIR/e1/OC3.csv" && ok "OC3: the care leaver around the 18th birthday" || not_ok "OC3: $(cat "$TMPDIR/e1/OC3.csv")"
grep -q '^C3,M,02/02/2016,WIRI,,,$' "$TMPDIR/e1/Header.csv" && ok "Header: blank UPN where none is known" || not_ok "Header: $(cat "$TMPDIR/e1/Header.csv")"
grep -q '^C6,F,01/03/2008,WBRI,UN5,1,01/11/2024$' "$TMPDIR/e1/Header.csv" && ok "Header: the reason a UPN is unknown, MOTHER and MC_DOB" || not_ok "Header: $(cat "$TMPDIR/e1/Header.csv")"
grep -q '^C1,F,01/06/2012,WBRI,L885455310171,0,$' "$TMPDIR/e1/Header.csv" && ok "Header: MOTHER 0" || not_ok "Header: $(cat "$TMPDIR/e1/Header.csv")"
grep -q '^C1,01/06/2012,14,,0,,1,1,1,0,,$' "$TMPDIR/e1/OC2.csv" && ok "OC2: the year's outcomes as recorded" || not_ok "OC2: $(cat "$TMPDIR/e1/OC2.csv")"
grep -q '^C3,02/02/2016,P2,885,01/05/2022$' "$TMPDIR/e1/PrevPerm.csv" && ok "PrevPerm: the order before care" || not_ok "PrevPerm: $(cat "$TMPDIR/e1/PrevPerm.csv")"
grep -q '^C6,01/03/2008,Z1,,$' "$TMPDIR/e1/PrevPerm.csv" && ok "PrevPerm: Z1 when none is recorded" || not_ok "PrevPerm: $(cat "$TMPDIR/e1/PrevPerm.csv")"
[ "$(cat "$TMPDIR/e1"/*.csv | wc -l)" -gt 11 ] || not_ok "empty export"
db2=$(new_db returns2)
check "init an empty record" $H init "$db2"
check "import the return" $H import "$db2" ssda903 "$TMPDIR/e1" --year 2025
check "export it again" $H export "$db2" ssda903 --year 2025 --out "$TMPDIR/e2"
if diff -r "$TMPDIR/e1" "$TMPDIR/e2" >"$TMPDIR/diff.txt"; then ok "round trip: the same files"; else not_ok "round trip differs"; head -20 "$TMPDIR/diff.txt" | sed 's/^/    /'; fi
n=$(q "$db2" "SELECT count(*) FROM revision WHERE tbl='cla_episode' AND action='insert'")
[ "$n" = 4 ] && ok "imported episodes have their revisions" || not_ok "episode revisions: $n"
n=$(q "$db2" "SELECT count(*) FROM audit WHERE section='cla_episode' AND action='create'")
[ "$n" = 4 ] && ok "and their audit rows" || not_ok "episode audit rows: $n"
n=$(q "$db2" "SELECT count(*) FROM child WHERE voided = 0 AND ((la_child_id = 'C6' AND upn_unknown = 'UN5' AND mother = 1 AND mc_dob = '2024-11-01') OR (la_child_id = 'C3' AND prev_perm = 'P2' AND prev_perm_la = '885') OR (la_child_id = 'C1' AND mother = 0))")
[ "$n" = 3 ] && ok "the Header's and PrevPerm's values are stored on the children" || not_ok "children imported: $n of 3"
n=$(q "$db2" "SELECT count(*) FROM cla_outcome WHERE voided = 0 AND year_end = '2025-03-31' AND sdq_score = 14 AND teeth_check = 1")
[ "$n" = 1 ] && ok "OC2 is stored as the year's outcomes" || not_ok "cla_outcome rows: $n"
before=$(digest "$db2")
run_ok "$TMPDIR/again.txt" $H import "$db2" ssda903 "$TMPDIR/e1" --year 2025 &&
	grep -q "0 records added, 0 updated" "$TMPDIR/again.txt" && [ "$(digest "$db2")" = "$before" ] &&
	ok "importing the same files again changes nothing" || not_ok "re-import: $(cat "$TMPDIR/again.txt")"
# An older year's Header says C6 was not a mother then: that does not undo what the record
# knows now (MOTHER 0 only fills a blank).
mkdir -p "$TMPDIR/old"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC6,2,01/03/2008,WBRI,UN5,0,\n' >"$TMPDIR/old/Header.csv"
run_ok "$TMPDIR/old.txt" $H import "$db2" ssda903 "$TMPDIR/old" --year 2024 &&
	n=$(q "$db2" "SELECT mother FROM child WHERE la_child_id = 'C6' AND voided = 0") || n="(the import failed)"
[ "$n" = 1 ] && ok "an older return's MOTHER 0 leaves a mother a mother" || not_ok "C6 mother after an older return: $n"
run_ok "$TMPDIR/self.txt" $H import "$db" ssda903 "$TMPDIR/e1" --year 2025 &&
	grep -q "0 records added, 0 updated" "$TMPDIR/self.txt" && ok "a record's own return changes nothing in it" || not_ok "self import: $(cat "$TMPDIR/self.txt")"

# ---- bad files: a child the record cannot hold is held back whole, the others come in ----
refuses "the year is given, not guessed" "do not say their collection year: give it with --year Y" \
	$H import "$db2" ssda903 "$TMPDIR/e1"
mkdir -p "$TMPDIR/bad"
cp "$TMPDIR/e1"/*.csv "$TMPDIR/bad/"
sed -i 's/^C1,01\/06\/2024,P,C2,N1,U6/C1,01\/06\/2024,P,C2,N1,ZZ/' "$TMPDIR/bad/Episodes.csv"
db3=$(new_db returns3)
check "init a third record" $H init "$db3"
refuses "a child with a placement code of no year is held back" "held back: child C1: $TMPDIR/bad/Episodes.csv:3: PLACE: " \
	$H import "$db3" ssda903 "$TMPDIR/bad" --year 2025
grep -qF "'ZZ' is not a code in the placement list" "$TMPDIR/refuse.err" && ok "the reason is named" || not_ok "reason not named: $(cat "$TMPDIR/refuse.err")"
n=$(q "$db3" "SELECT count(*) FROM child WHERE voided = 0 AND la_child_id = 'C1'")
m=$(q "$db3" "SELECT count(*) FROM child WHERE voided = 0")
[ "$n" = 0 ] && [ "$m" = 3 ] && ok "C1 is held back whole, the other three children come in" || not_ok "children: C1 $n, all $m"
n=$(q "$db3" "SELECT count(*) FROM cla_episode WHERE voided = 0")
[ "$n" = 2 ] && ok "the others' episodes came in" || not_ok "episodes: $n"
printf 'CHILD,COLOUR\nC1,red\n' >"$TMPDIR/bad/Other.csv"
refuses "a file that is no SSDA903 table" "Other.csv:1: the first line is not the header" $H import "$db3" ssda903 "$TMPDIR/bad/Other.csv" --year 2025

# ---- Annex A: a workbook read with hearth's own zip and XML reader ----
# (hearth report annex-a is part of hearth: if it fails, that is a regression, not a skip.)
check "annex-a: the record's workbook" $H report "$db" annex-a --as-at 2025-03-31 --out "$TMPDIR/annex.xlsx"
db4=$(new_db returns4)
check "init a record for the workbook" $H init "$db4"
check "an Annex A workbook imports" $H import "$db4" annex-a "$TMPDIR/annex.xlsx"
n=$(q "$db4" "SELECT count(*) FROM cla_episode WHERE voided = 0")
[ "$n" -ge 1 ] && ok "the children in care list gives episodes" || not_ok "no episodes from list 8"
n=$(q "$db4" "SELECT count(*) FROM child WHERE la_child_id = 'C4' AND voided = 0")
[ "$n" = 1 ] && ok "children are found by their Child Unique ID" || not_ok "C4 not imported"
run_ok "$TMPDIR/aagain.txt" $H import "$db4" annex-a "$TMPDIR/annex.xlsx" &&
	grep -q "0 records added, 0 updated" "$TMPDIR/aagain.txt" && ok "the same workbook again changes nothing" || not_ok "Annex A re-import: $(tail -1 "$TMPDIR/aagain.txt")"
if [ -z "$S" ]; then
	skip "returns: the Ofsted sample Annex A workbook" "no standards folder (STANDARDS)"
else
	db5=$(new_db returns5)
	check "init a record for the sample workbook" $H init "$db5"
	refuses "the Ofsted sample workbook's bad rows are named" "Annex_A_2024_Jan_blank_sample.xlsx:2: primary need code: List 6: 'PSRMEM - Support with memory and cognition' is not a primary_need code (rule code)" \
		$H import "$db5" annex-a "$S/annex-a/Annex_A_2024_Jan_blank_sample.xlsx"
	check "and --partial takes the rest" $H import "$db5" annex-a "$S/annex-a/Annex_A_2024_Jan_blank_sample.xlsx" --partial
	n=$(q "$db5" "SELECT count(*) FROM contact WHERE voided = 0")
	[ "$n" = 5 ] && ok "list 1: five contacts" || not_ok "list 1 contacts: $n"
fi

# ---- the XML forms, against the DfE's schemas ----
if [ -n "$S" ]; then
	check "SSDA903 XML valid against CLA.xsd" $H export "$db" ssda903 --year 2025 --xml "$TMPDIR/s.xml" --standards "$S"
	check "CIN census 2025 valid against its schema" $H export "$db" cin-census --year 2025 --out "$TMPDIR/c1.xml" --standards "$S"
	check "CIN census 2024 (GenderCurrent)" $H export "$db" cin-census --year 2024 --out "$TMPDIR/c24.xml" --xsd "$S/cin-census/CIN_schema_2024.xsd"
	grep -q "<GenderCurrent>2</GenderCurrent>" "$TMPDIR/c24.xml" && ok "2024 codes sex as GenderCurrent" || not_ok "2024 sex"
	grep -q "<InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>" "$TMPDIR/c1.xml" && grep -q "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>" "$TMPDIR/c1.xml" &&
		grep -q "<NumberOfPreviousCPP>2</NumberOfPreviousCPP>" "$TMPDIR/c1.xml" && ok "CP plan: initial and latest category, previous plans as recorded" || not_ok "CP plan: $(grep -A6 '<ChildProtectionPlans>' "$TMPDIR/c1.xml")"
	check "the CIN census imports" $H import "$db2" cin-census "$TMPDIR/c1.xml" --standards "$S"
	check "and exports again" $H export "$db2" cin-census --year 2025 --out "$TMPDIR/c2.xml" --standards "$S"
	if diff "$TMPDIR/c1.xml" "$TMPDIR/c2.xml" >"$TMPDIR/cdiff.txt"; then ok "CIN round trip: the same file"; else not_ok "CIN round trip differs"; head -20 "$TMPDIR/cdiff.txt" | sed 's/^/    /'; fi
	run_ok "$TMPDIR/cagain.txt" $H import "$db2" cin-census "$TMPDIR/c1.xml" &&
		grep -q "0 records added, 0 updated" "$TMPDIR/cagain.txt" && ok "the CIN census again changes nothing" || not_ok "CIN re-import: $(cat "$TMPDIR/cagain.txt")"
	check "workforce census valid against its schema" $H export "$db" workforce --date 2024-09-30 --out "$TMPDIR/w.xml" --standards "$S" --vacancies 3.5
	grep -q "<SWENo>SW0000123456</SWENo>" "$TMPDIR/w.xml" && ok "SWENo in the schema's form" || not_ok "SWENo: $(grep SWENo "$TMPDIR/w.xml")"
	grep -q "<PersonBirthDate>1985-04-02</PersonBirthDate>" "$TMPDIR/w.xml" && grep -q "<GenderCurrent>2</GenderCurrent>" "$TMPDIR/w.xml" &&
		grep -q "<QualInst>University of Worcester</QualInst>" "$TMPDIR/w.xml" && ok "workforce: the worker's own items" || not_ok "workforce: $(cat "$TMPDIR/w.xml")"
	grep -q "<WorkingDaysLost>8.00</WorkingDaysLost>" "$TMPDIR/w.xml" && grep -q "<Absat30Sept>1</Absat30Sept>" "$TMPDIR/w.xml" &&
		grep -q "<ReasonAbsence>SIC</ReasonAbsence>" "$TMPDIR/w.xml" && ok "workforce: absence on the day and working days lost" || not_ok "workforce absence: $(cat "$TMPDIR/w.xml")"
	# A record the schema cannot take is refused and no file is written.
	r child --given-name Eve --family-name Fox --dob 2014-01-01 --sex F --la-child-id C5 --uasc no --restricted no
	r referral --child C5 --referral-date 2024-06-01 --source 2A --primary-need N4 --nfa no
	refuses "an invalid CIN census is refused" "child C5; nothing was written" $H export "$db" cin-census --year 2025 --out "$TMPDIR/c3.xml" --standards "$S"
	# Neither the file nor a temporary one beside it.
	if compgen -G "$TMPDIR/c3.xml*" >/dev/null; then not_ok "a file was written: $(ls "$TMPDIR" | grep c3.xml)"; else ok "no file was written"; fi
	refuses "the CIN census needs its schema" "give --xsd FILE or --standards DIR" $H export "$db" cin-census --year 2025 --out "$TMPDIR/c4.xml"
else
	skip "returns: the XML forms against the DfE's schemas" "no standards folder (STANDARDS)"
fi
finish
