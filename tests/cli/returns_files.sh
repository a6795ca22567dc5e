# backends: sqlite pg
# hearth validate --files: a return validated as received, with no record. The files are made
# here by hand, each case beside a clean twin, and the findings expected are listed with
# their child, rule, file and line: a value the DfE rejects is reported as written (never
# refused, never blanked), a field failing several checks reports each, what is odd about a
# file (an extra column, a row of the wrong length, a value not of its type, the encoding) is
# a finding under hearth's read rules, and the year is given or read from the file's header,
# never guessed.
. "$ROOT/tests/lib.sh"
H=$HEARTH
d=$TMPDIR/s9
mkdir -p "$d"

# has OUT CHILD RULE FILE:LINE: the CSV output OUT has a finding of RULE for CHILD at FILE:LINE.
has() {
	awk -F, -v c="$2" -v r="$3" -v f="${4%:*}" -v l="${4##*:}" \
		'$1 == c && $4 == r && $2 ~ ("/" f "$") && $3 == l { found = 1 } END { exit !found }' "$1"
}
# hasnt OUT CHILD RULE: no finding of RULE for CHILD.
hasnt() {
	awk -F, -v c="$2" -v r="$3" '$1 == c && $4 == r { found = 1 } END { exit found }' "$1"
}

# ---- SSDA903, 2025 ----
# A1 and B2 are twins (the same care, from 1 June 2024); B2's values are wrong where A1's
# are right. C3's episode begins on 31 February. D4 has two Header rows and no UPN.
cat >"$d/Header.csv" <<'EOF'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,M,01/06/2012,WBRI,L885455310171,,
B2,X,01/06/2012,,L885455310171,,
C3,F,01/06/2012,WBRI,L885455310171,0,
D4,M,01/06/2012,WBRI,,,
D4,M,01/06/2012,WBRI,,,
EOF
# Columns in another order than the DfE's, and one (NOTES) the table does not have.
cat >"$d/Episodes.csv" <<'EOF'
DECOM,CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,NOTES
01/06/2024,A1,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,SC123456,
01/06/2024,B2,S,C2,N1,ZZ,PR1,,,,WR1 1AA,WR2 2BB,SC123456,placement lost
31/02/2024,C3,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,SC123456,
01/06/2024,D4,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB
EOF
$H validate --files "$d" --year 2025 --format csv >"$TMPDIR/v.csv" 2>"$TMPDIR/v.err"
rc=$?
[ "$rc" = 0 ] && [ "$(head -1 "$TMPDIR/v.csv")" = "child,file,line,rule,severity,table,row,detail,message" ] &&
	ok "validate --files reads the SSDA903 tables (exit 0, CSV with file and line)" || not_ok "validate --files: exit $rc: $(head -3 "$TMPDIR/v.err")"
has "$TMPDIR/v.csv" B2 146 Episodes.csv:3 && hasnt "$TMPDIR/v.csv" A1 146 &&
	ok "146: B2's PLACE ZZ at Episodes.csv:3, not its twin" || not_ok "146: $(grep ',146,' "$TMPDIR/v.csv")"
grep -q "^B2,.*,146,.*PLACE 'ZZ' is not a 2025 code" "$TMPDIR/v.csv" && ok "the value is reported as written" || not_ok "146 detail"
has "$TMPDIR/v.csv" B2 101 Header.csv:3 && has "$TMPDIR/v.csv" B2 103 Header.csv:3 && hasnt "$TMPDIR/v.csv" A1 101 &&
	ok "101 and 103: B2's SEX X and blank ETHNIC on its Header line, each reported" || not_ok "101/103: $(grep '^B2,' "$TMPDIR/v.csv")"
has "$TMPDIR/v.csv" C3 141 Episodes.csv:4 && has "$TMPDIR/v.csv" C3 R08 Episodes.csv:4 &&
	grep -q "^C3,.*,R08,.*DECOM: '31/02/2024' is not a date" "$TMPDIR/v.csv" &&
	ok "141 and R08: C3's DECOM 31/02/2024 is not a date, reported as written" || not_ok "141: $(grep '^C3,' "$TMPDIR/v.csv")"
has "$TMPDIR/v.csv" D4 INT32 Header.csv:5 || has "$TMPDIR/v.csv" D4 INT32 Header.csv:6 && ok "INT32: D4's duplicate Header rows are both kept, and the rule fires" ||
	not_ok "INT32: $(grep '^D4,' "$TMPDIR/v.csv")"
has "$TMPDIR/v.csv" D4 442 Header.csv:5 && ok "442: D4's blank UPN" || not_ok "442: $(grep '^D4,' "$TMPDIR/v.csv")"
has "$TMPDIR/v.csv" "" R03 Episodes.csv:1 && grep -q ',R03,query,.*NOTES' "$TMPDIR/v.csv" &&
	ok "R03: the extra column NOTES is a query naming it" || not_ok "R03: $(grep ',R03,' "$TMPDIR/v.csv")"
has "$TMPDIR/v.csv" D4 R05 Episodes.csv:5 && ok "R05: D4's short row is reported on its line, and read" || not_ok "R05: $(grep 'R05' "$TMPDIR/v.csv")"
n=$(grep -c '^[^,]*,[^,]*,[0-9]*,R0[1-9],' "$TMPDIR/v.csv")
[ "$n" = 3 ] && ok "no other read findings" || not_ok "$n read findings: $(grep ',R0[1-9],' "$TMPDIR/v.csv")"

# The same files in text and JSON, with a count per rule.
$H validate --files "$d" --year 2025 >"$TMPDIR/v.txt" && grep -q "^by rule:" "$TMPDIR/v.txt" &&
	grep -qE '^  146 +error +1 ' "$TMPDIR/v.txt" && grep -q "read: 2 files, 4 children, 9 rows; the year 2025 from --year" "$TMPDIR/v.txt" &&
	ok "text: findings per child and a count per rule" || not_ok "text: $(tail -8 "$TMPDIR/v.txt")"
$H validate --files "$d" --year 2025 --format json >"$TMPDIR/v.json" &&
	python3 - "$TMPDIR/v.json" <<'PY' 2>"$TMPDIR/py.err" && ok "json: children, file and line, by rule" || not_ok "json: $(cat "$TMPDIR/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
b2 = [c for c in d["children"] if c["child"] == "B2"][0]["findings"]
f = [x for x in b2 if x["rule"] == "146"][0]
assert f["file"].endswith("Episodes.csv") and f["line"] == 3, f
assert any(r["rule"] == "146" and r["count"] == 1 for r in d["by_rule"]), d["by_rule"]
PY

# Each format, for machines and people: JSON that node parses, CSV rows under the header,
# and a workbook (--out) whose sheets are the findings, the count per rule and the rules not
# run for want of reference data.
node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
if (!d.children.some(c => c.child === "B2" && c.findings.some(f => f.rule === "146"))) process.exit(1);
if (!d.by_rule.some(r => r.rule === "146" && r.count === 1)) process.exit(1);' "$TMPDIR/v.json" &&
	ok "json: node parses it; B2's 146 and its count" || not_ok "json: node cannot read it as expected"
