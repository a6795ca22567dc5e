# shellcheck shell=bash disable=SC2034
# bench/lib.sh: what every bench shares (sourced, not run). The rules it keeps for all of
# them (bench/README.md): the same record, built once; the measured thing and its reference
# alternating for ROUNDS rounds (at least 5) so the machine's drift hits both alike; medians
# with min-max; nginx given the connection settings hearth has; one RESULT line at the end.
#
# Sets H (hearth), RAW (the raw reader), AS_AT, SCALE, DB, ROUNDS. SCALE comes from
# --scale (bench_args) or the SCALE variable; DB from DB or build/bench-$SCALE.db.

AS_AT=2026-03-31
export HEARTH_TODAY=$AS_AT
H=${HEARTH:-build/hearth}
RAW=${RAW:-build/raw_scan}
SCALE=${SCALE:-county}
ROUNDS=${ROUNDS:-5}

bench_die() { echo "$BENCH: $*" >&2; exit 1; }

# bench_setup: builds what is missing and makes the record once.
bench_setup() {
	[ "$ROUNDS" -ge 5 ] 2>/dev/null || bench_die "ROUNDS must be at least 5 (it is $ROUNDS)"
	DB=${DB:-build/bench-$SCALE.db}
	if [ -z "${HEARTH:-}" ] || [ ! -x "$RAW" ]; then
		make --no-print-directory -s bench >&2 || bench_die "make bench failed"
	fi
	[ -x "$H" ] || bench_die "no hearth at $H"
	if [ ! -f "$DB" ]; then
		echo "$BENCH: making the demo record $DB (seed 1, $SCALE, as at $AS_AT; england takes a while)..." >&2
		"$H" demo "$DB" --seed 1 --scale "$SCALE" --as-at "$AS_AT" >/dev/null || bench_die "hearth demo failed"
	fi
}

