#!/usr/bin/env bash
# Benchmark hasap against ledger and hledger on generated journals.
#
#   bench/run.sh [SIZE...]          sizes in transactions, default: 100000 1000000
#
# Environment:
#   BENCH_DIR           work directory (journals, databases, outputs); default: a new temp dir
#   BENCH_SIZES         sizes when none are given as arguments
#   BENCH_TIMEOUT       seconds before one step is killed (default 600)
#   BENCH_HLEDGER_MAX   skip hledger above this many transactions (default 100000:
#                       hledger 1.25 needs ~9.6 GB and ~2 min for 1M, too much to
#                       run by default on a shared machine; 1000000 includes it)
#   BENCH_REPEAT        how many times each hasap report is run after its first
#                       run; the median is reported (default 9)
#   BENCH_CHECK         1 (default): check hasap's, ledger's and hledger's balances
#                       against each other and the generator's expected ones; 0: skip
#   HASAP               hasap binary to use instead of building ./cmd/hasap
#   BENCH_REV           build hasap from this git revision (git archive REV) instead
#                       of the working tree, e.g. BENCH_REV=HEAD
#   GEN_FLAGS           extra flags for bench/gen (e.g. "-seed 2 -usd=false")
#
# For each size it runs, each as its own process (start-up included):
#   gen               the journal and the expected balances (bench/gen)
#   bal               ledger -f J bal --flat; hledger -f J bal
#   org create        hasap --db DB org create --code bench --name Bench --chart empty
#   import            hasap --db DB import --org bench --format ledger --quiet J
#                     (parse, check, hash, durable write, WAL checkpoint at close)
#   balances          hasap --db DB report balances --org bench --format csv
#   trial-balance     hasap --db DB report trial-balance --org bench
#   verify            hasap --db DB verify --org bench
# Each report is run once right after the import ("1st run": it may pay for a
# WAL checkpoint or cold caches) and then BENCH_REPEAT times ("median of R").
# Then bench/balcheck checks that hasap's balances CSV, ledger's and hledger's
# balances and the generator's totals agree for every account and commodity.
#
# Prints a markdown table (also written to $BENCH_DIR/results.md):
#   step | size | tool | wall s | max RSS MB | ratio vs ledger bal | CPU s
# "wall s" is measured by the shell around the process (bash EPOCHREALTIME,
# so it includes starting /usr/bin/time and timeout: see the calibration line);
# "max RSS" and "CPU s" (user+sys) come from GNU time. "ratio vs ledger bal"
# is the step's wall time divided by `ledger bal`'s on the same journal.
# A hasap step prints n/a while the binary cannot be built. The exit status
# is 1 when an agreement check failed.
set -u -o pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DIR=${BENCH_DIR:-$(mktemp -d /tmp/hasap-bench.XXXXXX)}
mkdir -p "$DIR/out"
TIMEOUT=${BENCH_TIMEOUT:-600}
HLEDGER_MAX=${BENCH_HLEDGER_MAX:-100000}
REPEAT=${BENCH_REPEAT:-9}
CHECK_FAILS=()
CHECK=${BENCH_CHECK:-1}
if [ $# -gt 0 ]; then SIZES="$*"; else SIZES=${BENCH_SIZES:-100000 1000000}; fi

log() { echo "bench: $*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "/usr/bin/time is missing: apt-get install -y time"
	exit 1
fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $DIR; load average $LOAD_START"
go build -o "$DIR/gen" ./bench/gen || exit 1
go build -o "$DIR/balcheck" ./bench/balcheck || exit 1

HASAP_BIN=${HASAP:-}
HASAP_SRC=${HASAP:-}
if [ -z "$HASAP_BIN" ]; then
	src=$ROOT
	HASAP_SRC="working tree of $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	dirty=$(git status --short --untracked-files=no 2>/dev/null | awk '{ print $2 }' | grep -v '^bench/' | tr '\n' ' ')
	[ -n "$dirty" ] && HASAP_SRC="$HASAP_SRC with uncommitted changes outside bench/: $dirty"
	if [ -n "${BENCH_REV:-}" ]; then
		rev=$(git rev-parse --short "$BENCH_REV") || exit 1
		src=$DIR/src-$rev
		rm -rf "$src" && mkdir -p "$src" && git archive "$rev" | tar -x -C "$src" || exit 1
		HASAP_SRC="git revision $rev (git archive)"
	fi
	if (cd "$src" && go build -o "$DIR/hasap" ./cmd/hasap) 2>"$DIR/out/hasap-build.err"; then
		HASAP_BIN=$DIR/hasap
	else
		log "hasap not built (see $DIR/out/hasap-build.err); its rows print n/a"
	fi
fi
log "hasap: ${HASAP_BIN:-none} from $HASAP_SRC"
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
DBINFO=()

# row STEP SIZE TOOL WALL RSS_MB [CPU]
row() {
	local ratio=n/a cpu=${6:-n/a}
	case $4 in
	[0-9]*)
		if [ "$3" = gen ]; then ratio=-
		elif [ "$1/$3" = bal/ledger ]; then ratio=1.00
		elif [ -n "$LEDGER_WALL" ]; then ratio=$(awk -v a="$4" -v b="$LEDGER_WALL" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b >= 0.1) printf "%.2f", a / b; else printf "%.4f", a / b }')
		fi ;;
	esac
	ROWS+=("| $1 | $2 | $3 | $4 | $5 | $ratio | $cpu |")
	echo "| $1 | $2 | $3 | $4 | $5 | $ratio | $cpu |" >&2
}

