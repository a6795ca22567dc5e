# hearth demo: the synthetic county is the same record for the same seed and as-at date,
# a different one for another seed, passes `hearth check`, lands in the ranges of
# DOMAIN.md §7 on the as-at date, dates nothing after it, and never overwrites a file or
# leaves a half-made one behind.
. "$ROOT/tests/lib.sh"
H=$HEARTH
AS_AT=2026-03-31
a=$TMPDIR/a.db
b=$TMPDIR/b.db
c=$TMPDIR/c.db

# ---- three generations at once: seed 1 twice, seed 2 once ----
$H demo "$a" --seed 1 --as-at $AS_AT >"$TMPDIR/a.out" 2>"$TMPDIR/a.err" &
pa=$!
$H demo "$b" --seed 1 --as-at $AS_AT >"$TMPDIR/b.out" 2>"$TMPDIR/b.err" &
pb=$!
$H demo "$c" --seed 2 --as-at $AS_AT >"$TMPDIR/c.out" 2>"$TMPDIR/c.err" &
pc=$!
# and seed 1 as at a date after the MACPT duty date (2026-04-29, the setting's default)
d=$TMPDIR/d.db
AS_AT_MACPT=2026-11-30
$H demo "$d" --seed 1 --as-at $AS_AT_MACPT >"$TMPDIR/d.out" 2>"$TMPDIR/d.err" &
pd=$!
made=1
for p in $pa $pb $pc $pd; do
	wait "$p" || made=0
done
if [ $made = 1 ]; then
	ok "demo county, seeds 1, 1 and 2, and 1 as at $AS_AT_MACPT ($(sed -n 's/^time: //p' "$TMPDIR/a.out"))"
else
	not_ok "demo county: $(cat "$TMPDIR/a.err" "$TMPDIR/b.err" "$TMPDIR/c.err" "$TMPDIR/d.err" | head -c 400)"
	finish
fi
if [ -s "$TMPDIR/a.err" ]; then
	not_ok "nothing on stderr when it is not a terminal (got: $(head -c 200 "$TMPDIR/a.err"))"
else
	ok "nothing on stderr when it is not a terminal"
fi
leftovers=$(ls "$TMPDIR" | grep -c '\.tmp-')
[ "$leftovers" = 0 ] && ok "no temporary files left" || not_ok "$leftovers temporary files left"

# ---- reproducible: every table, row by row (the revision log's and audit trail's times
# and the audit hash chain are real time and are left out) ----
table_digests() {	# DB: "table digest" lines
	local db=$1 t cols
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		case $t in
		revision) cols="id, tbl, row_id, action, before, after, reason, actor" ;;
		audit) cols="id, actor, action, child_id, section, route, address" ;;
		user_account) cols="id, username, role, team_id, worker_id, disabled" ;;	# salted hashes, real times
		*) cols="*" ;;
		esac
		# (a table that cannot be read gives a different line each time, never a match)
		printf '%s %s\n' "$t" "$(set -o pipefail; sqlite3 "$db" "SELECT $cols FROM \"$t\" ORDER BY 1" | sha256sum | cut -c1-16 ||
			echo "unreadable-$RANDOM$RANDOM")"
	done
}
table_digests "$a" >"$TMPDIR/a.sums"
users=$(sqlite3 "$a" "SELECT group_concat(username, ' ') FROM (SELECT username FROM user_account WHERE disabled = 0 ORDER BY username)")
[ "$users" = "admin analyst front_door head_of_service inspector iro lado partner personal_adviser social_worker team_manager" ] &&
	ok "the demo has one user per role, named after the role" || not_ok "demo users: $users"
n=$(sqlite3 "$a" "SELECT count(*) FROM user_account WHERE username IN ('social_worker', 'team_manager') AND team_id IS NOT NULL")
[ "$n" = 2 ] && ok "the demo social worker and manager belong to a team" || not_ok "demo team users: $n"
# Requests for a manager's authorisation, planted through the saving layer (src/demo/approvals.c):
# awaiting ones of several ages (some a week or more old), a proposed closure, one returned with
# a reason, and some in the demo manager's team, so /approvals is not empty.
aq() { sqlite3 "$a" "$1"; }
got="$(aq "SELECT count(*) FROM authorisation WHERE state = 'awaiting'")|$(aq "SELECT count(DISTINCT asked_date) FROM authorisation WHERE state = 'awaiting'")|$(aq "SELECT count(*) FROM authorisation WHERE state = 'awaiting' AND asked_date <= '2026-03-24'")|$(aq "SELECT count(*) FROM authorisation WHERE state = 'awaiting' AND point = 'case_close' AND proposed_date IS NOT NULL")|$(aq "SELECT count(*) FROM authorisation WHERE state = 'returned' AND length(reason) > 10")|$(aq "SELECT count(*) FROM authorisation a JOIN worker w ON w.id = a.asked_by JOIN user_account u ON u.team_id = w.team_id WHERE u.username = 'team_manager' AND a.state = 'awaiting'")"
if printf '%s' "$got" | awk -F'|' '{ exit !($1 >= 10 && $2 >= 5 && $3 >= 3 && $4 >= 1 && $5 >= 1 && $6 >= 3) }'; then
	ok "the demo plants requests for authorisation (awaiting|dates|a week old|closures|returned|manager's team: $got)"