n=$(grep -c '^B2,[^,]*Episodes.csv,3,146,error,Episodes,' "$TMPDIR/v.csv")
[ "$n" = 1 ] && [ "$(wc -l <"$TMPDIR/v.csv")" -gt 5 ] && ok "csv: the header, then one row per finding" || not_ok "csv: $n rows for B2's 146"
rm -f "$TMPDIR/v.xlsx"
$H validate --files "$d" --year 2025 --format xlsx --out "$TMPDIR/v.xlsx" >/dev/null 2>"$TMPDIR/x.err"
rc=$?
[ "$rc" = 0 ] && unzip -p "$TMPDIR/v.xlsx" xl/workbook.xml >"$TMPDIR/wb.xml" && grep -q 'name="Findings"' "$TMPDIR/wb.xml" &&
	grep -q 'name="By rule"' "$TMPDIR/wb.xml" && grep -q 'name="Not run"' "$TMPDIR/wb.xml" && unzip -p "$TMPDIR/v.xlsx" xl/sharedStrings.xml | grep -q "PLACE 'ZZ' is not a 2025 code" &&
	[ "$(stat -c %a "$TMPDIR/v.xlsx")" = 600 ] &&
	ok "xlsx: a workbook (0600) with the sheets Findings, By rule and Not run, B2's 146 in it" || not_ok "xlsx: exit $rc: $(cat "$TMPDIR/x.err")"
refuses "xlsx needs --out" "give it --out FILE.xlsx" $H validate --files "$d" --year 2025 --format xlsx

# The year: given, never guessed.
refuses "an SSDA903 without --year says how to give it" "give it with --year Y" $H validate --files "$d"

# Encodings: Windows-1252 read (a query), UTF-16 refused naming it (a finding, not a crash).
# Bé2 has no episode and no OC3 row: EPI (which reads both tables) names it.
mkdir -p "$TMPDIR/w"
cp "$d/Episodes.csv" "$TMPDIR/w/"
echo 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM' >"$TMPDIR/w/OC3.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nA1,M,01/06/2012,WBRI,L885455310171,,\r\nB\xe92,M,01/06/2012,WBRI,L885455310171,,\r\n' >"$TMPDIR/w/Header.csv"
$H validate --files "$TMPDIR/w" --year 2025 --format csv >"$TMPDIR/w.csv" 2>"$TMPDIR/w.err"
rc=$?
[ "$rc" = 0 ] && grep -q ',R07,query,.*Windows-1252' "$TMPDIR/w.csv" && grep -q '^Bé2,' "$TMPDIR/w.csv" &&
	ok "Windows-1252 (CRLF lines) is read as such, and said" || not_ok "Windows-1252: exit $rc: $(grep -E 'R07|^B' "$TMPDIR/w.csv" | head -3) $(head -2 "$TMPDIR/w.err")"
python3 -c "import sys; open(sys.argv[2],'wb').write(open(sys.argv[1],encoding='utf-8').read().encode('utf-16'))" "$d/Header.csv" "$TMPDIR/w/Header.csv"
$H validate --files "$TMPDIR/w" --year 2025 --format csv >"$TMPDIR/w.csv" 2>"$TMPDIR/w.err"
rc=$?
[ "$rc" = 0 ] && grep -q ',R09,error,.*UTF-16' "$TMPDIR/w.csv" && ok "UTF-16 is named in a finding" || not_ok "UTF-16: exit $rc: $(cat "$TMPDIR/w.csv" "$TMPDIR/w.err" | head -3)"

# ---- what files really look like: read as meant, or left for a rule ----
# A UTF-8 byte order mark; codes in small letters; MOTHER written 1.0; a birth in 1066 (a
# date: rule 351 finds it implausible, not the reader); E5's UPN check letter wrong.
mkdir -p "$TMPDIR/odd"
printf '\xef\xbb\xbfCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nE5,f,01/06/2008,wbri,L885455310171,1.0,01/02/2025\nF6,M,13/04/1066,WBRI,L885455310171,,\n' >"$TMPDIR/odd/Header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nE5,01/06/2024,s,c2,n1,u4,pr1,,,,WR1 1AA,WR2 2BB,SC123456\n' >"$TMPDIR/odd/Episodes.csv"
$H validate --files "$TMPDIR/odd" --year 2025 --format csv >"$TMPDIR/o.csv" 2>"$TMPDIR/o.err"
rc=$?
bad=$(grep -E '^E5,.*,(101|103|143|144|145|146|178|165|R0[1-9]),' "$TMPDIR/o.csv")
[ "$rc" = 0 ] && [ -z "$bad" ] && ok "a byte order mark, codes in small letters and 1.0 for 1 are read as meant" ||
	not_ok "awkward values (exit $rc): $bad $(head -2 "$TMPDIR/o.err")"
has "$TMPDIR/o.csv" F6 351 Header.csv:3 && hasnt "$TMPDIR/o.csv" F6 102 && hasnt "$TMPDIR/o.csv" F6 R08 &&
	ok "13/04/1066 is a date: rule 351 (over 25), not the reader, finds it implausible" || not_ok "1066: $(grep '^F6,' "$TMPDIR/o.csv")"
# The import takes them too: E5 comes in with the record's codes; F6's date is one the record
# cannot hold (before 1900), so F6 is held back, named.
db=$(new_db odd)
$H init "$db" >/dev/null
$H import "$db" ssda903 "$TMPDIR/odd" --year 2025 >"$TMPDIR/oi.out" 2>"$TMPDIR/oi.err"
rc=$?
n=$(q "$db" "SELECT count(*) FROM child c JOIN cla_episode e ON e.child_id = c.id WHERE c.la_child_id = 'E5' AND c.sex = 'F' AND c.ethnicity = 'WBRI' AND c.mother = 1 AND e.place = 'U4' AND e.ls = 'C2' AND e.rne = 'S'")
[ "$rc" = 1 ] && [ "$n" = 1 ] && grep -q "held back: child F6: $TMPDIR/odd/Header.csv:3: DOB: " "$TMPDIR/oi.err" &&
	ok "import: E5 in with the record's codes, F6 held back naming its DOB" || not_ok "import (exit $rc, E5 $n): $(grep -v '^note' "$TMPDIR/oi.err" | head -3)"

# ---- SSDA903 XML (CLA.xsd), read as its CSV tables are ----
# A1 and B2 again, as one XML file: B2's PL ZZ is 146 on its EPISODE's line, its SEX X is
# 101 on its HEADER's (each element's own line: 16 and 13); <NOTE> is no element of an EPISODE (R03, a query naming it).
cat >"$TMPDIR/s9.xml" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>A1</CHILDID><UPN>L885455310171</UPN><SEX>M</SEX><DOB>01/06/2012</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC>
    </HEADER>
    <EPISODE>
      <DECOM>01/06/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL><PL_POST>WR2 2BB</PL_POST>
      <HOME_POST>WR1 1AA</HOME_POST><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC></DEC><REC></REC>
    </EPISODE>
  </CHILD>
  <CHILD>
    <HEADER>
      <CHILDID>B2</CHILDID><UPN>L885455310171</UPN><SEX>X</SEX><DOB>01/06/2012</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC>
    </HEADER>
    <EPISODE>
      <DECOM>01/06/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>ZZ</PL><PL_POST>WR2 2BB</PL_POST>
      <HOME_POST>WR1 1AA</HOME_POST><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC></DEC><REC></REC><NOTE>lost</NOTE>
    </EPISODE>
  </CHILD>
