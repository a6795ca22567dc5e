# backends: pg
# hearth copy between SQLite and PostgreSQL: ids, revisions and the audit chain carried
# over, verified per table; the same record reads the same on both; bad targets refused.
. "$ROOT/tests/lib.sh"
H=$HEARTH
src=$TMPDIR/src.db
fx() { $H "$@" >/dev/null || not_ok "fixture: $*"; }
fx init "$src"
fx child "$src" add --given Amy --family Smith --dob 2015-03-02 --sex F --la-id C1
fx child "$src" add --given Zoë --family "O'Brien" --dob 2012-11-30 --sex F --la-id C2
fx record "$src" referral --child C1 --referral-date 2024-01-10 --source 1A --nfa no --primary-need N1
fx record "$src" visit --child C1 --visit-date 2024-02-01 --kind cin --seen yes --seen-alone yes \
	--child-said 'I said "no" — and meant it'
fx record "$src" team --name "Team, A" --service cla --opened 2020-01-01
fx record "$src" worker --staff-id W1 --given-name Jo --family-name Bloggs --role social_worker --team "Team, A" \
	--fte 0.8 --agency yes --case-holder yes --start-date 2020-01-01
fx record "$src" update visit 1 --seen-alone no --reason "typed in error"
fx child "$src" show C1

pg=$(new_db copy)
check "copy SQLite to PostgreSQL, verified" $H copy "$src" "$pg"
check "the copy passes check (audit chain included)" $H check "$pg"
back=$TMPDIR/back.db
check "copy PostgreSQL back to SQLite, verified" $H copy "$pg" "$back"
i=0
shown=0
for db in "$src" "$pg" "$back"; do
	i=$((i + 1))
	run_ok "$TMPDIR/show$i" $H child "$db" show C1 --format json --as-at 2024-03-01 && shown=$((shown + 1))
done
if [ $shown = 3 ] && grep -q 'meant it' "$TMPDIR/show1" && cmp -s "$TMPDIR/show1" "$TMPDIR/show2" &&
	cmp -s "$TMPDIR/show1" "$TMPDIR/show3"; then
	ok "child show is identical on SQLite, PostgreSQL and the round trip"
else
	not_ok "child show differs between backends"
	diff "$TMPDIR/show1" "$TMPDIR/show2" | head -10
fi
check "new rows after a copy take fresh ids on PostgreSQL" $H record "$pg" visit --child C1 --visit-date 2024-02-08 \
	--kind cin --seen yes --seen-alone yes
refuses "copy into a record that exists" "(rule: exists)" $H copy "$src" "$pg"
refuses "an unreachable server" "cannot connect to the PostgreSQL server" \
	$H check "postgresql://postgres@127.0.0.1:1/nothing"
refuses "a database that does not exist" "cannot connect" \
	$H check "postgresql://postgres@127.0.0.1:$HEARTH_PG_PORT/no_such_database"
refuses "a malformed URL" "cannot connect" $H check "postgresql://[::1"
finish
