# backends: sqlite pg
# The inspection measures and Annex A from the shell (hearth report): a small record built by
# hand, whose figures are worked out below and kept as golden files (tests/golden/measures-*;
# HEARTH_REGRESS_UPDATE=1 rewrites them), the drill-down, a trend, and Annex A written as a
# workbook and as CSV and read back against Ofsted's schema file ($STANDARDS/annex-a, the
# shared standards folder; the checks that need it are skipped, saying so, when it is absent).
# On SQLite, the demo county (seed 1, as at 2026-03-31) too, with its figures as golden files.
. "$ROOT/tests/lib.sh"
H=$HEARTH
schema=${STANDARDS:-$ROOT/../shared/standards}/annex-a/Annex_A_schema.yml

# ---- the read-back check: a workbook or a CSV directory against the schema ----
# check_annex_a NAME KIND PATH [ALLOWED_BLANK...]: KIND is xlsx or csv. Sheets (or files),
# headers and every value's format are checked against the schema: a category's value must
# be one the schema permits (a code or a name), a date dd/mm/yyyy (in the workbook a date
# cell formatted dd/mm/yyyy), a number a whole number; and a column the schema says may not
# be blank is blank only where the columns named as ALLOWED_BLANK say so (what Hearth does
# not yet hold).
check_annex_a() {
	local name=$1 kind=$2 path=$3
	shift 3
	if [ ! -f "$schema" ]; then
		skip "$name" "no schema file at $schema (the standards folder is absent)"
		return
	fi
	if python3 - "$schema" "$kind" "$path" "$@" >"$TMPDIR/aa.out" 2>&1 <<'PY'; then ok "$name"; else not_ok "$name"; sed 's/^/    /' "$TMPDIR/aa.out" | head -30; fi
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

schema_path, kind, path, allowed_blank = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])
try:
    import yaml
except ImportError:
    yaml = None

def load_schema():
    """{list key: [(column, type, permitted values or None, canbeblank)]} in order."""
    if yaml:
        doc = yaml.safe_load(open(schema_path, encoding="utf-8"))["column_map"]
        out = {}
        for key, cols in doc.items():
            out[key] = []
            for col, spec in cols.items():
                typ = next(t for t in ("category", "date", "numeric", "string") if t in spec)
                values = None
                if typ == "category":
                    values = set()
                    for cat in spec["category"]:
                        code = cat["code"]
                        values.add("Yes" if code is True else "No" if code is False else str(code))
                        names = cat.get("name")
                        for n in names if isinstance(names, list) else [names]:
                            if n is not None:
                                values.add(str(n))
                out[key].append((col, typ, values, spec.get("canbeblank", True) is not False))
        return out
    # No PyYAML: the headers alone, from the indentation (values are then not checked).
    out, key = {}, None
    for line in open(schema_path, encoding="utf-8"):
        m = re.match(r"^    (list_\d+):\s*$", line)
        if m:
            key = m.group(1)
            out[key] = []
            continue
        m = re.match(r'^        "([^"]+)":(\s|$)', line) or re.match(r"^        ([^ #\"][^:]*):(\s|$)", line)
        if key and m:
            out[key].append((m.group(1).strip(), None, None, True))
    return out

schema = load_schema()
if not yaml:
    print("note: python3-yaml is not installed: headers checked, values not", file=sys.stderr)
errors = []
DMY = re.compile(r"^(\d\d)/(\d\d)/(\d{4})$")

def check_value(key, col, typ, values, v, is_date_cell=None):
    if typ is None or v == "":
        return
    if typ == "category" and v not in values:
        errors.append(f"{key} / {col}: '{v}' is not a permitted value")
    elif typ == "date":
        if is_date_cell is False:
            errors.append(f"{key} / {col}: '{v}' is not a date cell formatted dd/mm/yyyy")
        elif not DMY.match(v):
            errors.append(f"{key} / {col}: '{v}' is not dd/mm/yyyy")
    elif typ == "numeric" and not re.match(r"^\d+$", v):
        errors.append(f"{key} / {col}: '{v}' is not a whole number")

def check_rows(key, header, rows):
    want = [c[0] for c in schema[key]]
    if header != want:
        errors.append(f"{key}: header {header} != schema {want}")
        return
    blanks = {}
    for r in rows:
        for (col, typ, values, blank_ok), cell in zip(schema[key], r):
            v, is_date = cell if isinstance(cell, tuple) else (cell, None)
            if v == "" and not blank_ok:
                blanks[col] = blanks.get(col, 0) + 1
            check_value(key, col, typ, values, v, is_date)
    for col, n in blanks.items():
        if col not in allowed_blank:
            errors.append(f"{key} / {col}: {n} blank cells in a column the schema says may not be blank")

