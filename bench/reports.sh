#!/usr/bin/env bash
# bench/reports.sh — the reports of issue 5 on a generated ledger on the cis
# chart (bench/gen -chart cis: 200 posting-level accounts, 5 000
# counterparties with contracts on 60/62/76, quantities on 10/41, a USD
# account, two years), beside `ledger bal` on the same journal in the same run.
#
#	bench/reports.sh [N]                   # N transactions, default 1000000
#	BENCH_REV=main bench/reports.sh        # hasap built from a committed revision (git archive)
#	BENCH_PG='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable' bench/reports.sh
#	                                       # also on PostgreSQL: a scratch database hasap_bench_<hex>, dropped after
#
# Every report is a process: `hasap report ...` where the command line has
# it, else bench/reports (the same app service, from the same build). Each
# runs once after the import ("1st"), then BENCH_REPEAT times (default 9);
# the table gives the median, min and max wall time of those, measured by the
# shell around /usr/bin/time (the calibrated overhead of that is printed),
# the median CPU time (user+sys), the ratio of the median to `ledger bal`'s
# wall time and of the CPU time to its CPU time, the 1-minute load average just before the report, and the
# in-process median of BENCH_INPROC (default 20) calls after the first in one
# process (no process start, no database open) with their CPU time a call. Target: under 100 ms each.
# A report whose first run takes over BENCH_SLOW_S seconds (default 5) is
# run 2 more times as a process and once more in-process, not the full counts;
# one over BENCH_VERY_SLOW_S (default 60) only once.
# Results go to $BENCH_DIR/reports.md. Exit status 1 if an agreement check
# (hasap's balances vs ledger's and the generator's) fails.
set -u -o pipefail

N=${1:-1000000}
DIR=${BENCH_DIR:-$(mktemp -d /tmp/hasap-reports.XXXXXX)}
mkdir -p "$DIR/out"
if [ -z "${BENCH_ROOT:-}" ]; then
	# Run a copy of this script: bash reads a script as it goes, so an edit
	# of the tree's copy during the run (a rebase) would break the run.
	cp "$0" "$DIR/reports.sh" || exit 1
	BENCH_ROOT=$(cd "$(dirname "$0")/.." && pwd) BENCH_DIR=$DIR exec bash "$DIR/reports.sh" "$@"
fi
cd "$BENCH_ROOT" || exit 1
ROOT=$PWD
REPEAT=${BENCH_REPEAT:-9}
INPROC=${BENCH_INPROC:-20}
TIMEOUT=${BENCH_TIMEOUT:-900}
SLOW_S=${BENCH_SLOW_S:-5}
VERY_SLOW_S=${BENCH_VERY_SLOW_S:-60}
FAILS=()

