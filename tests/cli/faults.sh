# Faults below the store (issue 17, part 3), with build/fault/hearth: the same hearth with a
# SQLite VFS that fails the Nth read, write or sync, or answers "disk full" from the Nth
# write on (src/store/fault.c). Each write path is run at every N from 1 until it succeeds
# without meeting the fault: a save (`hearth record ... note`), an import of a small SSDA903
# return, and, through a fault-built server, a sign-in, a save and a reallocation. After
# each attempt either the whole change is there (every table's row count as after a clean
# run: the rows, their revisions, their audit rows) or none of it is (the record's content
# unchanged); a command that failed exits 1 with a message, a request that failed gets a
# clear 5xx (503 for a full disk) and the server carries on; nothing crashes; and
# `hearth check` (the ordinary build) passes on the record afterwards.
. "$ROOT/tests/lib.sh"
H=$HEARTH
F=$ROOT/build/fault/hearth
PASSWORD=hearth-test-password
MAX_N=3000
if [ ! -x "$F" ]; then
	not_ok "faults: build/fault/hearth is missing (make fault builds it; make test does)"
	finish
fi

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "faults: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
base=$TMPDIR/base.db
fixture init "$base"
fixture record "$base" team --name "Team F" --service cin_cp --opened 2020-01-01
for w in FW1 FW2; do
	fixture record "$base" worker --staff-id $w --given-name Test --family-name "Worker $w" --role social_worker \
		--team "Team F" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
done
fixture child "$base" add --given Rowan --family Quenby --dob 2014-06-07 --sex M --la-id FC1
fixture record "$base" allocation --child FC1 --worker FW1 --kind sw --start-date 2025-01-06
echo "$PASSWORD" | fixture user "$base" add test_sw --role social_worker --team "Team F" --worker FW1
echo "$PASSWORD" | fixture user "$base" add test_tm --role team_manager --team "Team F"

# A small SSDA903 return to import: two children in care, from a record of their own.
src=$TMPDIR/source.db
fixture init "$src"
for i in 1 2; do
	fixture record "$src" child --given-name "A$i" --family-name Bee --dob "2015-05-0$i" --sex F --ethnicity WBRI \
		--la-child-id "K$i" --uasc no --restricted no
	fixture record "$src" cla_episode --child "K$i" --decom "2024-0$i-01" --rne S --ls C2 --cin N1 --place U4 \
		--place-provider PR1 --home-post "WR1 1AA" --pl-post "WR2 2BB" --long-term no
done
mkdir -p "$TMPDIR/s9"
fixture export "$src" ssda903 --year 2025 --out "$TMPDIR/s9"

# counts DB: every table's row count, one line (what "the whole change" is measured by).
tables=$(sqlite3 "$base" "SELECT group_concat('SELECT ''' || name || '='' || count(*) FROM ' || name, ' UNION ALL ')
	FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
counts() { sqlite3 "$1" "$tables" | tr '\n' ' '; }
content() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }
base_counts=$(counts "$base")
base_content=$(content "$base")

t=$TMPDIR/t.db
fresh() { rm -f "$t" "$t-wal" "$t-shm" "$t-journal" && cp "$base" "$t"; }

