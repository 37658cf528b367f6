#!/usr/bin/env bash
# Interleaved pairs: `ledger -f J bal` then `hasap import` of the same journal
# into a fresh database, ROUNDS times, so both see the same machine load. On a
# shared machine the per-round ratio is steadier than ratios of separate runs.
#
#   bench/pairs.sh JOURNAL [ROUNDS]        ROUNDS default 5
#
# Environment: HASAP (binary; default: build ./cmd/hasap, or BENCH_REV's
# `git archive` as in run.sh), BENCH_DIR (work directory; default a new temp
# dir). Prints one line per round and the medians of the ratios
# import/ledger for wall and CPU (user+sys) time.
set -u -o pipefail
[ $# -ge 1 ] || { echo "usage: bench/pairs.sh JOURNAL [ROUNDS]" >&2; exit 2; }
J=$(realpath "$1")
ROUNDS=${2:-5}
cd "$(dirname "$0")/.."
DIR=${BENCH_DIR:-$(mktemp -d /tmp/hasap-pairs.XXXXXX)}
mkdir -p "$DIR"

HASAP_BIN=${HASAP:-}
if [ -z "$HASAP_BIN" ]; then
	src=.
	if [ -n "${BENCH_REV:-}" ]; then
		rev=$(git rev-parse --short "$BENCH_REV") || exit 1
		src=$DIR/src-$rev
		rm -rf "$src" && mkdir -p "$src" && git archive "$rev" | tar -x -C "$src" || exit 1
	fi
	(cd "$src" && go build -o "$DIR/hasap" ./cmd/hasap) || exit 1
	HASAP_BIN=$DIR/hasap
fi

# timed OUT CMD... — sets WALL (shell-measured) and CPU (user+sys) and RSS (MB)
timed() {
	local out=$1
	shift
	local t0=$EPOCHREALTIME
	/usr/bin/time -f '%U %S %M' -o "$DIR/time" "$@" >"$out" 2>"$DIR/err" || { echo "failed: $*" >&2; cat "$DIR/err" >&2; exit 1; }
	local t1=$EPOCHREALTIME
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	read -r u s m <"$DIR/time"
	CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	RSS=$(awk -v k="$m" 'BEGIN { printf "%.0f", k / 1024 }')
}

echo "journal $J; $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | load (1 min) | ledger bal wall s | CPU s | RSS MB | hasap import wall s | CPU s | RSS MB | ratio wall | ratio CPU |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
: >"$DIR/ratios"
for ((r = 1; r <= ROUNDS; r++)); do
	load=$(cut -d' ' -f1 /proc/loadavg)
	timed /dev/null ledger -f "$J" bal
	lw=$WALL lc=$CPU lr=$RSS
	rm -f "$DIR"/h.db*
	"$HASAP_BIN" --db "$DIR/h.db" org create --code bench --name Bench --chart empty >/dev/null || exit 1
	timed /dev/null "$HASAP_BIN" --db "$DIR/h.db" import --org bench --format ledger --quiet "$J"
	hw=$WALL hc=$CPU hr=$RSS
	rw=$(awk -v a="$hw" -v b="$lw" 'BEGIN { printf "%.2f", a / b }')
	rc=$(awk -v a="$hc" -v b="$lc" 'BEGIN { printf "%.2f", a / b }')
	echo "$rw $rc" >>"$DIR/ratios"
	echo "| $r | $load | $lw | $lc | $lr | $hw | $hc | $hr | $rw | $rc |"
done
rm -f "$DIR"/h.db*
med() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median ratio import/ledger: wall $(awk '{ print $1 }' "$DIR/ratios" | med), CPU $(awk '{ print $2 }' "$DIR/ratios" | med); load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
