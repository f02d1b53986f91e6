#!/usr/bin/env bash
# Throughput of the sample host with and without UseAegisHttp() on a 4 KB chat-style JSON body (issue: HTTP pillar).
# Starts the Release sample twice, one after the other (never both at once), over TLS 1.3, and drives
# POST /api/v1/echo with wrk. Prints a markdown table. Needs wrk (apt-get install wrk).
#
#   benchmarks/http-load/run.sh [duration-seconds] [connections] [warm-up-seconds]
#
# The warm-up (default 40 s) is long on purpose: under load, the tiered JIT recompiles the engine's hot methods
# (hundreds of generated regex matchers among them) for about 25 s of wall time on this 2-core machine; a shorter
# warm-up measures the JIT, not the steady state.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${1:-30}
connections=${2:-16}
warmup=${3:-40}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }

dotnet build "$root/samples/AegisGate.Sample" -c Release --nologo -v q >/dev/null
dll="$root/samples/AegisGate.Sample/bin/Release/net10.0/AegisGate.Sample.dll"
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
key="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$key"
local f = assert(io.open("$here/chat-4k.json", "rb"))
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx, summary.requests))
end
EOF

measure() { # label, extra args...
  local label=$1; shift
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18443)
  (cd "$root/samples/AegisGate.Sample" && AEGISGATE_SAMPLE_API_KEY="$key" exec dotnet "$dll" --urls "https://127.0.0.1:$port" \
      --AegisGate:DataDirectory "$work/data-$port" --AegisGate:Http:RateLimit:TokenLimit 1000000 \
      --AegisGate:Http:RateLimit:TokensPerPeriod 1000000 --Logging:LogLevel:Default Warning "$@" >"$work/host-$port.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sk "https://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  local status
  status=$(curl -sk -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    --data-binary "@$here/chat-4k.json" "https://127.0.0.1:$port/api/v1/echo")
  [ "$status" = 200 ] || { echo "$label: POST /api/v1/echo returned $status" >&2; tail -20 "$work/host-$port.log" >&2; exit 1; }
  wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/post.lua" "https://127.0.0.1:$port/api/v1/echo" >/dev/null
  local result ticks_before ticks_after
  # The host's CPU time (user + system, clock ticks) around the measured run: CPU per request is steadier than
  # requests/s on a shared machine.
  ticks_before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  result=$(wrk -t1 -c"$connections" -d"${duration}s" -s "$work/post.lua" "https://127.0.0.1:$port/api/v1/echo" | grep '^RESULT')
  ticks_after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r _ rps p50 p99 non2xx requests <<<"$result"
  local cpu
  cpu=$(awk -v a="$ticks_before" -v b="$ticks_after" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", (b - a) / hz * 1e6 / n }')
  printf '| %s | %s | %s ms | %s ms | %s | %s µs |\n' "$label" "$rps" "$p50" "$p99" "$non2xx" "$cpu"
  echo "$rps" >"$work/rps-$label"
}

echo "| host | requests/s | p50 | p99 | non-2xx | host CPU per request |"
echo "|---|---:|---:|---:|---:|---:|"
measure without --Sample:Benchmark:WithoutAegisHttp true
measure with
without=$(cat "$work/rps-without"); with=$(cat "$work/rps-with")
awk -v a="$without" -v b="$with" 'BEGIN { printf "\nthroughput loss with UseAegisHttp(): %.1f %%\n", (a - b) * 100 / a }'
