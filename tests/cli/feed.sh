# backends: sqlite
# The DfE's children's social care API feed (issue 20 part 4), against a local stand-in for
# the DfE (tests/cli/feed_server.mjs: the OAuth2 token endpoint and the upload endpoint,
# each answering as a plan file says). On the demo county: the credentials only from a
# private file; a refused token sends nothing and marks nothing sent; the first run sends
# every child in the cohort, through a 503 and a timeout (retried with backoff); what was
# sent validates against docs/feed.schema.json (written from the spec's structure; the
# validator is shown to fail on a broken payload); a second run sends nothing, not even a
# token request; a change sends only that child; a retracted plan sends a purge stub; a
# retracted child and a merged-away record send purges; a 500 on every try marks nothing
# sent and the next run sends it; a batch that fails after one that passed is "partial",
# and only the rest goes next time; --out writes what changed; the log lists every run.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$TMPDIR/feed.db
if ! demo_county "$db"; then
	not_ok "feed: the demo county ($(head -c 200 "$TMPDIR/demo.err"))"
	finish
fi

srv=$TMPDIR/dfe
mkdir -p "$srv"
: >"$srv/log.jsonl"
node "$ROOT/tests/cli/feed_server.mjs" "$srv" >"$srv/out" 2>"$srv/err" &
srv_pid=$!
stop_dfe() { kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null; }
trap stop_dfe EXIT
port=
for _ in $(seq 200); do
	port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$srv/out" 2>/dev/null)
	[ -n "$port" ] && break
	kill -0 "$srv_pid" 2>/dev/null || break
	sleep 0.05
done
if [ -z "$port" ]; then
	not_ok "feed: the stand-in DfE started ($(head -c 300 "$srv/err"))"
	finish
fi
api="http://127.0.0.1:$port/children_social_care_data/{la_code}/children"
conf=$TMPDIR/feed.conf
write_conf() {	# write_conf BATCH_SIZE
	cat >"$conf" <<EOF
# the stand-in DfE (tests/cli/feed_server.mjs)
token_url = http://127.0.0.1:$port/token
client_id = hearth-test
client_secret = not-a-real-secret
scope = csc-api
supplier_key = supplier-key-1
timeout_seconds = 1
retries = 3
backoff_ms = 10
backoff_max_ms = 40
batch_size = $1
EOF
	chmod 600 "$conf"
}
write_conf 1000

# The server's log since line $mark, summed: tokens (answered 200), token_refused, uploads
# (answered 200), failed (other answers), hangs, children, purges (whole children), stubs,
# and the LA child ids and states of the children ("C000001:u" with u for updated or new,
# p for a purge) when there are at most 20.
mark=0
seen() {
	node -e '
		const [file, from] = process.argv.slice(1);
		const lines = require("fs").readFileSync(file, "utf8").split("\n").filter(Boolean).slice(Number(from)).map(JSON.parse);
		const s = {tokens: 0, token_refused: 0, uploads: 0, failed: 0, hangs: 0, children: 0, purges: 0, stubs: 0, ids: []};
		const unique = new Set();
		for (const l of lines) {
			if (l.status === "hang") { s.hangs++; continue; }
			if (l.kind === "token") { if (l.status === 200) s.tokens++; else s.token_refused++; continue; }
			if (l.status !== 200) { s.failed++; continue; }
			s.uploads++;
			for (const c of l.children) {
				s.children++; unique.add(c.mis_child_id);
				if (c.purge) s.purges++;
				s.stubs += c.stubs;
				s.ids.push(c.la_child_id + ":" + (c.purge ? "p" : "u"));
			}
		}
		s.unique = unique.size;
		s.ids = s.ids.length <= 20 ? s.ids.sort().join(",") : "many";
		console.log(Object.entries(s).map(([k, v]) => k + "=" + v).join(" "));
	' "$srv/log.jsonl" "$mark"
}
next_run() { mark=$(wc -l <"$srv/log.jsonl"); }
# field NAME: one field of the last seen() line.
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" "$TMPDIR/seen"; }
last_outcome() { q "$db" "SELECT outcome || ' ' || coalesce(http_status, '-') FROM feed_submission ORDER BY id DESC LIMIT 1"; }
items() { q "$db" "SELECT count(*) FROM feed_item"; }

