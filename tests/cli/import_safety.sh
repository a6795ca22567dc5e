# backends: sqlite
# Imports of files that cannot be read whole: a CIN census cut short at many points (and
# inside a child), an SSDA903 table cut inside a row or with a quote never closed, an Annex
# A workbook whose zip is cut short or whose sheet is. Each is refused (exit 1, a message on
# stderr naming the file) and stores nothing, --partial or not: every table's content is
# the same before and after. The whole files still import, so the checks can fail the
# other way.
# Then hostile files (made here): entity expansion (billion laughs) in a CIN census and in
# a workbook's sheet, external entities (XXE) naming /etc/passwd, elements nested 20000
# deep, zip bombs (a part of 1.9 GB of zeros, a part that inflates 1000:1, a part larger
# than the zip's directory says). Each is refused with the reason and stores nothing. Every
# import here runs in at most 1.5 GB of address space (ulimit -v), so reading a bomb shows
# as a different failure (a crash, not the reason), never as a pass.
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
s9x=$TMPDIR/s9.xml
check "export the SSDA903 XML" $H export "$src" ssda903 --year 2025 --xml "$s9x"
annex=$TMPDIR/annex.xlsx
check "write the Annex A workbook" $H report "$src" annex-a --as-at 2025-03-31 --out "$annex"

