# Backups of a record on PostgreSQL, by the paths docs/deploy.md gives (sections 4 and 5),
# with the commands it shows:
# - `hearth backup` on a postgresql:// URL says to use the server's tools;
# - logical: pg_dump, then pg_restore into a new database, gives a record that passes
#   `hearth check` and holds the same rows as the original;
# - continuous: WAL archiving on (archive_mode, archive_command), a compressed tar base
#   backup (pg_basebackup -Ft -z) taken while `hearth record` saves in a loop, then two
#   point-in-time recoveries into new data directories (unpack, restore_command,
#   recovery.signal; one to a recovery_target_time, one to a restore point made with
#   pg_create_restore_point). Each recovered record passes `hearth check`, holds every note
#   whose save was acknowledged before the target and none whose save began after it, and
#   takes new writes.
# It runs its own small clusters (scripts/pg-cluster, in its scratch directory, on free
# ports), so it needs no other suite's and runs in the ordinary command-line pass.
. "$ROOT/tests/lib.sh"
H=$HEARTH
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pgdir=$TMPDIR/cluster
archive=$TMPDIR/wal-archive
backups=$TMPDIR/backups
port=$(free_port)
writer_pid=
cleanup() {
	if [ -n "$writer_pid" ]; then
		touch "$TMPDIR/writer.stop"
		wait "$writer_pid" 2>/dev/null
	fi
	for d in "$TMPDIR"/restores/*; do [ -d "$d" ] && "$ROOT/scripts/pg-cluster" stop "$d" 2>/dev/null; done
	"$ROOT/scripts/pg-cluster" stop "$pgdir" 2>/dev/null
}
trap cleanup EXIT
# Archiving on from the start, as docs/deploy.md section 4 sets it on the primary.
if [ -z "$bin" ] || ! PG_ARCHIVE=$archive "$ROOT/scripts/pg-cluster" start "$pgdir" "$port" 2>"$TMPDIR/pg.err"; then
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
# The new database as docs/deploy.md makes it (owned by the hearth role, C collation).
if "$bin/createuser" -h 127.0.0.1 -p "$port" -U postgres hearth 2>"$TMPDIR/createdb.err" &&
	"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres --owner hearth --encoding UTF8 --locale C \
		--template template0 hearth_restored 2>>"$TMPDIR/createdb.err"; then
	restored=postgresql://postgres@127.0.0.1:$port/hearth_restored
else
	not_ok "backup_pg: createdb: $(head -c 300 "$TMPDIR/createdb.err")"
	finish
fi
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

# ---- continuous: WAL archive, a tar base backup under writes, point-in-time recovery ----
psql_live() { psql "$db" -qtA -v ON_ERROR_STOP=1 -c "$1"; }

# The writer: saves a note after another until told to stop. For each acknowledged save
# (exit 0, "recorded note ID") it appends "ID START END", the clock just before the command
# started and just after it answered; a save that failed goes to writer.err.
writer() {
	local i=0 s e out
	while [ ! -e "$TMPDIR/writer.stop" ]; do
		i=$((i + 1))
		s=$EPOCHREALTIME
		if out=$("$H" record "$db" note --child PC1 --note-date 2026-03-31 --kind case_note --child-voice no \
			--body "write $i" 2>&1); then
			e=$EPOCHREALTIME
			echo "${out##* } $s $e" >>"$TMPDIR/acked"
		else
			echo "write $i: $out" >>"$TMPDIR/writer.err"
		fi
	done
}
acked() { [ -f "$TMPDIR/acked" ] && wc -l <"$TMPDIR/acked" || echo 0; }
# wait_acked N: until N saves are acknowledged in all (0.05 s polls; gives up after 3000,
# so a dead writer fails the suite rather than hanging it).
wait_acked() {
	local n=0
	while [ "$(acked)" -lt "$1" ]; do
		n=$((n + 1))
		[ "$n" -lt 3000 ] && kill -0 "$writer_pid" 2>/dev/null || {
			not_ok "backup_pg: the writer stopped at $(acked) acknowledged saves: $(head -c 300 "$TMPDIR/writer.err" 2>/dev/null)"
			finish
		}
		sleep 0.05
	done
}
: >"$TMPDIR/acked"
writer &
writer_pid=$!
wait_acked 5

# The base backup, by docs/deploy.md's command, while the writer saves. Once the server
# reports the backup under way, pg_basebackup is paused (SIGSTOP) until three more saves
# are acknowledged, so saves land inside the backup whatever the machine's speed.
mkdir -p "$backups"
[ "$(id -u)" -eq 0 ] && chown postgres "$backups"
base=$backups/base
b_start=$EPOCHREALTIME
as_owner bash -c 'echo $$ >"$0.pid"; exec "$@"' "$backups/basebackup" \
	"$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$base" \
	--wal-method=stream --checkpoint=fast -Ft -z >"$TMPDIR/base.out" 2>&1 &
base_job=$!
n=0
while [ ! -s "$backups/basebackup.pid" ] && [ "$n" -lt 600 ]; do sleep 0.01; n=$((n + 1)); done
base_pid=$(cat "$backups/basebackup.pid" 2>/dev/null)
n=0
while kill -0 "$base_job" 2>/dev/null && [ "$n" -lt 3000 ] &&
	[ -z "$(psql_live "SELECT phase FROM pg_stat_progress_basebackup" 2>/dev/null)" ]; do
	sleep 0.01
	n=$((n + 1))
done
# As root its parent is runuser, which stops itself when its child stops (as su does for job
# control) until it is continued, then continues the child.
base_parent=$(ps -o ppid= -p "$base_pid" 2>/dev/null | tr -d ' ')
if [ -n "$base_pid" ] && kill -STOP "$base_pid" 2>/dev/null; then
	wait_acked $(($(acked) + 3))
	kill -CONT "$base_pid"
	[ -n "$base_parent" ] && kill -CONT "$base_parent" 2>/dev/null
fi
if wait "$base_job"; then
	b_end=$EPOCHREALTIME
	ok "backup_pg: pg_basebackup -Ft -z with the WAL streamed (wrote $(ls "$base" | paste -sd " "))"
else
	not_ok "backup_pg: pg_basebackup: $(head -c 300 "$TMPDIR/base.out")"
	finish
fi
# Saves that began after the backup started and were acknowledged before it ended.
during=$(awk -v a="$b_start" -v b="$b_end" '$2 > a && $3 < b' "$TMPDIR/acked" | wc -l)
[ "$during" -ge 3 ] && ok "backup_pg: $during saves were acknowledged while the base backup ran" ||
	not_ok "backup_pg: only $during saves were acknowledged while the base backup ran"

# Two targets after the backup, each with acknowledged saves before and after it: a time,
# and a restore point (named before, say, a bulk import).
wait_acked $(($(acked) + 3))
t_target=$EPOCHREALTIME
wait_acked $(($(acked) + 3))
r_start=$EPOCHREALTIME
psql_live "SELECT pg_create_restore_point('before-import')" >/dev/null ||
	not_ok "backup_pg: pg_create_restore_point"
r_end=$EPOCHREALTIME
wait_acked $(($(acked) + 3))
touch "$TMPDIR/writer.stop"
wait "$writer_pid"
writer_pid=
[ -s "$TMPDIR/writer.err" ] && not_ok "backup_pg: saves failed: $(head -c 300 "$TMPDIR/writer.err")"
# Close the WAL segment holding the last saves and wait until the archive has it.
last_wal=$(psql_live "SELECT pg_walfile_name(pg_switch_wal())")
n=0
while [ ! -f "$archive/$last_wal" ] && [ "$n" -lt 3000 ]; do sleep 0.01; n=$((n + 1)); done
[ -f "$archive/$last_wal" ] && ok "backup_pg: archive_command copied the WAL up to $last_wal into the archive" ||
	not_ok "backup_pg: $last_wal never reached the archive ($(ls "$archive" | tail -3 | tr '\n' ' '))"

# recover NAME SETTING: docs/deploy.md's restore, command for command: the base backup
# unpacked into a new data directory, checked with pg_verifybackup, the recovery settings
# (restore_command, SETTING, promote at the target) added to postgresql.auto.conf and
# recovery.signal made; then the cluster started (pg_ctl, by scripts/pg-cluster, on a free
# port) and waited for until it is promoted. Sets url to its record's URL.
url=
restores=$TMPDIR/restores
mkdir -p "$restores"
[ "$(id -u)" -eq 0 ] && chown postgres "$restores"
recover() {
	local dir=$restores/$1 p n
	p=$(free_port)
	if ! as_owner mkdir -m 0700 "$dir" 2>"$TMPDIR/tar.err"; then
		not_ok "backup_pg: $1: mkdir: $(head -c 300 "$TMPDIR/tar.err")"
		return 1
	fi
	if ! as_owner tar -xzf "$base/base.tar.gz" -C "$dir" 2>"$TMPDIR/tar.err" ||
		! as_owner tar -xzf "$base/pg_wal.tar.gz" -C "$dir/pg_wal" 2>>"$TMPDIR/tar.err"; then
		not_ok "backup_pg: $1: unpacking the base backup: $(head -c 300 "$TMPDIR/tar.err")"
		return 1
	fi
	check "backup_pg: $1: pg_verifybackup passes on the unpacked base backup" \
		as_owner "$bin/pg_verifybackup" -m "$base/backup_manifest" "$dir"
	as_owner tee -a "$dir/postgresql.auto.conf" >/dev/null <<-CONF
		restore_command = 'cp $archive/%f %p'
		$2
		recovery_target_action = 'promote'
	CONF
	as_owner touch "$dir/recovery.signal"
	if ! "$ROOT/scripts/pg-cluster" start "$dir" "$p" 2>"$TMPDIR/pitr.err"; then
		not_ok "backup_pg: $1: the recovered cluster did not start: $(head -c 300 "$TMPDIR/pitr.err") $(tail -5 "$dir/server.log")"
		return 1
	fi
	url=postgresql://postgres@127.0.0.1:$p/hearth_live
	n=0
	while [ "$(psql "$url" -qtA -c "SELECT pg_is_in_recovery()" 2>/dev/null)" != f ] && [ "$n" -lt 3000 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	[ "$(psql "$url" -qtA -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] || {
		not_ok "backup_pg: $1: recovery never reached its target: $(tail -5 "$dir/server.log")"
		return 1
	}
}

# judge NAME FROM TO: the recovered record ($url) holds every save acknowledged before FROM
# and none that began after TO (a save straddling the target may be either way).
judge() {
	local have before after missing extra
	psql "$url" -qtA -c "SELECT id FROM note WHERE body LIKE 'write %' ORDER BY id" >"$TMPDIR/have" ||
		{ not_ok "backup_pg: $1: reading the recovered notes"; return; }
	awk -v a="$2" '$3 < a { print $1 }' "$TMPDIR/acked" | sort >"$TMPDIR/before"
	awk -v b="$3" '$2 > b { print $1 }' "$TMPDIR/acked" | sort >"$TMPDIR/after"
	sort -o "$TMPDIR/have" "$TMPDIR/have"
	before=$(wc -l <"$TMPDIR/before") after=$(wc -l <"$TMPDIR/after")
	missing=$(comm -23 "$TMPDIR/before" "$TMPDIR/have" | wc -l)
	extra=$(comm -12 "$TMPDIR/after" "$TMPDIR/have" | wc -l)
	[ "$before" -gt 0 ] && [ "$missing" -eq 0 ] &&
		ok "backup_pg: $1: all $before saves acknowledged before the target are there" ||
		not_ok "backup_pg: $1: $missing of the $before saves acknowledged before the target are missing"
	[ "$after" -gt 0 ] && [ "$extra" -eq 0 ] &&
		ok "backup_pg: $1: none of the $after saves begun after the target is there" ||
		not_ok "backup_pg: $1: $extra of the $after saves begun after the target are there"
}

target_time=$(date -u -d "@$t_target" '+%Y-%m-%d %H:%M:%S.%6N+00')
if recover time "recovery_target_time = '$target_time'"; then
	check "backup_pg: time: the recovered record passes hearth check" $H check "$url"
	judge time "$t_target" "$t_target"
	check "backup_pg: time: the recovered record takes new writes" $H record "$url" note --child PC1 \
		--note-date 2026-03-31 --kind case_note --child-voice no --body "after the recovery"
	check "backup_pg: time: and still passes hearth check" $H check "$url"
fi
if recover restore-point "recovery_target_name = 'before-import'"; then
	check "backup_pg: restore-point: the recovered record passes hearth check" $H check "$url"
	judge restore-point "$r_start" "$r_end"
fi
echo "# backup_pg: $(acked) saves acknowledged; base backup $(du -sk "$base" | cut -f1) KiB; archive $(ls "$archive" | wc -l) files"
finish
