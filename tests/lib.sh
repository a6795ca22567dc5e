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

finish() { [ "$failures" -eq 0 ]; exit $?; }
