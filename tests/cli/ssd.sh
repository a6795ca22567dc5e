# backends: sqlite
# The Standard Safeguarding Dataset (issue 20, part 5): `hearth ssd DB --out DIR` on the demo
# county writes all 46 SSD tables; for each SSD table a value read straight from the record
# (sqlite3, not through hearth) lands in the right column of the right row, or, for the
# tables Hearth does not record, the file holds its header only; every header row matches the
# SSD's column names and order in ../shared/standards/ssd/ssd_fields.csv (skipped, saying so,
# when the standards folder is absent); a retracted child is left out and a restricted one
# kept (the extract is the record holder's, as `hearth report annex-a` is); the extract is
# audited; docs/ssd.md's list of the columns not recorded is what `hearth ssd --fields`
# prints; and `--out postgresql://...` writes the same tables into schema ssd of a database
# (its own small cluster, scripts/pg-cluster; skipped when PostgreSQL is not installed).
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/ssd.db
out=$TMPDIR/ssd
fields=${STANDARDS:-$ROOT/../shared/standards}/ssd/ssd_fields.csv
if ! demo_county "$db"; then
	not_ok "ssd: the demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi
S() { sqlite3 "$db" "$1"; }

# A retracted child (it must vanish from every table) and a restricted one (it stays).
gone=$(S "SELECT id FROM child WHERE voided = 0 AND restricted = 0 AND la_child_id IS NOT NULL ORDER BY id DESC LIMIT 1")
gone_la=$(S "SELECT la_child_id FROM child WHERE id = $gone")
$H record "$db" void child "$gone" --reason "test: recorded in error" >"$TMPDIR/void.out" 2>&1 ||
	echo "    could not retract child $gone: $(head -c 200 "$TMPDIR/void.out")"
restricted_la=$(S "SELECT la_child_id FROM child WHERE voided = 0 AND restricted = 1 ORDER BY id LIMIT 1")

if run_ok "$TMPDIR/ssd.out" $H ssd "$db" --out "$out" && [ "$(ls "$out"/ssd_*.csv | wc -l)" -eq 46 ]; then
	ok "ssd: hearth ssd writes the 46 SSD tables as CSV"
else
	not_ok "ssd: hearth ssd writes the 46 SSD tables as CSV ($(ls "$out" 2>/dev/null | wc -l) files)"
	finish
fi

# has TABLE COLUMN KEYCOL KEY VALUE: some row of TABLE.csv with KEYCOL = KEY has COLUMN = VALUE
# (KEY "!" + key: no row has KEYCOL = key). Prints why not on failure.
has() {
	python3 - "$out/$1.csv" "$2" "$3" "$4" "$5" <<'PY'
import csv, sys
path, col, keycol, key, want = sys.argv[1:]
rows = list(csv.DictReader(open(path, newline="")))
if key.startswith("!"):
    bad = [r for r in rows if r[keycol] == key[1:]]
    sys.exit(f"    {len(bad)} rows with {keycol} = {key[1:]}" if bad else 0)
if not key:
    sys.exit("    the record has no such row to look for")
hits = [r for r in rows if r[keycol] == key]
if not hits:
    sys.exit(f"    no row with {keycol} = {key}")
if not any(r[col] == want for r in hits):
    sys.exit(f"    {keycol} = {key}: {col} is {[r[col] for r in hits][:3]}, not {want!r}")
PY
}
empty() { [ "$(wc -l <"$out/$1.csv")" -eq 1 ]; }