</EXPSSDA903>
EOF2
$H validate --files "$TMPDIR/s9.xml" --year 2025 --format csv >"$TMPDIR/x.csv" 2>"$TMPDIR/x.err"
rc=$?
[ "$rc" = 0 ] && has "$TMPDIR/x.csv" B2 146 s9.xml:16 && has "$TMPDIR/x.csv" B2 101 s9.xml:13 && hasnt "$TMPDIR/x.csv" A1 146 &&
	hasnt "$TMPDIR/x.csv" A1 101 && ok "SSDA903 XML: B2's PL ZZ (146) and SEX X (101) on their lines, not A1's" ||
	not_ok "SSDA903 XML (exit $rc): $(grep -E ',(146|101),' "$TMPDIR/x.csv") $(head -2 "$TMPDIR/x.err")"
grep -q ',R03,query,.*<NOTE> is not an element of Episodes' "$TMPDIR/x.csv" && ok "SSDA903 XML: an unknown element is a query naming it" ||
	not_ok "R03 in XML: $(grep R03 "$TMPDIR/x.csv")"
$H validate --files "$TMPDIR/s9.xml" --year 2025 >"$TMPDIR/x.txt" && grep -q "read: 1 file, 2 children, 4 rows" "$TMPDIR/x.txt" &&
	ok "SSDA903 XML: one file, 2 children, 4 rows" || not_ok "XML read line: $(tail -1 "$TMPDIR/x.txt")"
refuses "an SSDA903 XML without --year says how to give it" "give it with --year Y" $H validate --files "$TMPDIR/s9.xml"
# The same file with no white space between its elements (each CHILD written right after the
# last, as some exporters write them) and an element at the top that is not a CHILD: the file
# is read a CHILD at a time, and neither CHILD may be stepped over (the reader stands on the
# node after each CHILD it has read). Still 2 children, 4 rows, B2's 146 (on line 1: the whole file is one line); <EXTRA> a query (R03).
python3 -c "
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'>\s+<', '><', s).replace('<EXPSSDA903>', '<EXPSSDA903><EXTRA>x</EXTRA>', 1)
open(sys.argv[2], 'w').write(s)" "$TMPDIR/s9.xml" "$TMPDIR/s9tight.xml" &&
	$H validate --files "$TMPDIR/s9tight.xml" --year 2025 >"$TMPDIR/xt.txt" &&
	$H validate --files "$TMPDIR/s9tight.xml" --year 2025 --format csv >"$TMPDIR/xt.csv" &&
	grep -q "read: 1 file, 2 children, 4 rows" "$TMPDIR/xt.txt" && has "$TMPDIR/xt.csv" B2 146 s9tight.xml:1 &&
	grep -q ',R03,query,.*<EXTRA> is not a CHILD' "$TMPDIR/xt.csv" &&
	ok "SSDA903 XML with no white space: every CHILD read, an element that is not a CHILD a query" ||
	not_ok "SSDA903 XML, no white space: $(tail -1 "$TMPDIR/xt.txt") $(grep -E ',(146|R03),' "$TMPDIR/xt.csv")"

# ---- a table not supplied: the rules reading it do not run, and say so ----
# A1 and B2 are looked after on 31 March 2025 (episodes from 1 June 2024, open) and have no
# social worker episode. As CSV tables with an SWEpisodes.csv that has no rows for them,
# SW01STG1 fires for each: 2. The XML form has no SWEpisodes at all: SW01STG1 fired for each
# child there too before the rules named their tables (2); now 0, listed as "not run: needs
# the table SWEpisodes", and so again for the CSV tables without SWEpisodes.csv. Both start
# with RNE S and have no PrevPerm row: 630 fires for each (2) with an empty PrevPerm.csv, and
# without the file is not run (0). The rules on the tables given still run (146 for B2).
# sw_count OUT RULE: how many findings of RULE the CSV output has (not run lines are not findings).
sw_count() { awk -F, -v r="$2" '$4 == r && $5 != "not run" { n++ } END { print n + 0 }' "$1"; }
notrun() { grep -q "^,,0,$2,not run,.*not run: needs the table $3" "$1"; }
t=$TMPDIR/tables
mkdir -p "$t"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/06/2012,WBRI,L885455310171,,\nB2,X,01/06/2012,WBRI,L885455310171,,\n' >"$t/Header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' >"$t/Episodes.csv"
for c in A1 B2; do
	pl=U4; [ $c = B2 ] && pl=ZZ
	echo "$c,01/06/2024,S,C2,N1,$pl,PR1,,,,WR1 1AA,WR2 2BB," >>"$t/Episodes.csv"
done
echo 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON' >"$t/SWEpisodes.csv"
echo 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM' >"$t/PrevPerm.csv"
$H validate --files "$t" --year 2025 --format csv >"$TMPDIR/t1.csv" 2>"$TMPDIR/t1.err"
[ "$(sw_count "$TMPDIR/t1.csv" SW01STG1)" = 2 ] && [ "$(sw_count "$TMPDIR/t1.csv" 630)" = 2 ] && ! grep -q ',not run,SWEpisodes' "$TMPDIR/t1.csv" &&
	ok "tables supplied: SW01STG1 and 630 fire for A1 and B2 (2 each)" ||
	not_ok "tables supplied: SW01STG1 $(sw_count "$TMPDIR/t1.csv" SW01STG1), 630 $(sw_count "$TMPDIR/t1.csv" 630) $(head -2 "$TMPDIR/t1.err")"
[ "$(sw_count "$TMPDIR/x.csv" SW01STG1)" = 0 ] && notrun "$TMPDIR/x.csv" SW01STG1 SWEpisodes && notrun "$TMPDIR/x.csv" SW12STG2 SWEpisodes &&
	! notrun "$TMPDIR/x.csv" 630 PrevPerm && has "$TMPDIR/x.csv" B2 146 s9.xml:16 &&
	ok "SSDA903 XML: SW01STG1 not run (0 findings, 2 before), listed as needing the table SWEpisodes" ||
	not_ok "XML and SWEpisodes: SW01STG1 $(sw_count "$TMPDIR/x.csv" SW01STG1): $(grep 'SW01STG1' "$TMPDIR/x.csv" | head -2)"
grep -q "SW01STG1   not run: needs the table SWEpisodes" "$TMPDIR/x.txt" && ok "SSDA903 XML, text: SW01STG1 not run: needs the table SWEpisodes" ||
	not_ok "text not run: $(grep -A3 '^not run' "$TMPDIR/x.txt")"
