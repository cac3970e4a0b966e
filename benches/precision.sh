#!/usr/bin/env bash
# Findings of typo-gate on clean copies of real projects (false positives).
# Usage: benches/precision.sh [--corpus NAME]... [--wider] [--scratch DIR] [--json OUT] [--bin PATH]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/precision.py" "$@"
