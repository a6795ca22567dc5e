# backends: sqlite
# Imports of files that cannot be read whole: a CIN census cut short at many points (and
# inside a child), an SSDA903 table cut inside a row or with a quote never closed, an Annex
# A workbook whose zip is cut short or whose sheet is. Each is refused (exit 1, a message on
# stderr naming the file) and stores nothing, --partial or not: every table's content is
# the same before and after. The whole files still import, so the checks can fail the
# other way.
. "$ROOT/tests/lib.sh"
H=$HEARTH
command -v sqlite3 >/dev/null || { not_ok "sqlite3 is not installed (scripts/install-deps installs it)"; finish; }

# dump_sum DB: a checksum of every table's content (the SQL dump), or non-zero when the
# dump failed.
dump_sum() {
	local out
	out=$(sqlite3 "$1" .dump) || return 1
	[ -n "$out" ] || return 1
	printf '%s' "$out" | sha256sum | cut -d' ' -f1
}

# The record the files come from: 12 children in need (a referral each), 5 of them in care.
src=$TMPDIR/source.db
check "init the source record" $H init "$src"
made=0
for i in $(seq 1 12); do
	$H record "$src" child --given-name "A$i" --family-name Bee --dob "2015-05-0$((i % 9 + 1))" --sex F --ethnicity WBRI \
		--la-child-id "K$i" --uasc no --restricted no >/dev/null &&
		$H record "$src" referral --child "K$i" --referral-date 2024-05-01 --source 1A --primary-need N1 --nfa no >/dev/null &&
		made=$((made + 1))
done
for i in 1 2 3 4 5; do
	$H record "$src" cla_episode --child "K$i" --decom "2024-0$i-01" --rne S --ls C2 --cin N1 --place U4 --place-provider PR1 \
		--home-post "WR1 1AA" --pl-post "WR2 2BB" --long-term no >/dev/null && made=$((made + 1))
done
[ "$made" = 17 ] && ok "the source record: 12 children, 5 in care" || not_ok "the source record: $made of 17 rows recorded"

# The record the files go into: one child of its own, so that "unchanged" means something.
base=$TMPDIR/base.db
check "init the target record" $H init "$base"
check "the target's own child" $H record "$base" child --given-name Zed --family-name Wye --dob 2014-01-01 --sex M \
	--ethnicity WBRI --la-child-id Z1 --uasc no --restricted no
base_sum=$(dump_sum "$base") && ok "the target's checksum" || not_ok "sqlite3 .dump of the target failed"

# A schema that takes any Message: the export checks its file against a schema, and these
# tests need no standards folder.
cat >"$TMPDIR/lax.xsd" <<'EOF'
<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="Message"><xs:complexType><xs:sequence>
    <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
EOF
cin=$TMPDIR/cin.xml
check "export the CIN census" $H export "$src" cin-census --year 2025 --out "$cin" --xsd "$TMPDIR/lax.xsd"
n=$(grep -c '<Child>' "$cin")
[ "$n" = 12 ] && ok "the census holds 12 children" || not_ok "the census holds $n children"
mkdir -p "$TMPDIR/s9"
check "export the SSDA903 tables" $H export "$src" ssda903 --year 2025 --out "$TMPDIR/s9"
n=$(tail -n +2 "$TMPDIR/s9/Episodes.csv" | wc -l)
[ "$n" = 5 ] && ok "Episodes.csv holds 5 rows" || not_ok "Episodes.csv holds $n rows"
annex=$TMPDIR/annex.xlsx
check "write the Annex A workbook" $H report "$src" annex-a --as-at 2025-03-31 --out "$annex"

t=$TMPDIR/t.db
# import_into KIND PATH [ARGS...]: imports into a fresh copy of the target; $rc its exit,
# $TMPDIR/imp.err its stderr, $after the copy's checksum afterwards ("failed" when the dump
# failed).
import_into() {
	local kind=$1
	shift
	cp "$base" "$t"
	$H import "$t" "$kind" "$@" >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"
	rc=$?
	after=$(dump_sum "$t") || after=failed
}

