# tests/lib.sh: what the shell tests share. Source it; it expects HEARTH and TMPDIR
# (tests/run sets them). Each check prints "ok - NAME" or "not ok - NAME".
set -u
: "${HEARTH:?HEARTH must name the hearth binary}"
: "${TMPDIR:?}"
export HEARTH_TODAY=${HEARTH_TODAY:-2026-03-31}
failures=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failures=$((failures + 1)); }

# check NAME CMD...: passes when CMD exits 0.
check() {
	local name=$1
	shift
	if "$@" >"$TMPDIR/check.out" 2>&1; then ok "$name"; else not_ok "$name"; sed 's/^/    /' "$TMPDIR/check.out" | head -20; fi
}

# refuses NAME EXPECTED_TEXT CMD...: passes when CMD exits non-zero and its stderr holds EXPECTED_TEXT.
refuses() {
	local name=$1 want=$2
	shift 2
	if "$@" >"$TMPDIR/refuse.out" 2>"$TMPDIR/refuse.err"; then
		not_ok "$name (it succeeded)"
	elif grep -qF -- "$want" "$TMPDIR/refuse.err"; then
		ok "$name"
	else
		not_ok "$name (wanted '$want', got: $(head -c 300 "$TMPDIR/refuse.err"))"
	fi
}

# golden NAME FILE CMD...: CMD's stdout must equal tests/golden/FILE (HEARTH_REGRESS_UPDATE=1 rewrites it).
golden() {
	local name=$1 file=$ROOT/tests/golden/$2
	shift 2
	"$@" >"$TMPDIR/golden.out" 2>&1
	if [ "${HEARTH_REGRESS_UPDATE:-}" = 1 ]; then
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
# PostgreSQL: every row of every table of the record).
digest() {
	if [ "$backend" = pg ]; then
		psql "$1" -qtA -c "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema()" |
			tr ',' '\n' | while read -r t; do
				psql "$1" -qtA -c "SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \"$t\" x"
			done | sha256sum | cut -d' ' -f1
	else
		sha256sum "$1" | cut -d' ' -f1
	fi
}

finish() { [ "$failures" -eq 0 ]; exit $?; }
