# The test runner tested: tests/runlib.sh (what tests/run counts with) run on small fake
# suites written here, with an expected-skips file of their own. A skip the file does not
# list fails the run; one it lists is reported apart and passes; a check on the output of a
# command that crashed fails (tests/lib.sh run_ok), where the old pattern passed; cmocka's
# and node:test's skips are counted as skips too.
. "$ROOT/tests/lib.sh"

root=$ROOT
log_dir=$TMPDIR/log
mkdir -p "$log_dir" "$TMPDIR/suites"
expected_skips_file=$TMPDIR/expected-skips
# The runner's functions and tallies, as tests/run has them. (Its tallies are separate from
# this suite's own `failures`.)
. "$ROOT/tests/runlib.sh"

cat >"$expected_skips_file" <<'EOF'
# a comment, and a blank line

cli | fake: expected here | the fake suite's honest skip
pg | fake: expected on pg only | expected in another suite
cli | *fake_cmocka: test_expected | an expected cmocka skip
cli | fake node: * | node's skips, expected here
cli | fake: no reason given |
EOF

# fresh: the runner's tallies back to nothing, for one case.
fresh() {
	passed=0
	failed=0
	skipped=0
	failed_names=()
	skip_lines=()
	suite_label=cli
}
# suite NAME BODY: a fake shell suite (it sources tests/lib.sh, then BODY, then finish).
suite() {
	printf '. "$ROOT/tests/lib.sh"\n%s\nfinish\n' "$2" >"$TMPDIR/suites/$1.sh"
	echo "$TMPDIR/suites/$1.sh"
}
# tallies WANT NAME: the runner's passed/failed/skipped are WANT ("P F S").
tallies() {
	if [ "$passed $failed $skipped" = "$1" ]; then
		ok "runner: $2 ($1)"
	else
		not_ok "runner: $2: passed failed skipped = $passed $failed $skipped, wanted $1"
		sed 's/^/    /' "$TMPDIR/run.out" | head -20
	fi
}
# closes WANT_STATUS WANT_LINE NAME: summary's status (0 or 1) and its closing line.
closes() {
	summary >"$TMPDIR/summary.out"
	local rc=$? line
	line=$(tail -1 "$TMPDIR/summary.out")
	if [ "$rc" = "$1" ] && [ "$line" = "$2" ]; then
		ok "runner: $3"
	else
		not_ok "runner: $3: status $rc, '$line' (wanted $1, '$2')"
		sed 's/^/    /' "$TMPDIR/summary.out" | head -20
	fi
}

# ---- an expected skip is reported apart and passes ----
fresh
run_shell "$(suite expected 'ok "fake: one"
skip "fake: expected here" "a reason"')" >"$TMPDIR/run.out"
tallies "1 0 1" "an expected skip is counted apart, not as a pass"
closes 0 "tests: 1 passed, 0 failed, 1 skipped" "an expected skip passes the run"
grep -q 'fake: expected here # SKIP a reason' "$TMPDIR/summary.out" && ok "runner: the skip is listed with its reason" ||
	not_ok "runner: the skip is not listed: $(cat "$TMPDIR/summary.out")"

# ---- an unexpected skip fails the run ----
fresh
run_shell "$(suite unexpected 'ok "fake: one"
skip "fake: not listed" "a reason"')" >"$TMPDIR/run.out"
tallies "1 1 0" "an unexpected skip is a failure"
closes 1 "tests: 1 passed, 1 failed, 0 skipped" "an unexpected skip fails the run"
grep -q 'fake: not listed # SKIP a reason .*not expected' "$TMPDIR/summary.out" &&
	ok "runner: the unexpected skip is named" || not_ok "runner: the unexpected skip is not named"
# Expected, but in another suite: unexpected here.
fresh
run_shell "$(suite elsewhere 'skip "fake: expected on pg only" "a reason"')" >"$TMPDIR/run.out"
tallies "0 1 0" "a skip expected only in another suite fails this one"
fresh
suite_label=pg
run_shell "$TMPDIR/suites/elsewhere.sh" >"$TMPDIR/run.out"
tallies "0 0 1" "and is expected in the suite the file names"
# A line without a reason expects nothing.
fresh
run_shell "$(suite noreason 'skip "fake: no reason given" "a reason"')" >"$TMPDIR/run.out"
tallies "0 1 0" "an expected-skips line without a reason expects nothing"
# A skip written by hand, as TAP has it, or a to-do, counts the same.
fresh
run_shell "$(suite tap 'echo "ok - fake: by hand # SKIP not listed"
echo "ok - fake: later # TODO not done"')" >"$TMPDIR/run.out"
tallies "0 2 0" "a SKIP or TODO directive written by hand is not a pass"