# refused_whole NAME FILE_NAME KIND PATH [ARGS...]: the import exits non-zero, says on
# stderr that nothing was imported naming FILE_NAME, and leaves every table as it was.
# Returns non-zero (and says why in $why) otherwise.
refused_whole() {
	local name=$1
	shift
	import_into "$@"
	why=
	if [ "$rc" = 0 ]; then
		why="it exited 0: $(tail -1 "$TMPDIR/imp.out")"
	elif ! grep -qF -- "$name" "$TMPDIR/imp.err" || ! grep -qF "nothing was imported" "$TMPDIR/imp.err"; then
		why="exit $rc, stderr: $(head -c 300 "$TMPDIR/imp.err")"
	elif [ "$after" != "$base_sum" ]; then
		why="the record changed (checksum $after)"
	fi
	[ -z "$why" ]
}

# cuts NAME FILE_NAME KIND OFFSETS FULL CUTFILE [ARGS...]: for each offset, CUTFILE holds
# the first OFFSET bytes of FULL, and the import must be refused whole.
cuts() {
	local name=$1 fname=$2 kind=$3 offsets=$4 full=$5 cut=$6 failed= count=0
	shift 6
	for off in $offsets; do
		head -c "$off" "$full" >"$cut"
		count=$((count + 1))
		refused_whole "$fname" "$kind" "$@" || failed="$failed [cut at $off: $why]"
	done
	[ "$count" -ge 1 ] || failed="no cut points"
	[ -z "$failed" ] && ok "$name ($count cuts)" || not_ok "$name:$(printf '%s' "$failed" | head -c 1500)"
}

# ---- the whole files import ----
import_into cin-census "$cin"
n=$(sqlite3 "$t" "SELECT count(*) FROM child") || n=failed
[ "$rc" = 0 ] && [ "$n" = 13 ] && ok "the whole CIN census imports (12 children added)" ||
	not_ok "the whole CIN census: exit $rc, $n children: $(head -c 300 "$TMPDIR/imp.err")"
# The same census with no white space between elements: every child, not every other one.
tr -d '\n' <"$cin" | sed 's/>[[:space:]]*</></g' >"$TMPDIR/compact.xml"
import_into cin-census "$TMPDIR/compact.xml"
n=$(sqlite3 "$t" "SELECT count(*) FROM child") || n=failed
[ "$rc" = 0 ] && [ "$n" = 13 ] && ok "a census with no white space between children imports all 12" ||
	not_ok "the compact CIN census: exit $rc, $n children: $(head -c 300 "$TMPDIR/imp.err")"
import_into ssda903 "$TMPDIR/s9"
n=$(sqlite3 "$t" "SELECT count(*) FROM cla_episode") || n=failed
[ "$rc" = 0 ] && [ "$n" = 5 ] && ok "the whole SSDA903 tables import (5 episodes)" ||
	not_ok "the whole SSDA903 tables: exit $rc, $n episodes: $(head -c 300 "$TMPDIR/imp.err")"
import_into annex-a "$annex"
n=$(sqlite3 "$t" "SELECT count(*) FROM child") || n=failed
[ "$rc" = 0 ] && [ "$n" = 13 ] && ok "the whole Annex A workbook imports (12 children added)" ||
	not_ok "the whole Annex A workbook: exit $rc, $n children: $(head -c 300 "$TMPDIR/imp.err")"

