# hearth serve, tested over HTTP: a fresh demo county (or, if the demo cannot be made, an
# empty record) plus a small world of known teams, workers and children, a user for every
# role, and the real server on a free loopback port. The tests themselves are node's
# built-in runner (tests/http/*.test.mjs, one file at a time); their TAP is turned into this
# suite's "ok - NAME" lines. Then the server is stopped with SIGTERM (it must stop cleanly),
# `hearth check` must pass on everything the tests did, and an edited audit row must be
# caught by `hearth check`. The server is killed on any exit.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/http.db
AS_AT=$HEARTH_TODAY
PASSWORD=hearth-test-password

# HEARTH_HTTP_DEMO may name a pristine demo county (seed 1, as at $AS_AT) to copy instead
# of making one (the county takes about a minute); the copy is as fresh as a new one.
if [ -n "${HEARTH_HTTP_DEMO:-}" ] && sqlite3 "$HEARTH_HTTP_DEMO" ".backup '$db'" 2>/dev/null; then
	ok "http: a fresh copy of the demo county $HEARTH_HTTP_DEMO"
elif $H demo "$db" --seed 1 --as-at "$AS_AT" >"$TMPDIR/demo.out" 2>&1; then
	ok "http: a fresh demo county"
else
	rm -f "$db"
	$H init "$db" >/dev/null
	ok "http: no demo county ($(head -c 200 "$TMPDIR/demo.out")); an empty record instead"
fi

# The known world the role table is written against.
fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "http: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
fixture record "$db" team --name "HTTP Team A" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "HTTP Team B" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "HTTP Reviewing" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "HTTP Leaving Care" --service cin_cp --opened 2020-01-01
worker() { # staff team
	fixture record "$db" worker --staff-id "$1" --given-name Test --family-name "Worker $1" --role social_worker \
		--team "$2" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
}
worker HTA1 "HTTP Team A"
worker HTA2 "HTTP Team A"
worker HTB1 "HTTP Team B"
worker HTIRO "HTTP Reviewing"
worker HTPA "HTTP Leaving Care"
fixture child "$db" add --given Hazel --family Quenby --dob 2012-04-03 --sex F --la-id HC1
fixture child "$db" add --given Ivor --family Quenby --dob 2014-06-07 --sex M --la-id HC2
fixture child "$db" add --given Juno --family Quenby --dob 2019-08-09 --sex F --la-id HC3 --restricted yes
fixture record "$db" allocation --child HC1 --worker HTA1 --kind sw --start-date 2025-01-06
fixture record "$db" allocation --child HC1 --worker HTIRO --kind iro --start-date 2025-01-06
fixture record "$db" allocation --child HC1 --worker HTPA --kind pa --start-date 2025-01-06
fixture record "$db" allocation --child HC2 --worker HTB1 --kind sw --start-date 2025-01-06
fixture record "$db" allocation --child HC3 --worker HTA1 --kind sw --start-date 2025-01-06
fixture record "$db" referral --child HC1 --referral-date 2026-03-02 --source 1A --nfa no --primary-need N1
fixture record "$db" visit --child HC1 --visit-date 2026-03-03 --kind cin --seen yes --seen-alone yes \
	--child-said "I want to stay at my school"
fixture record "$db" note --child HC1 --note-date 2026-03-04 --kind case_note --child-voice no --body "Spoke to school"

user() { # name role [options]
	local name=$1 role=$2
	shift 2
	echo "$PASSWORD" | fixture user "$db" add "$name" --role "$role" "$@"
}
user test_social_worker social_worker --team "HTTP Team A" --worker HTA1
user test_team_manager team_manager --team "HTTP Team A" --worker HTA2
user test_iro iro --team "HTTP Reviewing" --worker HTIRO
user test_personal_adviser personal_adviser --team "HTTP Leaving Care" --worker HTPA
user test_lado lado
user test_front_door front_door
user test_analyst analyst
user test_head_of_service head_of_service
user test_admin admin
user test_inspector inspector
user test_throttled social_worker --team "HTTP Team A" --worker HTA1
user test_disabled social_worker --team "HTTP Team A" --worker HTA1
user test_expiry social_worker --team "HTTP Team A" --worker HTA1
fixture user "$db" grant test_team_manager HC3
ok "http: fixtures and a user for every role"

