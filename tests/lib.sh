# tests/lib.sh: what the shell tests share. Source it; it expects HEARTH and TMPDIR
# (tests/run sets them). Each check prints "ok - NAME" or "not ok - NAME", or, when it
# cannot run here, "ok - NAME # SKIP REASON" (skip): tests/run counts that apart, never as
# a pass, and fails the run unless tests/expected-skips lists it.
#
# A check on a command's output also checks the command succeeded: run it with run_ok
# into a file, then look at the file. Never `cmd | grep -q X && not_ok || ok` or
# `! cmd | grep`: a crash prints nothing, and "nothing" passes.
set -u
: "${HEARTH:?HEARTH must name the hearth binary}"
: "${TMPDIR:?}"
export HEARTH_TODAY=${HEARTH_TODAY:-2026-03-31}
failures=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failures=$((failures + 1)); }
# skip NAME REASON: NAME did not run here, and why (not a pass: see above).
skip() { echo "ok - $1 # SKIP $2"; }

# run_ok OUT CMD...: runs CMD, its standard output in OUT and its standard error in
# OUT.err. Returns CMD's exit status; when that is not 0 it also prints (indented, so not a
# check line) the command, the status and the start of its standard error. Use it as
#   run_ok "$TMPDIR/w" $H due "$db" && ! grep -q lado "$TMPDIR/w" && ok NAME || not_ok NAME
# so that a command that crashes or fails fails the check, whatever its output says.
run_ok() {
	local out=$1 rc
	shift
	"$@" >"$out" 2>"$out.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "    exit $rc from: $* ($(head -c 300 "$out.err" | tr '\n' ' '))"
	fi
	return "$rc"
}

# demo_county DEST: the demo county (seed 1, as at 2026-03-31) as a SQLite file at DEST — a
# copy of the pristine one tests/run makes once per run (HEARTH_COUNTY), or made here when
# there is none. Non-zero, with the reason in $TMPDIR/demo.err, when it cannot be had.
demo_county() {
	if [ -n "${HEARTH_COUNTY:-}" ] && [ -f "$HEARTH_COUNTY" ]; then
		sqlite3 "$HEARTH_COUNTY" ".backup '$1'" 2>"$TMPDIR/demo.err"
	else
		"$HEARTH" demo "$1" --seed 1 --as-at 2026-03-31 >/dev/null 2>"$TMPDIR/demo.err"
	fi
}

# serve DB: starts `hearth serve DB` on a loopback port the kernel picks, its log in
# $TMPDIR/serve.log; sets serve_pid and HEARTH_URL (no trailing slash), and kills the server
# however the script ends. Returns non-zero when it did not start (the log says why).
serve_pid=
stop_server() {
	if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
		kill -KILL "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null
	fi
	serve_pid=
}
serve() {
	trap stop_server EXIT
	"$HEARTH" serve "$1" --listen 127.0.0.1:0 --threads "${SERVE_THREADS:-2}" >"$TMPDIR/serve.out" 2>"$TMPDIR/serve.log" &
	serve_pid=$!
	HEARTH_URL=
	for _ in $(seq 200); do
		HEARTH_URL=$(grep -o 'http://[^ ]*' "$TMPDIR/serve.out" 2>/dev/null || true)
		[ -n "$HEARTH_URL" ] && break
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.05
	done
	HEARTH_URL=${HEARTH_URL%/}
	export HEARTH_URL
	[ -n "$HEARTH_URL" ]
}

# node_tests PREFIX DIR: runs node's test runner on DIR, one file after another, and turns
# its TAP into this suite's lines: top-level "ok N - name" / "not ok N - name" are the
# tests (a file that fails to load shows as one "not ok" named after the file); failures
# keep their first lines of diagnostics. A skipped or to-do test, at any depth, keeps its
# "# SKIP reason" / "# TODO" (tests/run counts it apart, not as a pass); node's own count of
# skipped and to-do tests must agree with the lines seen, so none passes unnoticed.
node_tests() {
	local prefix=$1 dir=$2 rc
	node --test --test-reporter=tap --test-concurrency=1 "$dir" >"$TMPDIR/tap.out" 2>&1
	rc=$?
	awk -v p="$prefix" '
		/^ *ok [0-9]+ - .* # (SKIP|TODO)( |$)/ { sub(/^ *ok [0-9]+ - /, ""); print "ok - " p ": " $0; diag = 0; next }
		/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); print "ok - " p ": " $0; diag = 0; next }
		/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); print "not ok - " p ": " $0; diag = 20; next }
		diag > 0 && /^  / { print "    " $0; diag--; next }
	' "$TMPDIR/tap.out" >"$TMPDIR/tap.lines"
	cat "$TMPDIR/tap.lines"
	failures=$((failures + $(grep -c '^not ok - ' "$TMPDIR/tap.lines")))
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMPDIR/tap.lines"; then
		not_ok "$prefix: node --test failed without a TAP failure"
		tail -20 "$TMPDIR/tap.out" | sed 's/^/    /'
	fi
	grep -q '^ok - ' "$TMPDIR/tap.lines" || not_ok "$prefix: node ran no tests"
	local said seen
	said=$(awk '/^# (skipped|todo) [0-9]+$/ { n += $3 } END { print n + 0 }' "$TMPDIR/tap.out")
	seen=$(grep -Ec '^(not )?ok - .* # (SKIP|TODO)( |$)' "$TMPDIR/tap.lines")
	[ "$said" = "$seen" ] || not_ok "$prefix: node counted $said skipped or to-do tests, $seen were reported"
}

