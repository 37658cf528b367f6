#!/usr/bin/env bash
# Benchmark hasap against ledger and hledger on generated journals.
#
#   bench/run.sh [SIZE...]          sizes in transactions, default: 100000 1000000
#
# Environment:
#   BENCH_DIR           work directory (journals, databases, outputs); default: a new temp dir
#   BENCH_SIZES         sizes when none are given as arguments
#   BENCH_TIMEOUT       seconds before one step is killed (default 600)
#   BENCH_HLEDGER_MAX   skip hledger above this many transactions (default 1000000;
#                       hledger 1.25 needs ~9.6 GB and ~2 min for 1M)
#   BENCH_CHECK         1 (default): check the ledger/hledger outputs against the
#                       generator's expected balances; 0: skip
#   HASAP               hasap binary to use instead of building ./cmd/hasap
#   GEN_FLAGS           extra flags for bench/gen (e.g. "-seed 2 -usd=false")
#
# Prints a markdown table (also written to $BENCH_DIR/results.md):
#   step | size | tool | wall seconds | max RSS MB | ratio vs ledger
# "ratio vs ledger" is the step's wall time divided by `ledger bal`'s on the
# same journal. A hasap step prints n/a while the binary cannot be built.
set -u -o pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DIR=${BENCH_DIR:-$(mktemp -d /tmp/hasap-bench.XXXXXX)}
mkdir -p "$DIR/out"
TIMEOUT=${BENCH_TIMEOUT:-600}
HLEDGER_MAX=${BENCH_HLEDGER_MAX:-1000000}
CHECK=${BENCH_CHECK:-1}
if [ $# -gt 0 ]; then SIZES="$*"; else SIZES=${BENCH_SIZES:-100000 1000000}; fi

log() { echo "bench: $*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "/usr/bin/time is missing: apt-get install -y time"
	exit 1
fi

log "work dir $DIR"
go build -o "$DIR/gen" ./bench/gen || exit 1
go build -o "$DIR/balcheck" ./bench/balcheck || exit 1

HASAP_BIN=${HASAP:-}
if [ -z "$HASAP_BIN" ]; then
	if go build -o "$DIR/hasap" ./cmd/hasap 2>"$DIR/out/hasap-build.err"; then
		HASAP_BIN=$DIR/hasap
	else
		log "hasap not built (see $DIR/out/hasap-build.err); its rows print n/a"
	fi
fi
if [ -n "$HASAP_BIN" ] && [ ! -x "$HASAP_BIN" ]; then
	log "hasap binary $HASAP_BIN not executable; its rows print n/a"
	HASAP_BIN=
fi

have() { command -v "$1" >/dev/null 2>&1; }

# label 100000 → 100k, 1000000 → 1M
label() {
	local n=$1
	if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))M"
	elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
	else echo "$n"; fi
}

ROWS=()
LEDGER_WALL=

# row STEP SIZE TOOL WALL RSS_MB
row() {
	local ratio=n/a
	case $4 in
	[0-9]*)
		if [ "$3" = gen ]; then ratio=-
		elif [ "$1/$3" = bal/ledger ]; then ratio=1.00
		elif [ -n "$LEDGER_WALL" ]; then ratio=$(awk -v a="$4" -v b="$LEDGER_WALL" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
		fi ;;
	esac
	ROWS+=("| $1 | $2 | $3 | $4 | $5 | $ratio |")
	echo "| $1 | $2 | $3 | $4 | $5 | $ratio |" >&2
}

# measure STEP SIZE TOOL OUTFILE CMD... — runs CMD under /usr/bin/time and a
# timeout, stdout to OUTFILE, and adds a row. Sets WALL (empty on failure).
measure() {
	local step=$1 size=$2 tool=$3 out=$4
	shift 4
	local tf="$DIR/out/$step-$size-$tool.time" ef="$DIR/out/$step-$size-$tool.err"
	log "$step $size $tool: $*"
	/usr/bin/time -f '%e %M' -o "$tf" timeout "$TIMEOUT" "$@" >"$out" 2>"$ef"
	local rc=$?
	WALL=
	if [ $rc -eq 124 ]; then
		row "$step" "$size" "$tool" "timeout (${TIMEOUT}s)" n/a
	elif [ $rc -ne 0 ]; then
		log "$tool failed (exit $rc):"; tail -5 "$ef" >&2
		row "$step" "$size" "$tool" "fail (exit $rc)" n/a
	else
		local wall rss
		read -r wall rss < <(tail -1 "$tf")
		WALL=$wall
		row "$step" "$size" "$tool" "$wall" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')"
	fi
}

