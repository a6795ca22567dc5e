# backends: sqlite pg
# The measures and Annex A with the children split between threads (hearth report ...
# --threads N) give, byte for byte, what one thread gives: the demo county's measures as
# text, JSON and CSV with breakdowns, drill-downs (a child measure, a several-part one, one
# counted in days and shown in weeks, the workforce one whose caseloads are counted per
# thread and added up), a trend, and Annex A as CSV, with 2 threads and with 3 (an odd split),
# and 7 for some. A part lost or merged twice changes the counts, lists and rows, so each comparison
# can fail. Also an empty record on 4 threads (parts with no child), and a refused
# --threads 0. On PostgreSQL (the small empty record only) the work stays on one connection
# and the answer is the same.
# Validation too (hearth validate --threads N): the SSDA903 and the CIN census from the
# record (the CIN census's children cut by id between connections; the SSDA903 read on one
# thread and checked on another) and from the files the record exports (the SSDA903's CSV
# tables checked in N runs of children, the CIN census XML checked on a second thread as it
# is parsed), as text, JSON and CSV: the same findings in the same order on 1, 2 and 3
# threads. A part's findings lost, doubled or merged out of order, or a whole-return tally
# (the CIN census's duplicate UPNs, its children counted) added wrongly, changes the report.
# No timing here: bench/measures and bench/returns time it.
. "$ROOT/tests/lib.sh"
H=$HEARTH

# same NAME ARGS...: `hearth CMD ARGS --threads 1`, 2 and 3 (and 7 when SPLITS says so)
# write the same stdout (CMD: report, or what CMD says).
SPLITS="2 3"
CMD=report
same() {
	local name=$1 t
	shift
	if ! run_ok "$TMPDIR/t1.out" $H $CMD "$@" --threads 1; then
		not_ok "$name (one thread failed)"
		return
	fi
	if [ ! -s "$TMPDIR/t1.out" ]; then
		not_ok "$name (one thread wrote nothing)"
		return
	fi
	for t in $SPLITS; do
		if ! run_ok "$TMPDIR/t$t.out" $H $CMD "$@" --threads "$t"; then
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
CMD=validate SPLITS="2 4" same "empty record: CIN census validated, JSON" "$db" --return cin-census --year 2026 --format json
CMD=validate SPLITS="2 4" same "empty record: SSDA903 validated, CSV" "$db" --return ssda903 --year 2026 --format csv
refuses "validate: --threads 0 is refused" "--threads" $H validate "$db" --return cin-census --threads 0

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

# Validation from the record and from the files it exports. Each report must hold findings
# from many children for the comparison to mean anything: counted from the CSV (a line per
# finding, and the distinct children).
findings_of() { # CSV-FILE: "N findings of M children"
	echo "$(($(wc -l <"$1") - 1)) findings of $(tail -n +2 "$1" | cut -d, -f1 | sort -u | wc -l) children"
}
enough() { # NAME CSV-FILE MIN-CHILDREN
	if [ "$(tail -n +2 "$2" | cut -d, -f1 | sort -u | wc -l)" -ge "$3" ]; then
		ok "$1: $(findings_of "$2")"
	else
		not_ok "$1: too few findings to compare ($(findings_of "$2"))"
	fi
}
Y=2026
CMD=validate
for f in text json csv; do
	same "validate the SSDA903 from the record, $f" "$county" --return ssda903 --year $Y --format $f
	same "validate the CIN census from the record, $f" "$county" --return cin-census --year $Y --format $f
done
run_ok "$TMPDIR/v9.csv" $H validate "$county" --return ssda903 --year $Y --format csv --threads 1 &&
	enough "the record's SSDA903 findings" "$TMPDIR/v9.csv" 20
run_ok "$TMPDIR/vc.csv" $H validate "$county" --return cin-census --year $Y --format csv --threads 1 &&
	enough "the record's CIN census findings" "$TMPDIR/vc.csv" 100
mkdir -p "$TMPDIR/s9"
if run_ok "$TMPDIR/x9.out" $H export "$county" ssda903 --year $Y --out "$TMPDIR/s9" &&
	run_ok "$TMPDIR/xc.out" $H export "$county" cin-census --year $Y --out "$TMPDIR/cin.xml" --standards "$STANDARDS"; then
	for f in text json csv; do
		same "validate the SSDA903 files, $f" --files "$TMPDIR/s9" --year $Y --format $f
		same "validate the CIN census file, $f" --files "$TMPDIR/cin.xml" --format $f
	done
	# The first child again at the end: the whole-return rules on duplicate UPNs and LA child
	# ids (1520, 8510) need the tally of the children read first and of those read last.
	awk '/<Child>/ && !n { c = 1 } c { first = first $0 "\n" } /<\/Child>/ && c { c = 0; n = 1 }
		/<\/Children>/ { printf "%s", first } { print }' "$TMPDIR/cin.xml" >"$TMPDIR/cin_dup.xml"
	same "validate a CIN census file with a child twice, CSV" --files "$TMPDIR/cin_dup.xml" --format csv
	if grep -q ',1520,' "$TMPDIR/t1.out" && grep -q ',8510,' "$TMPDIR/t1.out"; then
		ok "the child twice: 1520 and 8510 found ($(grep -c ',1520,\|,8510,' "$TMPDIR/t1.out") findings)"
	else
		not_ok "the child twice: 1520 and 8510 found"
	fi
	SPLITS="2 3 7" same "validate the SSDA903 files on 7 threads, CSV" --files "$TMPDIR/s9" --year $Y --format csv
	run_ok "$TMPDIR/f9.csv" $H validate --files "$TMPDIR/s9" --year $Y --format csv --threads 1 &&
		enough "the SSDA903 files' findings" "$TMPDIR/f9.csv" 100
	run_ok "$TMPDIR/fc.csv" $H validate --files "$TMPDIR/cin.xml" --format csv --threads 1 &&
		enough "the CIN census file's findings" "$TMPDIR/fc.csv" 100
else
	not_ok "export the SSDA903 and the CIN census to validate their files"
fi
CMD=report

# The default (no --threads: the online CPUs) is the same too.
if run_ok "$TMPDIR/def.out" $H report "$county" measures --as-at $D --format csv --by both &&
	run_ok "$TMPDIR/one.out" $H report "$county" measures --as-at $D --format csv --by both --threads 1 &&
	cmp -s "$TMPDIR/def.out" "$TMPDIR/one.out"; then
	ok "the default number of threads gives the same"
else
	not_ok "the default number of threads gives the same"
fi

finish
