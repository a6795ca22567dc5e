# backends: sqlite pg
# hearth serve, tested over HTTP: a fresh demo county (or, if the demo cannot be made, an
# empty record) plus a small world of known teams, workers and children, a user for every
# role, and the real server on a free loopback port. The tests themselves are node's
# built-in runner (tests/http/*.test.mjs, one file at a time); their TAP is turned into this
# suite's "ok - NAME" lines. Then the server is stopped with SIGTERM (it must stop cleanly),
# `hearth check` must pass on everything the tests did, and an edited audit row must be
# caught by `hearth check`. The server is killed on any exit.
# On PostgreSQL (tests/run pg) the record is a fresh database in the throwaway cluster and
# the server runs against its postgresql:// URL. The county is made on SQLite and copied
# in with `hearth copy` (a supported path, verified table by table): made directly on
# PostgreSQL it took 5 to 8 minutes on this machine kind (a round trip per statement),
# against 15 to 30 seconds on SQLite plus 40 to 55 for the copy.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db http)
AS_AT=$HEARTH_TODAY
PASSWORD=hearth-test-password

# The demo county (a copy of tests/run's, see demo_county in tests/lib.sh). On SQLite it is
# the record; for PostgreSQL it is made beside it, then copied in.
county=
made="the demo county"
target=$db
[ "$backend" = pg ] && target=$TMPDIR/county.db
demo_county "$target" && county=$target
if [ -n "$county" ] && [ "$backend" = pg ]; then
	if $H copy "$county" "$db" >"$TMPDIR/copy.out" 2>&1; then
		ok "http: $made, copied into PostgreSQL"
	else
		not_ok "http: hearth copy of the county into PostgreSQL"
		tail -5 "$TMPDIR/copy.out" | sed 's/^/    /'
		finish
	fi
elif [ -n "$county" ] && { [ "$county" = "$db" ] || sqlite3 "$county" ".backup '$db'" 2>/dev/null; }; then
	ok "http: $made"
else
	# The demo is part of hearth: not having it is a failure. The tests still run, on an
	# empty record, so their own failures show too.
	not_ok "http: no demo county ($(head -c 200 "$TMPDIR/demo.err" 2>/dev/null)); an empty record instead"
	[ "$backend" = pg ] || rm -f "$db"
	check "http: an empty record" $H init "$db"
fi

# The known world the role table is written against.
fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "http: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
# The suites sweep every route as every role, far faster than a person: the per-person
# rate (a setting) is opened wide here; tests/http/limits.test.mjs tests it on a server of its own.
fixture settings "$db" set user_request_burst 10000
fixture settings "$db" set user_requests_per_minute 600000
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
# A partner agency's practitioner (a school's) who leads HC1's Family Help, and is also
# named as lead on restricted HC3's (not granted: still out of scope).
fixture record "$db" worker --staff-id HTP1 --given-name Test --family-name "Partner HTP1" --role other \
	--fte 1 --agency no --case-holder no --start-date 2020-01-01 --organisation "Oak Primary School"
fixture record "$db" family_help --child HC1 --start-date 2026-03-02 --level s17 --lead-worker HTP1 \
	--lead-agency school --family-plan "Attendance plan with the school"
fixture record "$db" family_help --child HC3 --start-date 2026-03-02 --level targeted --lead-worker HTP1 \
	--lead-agency school
# A multi-agency child protection team with one member, for the /macpts pages.
fixture record "$db" macpt --name "HTTP MACPT" --area North --start-date 2025-01-01
fixture record "$db" macpt_member --macpt 1 --agency police --role "Detective sergeant" --name "B Officer" \
	--start-date 2025-01-01

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
user test_partner partner --worker HTP1
user test_throttled social_worker --team "HTTP Team A" --worker HTA1
user test_disabled social_worker --team "HTTP Team A" --worker HTA1
user test_expiry social_worker --team "HTTP Team A" --worker HTA1
user test_device analyst
user test_passwd analyst
user test_proxy analyst
fixture user "$db" grant test_team_manager HC3
# A child the DfE's rules find fault with, in no team (tests/http/pages_measures.test.mjs):
# an assessment started in November 2025 and still open at the end of the census year
# (CIN census rule 8670Q).
fixture child "$db" add --given Fenna --family Rulebreak --dob 2013-05-06 --sex F --ethnicity WBRI --la-id HC4
fixture record "$db" referral --child HC4 --referral-date 2025-11-03 --source 1A --nfa no --primary-need N1
fixture record "$db" assessment --child HC4 --start-date 2025-11-04 \
	--referral "$(q "$db" "SELECT max(r.id) FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'HC4'")"