else
	not_ok "the demo's requests for authorisation: $got"
fi
# The partner user is a partner agency's practitioner (their organisation on their worker
# row) who leads a few open Family Help episodes: they see those children.
got="$(aq "SELECT coalesce(w.organisation, 'none') FROM user_account u JOIN worker w ON w.id = u.worker_id WHERE u.username = 'partner'")|$(aq "SELECT count(DISTINCT f.child_id) FROM family_help f JOIN user_account u ON u.worker_id = f.lead_worker_id WHERE u.username = 'partner' AND f.voided = 0 AND f.start_date <= '$AS_AT' AND (f.end_date IS NULL OR f.end_date > '$AS_AT')")"
if printf '%s' "$got" | awk -F'|' '{ exit !($1 != "none" && $1 != "" && $2 >= 3 && $2 <= 40) }'; then
	ok "the demo partner user has an organisation and leads open Family Help ($got)"
else
	not_ok "the demo partner user: $got"
fi
# Multi-agency child protection teams (s.16EA Children Act 2004; src/demo/macpt.c): none
# before the duty date; after it, one per locality with members from each agency (social
# work, education, health, police), and most s.47s and CP plans begun from the duty date
# name their MACPT while a seeded few (about 6%) do not, so the findings' MACPT1Q is not empty.
got="$(aq "SELECT count(*) FROM macpt")|$(aq "SELECT count(*) FROM s47 WHERE macpt_id IS NOT NULL")"
[ "$got" = "0|0" ] && ok "no MACPTs in a record as at $AS_AT, before the duty date" ||
	not_ok "MACPTs (teams|named s.47s) before the duty date: $got"
dq() { sqlite3 "$d" "$1"; }
duty=2026-04-29
got="$(dq "SELECT count(*) FROM macpt WHERE voided = 0 AND start_date = '$duty'")|$(dq "SELECT count(*) FROM macpt m WHERE (SELECT count(DISTINCT agency) FROM macpt_member x WHERE x.macpt_id = m.id AND x.voided = 0 AND x.agency IN ('social_work', 'education', 'health', 'police')) = 4")|$(dq "SELECT count(*) FROM macpt_member x JOIN worker w ON w.id = x.worker_id WHERE x.agency = 'social_work' AND w.role = 'team_manager'")"
if printf '%s' "$got" | awk -F'|' '{ exit !($1 == 4 && $2 == 4 && $3 >= 4) }'; then
	ok "the demo has a MACPT per locality from the duty date, with members from each agency (teams|with all four|managers: $got)"
else
	not_ok "the demo's MACPTs (teams|with all four agencies|managers as members): $got"
fi
post() { dq "SELECT count(*) || '|' || count(macpt_id) FROM $1 WHERE voided = 0 AND start_date >= '$duty'"; }
for t in s47 cp_plan; do
	got=$(post $t)
	if printf '%s' "$got" | awk -F'|' '{ exit !($1 >= 100 && $2 >= 0.85 * $1 && $1 - $2 >= 3 && $1 - $2 <= 0.12 * $1) }'; then
		ok "most $t rows begun from the duty date name a MACPT, some do not (rows|named: $got)"
	else
		not_ok "$t rows begun from the duty date (rows|named): $got"
	fi
done
got=$(dq "SELECT count(*) FROM s47 WHERE start_date < '$duty' AND macpt_id IS NOT NULL")
[ "$got" = 0 ] && ok "no s.47 before the duty date names a MACPT" || not_ok "$got s.47s before the duty date name a MACPT"
check "hearth check passes on the county demo as at $AS_AT_MACPT (its MACPTs and members)" $H check "$d"
run_ok "$TMPDIR/dv.txt" $H validate "$d" --return cin-census --year 2027
n=$(grep -c 'query MACPT1Q' "$TMPDIR/dv.txt")
[ "$n" -ge 3 ] && [ "$n" -le 150 ] && ok "the findings list the unnamed few as MACPT1Q ($n)" ||
	not_ok "MACPT1Q findings on the demo as at $AS_AT_MACPT: $n"