log() { echo "reports: $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }
[ -x /usr/bin/time ] || { log "/usr/bin/time is missing: apt-get install -y time"; exit 1; }

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $DIR; load average $LOAD_START"

src=$ROOT
SRC_DESC="working tree of $(git rev-parse --short HEAD)"
if [ -n "${BENCH_REV:-}" ]; then
	rev=$(git rev-parse --short "$BENCH_REV") || exit 1
	src=$DIR/src-$rev
	rm -rf "$src" && mkdir -p "$src" && git archive "$rev" | tar -x -C "$src" || exit 1
	SRC_DESC="git revision $rev (git archive)"
fi
for b in hasap:./cmd/hasap reports:./bench/reports gen:./bench/gen balcheck:./bench/balcheck; do
	(cd "$src" && go build -o "$DIR/${b%%:*}" "${b#*:}") || { log "build of ${b#*:} failed"; exit 1; }
done
H=$DIR/hasap
log "hasap and bench/reports from $SRC_DESC"

# run1 OUT TIMEFILE CMD... — sets RC, WALL (s), RSS (MB), CPU (s)
run1() {
	local out=$1 tf=$2
	shift 2
	local t0=$EPOCHREALTIME
	/usr/bin/time -f '%e %M %U %S' -o "$tf" timeout "$TIMEOUT" "$@" >"$out" 2>"$out.err"
	RC=$?
	local t1=$EPOCHREALTIME
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
	local e m u s
	read -r e m u s < <(tail -1 "$tf")
	RSS=$(awk -v k="$m" 'BEGIN { printf "%.0f", k / 1024 }')
	CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

for ((i = 0; i < 11; i++)); do run1 /dev/null "$DIR/out/cal.time" true; echo "$WALL"; done >"$DIR/out/cal.runs"
OVERHEAD_MS=$(median <"$DIR/out/cal.runs" | awk '{ printf "%.1f", $1 * 1000 }')
log "measuring overhead (/usr/bin/time + timeout + true): ${OVERHEAD_MS} ms"

J=$DIR/cis.journal
run1 /dev/null "$DIR/out/gen.time" "$DIR/gen" -chart cis -n "$N" -accounts 200 -counterparties 5000 -start 2024-01-01 -years 2 \
	-o "$J" -totals "$DIR/totals.csv" -chart-out "$DIR/chart.csv" -counts "$DIR/counts.csv"
[ $RC -eq 0 ] || { log "gen failed"; cat "/dev/null.err" 2>/dev/null; exit 1; }
GEN_WALL=$WALL
BUSIEST=$(sed -n 2p "$DIR/counts.csv" | cut -d, -f1)
log "journal $(du -h "$J" | cut -f1), $(grep -c '^[0-9]' "$J") transactions, busiest account $BUSIEST ($(sed -n 2p "$DIR/counts.csv" | cut -d, -f2) postings)"

ROWS=()
# row NAME DB WALLS_FILE CPU RSS LOAD INPROC
LEDGER_WALL=
LEDGER_CPU=
addrow() {
	local name=$1 db=$2 runs=$3 cpu=$4 rss=$5 load=$6 inproc=$7
	local med mn mx ratio
	med=$(median <"$runs")
	mn=$(sort -g "$runs" | head -1)
	mx=$(sort -g "$runs" | tail -1)
	ratio=n/a
	[ -n "$LEDGER_WALL" ] && ratio=$(awk -v a="$med" -v b="$LEDGER_WALL" 'BEGIN { printf "%.4f", a / b }')
	local cratio=n/a
	[ -n "$LEDGER_CPU" ] && cratio=$(awk -v a="$cpu" -v b="$LEDGER_CPU" 'BEGIN { if (b > 0) printf "%.4f", a / b; else print "n/a" }')
	local r="| $name | $db | $(ms "$med") | $(ms "$mn") | $(ms "$mx") | $(ms "$cpu") | $rss | $ratio | $cratio | $load | $inproc |"
	ROWS+=("$r")
	echo "$r" >&2
}

log "ledger bal on the same journal"
LOAD=$(load1)
: >"$DIR/out/ledger.runs"
LREP=${BENCH_LEDGER_REPEAT:-1}
lcpu=()
for ((i = 0; i < LREP; i++)); do
	run1 "$DIR/out/ledger.txt" "$DIR/out/ledger.time" ledger -f "$J" bal --flat
	[ $RC -eq 0 ] || { log "ledger failed"; tail -3 "$DIR/out/ledger.txt.err" >&2; FAILS+=("ledger bal"); break; }
	echo "$WALL" >>"$DIR/out/ledger.runs"
	lcpu+=("$CPU")
done
if [ -s "$DIR/out/ledger.runs" ]; then
	LEDGER_WALL=$(median <"$DIR/out/ledger.runs")
	LEDGER_CPU=$(printf '%s\n' "${lcpu[@]}" | median)
	addrow "ledger bal (${LREP} run)" "-" "$DIR/out/ledger.runs" "$(printf '%s\n' "${lcpu[@]}" | median)" "$RSS" "$LOAD" "-"
fi

# bench_db LABEL DSN — imports the journal into DSN and times the reports.
bench_db() {
	local label=$1 db=$2
	run1 "$DIR/out/org-$label.txt" "$DIR/out/org.time" "$H" --db "$db" org create --code bench --name Bench --chart-file "$DIR/chart.csv"
	[ $RC -eq 0 ] || { log "org create failed on $label"; cat "$DIR/out/org-$label.txt.err" >&2; FAILS+=("org create $label"); return; }
	LOAD=$(load1)
	run1 "$DIR/out/import-$label.txt" "$DIR/out/import.time" "$H" --db "$db" import --org bench --format ledger --quiet "$J"
	[ $RC -eq 0 ] || { log "import failed on $label"; tail -3 "$DIR/out/import-$label.txt.err" >&2; FAILS+=("import $label"); return; }
	log "$label: $(cat "$DIR/out/import-$label.txt") — wall ${WALL}s, CPU ${CPU}s, RSS ${RSS} MB, load $LOAD"
	IMPORT_INFO+=("$label import: $(cat "$DIR/out/import-$label.txt"); wall ${WALL} s, CPU ${CPU} s, max RSS ${RSS} MB, load before $LOAD")
	"$H" --db "$db" report balances --org bench --format csv >"$DIR/out/balances-$label.csv" || FAILS+=("balances $label")
	"$DIR/balcheck" -tools hasap,ledger -hasap-out "$DIR/out/balances-$label.csv" -ledger-out "$DIR/out/ledger.txt" -totals "$DIR/totals.csv" >&2 ||
		{ log "AGREEMENT CHECK FAILED on $label"; FAILS+=("agreement $label"); }

	local spec name cmd
	while IFS='|' read -r name spec inproc_args; do
		[ -n "$name" ] || continue
		# shellcheck disable=SC2206 # spec is a word list
		cmd=($spec)
		local base="$DIR/out/$label-${name// /_}"
		LOAD=$(load1)
		run1 "$base.txt" "$base.time" "${cmd[@]}"
		if [ $RC -ne 0 ]; then
			log "$name failed on $label (exit $RC):"; tail -3 "$base.txt.err" >&2
			ROWS+=("| $name | $label | fail (exit $RC) | | | | | | | $LOAD | |")
			continue
		fi
		local first=$WALL
		: >"$base.runs"
		: >"$base.cpu"
		local rss=$RSS i reps=$REPEAT
		# a report that takes seconds is run twice more, not REPEAT times
		awk -v w="$first" -v s="$SLOW_S" 'BEGIN { exit !(w > s) }' && reps=2
		if awk -v w="$first" -v s="$VERY_SLOW_S" 'BEGIN { exit !(w > s) }'; then
			reps=0 # over a minute: the first run is all there is
			echo "$first" >"$base.runs"
			echo "$CPU" >"$base.cpu"
		fi
		for ((i = 0; i < reps; i++)); do
			run1 "$base.txt" "$base.time" "${cmd[@]}"
			echo "$WALL" >>"$base.runs"
			echo "$CPU" >>"$base.cpu"
			[ "$RSS" -gt "$rss" ] && rss=$RSS
		done
		local inproc=-
		local icmd=("${cmd[@]}")
		# shellcheck disable=SC2206 # a word list
		[ -n "$inproc_args" ] && icmd=("$DIR/reports" -db "$db" -org bench $inproc_args)
		if [ "${icmd[0]}" = "$DIR/reports" ] && [ "$INPROC" -gt 0 ] && [ "$reps" -gt 0 ]; then
			local n=$INPROC
			[ "$reps" -lt "$REPEAT" ] && n=1
			"${icmd[@]}" -repeat "$n" >"$base.inproc" 2>&1 &&
				inproc=$(awk '/^in-process/ { printf "%s (%s–%s), CPU %s", $4, $6, $8, $12 }' "$base.inproc")
		fi
		log "$name on $label: 1st $(ms "$first") ms; $(head -1 "$base.txt")"
		addrow "$name" "$label" "$base.runs" "$(median <"$base.cpu")" "$rss" "$LOAD" "$inproc"
	done < <(report_specs "$db")
}

# report_specs DSN — NAME|COMMAND[|ARGS] lines: hasap's own command where it
# has one, with the bench/reports arguments of the same report for the
# in-process figure.
report_specs() {
	local db=$1 R="$DIR/reports -db $1 -org bench"
	cat <<EOF
balances (all time)|$H --db $db report balances --org bench --format csv|-report balances
trial balance, year 2025|$H --db $db report trial-balance --org bench --from 2025-01-01 --to 2025-12-31|-report tb -from 2025-01-01 -to 2025-12-31
trial balance, part month 2025-06-10..20|$H --db $db report trial-balance --org bench --from 2025-06-10 --to 2025-06-20|-report tb -from 2025-06-10 -to 2025-06-20
account card $BUSIEST, 2025-06, first page|$R -report card -account $BUSIEST -from 2025-06-01 -to 2025-06-30
account card $BUSIEST, 2025-06, every page|$R -report card-all -account $BUSIEST -from 2025-06-01 -to 2025-06-30
ageing customers, 2025-12-31|$R -report ageing -to 2025-12-31
ageing suppliers, 2025-06-15|$R -report ageing-suppliers -to 2025-06-15
EOF
	# Reports that land later: each appears when its command or bench/reports kind exists in the build.
	"$DIR/reports" -list 2>/dev/null | while IFS='|' read -r name args; do
		echo "$name|$R $args"
	done
}

IMPORT_INFO=()
rm -f "$DIR/hasap.db" "$DIR/hasap.db"-*
bench_db sqlite "$DIR/hasap.db"
DBSIZE=$(awk -v b="$(stat -c %s "$DIR/hasap.db" 2>/dev/null || echo 0)" 'BEGIN { printf "%.0f MB", b / 1e6 }')
if [ -n "${BENCH_PG:-}" ]; then
	PGDB=$("$DIR/reports" -mkdb "$BENCH_PG") || { log "no scratch PostgreSQL database"; FAILS+=("postgres"); PGDB=; }
	if [ -n "$PGDB" ]; then
		trap '"$DIR/reports" -dropdb "$PGDB"' EXIT
		bench_db postgres "$PGDB"
	fi
fi

{
	echo
	echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "ledger: $(ledger --version | head -1); $(go version); hasap and bench/reports: $SRC_DESC"
	echo "Journal: bench/gen -chart cis -n $N -accounts 200 -counterparties 5000 -start 2024-01-01 -years 2 ($(du -h "$J" | cut -f1), generated in ${GEN_WALL} s); busiest account $BUSIEST"
	printf '%s\n' "${IMPORT_INFO[@]}"
	echo "SQLite database after the import: $DBSIZE"
	echo "Wall times include ${OVERHEAD_MS} ms of measuring overhead (/usr/bin/time + timeout + true). Each report: median, min and max of $REPEAT processes after a first one; CPU is the median user+sys; ratio = median / ledger bal's wall; in-process = median (min–max) ms of $INPROC calls in one process after a first."
	if [ ${#FAILS[@]} -eq 0 ]; then echo "Agreement checks: hasap's balances equal ledger's and the generator's."
	else echo "FAILED: ${FAILS[*]}"; fi
	echo
	echo "| report | db | median ms | min ms | max ms | CPU ms | max RSS MB | ratio vs ledger bal (wall) | ratio (CPU) | load 1 min | in-process ms: median (min–max), CPU a call |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	printf '%s\n' "${ROWS[@]}"
} | tee "$DIR/reports.md"
log "results in $DIR/reports.md"
[ ${#FAILS[@]} -eq 0 ]