if kind == "csv":
    for key in schema:
        with open(os.path.join(path, key + ".csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        check_rows(key, rows[0], rows[1:])
else:
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {int(n.get("numFmtId")): n.get("formatCode") for n in styles.iter("{%s}numFmt" % ns["m"])}
    xfs = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", ns).findall("m:xf", ns)]
    sheets = wb.find("m:sheets", ns).findall("m:sheet", ns)
    names = [s.get("name") for s in sheets]
    want = ["List %d" % i for i in range(1, 12)]
    if names != want or [n.lower().replace(" ", "_") for n in names] != list(schema):
        errors.append(f"sheets {names} != {want} (the schema's {list(schema)})")
    for s, key in zip(sheets, schema):
        file = "xl/" + target[s.get("{%s}id" % ns["r"])].lstrip("/").replace("xl/", "", 1)
        root = ET.fromstring(z.read(file))
        grid = []
        for row in root.iter("{%s}row" % ns["m"]):
            cells = {}
            for c in row.findall("m:c", ns):
                ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
                col = 0
                for ch in ref:
                    col = col * 26 + ord(ch) - 64
                t, v = c.get("t"), c.find("m:v", ns)
                if t == "s":
                    cells[col - 1] = (shared[int(v.text)], None)
                elif t == "inlineStr":
                    cells[col - 1] = ("".join(x.text or "" for x in c.iter("{%s}t" % ns["m"])), None)
                elif t == "str":
                    cells[col - 1] = (v.text or "", None)
                else:
                    fmt = fmts.get(xfs[int(c.get("s", 0))]) if c.get("s") else None
                    num = float(v.text)
                    if fmt == "dd/mm/yyyy":
                        import datetime
                        d = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(num))
                        cells[col - 1] = (d.strftime("%d/%m/%Y"), True)
                    else:
                        cells[col - 1] = (str(int(num)) if num == int(num) else str(num), False)
            width = len(schema[key])
            grid.append([cells.get(i, ("", None)) for i in range(width)])
        if not grid:
            errors.append(f"{key}: no header row")
            continue
        check_rows(key, [c[0] for c in grid[0]], grid[1:])
for e in errors[:40]:
    print(e)
sys.exit(1 if errors else 0)
PY
}

# ---- a small record, built by hand (as at Monday 31 March 2025) ----
db=$(new_db small)
rec() { $H record "$db" "$@" >/dev/null || not_ok "record $*"; }
check "init" $H init "$db"
check "child C1" $H child "$db" add --given Amy --family Smith --dob 2015-03-02 --sex F --ethnicity WBRI --la-id C1
check "child C2" $H child "$db" add --given Ben --family Jones --dob 2012-06-10 --sex M --ethnicity WBRI --la-id C2
check "child C3" $H child "$db" add --given Cara --family Brown --dob 2006-01-01 --sex F --ethnicity MWBC --la-id C3
rec team --name "Locality North" --service cin_cp --opened 2020-01-01
rec team --name "Children in care" --service cla --opened 2020-01-01
rec team --name "Leaving Care" --service leaving_care --opened 2020-01-01
rec worker --staff-id SW1 --given-name Jo --family-name Bloggs --role social_worker --team "Locality North" \
	--fte 1 --agency no --case-holder yes --swe-number SW100001 --start-date 2020-01-01
rec worker --staff-id SW2 --given-name Sam --family-name Patel --role social_worker --team "Children in care" \
	--fte 0.5 --agency yes --case-holder yes --swe-number SW100002 --start-date 2024-06-01
rec worker --staff-id PA1 --given-name Lee --family-name Khan --role personal_adviser --team "Leaving Care" \
	--fte 1 --agency no --case-holder no --start-date 2020-01-01