# sweep NAME KIND CMD...: runs CMD (which names $t) on a fresh copy of the base record with
# HEARTH_FAULT=KIND:N for N = 1, 2, ... until it succeeds without meeting the fault. KIND
# "full+" is a disk that stays full: every write from the Nth on fails.
sweep() {
	local name=$1 kind=$2 n rc fired injected=0 refused=0 survived=0 problems=0 sticky=
	shift 2
	[ "${kind%+}" != "$kind" ] && sticky=+ && kind=${kind%+}
	# The reference: the same command with no fault.
	fresh
	if ! "$@" >"$TMPDIR/ref.out" 2>&1; then
		not_ok "faults: $name: the command fails without a fault: $(head -c 300 "$TMPDIR/ref.out")"
		return
	fi
	local done_counts
	done_counts=$(counts "$t")
	[ "$done_counts" != "$base_counts" ] || { not_ok "faults: $name: the command changed nothing"; return; }
	for n in $(seq 1 $MAX_N); do
		fresh
		HEARTH_FAULT=$kind:$n$sticky "$@" >"$TMPDIR/f.out" 2>"$TMPDIR/f.err"
		rc=$?
		fired=0
		grep -q '^hearth-fault:' "$TMPDIR/f.err" && fired=1
		local now why=
		now=$(counts "$t")
		if [ "$rc" -gt 1 ] || grep -q 'Sanitizer\|Segmentation\|Aborted' "$TMPDIR/f.err"; then
			why="exit $rc (a crash?)"
		elif [ "$rc" -eq 0 ] && [ "$now" != "$done_counts" ]; then
			why="succeeded but the record holds part of the change: $now"
		elif [ "$rc" -ne 0 ] && [ "$(content "$t")" != "$base_content" ]; then
			why="failed but the record changed: $now"
		elif [ "$rc" -ne 0 ] && ! grep -v '^hearth-fault:' "$TMPDIR/f.err" | grep -q .; then
			why="failed without a message"
		elif [ "$rc" -ne 0 ] && [ "$fired" -eq 0 ]; then
			why="failed with no fault injected: $(head -c 200 "$TMPDIR/f.err")"
		elif ! "$H" check "$t" >"$TMPDIR/check.out" 2>&1; then
			why="hearth check fails afterwards: $(head -3 "$TMPDIR/check.out" | tr '\n' ' ')"
		fi
		if [ -n "$why" ]; then
			problems=$((problems + 1))
			[ "$problems" -le 5 ] && echo "    $name, $kind fault at call $n: $why"
		fi
		[ "$fired" -eq 1 ] && injected=$((injected + 1))
		[ "$fired" -eq 1 ] && [ "$rc" -ne 0 ] && refused=$((refused + 1))
		[ "$fired" -eq 1 ] && [ "$rc" -eq 0 ] && survived=$((survived + 1))
		[ "$rc" -eq 0 ] && [ "$fired" -eq 0 ] && break
	done
	if [ "$n" -eq "$MAX_N" ]; then
		not_ok "faults: $name, $kind: still meeting the fault at call $MAX_N"
	elif [ "$problems" -eq 0 ] && [ "$injected" -gt 0 ]; then
		ok "faults: $name, $kind faults at calls 1-$((n - 1)): $injected injected, $refused refused whole, $survived completed whole; hearth check passes after each"
	else
		not_ok "faults: $name, $kind: $problems of $injected injected faults broke a rule"
	fi
}

for kind in write sync read full+; do
	sweep "a save (hearth record note)" $kind "$F" record "$t" note --child FC1 \
		--note-date 2026-03-30 --kind case_note --child-voice no --body "saved under faults"
	sweep "an import (SSDA903, two children in care)" $kind "$F" import "$t" ssda903 "$TMPDIR/s9" --year 2025
done

