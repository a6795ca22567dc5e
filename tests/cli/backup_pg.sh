# Backups of a record on PostgreSQL, by the paths docs/deploy.md gives (section 5):
# `hearth backup` on a postgresql:// URL says to use the server's tools; a logical backup
# (pg_dump, then pg_restore into a new database) and a physical one (pg_basebackup with the
# WAL streamed, started as a cluster of its own) each give a record that passes
# `hearth check` and holds the same rows as the original.
# It runs its own small cluster (scripts/pg-cluster, in its scratch directory, on a free
# port), so it needs no other suite's and runs in the ordinary command-line pass.
. "$ROOT/tests/lib.sh"
H=$HEARTH
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pgdir=$TMPDIR/cluster
copydir=$TMPDIR/basebackup
port=$(free_port)
port2=$(free_port)
cleanup() {
	"$ROOT/scripts/pg-cluster" stop "$copydir" 2>/dev/null
	"$ROOT/scripts/pg-cluster" stop "$pgdir" 2>/dev/null
}
trap cleanup EXIT
if [ -z "$bin" ] || ! "$ROOT/scripts/pg-cluster" start "$pgdir" "$port" 2>"$TMPDIR/pg.err"; then
	not_ok "backup_pg: could not start a PostgreSQL cluster: $(head -c 300 "$TMPDIR/pg.err")"
	finish
fi
db=$("$ROOT/scripts/pg-cluster" createdb "$pgdir" "$port" hearth_live)

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "backup_pg: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}
fixture init "$db"
fixture record "$db" team --name "Team P" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id PW1 --given-name Test --family-name Worker --role social_worker \
	--team "Team P" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Rowan --family Quenby --dob 2014-06-07 --sex M --la-id PC1
fixture record "$db" allocation --child PC1 --worker PW1 --kind sw --start-date 2025-01-06
for i in 1 2 3; do
	fixture record "$db" note --child PC1 --note-date 2026-03-30 --kind case_note --child-voice no --body "note $i"
done
backend=pg # digest and q below read PostgreSQL
original=$(digest "$db")
notes=$(q "$db" "SELECT count(*) FROM note")

refuses "backup_pg: hearth backup of a PostgreSQL record names pg_basebackup and pg_dump" "pg_basebackup" \
	$H backup "$db" "$TMPDIR/pg.bk"

# ---- logical: pg_dump, pg_restore into a new database ----
restored=$("$ROOT/scripts/pg-cluster" createdb "$pgdir" "$port" hearth_restored)
if "$bin/pg_dump" --format=custom --file="$TMPDIR/hearth.dump" "$db" 2>"$TMPDIR/dump.err" &&
	"$bin/pg_restore" --no-owner --exit-on-error --dbname="$restored" "$TMPDIR/hearth.dump" 2>"$TMPDIR/restore.err"; then
	ok "backup_pg: pg_dump and pg_restore into a new database"
else
	not_ok "backup_pg: pg_dump / pg_restore: $(head -c 300 "$TMPDIR/dump.err" "$TMPDIR/restore.err")"
fi
check "backup_pg: the restored database passes hearth check (integrity, the audit chain)" $H check "$restored"
[ "$(digest "$restored")" = "$original" ] && ok "backup_pg: and holds every row of the original" ||
	not_ok "backup_pg: the restored database differs from the original"
check "backup_pg: the restored record takes new writes" $H record "$restored" note --child PC1 --note-date 2026-03-31 \
	--kind case_note --child-voice no --body "after the restore"
check "backup_pg: and still passes hearth check" $H check "$restored"

# ---- physical: pg_basebackup, started as a cluster of its own ----
mkdir -p "$copydir"
[ "$(id -u)" -eq 0 ] && chown postgres "$copydir"
chmod 700 "$copydir"
if as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$copydir" --wal-method=stream \
	--checkpoint=fast >"$TMPDIR/base.out" 2>&1; then
	ok "backup_pg: pg_basebackup with the WAL streamed"
else
	not_ok "backup_pg: pg_basebackup: $(head -c 300 "$TMPDIR/base.out")"
	finish
fi
# A write after the base backup, which the copy must not have.
fixture record "$db" note --child PC1 --note-date 2026-03-31 --kind case_note --child-voice no --body "later"
if "$ROOT/scripts/pg-cluster" start "$copydir" "$port2" 2>"$TMPDIR/pg2.err"; then
	copy=postgresql://postgres@127.0.0.1:$port2/hearth_live
	check "backup_pg: the base backup, started, passes hearth check" $H check "$copy"
	[ "$(digest "$copy")" = "$original" ] && [ "$(q "$copy" "SELECT count(*) FROM note")" = "$notes" ] &&
		ok "backup_pg: and holds the record as it was when the backup was taken ($notes notes)" ||
		not_ok "backup_pg: the base backup's record differs: $(q "$copy" "SELECT count(*) FROM note") notes"
else
	not_ok "backup_pg: the base backup did not start: $(head -c 300 "$TMPDIR/pg2.err")"
fi
finish
