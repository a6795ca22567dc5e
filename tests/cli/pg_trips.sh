# backends: pg
# Round trips to PostgreSQL (issue 18): an audited read of a child's record, GET
# /api/children/{id}, costs the request's connection ONE round trip (the session, the merge
# check, the scope check, the child's status casefile and its allocations' workers sent
# together), and the audit writer ONE (BEGIN, the lock, the row and COMMIT together, the
# chain's head not read again when the writer wrote it last). A design property, counted
# with the driver's own trace (HEARTH_PG_TRACE=1: a line per wait for the server), not
# timed. With it: what is sent ahead never decides anything (a restricted child is still
# not found, a child out of scope too, each audited as denied), and another writer's audit
# row between two reads is caught by the chain's unique ids, the read's row written after
# it, the chain whole. On SQLite (no round trips) it says it is skipped.
. "$ROOT/tests/lib.sh"
H=$HEARTH
PASSWORD=hearth-test-password

if [ "$backend" != pg ]; then
	skip "pg_trips: round trips of a read on PostgreSQL" "runs in tests/run's pg suite"
	finish
fi
db=$(new_db pg_trips)
suite=pg_trips
fixture init "$db"
fixture record "$db" team --name "Team T" --service cin_cp --opened 2020-01-01
fixture record "$db" team --name "Team U" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id TW1 --given-name Test --family-name Worker --role social_worker \
	--team "Team T" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture record "$db" worker --staff-id TW2 --given-name Other --family-name Worker --role social_worker \
	--team "Team T" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture record "$db" worker --staff-id UW1 --given-name Away --family-name Worker --role social_worker \
	--team "Team U" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Tamsin --family Quenby --dob 2014-06-07 --sex F --la-id TC1
fixture child "$db" add --given Tobias --family Quenby --dob 2016-02-03 --sex M --la-id TC2
fixture child "$db" add --given Ursula --family Quenby --dob 2015-01-02 --sex F --la-id TC3
fixture child "$db" add --given Tilda --family Quenby --dob 2017-05-06 --sex F --la-id TC4 --restricted yes
fixture record "$db" allocation --child TC1 --worker TW1 --kind sw --start-date 2025-01-06
fixture record "$db" allocation --child TC1 --worker TW2 --kind iro --start-date 2025-01-06
fixture record "$db" allocation --child TC2 --worker TW2 --kind sw --start-date 2025-01-06
fixture record "$db" allocation --child TC3 --worker UW1 --kind sw --start-date 2025-01-06
fixture record "$db" allocation --child TC4 --worker TW1 --kind sw --start-date 2025-01-06
echo "$PASSWORD" | fixture user "$db" add test_sw --role social_worker --team "Team T" --worker TW1
id_of() { q "$db" "SELECT id FROM child WHERE la_child_id = '$1'"; }
c1=$(id_of TC1) c2=$(id_of TC2) c3=$(id_of TC3) c4=$(id_of TC4)
ok "pg_trips: a small record: two children in the team's scope, one in another team's, one restricted"

# One request thread, so one request connection; the trace goes to the server's log.
HEARTH_PG_TRACE=1 SERVE_THREADS=1 serve "$db" || { not_ok "pg_trips: hearth serve did not start: $(head -5 "$TMPDIR/serve.log")"; finish; }
url=$HEARTH_URL
jar=$TMPDIR/cookies
curl -sf -o /dev/null -c "$jar" -H 'Content-Type: application/json' \
	-d "{\"username\":\"test_sw\",\"password\":\"$PASSWORD\"}" "$url/api/session" ||
	{ not_ok "pg_trips: sign in"; finish; }

# read ID: GET /api/children/ID, its status printed, the body in $TMPDIR/body, and the trace
# lines it caused (up to the request's own log line, written once its audit row is durable)
# in $TMPDIR/trace.
read_child() {
	local before n
	before=$(wc -l <"$TMPDIR/serve.log")
	curl -s -m 20 -o "$TMPDIR/body" -w '%{http_code}' -b "$jar" "$url/api/children/$1"
	for _ in $(seq 100); do
		n=$(tail -n +$((before + 1)) "$TMPDIR/serve.log" | grep -c '^GET /api/children/{id} ')
		[ "$n" -ge 1 ] && break
		sleep 0.05
	done
	tail -n +$((before + 1)) "$TMPDIR/serve.log" | grep '^hearth: pg ' >"$TMPDIR/trace"
}
# trips WHAT: the round trips (waits) in $TMPDIR/trace on the connection whose lines mention
# WHAT somewhere in the trace ("SELECT s.id": the request's; "INSERT INTO audit": the writer's).
trips() {
	local conn
	conn=$(grep -F "$1" "$TMPDIR/trace" | head -1 | sed -n 's/^hearth: pg [a-z ]*: conn \([0-9]*\):.*/\1/p')
	[ -n "$conn" ] || { echo none; return; }
	grep -c "^hearth: pg trip: conn $conn:" "$TMPDIR/trace"
}