# id LA: the record's id of the child with LA child id LA.
id() { q "$db" "SELECT id FROM child WHERE la_child_id = '$1' AND voided = 0"; }

# The cohort worked by hand: today 2026-03-31 (HEARTH_TODAY); 24 months back is 2024-03-31,
# in the financial year from 2023-04-01; a child is in when aged 25 or under on some day
# from then (their 26th birthday after 2023-04-01), or unborn with an expected date.
cohort=$(q "$db" "SELECT count(*) FROM child WHERE voided = 0 AND ((dob IS NULL AND expected_dob IS NOT NULL) OR (dob <= '2026-03-31' AND date(dob, '+26 years') > '2023-04-01'))")

# ---- the credentials: from a private file only ----
refuses "feed: --send without --config" "--config" $H feed "$db" --send "$api"
refuses "feed: a secret is not taken on the command line" "unexpected argument" $H feed "$db" --send "$api" --config "$conf" not-a-real-secret
cp "$conf" "$TMPDIR/open.conf"
chmod 644 "$TMPDIR/open.conf"
refuses "feed: a config file others may read is refused" "chmod 600" $H feed "$db" --send "$api" --config "$TMPDIR/open.conf"
refuses "feed: credentials are not sent in clear to another machine" "https" $H feed "$db" --send "http://dfe.example/x" --config "$conf"
[ ! -s "$srv/log.jsonl" ] && ok "feed: the refusals asked nothing of the API" || not_ok "feed: the refusals asked nothing of the API"

# ---- a dry run changes nothing and lists the cohort ----
before=$(digest "$db")
run_ok "$TMPDIR/dry.txt" $H feed "$db" --dry-run &&
	grep -q "^would deliver: $cohort new, 0 updated (0 purge stubs), 0 purged; 0 unchanged$" "$TMPDIR/dry.txt" &&
	ok "feed: a dry run lists every child of the cohort as new ($cohort)" ||
	not_ok "feed: a dry run lists every child of the cohort as new ($cohort; $(tail -1 "$TMPDIR/dry.txt"))"
[ "$(digest "$db")" = "$before" ] && ok "feed: a dry run changes nothing" || not_ok "feed: a dry run changes nothing"

# ---- a refused token: nothing sent, nothing marked sent, not retried ----
echo 401 >"$srv/token_plan"
next_run
refuses "feed: a refused token fails the run" "refused the client credentials" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field token_refused)" = 1 ] && [ "$(field uploads)" = 0 ] && [ "$(field failed)" = 0 ] && [ "$(items)" = 0 ] &&
	[ "$(last_outcome)" = "error 401" ] && ok "feed: refused token: one try, no upload, nothing marked sent, logged" ||
	not_ok "feed: refused token: one try, no upload, nothing marked sent, logged ($(cat "$TMPDIR/seen"); items $(items); $(last_outcome))"

# ---- the first run: every child, through a 503 and a timeout ----
printf '503\nhang\n' >"$srv/api_plan"
next_run
uploads=$(((cohort + 999) / 1000))
run_ok "$TMPDIR/send1.txt" $H feed "$db" --send "$api" --config "$conf" &&
	ok "feed: the first send succeeds through a 503 and a timeout" || not_ok "feed: the first send succeeds through a 503 and a timeout"
seen >"$TMPDIR/seen"
[ "$(field failed)" = 1 ] && [ "$(field hangs)" = 1 ] && [ "$(field uploads)" = "$uploads" ] &&
	[ "$(field children)" = "$cohort" ] && [ "$(field unique)" = "$cohort" ] && [ "$(field purges)" = 0 ] &&
	ok "feed: the first send delivers each of the $cohort children once, in $uploads uploads" ||
	not_ok "feed: the first send delivers each of the $cohort children once ($(cat "$TMPDIR/seen"))"
# Requests: one token, the 503, the timeout, then the uploads.
[ "$(items)" = "$cohort" ] && [ "$(last_outcome)" = "sent 200" ] &&
	[ "$(q "$db" "SELECT attempts FROM feed_submission ORDER BY id DESC LIMIT 1")" = $((1 + 2 + uploads)) ] &&
	ok "feed: the first send is logged (sent, HTTP 200, $((3 + uploads)) requests) and every child marked sent" ||
	not_ok "feed: the first send is logged ($(last_outcome); items $(items); $(q "$db" "SELECT attempts FROM feed_submission ORDER BY id DESC LIMIT 1") requests)"
