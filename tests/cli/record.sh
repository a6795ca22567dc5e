# backends: sqlite pg
# The record from the shell: init, add, record, show; every change writes its revision;
# bad input is refused with the field and the rule named, and the file stays byte-for-byte
# the same.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db record)

check "init creates a record" $H init "$db"
refuses "init refuses to overwrite" "(rule: exists)" $H init "$db"
check "schema matches the descriptors" $H test-schema "$db"
check "add a child" $H child "$db" add --given Amy --family Smith --dob 2015-03-02 --sex F --ethnicity WBRI --la-id C1
check "add an unborn child" $H child "$db" add --given Baby --family Jones --expected-dob 2026-05-01 --la-id C2
check "record a team" $H record "$db" team --name "Locality North" --service cin_cp --opened 2020-01-01
check "record a worker" $H record "$db" worker --staff-id SW1 --given-name Jo --family-name Bloggs \
	--role social_worker --team "Locality North" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
check "record a referral" $H record "$db" referral --child C1 --referral-date 2024-01-10 --source 1A --nfa no --primary-need N1
check "allocate" $H record "$db" allocation --child C1 --worker SW1 --kind sw --start-date 2024-01-10
check "record a visit" $H record "$db" visit --child C1 --visit-date 2024-02-01 --kind cin --seen yes \
	--seen-alone yes --child-said "I like my school"
check "record a case note" $H record "$db" note --child C1 --note-date 2024-02-02 --kind case_note \
	--child-voice yes --body "Amy said she wants to stay with her gran"
check "pre-birth referral for an unborn child" $H record "$db" referral --child C2 --referral-date 2026-02-01 --source 5A --nfa no
check "record is consistent" $H check "$db"

# Every change is a revision: insert, update (with before and after), void (row kept).
n=$(q "$db" "SELECT count(*) FROM revision WHERE tbl='visit' AND action='insert'")
[ "$n" = 1 ] && ok "the visit's insert wrote its revision" || not_ok "visit insert revision ($n)"
check "correct a visit" $H record "$db" update visit 1 --seen-alone no --reason "typed in error"
rev=$(q "$db" "SELECT before || ' >> ' || after || ' >> ' || reason FROM revision WHERE tbl='visit' AND action='update'")
case $rev in
*'"seen_alone":true'*' >> '*'"seen_alone":false'*' >> typed in error') ok "the update's revision holds before, after and why" ;;
*) not_ok "update revision: $rev" ;;
esac
check "close the referral" $H record "$db" update referral 1 --closure-date 2024-06-01 --closure-reason RC1 \
	--reason "case closed"
refuses "reopening a closed referral needs a reason" "correcting a referral needs a reason (rule: required)" \
	$H record "$db" update referral 1 --closure-date "" --closure-reason ""
check "reopening with a reason" $H record "$db" update referral 1 --closure-date "" --closure-reason "" --reason "closed in error"
check "retract a note" $H record "$db" void note 1 --reason "wrong child"
n=$(q "$db" "SELECT count(*) FROM note WHERE id=1 AND voided=1")
[ "$n" = 1 ] && ok "a retracted note is kept, marked voided" || not_ok "retracted note gone"
n=$(q "$db" "SELECT count(*) FROM revision WHERE tbl='note' AND action='void' AND reason='wrong child'")
[ "$n" = 1 ] && ok "the retraction is a revision with its reason" || not_ok "void revision"
run_ok "$TMPDIR/show.txt" $H child "$db" show C1 --as-at 2024-03-01
s=$?
[ $s = 0 ] && grep -q "I like my school" "$TMPDIR/show.txt" && ok "the child's words are in the chronology" || not_ok "chronology lacks the visit"
[ $s = 0 ] && grep -q "I like my school" "$TMPDIR/show.txt" && ! grep -q "wants to stay with her gran" "$TMPDIR/show.txt" &&
	ok "a retracted note is not shown" || not_ok "a retracted note still shows (or show failed)"

# Bad input: each refused with field and rule; the record unchanged (SQLite: the file,
# byte for byte; PostgreSQL: every row of every table).
before_sum=$(digest "$db")
refuses "impossible date" "visit_date: '2024-02-30' is not a date" \
	$H record "$db" visit --child C1 --visit-date 2024-02-30 --kind cin --seen yes --seen-alone no
