# Every fuzz corpus file (fuzz/corpus/NAME/: the seeds, the hand-made attacks and every
# crash `make fuzz` has found) replayed through its harness under ASan/UBSan, built with the
# project's own compiler (build/fuzz/replay/NAME, made by `make test` or `make fuzz-replay`).
# One check per harness; a crash, a sanitizer report or a broken invariant of the harness
# fails it, naming the file.
. "$ROOT/tests/lib.sh"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
corpora=$(find "$ROOT/fuzz/corpus" -mindepth 1 -maxdepth 1 -type d | sort)
[ -n "$corpora" ] || not_ok "fuzz replay: no corpora in fuzz/corpus"
for dir in $corpora; do
	name=$(basename "$dir")
	bin=$ROOT/build/fuzz/replay/$name
	files=$(find "$dir" -type f | wc -l)
	if [ ! -x "$bin" ]; then
		not_ok "fuzz replay $name: no replay binary $bin (make fuzz-replay)"
		continue
	fi
	if [ "$files" -eq 0 ]; then
		not_ok "fuzz replay $name: the corpus is empty"
		continue
	fi
	(cd "$TMPDIR" && "$bin" "$dir") >"$TMPDIR/replay.out" 2>"$TMPDIR/replay.err"
	rc=$?
	done_n=$(grep -c '^replayed ' "$TMPDIR/replay.out")
	if [ "$rc" -eq 0 ] && [ "$done_n" -eq "$files" ]; then
		ok "fuzz replay $name: $files corpus files, no crash or sanitizer report"
	else
		last=$(ls "$dir" | sort | sed -n "$((done_n + 1))p")
		not_ok "fuzz replay $name: exit $rc after $done_n of $files files (failed on ${last:-?})"
		grep -m5 'ERROR\|SUMMARY\|runtime error' "$TMPDIR/replay.err" | sed 's/^/    /'
	fi
done
# The harness itself can fail: a replay binary given an input its invariants refuse (the
# cookie harness aborts when its own check disagrees) must not pass. A missing file does.
if [ -x "$ROOT/build/fuzz/replay/uri" ]; then
	if "$ROOT/build/fuzz/replay/uri" "$TMPDIR/no-such-file" >/dev/null 2>&1; then
		not_ok "fuzz replay: a missing corpus file fails the replay"
	else
		ok "fuzz replay: a missing corpus file fails the replay"
	fi
fi
finish