# The demo county sets its LA's ONS codes (Worcestershire's: src/demo/demo.c), so SSDA903
# rules 229 and 503J lack only the reference data the demo does not load (Ofsted's register,
# the ONS directory), not the LA code.
run_ok "$TMPDIR/ds.txt" $H settings "$a" &&
	grep -Eq '^la_ons_codes +E10000034,E07000234,E07000235,E07000236,E07000237,E07000238,E07000239 +none +yes' "$TMPDIR/ds.txt" &&
	ok "the demo county sets la_ons_codes (Worcestershire and its districts)" || not_ok "demo la_ons_codes: $(grep la_ons "$TMPDIR/ds.txt")"
$H validate "$a" --return ssda903 --year 2026 --format csv 2>/dev/null | grep -E '^,0,(229|503J),not run' >"$TMPDIR/dnr.csv"
[ "$(wc -l <"$TMPDIR/dnr.csv")" = 2 ] && ! grep -q -- '--la-code' "$TMPDIR/dnr.csv" && grep -q 'needs the ONS postcode directory' "$TMPDIR/dnr.csv" &&
	ok "validate on the demo: 229 and 503J need the postcode directory, not the LA code" || not_ok "demo 229/503J not run: $(cat "$TMPDIR/dnr.csv")"
table_digests "$b" >"$TMPDIR/b.sums"
table_digests "$c" >"$TMPDIR/c.sums"
if [ "$(wc -l <"$TMPDIR/a.sums")" -ge 20 ] && diff "$TMPDIR/a.sums" "$TMPDIR/b.sums" >"$TMPDIR/ab.diff"; then
	ok "the same seed and as-at date give the same record ($(wc -l <"$TMPDIR/a.sums") tables)"
else
	not_ok "the same seed gave different records in: $(grep '^<' "$TMPDIR/ab.diff" | cut -d' ' -f2 | tr '\n' ' ')"
fi
if cmp -s "$TMPDIR/a.out" "$TMPDIR/b.out" ||
	[ "$(grep -v '^time:' "$TMPDIR/a.out")" = "$(grep -v '^time:' "$TMPDIR/b.out" | sed "s|$b|$a|")" ]; then
	ok "the same seed prints the same summary"
else
	not_ok "the same seed printed different summaries"
fi
differ=$(diff "$TMPDIR/a.sums" "$TMPDIR/c.sums" | grep -c '^<')
if grep -q '^child ' "$TMPDIR/a.sums" && [ "$differ" -gt 10 ]; then
	ok "another seed gives another record ($differ tables differ)"
else
	not_ok "seed 2 differs from seed 1 in only $differ tables"
fi

# ---- the record's own check ----
check "hearth check passes on the county demo" $H check "$a"

# ---- the county on the as-at date (DOMAIN.md §7) ----
val() {	# KEY: the number after "KEY: " in the summary
	sed -n "s/^$1: \([0-9]*\).*/\1/p" "$TMPDIR/a.out" | head -1
}
within() {	# NAME VALUE LO HI
	if [ -n "$2" ] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]; then
		ok "$1: $2 (expected $3-$4)"
	else
		not_ok "$1: '$2' (expected $3-$4)"
	fi
}
cla=$(val "status cla")
cp=$(val "status cp")
cin=$(val "status cin")
within "children in care" "$cla" 800 900
within "children on CP plans" "$cp" 400 500
within "children in need (cin + cp + cla, the DfE count)" "$((cin + cp + cla))" 3000 3500
within "children in need not on a plan or in care" "$cin" 1600 2300
within "care leavers" "$(val "status leaver")" 300 650
within "early help" "$(val "status early_help")" 800 2200
within "teams" "$(val teams)" 15 20
within "case-holding social workers" "$(val "social workers")" 150 220
line=$(sed -n 's/^last 12 months: //p' "$TMPDIR/a.out")
referrals=$(printf '%s' "$line" | sed -n 's/.*, referrals \([0-9]*\).*/\1/p')
rerefs=$(printf '%s' "$line" | sed -n 's/.*re-referrals \([0-9]*\)\..*/\1/p')
within "referrals in the last year" "$referrals" 5400 6600
within "re-referral rate (%)" "$rerefs" 18 26
agency=$(sed -n 's/^social workers: .*(\([0-9]*\)\..*%).*/\1/p' "$TMPDIR/a.out")
within "agency social workers (%)" "$agency" 12 24
caseload=$(sed -n 's/^caseload: .*, \([0-9]*\)\..* per case-holding FTE/\1/p' "$TMPDIR/a.out")
within "caseload per case-holding FTE" "$caseload" 12 22

# The summary's counts agree with the rows themselves.
open_cla=$(sqlite3 "$a" "SELECT count(DISTINCT child_id) FROM cla_episode WHERE voided = 0 AND dec IS NULL")
[ "$open_cla" = "$cla" ] && ok "children with an open episode = status cla ($cla)" ||
	not_ok "children with an open episode ($open_cla) != status cla ($cla)"
