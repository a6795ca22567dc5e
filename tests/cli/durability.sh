# kill -9 under write load (issue 17, part 3): three rounds. Each round starts `hearth serve`
# on the same record, a client saves case notes as fast as it can (tests/cli/writer.mjs,
# which records every note the server acknowledged), and at a random moment between 0.5
# and 2.5 seconds the server is killed with SIGKILL. After the last round: every note
# acknowledged in any round is in the record, with the revision that created it; the
# record passes `hearth check` (integrity, the audit chain, every invariant); and a server
# started on it again serves and saves.
. "$ROOT/tests/lib.sh"
H=$HEARTH
PASSWORD=hearth-test-password
ROUNDS=3

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "durability: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
db=$TMPDIR/durable.db
fixture init "$db"
fixture record "$db" team --name "Team D" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id DW1 --given-name Test --family-name Worker --role social_worker \
	--team "Team D" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Rowan --family Quenby --dob 2014-06-07 --sex M --la-id DC1
fixture record "$db" allocation --child DC1 --worker DW1 --kind sw --start-date 2025-01-06
echo "$PASSWORD" | fixture user "$db" add test_sw --role social_worker --team "Team D" --worker DW1
child=$(sqlite3 "$db" "SELECT id FROM child WHERE la_child_id = 'DC1'")

acks=$TMPDIR/acks
: >"$acks"
writer_pid=
for round in $(seq 1 $ROUNDS); do
	if ! serve "$db"; then
		not_ok "durability: round $round: the server did not start: $(head -c 300 "$TMPDIR/serve.log")"
		finish
	fi
	before=$(wc -l <"$acks")
	node "$ROOT/tests/cli/writer.mjs" "$HEARTH_URL" test_sw "$PASSWORD" "$child" "$acks" 8 >"$TMPDIR/writer.out" 2>&1 &
	writer_pid=$!
	# The first save acknowledged, then a random moment.
	for _ in $(seq 400); do
		[ "$(wc -l <"$acks")" -gt "$before" ] && break
		kill -0 "$writer_pid" 2>/dev/null || break
		sleep 0.025
	done
	sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + 2 * r / 32768 }')"
	kill -KILL "$serve_pid"
	wait "$serve_pid" 2>/dev/null
	serve_pid=
	kill -TERM "$writer_pid"
	wait "$writer_pid"
	rc=$?
	writer_pid=
	n=$(($(wc -l <"$acks") - before))
	if [ "$rc" -eq 0 ] && [ "$n" -gt 0 ]; then
		ok "durability: round $round: $n saves acknowledged, then the server was killed with SIGKILL"
	else
		not_ok "durability: round $round: writer exit $rc, $n saves acknowledged: $(head -c 300 "$TMPDIR/writer.out")"
	fi
done

total=$(wc -l <"$acks")
cut -d' ' -f1 "$acks" >"$TMPDIR/acked.ids"
missing=$(printf 'CREATE TEMP TABLE want(id INTEGER);\n.import %s want\nSELECT count(*) FROM want WHERE id NOT IN (SELECT id FROM note WHERE voided = 0);\n' \
	"$TMPDIR/acked.ids" | sqlite3 "$db" 2>&1)
[ "$missing" = 0 ] && ok "durability: every one of the $total acknowledged saves is in the record" ||
	not_ok "durability: of $total acknowledged saves, missing: $missing"
revised=$(printf 'CREATE TEMP TABLE want(id INTEGER);\n.import %s want\nSELECT count(DISTINCT row_id) FROM revision WHERE tbl = %s AND action = %s AND row_id IN (SELECT id FROM want);\n' \
	"$TMPDIR/acked.ids" "'note'" "'insert'" | sqlite3 "$db" 2>&1)
[ "$revised" = "$total" ] && ok "durability: each with the revision that created it" ||
	not_ok "durability: revisions for the acknowledged saves: $revised of $total"
counts=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM note), (SELECT count(*) FROM audit WHERE action = 'create' AND section = 'note')")
[ "${counts%|*}" = "${counts#*|}" ] && ok "durability: as many audit rows for the saves as notes (${counts%|*})" ||
	not_ok "durability: notes | their audit rows: $counts"
check "durability: the record passes hearth check (integrity, the audit chain)" $H check "$db"
if serve "$db"; then
	csrf=$(curl -sf -c "$TMPDIR/jar" -H 'Content-Type: application/json' \
		-d "{\"username\":\"test_sw\",\"password\":\"$PASSWORD\"}" "$HEARTH_URL/api/session" |
		sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
	s=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMPDIR/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d '{"note_date":"2026-03-30","kind":"case_note","child_voice":false,"body":"after the kills"}' \
		"$HEARTH_URL/api/children/$child/notes")
	[ "$s" = 201 ] && ok "durability: a server started again signs in and saves" || not_ok "durability: a save after the kills: $s"
	stop_server
else
	not_ok "durability: the server did not start after the kills"
fi
finish
