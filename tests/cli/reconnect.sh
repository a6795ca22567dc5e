# backends: pg
# A PostgreSQL server that goes away under Hearth and comes back (issue 7): `hearth serve`
# answers every request while the database is down with a clear error and no record
# content, keeps answering what needs no database, and once the database is back every
# request succeeds again (its connections are re-opened before use) and is audited; a
# command whose transaction is cut off mid-run says so and writes nothing; a command run
# while the server is down says it cannot connect. The audit chain is whole at the end.
#
# It runs its own small cluster (scripts/pg-cluster, in its scratch directory, on a free
# port), because it stops and restarts it; the cluster tests/run shares between suites is
# never touched. Outside tests/run's pg suite it says it is skipped.
. "$ROOT/tests/lib.sh"
H=$HEARTH
PASSWORD=hearth-test-password
PG_WRITE_LOCK_KEY=4827271 # WRITE_LOCK_KEY in src/store/postgres.c

if [ "$backend" != pg ]; then
	skip "reconnect: PostgreSQL going away under hearth serve and coming back" "runs in tests/run's pg suite"
	finish
fi
pgdir=$TMPDIR/cluster
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
serve_pid=
cleanup() {
	if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
		kill -KILL "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null
	fi
	"$ROOT/scripts/pg-cluster" stop "$pgdir" 2>/dev/null
}
trap cleanup EXIT
pg_stop() { "$ROOT/scripts/pg-cluster" stop "$pgdir"; }
pg_start() { "$ROOT/scripts/pg-cluster" start "$pgdir" "$port"; }
if ! pg_start 2>"$TMPDIR/pg.err"; then
	not_ok "reconnect: could not start a PostgreSQL cluster: $(head -c 300 "$TMPDIR/pg.err")"
	finish
fi
db=$("$ROOT/scripts/pg-cluster" createdb "$pgdir" "$port" reconnect)

# ---- a small record: one child, allocated to the social worker who signs in ----
fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "reconnect: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
fixture init "$db"
fixture record "$db" team --name "Team R" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id RW1 --given-name Test --family-name Worker --role social_worker \
	--team "Team R" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Rowan --family Quenby --dob 2014-06-07 --sex M --la-id RC1
fixture record "$db" allocation --child RC1 --worker RW1 --kind sw --start-date 2025-01-06
echo "$PASSWORD" | fixture user "$db" add test_sw --role social_worker --team "Team R" --worker RW1
child=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'RC1'")
reads() { q "$db" "SELECT count(*) FROM audit WHERE action = 'read' AND child_id = $child"; }
notes() { q "$db" "SELECT count(*) FROM note WHERE child_id = $child"; }
ok "reconnect: a record on its own PostgreSQL cluster"

# ---- the server ----
"$H" serve "$db" --listen 127.0.0.1:0 --threads 2 >"$TMPDIR/serve.out" 2>"$TMPDIR/serve.log" &
serve_pid=$!
url=
for _ in $(seq 200); do
	url=$(grep -o 'http://[^ ]*' "$TMPDIR/serve.out" 2>/dev/null || true)
	[ -n "$url" ] && break
	kill -0 "$serve_pid" 2>/dev/null || break
	sleep 0.05
done
url=${url%/}
if [ -z "$url" ]; then
	not_ok "reconnect: hearth serve did not start"
	sed 's/^/    /' "$TMPDIR/serve.log" | head -10
	finish
fi
jar=$TMPDIR/cookies
csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
	-d "{\"username\":\"test_sw\",\"password\":\"$PASSWORD\"}" "$url/api/session" |
	sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$csrf" ] && ok "reconnect: signed in" || { not_ok "reconnect: sign in"; finish; }

# get PATH / post_note BODY_TEXT: print the status; the body is in $TMPDIR/body.
get() { curl -s -m 20 -o "$TMPDIR/body" -w '%{http_code}' -b "$jar" "$url$1"; }
post_note() {
	curl -s -m 20 -o "$TMPDIR/body" -w '%{http_code}' -b "$jar" -H "X-CSRF-Token: $csrf" \
		-H 'Content-Type: application/json' \
		-d "{\"note_date\":\"2026-03-30\",\"kind\":\"case_note\",\"child_voice\":false,\"body\":\"$1\"}" \
		"$url/api/children/$child/notes"
}

statuses=
for _ in 1 2 3 4; do statuses+="$(get "/api/children/$child") "; done
[ "$statuses" = "200 200 200 200 " ] && ok "reconnect: reads before" || not_ok "reconnect: reads before: $statuses"
reads_before=$(reads)
notes_before=$(notes)