open_cp=$(sqlite3 "$a" "SELECT count(DISTINCT p.child_id) FROM cp_plan p WHERE p.end_date IS NULL AND NOT EXISTS
	(SELECT 1 FROM cla_episode e WHERE e.child_id = p.child_id AND e.dec IS NULL)")
[ "$open_cp" = "$cp" ] && ok "children with an open CP plan and not in care = status cp ($cp)" ||
	not_ok "children with an open CP plan and not in care ($open_cp) != status cp ($cp)"
unallocated=$(sqlite3 "$a" "SELECT count(*) FROM (SELECT DISTINCT child_id FROM cla_episode WHERE dec IS NULL
	UNION SELECT DISTINCT child_id FROM cp_plan WHERE end_date IS NULL) o WHERE NOT EXISTS
	(SELECT 1 FROM allocation l WHERE l.child_id = o.child_id AND l.kind = 'sw' AND l.end_date IS NULL)")
[ "$unallocated" -le 5 ] && ok "children in care or on plans have a social worker ($unallocated without)" ||
	not_ok "$unallocated children in care or on plans have no social worker"

# Nothing is dated after the as-at date, in any column of any table of the record (but an
# unborn child's expected date of birth, which is a forecast, not an event).
late=0
columns=0
for t in $(sqlite3 "$a" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
	AND name NOT IN ('revision', 'audit', 'user_account', 'user_session', 'access_grant', 'draft')"); do
	for col in $(sqlite3 "$a" "SELECT name FROM pragma_table_info('$t') WHERE type = 'TEXT' AND name != 'expected_dob'"); do
		n=$(sqlite3 "$a" "SELECT count(*) FROM \"$t\" WHERE \"$col\" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*'
			AND substr(\"$col\", 1, 10) > '$AS_AT'") || n="(sqlite3 failed)"
		columns=$((columns + 1))
		if [ "$n" != 0 ]; then
			echo "    $t.$col: $n after $AS_AT"
			late=$((late + 1))
		fi
	done
done
# (and the columns were read: a record that could not be read has no late dates either)
[ "$late" = 0 ] && [ "$columns" -ge 20 ] && ok "nothing dated after the as-at date ($columns columns)" ||
	not_ok "$late columns hold values dated after the as-at date ($columns columns read)"

# ---- an existing file is refused and left as it was ----
keep=$TMPDIR/keep.db
printf 'not a record, keep me\n' >"$keep"
cp "$keep" "$TMPDIR/keep.copy"
refuses "an existing file is refused" "already exists" $H demo "$keep" --seed 1 --as-at $AS_AT
cmp -s "$keep" "$TMPDIR/keep.copy" && ok "the existing file is unchanged" || not_ok "the existing file was changed"
refuses "an unknown scale is refused" "--scale" $H demo "$TMPDIR/x.db" --scale planet
[ ! -e "$TMPDIR/x.db" ] && ok "nothing made for a refused scale" || not_ok "a refused scale left a file"

# ---- an interrupted generation leaves nothing behind ----
part=$TMPDIR/part.db
$H demo "$part" --seed 3 --as-at $AS_AT >/dev/null 2>"$TMPDIR/part.err" &
pp=$!
sleep 2
kill -INT "$pp" 2>/dev/null
wait "$pp"
rc=$?
# Exit 1: it caught the signal and cleaned up (a crash, or death by the signal, is not that).
if [ $rc = 0 ]; then
	not_ok "an interrupted demo should fail (it finished in under 2 s?)"
elif [ $rc != 1 ]; then
	not_ok "an interrupted demo: exit $rc, not a clean failure ($(head -c 200 "$TMPDIR/part.err"))"
else
	left=$(ls "$TMPDIR" | grep -c '^part\.db')
	[ "$left" = 0 ] && ok "an interrupted demo leaves no file" || not_ok "an interrupted demo left $left files"
fi

# ---- goldens of the record from the shell, on the fixed seed and date (issue 2) ----
# (last: showing a child writes its audit row, so the record changes after this point)
golden "child list: children on CP plans on the as-at date (csv)" demo-child-list-cp.csv \
	$H child "$a" list --status cp --as-at $AS_AT --format csv
golden "child list: children in care (text)" demo-child-list-cla.txt \
	$H child "$a" list --status cla --as-at $AS_AT
first_cla=
run_ok "$TMPDIR/cla.csv" $H child "$a" list --status cla --as-at $AS_AT --format csv &&
	first_cla=$(sed -n 2p "$TMPDIR/cla.csv" | cut -d, -f1)
[ -n "$first_cla" ] && ok "a child in care to show ($first_cla)" || not_ok "no child in care to show"
golden "child show: a child in care, with allocations and chronology" demo-child-show.txt \
	$H child "$a" show "$first_cla" --as-at $AS_AT
golden "child show: the same child as JSON" demo-child-show.json \
	$H child "$a" show "$first_cla" --as-at $AS_AT --format json
finish