refuses "unknown code" "rule: code" \
	$H record "$db" referral --child C1 --referral-date 2024-03-01 --source ZZ --nfa no
refuses "event before birth" "rule: not_before_birth" \
	$H record "$db" referral --child C1 --referral-date 2014-01-10 --source 1A --nfa no
refuses "birth date after a referral" "rule: not_after_events" \
	$H record "$db" update child 1 --dob 2024-05-01 --reason "typed in error"
refuses "episode in care before birth" "decom: Episode began (DECOM) is before the child's date of birth" \
	$H record "$db" cla_episode --child C1 --decom 2010-01-01 --rne S --ls V2 --cin N1 --place U1 --long-term no
refuses "missing required field" "seen: Child seen is required for a visit (rule: required)" \
	$H record "$db" visit --child C1 --visit-date 2024-02-05 --kind cin --seen-alone no
refuses "dates out of order" "rule: closure_after_referral" \
	$H record "$db" referral --child C1 --referral-date 2024-03-01 --closure-date 2024-02-01 --source 1A --nfa no
refuses "unknown child" "rule: reference" \
	$H record "$db" visit --child NOBODY --visit-date 2024-02-05 --kind cin --seen yes --seen-alone no
refuses "unknown field" "rule: unknown_field" \
	$H record "$db" visit --child C1 --colour blue
refuses "duplicate LA child id" "rule: unique" \
	$H child "$db" add --given A --family B --dob 2010-01-01 --la-id C1
refuses "control characters in text" "rule: text" \
	$H record "$db" note --child C1 --note-date 2024-02-02 --kind case_note --child-voice no --body "$(printf 'bad\001')"
refuses "a child with neither birth date" "rule: required" \
	$H child "$db" add --given A --family B
refuses "retracting needs a reason" "rule: required" $H record "$db" void visit 1
[ "$before_sum" = "$(digest "$db")" ] && ok "refused input left the record byte-for-byte unchanged" || not_ok "the record changed"
check "record still consistent" $H check "$db"

# A row written outside the write path (no revision) is caught by check.
q "$db" "INSERT INTO pep (child_id, pep_date) VALUES (1, '2024-03-01')"
# (exit 1: the record fails its check; anything else, a crash included, is not that)
$H check "$db" >"$TMPDIR/check.txt" 2>&1
rc=$?
[ $rc = 1 ] && ok "check fails on a row without its revision" || not_ok "check on a row without its revision: exit $rc"
grep -q "pep 1: no revision" "$TMPDIR/check.txt" && ok "check names the row" || not_ok "check did not name the row"

# The audit trail: changes and reads each leave a row; an edited row breaks the chain.
reads_before=$(q "$db" "SELECT count(*) FROM audit WHERE action='read' AND child_id=1")
check "show a child's record" $H child "$db" show C1
check "show it as JSON" $H child "$db" show C1 --format json
reads_after=$(q "$db" "SELECT count(*) FROM audit WHERE action='read' AND child_id=1")
[ $((reads_after - reads_before)) = 2 ] && ok "two reads of a child's record wrote two audit rows" || not_ok "reads audited: $reads_before -> $reads_after"
n=$(q "$db" "SELECT count(*) FROM audit WHERE action='create' AND section='visit' AND child_id=1")
[ "$n" = 1 ] && ok "the visit's creation is in the audit trail" || not_ok "visit audit rows: $n"
run_ok "$TMPDIR/audit.txt" $H audit "$db" --child C1 && grep -q "read" "$TMPDIR/audit.txt" &&
	ok "hearth audit lists a child's trail" || not_ok "hearth audit --child"
check "the audit chain is whole" $H audit "$db" --verify
q "$db" "UPDATE audit SET actor = 'someone-else' WHERE id = 5"
$H check "$db" >"$TMPDIR/tamper.txt" 2>&1
rc=$?
[ $rc = 1 ] && ok "check fails on an edited audit row" || not_ok "check on an edited audit row: exit $rc"
grep -q "hash chain is broken at row 5" "$TMPDIR/tamper.txt" && ok "check names the first broken link" || not_ok "check did not name row 5: $(cat "$TMPDIR/tamper.txt")"
finish