# ---- a fault-built server: a sign-in, a save, a reallocation ----
# HEARTH_FAULT_ARM names a file holding the fault to inject; the server counts from when it
# appears, so each request is aimed at alone, and removing the file disarms it.
live=$TMPDIR/live.db
arm=$TMPDIR/arm
cp "$base" "$live"
export HEARTH_FAULT_ARM=$arm
HEARTH=$F serve "$live" || { not_ok "faults: the fault-built server did not start: $(head -c 300 "$TMPDIR/serve.log")"; finish; }
unset HEARTH_FAULT_ARM
child=$(sqlite3 "$live" "SELECT id FROM child WHERE la_child_id = 'FC1'")
w1=$(sqlite3 "$live" "SELECT id FROM worker WHERE staff_id = 'FW1'")
w2=$(sqlite3 "$live" "SELECT id FROM worker WHERE staff_id = 'FW2'")
# sign_in USER: a session for USER (cookie jar $TMPDIR/USER.jar), its CSRF token printed.
sign_in() {
	curl -s -m 20 -c "$TMPDIR/$1.jar" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$HEARTH_URL/api/session" |
		sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p'
}
sw_csrf=$(sign_in test_sw)
tm_csrf=$(sign_in test_tm)
[ -n "$sw_csrf" ] && [ -n "$tm_csrf" ] || { not_ok "faults: sign-in to the fault-built server"; finish; }
# Each request prints its status; its body is in $TMPDIR/body.
req_sign_in() {
	curl -s -m 30 -o "$TMPDIR/body" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"username\":\"test_sw\",\"password\":\"$PASSWORD\"}" "$HEARTH_URL/api/session"
}
req_save() {
	curl -s -m 30 -o "$TMPDIR/body" -w '%{http_code}' -b "$TMPDIR/test_sw.jar" -H "X-CSRF-Token: $sw_csrf" \
		-H 'Content-Type: application/json' \
		-d '{"note_date":"2026-03-30","kind":"case_note","child_voice":false,"body":"saved under faults"}' \
		"$HEARTH_URL/api/children/$child/notes"
}
# A reallocation to the worker not holding the child now, on a later day each time.
day=0
req_reallocate() {
	local now to
	now=$(sqlite3 "$live" "SELECT worker_id FROM allocation WHERE child_id = $child AND kind = 'sw' AND end_date IS NULL AND voided = 0")
	to=$w1
	[ "$now" = "$w1" ] && to=$w2
	day=$((day + 1))
	curl -s -m 30 -o "$TMPDIR/body" -w '%{http_code}' -b "$TMPDIR/test_tm.jar" -H "X-CSRF-Token: $tm_csrf" \
		-H 'Content-Type: application/json' \
		-d "{\"worker_id\":$to,\"kind\":\"sw\",\"start_date\":\"$(date -d "2025-02-01 + $day days" +%F)\",\"reason\":\"MANAGE\"}" \
		"$HEARTH_URL/api/children/$child/allocations"
}
# changes BEFORE AFTER: the tables whose row counts differ, as "table+N".
changes() {
	paste -d' ' <(echo "$1" | tr ' ' '\n') <(echo "$2" | tr ' ' '\n') |
		awk '{ split($1, a, "="); split($2, b, "="); if (a[2] != b[2]) printf "%s%+d ", a[1], b[2] - a[2] }'
}
faults_seen() { grep -c '^hearth-fault:' "$TMPDIR/serve.log"; }

