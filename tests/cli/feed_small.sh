# backends: sqlite pg
# The DfE feed on a record of two children, on either engine (tests/cli/feed.sh does the
# demo county and the HTTP side on SQLite): a dry run records nothing; the first --out delivers both, a second
# delivers nothing; a retracted referral sends its child with a purge stub for the episode,
# a retracted child sends a purge, each once; the files validate against the schema; the
# log lists the runs; hearth copy carries what was delivered, so the copy sends nothing new.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db feed_small)
check "feed small: init" $H init "$db"
check "feed small: C1" $H child "$db" add --given Amy --family Smith --dob 2015-03-02 --sex F --ethnicity WBRI --la-id C1
check "feed small: C2" $H child "$db" add --given Bo --family Smith --dob 2016-03-02 --sex M --ethnicity WBRI --la-id C2
check "feed small: a referral" $H record "$db" referral --child C1 --referral-date 2025-01-10 --source 1A --nfa no
validate() { node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$1"; }
# children FILE: the children of a file as "LA:purge:episode stubs", sorted.
children() {
	node -e '
		const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		console.log(d.Children.map((c) => c.la_child_id + ":" + c.purge + ":" +
			(c.social_care_episodes || []).filter((e) => e.purge).length).sort().join(","));
	' "$1"
}

# A dry run with --out writes what would be sent, and records nothing.
run_ok "$TMPDIR/dry.txt" $H feed "$db" --dry-run --out "$TMPDIR/dry.json" && [ "$(children "$TMPDIR/dry.json")" = "C1:false:0,C2:false:0" ] &&
	[ "$(q "$db" "SELECT count(*) FROM feed_submission")" = 0 ] && [ "$(q "$db" "SELECT count(*) FROM feed_item")" = 0 ] &&
	ok "feed small: a dry run writes what would be sent, recording nothing" ||
	not_ok "feed small: a dry run writes what would be sent, recording nothing ($(cat "$TMPDIR/dry.txt"))"
run_ok "$TMPDIR/a.txt" $H feed "$db" --out "$TMPDIR/a.json" && [ "$(children "$TMPDIR/a.json")" = "C1:false:0,C2:false:0" ] &&
	ok "feed small: the first run delivers both" || not_ok "feed small: the first run delivers both ($(cat "$TMPDIR/a.txt"))"
check "feed small: the first file validates" validate "$TMPDIR/a.json"
run_ok "$TMPDIR/b.txt" $H feed "$db" --out "$TMPDIR/b.json" && [ "$(children "$TMPDIR/b.json")" = "" ] &&
	grep -q 'nothing: 0 new, 0 updated (0 purge stubs), 0 purged; 2 unchanged' "$TMPDIR/b.txt" &&
	ok "feed small: a second run delivers nothing" || not_ok "feed small: a second run delivers nothing ($(cat "$TMPDIR/b.txt"))"

ref=$(q "$db" "SELECT id FROM referral ORDER BY id LIMIT 1")
c2=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'C2'")
check "feed small: the referral retracted" $H record "$db" void referral "$ref" --reason "entered in error"
check "feed small: C2 retracted" $H record "$db" void child "$c2" --reason "entered in error"
run_ok "$TMPDIR/c.txt" $H feed "$db" --out "$TMPDIR/c.json" && [ "$(children "$TMPDIR/c.json")" = "C1:false:1,C2:true:0" ] &&
	ok "feed small: a purge stub for the referral, a purge for the child" ||
	not_ok "feed small: purge stub and purge ($(children "$TMPDIR/c.json"); $(cat "$TMPDIR/c.txt"))"
check "feed small: the purges validate" validate "$TMPDIR/c.json"
run_ok "$TMPDIR/d.txt" $H feed "$db" --dry-run && grep -q '^would deliver: 0 new, 0 updated (0 purge stubs), 0 purged; 1 unchanged$' "$TMPDIR/d.txt" &&
	ok "feed small: purges are sent once" || not_ok "feed small: purges are sent once ($(tail -1 "$TMPDIR/d.txt"))"
run_ok "$TMPDIR/log.json" $H feed "$db" --log --format json &&
	[ "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).map((s) => s.outcome + "/" + s.delivered).join(" "))' "$TMPDIR/log.json")" = "written/2 nothing/0 written/2" ] &&
	ok "feed small: the log" || not_ok "feed small: the log ($(head -c 300 "$TMPDIR/log.json"))"

# A copy to a fresh SQLite file carries the feed's tables: it has nothing new to send.
copy=$TMPDIR/feed_small_copy.db
rm -f "$copy"
check "feed small: copied" $H copy "$db" "$copy"
run_ok "$TMPDIR/e.txt" $H feed "$copy" --dry-run && grep -q '^would deliver: 0 new, 0 updated (0 purge stubs), 0 purged; 1 unchanged$' "$TMPDIR/e.txt" &&
	ok "feed small: the copy remembers what was delivered" || not_ok "feed small: the copy remembers what was delivered ($(tail -1 "$TMPDIR/e.txt"))"

# One run at a time: a run still going (begun an hour ago) refuses a second; one begun 13
# hours ago died without ending, and the next run closes it as abandoned.
started=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
q "$db" "INSERT INTO feed_submission (started_at, mode, target, actor, n_new, n_updated, n_purged, n_unchanged, outcome) VALUES ('$started', 'send', 'x', 'cli:other', 0, 0, 0, 0, 'running')" >/dev/null
running=$(q "$db" "SELECT max(id) FROM feed_submission")
before=$(q "$db" "SELECT count(*) FROM feed_submission")
refuses "feed small: a second run while one is running is refused" "another feed run is in progress (submission $running" \
	$H feed "$db" --out "$TMPDIR/f.json"
[ "$(q "$db" "SELECT count(*) FROM feed_submission")" = "$before" ] && ok "feed small: the refused run left no trace" ||
	not_ok "feed small: the refused run left no trace"
started=$(date -u -d '13 hours ago' +%Y-%m-%dT%H:%M:%SZ)
q "$db" "UPDATE feed_submission SET started_at = '$started' WHERE id = $running" >/dev/null
run_ok "$TMPDIR/g.txt" $H feed "$db" --out "$TMPDIR/g.json" &&
	[ "$(q "$db" "SELECT outcome || ' ' || message FROM feed_submission WHERE id = $running")" = "error abandoned: the run did not finish" ] &&
	ok "feed small: a run that died 13 hours ago is closed as abandoned, and the next runs" ||
	not_ok "feed small: a run that died is closed as abandoned ($(cat "$TMPDIR/g.txt.err"))"
finish