rm "$t/SWEpisodes.csv" "$t/PrevPerm.csv"
$H validate --files "$t" --year 2025 --format csv >"$TMPDIR/t2.csv" 2>"$TMPDIR/t2.err"
$H validate --files "$t" --year 2025 --format json >"$TMPDIR/t2.json" 2>>"$TMPDIR/t2.err"
[ "$(sw_count "$TMPDIR/t2.csv" SW01STG1)" = 0 ] && [ "$(sw_count "$TMPDIR/t2.csv" 630)" = 0 ] && notrun "$TMPDIR/t2.csv" SW01STG1 SWEpisodes &&
	notrun "$TMPDIR/t2.csv" 630 PrevPerm && has "$TMPDIR/t2.csv" B2 146 Episodes.csv:3 &&
	jq -e '.not_run | map(select(.rule == "630" and .needs == "the table PrevPerm")) | length == 1' "$TMPDIR/t2.json" >/dev/null &&
	ok "CSV without SWEpisodes.csv and PrevPerm.csv: SW01STG1 and 630 not run (0 findings), 146 still found" ||
	not_ok "tables absent: SW01STG1 $(sw_count "$TMPDIR/t2.csv" SW01STG1), 630 $(sw_count "$TMPDIR/t2.csv" 630) $(head -2 "$TMPDIR/t2.err")"

# ---- reference data: last year's return, Ofsted's providers, the ONS postcode directory ----
# Hand-made, each a few rows in the published files' own column names. A1's placement at
# SC100001 (a children's home at WR3 3CC) is a U4 at PL_POST WR2 2BB: 219 and 221. B2's
# HOME_POST WR9 9ZZ has a postcode's shape but is in no directory: 392c. Last year A1 was
# F, with an episode open since 1 May 2023 that this year's first (1 June 2024) is not: 202, 502.
r=$TMPDIR/ref
mkdir -p "$r/files" "$r/last"
cat >"$r/files/Header.csv" <<'EOF2'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,M,01/06/2012,WBRI,L885455310171,,
B2,M,01/06/2012,WBRI,L885455310171,,
EOF2
cat >"$r/files/Episodes.csv" <<'EOF2'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,01/06/2024,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,SC100001
B2,01/06/2024,S,C2,N1,U4,PR1,,,,WR9 9ZZ,WR2 2BB,
EOF2
cat >"$r/last/Header.csv" <<'EOF2'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,2,01/06/2012,WBRI,L885455310171,,
EOF2
cat >"$r/last/Episodes.csv" <<'EOF2'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,
EOF2
printf 'URN,Provider type,Postcode,Registration date,Closed date,Sector\nSC100001,Children'"'"'s home,WR3 3CC,01/01/2020,,Private\n' >"$r/providers.csv"
printf 'pcds,oslaua,lat,long\nWR1 1AA,E07000237,52.19,-2.22\nWR2 2BB,E07000237,52.20,-2.25\n' >"$r/postcodes.csv"
# None given: the rules that need them are listed as not run, each with what it needs.
$H validate --files "$r/files" --year 2025 --format csv >"$TMPDIR/r0.csv" 2>"$TMPDIR/r0.err"
rc=$?
[ "$rc" = 0 ] && grep -q '^,,0,392c,not run,Episodes,0,not run: needs the ONS postcode directory' "$TMPDIR/r0.csv" &&
	grep -q '^,,0,219,not run,.*needs Ofsted' "$TMPDIR/r0.csv" && grep -q "^,,0,502,not run,.*needs last year's return" "$TMPDIR/r0.csv" &&
	! grep -qE '^[AB][12],.*,(392c|219|221|202|502),' "$TMPDIR/r0.csv" &&
	ok "without reference data: 392c, 219, 502 are 'not run: needs X', never a silent pass" || not_ok "not run (exit $rc): $(grep -E '392c|219|502' "$TMPDIR/r0.csv" | head -5) $(head -2 "$TMPDIR/r0.err")"
grep -q '^,,0,229,not run,.*and the LA code (--la-code CODES' "$TMPDIR/r0.csv" && grep -q '^,,0,503J,not run,.*and the LA code' "$TMPDIR/r0.csv" &&
	ok "without --la-code: 229 and 503J are 'not run: needs ... the LA code'" || not_ok "229/503J not run: $(grep -E ',(229|503J),' "$TMPDIR/r0.csv")"
$H validate --files "$r/files" --year 2025 >"$TMPDIR/r0.txt" && grep -qE '^  392c +not run: needs the ONS postcode directory' "$TMPDIR/r0.txt" &&
	ok "text: the rules not run, and why" || not_ok "text not run: $(grep -A3 '^not run' "$TMPDIR/r0.txt")"
$H validate --files "$r/files" --year 2025 --format json >"$TMPDIR/r0.json" &&
	node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
if (!d.not_run.some(r => r.rule === "221" && /providers/.test(r.needs))) process.exit(1);' "$TMPDIR/r0.json" &&
	ok "json: not_run names 221 and what it needs" || not_ok "json not_run"
# Only the postcodes: 392c runs (B2's WR9 9ZZ, not A1's), the others still say what they need.
$H validate --files "$r/files" --year 2025 --postcodes "$r/postcodes.csv" --format csv >"$TMPDIR/r1.csv" 2>"$TMPDIR/r1.err"
has "$TMPDIR/r1.csv" B2 392c Episodes.csv:3 && hasnt "$TMPDIR/r1.csv" A1 392c && ! grep -q ',392c,not run' "$TMPDIR/r1.csv" &&
	grep -q ',219,not run' "$TMPDIR/r1.csv" && ok "--postcodes: 392c runs (B2's WR9 9ZZ), 219 still not run" ||
	not_ok "--postcodes: $(grep -E '392c|219' "$TMPDIR/r1.csv") $(cat "$TMPDIR/r1.err")"
# All three and the LA's codes: every rule runs.
$H validate --files "$r/files" --year 2025 --postcodes "$r/postcodes.csv" --providers "$r/providers.csv" \
	--last-year "$r/last" --la-code E10000034,E07000237 --format csv >"$TMPDIR/r2.csv" 2>"$TMPDIR/r2.err"
rc=$?
[ "$rc" = 0 ] && ! grep ',not run,' "$TMPDIR/r2.csv" | grep -qv 'needs the table ' && has "$TMPDIR/r2.csv" A1 219 Episodes.csv:2 &&
	has "$TMPDIR/r2.csv" A1 221 Episodes.csv:2 && has "$TMPDIR/r2.csv" A1 202 Header.csv:2 && has "$TMPDIR/r2.csv" A1 224 Episodes.csv:2 &&
	has "$TMPDIR/r2.csv" A1 502 Episodes.csv:2 && hasnt "$TMPDIR/r2.csv" B2 202 && hasnt "$TMPDIR/r2.csv" B2 221 &&
	ok "all four given: 219, 221, 224 (SC100001, Private, not PR1), 202 and 502 (last year) fire on A1, not B2; nothing not run for want of them" ||
	not_ok "refdata (exit $rc): $(grep -E ',(219|221|202|502|not run),' "$TMPDIR/r2.csv" | head -5) $(head -2 "$TMPDIR/r2.err")"