LIVE="child_id IN (SELECT id FROM child WHERE voided = 0)"
# TABLE | COLUMN | KEY COLUMN | SQL giving key|value from the record
while IFS='|' read -r table col keycol sql; do
	[ -z "$table" ] && continue
	case $table in \#*) continue ;; esac
	if [ "$col" = "-" ]; then
		empty "$table" && ok "ssd: $table is written with its header only (Hearth does not record it)" ||
			not_ok "ssd: $table is written with its header only"
		continue
	fi
	row=$(S "${sql//LIVE/$LIVE}")
	key=${row%%|*} value=${row#*|}
	if has "$table" "$col" "$keycol" "$key" "$value"; then
		ok "ssd: $table: $col holds the record's value ($keycol $key: '$value')"
	else
		not_ok "ssd: $table: $col holds the record's value ($keycol $key: '$value')"
	fi
done <<'EOF_SPEC'
ssd_address|addr_address_postcode|addr_person_id|SELECT la_child_id, postcode FROM child WHERE voided = 0 AND postcode IS NOT NULL ORDER BY id LIMIT 1
ssd_assessment_factors|cinf_assessment_factors_json|cinf_assessment_id|SELECT id, '["' || replace(factors, ',', '","') || '"]' FROM assessment WHERE voided = 0 AND LIVE AND factors IS NOT NULL ORDER BY length(factors) DESC, id LIMIT 1
ssd_care_leavers|clea_care_leaver_latest_contact|clea_person_id|SELECT c.la_child_id, max(l.contact_date) FROM leaver_contact l JOIN child c ON c.id = l.child_id WHERE l.voided = 0 AND c.voided = 0 GROUP BY c.id HAVING count(*) > 1 ORDER BY c.id LIMIT 1
ssd_cin_assessments|cina_assessment_auth_date|cina_assessment_id|SELECT id, authorised_date FROM assessment WHERE voided = 0 AND LIVE AND authorised_date IS NOT NULL ORDER BY id DESC LIMIT 1
ssd_cin_assessments|cina_assessment_child_seen|cina_assessment_id|SELECT a.id, CASE WHEN EXISTS (SELECT 1 FROM visit v WHERE v.voided = 0 AND v.child_id = a.child_id AND v.seen = 1 AND v.visit_date >= a.start_date AND v.visit_date <= a.authorised_date) THEN 'Y' ELSE 'N' END AS seen FROM assessment a WHERE a.voided = 0 AND a.LIVE AND a.authorised_date IS NOT NULL ORDER BY seen, a.id LIMIT 1
ssd_cin_assessments|cina_assessment_child_seen|cina_assessment_id|SELECT a.id, CASE WHEN EXISTS (SELECT 1 FROM visit v WHERE v.voided = 0 AND v.child_id = a.child_id AND v.seen = 1 AND v.visit_date >= a.start_date AND v.visit_date <= a.authorised_date) THEN 'Y' ELSE 'N' END AS seen FROM assessment a WHERE a.voided = 0 AND a.LIVE AND a.authorised_date IS NOT NULL ORDER BY seen DESC, a.id LIMIT 1
ssd_cin_episodes|cine_cin_primary_need_code|cine_referral_id|SELECT id, primary_need FROM referral WHERE voided = 0 AND LIVE AND primary_need IS NOT NULL ORDER BY id LIMIT 1
ssd_cin_episodes|cine_referral_worker_id|cine_referral_id|SELECT r.id, (SELECT a.worker_id FROM allocation a WHERE a.voided = 0 AND a.child_id = r.child_id AND a.kind = 'sw' AND a.start_date <= r.referral_date AND (a.end_date IS NULL OR a.end_date >= r.referral_date) ORDER BY a.start_date DESC, a.id DESC LIMIT 1) AS w FROM referral r WHERE r.voided = 0 AND r.LIVE AND w IS NOT NULL ORDER BY r.id DESC LIMIT 1
ssd_cin_plans|cinp_cin_plan_end_date|cinp_cin_plan_id|SELECT id, end_date FROM cin_plan WHERE voided = 0 AND LIVE AND end_date IS NOT NULL ORDER BY id LIMIT 1
ssd_cin_visits|cinv_cin_visit_date|cinv_cin_visit_id|SELECT id, visit_date FROM visit WHERE voided = 0 AND LIVE AND kind = 'cin' ORDER BY id DESC LIMIT 1
ssd_cin_visits|cinv_cin_visit_date|cinv_cin_visit_id|SELECT '!' || id, '' FROM visit WHERE voided = 0 AND LIVE AND kind = 'cp' ORDER BY id LIMIT 1
ssd_cla_care_plan|lacp_cla_care_plan_json|lacp_table_id|SELECT id, '{"plan":"' || plan || '"}' FROM permanence WHERE voided = 0 AND LIVE AND plan IS NOT NULL ORDER BY id LIMIT 1
ssd_cla_convictions|clac_person_id|clac_cla_conviction_id|SELECT o.id, c.la_child_id FROM cla_outcome o JOIN child c ON c.id = o.child_id WHERE o.voided = 0 AND c.voided = 0 AND o.convicted = 1 ORDER BY o.id LIMIT 1
ssd_cla_episodes|clae_cla_episode_start_reason|clae_cla_episode_id|SELECT id, rne FROM cla_episode WHERE voided = 0 AND LIVE AND rne IS NOT NULL ORDER BY id DESC LIMIT 1
ssd_cla_episodes|clae_cla_id|clae_cla_episode_id|SELECT e2.id, e1.id FROM cla_episode e1 JOIN cla_episode e2 ON e2.child_id = e1.child_id AND e2.decom = e1.dec AND e2.voided = 0 AND e2.rne <> 'S' WHERE e1.voided = 0 AND e1.LIVE AND e1.decom = (SELECT min(decom) FROM cla_episode x WHERE x.child_id = e1.child_id AND x.voided = 0) ORDER BY e2.id LIMIT 1
ssd_cla_health|clah_health_check_type|clah_health_check_id|SELECT id, kind FROM health WHERE voided = 0 AND LIVE AND kind = 'dental' ORDER BY id LIMIT 1
ssd_cla_immunisations|clai_immunisations_status_date|clai_person_id|SELECT c.la_child_id, o.year_end FROM cla_outcome o JOIN child c ON c.id = o.child_id WHERE o.voided = 0 AND c.voided = 0 AND o.immunisations IS NOT NULL ORDER BY o.id LIMIT 1
ssd_cla_placement|clap_cla_placement_postcode|clap_cla_placement_id|SELECT id, pl_post FROM cla_episode WHERE voided = 0 AND LIVE AND pl_post IS NOT NULL ORDER BY id LIMIT 1
ssd_cla_previous_permanence|lapp_previous_permanence_option|lapp_person_id|SELECT la_child_id, prev_perm FROM child WHERE voided = 0 AND prev_perm IS NOT NULL ORDER BY id LIMIT 1
ssd_cla_reviews|clar_cla_review_participation|clar_cla_review_id|SELECT id, participation FROM cla_review WHERE voided = 0 AND LIVE AND participation IS NOT NULL ORDER BY id LIMIT 1
ssd_cla_substance_misuse|clas_substance_misused|clas_substance_misuse_id|SELECT id, 'Y' FROM cla_outcome WHERE voided = 0 AND LIVE AND substance_misuse = 1 ORDER BY id LIMIT 1
ssd_cla_visits|clav_cla_visit_date|clav_cla_visit_id|SELECT id, visit_date FROM visit WHERE voided = 0 AND LIVE AND kind = 'cla' ORDER BY id LIMIT 1
ssd_contacts|cont_contact_source_code|cont_contact_id|SELECT id, source FROM contact WHERE voided = 0 AND LIVE AND source IS NOT NULL ORDER BY id DESC LIMIT 1
ssd_cp_plans|cppl_cp_plan_latest_category|cppl_cp_plan_id|SELECT id, category FROM cp_plan WHERE voided = 0 AND LIVE AND category IS NOT NULL ORDER BY id LIMIT 1
ssd_cp_reviews|cppr_cp_plan_id|cppr_cp_review_id|SELECT id, cp_plan_id FROM cp_review WHERE voided = 0 AND LIVE ORDER BY id LIMIT 1
ssd_cp_visits|cppv_cp_visit_seen|cppv_cp_visit_id|SELECT id, CASE seen WHEN 1 THEN 'Y' ELSE 'N' END FROM visit WHERE voided = 0 AND LIVE AND kind = 'cp' AND seen = 0 ORDER BY id LIMIT 1
ssd_cp_visits|cppv_cp_plan_id|cppv_cp_visit_id|SELECT v.id, p.id FROM visit v JOIN cp_plan p ON p.child_id = v.child_id AND p.voided = 0 AND p.start_date <= v.visit_date AND (p.end_date IS NULL OR p.end_date >= v.visit_date) WHERE v.voided = 0 AND v.kind = 'cp' AND v.LIVE ORDER BY v.id DESC LIMIT 1
ssd_department|dept_team_name|dept_team_id|SELECT id, name FROM team WHERE voided = 0 ORDER BY id DESC LIMIT 1
ssd_disability|disa_disability_code|disa_table_id|SELECT id, code FROM child_disability WHERE voided = 0 AND LIVE ORDER BY id LIMIT 1
ssd_early_help_episodes|earl_episode_end_reason|earl_episode_id|SELECT id, end_reason FROM early_help WHERE voided = 0 AND LIVE AND end_reason IS NOT NULL ORDER BY id LIMIT 1
ssd_ehcp_active_plans|-||
ssd_ehcp_assessment|-||
ssd_ehcp_named_plan|-||
ssd_ehcp_requests|-||
ssd_family|-||
ssd_immigration_status|immi_immigration_status_end_date|immi_person_id|SELECT la_child_id, uasc_ceased FROM child WHERE voided = 0 AND uasc = 1 AND uasc_ceased IS NOT NULL ORDER BY id LIMIT 1
ssd_initial_cp_conference|icpc_icpc_date|icpc_icpc_id|SELECT id, icpc_date FROM s47 WHERE voided = 0 AND LIVE AND icpc_date IS NOT NULL ORDER BY id LIMIT 1
ssd_initial_cp_conference|icpc_cp_plan_id|icpc_icpc_id|SELECT s.id, (SELECT p.id FROM cp_plan p WHERE p.voided = 0 AND p.referral_id = s.referral_id AND p.start_date >= s.icpc_date ORDER BY p.start_date, p.id LIMIT 1) AS pl FROM s47 s WHERE s.voided = 0 AND s.LIVE AND s.icpc_date IS NOT NULL AND pl IS NOT NULL ORDER BY s.id DESC LIMIT 1
ssd_involvements|invo_professional_id|invo_involvements_id|SELECT id, worker_id FROM allocation WHERE voided = 0 AND LIVE ORDER BY id DESC LIMIT 1
ssd_involvements|invo_professional_team|invo_involvements_id|SELECT a.id, w.team_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE a.voided = 0 AND a.LIVE AND w.team_id IS NOT NULL ORDER BY a.id LIMIT 1
ssd_legal_status|lega_legal_status|lega_legal_status_id|SELECT id, ls FROM cla_episode WHERE voided = 0 AND LIVE ORDER BY id LIMIT 1
ssd_linked_identifiers|link_identifier_value|link_table_id|SELECT id || '-3', nhs_number FROM child WHERE voided = 0 AND nhs_number IS NOT NULL ORDER BY id LIMIT 1
ssd_missing|miss_missing_episode_type|miss_table_id|SELECT id, CASE away WHEN 1 THEN 'Away' ELSE 'Missing' END FROM missing WHERE voided = 0 AND LIVE ORDER BY away DESC, id LIMIT 1
ssd_mother|moth_childs_dob|moth_person_id|SELECT la_child_id, mc_dob FROM child WHERE voided = 0 AND mother = 1 AND mc_dob IS NOT NULL ORDER BY id LIMIT 1
ssd_permanence|perm_placement_order_date|perm_table_id|SELECT id, placement_order_date FROM adoption WHERE voided = 0 AND LIVE AND placement_order_date IS NOT NULL ORDER BY id LIMIT 1
ssd_person|pers_dob|pers_person_id|SELECT la_child_id, dob FROM child WHERE voided = 0 AND dob IS NOT NULL ORDER BY id DESC LIMIT 1
ssd_person|pers_person_id|pers_person_id|SELECT la_child_id, la_child_id FROM child WHERE voided = 0 AND restricted = 1 ORDER BY id LIMIT 1
ssd_pre_proceedings|prep_pre_pro_letter_date|prep_table_id|SELECT id, lbp_sent FROM pre_proceedings WHERE voided = 0 AND LIVE AND lbp_sent IS NOT NULL ORDER BY id LIMIT 1
ssd_pre_proceedings|prep_pre_pro_meetings_num|prep_table_id|SELECT p.id, (SELECT count(*) FROM pp_meeting m WHERE m.pre_proceedings_id = p.id AND m.voided = 0 AND m.meeting_date IS NOT NULL) AS n FROM pre_proceedings p WHERE p.voided = 0 AND p.LIVE ORDER BY n DESC, p.id LIMIT 1
ssd_pre_proceedings|prep_prev_pre_proc_child|prep_table_id|SELECT p.id, 'Y' FROM pre_proceedings p WHERE p.voided = 0 AND p.LIVE AND EXISTS (SELECT 1 FROM pre_proceedings q WHERE q.voided = 0 AND q.child_id = p.child_id AND q.start_date < p.start_date) ORDER BY p.id LIMIT 1
ssd_professionals|prof_staff_id|prof_professional_id|SELECT id, staff_id FROM worker WHERE voided = 0 ORDER BY id DESC LIMIT 1
ssd_s251_finance|-||
ssd_s47_enquiry|s47e_s47_start_date|s47e_s47_enquiry_id|SELECT id, start_date FROM s47 WHERE voided = 0 AND LIVE AND start_date IS NOT NULL ORDER BY id LIMIT 1
ssd_sdq_scores|csdq_sdq_score|csdq_table_id|SELECT id, sdq_score FROM cla_outcome WHERE voided = 0 AND LIVE AND sdq_score IS NOT NULL ORDER BY id LIMIT 1
ssd_sen_need|-||
ssd_send|-||
ssd_voice_of_child|-||
EOF_SPEC

# The retracted child is in no table (its person id in no cell); the restricted one is kept.
if [ -n "$gone_la" ] && ! grep -rqw -- "$gone_la" "$out"; then
	ok "ssd: a retracted child ($gone_la) is in no SSD table"
else
	not_ok "ssd: a retracted child ($gone_la) is in no SSD table"
fi
[ -n "$restricted_la" ] && has ssd_person pers_person_id pers_person_id "$restricted_la" "$restricted_la" &&
	ok "ssd: a restricted child ($restricted_la) is in the extract (the record holder's, as Annex A's)" ||
	not_ok "ssd: a restricted child is in the extract"
[ "$(S "SELECT count(*) FROM audit WHERE section = 'ssd' AND route = 'cli:ssd'")" -ge 1 ] &&
	ok "ssd: the extract is written to the audit trail" || not_ok "ssd: the extract is written to the audit trail"

# Every header row is the SSD's columns, in its order; the tables are the SSD's.
if [ -f "$fields" ]; then
	if python3 - "$fields" "$out" >"$TMPDIR/headers.txt" 2>&1 <<'PY'; then
import csv, os, sys
fields, out = sys.argv[1:]
want = {}
for r in csv.DictReader(open(fields, newline="")):
    want.setdefault(r["table"], []).append(r["field"])
bad = []
have = sorted(f[:-4] for f in os.listdir(out) if f.endswith(".csv"))
if have != sorted(want):
    bad.append(f"tables differ: {sorted(set(want) ^ set(have))}")
for t, cols in want.items():
    p = os.path.join(out, t + ".csv")
    if os.path.exists(p):
        got = next(csv.reader(open(p, newline="")))
        if got != cols:
            bad.append(f"{t}: {got} != {cols}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
		ok "ssd: every header row is the SSD's column names in the SSD's order (ssd_fields.csv)"
	else
		not_ok "ssd: every header row is the SSD's column names in the SSD's order"
		head -5 "$TMPDIR/headers.txt" | sed 's/^/    /'
	fi
else
	skip "ssd: every header row is the SSD's column names in the SSD's order" "the standards folder (ssd/ssd_fields.csv) is absent"
fi

# docs/ssd.md's list is generated: it must be what `hearth ssd --fields` prints.
if run_ok "$TMPDIR/fields.md" $H ssd --fields &&
	sed -n '/^<!-- hearth ssd --fields -->$/,$p' "$ROOT/docs/ssd.md" | tail -n +2 >"$TMPDIR/docs.md" &&
	[ -s "$TMPDIR/fields.md" ] && diff -u "$TMPDIR/fields.md" "$TMPDIR/docs.md" >"$TMPDIR/docs.diff"; then
	ok "ssd: docs/ssd.md lists exactly the columns hearth ssd --fields says are not recorded"
else
	not_ok "ssd: docs/ssd.md lists exactly the columns hearth ssd --fields says are not recorded (regenerate it)"
	head -10 "$TMPDIR/docs.diff" 2>/dev/null | sed 's/^/    /'
fi

# ---- the columns Hearth works out from other rows, on a small record worked by hand ----
# (the timescales are the clock's rules: src/clock/rules.c; no bank holiday falls in these spans)
sdb=$TMPDIR/ssd_small.db
sout=$TMPDIR/ssd_small
srec() { $H record "$sdb" "$@" >/dev/null 2>"$TMPDIR/srec.err" || not_ok "ssd small: record $* ($(head -c 200 "$TMPDIR/srec.err"))"; }
$H init "$sdb" >/dev/null 2>&1 || not_ok "ssd small: init"
for c in "C1 Amy Smith 2015-03-02" "C2 Ben Jones 2012-06-10" "C3 Cara Brown 2014-01-01" "C4 Dan Gone 2013-01-01"; do
	set -- $c
	$H child "$sdb" add --given "$2" --family "$3" --dob "$4" --sex F --ethnicity WBRI --la-id "$1" >/dev/null 2>&1 ||
		not_ok "ssd small: child $1"
done
srec team --name "Locality North" --service cin_cp --opened 2020-01-01
srec worker --staff-id SW1 --given-name Jo --family-name Bloggs --role social_worker --team "Locality North" \
	--fte 1 --agency no --case-holder yes --swe-number SW100001 --start-date 2020-01-01
srec worker --staff-id SW2 --given-name Sam --family-name Patel --role social_worker --team "Locality North" \
	--fte 1 --agency no --case-holder yes --swe-number SW100002 --start-date 2020-01-01
# Caseloads: SW1 holds C1 and C3 (open), held C2 until 5 Jan (ended: not counted) and C4
# (retracted below: not counted) = 2; SW2 holds C2 = 1.
srec allocation --child C1 --worker SW1 --kind sw --start-date 2024-12-27
srec allocation --child C3 --worker SW1 --kind sw --start-date 2025-01-02
srec allocation --child C2 --worker SW1 --kind sw --start-date 2025-01-02 --end-date 2025-01-05
srec allocation --child C4 --worker SW1 --kind sw --start-date 2025-01-02
srec allocation --child C2 --worker SW2 --kind sw --start-date 2025-01-06
# C1: strategy discussion Fri 10 Jan 2025; the ICPC is due 15 working days on: 13-17, 20-24,
# 27-31 Jan = Fri 31 Jan. The plan from 31 Jan: its first review is due 3 months on, 30 Apr
# (31 Apr does not exist); held 28 Apr, so the second is due 6 months after that, 28 Oct.
srec referral --child C1 --referral-date 2024-12-27 --source 2A --primary-need N1 --nfa no
srec s47 --child C1 --referral 1 --strategy-date 2025-01-10 --start-date 2025-01-10 --icpc-date 2025-01-31 \
	--icpc-not-required no
# The second review ended the plan (it ends that day): continue Y, then N. Pre-proceedings
# from 2 Jun 2025: one CP plan (31 Jan) of the referral open then (27 Dec 2024). C3's
# pre-proceedings (3 Mar 2025, referral 2 Jan, no plan): 0.
srec cp_plan --child C1 --referral 1 --start-date 2025-01-31 --category NEG --end-date 2025-10-20
srec cp_review --child C1 --cp-plan 1 --review-date 2025-04-28
srec cp_review --child C1 --cp-plan 1 --review-date 2025-10-20
srec pre_proceedings --child C1 --start-date 2025-06-02 --fgdm-exempt no
srec referral --child C3 --referral-date 2025-01-02 --source 2A --primary-need N1 --nfa no
srec pre_proceedings --child C3 --start-date 2025-03-03 --fgdm-exempt no
# C2: in care from Mon 6 Jan 2025 (S), new carers Mon 24 Feb (P, the same period). Reviews:
# the first is due 20 working days after entering care (7 Jan .. Mon 3 Feb: 4 weeks of 5),
# held 30 Jan; the second 3 months after it, 30 Apr, held 25 Apr; the third 6 months after
# that, 25 Oct. The first episode's last review (IRO contact) is 30 Jan, the second's 1 Oct.
srec cla_episode --child C2 --decom 2025-01-06 --rne S --ls C2 --cin N1 --place U6 --dec 2025-02-24 --rec X1 --long-term no
srec cla_episode --child C2 --decom 2025-02-24 --rne P --ls C2 --cin N1 --place U4 --long-term no
srec cla_review --child C2 --review-date 2025-01-30 --participation PN1
srec cla_review --child C2 --review-date 2025-04-25 --participation PN1
srec cla_review --child C2 --review-date 2025-10-01 --participation PN1
$H record "$sdb" void child "$(sqlite3 "$sdb" "SELECT id FROM child WHERE la_child_id = 'C4'")" --reason "test: in error" \
	>/dev/null 2>&1 || not_ok "ssd small: C4 retracted"
if run_ok "$TMPDIR/ssd_small.out" $H ssd "$sdb" --out "$sout"; then
	SS() { sqlite3 "$sdb" "$1"; }
	# shas TABLE COLUMN KEYCOL KEY VALUE: has, on the small record's extract
	shas() { out=$sout has "$@"; }
	sw1=$(SS "SELECT id FROM worker WHERE staff_id = 'SW1'")
	sw2=$(SS "SELECT id FROM worker WHERE staff_id = 'SW2'")
	shas ssd_professionals prof_professional_caseload prof_professional_id "$sw1" 2 &&
		shas ssd_professionals prof_professional_caseload prof_professional_id "$sw2" 1 &&
		ok "ssd small: ssd_professionals.prof_professional_caseload counts open allocations of live children (2, 1)" ||
		not_ok "ssd small: ssd_professionals.prof_professional_caseload counts open allocations of live children"
	shas ssd_initial_cp_conference icpc_icpc_target_date icpc_icpc_id "$(SS "SELECT id FROM s47")" 2025-01-31 &&
		ok "ssd small: ssd_initial_cp_conference.icpc_icpc_target_date is 15 working days after the strategy discussion" ||
		not_ok "ssd small: ssd_initial_cp_conference.icpc_icpc_target_date is 15 working days after the strategy discussion"
	shas ssd_cp_reviews cppr_cp_review_due cppr_cp_review_id "$(SS "SELECT min(id) FROM cp_review")" 2025-04-30 &&
		shas ssd_cp_reviews cppr_cp_review_due cppr_cp_review_id "$(SS "SELECT max(id) FROM cp_review")" 2025-10-28 &&
		ok "ssd small: ssd_cp_reviews.cppr_cp_review_due: 3 months after the plan, then 6 after the last review" ||
		not_ok "ssd small: ssd_cp_reviews.cppr_cp_review_due: 3 months after the plan, then 6 after the last review"
	shas ssd_cp_reviews cppr_cp_review_outcome_continue_cp cppr_cp_review_id "$(SS "SELECT min(id) FROM cp_review")" Y &&
		shas ssd_cp_reviews cppr_cp_review_outcome_continue_cp cppr_cp_review_id "$(SS "SELECT max(id) FROM cp_review")" N &&
		ok "ssd small: ssd_cp_reviews.cppr_cp_review_outcome_continue_cp: N for the review the plan ended at" ||
		not_ok "ssd small: ssd_cp_reviews.cppr_cp_review_outcome_continue_cp: N for the review the plan ended at"
	shas ssd_pre_proceedings prep_cp_plans_referral_period prep_table_id "$(SS "SELECT min(id) FROM pre_proceedings")" 1 &&
		shas ssd_pre_proceedings prep_cp_plans_referral_period prep_table_id "$(SS "SELECT max(id) FROM pre_proceedings")" 0 &&
		ok "ssd small: ssd_pre_proceedings.prep_cp_plans_referral_period counts the referral's CP plans (1, 0)" ||
		not_ok "ssd small: ssd_pre_proceedings.prep_cp_plans_referral_period counts the referral's CP plans (1, 0)"
	r1=$(SS "SELECT id FROM cla_review WHERE review_date = '2025-01-30'")
	r2=$(SS "SELECT id FROM cla_review WHERE review_date = '2025-04-25'")
	r3=$(SS "SELECT id FROM cla_review WHERE review_date = '2025-10-01'")
	shas ssd_cla_reviews clar_cla_review_due_date clar_cla_review_id "$r1" 2025-02-03 &&
		shas ssd_cla_reviews clar_cla_review_due_date clar_cla_review_id "$r2" 2025-04-30 &&
		shas ssd_cla_reviews clar_cla_review_due_date clar_cla_review_id "$r3" 2025-10-25 &&
		ok "ssd small: ssd_cla_reviews.clar_cla_review_due_date: 20 working days, 3 months, 6 months (reg 33)" ||
		not_ok "ssd small: ssd_cla_reviews.clar_cla_review_due_date: 20 working days, 3 months, 6 months (reg 33)"
	shas ssd_cla_episodes clae_cla_last_iro_contact_date clae_cla_episode_id "$(SS "SELECT min(id) FROM cla_episode")" 2025-01-30 &&
		shas ssd_cla_episodes clae_cla_last_iro_contact_date clae_cla_episode_id "$(SS "SELECT max(id) FROM cla_episode")" 2025-10-01 &&
		ok "ssd small: ssd_cla_episodes.clae_cla_last_iro_contact_date is the episode's latest review" ||
		not_ok "ssd small: ssd_cla_episodes.clae_cla_last_iro_contact_date is the episode's latest review"
else
	not_ok "ssd small: hearth ssd on the small record"
fi

# ---- PostgreSQL: the same tables in schema ssd ----
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
	skip "ssd: --out postgresql:// writes the tables into schema ssd" "PostgreSQL is not installed"
	finish
fi
pgdir=$TMPDIR/cluster
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap '"$ROOT/scripts/pg-cluster" stop "$pgdir" 2>/dev/null' EXIT
if ! "$ROOT/scripts/pg-cluster" start "$pgdir" "$port" 2>"$TMPDIR/pg.err"; then
	not_ok "ssd: could not start a PostgreSQL cluster: $(head -c 300 "$TMPDIR/pg.err")"
	finish
fi
pg=$("$ROOT/scripts/pg-cluster" createdb "$pgdir" "$port" analysts)
P() { psql "$pg" -qtA -c "$1"; }
if run_ok "$TMPDIR/pg.out" $H ssd "$db" --out "$pg" &&
	[ "$(P "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'ssd'")" = 46 ]; then
	ok "ssd: --out postgresql:// writes the 46 tables into schema ssd"
else
	not_ok "ssd: --out postgresql:// writes the 46 tables into schema ssd"
fi
key=$(S "SELECT la_child_id FROM child WHERE voided = 0 AND dob IS NOT NULL ORDER BY id LIMIT 1")
[ "$(P "SELECT pers_dob FROM ssd.ssd_person WHERE pers_person_id = '$key'")" = "$(S "SELECT dob FROM child WHERE la_child_id = '$key'")" ] &&
	ok "ssd: PostgreSQL: ssd_person.pers_dob holds the child's date of birth" ||
	not_ok "ssd: PostgreSQL: ssd_person.pers_dob holds the child's date of birth"
csv_rows=$(($(wc -l <"$out/ssd_cin_visits.csv") - 1))
[ "$(P "SELECT count(*) FROM ssd.ssd_cin_visits")" = "$csv_rows" ] &&
	ok "ssd: PostgreSQL: ssd_cin_visits holds as many rows as the CSV ($csv_rows)" ||
	not_ok "ssd: PostgreSQL: ssd_cin_visits holds as many rows as the CSV ($csv_rows)"
[ "$(P "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'ssd' AND table_name = 'ssd_person'")" = "$(head -1 "$out/ssd_person.csv" | tr -d '\r')" ] &&
	ok "ssd: PostgreSQL: the columns are the CSV header's, in its order" ||
	not_ok "ssd: PostgreSQL: the columns are the CSV header's, in its order"
if run_ok "$TMPDIR/pg2.out" $H ssd "$db" --out "$pg" && [ "$(P "SELECT count(*) FROM ssd.ssd_cin_visits")" = "$csv_rows" ]; then
	ok "ssd: PostgreSQL: a second run replaces the tables (no rows twice)"
else
	not_ok "ssd: PostgreSQL: a second run replaces the tables (no rows twice)"
fi
finish
