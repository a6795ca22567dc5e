# backends: sqlite pg
# The casefile packs (store/pack.h, migration 020): one row per live child holding its whole
# casefile, kept current in the transaction of every save, read by every whole-county scan.
#   - On the demo county (seed 1, as at 2026-03-31; on PostgreSQL the same county copied in
#     with hearth copy, whose copy builds the packs): the measures (text, and CSV by team),
#     Annex A (CSV), hearth due, hearth child list, the SSDA903 export, the CIN census export
#     and its validation are byte-identical read from the packs and from the rows
#     (HEARTH_NO_PACK=1).
#   - After saves through the CLI (a visit, its correction, its retraction, a case closed, a
#     merge of two records and its undo) and through the API (a visit and its correction),
#     hearth check passes (it compares every pack with the one its rows give) and the
#     measures still equal the rows'; a merge's retracted child has no pack, and its undo
#     brings it back.
#   - A pack changed behind Hearth's back fails hearth check, naming the child; a pack that
#     is not a pack at all stops a read with an error naming the child, never a wrong figure.
#   - A record at migration 019 (no pack tables) is refused by readers until opened for
#     writing, which migrates it and builds every pack before the save it was opened for.
. "$ROOT/tests/lib.sh"
H=$HEARTH
S=${STANDARDS:-$ROOT/../shared/standards}
[ -f "$S/cin-census/CIN_schema_2026.xsd" ] || S=

county=$TMPDIR/county.db
if ! demo_county "$county"; then
	not_ok "pack: demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi
if [ "$backend" = pg ]; then
	db=$(new_db pack)
	if run_ok "$TMPDIR/copy.out" $H copy "$county" "$db"; then ok "pack: the demo county copied to PostgreSQL"; else
		not_ok "pack: the demo county copied to PostgreSQL"
		finish
	fi
else
	db=$county
fi

live() { q "$db" "SELECT count(*) FROM child WHERE voided = 0"; }
packs() { q "$db" "SELECT count(*) FROM casefile_pack"; }
[ "$(packs)" = "$(live)" ] && [ "$(q "$db" "SELECT complete_format FROM casefile_pack_state")" = 1 ] &&
	ok "pack: a pack for each of the $(live) live children, marked complete" ||
	not_ok "pack: packs $(packs) for $(live) live children, state '$(q "$db" "SELECT complete_format FROM casefile_pack_state")'"

# same NAME OUTFILE CMD...: CMD (which writes OUTFILE, or standard output when OUTFILE is -)
# run from the packs and from the rows gives the same bytes.
n_same=0
same() {
	local name=$1 out=$2
	shift 2
	rm -rf "$TMPDIR/p" "$TMPDIR/r"
	mkdir -p "$TMPDIR/p" "$TMPDIR/r"
	local args_p=() args_r=() a
	for a in "$@"; do
		args_p+=("${a//@OUT@/$TMPDIR/p/out}")
		args_r+=("${a//@OUT@/$TMPDIR/r/out}")
	done
	if run_ok "$TMPDIR/p/stdout" "${args_p[@]}" && HEARTH_NO_PACK=1 run_ok "$TMPDIR/r/stdout" "${args_r[@]}" &&
		sed -i "s|$TMPDIR/[pr]/|DIR/|g" "$TMPDIR/p/stdout" "$TMPDIR/r/stdout" && diff -r "$TMPDIR/p" "$TMPDIR/r" >"$TMPDIR/same.diff"; then
		if [ ! -s "$TMPDIR/p/stdout" ] && [ ! -e "$TMPDIR/p/out" ]; then
			not_ok "$name (nothing was written)"
		else
			ok "$name"
			n_same=$((n_same + 1))
		fi
	else
		not_ok "$name"
		head -20 "$TMPDIR/same.diff" | sed 's/^/    /'
	fi
}

compare_all() {
	local when=$1
	same "pack: measures from packs and rows ($when)" - $H report "$db" measures --as-at 2026-03-31
	same "pack: measures by team, csv ($when)" - $H report "$db" measures --as-at 2026-03-31 --format csv --by team
	[ "$when" = "as built" ] || return 0
	same "pack: Annex A lists, csv ($when)" - $H report "$db" annex-a --as-at 2026-03-31 --format csv --out @OUT@
	same "pack: hearth due ($when)" - $H due "$db"
	same "pack: hearth child list ($when)" - $H child "$db" list --as-at 2026-03-31 --format csv
	same "pack: SSDA903 export ($when)" - $H export "$db" ssda903 --year 2026 --out @OUT@
	if [ -n "$S" ]; then
		same "pack: CIN census export ($when)" - $H export "$db" cin-census --year 2026 --out @OUT@ --standards "$S"
	else
		skip "pack: CIN census export ($when)" "no CIN census schema under the standards folder"
	fi
	same "pack: CIN census validation ($when)" - $H validate "$db" --return cin-census --year 2026
}
compare_all "as built"
check "pack: hearth check as built" $H check "$db"