$H validate --rules --return ssda903 --format json >"$TMPDIR/rules.json" &&
	node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const need = id => JSON.stringify(d.find(r => r.rule === id).needs_reference);
if (need("221") !== "[\"providers\"]" || need("502") !== "[\"last_year\"]" || need("101") !== "[]" ||
    need("229") !== "[\"providers\",\"postcodes\",\"la_code\"]" || need("503J") !== "[\"last_year\",\"postcodes\",\"la_code\"]") process.exit(1);' "$TMPDIR/rules.json" &&
	ok "--rules says which reference data each rule needs" || not_ok "--rules needs_reference"
jq -e '[.[] | select(.rule == "SW01STG1" or .rule == "630" or .rule == "101") | .reads_tables] == [["Header"], ["Episodes", "PrevPerm"], ["Episodes", "SWEpisodes"]]' \
	"$TMPDIR/rules.json" >/dev/null && ok "--rules says which tables each rule reads (reads_tables)" ||
	not_ok "--rules reads_tables: $(jq -c '.[] | select(.rule == "SW01STG1") | .reads_tables' "$TMPDIR/rules.json")"
printf 'URN,Postcode\nSC1,WR1 1AA\n' >"$TMPDIR/badprov.csv"
refuses "a providers file without its columns says which it needs" "needs the columns URN, Provider type and Postcode" \
	$H validate --files "$r/files" --year 2025 --providers "$TMPDIR/badprov.csv"

# The rules comparing with last year's return by files, each child beside its near miss:
#   N1 began care 1 May 2023 and is not in last year's return: NoE; N2 is, with that episode
#     open at 31 March 2024: no NoE (nor 562, 502).
#   G1's episode open since 1 May 2023 was placed at WR5 5EE last year (PL_DISTANCE from WR1
#     1AA 2.1 miles), at WR2 2BB now (1.4): 0.7 apart, 503G. G2's was at WR4 4DD (1.3): 0.1
#     apart, rounding: none. 453 (last year's open episode against this year's first with the
#     same RNE, whatever their DECOMs) says the same of G1.
#   L1 has care leaver information and no episode this year, though last year's return ended
#     with one open: 1010. L2's ended 1 January 2024 (E8): none.
# Without --last-year, NoE and 1010 are not run; 503G needs the postcodes too.
y=$TMPDIR/ly
mkdir -p "$y/files" "$y/last"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' | tee "$y/files/Header.csv" >"$y/last/Header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' |
	tee "$y/files/Episodes.csv" >"$y/last/Episodes.csv"
for c in N1 N2 G1 G2; do printf '%s,M,01/06/2012,WBRI,L885455310171,,\n' $c >>"$y/files/Header.csv"; done
for c in L1 L2; do printf '%s,M,01/06/2006,WBRI,L885455310171,,\n' $c >>"$y/files/Header.csv"; done
for c in N2 G1 G2; do printf '%s,M,01/06/2012,WBRI,L885455310171,,\n' $c >>"$y/last/Header.csv"; done
for c in L1 L2; do printf '%s,M,01/06/2006,WBRI,L885455310171,,\n' $c >>"$y/last/Header.csv"; done
for c in N1 N2 G1 G2; do printf '%s,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,\n' $c >>"$y/files/Episodes.csv"; done
cat >>"$y/last/Episodes.csv" <<'EOF2'
N2,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,
G1,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR5 5EE,
G2,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR4 4DD,
L1,01/05/2023,S,C2,N1,U4,PR1,,,,WR1 1AA,WR2 2BB,
L2,01/05/2023,S,C2,N1,U4,PR1,01/01/2024,E8,,WR1 1AA,WR2 2BB,
EOF2
printf 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nL1,01/06/2006,YES,F2,D1\nL2,01/06/2006,YES,F2,D1\n' >"$y/files/OC3.csv"
{ cat "$r/postcodes.csv"; printf 'WR4 4DD,E07000237,52.19,-2.19\nWR5 5EE,E07000237,52.19,-2.17\n'; } >"$y/postcodes.csv"
$H validate --files "$y/files" --year 2025 --format csv >"$TMPDIR/ly0.csv" 2>"$TMPDIR/ly0.err"
grep -q "^,,0,NoE,not run,.*needs last year's return" "$TMPDIR/ly0.csv" && grep -q "^,,0,1010,not run," "$TMPDIR/ly0.csv" &&
	hasnt "$TMPDIR/ly0.csv" N1 NoE && ok "without --last-year: NoE and 1010 are not run" ||
	not_ok "NoE/1010 not run: $(grep -E 'NoE|1010' "$TMPDIR/ly0.csv" | head -3) $(head -2 "$TMPDIR/ly0.err")"
$H validate --files "$y/files" --year 2025 --last-year "$y/last" --postcodes "$y/postcodes.csv" --format csv \
	>"$TMPDIR/ly1.csv" 2>"$TMPDIR/ly1.err"
rc=$?
[ "$rc" = 0 ] && has "$TMPDIR/ly1.csv" N1 NoE Episodes.csv:2 && hasnt "$TMPDIR/ly1.csv" N2 NoE && hasnt "$TMPDIR/ly1.csv" N2 562 &&
	has "$TMPDIR/ly1.csv" G1 503G Episodes.csv:4 && has "$TMPDIR/ly1.csv" G1 453 Episodes.csv:4 &&
	hasnt "$TMPDIR/ly1.csv" G2 503G && hasnt "$TMPDIR/ly1.csv" G2 453 &&
	has "$TMPDIR/ly1.csv" L1 1010 OC3.csv:2 && hasnt "$TMPDIR/ly1.csv" L2 1010 &&
	[ "$(awk -F, '$4 ~ /^(NoE|562|503G|503H|453|1010|1001)$/' "$TMPDIR/ly1.csv" | wc -l)" = 4 ] &&
	ok "--last-year: NoE on N1, 503G and 453 on G1, 1010 on L1; none on their near misses (4 findings of these rules)" ||
	not_ok "last-year rules (exit $rc): $(awk -F, '$4 ~ /^(NoE|562|503G|503H|453|1010|1001)$/' "$TMPDIR/ly1.csv") $(head -2 "$TMPDIR/ly1.err")"

# The same in the record: imported once (hearth refdata DB import), used by validate DB; last
# year's return is the record's own history. Before the import, 392c and 219 are not run.
rdb=$(new_db ref)
$H init "$rdb" >/dev/null && $H import "$rdb" ssda903 "$r/files" --year 2025 >/dev/null 2>&1
$H validate "$rdb" --return ssda903 --year 2025 --format csv >"$TMPDIR/rd0.csv" 2>"$TMPDIR/rd0.err"
rc=$?
[ "$rc" = 0 ] && grep -q '^,0,392c,not run,.*needs the ONS postcode directory' "$TMPDIR/rd0.csv" &&
	grep -q '^,0,219,not run,' "$TMPDIR/rd0.csv" && ! grep -q ',202,not run' "$TMPDIR/rd0.csv" &&
	ok "validate DB without reference data: 392c and 219 not run; 202 runs on the record's own last year" ||
	not_ok "validate DB (exit $rc): $(grep -E '392c|219|202' "$TMPDIR/rd0.csv" | head -3) $(head -2 "$TMPDIR/rd0.err")"