# A request for a manager's authorisation about restricted HC3 (its assessment's end), so that
# the restricted sweep (tests/http/restricted.test.mjs) asks /approvals/{rid} about it.
fixture record "$db" referral --child HC3 --referral-date 2026-03-02 --source 1A --nfa no --primary-need N1
fixture record "$db" assessment --child HC3 --start-date 2026-03-03 \
	--referral "$(q "$db" "SELECT max(r.id) FROM referral r JOIN child c ON c.id = r.child_id WHERE c.la_child_id = 'HC3'")"
fixture record "$db" authorisation --child HC3 --point assessment_end --record-kind assessment \
	--record-id "$(q "$db" "SELECT max(a.id) FROM assessment a JOIN child c ON c.id = a.child_id WHERE c.la_child_id = 'HC3'")" \
	--asked-date 2026-03-20 --asked-by HTA1 --state awaiting
# A run of the DfE feed (every child, restricted HC3 among them), so /feed/{rid} has a run
# for the role and restricted sweeps (tests/http/feed.test.mjs makes a second).
fixture feed "$db" --out "$TMPDIR/fixture_feed.json"
ok "http: fixtures and a user for every role"

dbq() { q "$db" "$1"; }
export HEARTH_DB=$db HEARTH_BIN=$H HEARTH_PASSWORD=$PASSWORD HEARTH_AS_AT=$AS_AT
HEARTH_CHILD_IN=$(dbq "SELECT id FROM child WHERE la_child_id = 'HC1'")
HEARTH_CHILD_OUT=$(dbq "SELECT id FROM child WHERE la_child_id = 'HC2'")
HEARTH_CHILD_RESTRICTED=$(dbq "SELECT id FROM child WHERE la_child_id = 'HC3'")
HEARTH_CHILD_NONE=$(dbq "SELECT max(id) + 1000 FROM child")
HEARTH_WORKER_A1=$(dbq "SELECT id FROM worker WHERE staff_id = 'HTA1'")
HEARTH_WORKER_A2=$(dbq "SELECT id FROM worker WHERE staff_id = 'HTA2'")
export HEARTH_CHILD_IN HEARTH_CHILD_OUT HEARTH_CHILD_RESTRICTED HEARTH_CHILD_NONE HEARTH_WORKER_A1 HEARTH_WORKER_A2

# The server, on a port the kernel picks; killed however this script ends.
export HEARTH_LOG=$TMPDIR/serve.log
if ! serve "$db"; then
	not_ok "http: hearth serve did not start"
	sed 's/^/    /' "$HEARTH_LOG" | head -20
	finish
fi
if curl -sf "$HEARTH_URL/api/openapi.json" >/dev/null; then ok "http: the server answers"; else not_ok "http: the server answers"; fi

node_tests http "${HEARTH_HTTP_ONLY:-$ROOT/tests/http/}"	# HEARTH_HTTP_ONLY=FILE: one file, while working on it

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
row=$(dbq "SELECT min(id) FROM audit WHERE action = 'read' AND route = 'GET /api/children/{id}'")
dbq "UPDATE audit SET actor = 'user:999' WHERE id = $row"
$H check "$db" >"$TMPDIR/tamper.out" 2>&1
rc=$?
if [ $rc != 1 ]; then
	not_ok "http: hearth check on an edited audit row: exit $rc (wanted 1): $(tail -3 "$TMPDIR/tamper.out")"
else
	grep -q "audit: the hash chain is broken at row $row " "$TMPDIR/tamper.out" &&
		ok "http: hearth check names the edited audit row ($row)" ||
		not_ok "http: hearth check after tampering: $(grep audit "$TMPDIR/tamper.out")"
fi
finish
