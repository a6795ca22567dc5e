# hearth backup and hearth restore on SQLite (issue 17, part 6).
# A small record first: a backup, plain and encrypted, restores to a record that passes
# `hearth check`; a backup with one byte flipped (in its header, its middle or its end),
# cut short or lengthened, one made with another key or given no key, is refused with a
# message and the target is untouched; restore will not replace a record without --force,
# nor one a server has open. Then the demo county under load: a server saves case notes
# for a client (tests/cli/writer.mjs) that records each acknowledged note and when; a
# backup is taken meanwhile; the restored copy passes `hearth check` and holds every note
# acknowledged before the backup began. (PostgreSQL's backups are tested in backup_pg.sh.)
. "$ROOT/tests/lib.sh"
H=$HEARTH
PASSWORD=hearth-test-password

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "backup: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
db=$TMPDIR/small.db
fixture init "$db"
fixture record "$db" team --name "Team B" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id BW1 --given-name Test --family-name Worker --role social_worker \
	--team "Team B" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Rowan --family Quenby --dob 2014-06-07 --sex M --la-id BC1
fixture record "$db" allocation --child BC1 --worker BW1 --kind sw --start-date 2025-01-06
fixture record "$db" note --child BC1 --note-date 2026-03-30 --kind case_note --child-voice no --body "before the backup"

# dump DB: the record's content (not its file's bytes, which a checkpoint may move).
dump() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }
# flip FILE OFFSET OUT: OUT is FILE with one bit flipped at OFFSET (negative: from the end).
flip() {
	python3 - "$1" "$2" "$3" <<'EOF'
import sys
src, off, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
b = bytearray(open(src, 'rb').read())
b[off % len(b)] ^= 0x10
open(out, 'wb').write(b)
EOF
}

# ---- plain ----
check "backup: a backup of a small record is written and verified" $H backup "$db" "$TMPDIR/small.bk"
[ "$(head -c 8 "$TMPDIR/small.bk")" = HEARTHBK ] && ok "backup: the file starts with the format's name" ||
	not_ok "backup: the file's header: $(head -c 8 "$TMPDIR/small.bk" | od -c | head -1)"
refuses "backup: an existing backup file is never overwritten" "will not overwrite" $H backup "$db" "$TMPDIR/small.bk"
refuses "backup: a PostgreSQL record is sent to pg_basebackup and pg_dump" "pg_basebackup" \
	$H backup "postgresql://nobody@127.0.0.1:1/none" "$TMPDIR/pg.bk"
[ ! -e "$TMPDIR/pg.bk" ] && ok "backup: and nothing is written for it" || not_ok "backup: a file was left for PostgreSQL"
check "backup: the plain backup restores" $H restore "$TMPDIR/small.bk" "$TMPDIR/restored.db"
check "backup: the restored record passes hearth check" $H check "$TMPDIR/restored.db"
[ "$(sqlite3 "$TMPDIR/restored.db" "SELECT body FROM note")" = "before the backup" ] &&
	[ "$(sqlite3 "$TMPDIR/restored.db" "PRAGMA journal_mode")" = wal ] &&
	ok "backup: the restored record holds the note, in WAL mode" ||
	not_ok "backup: the restored record: $(sqlite3 "$TMPDIR/restored.db" "SELECT count(*) FROM note; PRAGMA journal_mode")"
[ "$(dump "$TMPDIR/restored.db")" = "$(dump "$db")" ] && ok "backup: the restored record is the same as the original" ||
	not_ok "backup: the restored record differs from the original"

# ---- encrypted ----
key=$TMPDIR/backup.key
check "backup: a new key" $H backup --new-key "$key"
[ "$(stat -c %a "$key")" = 600 ] && ok "backup: the key file is mode 0600" || not_ok "backup: key mode $(stat -c %a "$key")"
refuses "backup: a key file is never overwritten" "exists" $H backup --new-key "$key"
check "backup: an encrypted backup is written and verified" $H backup "$db" "$TMPDIR/small.ebk" --key-file "$key"
if grep -q "Quenby\|before the backup\|SQLite format" "$TMPDIR/small.ebk"; then
	not_ok "backup: the encrypted backup holds the record's text in clear"