# ---- saves through the CLI ----
# A child with visits and a social worker now (who saves through the API below).
child=$(q "$db" "SELECT la_child_id FROM child c WHERE voided = 0 AND EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.voided = 0) AND EXISTS (SELECT 1 FROM allocation a JOIN worker w ON w.id = a.worker_id AND w.voided = 0 WHERE a.child_id = c.id AND a.voided = 0 AND a.end_date IS NULL AND a.kind = 'sw') ORDER BY id LIMIT 1")
cid=$(q "$db" "SELECT id FROM child WHERE la_child_id = '$child'")
# A pack's bytes as hex (sqlite3 prints a blob only up to its first NUL).
pack_of() {
	if [ "$backend" = pg ]; then q "$db" "SELECT encode(body, 'hex') FROM casefile_pack WHERE id = $1"; else
		q "$db" "SELECT hex(body) FROM casefile_pack WHERE id = $1"; fi
}
before=$(pack_of "$cid")
check "pack: record a visit (CLI)" $H record "$db" visit --child "$child" --visit-date 2026-03-30 --kind cin --seen yes --seen-alone no
vid=$(q "$db" "SELECT max(id) FROM visit")
after=$(pack_of "$cid")
[ "$before" != "$after" ] && ok "pack: the visit changed its child's pack" || not_ok "pack: the visit left its child's pack as it was"
check "pack: hearth check after a visit" $H check "$db"
check "pack: correct the visit (CLI)" $H record "$db" update visit "$vid" --seen-alone yes --reason "typed in error"
check "pack: hearth check after a correction" $H check "$db"
check "pack: retract the visit (CLI)" $H record "$db" void visit "$vid" --reason "wrong child"
[ "$(pack_of "$cid")" = "$before" ] &&
	ok "pack: the retraction gave the pack back as it was before the visit" || not_ok "pack: the pack after the retraction differs from before the visit"
open_child=$(q "$db" "SELECT c.la_child_id FROM child c JOIN referral r ON r.child_id = c.id AND r.voided = 0 AND r.closure_date IS NULL WHERE c.voided = 0 AND c.id <> $cid ORDER BY c.id LIMIT 1")
check "pack: close a case (CLI)" $H child "$db" close "$open_child" --date 2026-03-31 --reason RC8
check "pack: hearth check after a closure" $H check "$db"

# A merge: the other record's rows move to the kept one, the other is retracted (no pack);
# its undo moves them back and the packs are as they were. Two children never in care, so
# that the merged record's episodes cannot overlap (a case invariant hearth check reports).
never_in_care="voided = 0 AND id <> $cid AND NOT EXISTS (SELECT 1 FROM cla_episode e WHERE e.child_id = child.id) ORDER BY id LIMIT 1"
keep=$(q "$db" "SELECT la_child_id FROM child WHERE $never_in_care OFFSET 200")
other=$(q "$db" "SELECT la_child_id FROM child WHERE $never_in_care OFFSET 201")
other_id=$(q "$db" "SELECT id FROM child WHERE la_child_id = '$other'")
sum_packs() {
	if [ "$backend" = pg ]; then q "$db" "SELECT id, encode(body, 'hex') FROM casefile_pack ORDER BY id" | md5sum; else
		q "$db" "SELECT id, hex(body) FROM casefile_pack ORDER BY id" | md5sum; fi
}
packs0=$(sum_packs)
if run_ok "$TMPDIR/merge.out" $H merge "$db" "$keep" "$other" --reason "test: one child recorded twice"; then
	ok "pack: merge $other into $keep"
	merge_id=$(sed -n 's/^merge \([0-9]*\):.*/\1/p' "$TMPDIR/merge.out")
else
	not_ok "pack: merge $other into $keep"
	merge_id=0
fi
[ "$(q "$db" "SELECT count(*) FROM casefile_pack WHERE id = $other_id")" = 0 ] &&
	ok "pack: the merged-away record has no pack" || not_ok "pack: the merged-away record kept its pack"
check "pack: hearth check after the merge" $H check "$db"
compare_all "after the merge"
check "pack: undo the merge" $H merge "$db" --undo "$merge_id" --reason "test: undo"
[ "$(sum_packs)" = "$packs0" ] && ok "pack: after the undo every pack is as before the merge" ||
	not_ok "pack: the packs after the undo differ from before the merge"
check "pack: hearth check after the undo" $H check "$db"