for n in $SIZES; do
	size=$(label "$n")
	J=$DIR/journal-$size.journal
	LEDGER_WALL=
	# shellcheck disable=SC2086 # GEN_FLAGS is a list of flags
	measure gen "$size" gen /dev/null "$DIR/gen" -n "$n" -accounts 200 -counterparties 5000 ${GEN_FLAGS:-} -o "$J" -totals "$DIR/totals-$size.csv"
	[ -s "$J" ] || { log "no journal for $size"; continue; }
	log "journal $J: $(du -h "$J" | cut -f1), $(wc -l <"$J") lines"

	if have ledger; then
		# --flat only changes the layout (a list instead of a tree), so the
		# output can be checked; the time is that of plain `ledger bal`.
		measure bal "$size" ledger "$DIR/out/ledger-$size.txt" ledger -f "$J" bal --flat
		LEDGER_WALL=$WALL
	else
		row bal "$size" ledger "n/a (not installed)" n/a
	fi

	if ! have hledger; then
		row bal "$size" hledger "n/a (not installed)" n/a
	elif [ "$n" -gt "$HLEDGER_MAX" ]; then
		row bal "$size" hledger "skipped (> BENCH_HLEDGER_MAX)" n/a
	else
		measure bal "$size" hledger "$DIR/out/hledger-$size.txt" hledger -f "$J" bal
	fi

	if [ "$CHECK" = 1 ]; then
		for t in ledger hledger; do
			o=$DIR/out/$t-$size.txt
			[ -s "$o" ] || continue
			"$DIR/balcheck" -tools "$t" -"$t"-out "$o" -totals "$DIR/totals-$size.csv" >&2 ||
				log "CHECK FAILED: $t balances differ from the generator's on $size"
		done
	fi

	if [ -z "$HASAP_BIN" ]; then
		for s in import balances trial-balance; do row "$s" "$size" hasap n/a n/a; done
		continue
	fi
	DB=$DIR/hasap-$size.db
	rm -f "$DB" "$DB"-*
	if ! "$HASAP_BIN" --db "$DB" org create --code bench --name Bench --chart empty >"$DIR/out/org-$size.txt" 2>&1; then
		log "hasap org create failed:"; tail -5 "$DIR/out/org-$size.txt" >&2
		for s in import balances trial-balance; do row "$s" "$size" hasap "fail (org create)" n/a; done
		continue
	fi
	measure import "$size" hasap "$DIR/out/hasap-import-$size.txt" "$HASAP_BIN" --db "$DB" import --org bench --format ledger "$J"
	if [ -z "$WALL" ]; then
		for s in balances trial-balance; do row "$s" "$size" hasap "n/a (import failed)" n/a; done
		continue
	fi
	measure balances "$size" hasap "$DIR/out/hasap-balances-$size.csv" "$HASAP_BIN" --db "$DB" report balances --org bench --format csv
	measure trial-balance "$size" hasap "$DIR/out/hasap-trial-balance-$size.txt" "$HASAP_BIN" --db "$DB" report trial-balance --org bench
	# TODO: compare $DIR/out/hasap-balances-$size.csv with $DIR/totals-$size.csv
	# (account,commodity,amount) once the CSV layout of `report balances` is settled.
done

{
	echo
	echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "ledger: $(have ledger && ledger --version | head -1 || echo missing); hledger: $(have hledger && hledger --version || echo missing)"
	echo
	echo "| step | size | tool | wall seconds | max RSS MB | ratio vs ledger |"
	echo "|---|---|---|---:|---:|---:|"
	printf '%s\n' "${ROWS[@]}"
} | tee "$DIR/results.md"
log "results in $DIR/results.md"
