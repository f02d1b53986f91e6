#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine, then runs every test project of AegisGate.sln
# in Release and prints one summary line: "N passed, N failed" (totals over all test projects).
#   ./eng/test.sh                 all tests
#   ./eng/test.sh --filter X      extra arguments go to dotnet test
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Prerequisites. Interop tests and the sample's MCP gateway use npm packages pinned by package-lock.json files
# (tests/interop/*/, samples/*/). Tests install them themselves when missing; doing it here up front shows
# failures early and keeps the test run fast.
mapfile -t npm_dirs < <(find tests/interop samples -name package-lock.json -not -path '*/node_modules/*' -printf '%h\n' 2>/dev/null | sort)
if [[ ${#npm_dirs[@]} -gt 0 ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required for the interop tests (apt-get install nodejs npm)" >&2
    exit 2
  fi
  for d in "${npm_dirs[@]}"; do
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $d" >&2; exit 2; }
  done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test AegisGate.sln -c Release --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Totals from the per-project "Passed!/Failed! - Failed: F, Passed: P, ..." lines.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ - | bc)
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ - | bc)
passed=${passed:-0}; failed=${failed:-0}
if [[ $rc != 0 && $failed == 0 ]]; then failed=1; echo "dotnet test exited with $rc (build or run failure)"; fi
echo "${passed} passed, ${failed} failed"
exit "$rc"
