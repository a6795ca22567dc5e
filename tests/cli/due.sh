# The statutory clock from the shell: working days, settings, and the worklist (`hearth due`)
# on a small record built by hand (every date below worked by hand) and on the demo county
# (golden files in tests/golden/due-*.txt; HEARTH_REGRESS_UPDATE=1 rewrites them).
. "$ROOT/tests/lib.sh"
H=$HEARTH

# ---- working days ----
# Fri 2024-12-20 + 10 wd, skipping 25, 26 Dec and 1 Jan = Wed 2025-01-08 (the issue's example).
run_ok "$TMPDIR/wd" $H workdays add 2024-12-20 10 && [ "$(cat "$TMPDIR/wd")" = 2025-01-08 ] &&
	ok "workdays add across Christmas" || not_ok "workdays add 2024-12-20 10"
run_ok "$TMPDIR/wd" $H workdays between 2024-12-20 2025-01-08 && [ "$(cat "$TMPDIR/wd")" = 10 ] &&
	ok "workdays between" || not_ok "workdays between"
# Thu 2025-04-17 + 1 wd: Good Friday 18 and Easter Monday 21 skipped = Tue 22 Apr.
run_ok "$TMPDIR/wd" $H workdays add 2025-04-17 1 && [ "$(cat "$TMPDIR/wd")" = 2025-04-22 ] &&
	ok "workdays add across Easter" || not_ok "workdays across Easter"
refuses "workdays: a day that does not exist" "is not a date" $H workdays add 2025-02-29 1
refuses "workdays: N must be a number" "is not a whole number" $H workdays add 2025-01-01 ten
refuses "workdays: unknown subcommand" "usage: hearth workdays" $H workdays sub 2025-01-01 2

# ---- a small record, built by hand ----
db=$TMPDIR/due.db
rec() { $H record "$db" "$@" >/dev/null || not_ok "record $*"; }
check "init" $H init "$db"
check "child C1" $H child "$db" add --given Amy --family Smith --dob 2015-03-02 --sex F --ethnicity WBRI --la-id C1
check "child C2" $H child "$db" add --given Ben --family Jones --dob 2012-06-10 --sex M --ethnicity WBRI --la-id C2
rec team --name "Locality North" --service cin_cp --opened 2020-01-01
rec team --name "Children in care" --service cla --opened 2020-01-01
rec team --name "LADO" --service lado --opened 2020-01-01
rec worker --staff-id SW1 --given-name Jo --family-name Bloggs --role social_worker --team "Locality North" \
	--fte 1 --agency no --case-holder yes --start-date 2020-01-01
rec worker --staff-id SW2 --given-name Sam --family-name Patel --role social_worker --team "Children in care" \
	--fte 1 --agency no --case-holder yes --start-date 2020-01-01
# C1: referral Fri 20 Dec 2024, no assessment yet: due + 45 wd = Wed 26 Feb 2025.
rec referral --child C1 --referral-date 2024-12-20 --source 1A --nfa no --primary-need N1
rec allocation --child C1 --worker SW1 --kind sw --start-date 2024-12-20
# A contact on Thu 20 Feb 2025 with no decision: due Fri 21 Feb.
rec contact --child C1 --contact-date 2025-02-20 --source 1A
# CIN plan from 6 Jan 2025, child seen Mon 3 Feb: next visit + 20 wd = Mon 3 Mar.
rec cin_plan --child C1 --referral 1 --start-date 2025-01-06
rec visit --child C1 --visit-date 2025-02-03 --kind cin --seen yes --seen-alone yes
# C2: in care from Mon 6 Jan 2025 (S), moved to new carers Mon 24 Feb (P).
rec referral --child C2 --referral-date 2025-01-02 --source 1A --nfa no --primary-need N1
rec assessment --child C2 --referral 2 --start-date 2025-01-02 --authorised-date 2025-01-20
rec allocation --child C2 --worker SW2 --kind sw --start-date 2025-01-06
rec cla_episode --child C2 --decom 2025-01-06 --rne S --ls C2 --cin N1 --place U1 --dec 2025-02-24 --rec X1 --long-term no
rec cla_episode --child C2 --decom 2025-02-24 --rne P --ls C2 --cin N1 --place U1 --long-term no
# Visited 10 Jan in the first placement: the move restarts the clock, visit due 1 week after
# 24 Feb = Mon 3 Mar. First review held 30 Jan (second due 30 Apr: not yet listed).
rec visit --child C2 --visit-date 2025-01-10 --kind cla --seen yes --seen-alone yes
rec cla_review --child C2 --review-date 2025-01-30 --participation PN1
# PEP held 17 Jan (due within 10 wd, by 20 Jan); next by the end of the summer term.
rec pep --child C2 --pep-date 2025-01-17
# No initial health assessment: due 6 Jan + 20 wd = Mon 3 Feb; 28 days late on 3 Mar.
# LADO: received Fri 10 Jan 2025, not considered: due Mon 13 Jan (49 days late on 3 Mar);
# unresolved: the 1-month target was 10 Feb (21 days late).
rec lado --reference L-1 --received-date 2025-01-10 --category physical --sector education