# stats: reads numbers, one a line; prints "median min max" (the median of an even count is
# the mean of the middle two).
stats() {
	sort -g | awk '{v[NR] = $1} END {
		if (NR == 0) { print "nan nan nan"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.6g %.6g %.6g\n", m, v[1], v[NR] }'
}

# fmt_stats FILE [SCALE]: "median (min-max)" of the numbers in FILE, each times SCALE.
fmt_stats() {
	local med lo hi
	read -r med lo hi < <(stats <"$1")
	awk -v m="$med" -v a="$lo" -v b="$hi" -v k="${2:-1}" '
		function f(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.3g", x) }
		BEGIN { printf "%s (%s-%s)", f(m * k), f(a * k), f(b * k) }'
}
median_of() { stats <"$1" | awk '{ if ($1 >= 1000) printf "%.0f\n", $1; else printf "%.4g\n", $1 }'; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# now_s: wall clock in seconds (nanosecond resolution). time_cmd CMD...: runs CMD with its
# output discarded and prints its wall seconds; fails when CMD fails.
now_s() { date +%s.%N; }
time_cmd() {
	local t0 t1
	t0=$(now_s)
	"$@" >/dev/null || bench_die "failed: $*"
	t1=$(now_s)
	echo "$t1 - $t0" | bc -l
}

# start_hearth DB NAME: hearth serve on DB with THREADS threads (and hearth's own default
# connection settings: a 30 s idle timeout, no limit of requests on a kept-alive connection).
# Sets serve_pid and serve_url (ending in /).
start_hearth() {
	"$H" serve "$1" --listen 127.0.0.1:0 --threads "$THREADS" >"$WORK/$2.out" 2>"$WORK/$2.log" &
	serve_pid=$!
	for _ in $(seq 200); do
		grep -q 'http://' "$WORK/$2.out" 2>/dev/null && break
		sleep 0.05
	done
	serve_url=$(grep -o 'http://[^ ]*' "$WORK/$2.out" || true)
	[ -n "$serve_url" ] || { cat "$WORK/$2.log" >&2; bench_die "hearth serve ($2) did not start"; }
}

# start_nginx ROOT TYPE: nginx serving the files under ROOT (as TYPE), with the connection
# settings hearth has: as many workers as hearth has threads, keep-alive for 30 s idle (hearth's
# --timeout) and no practical limit of requests per connection (libmicrohttpd has none; nginx's
# default of 1000 would make it reconnect, which hearth never asks of wrk). Sets nginx_pid and
# nginx_url (ending in /).
start_nginx() {
	local root=$1 type=$2 port
	mkdir -p "$WORK/nginx/tmp" "$WORK/nginx/logs"
	port=$(free_port)
	cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $THREADS;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/tmp/body;
	proxy_temp_path $WORK/nginx/tmp/proxy;
	fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
	uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
	scgi_temp_path $WORK/nginx/tmp/scgi;
	types { }
	default_type "$type";
	keepalive_timeout 30s;
	keepalive_requests 1000000000;
	server { listen 127.0.0.1:$port; root $root; }
}
CONF
	nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/start.log" &
	nginx_pid=$!
	nginx_url="http://127.0.0.1:$port/"
	for _ in $(seq 100); do
		curl -s -o /dev/null "$nginx_url" 2>/dev/null && return 0
		sleep 0.05
	done
	cat "$WORK/nginx/start.log" >&2
	bench_die "nginx did not start"
}

# run_wrk PATHS_FILE URL [wrk options...]: wrk -tWRK_THREADS -cCONNS -dDURATION cycling
# through the requests in PATHS_FILE (bench/cycle.lua); prints "rate p99_ms requests".
run_wrk() {
	local paths=$1 url=$2 out
	shift 2
	out=$(wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/cycle.lua "$@" "$url" -- "$paths") ||
		bench_die "wrk failed against $url"
	awk '/^Requests\/sec:/ {r = $2}
		$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)}
		             else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; p = v}
		/requests in/ {n = $1}
		END {print r, p, n}' <<<"$out"
	# An answer other than 200 (a 429 from the per-person rate, a refusal) is cheaper than the
	# read it stands for: a run with any is no measure.
	if grep -E 'Non-2xx' <<<"$out" >&2; then
		bench_die "wrk had answers other than 2xx from $url"
	fi
	grep -E 'Socket errors' <<<"$out" | sed "s|^|  wrk ($url): |" >&2 || true
}

# lift_rate DB: the per-person request rate at its maximum (settings user_requests_per_minute
# and user_request_burst): a bench measures the server, not the limit that keeps one person
# from filling the audit trail (10,000 a second each is still a limit: spread over people).
lift_rate() {
	"$H" settings "$1" set user_requests_per_minute 600000 >/dev/null || bench_die "cannot set the request rate"
	"$H" settings "$1" set user_request_burst 100000 >/dev/null || bench_die "cannot set the request burst"
}

# bench_users DB ROLE TEAM COUNT [hearth user options...]: adds COUNT people (bench_ROLE_1...)
# with password bench-password-1, and lifts the per-person rate. Prints the usernames.
bench_users() {
	local db=$1 role=$2 team=$3 count=$4 k
	shift 4
	lift_rate "$db"
	for k in $(seq "$count"); do
		echo "bench-password-1" | "$H" user "$db" add "bench_${role}_$k" --role "$role" --team "$team" "$@" >/dev/null ||
			bench_die "cannot add user bench_${role}_$k"
		echo "bench_${role}_$k"
	done
}

# kill_started PID...: stops the processes this bench started, by their id.
kill_started() {
	local p
	for p in "$@"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	return 0
}

# bench_args "$@": the options every bench takes; sets SCALE and REST (the others).
bench_args() {
	REST=()
	while [ $# -gt 0 ]; do
		case $1 in
		--scale) SCALE=$2; shift 2 ;;
		--scale=*) SCALE=${1#--scale=}; shift ;;
		--rounds) ROUNDS=$2; shift 2 ;;
		*) REST+=("$1"); shift ;;
		esac
	done
	case $SCALE in county | england) ;; *) bench_die "--scale is county or england, not $SCALE" ;; esac
}