else
	ok "backup: the encrypted backup holds no text of the record in clear"
fi
refuses "backup: an encrypted backup without a key is refused" "is encrypted" \
	$H restore "$TMPDIR/small.ebk" "$TMPDIR/nokey.db"
$H backup --new-key "$TMPDIR/other.key" >/dev/null
refuses "backup: an encrypted backup with another key is refused" "another key" \
	$H restore "$TMPDIR/small.ebk" "$TMPDIR/wrongkey.db" --key-file "$TMPDIR/other.key"
printf 'not a key\n' >"$TMPDIR/bad.key"
refuses "backup: a key file that is not a key is refused" "not a backup key" \
	$H restore "$TMPDIR/small.ebk" "$TMPDIR/badkey.db" --key-file "$TMPDIR/bad.key"
if [ ! -e "$TMPDIR/nokey.db" ] && [ ! -e "$TMPDIR/wrongkey.db" ] && [ ! -e "$TMPDIR/badkey.db" ]; then
	ok "backup: no record is written for a refused key"
else
	not_ok "backup: a refused key left a record: $(ls "$TMPDIR"/*key.db 2>/dev/null)"
fi
if HEARTH_BACKUP_KEY_FILE=$key $H restore "$TMPDIR/small.ebk" "$TMPDIR/erestored.db" >"$TMPDIR/er.out" 2>&1 &&
	$H check "$TMPDIR/erestored.db" >/dev/null 2>&1 && [ "$(dump "$TMPDIR/erestored.db")" = "$(dump "$db")" ]; then
	ok "backup: the encrypted backup restores with the key from HEARTH_BACKUP_KEY_FILE, the same record"
else
	not_ok "backup: the encrypted backup's restore: $(head -c 300 "$TMPDIR/er.out")"
fi

# ---- damaged backups are refused, and the target is untouched ----
# Offsets: the format name, the format's kind byte, the key id, the start of the record, its
# middle, the last byte (the digest or the last tag).
size=$(stat -c %s "$TMPDIR/small.bk")
cp "$TMPDIR/restored.db" "$TMPDIR/target.db"
target_before=$(dump "$TMPDIR/target.db")
bad=0
tried=0
for kind in bk ebk; do
	for off in 0 9 18 30 $((size / 2)) -1; do
		flip "$TMPDIR/small.$kind" "$off" "$TMPDIR/flipped.$kind"
		for target in "$TMPDIR/new-from-flipped.db" "$TMPDIR/target.db"; do
			tried=$((tried + 1))
			if $H restore "$TMPDIR/flipped.$kind" "$target" --force --key-file "$key" >"$TMPDIR/f.out" 2>"$TMPDIR/f.err"; then
				bad=$((bad + 1))
				echo "    restored a backup ($kind) flipped at $off into $target"
			elif ! grep -q "hearth: .*\(altered\|damaged\|not a Hearth backup\|another key\)" "$TMPDIR/f.err"; then
				bad=$((bad + 1))
				echo "    flipped at $off ($kind): no clear message: $(head -c 200 "$TMPDIR/f.err")"
			fi
		done
		rm -f "$TMPDIR/new-from-flipped.db"
	done
done
[ "$bad" -eq 0 ] && ok "backup: each of $tried restores of a backup with one bit flipped is refused with a message" ||
	not_ok "backup: $bad of $tried flipped backups were not refused clearly"
[ "$(dump "$TMPDIR/target.db")" = "$target_before" ] && [ ! -e "$TMPDIR/new-from-flipped.db" ] &&
	ok "backup: the target is untouched by every refused restore" || not_ok "backup: a refused restore changed the target"
ls "$TMPDIR" | grep -q 'restore-' && not_ok "backup: a refused restore left scratch files: $(ls "$TMPDIR" | grep restore-)" ||
	ok "backup: refused restores leave no scratch files"
