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
finish