# run1 OUTFILE TIMEFILE ERRFILE CMD... — runs CMD once under /usr/bin/time and
# a timeout; sets RC, WALL (seconds, 3 decimals, measured by the shell), RSS
# (MB) and CPU (user+sys seconds).
run1() {
	local out=$1 tf=$2 ef=$3
	shift 3
	local t0=$EPOCHREALTIME
	/usr/bin/time -f '%e %M %U %S' -o "$tf" timeout "$TIMEOUT" "$@" >"$out" 2>"$ef"
	RC=$?
	local t1=$EPOCHREALTIME
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	local e m u s
	read -r e m u s < <(tail -1 "$tf")
	RSS=$(awk -v k="$m" 'BEGIN { printf "%.0f", k / 1024 }')
	CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}

# median of the numbers on stdin (the lower middle one for an even count)
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
maxof() { sort -g | tail -1; }

# measure STEP SIZE TOOL OUTFILE CMD... — runs CMD under /usr/bin/time and a
# timeout, stdout to OUTFILE, and adds a row. Sets WALL (empty on failure).
measure() {
	local step=$1 size=$2 tool=$3 out=$4
	shift 4
	local base="$DIR/out/${step// /-}-$size-$tool"
	log "$step $size $tool: $*"
	run1 "$out" "$base.time" "$base.err" "$@"
	if [ $RC -eq 124 ]; then
		WALL=
		row "$step" "$size" "$tool" "timeout (${TIMEOUT}s)" n/a
	elif [ $RC -ne 0 ]; then
		WALL=
		log "$tool failed (exit $RC):"; tail -5 "$base.err" >&2
		row "$step" "$size" "$tool" "fail (exit $RC)" n/a
	else
		row "$step" "$size" "$tool" "$WALL" "$RSS" "$CPU"
	fi
}

# measure_rep STEP SIZE TOOL OUTFILE CMD... — a first run (row "STEP (1st
# run)"), then REPEAT runs (row "STEP (median of REPEAT)": median wall and
# CPU, largest RSS). Every run's figures go to $DIR/out/STEP-SIZE-TOOL.runs.
measure_rep() {
	local step=$1 size=$2 tool=$3 out=$4
	shift 4
	measure "$step (1st run)" "$size" "$tool" "$out" "$@"
	[ -n "$WALL" ] || return
	local base="$DIR/out/${step// /-}-$size-$tool" i
	: >"$base.runs"
	echo "1st $WALL $RSS $CPU" >>"$base.runs"
	for ((i = 1; i <= REPEAT; i++)); do
		run1 "$out" "$base.time" "$base.err" "$@"
		if [ $RC -ne 0 ]; then
			log "$tool failed (exit $RC) on repeat $i:"; tail -5 "$base.err" >&2
			row "$step (median of $REPEAT)" "$size" "$tool" "fail (exit $RC)" n/a
			WALL=
			return
		fi
		echo "$i $WALL $RSS $CPU" >>"$base.runs"
	done
	local w r c
	w=$(tail -n +2 "$base.runs" | awk '{ print $2 }' | median)
	r=$(tail -n +2 "$base.runs" | awk '{ print $3 }' | maxof)
	c=$(tail -n +2 "$base.runs" | awk '{ print $4 }' | median)
	log "$step $size $tool: walls $(tail -n +2 "$base.runs" | awk '{ print $2 }' | sort -g | tr '\n' ' ')"
	row "$step (median of $REPEAT)" "$size" "$tool" "$w" "$r" "$c"
	WALL=$w
}

# check NAME BALCHECK-ARGS... — runs bench/balcheck, remembers a failure.
check() {
	local name=$1
	shift
	"$DIR/balcheck" "$@" >&2 || {
		log "CHECK FAILED: $name"
		CHECK_FAILS+=("$name")
	}
}