[ "$(q "$db" "SELECT count(*) FROM feed_item WHERE response_id LIKE '____-__-__\_%' ESCAPE '\\'")" = "$cohort" ] &&
	ok "feed: each child's DfE submission id is kept" || not_ok "feed: each child's DfE submission id is kept"

# ---- what was sent validates against the schema written from the spec ----
if run_ok "$TMPDIR/schema.txt" node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$srv"/body-*.json; then
	ok "feed: every upload validates against docs/feed.schema.json"
else
	not_ok "feed: every upload validates against docs/feed.schema.json"
	head -8 "$TMPDIR/schema.txt" | sed 's/^/    /'
fi
# The check can fail: a date not in the spec's form, a key outside it, a purge not boolean.
node -e '
	const fs = require("fs");
	const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
	d.Children = d.Children.slice(0, 3);
	d.Children[0].child_details.date_of_birth = "26/07/2006";
	d.Children[1].nickname = "x";
	d.Children[2].purge = "no";
	fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$srv/body-1.json" "$TMPDIR/broken.json"
node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$TMPDIR/broken.json" >"$TMPDIR/broken.txt" 2>&1
[ $? = 1 ] && grep -q 'date_of_birth' "$TMPDIR/broken.txt" && grep -q 'nickname is not in the spec' "$TMPDIR/broken.txt" &&
	grep -q 'Children\[2\]' "$TMPDIR/broken.txt" && ok "feed: the schema check fails a broken payload" ||
	not_ok "feed: the schema check fails a broken payload ($(head -c 300 "$TMPDIR/broken.txt"))"

# ---- nothing changed: nothing sent, not even a token asked for ----
next_run
run_ok "$TMPDIR/send2.txt" $H feed "$db" --send "$api" --config "$conf" && [ "$(wc -l <"$srv/log.jsonl")" = "$mark" ] &&
	[ "$(last_outcome)" = "nothing -" ] && grep -q "0 new, 0 updated (0 purge stubs), 0 purged; $cohort unchanged" "$TMPDIR/send2.txt" &&
	ok "feed: a second run sends nothing (no request at all)" || not_ok "feed: a second run sends nothing ($(cat "$TMPDIR/send2.txt"); $(last_outcome))"

# A visit is not in the spec's payload: changing one sends nothing (the semantic hash).
visit=$(q "$db" "SELECT id FROM visit WHERE voided = 0 ORDER BY id LIMIT 1")
check "feed: a visit corrected" $H record "$db" update visit "$visit" --summary "corrected summary" --reason "typo"
run_ok "$TMPDIR/dry2.txt" $H feed "$db" --dry-run && grep -q '^would deliver: 0 new, 0 updated' "$TMPDIR/dry2.txt" &&
	ok "feed: a change outside the payload (a visit) sends nothing" || not_ok "feed: a change outside the payload (a visit) sends nothing ($(tail -1 "$TMPDIR/dry2.txt"))"

# ---- a change sends only that child (and an expired token is fetched again) ----
check "feed: a postcode changed" $H record "$db" update child "$(id C000001)" --postcode "WR1 7XX" --reason "moved house"
echo 401 >"$srv/api_plan"
next_run
run_ok "$TMPDIR/send3.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field ids)" = "C000001:u" ] && [ "$(field tokens)" = 2 ] && [ "$(field failed)" = 1 ] &&
	[ "$(q "$db" "SELECT state FROM feed_item ORDER BY id DESC LIMIT 1")" = updated ] &&
	ok "feed: a change sends only that child, as updated (a 401 fetched a new token)" ||
	not_ok "feed: a change sends only that child ($(cat "$TMPDIR/seen"))"
grep -q '"postcode":"WR1 7XX"' "$srv/body-$(ls "$srv" | grep -c '^body-').json" && ok "feed: the new postcode sent" ||
	not_ok "feed: the new postcode sent"