# C1: contacts Tue 24 Dec 2024 (decided Fri 27 Dec: 25 and 26 Dec are holidays, in time) and
# Thu 27 Mar 2025 (undecided: due Fri 28 Mar, late). FD1 1 / 2.
rec contact --child C1 --contact-date 2024-12-24 --source 2A --decision-date 2024-12-27 --decision referral
rec contact --child C1 --contact-date 2025-03-27 --source 6
# Referral Fri 27 Dec 2024 (the first; with C2's below, FD2 0 / 2); assessment authorised Tue 4 Mar 2025, a
# day after 45 wd (Mon 3 Mar, 1 Jan skipped): AS1 0 / 1.
rec referral --child C1 --referral-date 2024-12-27 --source 2A --primary-need N1 --nfa no
rec allocation --child C1 --worker SW1 --kind sw --start-date 2024-12-27
rec assessment --child C1 --referral 1 --start-date 2024-12-27 --authorised-date 2025-03-04
# Strategy Fri 10 Jan, ICPC Fri 31 Jan = 15 wd: CP1 1 / 1. Plan from 31 Jan (the first: CP2
# 0 / 1); first review due 30 Apr: CP3.reviews 1 / 1. Seen alone 14 Mar (words recorded),
# seen 27 Mar (not alone, no words): next visit due 10 Apr, CP3.visits 1 / 1, seen alone 1 / 2.
rec s47 --child C1 --referral 1 --strategy-date 2025-01-10 --start-date 2025-01-10 --icpc-date 2025-01-31 \
	--icpc-not-required no
rec cp_plan --child C1 --referral 1 --start-date 2025-01-31 --category NEG
rec visit --child C1 --visit-date 2025-03-14 --kind cp --worker SW1 --seen yes --seen-alone yes \
	--child-said "I like my school"
rec visit --child C1 --visit-date 2025-03-27 --kind cp --worker SW1 --seen yes --seen-alone no
# C2: in care from Mon 6 Jan 2025 (S), new carers Mon 24 Feb (P), visited Fri 28 Feb (next
# due 11 Apr: CLA1 1 / 1); reviewed 30 Jan (due 3 Feb: CLA2 1 / 1; PN1); health 20 Jan, PEP
# 17 Jan (in time); missing 1-2 Mar, interview offered 3 Mar (within 72 hours) and accepted.
# A learning disability: "a) Yes" in Annex A list 8 (C1 and C3 have none recorded: "b) No").
rec referral --child C2 --referral-date 2025-01-02 --source 6 --primary-need N1 --nfa no
rec allocation --child C2 --worker SW2 --kind sw --start-date 2025-01-06
rec cla_episode --child C2 --decom 2025-01-06 --rne S --ls C2 --cin N1 --place U6 --place-provider PR1 \
	--dec 2025-02-24 --rec X1 --long-term no --pl-post "WR1 1AA" --urn SC000001
rec cla_episode --child C2 --decom 2025-02-24 --rne P --ls C2 --cin N1 --place U4 --place-provider PR4 \
	--long-term no --pl-post "WR2 2BB" --urn SC000002
rec visit --child C2 --visit-date 2025-02-28 --kind cla --worker SW2 --seen yes --seen-alone yes \
	--child-said "I want to see my sister"
rec cla_review --child C2 --review-date 2025-01-30 --participation PN1
rec child_disability --child C2 --code LD --recorded 2025-01-06
rec health --child C2 --kind initial --done-date 2025-01-20
rec pep --child C2 --pep-date 2025-01-17
rec missing --child C2 --start-at 2025-03-01T22:00:00Z --end-at 2025-03-02T06:00:00Z --away no \
	--rhi-offered-at 2025-03-03T10:00:00Z --rhi-accepted yes
# C3: left care on 1 Jan 2024 at 18; in touch 1 Mar 2025 in suitable semi-independent
# accommodation, in education; a personal adviser; pathway plan reviewed 1 Dec 2024: CL1 1 / 1.
rec cla_episode --child C3 --decom 2020-01-01 --rne S --ls V2 --cin N1 --place U6 --dec 2024-01-01 --rec E5 \
	--long-term no
rec allocation --child C3 --worker PA1 --kind pa --start-date 2024-01-01
rec leaver_contact --child C3 --contact-date 2025-03-01 --in-touch YES --accommodation D1 --suitable yes \
	--activity F2 --entitlements-explained yes
rec pathway_plan --child C3 --review-date 2024-12-01
# LADO: received Fri 20 Dec 2024, considered Mon 23 Dec, resolved 10 Jan 2025.
rec lado --reference L-1 --received-date 2024-12-20 --considered-date 2024-12-23 --category physical \
	--sector education --resolved-date 2025-01-10

