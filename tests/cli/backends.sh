# backends: pg
# The same record on SQLite and on PostgreSQL reads the same, byte for byte: the demo
# county (seed 1, as at 2026-03-31) on both, then the inspection measures (JSON, and with
# the Annex A lists and per team and worker), Annex A as CSV, a trend, the worklist, the
# DfE validation of both returns (also on 1 and 3 threads), the summary and the child list, and `child show` (text,
# JSON and the history) for 50 children spread over every status. A difference is a bug in
# a driver (src/store/postgres.c, sqlite.c) or in SQL one engine reads differently.
#
# The PostgreSQL county is the SQLite one copied with `hearth copy` (which verifies every
# table's rows and checksum), not `hearth demo` run against the postgresql:// URL: that
# took 5 to 8 minutes on this machine kind (a round trip per statement), the copy 40 to 55
# seconds. So this compares the two engines reading one record; the write path
# on PostgreSQL is what record.sh, returns.sh and copy.sh exercise in the pg suite.
#
# Needs the cluster tests/run's pg suite starts (HEARTH_PG_DIR, HEARTH_PG_PORT); anywhere
# else it says it is skipped (tests/expected-skips expects that in the cli suite only). A
# cluster that was started but does not answer is a failure. HEARTH_COUNTY may name a
# pristine SQLite demo county
# (seed 1, as at 2026-03-31) to use instead of making one.
. "$ROOT/tests/lib.sh"
H=$HEARTH
AS_AT=2026-03-31

if [ "$backend" != pg ] || [ -z "${HEARTH_PG_DIR:-}" ] || [ -z "${HEARTH_PG_PORT:-}" ]; then
	skip "backends: SQLite and PostgreSQL read the same record alike" \
		"runs in tests/run's pg suite (HEARTH_PG_DIR, HEARTH_PG_PORT unset)"
	finish
fi
if ! psql "postgresql://postgres@127.0.0.1:$HEARTH_PG_PORT/postgres" -qtAX -c 'SELECT 1' >"$TMPDIR/psql.out" 2>&1; then
	not_ok "backends: the PostgreSQL cluster on port $HEARTH_PG_PORT does not answer: $(head -c 200 "$TMPDIR/psql.out")"
	finish
fi

sq=$TMPDIR/county.db
check "backends: the demo county on SQLite" demo_county "$sq"
pg=$(new_db backends)
check "backends: the same county copied into PostgreSQL, verified" $H copy "$sq" "$pg"
[ "$failures" -eq 0 ] || finish

# same NAME ARGS...: `hearth ARGS` with DB standing for the record gives the same output
# and exit status on both engines (and succeeds on SQLite).
same() {
	local name=$1
	shift
	local a=() b=() x
	for x in "$@"; do
		if [ "$x" = DB ]; then a+=("$sq"); b+=("$pg"); else a+=("$x"); b+=("$x"); fi
	done
	"$H" "${a[@]}" >"$TMPDIR/sqlite.out" 2>&1
	local ra=$?
	"$H" "${b[@]}" >"$TMPDIR/pg.out" 2>&1
	local rb=$?
	if [ "$ra" -ne 0 ]; then
		not_ok "backends: $name (exit $ra on SQLite: $(head -c 200 "$TMPDIR/sqlite.out"))"
	elif [ ! -s "$TMPDIR/sqlite.out" ]; then
		not_ok "backends: $name (no output to compare)"
	elif [ "$rb" -ne "$ra" ]; then
		not_ok "backends: $name (exit $ra on SQLite, $rb on PostgreSQL: $(head -c 200 "$TMPDIR/pg.out"))"
	elif ! cmp -s "$TMPDIR/sqlite.out" "$TMPDIR/pg.out"; then
		not_ok "backends: $name differs"
		diff -u --label sqlite --label postgresql "$TMPDIR/sqlite.out" "$TMPDIR/pg.out" | head -30 | sed 's/^/    /'
	else
		ok "backends: $name ($(wc -l <"$TMPDIR/sqlite.out") lines)"
	fi
}

same "measures (json)" report DB measures --format json --as-at $AS_AT
same "measures with the Annex A lists (json)" report DB measures --format json --as-at $AS_AT --with-annex-a
same "measures by team and worker (csv)" report DB measures --format csv --as-at $AS_AT --by both
same "a measure's drill-down to the children" report DB measure CLA1 --as-at $AS_AT --list both --format csv
same "a trend" report DB trend CP3.visits --from 2025-04-01 --to $AS_AT --every quarter --format csv
same "due (text)" due DB --as-at $AS_AT
same "due (json)" due DB --as-at $AS_AT --format json
same "validate ssda903" validate DB --return ssda903
same "validate cin-census" validate DB --return cin-census
same "validate cin-census (json)" validate DB --return cin-census --format json
# On one thread and on three (on SQLite the CIN census's children cut between three
# connections, on PostgreSQL one connection): the same as each other engine's, and
# tests/cli/threads.sh has the threaded SQLite run equal to its one-thread run.
same "validate cin-census on 1 thread (csv)" validate DB --return cin-census --year 2026 --format csv --threads 1
same "validate cin-census on 3 threads (csv)" validate DB --return cin-census --year 2026 --format csv --threads 3
same "validate ssda903 on 1 thread (json)" validate DB --return ssda903 --year 2026 --format json --threads 1
same "validate ssda903 on 3 threads (json)" validate DB --return ssda903 --year 2026 --format json --threads 3
same "summary" summary DB --as-at $AS_AT
same "child list (csv)" child DB list --as-at $AS_AT --format csv