head -c $((size - 100)) "$TMPDIR/small.bk" >"$TMPDIR/cut.bk"
refuses "backup: a backup cut short is refused" "damaged" $H restore "$TMPDIR/cut.bk" "$TMPDIR/cut.db"
head -c $(($(stat -c %s "$TMPDIR/small.ebk") - 100)) "$TMPDIR/small.ebk" >"$TMPDIR/cut.ebk"
refuses "backup: an encrypted backup cut short is refused" "nothing was restored" \
	$H restore "$TMPDIR/cut.ebk" "$TMPDIR/cut.db" --key-file "$key"
{ cat "$TMPDIR/small.ebk"; printf 'x'; } >"$TMPDIR/long.ebk"
refuses "backup: an encrypted backup with a byte added is refused" "nothing was restored" \
	$H restore "$TMPDIR/long.ebk" "$TMPDIR/long.db" --key-file "$key"
refuses "backup: a file that is not a backup is refused" "not a Hearth backup" $H restore "$db" "$TMPDIR/nb.db"

# A backup whose digest is right but whose record breaks the audit chain: restore's own
# check refuses it (the format is in src/store/backup.h).
cp "$db" "$TMPDIR/edited.db"
sqlite3 "$TMPDIR/edited.db" "PRAGMA journal_mode=DELETE; UPDATE audit SET actor = 'someone else' WHERE id = 1" >/dev/null
refuses "backup: a record that fails hearth check is not backed up" "fails hearth check" \
	$H backup "$TMPDIR/edited.db" "$TMPDIR/edited.bk"
[ ! -e "$TMPDIR/edited.bk" ] && ok "backup: and no backup file is left" || not_ok "backup: a failed backup left its file"
python3 - "$TMPDIR/edited.db" "$TMPDIR/edited.bk" <<'EOF'
import hashlib, sys
header = b'HEARTHBK' + bytes([1, 0]) + bytes(14)
body = header + open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(body + hashlib.blake2b(body, digest_size=32).digest())
EOF
refuses "backup: a sound backup file of an edited record is refused by its audit chain" "audit" \
	$H restore "$TMPDIR/edited.bk" "$TMPDIR/edited-restored.db"
[ ! -e "$TMPDIR/edited-restored.db" ] && ok "backup: and nothing is restored from it" ||
	not_ok "backup: an edited record was restored"

# ---- restore does not replace a record without --force, nor one in use ----
refuses "backup: restore over an existing record needs --force" "--force" \
	$H restore "$TMPDIR/small.bk" "$TMPDIR/target.db"
echo "$PASSWORD" | fixture user "$TMPDIR/target.db" add test_sw --role social_worker --team "Team B" --worker BW1
in_use_before=$(dump "$TMPDIR/target.db")
if serve "$TMPDIR/target.db"; then
	refuses "backup: restore --force over a record a server has open is refused" "open elsewhere" \
		$H restore "$TMPDIR/small.bk" "$TMPDIR/target.db" --force
	stop_server
	[ "$(dump "$TMPDIR/target.db")" = "$in_use_before" ] && ok "backup: and the record in use is untouched" ||
		not_ok "backup: the record in use changed"
	check "backup: once the server has stopped, restore --force replaces it" \
		$H restore "$TMPDIR/small.bk" "$TMPDIR/target.db" --force
	[ "$(sqlite3 "$TMPDIR/target.db" "SELECT count(*) FROM user_account")" = 0 ] &&
		ok "backup: the replaced record is the backup's" || not_ok "backup: the record was not replaced"
else
	not_ok "backup: hearth serve did not start: $(head -c 300 "$TMPDIR/serve.log")"
fi

# ---- the demo county, backed up while a server saves notes ----
live=$TMPDIR/live.db
if ! demo_county "$live"; then
	not_ok "backup: the demo county: $(head -c 300 "$TMPDIR/demo.err")"
	finish