# ---- the database goes away ----
pg_stop
s=$(get "/api/children/$child")
if [ "${s:0:1}" = 5 ] && grep -q '"error"' "$TMPDIR/body" && ! grep -q 'Rowan\|Quenby' "$TMPDIR/body"; then
	ok "reconnect: while the database is down a read is a clear error ($s), without record content"
else
	not_ok "reconnect: a read while the database is down: $s $(head -c 200 "$TMPDIR/body")"
fi
s=$(post_note "written while the database was down")
[ "${s:0:1}" = 5 ] && grep -q '"error"' "$TMPDIR/body" &&
	ok "reconnect: while the database is down a write is a clear error ($s)" ||
	not_ok "reconnect: a write while the database is down: $s $(head -c 200 "$TMPDIR/body")"
# Every route looks up the session first, so even the API description needs the database
# (src/web/http/dispatch.c); what matters is that each request is answered at once, not hung,
# and the process stays up.
s=$(get /api/openapi.json)
if kill -0 "$serve_pid" 2>/dev/null && [ "$s" != 000 ]; then
	ok "reconnect: the server keeps running and answering ($s) while the database is down"
else
	not_ok "reconnect: the server stopped answering: $s $(tail -3 "$TMPDIR/serve.log")"
fi
refuses "reconnect: a command run while the database is down says it cannot connect" \
	"cannot connect to the PostgreSQL server" $H child "$db" show RC1

# ---- and comes back ----
if ! pg_start 2>"$TMPDIR/pg.err"; then
	not_ok "reconnect: could not restart the cluster: $(head -c 300 "$TMPDIR/pg.err")"
	finish
fi
statuses=
for _ in 1 2 3 4 5 6; do statuses+="$(get "/api/children/$child") "; done
if [ "$statuses" = "200 200 200 200 200 200 " ]; then
	ok "reconnect: after the restart every read succeeds, the first one too"
else
	not_ok "reconnect: reads after the restart: $statuses"
fi
s=$(post_note "written after the restart")
[ "$s" = 201 ] && ok "reconnect: after the restart a write succeeds" ||
	not_ok "reconnect: a write after the restart: $s $(head -c 200 "$TMPDIR/body")"
[ "$(notes)" = $((notes_before + 1)) ] && ok "reconnect: only the note written after the restart is stored" ||
	not_ok "reconnect: notes: $(notes), wanted $((notes_before + 1))"
[ "$(reads)" = $((reads_before + 6)) ] && ok "reconnect: the reads after the restart are audited, one row each" ||
	not_ok "reconnect: audit read rows: $(reads), wanted $((reads_before + 6))"

# ---- a command whose transaction is cut off mid-run ----
# Another session holds the write lock, so the command has begun its transaction and waits
# (for up to 10 seconds) when the server stops under it.
coproc LOCKER { psql "$db" -qtAX 2>&1; }
echo "BEGIN; SELECT pg_advisory_xact_lock($PG_WRITE_LOCK_KEY); SELECT 'locked';" >&"${LOCKER[1]}"
line=
while [ "$line" != locked ] && read -r -t 10 line <&"${LOCKER[0]}"; do :; done
$H record "$db" note --child RC1 --note-date 2026-03-30 --kind case_note --child-voice no \
	--body "cut off mid-run" >"$TMPDIR/cut.out" 2>"$TMPDIR/cut.err" &
cut_pid=$!
sleep 1
pg_stop
wait "$cut_pid"
rc=$?
exec {LOCKER[1]}>&- 2>/dev/null
if [ "$line" = locked ] && [ "$rc" -eq 1 ] && grep -q 'connection to the PostgreSQL server was lost' "$TMPDIR/cut.err"; then
	ok "reconnect: a command cut off mid-transaction says the connection was lost"
else
	not_ok "reconnect: a command cut off mid-transaction: lock '$line', exit $rc: $(head -c 300 "$TMPDIR/cut.err")"
fi
pg_start
[ "$(notes)" = $((notes_before + 1)) ] && ok "reconnect: and wrote nothing" ||
	not_ok "reconnect: the cut-off command left notes: $(notes)"

# ---- a clean stop, and a whole record ----
kill -TERM "$serve_pid"
wait "$serve_pid"
rc=$?
serve_pid=
[ "$rc" -eq 0 ] && ok "reconnect: SIGTERM stops the server cleanly" || not_ok "reconnect: SIGTERM: exit $rc"
check "reconnect: hearth check passes (the audit chain is whole)" $H check "$db"
finish