# Annex A as CSV files, directory against directory.
mkdir -p "$TMPDIR/annex-sqlite" "$TMPDIR/annex-pg"
if $H report "$sq" annex-a --as-at $AS_AT --format csv --out "$TMPDIR/annex-sqlite" >/dev/null 2>&1 &&
	$H report "$pg" annex-a --as-at $AS_AT --format csv --out "$TMPDIR/annex-pg" >/dev/null 2>&1; then
	if diff -r "$TMPDIR/annex-sqlite" "$TMPDIR/annex-pg" >"$TMPDIR/annex.diff" 2>&1 &&
		[ -n "$(ls "$TMPDIR/annex-sqlite")" ]; then
		ok "backends: Annex A (csv, $(ls "$TMPDIR/annex-sqlite" | wc -l) lists)"
	else
		not_ok "backends: Annex A (csv) differs"
		head -20 "$TMPDIR/annex.diff" | sed 's/^/    /'
	fi
else
	not_ok "backends: Annex A (csv) could not be written"
fi

# 50 children spread over the statuses: from each status's list on the as-at date, evenly
# spaced (not just the first few), plus the restricted and the unborn where there are any.
: >"$TMPDIR/sample"
for status in cla cp cin leaver early_help closed; do
	: >"$TMPDIR/ids.$status"
	run_ok "$TMPDIR/list.$status" $H child "$sq" list --status $status --as-at $AS_AT --format csv &&
		tail -n +2 "$TMPDIR/list.$status" | cut -d, -f1 >"$TMPDIR/ids.$status" ||
		not_ok "backends: child list --status $status on SQLite"
	awk -v want=8 '{ id[NR] = $0 } END { if (NR == 0) exit; step = NR / want; if (step < 1) step = 1
		for (i = 1; i <= NR && n < want; i += step) { print id[int(i)]; n++ } }' "$TMPDIR/ids.$status" \
		>>"$TMPDIR/sample"
done
sqlite3 "$sq" "SELECT la_child_id FROM child WHERE voided = 0 AND restricted = 1 ORDER BY id LIMIT 1" >>"$TMPDIR/sample"
sqlite3 "$sq" "SELECT la_child_id FROM child WHERE voided = 0 AND dob IS NULL ORDER BY id LIMIT 1" >>"$TMPDIR/sample"
sort -u "$TMPDIR/sample" | grep -v '^$' >"$TMPDIR/sample.u"
n_children=$(wc -l <"$TMPDIR/sample.u")
for status in cla cp cin leaver early_help closed; do
	[ -s "$TMPDIR/ids.$status" ] || not_ok "backends: no child is $status on $AS_AT in the county to compare"
done

# child show: all of each child's output on each engine, then one comparison per form.
# A difference names the children.
show_all() { # DB OUT FORM...
	local db=$1 out=$2 id
	shift 2
	while read -r id; do
		echo "=== $id"
		$H child "$db" show "$id" --as-at $AS_AT "$@" 2>&1
		echo "=== exit $?"
	done <"$TMPDIR/sample.u" >"$out"
}
for form in "text" "json" "history"; do
	case $form in
	text) args=() ;;
	json) args=(--format json) ;;
	history) args=(--history) ;;
	esac
	show_all "$sq" "$TMPDIR/show.sqlite.$form" "${args[@]}"
	show_all "$pg" "$TMPDIR/show.pg.$form" "${args[@]}"
	if grep -q '^=== exit [^0]' "$TMPDIR/show.sqlite.$form"; then
		not_ok "backends: child show ($form) failed on SQLite for $(grep -B1 -m3 '^=== exit [^0]' "$TMPDIR/show.sqlite.$form" | head -c 300)"
	elif cmp -s "$TMPDIR/show.sqlite.$form" "$TMPDIR/show.pg.$form"; then
		ok "backends: child show ($form) for $n_children children over every status"
	else
		not_ok "backends: child show ($form) differs"
		diff -u --label sqlite --label postgresql "$TMPDIR/show.sqlite.$form" "$TMPDIR/show.pg.$form" | head -30 |
			sed 's/^/    /'
	fi
done
[ "$n_children" -ge 50 ] && ok "backends: the sample holds $n_children children" ||
	not_ok "backends: the sample holds only $n_children children (wanted 50)"

# Reading was audited on both alike: the chains are still whole.
check "backends: hearth check on SQLite after the reads" $H check "$sq"
check "backends: hearth check on PostgreSQL after the reads" $H check "$pg"
finish
