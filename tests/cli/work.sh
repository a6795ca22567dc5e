# backends: sqlite pg
# One way to save (src/work): `hearth record` and `hearth child add` refuse exactly what
# the JSON API refuses, with the same field, rule and message, and neither stores anything
# when it refuses: a visit dated tomorrow or 2199-12-31, a child not seen but seen alone, a
# note dated 2150, a code outside its list, a child born in the future. Then what they
# accept they both accept.
. "$ROOT/tests/lib.sh"
H=$HEARTH
db=$(new_db work)
PASSWORD=hearth-work-password
TOMORROW=2026-04-01 # HEARTH_TODAY is 2026-03-31 (tests/lib.sh)
[ "$HEARTH_TODAY" = 2026-03-31 ] || { not_ok "work: HEARTH_TODAY is $HEARTH_TODAY, not 2026-03-31"; exit 1; }

fixture() {
	"$H" "$@" >>"$TMPDIR/fixture.out" 2>&1 || {
		not_ok "work: fixture: $*"
		tail -3 "$TMPDIR/fixture.out" | sed 's/^/    /'
		exit 1
	}
}
fixture init "$db"
fixture record "$db" team --name "Work Team" --service cin_cp --opened 2020-01-01
fixture record "$db" worker --staff-id WK1 --given-name Wyn --family-name Kay --role social_worker \
	--team "Work Team" --fte 1 --agency no --case-holder yes --start-date 2020-01-01
fixture child "$db" add --given Pip --family Rowe --dob 2015-05-06 --sex M --la-id WC1
fixture record "$db" allocation --child WC1 --worker WK1 --kind sw --start-date 2025-01-06
echo "$PASSWORD" | fixture user "$db" add work_sw --role social_worker --team "Work Team" --worker WK1
child=$(q "$db" "SELECT id FROM child WHERE la_child_id = 'WC1'")

if ! serve "$db"; then
	not_ok "work: hearth serve did not start"
	sed 's/^/    /' "$TMPDIR/serve.log" | head -20
	exit 1
fi
curl -sf -c "$TMPDIR/jar" -H 'Content-Type: application/json' \
	-d "{\"username\":\"work_sw\",\"password\":\"$PASSWORD\"}" "$HEARTH_URL/api/session" >"$TMPDIR/session.json" ||
	{ not_ok "work: sign in"; exit 1; }
csrf=$(jq -r .csrf_token "$TMPDIR/session.json")

# api METHOD PATH JSON: the answer's body in $TMPDIR/api.json, its status printed.
api() {
	curl -s -o "$TMPDIR/api.json" -w '%{http_code}' -b "$TMPDIR/jar" -H "X-CSRF-Token: $csrf" \
		-H 'Content-Type: application/json' -X "$1" --data-binary "$3" "$HEARTH_URL$2"
}

# same NAME API_PATH JSON CLI_ARGS...: the API answers 422 and the command fails, both with
# the API's first reason ("field: message (rule: rule)", as the shell prints an error), and
# the record is unchanged by either.
same() {
	local name=$1 path=$2 json=$3 status want
	shift 3
	local before
	before=$(digest "$db")
	status=$(api POST "$path" "$json")
	if [ "$status" != 422 ]; then
		not_ok "$name: the API answered $status, not 422: $(head -c 300 "$TMPDIR/api.json")"
		return
	fi
	want=$(jq -r '.errors[0] | "\(.field): \(.message) (rule: \(.rule))"' "$TMPDIR/api.json")
	if [ -z "$want" ] || [ "$(jq -r '.errors[0].message' "$TMPDIR/api.json")" != "$(jq -r .error "$TMPDIR/api.json")" ]; then
		not_ok "$name: the 422 lists no first reason: $(head -c 300 "$TMPDIR/api.json")"
		return
	fi
	if "$H" "$@" >"$TMPDIR/cli.out" 2>"$TMPDIR/cli.err"; then
		not_ok "$name: hearth $1 accepted what the API refused ($want)"
	elif ! grep -qxF "hearth: $want" "$TMPDIR/cli.err"; then
		not_ok "$name: the API said '$want'; the shell said '$(head -c 300 "$TMPDIR/cli.err")'"
	elif [ "$(digest "$db")" != "$before" ]; then
		not_ok "$name: refused, but the record changed"
	else
		ok "$name: both refuse with '$want'"
	fi
}

visits=/api/children/$child/records/visit
same "a visit dated tomorrow" "$visits" \
	"{\"visit_date\":\"$TOMORROW\",\"kind\":\"cin\",\"seen\":true,\"seen_alone\":false}" \
	record "$db" visit --child WC1 --visit-date "$TOMORROW" --kind cin --seen yes --seen-alone no
same "a visit dated 2199-12-31" "$visits" \
	'{"visit_date":"2199-12-31","kind":"cin","seen":true,"seen_alone":false}' \
	record "$db" visit --child WC1 --visit-date 2199-12-31 --kind cin --seen yes --seen-alone no
same "a child not seen but seen alone" "$visits" \
	'{"visit_date":"2026-03-30","kind":"cin","seen":false,"seen_alone":true}' \
	record "$db" visit --child WC1 --visit-date 2026-03-30 --kind cin --seen no --seen-alone yes
same "a note dated 2150" "/api/children/$child/records/note" \
	'{"note_date":"2150-06-01","kind":"case_note","child_voice":false,"body":"written ahead"}' \
	record "$db" note --child WC1 --note-date 2150-06-01 --kind case_note --child-voice no --body "written ahead"
same "a visit of a kind outside its list" "$visits" \
	'{"visit_date":"2026-03-30","kind":"zz","seen":true,"seen_alone":false}' \
	record "$db" visit --child WC1 --visit-date 2026-03-30 --kind zz --seen yes --seen-alone no
same "a child born in the future" /api/children \
	'{"given_name":"Fay","family_name":"Later","dob":"2199-01-01","sex":"F"}' \
	child "$db" add --given Fay --family Later --dob 2199-01-01 --sex F

# Both list every reason: two future dates and the seen-alone rule at once.
status=$(api POST "$visits" '{"visit_date":"2199-12-31","kind":"cin","seen":false,"seen_alone":true}')
n=$(jq '.errors | length' "$TMPDIR/api.json")
"$H" record "$db" visit --child WC1 --visit-date 2199-12-31 --kind cin --seen no --seen-alone yes 2>"$TMPDIR/cli.err" && n_cli=0 ||
	n_cli=$(grep -c '^hearth: ' "$TMPDIR/cli.err")
if [ "$status" = 422 ] && [ "$n" = 2 ] && [ "$n_cli" = 2 ]; then
	ok "every reason is listed, by the API and the shell alike (2)"
else
	not_ok "every reason: API $status with $n, shell $n_cli: $(head -c 300 "$TMPDIR/api.json")"
fi

# What one accepts, the other accepts.
status=$(api POST "$visits" '{"visit_date":"2026-03-30","kind":"cin","seen":true,"seen_alone":true}')
[ "$status" = 201 ] && ok "the API records a visit dated yesterday" || not_ok "the API: $status $(head -c 300 "$TMPDIR/api.json")"
check "the shell records a visit dated yesterday" \
	"$H" record "$db" visit --child WC1 --visit-date 2026-03-30 --kind cin --seen yes --seen-alone yes
n=$(q "$db" "SELECT count(*) FROM visit WHERE child_id = $child AND visit_date = '2026-03-30'")
[ "$n" = 2 ] && ok "both visits are stored" || not_ok "visits stored: $n"
check "the record is sound" "$H" check "$db"
finish