run_ok "$TMPDIR/ri.out" $H refdata "$rdb" import providers "$r/providers.csv" &&
	run_ok "$TMPDIR/ri2.out" $H refdata "$rdb" import postcodes "$r/postcodes.csv" &&
	grep -q "refdata: 2 postcodes from" "$TMPDIR/ri2.out" && ok "refdata import: providers and postcodes" || not_ok "refdata import"
run_ok "$TMPDIR/ri3.out" $H refdata "$rdb" import postcodes "$r/postcodes.csv" && run_ok "$TMPDIR/rs.out" $H refdata "$rdb" &&
	grep -q "^postcodes: 2 " "$TMPDIR/rs.out" && grep -q "^providers: 1 " "$TMPDIR/rs.out" &&
	ok "importing again replaces, not doubles" || not_ok "refdata show: $(cat "$TMPDIR/rs.out")"
check "the LA's ONS codes are a setting" $H settings "$rdb" set la_ons_codes E10000034,E07000237
$H validate "$rdb" --return ssda903 --year 2025 --format csv >"$TMPDIR/rd1.csv" 2>"$TMPDIR/rd1.err"
rc=$?
# The record keeps a provider's URN, type, postcode, dates and Sector (019_provider_sector):
# every rule runs, 224 too (SC100001 is Private, A1's PLACE_PROVIDER PR1).
[ "$rc" = 0 ] && ! grep -q ',not run,' "$TMPDIR/rd1.csv" && grep -q '^A1,[0-9]*,224,' "$TMPDIR/rd1.csv" &&
	grep -q '^B2,[0-9]*,392c,' "$TMPDIR/rd1.csv" &&
	! grep -q '^A1,[0-9]*,392c,' "$TMPDIR/rd1.csv" && grep -q '^A1,[0-9]*,219,' "$TMPDIR/rd1.csv" && grep -q '^A1,[0-9]*,221,' "$TMPDIR/rd1.csv" &&
	ok "validate DB with the record's reference data: 392c on B2, 219, 221 and 224 on A1, nothing not run" ||
	not_ok "validate DB refdata (exit $rc): $(grep -E ',(392c|219|221|224|not run),' "$TMPDIR/rd1.csv" | head -4) $(head -2 "$TMPDIR/rd1.err")"
check "the record checks clean with its reference data" $H check "$rdb"

# Rule 224 from the record's register: the Sector imported with each provider against
# PLACE_PROVIDER (Local Authority PR1/PR2, Health Authority PR3, Private PR4, Voluntary PR5).
# Worked by hand, each child one episode from 1 June 2024:
#   P1 at SC200001 (Local Authority) as PR4: a Local Authority's is PR1 or PR2, not PR4: 224.
#   P2 at SC200001 (Local Authority) as PR2: another LA's provision, agrees: none.
#   P3 at SC200002 (Private) as PR4: agrees: none.
#   P4 at SC200003 (Voluntary) as PR4: Voluntary is PR5: 224.
#   P5 at SC200004 (Sector left blank) as PR1: nothing to compare: none.
# So 224 fires twice, on P1 and P4. A register with no Sector column still imports, and 224
# is then "not run: needs the Sector" (no finding of it), as before 019.
sx=$TMPDIR/sector
mkdir -p "$sx/files"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' >"$sx/files/Header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' >"$sx/files/Episodes.csv"
for c in P1:SC200001:PR4 P2:SC200001:PR2 P3:SC200002:PR4 P4:SC200003:PR4 P5:SC200004:PR1; do
	IFS=: read -r ch urn pr <<<"$c"
	printf '%s,M,01/06/2012,WBRI,L885455310171,,\n' "$ch" >>"$sx/files/Header.csv"
	printf '%s,01/06/2024,S,C2,N1,U4,%s,,,,WR1 1AA,WR3 3CC,%s\n' "$ch" "$pr" "$urn" >>"$sx/files/Episodes.csv"
done
cat >"$sx/providers.csv" <<'EOF2'
URN,Provider type,Postcode,Registration date,Sector
SC200001,Children's home,WR3 3CC,01/01/2020,Local Authority
SC200002,Children's home,WR3 3CC,01/01/2020,Private
SC200003,Children's home,WR3 3CC,01/01/2020,Voluntary
SC200004,Children's home,WR3 3CC,01/01/2020,
EOF2
cut -d, -f1-4 "$sx/providers.csv" >"$sx/nosector.csv"
sdb=$(new_db sector)
$H init "$sdb" >/dev/null && $H import "$sdb" ssda903 "$sx/files" --year 2025 >/dev/null 2>&1
run_ok "$TMPDIR/si.out" $H refdata "$sdb" import providers "$sx/providers.csv" && run_ok "$TMPDIR/ss.out" $H refdata "$sdb" &&
	grep -q "refdata: 4 providers from" "$TMPDIR/si.out" && ! grep -q "no Sector column" "$TMPDIR/si.out" &&
	grep -q "^providers: 4 (Ofsted's register, with each provider's Sector)" "$TMPDIR/ss.out" &&
	ok "refdata import providers: the register with its Sector column" || not_ok "refdata import with Sector: $(cat "$TMPDIR/si.out" "$TMPDIR/ss.out")"
$H validate "$sdb" --return ssda903 --year 2025 --format csv >"$TMPDIR/sv1.csv" 2>"$TMPDIR/sv1.err"
rc=$?
[ "$rc" = 0 ] && [ "$(grep -c '^P[0-9],[0-9]*,224,' "$TMPDIR/sv1.csv")" = 2 ] && grep -q '^P1,[0-9]*,224,.*Local Authority provision, not PLACE_PROVIDER PR4' "$TMPDIR/sv1.csv" &&
	grep -q '^P4,[0-9]*,224,.*Voluntary provision, not PLACE_PROVIDER PR4' "$TMPDIR/sv1.csv" && ! grep -q ',224,not run' "$TMPDIR/sv1.csv" &&
	ok "224 from the record's register: P1 (Local Authority, PR4) and P4 (Voluntary, PR4), not P2, P3, P5" ||
	not_ok "224 from the record (exit $rc): $(grep ',224,' "$TMPDIR/sv1.csv" | head -5) $(head -2 "$TMPDIR/sv1.err")"
check "the record checks clean with the providers' Sector" $H check "$sdb"
run_ok "$TMPDIR/si2.out" $H refdata "$sdb" import providers "$sx/nosector.csv" && run_ok "$TMPDIR/ss2.out" $H refdata "$sdb" &&
	grep -q "refdata: 4 providers from" "$TMPDIR/si2.out" && grep -q "no Sector column: rule 224 will not run" "$TMPDIR/si2.out" &&
	grep -q "^providers: 4 (Ofsted's register)$" "$TMPDIR/ss2.out" &&
	ok "refdata import providers: a register without Sector still imports, and says 224 will not run" ||
	not_ok "refdata import without Sector: $(cat "$TMPDIR/si2.out" "$TMPDIR/ss2.out")"