# ---- a check on a crashed command's output fails ----
# The command prints what a passing check looks for, then crashes (SIGSEGV).
crash='bash -c "echo C1 overdue; kill -SEGV \$\$"'
old=$(eval "$crash" 2>/dev/null | grep -q lado && echo "not ok - fake" || echo "ok - fake")
[ "$old" = "ok - fake" ] && ok "runner: the old pattern (cmd | grep -q X && not_ok || ok) passes a crash" ||
	not_ok "runner: the old pattern: $old"
fresh
run_shell "$(suite crash "run_ok \"\$TMPDIR/out\" $crash && ! grep -q lado \"\$TMPDIR/out\" && ok \"fake: no lado\" ||
	not_ok \"fake: no lado\"
run_ok \"\$TMPDIR/out\" $crash && grep -q 'C1 overdue' \"\$TMPDIR/out\" && ok \"fake: C1 is listed\" ||
	not_ok \"fake: C1 is listed\"")" >"$TMPDIR/run.out"
tallies "0 2 0" "a check on a crashed command's output fails, whatever the output says"
closes 1 "tests: 0 passed, 2 failed, 0 skipped" "and fails the run"
grep -q 'exit 139 from: bash' "$TMPDIR/run.out" && ok "runner: run_ok says how the command ended" ||
	not_ok "runner: run_ok did not say how the command ended: $(head -c 300 "$TMPDIR/run.out")"
# The same check on a command that succeeds passes (the check is not simply always failing).
fresh
run_shell "$(suite fine 'run_ok "$TMPDIR/out" echo "C1 overdue" && ! grep -q lado "$TMPDIR/out" && ok "fake: no lado" ||
	not_ok "fake: no lado"')" >"$TMPDIR/run.out"
tallies "1 0 0" "the same check on a command that succeeds passes"
# A suite that dies without a "not ok" line still fails.
fresh
run_shell "$(suite dies 'ok "fake: one"
kill -SEGV $$')" >"$TMPDIR/run.out"
tallies "1 1 0" "a suite that crashes fails"

# ---- cmocka's skips ----
mkdir -p "$TMPDIR/bin"
fake_cmocka() { # NAME SKIPPED_TEST: a "binary" printing cmocka's summary with one skip
	printf '#!/bin/sh\ncat <<EOF\n[==========] 3 test(s) run.\n[  PASSED  ] 2 test(s).\n[  SKIPPED ] %s\n[  SKIPPED ] 1 test(s), listed below:\n[  SKIPPED ] %s\n\n 1 SKIPPED TEST(S)\nEOF\n' \
		"$2" "$2" >"$TMPDIR/bin/$1"
	chmod +x "$TMPDIR/bin/$1"
	echo "$TMPDIR/bin/$1"
}
fresh
run_cmocka "$(fake_cmocka fake_cmocka test_expected)" >"$TMPDIR/run.out"
tallies "2 0 1" "an expected cmocka skip is counted apart"
fresh
run_cmocka "$(fake_cmocka fake_cmocka test_other)" >"$TMPDIR/run.out"
tallies "2 1 0" "an unexpected cmocka skip is a failure"

# ---- node:test's skips, through tests/lib.sh node_tests ----
mkdir -p "$TMPDIR/node"
cat >"$TMPDIR/node/fake.test.mjs" <<'EOF'
import test from 'node:test';
test('passes', () => {});
test('skipped', { skip: 'not here' }, () => {});
test('holds a skipped one', async (t) => {
	await t.test('inner skipped', { skip: true }, () => {});
	await t.test('inner runs', () => {});
});
test('skips itself', (t) => { t.skip('at run time'); });
EOF
fresh
run_shell "$(suite node "node_tests 'fake node' '$TMPDIR/node/'")" >"$TMPDIR/run.out"
tallies "2 0 3" "node:test's skips, nested ones too, are counted apart"
grep -q "fake node: skipped # SKIP not here" "$TMPDIR/summary.out" 2>/dev/null || summary >"$TMPDIR/summary.out"
grep -q "fake node: skipped # SKIP not here" "$TMPDIR/summary.out" && ok "runner: node's skip keeps its reason" ||
	not_ok "runner: node's skip: $(cat "$TMPDIR/summary.out")"
# The same file under a prefix the file does not expect: three failures.
fresh
run_shell "$(suite node2 "node_tests 'other node' '$TMPDIR/node/'")" >"$TMPDIR/run.out"
tallies "2 3 0" "node:test's unexpected skips fail"
finish