# ---- a retracted plan: the child sent with a purge stub for it ----
cp_row=$(q "$db" "SELECT p.id || '|' || c.la_child_id FROM cp_plan p JOIN child c ON c.id = p.child_id WHERE p.voided = 0 AND c.la_child_id LIKE 'C%' AND c.id > 1 ORDER BY p.id LIMIT 1")
cp=${cp_row%%|*} cp_child=${cp_row#*|}
check "feed: a CP plan retracted" $H record "$db" void cp_plan "$cp" --reason "entered in error"
next_run
run_ok "$TMPDIR/send4.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
last_body=$srv/body-$(ls "$srv" | grep -c '^body-').json
stub_ok=$(node -e '
	const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const stubs = [];
	for (const e of d.Children[0].social_care_episodes || []) for (const p of e.child_protection_plans || []) if (p.purge) stubs.push(p);
	console.log(stubs.length === 1 && stubs[0].child_protection_plan_id === process.argv[2] && Object.keys(stubs[0]).length === 2 ? "yes" : JSON.stringify(stubs));
' "$last_body" "$cp")
[ "$(field ids)" = "$cp_child:u" ] && [ "$(field stubs)" = 1 ] && [ "$stub_ok" = yes ] &&
	ok "feed: a retracted CP plan sends its child with {child_protection_plan_id: $cp, purge: true}" ||
	not_ok "feed: a retracted CP plan sends a purge stub ($(cat "$TMPDIR/seen"); $stub_ok)"
check "feed: the stub's upload validates" node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$last_body"

# ---- a retracted child and a merged-away record: purges ----
# A referral recorded on the duplicate DUP01 goes to the DfE with it; merged into C000100,
# DUP01 is purged and C000100 sent updated, now holding the referral.
check "feed: a referral on DUP01" $H record "$db" referral --child "$(id DUP01)" --referral-date 2026-03-02 --source 1A --nfa no
next_run
run_ok "$TMPDIR/send4b.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field ids)" = "DUP01:u" ] && ok "feed: DUP01 sent with its referral" || not_ok "feed: DUP01 sent with its referral ($(cat "$TMPDIR/seen"))"
check "feed: a child retracted" $H record "$db" void child "$(id C000003)" --reason "entered in error"
check "feed: DUP01 merged into C000100" $H merge "$db" C000100 DUP01 --reason "the same child"
next_run
run_ok "$TMPDIR/send5.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
last_body=$srv/body-$(ls "$srv" | grep -c '^body-').json
purge_ok=$(node -e '
	const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const p = d.Children.filter((c) => c.purge === true);
	console.log(p.length === 2 && p.every((c) => Object.keys(c).sort().join() === "la_child_id,mis_child_id,purge") ? "yes" : JSON.stringify(p));
' "$last_body")
[ "$(field ids)" = "C000003:p,C000100:u,DUP01:p" ] && [ "$purge_ok" = yes ] &&
	[ "$(q "$db" "SELECT group_concat(state, ',') FROM (SELECT state FROM feed_item ORDER BY id DESC LIMIT 3)")" = "purged,purged,updated" ] &&
	ok "feed: the retracted child and the merged-away record sent as purges, the kept record updated" ||
	not_ok "feed: retraction and merge send purges ($(cat "$TMPDIR/seen"); $purge_ok)"
check "feed: the purges' upload validates" node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$last_body"
run_ok "$TMPDIR/dry3.txt" $H feed "$db" --dry-run && grep -q '^would deliver: 0 new, 0 updated (0 purge stubs), 0 purged' "$TMPDIR/dry3.txt" &&
	ok "feed: a purge is sent once" || not_ok "feed: a purge is sent once ($(tail -1 "$TMPDIR/dry3.txt"))"

# ---- a 500 on every try: the run fails, nothing is marked sent, the next run sends it ----
check "feed: C000005's postcode changed" $H record "$db" update child "$(id C000005)" --postcode "WR5 1AA" --reason "moved"
printf '500\n500\n500\n500\n' >"$srv/api_plan"
items_before=$(items)
next_run
refuses "feed: a 500 on every try fails the run" "no answer after 4 tries" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field failed)" = 4 ] && [ "$(field uploads)" = 0 ] && [ "$(items)" = "$items_before" ] && [ "$(last_outcome)" = "error 500" ] &&
	ok "feed: 4 tries (3 retries), nothing marked sent, logged as error 500" ||
	not_ok "feed: 500 on every try ($(cat "$TMPDIR/seen"); items $(items) vs $items_before; $(last_outcome))"
next_run
run_ok "$TMPDIR/send6.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field ids)" = "C000005:u" ] && ok "feed: what failed is sent by the next run" || not_ok "feed: what failed is sent by the next run ($(cat "$TMPDIR/seen"))"