# fixture CMD...: runs hearth CMD to set up a suite's record, its output in fixture.out;
# a failure is one failed check (named from $suite) and ends the suite.
fixture() {
	"$HEARTH" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "${suite:-fixture}: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		finish
	}
}

# check NAME CMD...: passes when CMD exits 0.
check() {
	local name=$1
	shift
	if "$@" >"$TMPDIR/check.out" 2>&1; then ok "$name"; else not_ok "$name"; sed 's/^/    /' "$TMPDIR/check.out" | head -20; fi
}

# refuses NAME EXPECTED_TEXT CMD...: passes when CMD refuses (exits 1 or 2: a crash or a
# signal is not a refusal) and its stderr holds EXPECTED_TEXT.
refuses() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$TMPDIR/refuse.out" 2>"$TMPDIR/refuse.err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		not_ok "$name (it succeeded)"
	elif [ "$rc" -gt 2 ]; then
		not_ok "$name (exit $rc: not a refusal; $(head -c 300 "$TMPDIR/refuse.err"))"
	elif grep -qF -- "$want" "$TMPDIR/refuse.err"; then
		ok "$name"
	else
		not_ok "$name (wanted '$want', got: $(head -c 300 "$TMPDIR/refuse.err"))"
	fi
}

# golden NAME FILE CMD...: CMD must succeed and its stdout (and stderr) equal tests/golden/FILE
# (HEARTH_REGRESS_UPDATE=1 rewrites it).
golden() {
	local name=$1 file=$ROOT/tests/golden/$2 rc
	shift 2
	"$@" >"$TMPDIR/golden.out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		not_ok "$name (exit $rc)"
		head -10 "$TMPDIR/golden.out" | sed 's/^/    /'
	elif [ "${HEARTH_REGRESS_UPDATE:-}" = 1 ]; then
		cp "$TMPDIR/golden.out" "$file"
		ok "$name (rewritten)"
	elif [ ! -f "$file" ]; then
		not_ok "$name (no golden file $file: run make regress-update)"
	elif diff -u "$file" "$TMPDIR/golden.out" >"$TMPDIR/golden.diff"; then
		ok "$name"
	else
		not_ok "$name"
		head -40 "$TMPDIR/golden.diff" | sed 's/^/    /'
	fi
}

# The backend under test: sqlite (files) or pg (databases in the cluster tests/run started).
backend=${HEARTH_BACKEND:-sqlite}

# new_db NAME: a target for a fresh record (nothing created yet for SQLite; an empty
# database for PostgreSQL).
new_db() {
	if [ "$backend" = pg ]; then
		"$ROOT/scripts/pg-cluster" createdb "$HEARTH_PG_DIR" "$HEARTH_PG_PORT" "t_${1}_$$_$RANDOM"
	else
		echo "$TMPDIR/$1.db"
	fi
}

# q DB SQL: one query's rows, '|'-separated, on either backend.
q() {
	if [ "$backend" = pg ]; then psql "$1" -qtA -c "$2"; else sqlite3 "$1" "$2"; fi
}

# digest DB: changes whenever anything stored changes (SQLite: the file's bytes;
# PostgreSQL: every row of every table of the record). A record it cannot read gives a
# different value each time (and a non-zero status), so "unchanged" never passes on one.
digest() {
	local out
	if [ "$backend" = pg ]; then
		out=$(
			set -o pipefail
			psql "$1" -qtA -v ON_ERROR_STOP=1 -c "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema()" |
				tr ',' '\n' | while read -r t; do
					psql "$1" -qtA -v ON_ERROR_STOP=1 -c "SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \"$t\" x" ||
						exit 1
				done | sha256sum
		)
	else
		out=$(sha256sum <"$1")
	fi || {
		echo "unreadable-$RANDOM$RANDOM$RANDOM"
		return 1
	}
	echo "${out%% *}"
}

finish() { [ "$failures" -eq 0 ]; exit $?; }