# ---- saves through the API ----
PASSWORD=hearth-test-password
worker=$(q "$db" "SELECT w.staff_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE a.child_id = $cid AND a.voided = 0 AND a.end_date IS NULL AND a.kind = 'sw' LIMIT 1")
team=$(q "$db" "SELECT t.name FROM worker w JOIN team t ON t.id = w.team_id WHERE w.staff_id = '$worker'")
: >"$TMPDIR/user.err"
if [ -n "$worker" ] && echo "$PASSWORD" | $H user "$db" add pack_sw --role social_worker --team "$team" --worker "$worker" >/dev/null 2>"$TMPDIR/user.err" &&
	serve "$db"; then
	csrf=$(curl -sf -c "$TMPDIR/jar" -H 'Content-Type: application/json' \
		-d "{\"username\":\"pack_sw\",\"password\":\"$PASSWORD\"}" "$HEARTH_URL/api/session" |
		sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
	s=$(curl -s -o "$TMPDIR/visit.json" -w '%{http_code}' -b "$TMPDIR/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d '{"visit_date":"2026-03-30","kind":"cin","seen":true,"seen_alone":false,"child_said":"fine"}' \
		"$HEARTH_URL/api/children/$cid/visits")
	[ "$s" = 201 ] && ok "pack: record a visit (API)" || not_ok "pack: record a visit (API): $s $(head -c 200 "$TMPDIR/visit.json")"
	avid=$(q "$db" "SELECT max(id) FROM visit")
	s=$(curl -s -o "$TMPDIR/fix.json" -w '%{http_code}' -X PATCH -b "$TMPDIR/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d '{"seen_alone":true,"reason":"typed in error"}' "$HEARTH_URL/api/children/$cid/records/visit/$avid")
	[ "$s" = 200 ] && ok "pack: correct the visit (API)" || not_ok "pack: correct the visit (API): $s $(head -c 200 "$TMPDIR/fix.json")"
	stop_server
	[ "$(q "$db" "SELECT seen_alone FROM visit WHERE id = $avid")" = 1 ] && ok "pack: the API's correction is stored" ||
		not_ok "pack: the API's correction is not stored"
	check "pack: hearth check after the API's saves" $H check "$db"
else
	not_ok "pack: a user (worker '$worker') and a server for the API's saves ($(head -c 200 "$TMPDIR/user.err") $(head -c 300 "$TMPDIR/serve.log" 2>/dev/null))"
fi
compare_all "after the saves"

# ---- a pack changed behind Hearth's back ----
if [ "$backend" = pg ]; then
	q "$db" "UPDATE casefile_pack SET body = overlay(body placing '\\x7f'::bytea from length(body) - 40 for 1) WHERE id = $cid" >/dev/null
else
	q "$db" "UPDATE casefile_pack SET body = substr(body, 1, length(body) - 41) || X'7f' || substr(body, length(body) - 39) WHERE id = $cid"
fi
if $H check "$db" >"$TMPDIR/tamper.out" 2>&1; then
	not_ok "pack: hearth check passed a changed pack"
else
	grep -q "casefile_pack: child $cid: the pack differs" "$TMPDIR/tamper.out" && ok "pack: hearth check fails on a changed pack, naming child $cid" ||
		not_ok "pack: hearth check on a changed pack: $(head -c 300 "$TMPDIR/tamper.out")"
fi
if [ "$backend" = pg ]; then
	q "$db" "UPDATE casefile_pack SET body = '\\x00'::bytea WHERE id = $cid" >/dev/null
else
	q "$db" "UPDATE casefile_pack SET body = X'00' WHERE id = $cid"
fi
refuses "pack: a read stops at a pack that is not one, naming the child" "child $cid" $H report "$db" measures --as-at 2026-03-31
HEARTH_NO_PACK=1 check "pack: the rows are still read with HEARTH_NO_PACK=1" $H report "$db" measures --as-at 2026-03-31
grep -q "casefile_pack: child $cid" <($H check "$db" 2>&1) && ok "pack: hearth check names the broken pack's child" ||
	not_ok "pack: hearth check does not name the broken pack's child"
# A pack for no live child.
if [ "$backend" = pg ]; then
	q "$db" "INSERT INTO casefile_pack (id, format, body) VALUES (999999999, 1, '\\x00'::bytea)" >/dev/null
else
	q "$db" "INSERT INTO casefile_pack (id, format, body) VALUES (999999999, 1, X'00')"
fi
grep -q "casefile_pack: child 999999999: a pack for no live child" <($H check "$db" 2>&1) &&
	ok "pack: hearth check names a pack without a live child" || not_ok "pack: hearth check misses a pack without a live child"

# ---- a record at migration 019 ----
if [ "$backend" = pg ]; then
	old=$(new_db old)
	run_ok "$TMPDIR/copy2.out" $H copy "$county" "$old" >/dev/null
	q "$old" "DROP TABLE casefile_pack; DROP TABLE casefile_pack_state; UPDATE hearth_meta SET value = '19' WHERE key = 'schema_version'" >/dev/null
else
	old=$TMPDIR/old.db
	cp "$county" "$old"
	q "$old" "DROP TABLE casefile_pack; DROP TABLE casefile_pack_state; PRAGMA user_version = 19"
fi
refuses "pack: a record at 019 is not read before it is migrated" "schema 19" $H report "$old" measures --as-at 2026-03-31
check "pack: a save migrates the 019 record" $H record "$old" visit --child "$child" --visit-date 2026-03-30 --kind cin --seen yes --seen-alone no
db=$old
[ "$(packs)" = "$(live)" ] && [ "$(q "$db" "SELECT complete_format FROM casefile_pack_state")" = 1 ] &&
	ok "pack: the migrated record has a pack for each of its $(live) live children" ||
	not_ok "pack: the migrated record has $(packs) packs for $(live) children"
check "pack: hearth check on the migrated record" $H check "$old"
compare_all "migrated from 019"
echo "# $n_same outputs compared, packs against rows"
finish