run_ok "$TMPDIR/small.json" $H report "$db" measures --as-at 2025-03-31 --format json
small=$?
# The figures worked out above, checked one by one (the golden files hold them all).
[ $small = 0 ] && python3 - "$TMPDIR/small.json" >"$TMPDIR/small.check" 2>&1 <<'PY' && ok "measures: the hand-worked figures" || { not_ok "measures: the hand-worked figures"; sed 's/^/    /' "$TMPDIR/small.check"; }
import json, sys
d = json.load(open(sys.argv[1]))
got = {m["id"]: (m["numerator"], m["denominator"]) for m in d["measures"]}
want = {"FD1": (1, 2), "FD2": (0, 2), "AS1": (0, 1), "CP1": (1, 1), "CP2": (0, 1), "CP3.reviews": (1, 1),
        "CP3.visits": (1, 1), "CP3.seen_alone": (1, 2), "CLA1": (1, 1), "CLA2": (1, 1), "CLA3.three_plus": (0, 1),
        "CLA4.health": (1, 1), "CLA4.dental": (1, 1), "ED1": (1, 1), "MIS1.episodes": (1, 1),
        "MIS1.rhi_offered": (1, 1), "MIS1.rhi_accepted": (1, 1), "SW1.one": (2, 2), "VOI1.visits": (2, 3),
        "VOI1.reviews": (1, 1), "CL1.in_touch": (1, 1), "CL1.eet": (1, 1), "CL1.pathway_plan": (1, 1),
        "CL1.pa": (1, 1), "WF1.caseload": (2, 1.5), "WF1.agency": (0.5, 1.5), "LADO1.referrals": (1, None),
        "LADO1.considered_1wd": (1, 1), "LADO1.resolved_1m": (1, 1)}
bad = [f"{k}: got {got.get(k)}, want {v}" for k, v in want.items() if got.get(k) != v]
assert d["as_at"] == "2025-03-31" and d["period"]["from"] == "2024-04-01", d["period"]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
# Measures and Annex A in one pass give the same measures as the measures alone.
[ $small = 0 ] && run_ok "$TMPDIR/with.json" $H report "$db" measures --as-at 2025-03-31 --format json --with-annex-a &&
	python3 -c 'import json,sys; d=json.load(sys.stdin); r=d.pop("annex_a_rows"); s=json.load(open(sys.argv[1])); sys.exit(0 if d==s and r["list_8"]==1 and r["list_9"]==1 else 1)' "$TMPDIR/small.json" <"$TMPDIR/with.json" &&
	ok "measures with Annex A in one pass" || not_ok "measures with Annex A in one pass"
golden "measures: small record, text" measures-small.txt $H report "$db" measures --as-at 2025-03-31
golden "measures: small record, json" measures-small.json $H report "$db" measures --as-at 2025-03-31 --format json
golden "measures: small record, csv by team" measures-small-team.csv \
	$H report "$db" measures --as-at 2025-03-31 --format csv --by team
golden "measure: CP3, both lists" measures-small-cp3.txt \
	$H report "$db" measure CP3 --as-at 2025-03-31 --list both
golden "measure: FD1 drill-down, csv" measures-small-fd1.csv \
	$H report "$db" measure FD1 --as-at 2025-03-31 --format csv
# The trend, month ends: 31 Dec 1 / 1 (the Christmas contact), 31 Jan 1 / 1, 28 Feb 1 / 1,
# 31 Mar 1 / 2 (the late contact of 27 Mar).
run_ok "$TMPDIR/trend.csv" $H report "$db" trend FD1 --from 2024-12-31 --to 2025-03-31 --every month --format csv &&
	printf '%s\n' "as_at,id,numerator,denominator,rate" "2024-12-31,FD1,1,1,1.0000" "2025-01-31,FD1,1,1,1.0000" \
	"2025-02-28,FD1,1,1,1.0000" "2025-03-31,FD1,1,2,0.5000" | cmp -s - "$TMPDIR/trend.csv" &&
	ok "trend: month ends, one pass" || { not_ok "trend: month ends"; sed 's/^/    /' "$TMPDIR/trend.csv"; }
golden "trend: CLA1, json" measures-small-trend.json \
	$H report "$db" trend CLA1 --from 2025-01-31 --to 2025-03-31 --format json
run_ok "$TMPDIR/cl1.json" $H report "$db" measure CL1.in_touch --as-at 2025-03-31 --list numerator --format json &&
	python3 -c 'import json,sys; d=json.load(sys.stdin); l=d["numerator_list"]; sys.exit(0 if [x["ref"] for x in l]==["C3"] and l[0]["worker"]=="PA1" else 1)' <"$TMPDIR/cl1.json" &&
	ok "drill-down: the care leaver, by LA child id, with the PA" || not_ok "drill-down: the care leaver"
check "catalogue" $H report catalogue
run_ok "$TMPDIR/catalogue.json" $H report catalogue --format json &&
	[ "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["measures"]))' <"$TMPDIR/catalogue.json")" = 23 ] &&
	ok "catalogue: twenty-three measures (SUP1; PP1 and KIN1)" || not_ok "catalogue: twenty-three measures (SUP1; PP1 and KIN1)"