fi
child=$(sqlite3 "$live" "SELECT a.child_id FROM allocation a JOIN child c ON c.id = a.child_id
	JOIN user_account u ON u.worker_id = a.worker_id WHERE u.username = 'social_worker' AND a.kind = 'sw'
	AND a.end_date IS NULL AND a.voided = 0 AND c.restricted = 0 ORDER BY a.child_id LIMIT 1")
if [ -z "$child" ] || ! serve "$live"; then
	not_ok "backup: a server on the county (child '$child'): $(head -c 300 "$TMPDIR/serve.log")"
	finish
fi
acks=$TMPDIR/acks
: >"$acks"
node "$ROOT/tests/cli/writer.mjs" "$HEARTH_URL" social_worker hearth-demo "$child" "$acks" 4 \
	>"$TMPDIR/writer.out" 2>&1 &
writer_pid=$!
# Some saves are acknowledged before the backup begins.
for _ in $(seq 600); do
	[ "$(wc -l <"$acks")" -ge 20 ] && break
	kill -0 "$writer_pid" 2>/dev/null || break
	sleep 0.05
done
t0=$(date +%s%3N)
$H backup "$live" "$TMPDIR/county.bk" --key-file "$key" >"$TMPDIR/county-backup.out" 2>&1
backup_rc=$?
t1=$(date +%s%3N)
kill -TERM "$writer_pid" 2>/dev/null
wait "$writer_pid"
writer_rc=$?
stop_server
if [ "$backup_rc" -eq 0 ] && [ "$writer_rc" -eq 0 ]; then
	ok "backup: the county backed up while the server saved notes ($(tr '\n' ' ' <"$TMPDIR/county-backup.out"))"
else
	not_ok "backup: the county under load: backup exit $backup_rc, writer exit $writer_rc"
	sed 's/^/    /' "$TMPDIR/county-backup.out" "$TMPDIR/writer.out" | head -10
	finish
fi
before=$(awk -v t="$t0" '$2 < t { print $1 }' "$acks")
during=$(awk -v a="$t0" -v b="$t1" '$2 >= a && $2 < b' "$acks" | wc -l)
n_before=$(echo "$before" | grep -c .)
[ "$during" -gt 0 ] && ok "backup: the server went on acknowledging saves during the backup ($during of them)" ||
	not_ok "backup: no save was acknowledged while the backup ran ($(cat "$TMPDIR/writer.out"))"
restored=$TMPDIR/county-restored.db
check "backup: the county's encrypted backup restores" $H restore "$TMPDIR/county.bk" "$restored" --key-file "$key"
check "backup: the restored county passes hearth check" $H check "$restored"
echo "$before" | grep . >"$TMPDIR/before.ids"
# ids_query SQL: SQL's rows, with the temporary table want holding the ids in before.ids.
ids_query() {
	printf 'CREATE TEMP TABLE want(id INTEGER);\n.import %s want\n%s\n' "$TMPDIR/before.ids" "$1" |
		sqlite3 "$restored" 2>&1
}
missing=$(ids_query "SELECT count(*) FROM want WHERE id NOT IN (SELECT id FROM note WHERE voided = 0);")
if [ "$n_before" -gt 0 ] && [ "$missing" = 0 ]; then
	ok "backup: every one of the $n_before notes acknowledged before the backup began is in the restored copy"
else
	not_ok "backup: notes acknowledged before the backup: $n_before, missing from the copy: $missing"
fi
audited=$(ids_query "SELECT count(DISTINCT r.row_id) FROM revision r JOIN want w ON w.id = r.row_id
	WHERE r.tbl = 'note' AND r.action = 'insert';")
[ "$audited" = "$n_before" ] && ok "backup: each with the revision that created it" ||
	not_ok "backup: revisions for the acknowledged notes: $audited of $n_before"
counts=$(sqlite3 "$restored" "SELECT (SELECT count(*) FROM note WHERE child_id = $child AND body LIKE 'load note %'),
	(SELECT count(*) FROM audit WHERE child_id = $child AND action = 'create' AND section = 'note'
	 AND route LIKE 'POST %')")
[ "${counts%|*}" = "${counts#*|}" ] && [ "${counts%|*}" -ge "$n_before" ] &&
	ok "backup: the copy holds as many audit rows for the saves as notes saved (${counts%|*})" ||
	not_ok "backup: notes saved under load in the copy | their audit rows: $counts"
finish
