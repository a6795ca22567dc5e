# backends: sqlite
# Nothing lost on the way in: the demo county's returns (SSDA903 CSV for 2025 and 2026, the
# SSDA903 XML, the CIN census XML) exported, imported into an empty record and exported
# again give the same bytes; importing them a second time changes nothing; and a file with
# one child the record cannot hold brings in every other child, names the one held back
# (file, line, column, reason) and says so in its summary and its exit status.
. "$ROOT/tests/lib.sh"
H=$HEARTH
S=${STANDARDS:-}
[ -n "$S" ] && [ -f "$S/cin-census/CIN_schema_2025.xsd" ] && [ -f "$S/ssda903/CLA.xsd" ] || S=
county=$TMPDIR/county.db
demo_county "$county" && ok "the demo county" || { not_ok "the demo county: $(cat "$TMPDIR/demo.err")"; finish; }

# children NAME_OF_SUMMARY_FILE: "READ IMPORTED HELD" from an import's summary line.
children() {
	sed -n 's/^[a-z0-9-]* [0-9]*: \([0-9]*\) children ([0-9]* rows) read: \([0-9]*\) children ([0-9]* rows) imported, \([0-9]*\) held back.*/\1 \2 \3/p' "$1"
}

# ---- SSDA903 CSV, two years ----
for year in 2025 2026; do
	a=$TMPDIR/s9-$year-a b=$TMPDIR/s9-$year-b db=$TMPDIR/empty-$year.db
	check "export the county's $year SSDA903" $H export "$county" ssda903 --year $year --out "$a"
	header=$(($(wc -l <"$a/Header.csv") - 1))
	rows=$(($(cat "$a"/*.csv | wc -l) - $(ls "$a"/*.csv | wc -l)))
	[ "$header" -gt 100 ] || not_ok "$year: only $header children exported"
	$H init "$db" >/dev/null
	if $H import "$db" ssda903 "$a" --year $year >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"; then
		ok "$year: the county's own return imports into an empty record"
	else
		not_ok "$year: import exit $?: $(grep -v '^note' "$TMPDIR/imp.err" | head -5)"
	fi
	set -- $(children "$TMPDIR/imp.out")
	[ "${1:-}" = "$header" ] && [ "${2:-}" = "$header" ] && [ "${3:-}" = 0 ] &&
		grep -qF "($rows rows) imported" "$TMPDIR/imp.out" &&
		ok "$year: every child ($header) and every row ($rows) came in" || not_ok "$year: summary: $(cat "$TMPDIR/imp.out")"
	check "$year: export again" $H export "$db" ssda903 --year $year --out "$b"
	if diff -r "$a" "$b" >"$TMPDIR/diff.txt"; then ok "$year: round trip: byte-identical CSV"; else
		not_ok "$year: round trip differs"; head -10 "$TMPDIR/diff.txt" | sed 's/^/    /'; fi
	before=$(digest "$db")
	$H import "$db" ssda903 "$a" --year $year >"$TMPDIR/again.out" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] && grep -q "; 0 records added, 0 updated, " "$TMPDIR/again.out" && [ "$(digest "$db")" = "$before" ] &&
		ok "$year: importing it again changes nothing" || not_ok "$year: re-import (exit $rc): $(cat "$TMPDIR/again.out")"
done

# ---- SSDA903 XML: the record imported from the CSV writes the same XML as the county ----
if [ -n "$S" ]; then
	check "export the county's SSDA903 XML" $H export "$county" ssda903 --year 2025 --xml "$TMPDIR/a.xml" --standards "$S"
	check "the imported record's SSDA903 XML" $H export "$TMPDIR/empty-2025.db" ssda903 --year 2025 --xml "$TMPDIR/b.xml" --standards "$S"
	cmp -s "$TMPDIR/a.xml" "$TMPDIR/b.xml" && ok "SSDA903 XML: byte-identical" || not_ok "SSDA903 XML differs: $(diff "$TMPDIR/a.xml" "$TMPDIR/b.xml" | head -5)"
	# The XML itself imported (read903.c reads it as its CSV tables) into an empty record,
	# exported again: the same bytes; imported again: nothing changes.
	db=$TMPDIR/xml.db
	$H init "$db" >/dev/null
	n=$(grep -c '<CHILD>' "$TMPDIR/a.xml")
	$H import "$db" ssda903 "$TMPDIR/a.xml" --year 2025 >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"
	rc=$?
	set -- $(children "$TMPDIR/imp.out")
	[ "$rc" = 0 ] && [ "${1:-}" = "$n" ] && [ "${2:-}" = "$n" ] && [ "${3:-}" = 0 ] &&
		ok "SSDA903 XML: the county's XML imports, every child ($n)" || not_ok "XML import (exit $rc): $(cat "$TMPDIR/imp.out") $(grep -v '^note' "$TMPDIR/imp.err" | head -3)"
	check "SSDA903 XML: export the XML-imported record" $H export "$db" ssda903 --year 2025 --xml "$TMPDIR/x2.xml" --standards "$S"
	cmp -s "$TMPDIR/a.xml" "$TMPDIR/x2.xml" && ok "SSDA903 XML -> import -> XML: byte-identical" ||
		not_ok "XML round trip differs: $(diff "$TMPDIR/a.xml" "$TMPDIR/x2.xml" | head -5)"
	before=$(digest "$db")
	$H import "$db" ssda903 "$TMPDIR/a.xml" --year 2025 >"$TMPDIR/again.out" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] && grep -q "; 0 records added, 0 updated, " "$TMPDIR/again.out" && [ "$(digest "$db")" = "$before" ] &&
		ok "SSDA903 XML: importing it again changes nothing" || not_ok "XML re-import (exit $rc): $(cat "$TMPDIR/again.out")"
else
	ok "# SKIP: no standards folder (STANDARDS): the SSDA903 XML round trip did not run"
fi

# ---- CIN census XML ----
if [ -n "$S" ]; then
	check "export the county's CIN census" $H export "$county" cin-census --year 2025 --out "$TMPDIR/c1.xml" --standards "$S"
	n=$(grep -c '<Child>' "$TMPDIR/c1.xml")
	db=$TMPDIR/cin.db
	$H init "$db" >/dev/null
	if $H import "$db" cin-census "$TMPDIR/c1.xml" --standards "$S" >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"; then
		ok "the county's CIN census imports into an empty record"
	else
		not_ok "CIN import: $(grep -v '^note' "$TMPDIR/imp.err" | head -5)"
	fi
	set -- $(children "$TMPDIR/imp.out")
	[ "${1:-}" = "$n" ] && [ "${2:-}" = "$n" ] && [ "${3:-}" = 0 ] && ok "CIN: every child ($n) came in" || not_ok "CIN summary: $(cat "$TMPDIR/imp.out")"
	check "CIN: export again" $H export "$db" cin-census --year 2025 --out "$TMPDIR/c2.xml" --standards "$S"
	cmp -s "$TMPDIR/c1.xml" "$TMPDIR/c2.xml" && ok "CIN round trip: byte-identical" || not_ok "CIN differs: $(diff "$TMPDIR/c1.xml" "$TMPDIR/c2.xml" | head -5)"
	before=$(digest "$db")
	$H import "$db" cin-census "$TMPDIR/c1.xml" >"$TMPDIR/again.out" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] && grep -q "; 0 records added, 0 updated, " "$TMPDIR/again.out" && [ "$(digest "$db")" = "$before" ] &&
		ok "CIN: importing it again changes nothing" || not_ok "CIN re-import (exit $rc): $(cat "$TMPDIR/again.out")"

	# One child's referral date is no date: that child is held back, every other comes in.
	bad_child=$(python3 - "$TMPDIR/c1.xml" "$TMPDIR/c3.xml" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
kids = [m.start() for m in re.finditer('<Child>', s)]
k = kids[len(kids) // 2]
i = s.index('<CINreferralDate>', k)
who = re.search('<LAchildID>([^<]*)<', s[k:]).group(1)
s = s[:i] + '<CINreferralDate>2024-02-31' + s[i + len('<CINreferralDate>2024-01-01'):]
open(sys.argv[2], 'w').write(s)
print(who, s.count('\n', 0, i) + 1)
PY
)
	set -- $bad_child
	who=${1:-?} line=${2:-?}
	db=$TMPDIR/cinbad.db
	$H init "$db" >/dev/null
	$H import "$db" cin-census "$TMPDIR/c3.xml" >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"
	rc=$?
	grep -qF "held back: child $who: $TMPDIR/c3.xml:$line: CINreferralDate: '2024-02-31' is not a date" "$TMPDIR/imp.err" &&
		ok "CIN: the bad child is named with file, line, element and reason" || not_ok "CIN held back: $(grep -v '^note' "$TMPDIR/imp.err" | head -3)"
	set -- $(children "$TMPDIR/imp.out")
	got=$(q "$db" "SELECT count(*) FROM child WHERE voided = 0")
	[ "$rc" = 1 ] && [ "${1:-}" = "$n" ] && [ "${2:-}" = $((n - 1)) ] && [ "${3:-}" = 1 ] && [ "$got" = $((n - 1)) ] &&
		ok "CIN: every other child ($((n - 1))) came in, exit 1" || not_ok "CIN with a bad child (exit $rc, $got children): $(cat "$TMPDIR/imp.out")"
	[ "$(q "$db" "SELECT count(*) FROM child WHERE la_child_id = '$who'")" = 0 ] && ok "CIN: nothing of the held-back child is stored" || not_ok "CIN: $who is stored"
else
	ok "# SKIP: no standards folder (STANDARDS): the CIN census round trip did not run"
fi

# ---- SSDA903: one child the record cannot hold, among all the others ----
bad=$TMPDIR/bad
cp -r "$TMPDIR/s9-2025-a" "$bad"
# the 10th episode row: its placement becomes a code of no year
line=11
who=$(sed -n "${line}p" "$bad/Episodes.csv" | cut -d, -f1)
awk -F, -v OFS=, -v l=$line 'NR == l { $6 = "ZZ" } { print }' "$TMPDIR/s9-2025-a/Episodes.csv" >"$bad/Episodes.csv"
mine=$(cat "$bad"/*.csv | grep -c "^$who,")
db=$TMPDIR/bad.db
$H init "$db" >/dev/null
$H import "$db" ssda903 "$bad" --year 2025 >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"
rc=$?
grep -qF "held back: child $who: $bad/Episodes.csv:$line: PLACE: episode in care: 'ZZ' is not a code in the placement list" "$TMPDIR/imp.err" &&
	ok "SSDA903: the bad child is named with file, line, column and reason" || not_ok "held back: $(grep -v '^note' "$TMPDIR/imp.err" | head -3)"
header=$(($(wc -l <"$bad/Header.csv") - 1))
set -- $(children "$TMPDIR/imp.out")
[ "$rc" = 1 ] && [ "${1:-}" = "$header" ] && [ "${2:-}" = $((header - 1)) ] && [ "${3:-}" = 1 ] &&
	grep -qF "1 held back ($mine rows)" "$TMPDIR/imp.out" &&
	ok "SSDA903: every other child ($((header - 1))) came in; the summary counts the $mine rows held back; exit 1" ||
	not_ok "SSDA903 with a bad child (exit $rc): $(cat "$TMPDIR/imp.out")"
check "SSDA903: export what came in" $H export "$db" ssda903 --year 2025 --out "$TMPDIR/bad-out"
differ=
for f in "$TMPDIR/s9-2025-a"/*.csv; do
	grep -v "^$who," "$f" >"$TMPDIR/want.csv"
	diff -q "$TMPDIR/want.csv" "$TMPDIR/bad-out/$(basename "$f")" >/dev/null || differ="$differ $(basename "$f")"
done
[ -z "$differ" ] && ok "SSDA903: every other child's rows are as in the county's return" || not_ok "the other children's rows differ in:$differ"
finish