t=$TMPDIR/t.db
# import_into KIND PATH [ARGS...]: imports into a fresh copy of the target, in at most
# 1.5 GB of address space; $rc its exit, $TMPDIR/imp.err its stderr, $after the copy's
# checksum afterwards ("failed" when the dump failed).
import_into() {
	local kind=$1
	shift
	cp "$base" "$t"
	(ulimit -v 1500000 && exec "$H" import "$t" "$kind" "$@") >"$TMPDIR/imp.out" 2>"$TMPDIR/imp.err"
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
import_into ssda903 "$TMPDIR/s9" --year 2025
n=$(sqlite3 "$t" "SELECT count(*) FROM cla_episode") || n=failed
[ "$rc" = 0 ] && [ "$n" = 5 ] && ok "the whole SSDA903 tables import (5 episodes)" ||
	not_ok "the whole SSDA903 tables: exit $rc, $n episodes: $(head -c 300 "$TMPDIR/imp.err")"
import_into ssda903 "$s9x" --year 2025
n=$(sqlite3 "$t" "SELECT count(*) FROM cla_episode") || n=failed
[ "$rc" = 0 ] && [ "$n" = 5 ] && ok "the whole SSDA903 XML imports (5 episodes)" ||
	not_ok "the whole SSDA903 XML: exit $rc, $n episodes: $(head -c 300 "$TMPDIR/imp.err")"
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
set -- $k11
head -c "$2" "$cin" >"$cutcin"
refused_whole cut.xml cin-census "$cutcin" && grep -q 'cut.xml:[0-9][0-9]*: not well-formed XML: the file ends with [0-9]* elements\{0,1\} still open: it looks cut short' "$TMPDIR/imp.err" &&
	ok "a census cut inside a child: the message says where and that it looks cut short" ||
	not_ok "the cut-short message: ${why:-$(head -c 300 "$TMPDIR/imp.err")}"
# not cut but broken in the middle: a tag that does not close
sed '0,/<\/ChildIdentifiers>/s//<\/ChildIdentifier>/' "$cin" >"$TMPDIR/broken.xml"
refused_whole broken.xml cin-census "$TMPDIR/broken.xml" --partial &&
	ok "a CIN census with a mismatched tag is refused whole" || not_ok "a mismatched tag: $why"
grep -q 'broken.xml:[0-9][0-9]*: not well-formed XML' "$TMPDIR/imp.err" && ok "the message names the line" ||
	not_ok "no line in: $(head -c 300 "$TMPDIR/imp.err")"

# ---- SSDA903 XML cut short: at 30 points, and inside the third child ----
size=$(stat -c %s "$s9x")
even=$(python3 -c "print(' '.join(str(i * $size // 31) for i in range(1, 31)))")
k3=$(python3 -c "
s = open('$s9x', 'rb').read(); i = s.index(b'<CHILDID>K3<'); c = s.rindex(b'<CHILD>', 0, i)
print(c + 3, i + 10, s.index(b'<DECOM>', i) + 9)")
cuts "an SSDA903 XML cut short is refused whole" cut903.xml ssda903 "$even $k3" "$s9x" "$TMPDIR/cut903.xml" \
	"$TMPDIR/cut903.xml" --year 2025
sed '0,/<\/EPISODE>/s//<\/EPISOD>/' "$s9x" >"$TMPDIR/broken903.xml"
refused_whole broken903.xml ssda903 "$TMPDIR/broken903.xml" --year 2025 && grep -q 'broken903.xml:[0-9][0-9]*: not well-formed XML' "$TMPDIR/imp.err" &&
	ok "an SSDA903 XML with a mismatched tag is refused whole, naming the line" || not_ok "a mismatched SSDA903 tag: ${why:-$(head -c 300 "$TMPDIR/imp.err")}"

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
	"$TMPDIR/s9cut/Episodes.csv" "$TMPDIR/s9cut" --year 2025
cuts "an SSDA903 table cut inside a row is refused whole with --partial" Episodes.csv ssda903 "$offsets" "$ep" \
	"$TMPDIR/s9cut/Episodes.csv" "$TMPDIR/s9cut" --year 2025 --partial
cp "$ep" "$TMPDIR/s9cut/Episodes.csv"
sed '3s/,S,/,"S,/' "$ep" >"$TMPDIR/s9cut/Episodes.csv"
refused_whole Episodes.csv ssda903 "$TMPDIR/s9cut" --year 2025 --partial &&
	ok "a quoted value never closed is refused whole" || not_ok "an unclosed quote: $why"
grep -qF "Episodes.csv:" "$TMPDIR/imp.err" && grep -qF "a quoted value is never closed" "$TMPDIR/imp.err" &&
	ok "the message says what broke" || not_ok "the unclosed quote message: $(head -c 300 "$TMPDIR/imp.err")"
cp "$ep" "$TMPDIR/s9cut/Episodes.csv"
printf 'K9,01/01/2024,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,\0\n' >>"$TMPDIR/s9cut/Episodes.csv"
refused_whole Episodes.csv ssda903 "$TMPDIR/s9cut" --year 2025 --partial && grep -qF "NUL byte" "$TMPDIR/imp.err" &&
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

# ---- hostile files ----
# hostile NAME WANT KIND FILE: the import of FILE is refused whole, and stderr says WANT.
hostile() {
	local name=$1 want=$2 kind=$3 file=$4
	if ! refused_whole "$(basename "$file")" "$kind" "$file" --partial; then
		not_ok "$name: $why"
	elif ! grep -qF -- "$want" "$TMPDIR/imp.err"; then
		not_ok "$name: wanted '$want', got: $(head -c 300 "$TMPDIR/imp.err")"
	elif grep -q 'root:' "$TMPDIR/imp.out" "$TMPDIR/imp.err"; then
		not_ok "$name: /etc/passwd was read"
	else
		ok "$name"
	fi
}

# Workbooks like the one above with a part replaced, put together by python3 (zipfile
# cannot write a part of 1.9 GB without deflating all of it: here a run of identical
# chunks is deflated once, flushed, and repeated).
cat >"$TMPDIR/hostile.py" <<'PY'
import struct, sys, zipfile, zlib

def deflate(pieces):
    """pieces: (bytes, times). Returns (raw deflate data, crc, size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for data, times in pieces:
        one = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
        if times > 1:
            again = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
            assert again == c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
            out.append(one + again * (times - 1))
        else:
            out.append(one)
        for _ in range(times):
            crc = zlib.crc32(data, crc)
        size += len(data) * times
    out.append(c.flush())
    return b''.join(out), crc, size

def write(dst, parts):
    """parts: (name, raw deflate data, crc, size the directory gives)."""
    with open(dst, 'wb') as f:
        cd = []
        for name, raw, crc, size in parts:
            n = name.encode()
            cd.append(struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
                                  len(n), 0, 0, 0, 0, 0, f.tell()) + n)
            f.write(struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(n), 0) + n)
            f.write(raw)
        at = f.tell()
        d = b''.join(cd)
        f.write(d)
        f.write(struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(parts), len(parts), len(d), at, 0))

src, dst, what = sys.argv[1], sys.argv[2], sys.argv[3]
ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
laughs = b''.join(b'<!ENTITY lol%d "%s">' % (i, (b'&lol%d;' % (i - 1)) * 10) for i in range(1, 10))
sheet = 'xl/worksheets/sheet8.xml'
replace = {}
if what == 'laughs':
    replace[sheet] = [(b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + laughs + b']><worksheet ' + ns +
                       b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
                       b'</worksheet>', 1)]
elif what == 'xxe':
    replace['xl/sharedStrings.xml'] = [(b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                                        b'<sst ' + ns + b'><si><t>&xxe;</t></si></sst>', 1)]
elif what in ('zeros', 'ratio', 'liar'):
    mib = {'zeros': 1900, 'ratio': 100, 'liar': 100}[what]
    fill = bytes(1 << 20) if what == 'zeros' else b' ' * (1 << 20)
    replace[sheet] = [(b'<worksheet ' + ns + b'><sheetData>', 1), (fill, mib), (b'</sheetData></worksheet>', 1)]
parts = []
with zipfile.ZipFile(src) as z:
    names = [i.filename for i in z.infolist()]
    for name in names + [n for n in replace if n not in names]:
        raw, crc, size = deflate(replace.get(name) or [(z.read(name), 1)])
        parts.append((name, raw, crc, 1000 if what == 'liar' and name == sheet else size))
write(dst, parts)
PY
for what in same laughs xxe zeros ratio liar; do
	python3 "$TMPDIR/hostile.py" "$annex" "$TMPDIR/$what.xlsx" "$what" 2>"$TMPDIR/py.err" ||
		not_ok "making the $what workbook: $(head -c 300 "$TMPDIR/py.err")"
done
# The way they are made is sound: the workbook rebuilt with nothing replaced imports.
import_into annex-a "$TMPDIR/same.xlsx"
n=$(sqlite3 "$t" "SELECT count(*) FROM child") || n=failed
[ "$rc" = 0 ] && [ "$n" = 13 ] && ok "the workbook as the test rebuilds it imports" ||
	not_ok "the rebuilt workbook: exit $rc, $n children: $(head -c 300 "$TMPDIR/imp.err")"
hostile "Annex A: entity expansion in a sheet is refused" \
	"xl/worksheets/sheet8.xml:2: the document has a DOCTYPE (worksheet): refused" annex-a "$TMPDIR/laughs.xlsx"
hostile "Annex A: an external entity in the shared strings is refused" \
	"xl/sharedStrings.xml:2: the document has a DOCTYPE (sst): refused" annex-a "$TMPDIR/xxe.xlsx"
hostile "Annex A: a part of 1.9 GB of zeros is refused" \
	"xl/worksheets/sheet8.xml would inflate beyond 256 MiB (to 1900 MiB): refused" annex-a "$TMPDIR/zeros.xlsx"
hostile "Annex A: a part that inflates 1000:1 is refused" \
	"xl/worksheets/sheet8.xml would inflate beyond 200 times its compressed size" annex-a "$TMPDIR/ratio.xlsx"
hostile "Annex A: a part larger than the zip directory says is refused" \
	"xl/worksheets/sheet8.xml does not inflate to the 1000 bytes its zip directory gives" annex-a "$TMPDIR/liar.xlsx"

# The CIN census: the same attacks in the file itself, and nesting 20000 deep.
python3 - "$cin" "$TMPDIR" <<'PY' || not_ok "making the hostile census files"
import sys
cin, out = sys.argv[1], sys.argv[2]
s = open(cin).read()
decl = '<?xml version="1.0" encoding="UTF-8"?>\n'
assert s.startswith(decl)
body = s[len(decl):]
laughs = ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10) for i in range(1, 10))
open(out + '/laughs.xml', 'w').write(decl + '<!DOCTYPE Message [<!ENTITY lol0 "lol">' + laughs + ']>\n' +
                                     body.replace('<LAchildID>K1<', '<LAchildID>&lol9;<', 1))
open(out + '/xxe.xml', 'w').write(decl + '<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
                                  body.replace('<LAchildID>K1<', '<LAchildID>&xxe;<', 1))
open(out + '/dtd.xml', 'w').write(decl + '<!DOCTYPE Message SYSTEM "file:///etc/passwd">\n' + body)
open(out + '/deep.xml', 'w').write(decl + body.replace('<Child>', '<Child>' + '<x>' * 20000 + '</x>' * 20000, 1))
PY
hostile "CIN census: entity expansion is refused" \
	"laughs.xml:2: the document has a DOCTYPE (Message): refused" cin-census "$TMPDIR/laughs.xml"
hostile "CIN census: an external entity (file:///etc/passwd) is refused" \
	"xxe.xml:2: the document has a DOCTYPE (Message): refused" cin-census "$TMPDIR/xxe.xml"
hostile "CIN census: an external DTD is refused" \
	"dtd.xml:2: the document has a DOCTYPE (Message): refused" cin-census "$TMPDIR/dtd.xml"
hostile "CIN census: elements nested 20000 deep are refused" \
	"elements nested more than 64 deep: refused" cin-census "$TMPDIR/deep.xml"

finish