$H validate "$sdb" --return ssda903 --year 2025 --format csv >"$TMPDIR/sv2.csv" 2>"$TMPDIR/sv2.err"
rc=$?
[ "$rc" = 0 ] && grep -q '^,0,224,not run,.*needs the Sector of each provider' "$TMPDIR/sv2.csv" && ! grep -q '^P[0-9],[0-9]*,224,' "$TMPDIR/sv2.csv" &&
	[ "$(grep ',not run,' "$TMPDIR/sv2.csv" | grep -vc 'needs the ONS postcode directory')" = 1 ] &&
	ok "without the Sector in the record: 224 is not run (alone but for the postcode rules), and says what it needs (no finding of it)" ||
	not_ok "224 not run (exit $rc): $(grep -E ',(224|not run),' "$TMPDIR/sv2.csv" | head -4) $(head -2 "$TMPDIR/sv2.err")"

# Rules 229 and 503J: the LA's own area, by its ONS codes (--la-code on files, the setting
# la_ons_codes in the record), against the district the ONS directory gives a postcode.
# The LA here is Worcestershire: the county E10000034 and two of its districts, Worcester
# E07000237 (WR1 1AA, WR2 2BB, WR3 3CC) and Wychavon E07000238 (WR9 9AA); B1 1AA is in
# Birmingham, E08000025, outside. SC300001 is a home at WR3 3CC (in the area), SC300002 one
# at B1 1AA (outside). Each child has one episode, open since 1 May 2023, and was in last
# year's return with it open (the same DECOM: the same episode carried on). Worked by hand:
#   J1: PR1 (own provision) at SC300002, outside the area: 229. Last year's PL_POST B1 1AA
#       (OUT), this year's WR2 2BB (IN): PL_LOCATION changed: 503J (and 503H, PL_LA).
#   J2: PR2 (another LA's) at SC300002, outside: agrees, no 229. Last year WR9 9AA
#       (Wychavon, IN), this year WR2 2BB (Worcester, IN): 503H (the district changed), no 503J.
#   J3: PR2 at SC300001, inside the LA's area: 229. The same PL_POST both years: no 503J.
#   J4: PR1 at SC300001, inside: agrees. The same PL_POST: no 503J.
# So 229 on J1 and J3, 503J on J1 alone: 3 findings of the two rules.
la=$TMPDIR/la
mkdir -p "$la/files" "$la/last"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' | tee "$la/files/Header.csv" >"$la/last/Header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' |
	tee "$la/files/Episodes.csv" >"$la/last/Episodes.csv"
for c in J1:PR1:SC300002:B1_1AA J2:PR2:SC300002:WR9_9AA J3:PR2:SC300001:WR2_2BB J4:PR1:SC300001:WR2_2BB; do
	IFS=: read -r ch pr urn last <<<"$c"
	printf '%s,M,01/06/2012,WBRI,L885455310171,,\n' "$ch" | tee -a "$la/files/Header.csv" >>"$la/last/Header.csv"
	printf '%s,01/05/2023,S,C2,N1,U4,%s,,,,WR1 1AA,WR2 2BB,%s\n' "$ch" "$pr" "$urn" >>"$la/files/Episodes.csv"
	printf '%s,01/05/2023,S,C2,N1,U4,%s,,,,WR1 1AA,%s,%s\n' "$ch" "$pr" "${last/_/ }" "$urn" >>"$la/last/Episodes.csv"
done
cat >"$la/providers.csv" <<'EOF2'
URN,Provider type,Postcode,Registration date
SC300001,Children's home,WR3 3CC,01/01/2020
SC300002,Children's home,B1 1AA,01/01/2020
EOF2
{ cat "$r/postcodes.csv"; printf 'WR3 3CC,E07000237,52.21,-2.21\nWR9 9AA,E07000238,52.27,-2.15\nB1 1AA,E08000025,52.48,-1.90\n'; } >"$la/postcodes.csv"
lafiles() { $H validate --files "$la/files" --year 2025 --last-year "$la/last" --providers "$la/providers.csv" --postcodes "$la/postcodes.csv" --format csv "$@"; }
la_rules() { awk -F, '$4 ~ /^(229|503J)$/ && $5 != "not run"' "$1"; }
lafiles --la-code E10000034,E07000237,E07000238 >"$TMPDIR/la1.csv" 2>"$TMPDIR/la1.err"
rc=$?
[ "$rc" = 0 ] && has "$TMPDIR/la1.csv" J1 229 Episodes.csv:2 && has "$TMPDIR/la1.csv" J3 229 Episodes.csv:4 &&
	has "$TMPDIR/la1.csv" J1 503J Episodes.csv:2 && has "$TMPDIR/la1.csv" J2 503H Episodes.csv:3 && hasnt "$TMPDIR/la1.csv" J2 503J &&
	grep -q '^J1,.*,229,.*PLACE_PROVIDER PR1 (own provision), but URN SC300002 is at B1 1AA, in E08000025: outside' "$TMPDIR/la1.csv" &&
	grep -q '^J1,.*,503J,.*PL_LOCATION IN this year, OUT at the end of last year' "$TMPDIR/la1.csv" &&
	[ "$(la_rules "$TMPDIR/la1.csv" | wc -l)" = 3 ] &&
	ok "--la-code: 229 on J1 (PR1 outside) and J3 (PR2 inside), 503J on J1 (OUT to IN), not J2 (Wychavon to Worcester, 503H only): 3 findings" ||
	not_ok "229/503J by files (exit $rc): $(la_rules "$TMPDIR/la1.csv") $(head -2 "$TMPDIR/la1.err")"
# The same without the LA's codes (none given, or "none"): both not run, no finding of them.
lafiles >"$TMPDIR/la0.csv" 2>"$TMPDIR/la0.err"
lafiles --la-code none >"$TMPDIR/la0n.csv" 2>>"$TMPDIR/la0.err"
grep -q '^,,0,229,not run,Episodes,0,"not run: needs the LA code (--la-code CODES' "$TMPDIR/la0.csv" &&
	grep -q '^,,0,503J,not run,Episodes,0,"not run: needs the LA code' "$TMPDIR/la0.csv" && [ -z "$(la_rules "$TMPDIR/la0.csv")" ] &&
	grep -q '^,,0,229,not run,.*needs the LA code' "$TMPDIR/la0n.csv" && [ -z "$(la_rules "$TMPDIR/la0n.csv")" ] &&
	ok "without --la-code (or with none): 229 and 503J 'not run: needs the LA code', no finding" ||
	not_ok "229/503J not run: $(grep -E ',(229|503J),' "$TMPDIR/la0.csv" "$TMPDIR/la0n.csv") $(head -2 "$TMPDIR/la0.err")"