golden "due: whole authority, text" due-small-all.txt $H due "$db" --as-at 2025-03-03
golden "due: one worker" due-small-worker.txt $H due "$db" --worker SW1 --as-at 2025-03-03
golden "due: one team, csv" due-small-team-csv.txt $H due "$db" --team "Children in care" --as-at 2025-03-03 --format csv
golden "due: the LADO team, json" due-small-lado-json.txt $H due "$db" --team LADO --as-at 2025-03-03 --format json

run_ok "$TMPDIR/w.txt" $H due "$db" --worker SW1 --as-at 2025-03-03
w=$?
# (and the list is not empty: C1's items are on it)
[ $w = 0 ] && grep -q " C1 " "$TMPDIR/w.txt" && ! grep -q "lado" "$TMPDIR/w.txt" &&
	ok "a worker's list holds no LADO allegation" || not_ok "a worker's list holds no LADO allegation"
[ $w = 0 ] && grep -q " C1 " "$TMPDIR/w.txt" && ! grep -q " C2 " "$TMPDIR/w.txt" &&
	ok "a worker's list holds only her children" || not_ok "a worker's list holds only her children"
# By internal id as well as by staff id (the heading names what was typed).
[ $w = 0 ] && run_ok "$TMPDIR/w1.txt" $H due "$db" --worker 1 --as-at 2025-03-03 &&
	cmp -s <(sed 1d "$TMPDIR/w1.txt") <(sed 1d "$TMPDIR/w.txt") &&
	ok "--worker by internal id" || not_ok "--worker by internal id"
# Before the contact arrived (19 Feb) it is not on the list (which still lists C1's other items).
run_ok "$TMPDIR/early.txt" $H due "$db" --as-at 2025-02-19 && grep -q " C1 " "$TMPDIR/early.txt" &&
	! grep -q contact_decision "$TMPDIR/early.txt" && ok "as at an earlier date" || not_ok "as at an earlier date"
# On Mon 3 Mar a due-soon window of 5 wd reaches Mon 10 Mar; nothing falls in it here, but on
# Mon 24 Feb the CIN visit (due 3 Mar) is due soon and the contact (21 Feb) overdue by 3.
run_ok "$TMPDIR/soon.txt" $H due "$db" --as-at 2025-02-24
w=$?
[ $w = 0 ] && grep -Eq '^due_soon +-7 2025-03-03 2025-02-03 C1 .*cin_visit_local' "$TMPDIR/soon.txt" && ok "due soon" ||
	{ not_ok "due soon"; sed 's/^/    /' "$TMPDIR/soon.txt"; }
[ $w = 0 ] && grep -Eq '^overdue +3 2025-02-21 2025-02-20 C1 .*contact_decision_1wd' "$TMPDIR/soon.txt" && ok "overdue" ||
	not_ok "overdue"

# ---- settings ----
check "settings list" $H settings "$db"
run_ok "$TMPDIR/set.txt" $H settings "$db" && grep -Eq '^cin_visit_working_days +20 +20 +no' "$TMPDIR/set.txt" &&
	ok "settings: default shown" ||
	not_ok "settings: default shown"
sum() { digest "$db"; }
before=$(sum)
refuses "settings: out of range" "rule: range" $H settings "$db" set cin_visit_working_days 0
refuses "settings: not a number" "rule: whole_number" $H settings "$db" set cin_visit_working_days twenty
refuses "settings: unknown key" "rule: unknown_setting" $H settings "$db" set cin_visit_weeks 4
refuses "settings: bad terms" "rule: terms" $H settings "$db" set pep_term_starts 09-01,01-01
[ "$(sum)" = "$before" ] && ok "refused settings leave the file unchanged" || not_ok "refused settings changed the file"
check "settings: set the CIN visit interval" $H settings "$db" set cin_visit_working_days 10
run_ok "$TMPDIR/set.txt" $H settings "$db" && grep -Eq '^cin_visit_working_days +10 +20 +yes' "$TMPDIR/set.txt" &&
	ok "settings: local value shown" ||
	not_ok "settings: local value shown"