# sweep_http NAME KIND OK_STATUS REQUEST: as sweep, one request at a time to the server.
# A sign-in is the one exception to "none of it": its rows (the session, and the browser
# made known) are committed first, in one transaction, and its audit row after, with the other requests' audit rows (src/web/http/audit.c), so when the
# audit commit fails the answer is a 500 and the session row stays, never usable (its token
# never left the server); such attempts are counted and shown apart ($orphans).
sweep_http() {
	local name=$1 kind=$2 want=$3 request=$4 n status fired injected=0 refused=0 survived=0 problems=0 sticky=
	orphans=0
	[ "${kind%+}" != "$kind" ] && sticky=+ && kind=${kind%+}
	local before after ref why seen
	before=$(counts "$live")
	status=$($request)
	[ "$status" = "$want" ] || { not_ok "faults: $name: $status without a fault: $(head -c 200 "$TMPDIR/body")"; return; }
	ref=$(changes "$before" "$(counts "$live")")
	for n in $(seq 1 $MAX_N); do
		before=$(counts "$live")
		local before_content
		before_content=$(content "$live")
		seen=$(faults_seen)
		printf '%s:%s%s\n' "$kind" "$n" "$sticky" >"$arm.new" && mv "$arm.new" "$arm"
		status=$($request)
		rm -f "$arm"
		fired=0
		[ "$(faults_seen)" -gt "$seen" ] && fired=1
		after=$(counts "$live")
		why=
		if ! kill -0 "$serve_pid" 2>/dev/null; then
			why="the server stopped: $(tail -3 "$TMPDIR/serve.log" | tr '\n' ' ')"
		elif [ "$status" = "$want" ] && [ "$(changes "$before" "$after")" != "$ref" ]; then
			why="$status but the change is not whole: $(changes "$before" "$after") (wanted $ref)"
		elif [ "$status" != "$want" ] && [ "$request" = req_sign_in ] && [ "${status:0:1}" = 5 ] &&
			case "$(changes "$before" "$after")" in "user_session+1 " | "user_session+1 signin_device+1 ") true ;; *) false ;; esac; then
			orphans=$((orphans + 1))
		elif [ "$status" != "$want" ] && [ "$(content "$live")" != "$before_content" ]; then
			why="$status but the record changed: $(changes "$before" "$after")"
		elif [ "$status" != "$want" ] && { [ "${status:0:1}" != 5 ] || ! grep -q '"error"' "$TMPDIR/body"; }; then
			why="answered $status: $(head -c 200 "$TMPDIR/body")"
		elif [ "$status" != "$want" ] && [ "$kind" = full ] && [ "$request" != req_sign_in ] && { [ "$status" != 503 ] || ! grep -q 'disk is full' "$TMPDIR/body"; }; then
			why="a full disk answered $status: $(head -c 200 "$TMPDIR/body")"
		elif [ "$status" != "$want" ] && [ "$fired" -eq 0 ]; then
			why="$status with no fault injected: $(head -c 200 "$TMPDIR/body")"
		elif ! "$H" check "$live" >"$TMPDIR/check.out" 2>&1; then
			why="hearth check fails afterwards: $(head -3 "$TMPDIR/check.out" | tr '\n' ' ')"
		fi
		if [ -n "$why" ]; then
			problems=$((problems + 1))
			[ "$problems" -le 5 ] && echo "    $name, $kind fault at call $n: $why"
		fi
		[ "$fired" -eq 1 ] && injected=$((injected + 1))
		[ "$fired" -eq 1 ] && [ "$status" != "$want" ] && refused=$((refused + 1))
		[ "$fired" -eq 1 ] && [ "$status" = "$want" ] && survived=$((survived + 1))
		[ "$status" = "$want" ] && [ "$fired" -eq 0 ] && break
		kill -0 "$serve_pid" 2>/dev/null || break
	done
	if [ "$n" -eq "$MAX_N" ]; then
		not_ok "faults: $name, $kind: still meeting the fault at call $MAX_N"
	elif [ "$problems" -eq 0 ]; then
		ok "faults: $name, $kind faults at calls 1-$((n - 1)): $injected injected, $refused refused whole ($([ "$kind" = full ] && [ "$request" != req_sign_in ] && echo 503 || echo 5xx)), $survived completed whole$([ "$orphans" -gt 0 ] && echo ", $orphans leaving an unusable session row without its audit row"); the server carried on"
	else
		not_ok "faults: $name, $kind: $problems of $injected injected faults broke a rule"
	fi
}

for kind in write sync read full+; do
	sweep_http "server: a sign-in" $kind 200 req_sign_in
	sweep_http "server: a save" $kind 201 req_save
	sweep_http "server: a reallocation" $kind 201 req_reallocate
done
s=$(req_save)
[ "$s" = 201 ] && kill -0 "$serve_pid" 2>/dev/null && ok "faults: the server still saves after every fault" ||
	not_ok "faults: a save after the faults: $s $(head -c 200 "$TMPDIR/body")"
stop_server
check "faults: hearth check passes on the server's record at the end" $H check "$live"
finish