# The first read of a session prepares what is not yet and learns the session's scope; the
# writer reads the chain's head once. Then every read is one round trip each.
s=$(read_child "$c2")
[ "$s" = 200 ] && ok "pg_trips: a first read" || not_ok "pg_trips: the first read: $s $(head -c 200 "$TMPDIR/body")"
s=$(read_child "$c1")
req=$(trips "SELECT s.id") aud=$(trips "INSERT INTO audit")
if [ "$s" = 200 ] && grep -q '"la_child_id":"TC1"' "$TMPDIR/body" && [ "$req" = 1 ]; then
	ok "pg_trips: a read of a child's record is one round trip on the request's connection"
else
	not_ok "pg_trips: a read of a child's record: $s, $req round trips on the request's connection (wanted 1)"
	sed 's/^/    /' "$TMPDIR/trace" | cut -c1-200
fi
if [ "$aud" = 1 ]; then
	ok "pg_trips: its audit row is one round trip of the audit writer (BEGIN, lock, row, COMMIT)"
else
	not_ok "pg_trips: the audit row: $aud round trips of the audit writer (wanted 1)"
	sed 's/^/    /' "$TMPDIR/trace" | cut -c1-200
fi
# Both of the child's workers, read in the same round trip, named beside their allocations.
grep -q '"staff_id":"TW1"' "$TMPDIR/body" && grep -q '"staff_id":"TW2"' "$TMPDIR/body" &&
	ok "pg_trips: the answer names the child's workers" ||
	not_ok "pg_trips: the workers in the answer: $(head -c 400 "$TMPDIR/body")"

# Sent ahead is never an answer: out of scope and restricted children are not found, the
# same words as no child at all, and each refusal is audited.
denied() { q "$db" "SELECT count(*) FROM audit WHERE action = 'denied' AND child_id = $1"; }
for c in "$c3" "$c4"; do
	before=$(denied "$c")
	s=$(read_child "$c")
	if [ "$s" = 404 ] && grep -q 'there is no child with this id' "$TMPDIR/body" && ! grep -q Quenby "$TMPDIR/body" &&
		[ "$(denied "$c")" = $((before + 1)) ]; then
		ok "pg_trips: child $c, out of the scope (or restricted), is not found and the refusal audited"
	else
		not_ok "pg_trips: child $c out of scope: $s $(head -c 200 "$TMPDIR/body"), denied rows $(denied "$c")"
	fi
done

# Another writer appends to the audit chain (a note written from the command line) between
# two reads: the writer's guess of the head is stale, its batch fails on the unique id and
# is written again after the other row.
reads() { q "$db" "SELECT count(*) FROM audit WHERE action = 'read' AND child_id = $c1"; }
reads_before=$(reads)
fixture record "$db" note --child TC1 --note-date 2026-03-04 --kind case_note --child-voice no --body "From the command line"
s=$(read_child "$c1")
if [ "$s" = 200 ] && [ "$(reads)" = $((reads_before + 1)) ] && grep -q 'SELECT id, hash FROM audit' "$TMPDIR/trace"; then
	ok "pg_trips: a read after another writer's audit row is answered and audited once (the head read again)"
else
	not_ok "pg_trips: a read after another writer: $s, read rows $(reads) (wanted $((reads_before + 1)))"
fi
s=$(read_child "$c2")
[ "$s" = 200 ] && [ "$(trips "INSERT INTO audit")" = 1 ] &&
	ok "pg_trips: the writer's next batch is one round trip again" ||
	not_ok "pg_trips: the next read: $s, $(trips "INSERT INTO audit") round trips of the audit writer"
stop_server
check "pg_trips: hearth check passes (the audit chain is whole)" $H check "$db"
finish