# Now 10 wd after Mon 3 Feb = Mon 17 Feb: 14 days late on 3 Mar.
run_ok "$TMPDIR/w10.txt" $H due "$db" --worker SW1 --as-at 2025-03-03 &&
	grep -Eq '^overdue +14 2025-02-17 2025-02-03 C1 .*cin_visit_local' "$TMPDIR/w10.txt" &&
	ok "the clock follows the local setting" || not_ok "the clock follows the local setting"
check "settings: set again (an update, with its revision)" $H settings "$db" set cin_visit_working_days 20
n=$(sqlite3 "$db" "SELECT count(*) FROM revision WHERE tbl='setting' AND action='update'")
[ "$n" = 1 ] && ok "settings: the change is a revision" || not_ok "settings: revisions ($n)"

# ---- bad command lines ----
refuses "due: unknown worker" "there is no worker 'NOBODY'" $H due "$db" --worker NOBODY
refuses "due: worker and team together" "give one or the other" $H due "$db" --worker SW1 --team LADO
refuses "due: unknown format" "--format" $H due "$db" --format xml
refuses "due: bad as-at" "--as-at" $H due "$db" --as-at 2025-13-01
refuses "due: no such record" "does not exist" $H due "$TMPDIR/none.db"

# ---- the demo county: a fixed seed and date ----
county=$TMPDIR/county.db
if demo_county "$county"; then
	ok "demo county"
	check "due: demo county, the whole list" run_ok "$TMPDIR/all.txt" $H due "$county" --as-at 2026-03-31
	golden "due: demo county, the most urgent 60" due-county-head.txt head -61 "$TMPDIR/all.txt"
	golden "due: demo county, summary line" due-county-summary.txt head -1 "$TMPDIR/all.txt"
	team=$(sqlite3 "$county" "SELECT name FROM team WHERE service = 'cin_cp' AND voided = 0 ORDER BY id LIMIT 1")
	golden "due: demo county, one team" due-county-team.txt $H due "$county" --team "$team" --as-at 2026-03-31
	lado=$(sqlite3 "$county" "SELECT name FROM team WHERE service = 'lado' AND voided = 0 ORDER BY id LIMIT 1")
	golden "due: demo county, the LADO team" due-county-lado.txt $H due "$county" --team "$lado" --as-at 2026-03-31
	run_ok "$TMPDIR/team.txt" $H due "$county" --team "$team" --as-at 2026-03-31 && [ "$(wc -l <"$TMPDIR/team.txt")" -gt 2 ] &&
		! grep -q LADO- "$TMPDIR/team.txt" && ok "a case team's list holds no LADO allegation" ||
		not_ok "a case team's list holds no LADO allegation"
	worker=$(sqlite3 "$county" "SELECT w.staff_id FROM worker w JOIN allocation a ON a.worker_id = w.id
		WHERE a.voided = 0 AND a.kind = 'sw' AND a.end_date IS NULL ORDER BY w.id LIMIT 1")
	golden "due: demo county, one worker, json" due-county-worker-json.txt \
		$H due "$county" --worker "$worker" --as-at 2026-03-31 --format json
	# The three formats list the same items.
	n_text=$(($(wc -l <"$TMPDIR/all.txt") - 2))
	n_csv="(csv failed)"
	n_json="(json failed)"
	run_ok "$TMPDIR/all.csv" $H due "$county" --as-at 2026-03-31 --format csv &&
		n_csv=$(($(wc -l <"$TMPDIR/all.csv") - 1))
	run_ok "$TMPDIR/all.json" $H due "$county" --as-at 2026-03-31 --format json &&
		n_json=$(python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["items"]) if d["counts"]["items"] == len(d["items"]) else -1)' <"$TMPDIR/all.json")
	[ "$n_text" -gt 0 ] && [ "$n_text" = "$n_csv" ] && [ "$n_csv" = "$n_json" ] && ok "text, csv and json agree ($n_text items)" ||
		not_ok "formats disagree: text $n_text, csv $n_csv, json $n_json"
	# Most urgent first: days overdue never increase down the list.
	[ "$n_text" -gt 0 ] && awk 'NR > 2 { if (NR > 3 && $2 > prev) bad = 1; prev = $2 } END { exit bad }' "$TMPDIR/all.txt" &&
		ok "sorted most urgent first" || not_ok "not sorted most urgent first"
else
	not_ok "demo county ($(head -c 200 "$TMPDIR/demo.err"))"
fi

finish
