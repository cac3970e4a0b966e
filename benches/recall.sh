#!/usr/bin/env bash
# Recall of typo-gate on typos injected into copies of real projects.
# Usage: benches/recall.sh [--corpus NAME]... [--scratch DIR] [--seed N] [--per-class-limit N] [--json OUT] [--bin PATH]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/recall.py" "$@"