# Only the county's own code: WR2 2BB (E07000237) is then outside too. J1 PR1 outside: 229;
# J4 PR1 outside: 229; J3 PR2 outside: agrees. J1's PL_LOCATION OUT both years: no 503J.
lafiles --la-code E10000034 >"$TMPDIR/la2.csv" 2>"$TMPDIR/la2.err"
has "$TMPDIR/la2.csv" J1 229 Episodes.csv:2 && has "$TMPDIR/la2.csv" J4 229 Episodes.csv:5 && [ "$(la_rules "$TMPDIR/la2.csv" | wc -l)" = 2 ] &&
	ok "--la-code with the county's code alone: its districts are outside (229 on J1 and J4, no 503J)" ||
	not_ok "county code alone: $(la_rules "$TMPDIR/la2.csv") $(head -2 "$TMPDIR/la2.err")"
refuses "--la-code: a DfE LA number is not an ONS code (the error names the setting and the rules)" \
	"la_ons_codes: '885' is not none or the LA's ONS codes" lafiles --la-code 885
grep -q "rules 229 and 503J" "$TMPDIR/refuse.err" && grep -q 'rule: ons_codes' "$TMPDIR/refuse.err" &&
	ok "the refusal says which rules need the codes" || not_ok "--la-code refusal: $(cat "$TMPDIR/refuse.err")"
# In the record: 229 from the record's register and directory, with the setting. Unset, not run.
ladb=$(new_db la)
$H init "$ladb" >/dev/null && $H import "$ladb" ssda903 "$la/files" --year 2025 >/dev/null 2>&1 &&
	$H refdata "$ladb" import providers "$la/providers.csv" >/dev/null && $H refdata "$ladb" import postcodes "$la/postcodes.csv" >/dev/null ||
	not_ok "the LA test record"
$H validate "$ladb" --return ssda903 --year 2025 --format csv >"$TMPDIR/ld0.csv" 2>"$TMPDIR/ld0.err"
grep -q '^,0,229,not run,Episodes,0,"not run: needs the LA code' "$TMPDIR/ld0.csv" && ! grep -q '^J[0-9],[0-9]*,229,' "$TMPDIR/ld0.csv" &&
	ok "validate DB without the setting la_ons_codes: 229 not run, needing the LA code" ||
	not_ok "validate DB 229 not run: $(grep ',229,' "$TMPDIR/ld0.csv") $(head -2 "$TMPDIR/ld0.err")"
refuses "settings: la_ons_codes must be ONS codes" "rule: ons_codes" $H settings "$ladb" set la_ons_codes E1000003
run_ok "$TMPDIR/lr0.out" $H refdata "$ladb" && grep -q "^the LA's ONS codes: none: rules 229 and 503J will not run" "$TMPDIR/lr0.out" &&
	ok "refdata shows the LA's codes unset" || not_ok "refdata show: $(cat "$TMPDIR/lr0.out")"
check "settings: la_ons_codes set" $H settings "$ladb" set la_ons_codes E10000034,E07000237,E07000238
run_ok "$TMPDIR/lr1.out" $H refdata "$ladb" && grep -q "^the LA's ONS codes: E10000034,E07000237,E07000238 (the setting" "$TMPDIR/lr1.out" &&
	ok "refdata shows the LA's codes set" || not_ok "refdata show: $(cat "$TMPDIR/lr1.out")"
$H validate "$ladb" --return ssda903 --year 2025 --format csv >"$TMPDIR/ld1.csv" 2>"$TMPDIR/ld1.err"
rc=$?
[ "$rc" = 0 ] && [ "$(grep -c '^J[0-9],[0-9]*,229,' "$TMPDIR/ld1.csv")" = 2 ] && grep -q '^J1,[0-9]*,229,' "$TMPDIR/ld1.csv" &&
	grep -q '^J3,[0-9]*,229,' "$TMPDIR/ld1.csv" && ! grep -q ',229,not run' "$TMPDIR/ld1.csv" &&
	ok "validate DB with the setting: 229 on J1 and J3, as by files" ||
	not_ok "validate DB 229 (exit $rc): $(grep ',229,' "$TMPDIR/ld1.csv") $(head -2 "$TMPDIR/ld1.err")"

# ---- CIN census ----
cin() { # cin FILE YEAR CHILDREN_XML
	cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>$2</Year>
<ReferenceDate>$2-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>885</LEA>
<SoftwareCode>T</SoftwareCode></Source></Header>
<Children>
$3
</Children></Message>
EOF
}
child() { # child ID UPN REFERRAL NFA
	printf '<Child><ChildIdentifiers><LAchildID>%s</LAchildID><UPN>%s</UPN><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>\n<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n<CINdetails><CINreferralDate>%s</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>%s</ReferralNFA></CINdetails></Child>\n' "$@"
}
# K1 clean (ReferralNFA written true/false as the schema allows); K2 a UPN that fails two
# checks: characters 2-4 (999) are no LA (1530) and its check letter is J, not M (1510);
# K3 a referral on 31 February.
cin "$TMPDIR/c.xml" 2024 "$(child K1 L885455310171 2023-06-01 false; child K2 M999455310171 2023-06-01 0; child K3 L885455310171 2023-02-31 0)"
$H validate --files "$TMPDIR/c.xml" --format csv >"$TMPDIR/c.csv" 2>"$TMPDIR/c.err"
rc=$?
[ "$rc" = 0 ] && ok "validate --files reads a CIN census, its year from its Header" || not_ok "CIN: exit $rc: $(head -3 "$TMPDIR/c.err")"
l2=$(grep -n '<LAchildID>K2<' "$TMPDIR/c.xml" | cut -d: -f1)
grep -q '^K2,.*,1510,' "$TMPDIR/c.csv" && grep -q '^K2,.*,1530,' "$TMPDIR/c.csv" &&
	ok "1510 and 1530: one UPN failing two checks reports both" || not_ok "UPN: $(grep '^K2,' "$TMPDIR/c.csv")"
hasnt "$TMPDIR/c.csv" K1 8568 && hasnt "$TMPDIR/c.csv" K1 1510 && ok "K1: ReferralNFA 'false' is a valid flag; its UPN is good" || not_ok "K1: $(grep '^K1,' "$TMPDIR/c.csv")"
l3=$(grep -n '2023-02-31' "$TMPDIR/c.xml" | cut -d: -f1)
has "$TMPDIR/c.csv" K3 R08 "c.xml:$l3" && grep -q "^K3,.*,R08,.*'2023-02-31' is not a date" "$TMPDIR/c.csv" &&
	ok "R08: K3's referral date is reported as written, on its line" || not_ok "R08: $(grep '^K3,' "$TMPDIR/c.csv")"
cin "$TMPDIR/c2.xml" "" "$(child K1 L885455310171 2023-06-01 0)"
sed -i 's|<ReferenceDate>-03-31</ReferenceDate>||' "$TMPDIR/c2.xml"
refuses "a census that does not say its year says how to give it" "give it with --year Y" $H validate --files "$TMPDIR/c2.xml"
check "and --year gives it" $H validate --files "$TMPDIR/c2.xml" --year 2025
refuses "one return at a time" "validate one return at a time" $H validate --files "$TMPDIR/c.xml" "$d/Header.csv" --year 2025
finish
