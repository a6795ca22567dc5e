# backends: sqlite pg
# The measures and Annex A with the children split between threads (hearth report ...
# --threads N) give, byte for byte, what one thread gives: the demo county's measures as
# text, JSON and CSV with breakdowns, drill-downs (a child measure, a several-part one, one
# counted in days and shown in weeks, the workforce one whose caseloads are counted per
# thread and added up), a trend, and Annex A as CSV, with 2 threads and with 3 (an odd split),
# and 7 for some. A part lost or merged twice changes the counts, lists and rows, so each comparison
# can fail. Also an empty record on 4 threads (parts with no child), and a refused
# --threads 0. On PostgreSQL (the small empty record only) the work stays on one connection
# and the answer is the same. No timing here: bench/measures times it.
. "$ROOT/tests/lib.sh"
H=$HEARTH

# same NAME ARGS...: `hearth report ARGS --threads 1`, 2 and 3 (and 7 when SPLITS says so)
# write the same stdout.
SPLITS="2 3"
same() {
	local name=$1 t
	shift
	if ! run_ok "$TMPDIR/t1.out" $H report "$@" --threads 1; then
		not_ok "$name (one thread failed)"
		return
	fi
	if [ ! -s "$TMPDIR/t1.out" ]; then
		not_ok "$name (one thread wrote nothing)"
		return
	fi
	for t in $SPLITS; do
		if ! run_ok "$TMPDIR/t$t.out" $H report "$@" --threads "$t"; then
			not_ok "$name ($t threads failed)"
			return
		fi
		if ! cmp -s "$TMPDIR/t1.out" "$TMPDIR/t$t.out"; then
			not_ok "$name ($t threads differ from one)"
			diff "$TMPDIR/t1.out" "$TMPDIR/t$t.out" | head -10 | sed 's/^/    /'
			return
		fi
	done
	ok "$name ($(wc -l <"$TMPDIR/t1.out") lines, the same on 1 and $SPLITS threads)"
}

# An empty record: no children, so most parts of the split are empty.
db=$(new_db empty)
check "init" $H init "$db"
SPLITS="2 4 7" same "empty record: measures as JSON" "$db" measures --as-at 2026-03-31 --format json --with-annex-a
refuses "--threads 0 is refused" "--threads" $H report "$db" measures --threads 0
refuses "--threads must be a number" "--threads" $H report "$db" measures --threads two

if [ "$backend" = pg ]; then
	skip "threads: demo county" "generated on SQLite only"
	finish
fi
county=$TMPDIR/county.db
if ! demo_county "$county"; then
	not_ok "demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi
ok "demo county"
D=2026-03-31
same "measures, text with Annex A counts" "$county" measures --as-at $D --with-annex-a
SPLITS="2 3 7" same "measures, JSON by team and worker with Annex A counts" "$county" measures --as-at $D --format json --by both --with-annex-a
same "measures, CSV by both" "$county" measures --as-at $D --format csv --by both
same "drill-down CLA1, JSON, both lists" "$county" measure CLA1 --as-at $D --list both --format json
same "drill-down CL1 (every part), CSV" "$county" measure CL1 --as-at $D --format csv
same "drill-down LEG1 (days summed, weeks shown), JSON" "$county" measure LEG1 --as-at $D --list both --format json --by both
same "drill-down WF1 (caseloads counted per thread), JSON" "$county" measure WF1 --as-at $D --list both --format json --by worker
same "drill-down FD1, text" "$county" measure FD1 --as-at $D --list both
same "trend CP1 over a year, CSV" "$county" trend CP1 --from 2025-03-31 --to $D --format csv

# Annex A as CSV files: the eleven lists, every row in the same order.
aa_ok=1
for t in 1 2 3; do
	run_ok "$TMPDIR/aa$t.out" $H report "$county" annex-a --as-at $D --format csv --out "$TMPDIR/aa$t" --threads $t || aa_ok=0
done
rows=$(cat "$TMPDIR"/aa1/list_*.csv 2>/dev/null | wc -l)
if [ "$aa_ok" = 1 ] && [ "$rows" -gt 100 ] && diff -r "$TMPDIR/aa1" "$TMPDIR/aa2" >/dev/null &&
	diff -r "$TMPDIR/aa1" "$TMPDIR/aa3" >/dev/null &&
	cmp -s <(sed 1d "$TMPDIR/aa1.out") <(sed 1d "$TMPDIR/aa3.out"); then
	ok "annex-a CSV: $rows lines, the same on 1, 2 and 3 threads"
else
	not_ok "annex-a CSV on 1, 2 and 3 threads ($rows lines)"
	diff -r "$TMPDIR/aa1" "$TMPDIR/aa2" | head -10 | sed 's/^/    /'
fi

# The default (no --threads: the online CPUs) is the same too.
if run_ok "$TMPDIR/def.out" $H report "$county" measures --as-at $D --format csv --by both &&
	run_ok "$TMPDIR/one.out" $H report "$county" measures --as-at $D --format csv --by both --threads 1 &&
	cmp -s "$TMPDIR/def.out" "$TMPDIR/one.out"; then
	ok "the default number of threads gives the same"
else
	not_ok "the default number of threads gives the same"
fi

finish