# The cost of the measuring itself: /usr/bin/time + timeout + a process that
# does nothing. Every wall figure includes it once.
for ((i = 0; i < 11; i++)); do
	run1 /dev/null "$DIR/out/calibrate.time" "$DIR/out/calibrate.err" true
	echo "$WALL"
done >"$DIR/out/calibrate.runs"
OVERHEAD_MS=$(median <"$DIR/out/calibrate.runs" | awk '{ printf "%.1f", $1 * 1000 }')
log "measuring overhead (/usr/bin/time + timeout + true): median ${OVERHEAD_MS} ms"

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
			check "$t balances vs the generator's on $size" -tools "$t" -"$t"-out "$o" -totals "$DIR/totals-$size.csv"
		done
	fi

	HSTEPS="org create;import;balances (1st run);balances (median of $REPEAT);trial-balance (1st run);trial-balance (median of $REPEAT);verify"
	if [ -z "$HASAP_BIN" ]; then
		IFS=';' read -ra ss <<<"$HSTEPS"
		for s in "${ss[@]}"; do row "$s" "$size" hasap n/a n/a; done
		continue
	fi
	DB=$DIR/hasap-$size.db
	rm -f "$DB" "$DB"-*
	measure "org create" "$size" hasap "$DIR/out/hasap-org-$size.txt" "$HASAP_BIN" --db "$DB" org create --code bench --name Bench --chart empty
	[ -n "$WALL" ] || { CHECK_FAILS+=("hasap org create on $size"); continue; }
	measure import "$size" hasap "$DIR/out/hasap-import-$size.txt" "$HASAP_BIN" --db "$DB" import --org bench --format ledger --quiet "$J"
	[ -n "$WALL" ] || { CHECK_FAILS+=("hasap import on $size"); continue; }
	log "$(cat "$DIR/out/hasap-import-$size.txt")"
	log "after import: $(ls -l "$DB"* | awk '{ printf "%s %d bytes; ", $NF, $5 }')"
	DBINFO+=("hasap database after import, $size: $(awk -v b="$(stat -c %s "$DB")" 'BEGIN { printf "%.0f MB", b / 1e6 }'), WAL after the import: $([ -s "$DB-wal" ] && echo "$(stat -c %s "$DB-wal") bytes left" || echo "none (checkpointed at close)")")
	measure_rep balances "$size" hasap "$DIR/out/hasap-balances-$size.csv" "$HASAP_BIN" --db "$DB" report balances --org bench --format csv
	measure_rep trial-balance "$size" hasap "$DIR/out/hasap-trial-balance-$size.txt" "$HASAP_BIN" --db "$DB" report trial-balance --org bench
	measure verify "$size" hasap "$DIR/out/hasap-verify-$size.txt" "$HASAP_BIN" --db "$DB" verify --org bench
	[ -s "$DIR/out/hasap-verify-$size.txt" ] && log "$(cat "$DIR/out/hasap-verify-$size.txt")"

	if [ "$CHECK" = 1 ] && [ -s "$DIR/out/hasap-balances-$size.csv" ]; then
		tools=hasap
		args=(-hasap-out "$DIR/out/hasap-balances-$size.csv" -totals "$DIR/totals-$size.csv")
		for t in ledger hledger; do
			o=$DIR/out/$t-$size.txt
			[ -s "$o" ] || continue
			tools=$tools,$t
			args+=(-"$t"-out "$o")
		done
		check "hasap balances vs $tools,generator on $size" -tools "$tools" "${args[@]}"
	fi
done

{
	echo
	echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "ledger: $(have ledger && ledger --version | head -1 || echo missing); hledger: $(have hledger && hledger --version || echo missing); $(go version)"
	echo "hasap: $HASAP_SRC"
	echo "Wall times include ${OVERHEAD_MS} ms of measuring overhead (median of /usr/bin/time + timeout + true). Reports: \"1st run\" is the first process after the import; the median is of $REPEAT more runs."
	[ ${#DBINFO[@]} -gt 0 ] && printf '%s\n' "${DBINFO[@]}"
	if [ "$CHECK" = 1 ]; then
		if [ ${#CHECK_FAILS[@]} -eq 0 ]; then echo "Agreement checks: all passed (hasap, ledger, hledger, generator)."
		else echo "AGREEMENT CHECKS FAILED: ${CHECK_FAILS[*]}"; fi
	fi
	echo
	echo "| step | size | tool | wall s | max RSS MB | ratio vs ledger bal | CPU s |"
	echo "|---|---|---|---:|---:|---:|---:|"
	printf '%s\n' "${ROWS[@]}"
} | tee "$DIR/results.md"
log "results in $DIR/results.md"
[ ${#CHECK_FAILS[@]} -eq 0 ]
