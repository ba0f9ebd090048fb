#!/bin/sh
# Runs every fuzz target of the repository for a while (10 minutes each by
# default), a few at a time, then keeps the inputs each found interesting
# under its package's testdata/fuzz, where `go test` replays them as seeds.
# A target that crashes leaves its failing input there too, and the script
# exits non-zero. Run it from the repository root on a quiet machine:
#
#	bench/fuzzall.sh [-t 10m] [-j 2] [-o DIR]
#
# -t is each target's time, -j how many run at once (each on one worker),
# -o the folder for each target's log (default a new temporary one).
set -u
time=10m
jobs=2
out=
while getopts t:j:o: opt; do
	case $opt in
	t) time=$OPTARG ;;
	j) jobs=$OPTARG ;;
	o) out=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
module=$(go list -m)
cache=$(go env GOCACHE)/fuzz

# The targets, as "package target" lines.
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
	pkg=$(dirname "$f")
	grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed "s|^func |$pkg |"
done | sort)
echo "fuzzing $(echo "$targets" | wc -l) targets for $time each, $jobs at a time; logs in $out"

run() {
	pkg=$1 target=$2
	log="$out/$target.log"
	if go test "$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$time" -parallel 1 >"$log" 2>&1; then
		result=ok
	else
		result=FAILED
	fi
	found="$cache/$module/${pkg#./}/$target"
	if [ -d "$found" ]; then
		mkdir -p "$pkg/testdata/fuzz/$target"
		cp -n "$found"/* "$pkg/testdata/fuzz/$target/" 2>/dev/null
	fi
	last=$(grep 'execs:' "$log" | tail -1)
	echo "$result $pkg $target: $last"
}

status=0
echo "$targets" | {
	n=0
	while read -r pkg target; do
		run "$pkg" "$target" &
		n=$((n + 1))
		if [ "$n" -ge "$jobs" ]; then
			wait
			n=0
		fi
	done
	wait
} | tee "$out/summary"
grep -q '^FAILED' "$out/summary" && status=1
exit $status
