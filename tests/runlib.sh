# tests/runlib.sh: how tests/run counts. Sourced by tests/run, and by tests/cli/runner.sh,
# which runs these same functions on fake suites to show that they can fail.
#
# Three tallies: passed, failed, skipped. A skip is not a pass: it is counted apart, and a
# skip that tests/expected-skips (or the file named by $expected_skips_file) does not list
# for the suite being run is counted as a failure, so CI fails on it. What counts as a skip:
#   - a shell suite's "ok - NAME # SKIP REASON" line (tests/lib.sh skip; node:test's skipped
#     and to-do tests come through tests/lib.sh node_tests in the same form);
#   - a cmocka binary's "[  SKIPPED ] test" lines (named "BINARY: test").
# Needs $root (the checkout) and $log_dir (scratch); sets passed, failed, skipped,
# failed_names, skip_lines.

passed=0
failed=0
skipped=0
failed_names=()
skip_lines=()		# "  SUITE NAME # SKIP REASON" and whether it was expected, for the summary
expected_skips_file=${expected_skips_file:-$root/tests/expected-skips}
suite_label=		# cli, pg, unit or asan: which lines of the expected-skips file apply

# skip_expected NAME: 0 when a line of the expected-skips file lists NAME for this suite.
# A line is "SUITES | NAME GLOB | WHY": SUITES a comma-separated list (or *), the glob a
# bash pattern matched against the whole name, WHY the reason the skip is honest here.
skip_expected() {
	local name=$1 suites glob why s
	[ -f "$expected_skips_file" ] || return 1
	while IFS='|' read -r suites glob why; do
		suites=$(echo "$suites" | tr -d ' \t')
		case $suites in '' | '#'*) continue ;; esac
		glob=${glob#"${glob%%[![:space:]]*}"}
		glob=${glob%"${glob##*[![:space:]]}"}
		[ -n "$glob" ] && [ -n "$(echo "$why" | tr -d ' \t')" ] || continue
		for s in ${suites//,/ }; do
			if [ "$s" = '*' ] || [ "$s" = "$suite_label" ]; then
				# shellcheck disable=SC2053 # the glob is a pattern on purpose
				[[ $name == $glob ]] && return 0
			fi
		done
	done <"$expected_skips_file"
	return 1
}

# note_skips SOURCE: reads "NAME<TAB>REASON" lines on stdin, one per skip SOURCE (a suite)
# reported;
# adds the expected ones to skipped; the caller adds the others (note_u) to its failures.
# Sets note_s and note_u (expected, unexpected). Runs in the caller's shell: feed it with
# `note_skips SRC < <(...)`, never through a pipe.
note_s=0
note_u=0
note_skips() {
	local name reason s=0 u=0
	while IFS=$'\t' read -r name reason; do
		if skip_expected "$name"; then
			s=$((s + 1))
			skip_lines+=("  [$suite_label] $name # SKIP $reason")
		else
			u=$((u + 1))
			skip_lines+=("  [$suite_label] $name # SKIP $reason   <- not expected here (tests/expected-skips): a failure")
		fi
	done
	skipped=$((skipped + s))
	note_s=$s
	note_u=$u
}

# shell_skips OUT: the skips in a shell suite's output, as "NAME<TAB>REASON".
shell_skips() {
	printf '%s\n' "$1" | sed -n -E 's/^ok - (.*) # (SKIP|TODO)( (.*))?$/\1\t\4/Ip'
}

run_cmocka() {	# $1: binary
	local bin=$1 out rc p f s u
	out=$("$bin" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or a sanitizer stopped it before cmocka's summary
	fi
	note_skips "$bin" < <(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([^ ].*\)$/\1/p' |
		grep -Ev '^[0-9]+ test\(s\)' | sort -u | sed "s|^|${bin#build/}: |; s|\$|\tskip() in the test|")
	s=$note_s
	u=$note_u
	f=$((f + u))
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failed_names+=("$bin")
		printf '%s\n' "$out" | grep -E 'FAILED|ERROR|SKIPPED|Sanitizer|runtime error|Failure' | head -20
	fi
	printf '  %-50s %3d passed, %d failed, %d skipped\n' "${bin#build/}${HEARTH_BACKEND:+ ($HEARTH_BACKEND)}" \
		"$p" "$f" "$((s + u))"
}

run_shell() {	# $1: script
	local t=$1 out rc p f s u scratch
	scratch=$(mktemp -d "$log_dir/scratch.XXXXXX")
	chmod 755 "$log_dir" "$scratch"
	out=$(HEARTH="$root/build/hearth" ROOT="$root" TMPDIR="$scratch" \
		STANDARDS="$root/../shared/standards" HEARTH_PG_DIR="${pg_dir:-}" HEARTH_PG_PORT="${pg_port:-}" \
		bash "$t" 2>&1)
	rc=$?
	# A skip's "ok" line is not a pass.
	p=$(printf '%s\n' "$out" | grep '^ok - ' | grep -Evic ' # (SKIP|TODO)( |$)')
	f=$(printf '%s\n' "$out" | grep -c '^not ok - ')
	note_skips "$t" < <(shell_skips "$out")
	s=$note_s
	u=$note_u
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	f=$((f + u))
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failed_names+=("$t")
		printf '%s\n' "$out" | grep -v '^ok - ' | head -40
	fi
	printf '  %-50s %3d passed, %d failed, %d skipped\n' "$t${HEARTH_BACKEND:+ ($HEARTH_BACKEND)}" "$p" "$f" \
		"$((s + u))"
	rm -rf "$scratch"
}

# The closing lines: the skips, each with its reason, then the one line CI reads,
# "tests: N passed, N failed, N skipped". Returns non-zero when anything failed.
summary() {
	if [ ${#skip_lines[@]} -gt 0 ]; then
		echo "skipped (not passed):"
		printf '%s\n' "${skip_lines[@]}"
	fi
	if [ ${#failed_names[@]} -gt 0 ]; then
		echo "failed: ${failed_names[*]}"
	fi
	echo "tests: $passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}