# ---- Annex A from the small record ----
if $H report "$db" annex-a --as-at 2025-03-31 --out "$TMPDIR/small.xlsx" >"$TMPDIR/aa.txt"; then
	ok "annex-a: the workbook"
	grep -Eq 'List 8 +Children in care +1 rows' "$TMPDIR/aa.txt" && ok "annex-a: one child in care" ||
		{ not_ok "annex-a: one child in care"; sed 's/^/    /' "$TMPDIR/aa.txt"; }
	check_annex_a "annex-a: the workbook read back against the schema" xlsx "$TMPDIR/small.xlsx" \
		"Placement Location" "LA of Placement" "Placement postcode"
else
	not_ok "annex-a: the workbook"
fi
check "annex-a: csv" $H report "$db" annex-a --as-at 2025-03-31 --format csv --out "$TMPDIR/small-csv"
check_annex_a "annex-a: the CSV files read back against the schema" csv "$TMPDIR/small-csv" \
	"Placement Location" "LA of Placement" "Placement postcode"
golden "annex-a: list 8, csv" measures-small-annex-a-list8.csv cat "$TMPDIR/small-csv/list_8.csv"
golden "annex-a: list 1, csv" measures-small-annex-a-list1.csv cat "$TMPDIR/small-csv/list_1.csv"
[ "$(q "$db" "SELECT count(*) FROM audit WHERE section = 'annex_a'")" = 2 ] &&
	ok "annex-a: each export is in the audit trail" || not_ok "annex-a: each export is in the audit trail"

# ---- bad command lines ----
refuses "report: unknown measure" "there is no measure 'XX9'" $H report "$db" measure XX9
refuses "report: a trend needs one part" "CL1 has parts" $H report "$db" trend CL1 --from 2025-01-31 --to 2025-03-31
refuses "report: a trend needs dates" "needs --from and --to" $H report "$db" trend FD1
refuses "report: trend every week" "--every" $H report "$db" trend FD1 --from 2025-01-31 --to 2025-03-31 --every week
refuses "report: annex-a needs --out" "needs --out" $H report "$db" annex-a
refuses "report: bad list" "--list" $H report "$db" measure FD1 --list everyone
refuses "report: bad as-at" "--as-at" $H report "$db" measures --as-at 2025-02-30
refuses "report: unknown report" "is not measures" $H report "$db" rubbish
refuses "report: unwritable workbook" "cannot" $H report "$db" annex-a --out /nonexistent/a.xlsx

# ---- the demo county (SQLite only: the PostgreSQL suite checks the small record) ----
if [ "$backend" = pg ]; then
	skip "measures: demo county" "generated on SQLite only; the PostgreSQL suite checks the small record"
	finish
fi
county=$TMPDIR/county.db
if demo_county "$county"; then
	ok "demo county"
	golden "measures: demo county, text" measures-county.txt $H report "$county" measures --as-at 2026-03-31
	golden "measures: demo county, csv by team" measures-county-team.csv \
		$H report "$county" measures --as-at 2026-03-31 --format csv --by team
	golden "trend: demo county, CLA1 over a year" measures-county-trend.csv \
		$H report "$county" trend CLA1 --from 2025-03-31 --to 2026-03-31 --format csv
	# The drill-down lists add up to the figures: the children behind CLA1's denominator are
	# as many as its denominator (one each), and text, csv and json agree.
	den=
	n=
	run_ok "$TMPDIR/county-m.csv" $H report "$county" measures --as-at 2026-03-31 --format csv &&
		den=$(awk -F, '$2 == "CLA1" { print $8 }' "$TMPDIR/county-m.csv")
	run_ok "$TMPDIR/county-cla1.csv" $H report "$county" measure CLA1 --as-at 2026-03-31 --format csv &&
		n=$(awk -F, 'NR > 1 && $10 == 1' "$TMPDIR/county-cla1.csv" | wc -l)
	[ -n "$den" ] && [ "$den" = "$n" ] && ok "drill-down adds up ($n children in care)" ||
		not_ok "drill-down adds up (denominator $den, list $n)"
	check "annex-a: demo county workbook" $H report "$county" annex-a --as-at 2026-03-31 --out "$TMPDIR/county.xlsx"
	check_annex_a "annex-a: demo county read back against the schema" xlsx "$TMPDIR/county.xlsx" \
		"Placement Location" "LA of Placement" "Placement postcode" "Allocated Team" "Allocated Worker" \
		"Allocated Personal Advisor"
else
	not_ok "demo county ($(head -c 200 "$TMPDIR/demo.err"))"
fi

finish
