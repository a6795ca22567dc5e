# The hostile-input catalogue (tests/hostile/cases.mjs: malformed requests, oversized parts,
# bad JSON, impossible dates, SQL and LIKE metacharacters, markup, CSRF, tampered cookies,
# open redirects, path traversal) sent to a live `hearth serve` on the demo county, as a
# user of each role involved. Every request must get the answer the catalogue gives it
# (never a 5xx, never a dropped connection unless the catalogue allows one), and every
# table's checksum must be unchanged afterwards; the server must still answer, stop
# cleanly, and `hearth check` pass.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/hostile.db
PASSWORD=hearth-hostile-password
if ! demo_county "$db"; then
	not_ok "hostile: no demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi
dbq() { sqlite3 "$db" "$1"; }
# A social worker's open allocation: the worker's team, and a child of theirs; a child of
# no one in that team is out of scope.
row=$(dbq "SELECT a.worker_id, w.staff_id, t.name, a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id
	JOIN team t ON t.id = w.team_id JOIN child c ON c.id = a.child_id
	WHERE a.kind = 'sw' AND a.end_date IS NULL AND c.restricted = 0 ORDER BY a.id LIMIT 1")
IFS='|' read -r worker staff team child <<<"$row"
out=$(dbq "SELECT c.id FROM child c WHERE c.restricted = 0 AND NOT EXISTS (SELECT 1 FROM allocation a JOIN worker w ON
	w.id = a.worker_id WHERE a.child_id = c.id AND w.team_id = (SELECT team_id FROM worker WHERE id = $worker)) LIMIT 1")
manager=$(dbq "SELECT staff_id FROM worker WHERE team_id = (SELECT team_id FROM worker WHERE id = $worker) AND id != $worker LIMIT 1")
if [ -z "$child" ] || [ -z "$out" ] || [ -z "$manager" ]; then
	not_ok "hostile: the demo county has no allocated child to test with ($row / $out / $manager)"
	finish
fi
user() {
	local name=$1 role=$2
	shift 2
	echo "$PASSWORD" | $H user "$db" add "$name" --role "$role" "$@" >>"$TMPDIR/users.out" 2>&1 ||
		{ not_ok "hostile: user $name: $(tail -1 "$TMPDIR/users.out")"; finish; }
}
# The catalogue sends a few hundred requests as one person at full speed: the per-person
# rate (tested by the HTTP suite) would answer most of them 429 instead of what they test.
$H settings "$db" set user_request_burst 100000 >/dev/null && $H settings "$db" set user_requests_per_minute 600000 >/dev/null ||
	{ not_ok "hostile: raise the per-person request rate"; finish; }
user test_social_worker social_worker --team "$team" --worker "$staff"
user test_team_manager team_manager --team "$team" --worker "$manager"
user test_analyst analyst
user test_inspector inspector
user test_admin admin
ok "hostile: a user for each role the catalogue uses"

export HEARTH_LOG=$TMPDIR/serve.log
if ! serve "$db"; then
	not_ok "hostile: hearth serve did not start"
	sed 's/^/    /' "$HEARTH_LOG" | head -20
	finish
fi
# lib.mjs wants the HTTP suite's whole environment; only these matter here.
export HEARTH_DB=$db HEARTH_BIN=$H HEARTH_PASSWORD=$PASSWORD HEARTH_AS_AT=$HEARTH_TODAY
export HEARTH_CHILD_IN=$child HEARTH_CHILD_OUT=$out HEARTH_CHILD_RESTRICTED=0 HEARTH_CHILD_NONE=0
export HEARTH_WORKER_A1=$worker HEARTH_WORKER_A2=0 HOSTILE_CHILD=$child HOSTILE_CHILD_OUT=$out
node "$ROOT/tests/hostile/run.mjs" >"$TMPDIR/hostile.out" 2>"$TMPDIR/hostile.err"
rc=$?
cat "$TMPDIR/hostile.out"
n=$(grep -c '^\(not \)\?ok - hostile: ' "$TMPDIR/hostile.out")
failures=$((failures + $(grep -c '^not ok - ' "$TMPDIR/hostile.out")))
if [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMPDIR/hostile.out"; then
	not_ok "hostile: the runner failed (exit $rc): $(tail -3 "$TMPDIR/hostile.err")"
fi
[ "$n" -ge 200 ] && ok "hostile: $n checks ran (at least 200)" || not_ok "hostile: only $n checks ran"

# Still serving, then a clean stop, and a sound record.
if curl -sf "$HEARTH_URL/api/openapi.json" >/dev/null; then ok "hostile: the server still answers"; else not_ok "hostile: the server still answers"; fi
kill -TERM "$serve_pid"
wait "$serve_pid"
rc=$?
serve_pid=
[ "$rc" -eq 0 ] && ok "hostile: SIGTERM stops the server cleanly" || not_ok "hostile: the server exited $rc: $(tail -3 "$HEARTH_LOG")"
grep -qi 'AddressSanitizer\|runtime error' "$HEARTH_LOG" && not_ok "hostile: a sanitizer report in the server log" ||
	ok "hostile: no sanitizer report in the server log"
check "hostile: hearth check passes afterwards" $H check "$db"
finish
