#!/usr/bin/env bash
# `npm run lint:openapi`: lints the OpenAPI document exactly as the HTTP host serves it at
# /openapi.json (written by tools/served-openapi.ts to a temporary file) with two linters, and
# fails when either reports anything, warning or error:
#   - Redocly CLI, with redocly.yaml (recommended-strict: every warning is an error);
#   - Spectral, with .spectral.yaml (spectral:oas) and --fail-severity=warn.
# Both always run, so one run shows every finding. Nothing here reaches the network.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  '') ;;
  *) echo "Usage: npm run lint:openapi (takes no arguments)" >&2; exit 2 ;;
esac

# Redocly CLI: no usage telemetry, no update check.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
doc="$work/openapi.json"
node --conditions=@cws/source --import tsx tools/served-openapi.ts "$doc"

failed=()
echo
echo "== redocly lint (redocly.yaml)"
npx --no-install redocly lint "$doc" --config redocly.yaml || failed+=(redocly)
echo
echo "== spectral lint (.spectral.yaml)"
npx --no-install spectral lint "$doc" --ruleset .spectral.yaml --fail-severity=warn || failed+=(spectral)

if [ "${#failed[@]}" -gt 0 ]; then
  echo
  echo "lint:openapi: findings from ${failed[*]}" >&2
  exit 1
fi
echo
echo "lint:openapi: no findings"