# ---- a failure part-way: the batches answered are kept, only the rest goes next time ----
write_conf 1
check "feed: C000007 changed" $H record "$db" update child "$(id C000007)" --postcode "WR7 1AA" --reason "moved"
check "feed: C000009 changed" $H record "$db" update child "$(id C000009)" --postcode "WR9 1AA" --reason "moved"
printf 'ok\n500\n500\n500\n500\n' >"$srv/api_plan"
next_run
refuses "feed: a batch failing after one passed fails the run" "no answer" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field ids)" = "C000007:u" ] && [ "$(last_outcome)" = "partial 500" ] &&
	[ "$(q "$db" "SELECT n_delivered FROM feed_submission ORDER BY id DESC LIMIT 1")" = 1 ] &&
	ok "feed: partial: the first batch kept, logged as partial" || not_ok "feed: partial ($(cat "$TMPDIR/seen"); $(last_outcome))"
next_run
run_ok "$TMPDIR/send7.txt" $H feed "$db" --send "$api" --config "$conf"
seen >"$TMPDIR/seen"
[ "$(field ids)" = "C000009:u" ] && ok "feed: after a partial run only the rest is sent" ||
	not_ok "feed: after a partial run only the rest is sent ($(cat "$TMPDIR/seen"))"

# ---- --out: the changed children to a file, counted as delivered ----
check "feed: C000011 changed" $H record "$db" update child "$(id C000011)" --postcode "WR11 1AA" --reason "moved"
run_ok "$TMPDIR/out.txt" $H feed "$db" --out "$TMPDIR/feed.json" &&
	node -e '
		const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		process.exit(d.la_code === 885 && d.Children.length === 1 && d.Children[0].la_child_id === "C000011" ? 0 : 1);
	' "$TMPDIR/feed.json" && [ "$(last_outcome)" = "written -" ] &&
	ok "feed: --out writes only the changed child, logged as written" || not_ok "feed: --out writes only the changed child ($(cat "$TMPDIR/out.txt"))"
check "feed: the file validates" node "$ROOT/tests/cli/jsonschema.mjs" "$ROOT/docs/feed.schema.json" "$TMPDIR/feed.json"
run_ok "$TMPDIR/dry4.txt" $H feed "$db" --dry-run && grep -q '^would deliver: 0 new, 0 updated' "$TMPDIR/dry4.txt" &&
	ok "feed: what was written is not delivered again" || not_ok "feed: what was written is not delivered again"

# ---- the log, and each child's audit trail ----
want="written sent partial sent error sent sent sent sent nothing sent error"
run_ok "$TMPDIR/log.json" $H feed "$db" --log --format json &&
	[ "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).map((s) => s.outcome).join(" "))' "$TMPDIR/log.json")" = "$want" ] &&
	ok "feed: the log lists every run, newest first, with its outcome" ||
	not_ok "feed: the log lists every run ($(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).map((s) => s.outcome).join(" "))' "$TMPDIR/log.json"))"
run_ok "$TMPDIR/log.txt" $H feed "$db" --log && grep -q '^12 submissions$' "$TMPDIR/log.txt" && grep -q 'no answer after 4 tries: HTTP 500; the answer: {"error":"planned"}' "$TMPDIR/log.txt" &&
	ok "feed: the text log, with the answer" || not_ok "feed: the text log, with the answer"
run_ok "$TMPDIR/audit.txt" $H audit "$db" --child 1 && [ "$(grep -c 'disclose' "$TMPDIR/audit.txt")" = 2 ] &&
	ok "feed: each delivery is in the child's audit trail" || not_ok "feed: each delivery is in the child's audit trail ($(grep -c disclose "$TMPDIR/audit.txt"))"
check "feed: the audit chain still verifies" $H audit "$db" --verify
finish
