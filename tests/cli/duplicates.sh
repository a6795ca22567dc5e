# backends: sqlite
# One child, one record (issue 20) on the demo county: the duplicates it plants
# (src/demo/plant.c: DUP01..DUP06, each a second record of a generated child) are found,
# each for its own reason; "not the same child" is remembered and said once; a merge moves
# every row and an undo puts every row back exactly: a checksum of every record table
# (every table but revision and audit, which only grow, and the merge's own bookkeeping,
# child_merge and child_merge_row) equals the one taken before the merge; the NHS number's
# check digit refuses a wrong number, by name, and stores nothing.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/duplicates.db
if ! demo_county "$db"; then
	not_ok "duplicates: the demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi

# The record tables' content, table by table, every row in id order.
record_sum() {
	local t
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('revision', 'audit', 'child_merge', 'child_merge_row') ORDER BY name") ; do
		printf '%s %s\n' "$t" "$(sqlite3 "$db" "SELECT * FROM \"$t\" ORDER BY id" | sha256sum | cut -c1-32)"
	done
}

# pair_has JSON LA REASON: a pair in the JSON list has LA on one side and REASON among its reasons.
pair_has() {
	node -e '
		const [file, la, reason] = process.argv.slice(1);
		const doc = JSON.parse(require("fs").readFileSync(file, "utf8"));
		const p = doc.pairs.find((x) => x.a.la_child_id === la || x.b.la_child_id === la);
		process.exit(p && p.reasons.includes(reason) ? 0 : 1);
	' "$1" "$2" "$3"
}

