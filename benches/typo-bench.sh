#!/usr/bin/env bash
# typo-bench: realistic typos injected into whole upstream source trees (tests, docs, CI and
# sample configuration included), scored on a typo-gate binary. The kit is not part of this
# repository: it is looked for in ../shared/typo-bench beside the checkout, or named with
# --kit. Output (source packages, clean and mutated trees, results) goes to --scratch.
# Usage: benches/typo-bench.sh [--kit DIR] [--scratch DIR] [--bin PATH] [--seed N]
#                              [--only NAME...] [--fp-show N] [--json OUT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kit="$here/../../shared/typo-bench"
scratch=""
bin=""
seed=""
fp_show=200
json=""
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --kit) kit="$2"; shift 2 ;;
        --scratch) scratch="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --fp-show) fp_show="$2"; shift 2 ;;
        --json) json="$2"; shift 2 ;;
        --only) shift; while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do only+=("$1"); shift; done ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "typo-bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [ ! -f "$kit/score.py" ]; then
    echo "typo-bench.sh: no typo-bench kit at '$kit'; name it with --kit DIR" >&2
    exit 2
fi
if [ -z "$scratch" ]; then
    scratch="$(mktemp -d)"
    echo "typo-bench.sh: working in $scratch" >&2
fi
mkdir -p "$scratch"
scratch="$(cd "$scratch" && pwd)"
if [ -z "$bin" ]; then
    (cd "$here/.." && cargo build --release --locked --quiet)
    bin="$here/../target/release/typo-gate"
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export TYPO_BENCH_ROOT="$scratch"
# The kit writes next to where it runs only through TYPO_BENCH_ROOT; run it from the scratch
# folder all the same, so nothing lands in this checkout.
cd "$scratch"
only_args=()
[ ${#only[@]} -gt 0 ] && only_args=(--only "${only[@]}")
python3 "$kit/prepare.py" ${only_args[@]+"${only_args[@]}"}
# Mutated trees are made once per seed (and set of corpora); pass the same --scratch again to
# score another binary on the same typos.
made="$scratch/mutated/.made-by-typo-bench-sh"
want="seed=${seed:-default} only=${only[*]:-all}"
if [ "$(cat "$made" 2>/dev/null)" != "$want" ]; then
    python3 "$kit/mutate.py" ${seed:+--seed "$seed"} ${only_args[@]+"${only_args[@]}"}
    printf '%s\n' "$want" > "$made"
fi
python3 "$kit/score.py" "$bin" --fp-show "$fp_show" ${only_args[@]+"${only_args[@]}"}
if [ -n "$json" ]; then
    cp "$scratch/results/latest.json" "$json"
fi
