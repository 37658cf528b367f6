#!/usr/bin/env bash
# Load each main page of a running `hasap serve` with bench/load and print
# one markdown row per page (org | page | clients | req/s | p50 | p90 | p99 |
# max | KB gzip), the full output of each run going to $OUT/NAME.txt.
#
#   bench/load/pages.sh URL DEMO_PWFILE BIG_PWFILE [SERVER_PID]
#
# URL is the server's base address (http://127.0.0.1:PORT); DEMO_PWFILE holds
# the password `hasap serve --demo` printed for demo@hasap.example;
# BIG_PWFILE the password of u@x.tm, a viewer of organisation big (the 1M
# journal; see BENCHMARKS.md section 4). SERVER_PID, if given, adds the
# server's CPU time per request.
#
# Environment: LOAD (the bench/load binary; default: go build it), CLIENTS
# (default 100), DURATION (default 20s), WARMUP (requests before measuring,
# default 200), RATE (open loop at this many requests per second, served by
# the CLIENTS; default: closed loop), OUT (default a new temp dir), PAGES (a regexp: only the
# pages whose "org | page" label matches), DEMO_YEAR (default: last year),
# BIG_MONTH (default 2023-06), BUSY (the busy account of big, default
# liabilities:vat:68.02).
set -u -o pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 3 ] || { sed -n '2,20p' "$0" >&2; exit 2; }
URL=$1 DEMO_PW=$2 BIG_PW=$3 PID=${4:-0}
OUT=${OUT:-$(mktemp -d /tmp/hasap-load.XXXXXX)}
mkdir -p "$OUT"
LOAD=${LOAD:-}
if [ -z "$LOAD" ]; then
	LOAD=$OUT/load
	go build -o "$LOAD" ./bench/load || exit 1
fi
C=${CLIENTS:-100} D=${DURATION:-20s} W=${WARMUP:-200} RATE=${RATE:-0}
Y=${DEMO_YEAR:-$(($(date +%Y) - 1))}
M=${BIG_MONTH:-2023-06}
BUSY=${BUSY:-liabilities:vat:68.02}
last=$(date -d "$M-01 +1 month -1 day" +%F)

demo=(-email demo@hasap.example -password-file "$DEMO_PW")
big=(-email u@x.tm -password-file "$BIG_PW")
# name|org|page label|path
pages=(
	"demo-journal|demo|journal (50 entries)|/o/demo/journal"
	"demo-card51|demo|account card 51, year|/o/demo/accounts/51/card?from=$Y-01-01&to=$Y-12-31"
	"demo-tb|demo|trial balance, year|/o/demo/trial-balance?from=$Y-01-01&to=$Y-12-31"
	"demo-home|demo|home|/o/demo/"
	"big-journal|big|journal, first page|/o/big/journal"
	"big-card|big|account card $BUSY, $M|/o/big/accounts/$BUSY/card?from=$M-01&to=$last"
	"big-tb-all|big|trial balance 2022-01-01..2024-12-31|/o/big/trial-balance?from=2022-01-01&to=2024-12-31"
	"big-tb-month|big|trial balance $M|/o/big/trial-balance?from=$M-01&to=$last"
)
echo "# $(date -u +%FT%TZ) $URL clients $C rate $RATE duration $D warm-up $W; uptime: $(uptime)" >&2
echo "| org | page | clients | req/s | p50 | p90 | p99 | max | KB gzip |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for p in "${pages[@]}"; do
	IFS='|' read -r name org label path <<<"$p"
	[[ "$org | $label" =~ ${PAGES:-.} ]] || continue
	if [ "$org" = demo ]; then cred=("${demo[@]}"); else cred=("${big[@]}"); fi
	# timeout: a bound on the whole run beyond the tool's own.
	[ "$RATE" != 0 ] && name=$name-rate$RATE
	timeout 300 "$LOAD" -url "$URL" "${cred[@]}" -path "$path" -c "$C" -d "$D" -warmup "$W" -rate "$RATE" \
		-pid "$PID" -label "$org | $label" >"$OUT/$name.txt" 2>&1
	rc=$?
	echo "## $name (exit $rc) uptime: $(uptime)" >>"$OUT/$name.txt"
	if row=$(grep '^| ' "$OUT/$name.txt"); then echo "$row"; else echo "| $org | $label | $C | failed (exit $rc): see $OUT/$name.txt | | | | | |"; fi
done
echo "# results in $OUT; uptime: $(uptime)" >&2