q() { sqlite3 "$db" "$1"; }
export HEARTH_DB=$db HEARTH_BIN=$H HEARTH_PASSWORD=$PASSWORD HEARTH_AS_AT=$AS_AT
HEARTH_CHILD_IN=$(q "SELECT id FROM child WHERE la_child_id = 'HC1'")
HEARTH_CHILD_OUT=$(q "SELECT id FROM child WHERE la_child_id = 'HC2'")
HEARTH_CHILD_RESTRICTED=$(q "SELECT id FROM child WHERE la_child_id = 'HC3'")
HEARTH_CHILD_NONE=$(q "SELECT max(id) + 1000 FROM child")
HEARTH_WORKER_A1=$(q "SELECT id FROM worker WHERE staff_id = 'HTA1'")
HEARTH_WORKER_A2=$(q "SELECT id FROM worker WHERE staff_id = 'HTA2'")
export HEARTH_CHILD_IN HEARTH_CHILD_OUT HEARTH_CHILD_RESTRICTED HEARTH_CHILD_NONE HEARTH_WORKER_A1 HEARTH_WORKER_A2

# The server, on a port the kernel picks; killed however this script ends.
serve_pid=
stop_server() {
	if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
		kill -KILL "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null
	fi
	serve_pid=
}
trap stop_server EXIT
export HEARTH_LOG=$TMPDIR/serve.log
$H serve "$db" --listen 127.0.0.1:0 --threads 2 >"$TMPDIR/serve.out" 2>"$HEARTH_LOG" &
serve_pid=$!
HEARTH_URL=
for _ in $(seq 200); do
	HEARTH_URL=$(grep -o 'http://[^ ]*' "$TMPDIR/serve.out" 2>/dev/null || true)
	[ -n "$HEARTH_URL" ] && break
	kill -0 "$serve_pid" 2>/dev/null || break
	sleep 0.05
done
if [ -z "$HEARTH_URL" ]; then
	not_ok "http: hearth serve did not start"
	sed 's/^/    /' "$HEARTH_LOG" | head -20
	finish
fi
export HEARTH_URL=${HEARTH_URL%/}
if curl -sf "$HEARTH_URL/api/openapi.json" >/dev/null; then ok "http: the server answers"; else not_ok "http: the server answers"; fi

# node's TAP: top-level "ok N - name" / "not ok N - name" lines are the tests (a file that
# fails to load shows as one "not ok" named after the file); failures keep their first
# lines of diagnostics.
node --test --test-reporter=tap --test-concurrency=1 "$ROOT/tests/http/" >"$TMPDIR/tap.out" 2>&1
node_rc=$?
awk '
	/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); print "ok - http: " $0; diag = 0; next }
	/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); print "not ok - http: " $0; diag = 16; next }
	diag > 0 && /^  / { print "    " $0; diag--; next }
' "$TMPDIR/tap.out" >"$TMPDIR/tap.lines"
cat "$TMPDIR/tap.lines"
failures=$((failures + $(grep -c '^not ok - ' "$TMPDIR/tap.lines")))
if [ "$node_rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMPDIR/tap.lines"; then
	not_ok "http: node --test failed without a TAP failure"
	tail -20 "$TMPDIR/tap.out" | sed 's/^/    /'
fi
grep -q '^ok - ' "$TMPDIR/tap.lines" || not_ok "http: node ran no tests"

# A clean stop on SIGTERM: the server says so and exits 0.
kill -TERM "$serve_pid"
wait "$serve_pid"
rc=$?
serve_pid=
if [ "$rc" -eq 0 ] && grep -q 'hearth: serve: stopped' "$HEARTH_LOG"; then
	ok "http: SIGTERM stops the server cleanly"
else
	not_ok "http: SIGTERM: exit $rc; $(tail -3 "$HEARTH_LOG")"
fi

# The log: one line per request, no names (the fixture children's names were read many times).
if grep -q 'Quenby\|Hazel' "$HEARTH_LOG"; then
	not_ok "http: the request log holds a name"
else
	ok "http: the request log holds no names"
fi
if grep -Eq '^GET /api/children/\{id\} 200 [0-9]+us user=[0-9]+$' "$HEARTH_LOG"; then
	ok "http: log lines name the method, route template, status, microseconds and user"
else
	not_ok "http: log lines: $(grep -m1 '^GET' "$HEARTH_LOG")"
fi

# Everything the tests did left a sound record, and a whole audit chain.
check "http: hearth check passes after the HTTP tests" $H check "$db"

# The tamper test: edit one audit row of an HTTP read; hearth check names it.
row=$(q "SELECT min(id) FROM audit WHERE action = 'read' AND route = 'GET /api/children/{id}'")
q "UPDATE audit SET actor = 'user:999' WHERE id = $row"
if $H check "$db" >"$TMPDIR/tamper.out" 2>&1; then
	not_ok "http: hearth check missed an edited audit row"
else
	grep -q "audit: the hash chain is broken at row $row " "$TMPDIR/tamper.out" &&
		ok "http: hearth check names the edited audit row ($row)" ||
		not_ok "http: hearth check after tampering: $(grep audit "$TMPDIR/tamper.out")"
fi
finish