# ---- CIN census cut short ----
size=$(stat -c %s "$cin")
even=$(python3 -c "print(' '.join(str(i * $size // 31) for i in range(1, 31)))")
# and inside the 11th child: in its element, in its identifiers, in its referral
k11=$(python3 -c "
s = open('$cin', 'rb').read(); i = s.index(b'<LAchildID>K11<'); c = s.rindex(b'<Child>', 0, i)
print(c + 3, i + 12, s.index(b'<CINreferralDate>', i) + 20)")
cutcin=$TMPDIR/cut.xml
cuts "a CIN census cut short is refused whole" cut.xml cin-census "$even $k11" "$cin" "$cutcin" "$cutcin"
cuts "a CIN census cut short is refused whole with --partial" cut.xml cin-census "$even $k11" "$cin" "$cutcin" "$cutcin" --partial
# not cut but broken in the middle: a tag that does not close
sed '0,/<\/ChildIdentifiers>/s//<\/ChildIdentifier>/' "$cin" >"$TMPDIR/broken.xml"
refused_whole broken.xml cin-census "$TMPDIR/broken.xml" --partial &&
	ok "a CIN census with a mismatched tag is refused whole" || not_ok "a mismatched tag: $why"
grep -q 'broken.xml:[0-9][0-9]*: not well-formed XML' "$TMPDIR/imp.err" && ok "the message names the line" ||
	not_ok "no line in: $(head -c 300 "$TMPDIR/imp.err")"

# ---- SSDA903 tables cut short ----
# Cut inside a data row, before its last comma: the last row has fewer values than the
# header and no newline. (A cut at a line's end leaves a shorter file that is whole, and a
# cut inside a last value cannot be told from a shorter value.)
cp -r "$TMPDIR/s9" "$TMPDIR/s9cut"
ep=$TMPDIR/s9/Episodes.csv
offsets=$(python3 -c "
s = open('$ep', 'rb').read(); h = s.index(b'\n') + 1; out = []
for i in range(1, 31):
    off = h + i * (len(s) - h) // 31
    ls = s.rindex(b'\n', 0, off) + 1 if off > h else h
    le = s.index(b'\n', ls); lc = s.rindex(b',', ls, le)
    out.append(min(max(off, ls + 1), lc))
print(' '.join(map(str, out)))")
cuts "an SSDA903 table cut inside a row is refused whole" Episodes.csv ssda903 "$offsets" "$ep" \
	"$TMPDIR/s9cut/Episodes.csv" "$TMPDIR/s9cut"
cuts "an SSDA903 table cut inside a row is refused whole with --partial" Episodes.csv ssda903 "$offsets" "$ep" \
	"$TMPDIR/s9cut/Episodes.csv" "$TMPDIR/s9cut" --partial
cp "$ep" "$TMPDIR/s9cut/Episodes.csv"
sed '3s/,S,/,"S,/' "$ep" >"$TMPDIR/s9cut/Episodes.csv"
refused_whole Episodes.csv ssda903 "$TMPDIR/s9cut" --partial &&
	ok "a quoted value never closed is refused whole" || not_ok "an unclosed quote: $why"
grep -qF "Episodes.csv:" "$TMPDIR/imp.err" && grep -qF "a quoted value is never closed" "$TMPDIR/imp.err" &&
	ok "the message says what broke" || not_ok "the unclosed quote message: $(head -c 300 "$TMPDIR/imp.err")"
cp "$ep" "$TMPDIR/s9cut/Episodes.csv"
printf 'K9,01/01/2024,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,\0\n' >>"$TMPDIR/s9cut/Episodes.csv"
refused_whole Episodes.csv ssda903 "$TMPDIR/s9cut" --partial && grep -qF "NUL byte" "$TMPDIR/imp.err" &&
	ok "a NUL byte in a table is refused whole" || not_ok "a NUL byte: ${why:-$(head -c 300 "$TMPDIR/imp.err")}"

# ---- Annex A: the zip cut short, a sheet cut short ----
size=$(stat -c %s "$annex")
even=$(python3 -c "print(' '.join(str(i * $size // 31) for i in range(1, 31)))")
cuts "an Annex A workbook cut short is refused whole" cut.xlsx annex-a "$even" "$annex" "$TMPDIR/cut.xlsx" \
	"$TMPDIR/cut.xlsx" --partial
sheet_cuts=
for frac in 2 3 5 7 9; do
	python3 - "$annex" "$TMPDIR/sheetcut.xlsx" "$frac" <<'EOF' || sheet_cuts="$sheet_cuts [python failed]"
import sys, zipfile
src, dst, frac = sys.argv[1], sys.argv[2], int(sys.argv[3])
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:
    for i in a.infolist():
        d = a.read(i.filename)
        if i.filename == 'xl/worksheets/sheet8.xml':
            d = d[:len(d) * frac // 10]
        b.writestr(i.filename, d)
EOF
	refused_whole sheetcut.xlsx annex-a "$TMPDIR/sheetcut.xlsx" --partial || sheet_cuts="$sheet_cuts [$frac/10: $why]"
	grep -qF "xl/worksheets/sheet8.xml" "$TMPDIR/imp.err" || sheet_cuts="$sheet_cuts [$frac/10: the part is not named]"
done
[ -z "$sheet_cuts" ] && ok "an Annex A sheet cut short is refused whole, naming the part" || not_ok "a sheet cut short:$sheet_cuts"

finish