# The planted list: LA child id and the reason it must be found for.
planted="DUP01:same_identifier DUP02:same_upn DUP03:same_dob_similar_name DUP04:same_dob_swapped_name
DUP05:same_dob_similar_name DUP06:unborn_parent"
if run_ok "$TMPDIR/dups.json" $H duplicates "$db" --format json; then
	for p in $planted; do
		la=${p%%:*} why=${p#*:}
		if pair_has "$TMPDIR/dups.json" "$la" "$why"; then ok "duplicates: planted $la found ($why)"
		else not_ok "duplicates: planted $la found ($why)"; fi
	done
	# Each plant is paired with the generated child it copies, and the strongest pair first.
	first=$(node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(d.pairs[0].score)' "$TMPDIR/dups.json")
	[ "$first" = 100 ] && ok "duplicates: strongest first (score $first)" || not_ok "duplicates: strongest first (score $first)"
else
	not_ok "duplicates: hearth duplicates --format json"
fi
run_ok "$TMPDIR/dups.txt" $H duplicates "$db" && grep -q 'possible duplicate pairs$' "$TMPDIR/dups.txt" &&
	grep -q 'DUP04.*the names swapped' "$TMPDIR/dups.txt" && ok "duplicates: the text list, with reasons" ||
	not_ok "duplicates: the text list, with reasons"

# The consistent identifier is a setting: named the UPN, DUP02's pair is found for it.
check "duplicates: the consistent identifier set to the UPN" $H settings "$db" set consistent_identifier upn
run_ok "$TMPDIR/upn.json" $H duplicates "$db" --format json && pair_has "$TMPDIR/upn.json" DUP02 same_identifier &&
	pair_has "$TMPDIR/upn.json" DUP01 same_nhs_number && ok "duplicates: the setting names the identifier" ||
	not_ok "duplicates: the setting names the identifier"
check "duplicates: back to the NHS number" $H settings "$db" set consistent_identifier nhs_number

# "Not the same child": a reason needed, remembered, said once, audited.
before=$(digest "$db")
refuses "duplicates: not-same without a reason" "reason" $H duplicates "$db" --not-same C000103 DUP04
[ "$(digest "$db")" = "$before" ] && ok "duplicates: a refused not-same changes nothing" ||
	not_ok "duplicates: a refused not-same changes nothing"
check "duplicates: not-same C000103 DUP04" $H duplicates "$db" --not-same C000103 DUP04 --reason "twins, both real"
run_ok "$TMPDIR/after.json" $H duplicates "$db" --format json && ! pair_has "$TMPDIR/after.json" DUP04 same_dob_swapped_name &&
	pair_has "$TMPDIR/after.json" DUP03 same_dob_similar_name && ok "duplicates: not-same remembered, the others still listed" ||
	not_ok "duplicates: not-same remembered, the others still listed"
refuses "duplicates: not-same twice" "already_judged" $H duplicates "$db" --not-same DUP04 C000103 --reason again
dup04=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'DUP04'")
run_ok "$TMPDIR/audit.txt" $H audit "$db" --child "$dup04" && grep -q not_duplicate "$TMPDIR/audit.txt" &&
	ok "duplicates: not-same audited" || not_ok "duplicates: not-same audited"

# Merge, then undo: every record table as it was.
sum0=$(record_sum)
rev0=$(q "$db" "SELECT count(*) FROM revision")
refuses "duplicates: a merge needs a reason" "reason" $H merge "$db" C000100 DUP01
refuses "duplicates: a child is not merged into itself" "same_child" $H merge "$db" C000100 C000100 --reason x
[ "$(record_sum)" = "$sum0" ] && ok "duplicates: refused merges change nothing" || not_ok "duplicates: refused merges change nothing"
dup01=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'DUP01'")
keep=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'C000100'")
contacts=$(q "$db" "SELECT count(*) FROM contact WHERE child_id = $keep AND voided = 0")
if run_ok "$TMPDIR/merge.out" $H merge "$db" C000100 DUP01 --reason "one child, recorded twice"; then
	merge_id=$(sed -n 's/^merge \([0-9]*\):.*/\1/p' "$TMPDIR/merge.out")
	ok "duplicates: merge DUP01 into C000100 ($(cat "$TMPDIR/merge.out"))"
else
	not_ok "duplicates: merge DUP01 into C000100"
	merge_id=0
fi
[ "$(q "$db" "SELECT count(*) FROM contact WHERE child_id = $keep AND voided = 0")" = $((contacts + 1)) ] &&
	[ "$(q "$db" "SELECT count(*) FROM contact WHERE child_id = $dup01 AND voided = 0")" = 0 ] &&
	[ "$(q "$db" "SELECT voided FROM child WHERE id = $dup01")" = 1 ] &&
	ok "duplicates: the other record's rows moved; it is kept, retracted" ||
	not_ok "duplicates: the other record's rows moved; it is kept, retracted"
run_ok "$TMPDIR/show.json" $H child "$db" show "$dup01" --format json && grep -q '"la_child_id": "C000100"' "$TMPDIR/show.json" &&
	ok "duplicates: the merged id resolves to the kept record" || not_ok "duplicates: the merged id resolves to the kept record"
run_ok "$TMPDIR/m.json" $H duplicates "$db" --format json && ! pair_has "$TMPDIR/m.json" DUP01 same_identifier &&
	ok "duplicates: a merged pair is no longer listed" || not_ok "duplicates: a merged pair is no longer listed"
check "duplicates: hearth check after the merge" $H check "$db"
[ "$(record_sum)" != "$sum0" ] && ok "duplicates: the merge changed the record" || not_ok "duplicates: the merge changed the record"
check "duplicates: undo the merge" $H merge "$db" --undo "$merge_id" --reason "checking undo"
if [ "$(record_sum)" = "$sum0" ]; then
	ok "duplicates: after undo every record table equals its checksum before the merge"
else
	not_ok "duplicates: after undo every record table equals its checksum before the merge"
	diff <(echo "$sum0") <(record_sum) | sed 's/^/    /'
fi
[ "$(q "$db" "SELECT count(*) FROM revision")" -gt "$rev0" ] && ok "duplicates: revisions grew (merge and undo are history)" ||
	not_ok "duplicates: revisions grew (merge and undo are history)"
refuses "duplicates: undone twice" "undone" $H merge "$db" --undo "$merge_id"

# A record with a history (48 rows in the seed-1 county): merged and undone exactly, even
# through a second merge undone in the right order; the wrong order is refused.
sum1=$(record_sum)
run_ok "$TMPDIR/m2" $H merge "$db" C000201 C000200 --reason "test: a long history" &&
	run_ok "$TMPDIR/m3" $H merge "$db" C000202 C000201 --reason "test: a chain" &&
	m2=$(sed -n 's/^merge \([0-9]*\):.*/\1/p' "$TMPDIR/m2") && m3=$(sed -n 's/^merge \([0-9]*\):.*/\1/p' "$TMPDIR/m3") &&
	ok "duplicates: two merges in a chain" || not_ok "duplicates: two merges in a chain"
c200=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'C000200'")
run_ok "$TMPDIR/chain.json" $H child "$db" show "$c200" --format json && grep -q '"la_child_id": "C000202"' "$TMPDIR/chain.json" &&
	ok "duplicates: a chain resolves to the record standing" || not_ok "duplicates: a chain resolves to the record standing"
refuses "duplicates: the earlier merge cannot be undone first" "later_merge" $H merge "$db" --undo "${m2:-0}"
check "duplicates: undo the later merge" $H merge "$db" --undo "${m3:-0}"
check "duplicates: then the earlier" $H merge "$db" --undo "${m2:-0}"
[ "$(record_sum)" = "$sum1" ] && ok "duplicates: a long history back exactly" || not_ok "duplicates: a long history back exactly"
check "duplicates: hearth check after the undos" $H check "$db"

# The NHS number's check digit: refused by name, nothing stored.
before=$(digest "$db")
refuses "duplicates: a wrong NHS check digit refused" "nhs_check_digit" \
	$H child "$db" add --given Nia --family Wrong --dob 2015-01-01 --la-id NHSBAD --nhs-number "943 476 5918"
refuses "duplicates: an NHS number of nine digits refused" "nhs_format" \
	$H child "$db" add --given Nia --family Short --dob 2015-01-01 --la-id NHSBAD --nhs-number "943 476 591"
[ "$(digest "$db")" = "$before" ] && ok "duplicates: refused NHS numbers store nothing" ||
	not_ok "duplicates: refused NHS numbers store nothing"
check "duplicates: an NHS number with spaces accepted" \
	$H child "$db" add --given Nia --family Right --dob 2015-01-01 --la-id NHSOK --nhs-number "943 476 5919"
[ "$(q "$db" "SELECT nhs_number FROM child WHERE la_child_id = 'NHSOK'")" = 9434765919 ] &&
	ok "duplicates: kept as its ten digits" || not_ok "duplicates: kept as its ten digits"
finish
