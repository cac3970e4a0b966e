#!/usr/bin/env bash
# One settings typo injected by hand into each Debian corpus of the framework issue
# (WordPress, Django, phpMyAdmin, MediaWiki, Roundcube); each must be caught with the
# right suggestion and nothing else reported.
# Usage: benches/settings-typos.sh [--scratch DIR] [--bin PATH]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) scratch="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "settings-typos: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$scratch" ] || scratch="$(mktemp -d)"
if [ -z "$bin" ]; then
  (cd "$here/.." && cargo build --release --quiet)
  bin="$here/../target/release/typo-gate"
fi
python3 "$here/corpora.py" --scratch "$scratch" --corpus wordpress --corpus django \
  --corpus phpmyadmin --corpus mediawiki --corpus roundcube >/dev/null
work="$scratch/settings-typos"
rm -rf "$work" && mkdir -p "$work"

# corpus | file | original | typo | expected rule | expected suggestion
cases=(
  "wordpress|wp-includes/default-constants.php|define( 'WP_CONTENT_DIR'|define( 'WP_CONTENT_DRI'|constant-typo|WP_CONTENT_DIR"
  "django|conf/global_settings.py|STATIC_ROOT = None|STATC_ROOT = None|setting-typo|STATIC_ROOT"
  "phpmyadmin|libraries/classes/Header.php|'max_input_vars'|'max_input_vasr'|ini-typo|max_input_vars"
  "mediawiki|includes/DevelopmentSettings.php|'display_errors'|'dispaly_errors'|ini-typo|display_errors"
  "roundcube|program/lib/Roundcube/rcube_config.php|ini_set('error_log'|ini_set('error_lgo'|ini-typo|error_log"
)
failed=0
printf '| corpus | file | typo | rule | suggestion | other findings | result |\n|---|---|---|---|---|---:|---|\n'
for case in "${cases[@]}"; do
  IFS='|' read -r corpus file original typo rule suggestion <<<"$case"
  cp -a "$scratch/corpora/$corpus" "$work/$corpus"
  python3 - "$work/$corpus/$file" "$original" "$typo" <<'PY'
import sys
path, original, typo = sys.argv[1:]
text = open(path, encoding="utf-8", errors="surrogateescape").read()
if original not in text:
    sys.exit(f"settings-typos: {original!r} not found in {path}")
open(path, "w", encoding="utf-8", errors="surrogateescape").write(text.replace(original, typo, 1))
PY
  set +e
  json="$("$bin" check --format json "$work/$corpus")"
  code=$?
  set -e
  [ "$code" -ne 2 ] || { echo "settings-typos: typo-gate failed on $corpus" >&2; exit 1; }
  verdict="$(printf '%s' "$json" | python3 -c '
import json, sys
rule, suggestion, file = sys.argv[1:]
findings = json.load(sys.stdin)["findings"]
hit = [f for f in findings if f["rule"] == rule and f["path"] == file and f["suggestion"] == suggestion]
result = "caught" if hit and len(findings) == 1 else "MISSED"
print("|".join([rule if hit else "-", suggestion if hit else "-", str(len(findings) - len(hit)), result]))
' "$rule" "$suggestion" "$file")"
  IFS='|' read -r got_rule got_suggestion others result <<<"$verdict"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$corpus" "$file" "$typo" "$got_rule" "$got_suggestion" "$others" "$result"
  [ "$result" = caught ] || failed=1
done
exit "$failed"
