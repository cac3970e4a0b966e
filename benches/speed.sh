#!/usr/bin/env bash
# Wall time, CPU time and peak RSS of typo-gate beside typos and codespell on the
# corpora, and typo-gate's scaling on synthetic repositories.
# Usage: benches/speed.sh [--corpus NAME]... [--scratch DIR] [--runs 3] [--sizes 10000,50000,200000]
#                         [--tools typo-gate,typos,codespell] [--markdown OUT] [--bin PATH]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/speed.py" "$@"
