#!/usr/bin/env bash
# The README's promise, checked: on a clean checkout `npm start` serves /readyz 200 with the
# db, migrations, jobs and delivery checks ok within START_DEADLINE_S seconds, and both the demo owner it
# prints (signing in for a token) and the Basic Auth admin can list the demo leads, the demo
# schedule (bookings, the assignments queue) is there, and the generated signing secrets are
# kept privately. Then it runs the README's marked bash blocks (sign-in, scheduling, the worker
# portal) as written, only pointed at this server and its credentials file. Uses its own data
# directory so it never touches ./var.
set -euo pipefail
cd "$(dirname "$0")/.."
# 15 s: this 2-core machine starts in 8.0–10.4 s with the same code from run to run (CI, 2026-12-07);
# 10 s left no margin. The README states both figures.
deadline=${START_DEADLINE_S:-15}
port=${START_CHECK_PORT:-18777}
dir=$(mktemp -d)
log="$dir/start.log"
export EMBEDDED_DATA_DIR="$dir/var/pgdata" PORT="$port" HOST=127.0.0.1
t0=$(date +%s%N)
# Its own process group: npm does not pass SIGTERM on to node, so the whole group is signalled.
setsid npm start >"$log" 2>&1 &
pid=$!
stop() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop EXIT
ready=""
while kill -0 "$pid" 2>/dev/null; do
  code=$(curl -s -o "$dir/readyz.json" -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
  if [ "$code" = "200" ]; then ready=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
  if [ $(( ($(date +%s%N) - t0) / 1000000000 )) -ge 60 ]; then break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then echo "npm start did not become ready within 60 s:"; tail -40 "$log"; exit 1; fi
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const names = r.checks.filter((c) => c.ok).map((c) => c.name).join(",");
if (names !== "db,migrations,jobs,delivery" || r.jobs.enabled !== true) { console.error("readyz checks:", JSON.stringify(r.checks)); process.exit(1); }' "$dir/readyz.json"
# Signing secrets are generated per data directory, private to the user, never a public default.
secrets_mode=$(stat -c '%a' "$dir/var/dev-secrets.json" 2>/dev/null || echo missing)
if [ "$secrets_mode" != "600" ]; then echo "var/dev-secrets.json is $secrets_mode, expected a file with mode 600"; exit 1; fi
creds="$dir/var/dev-admin-credentials.json"
user=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).username)' "$creds")
pass=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).password)' "$creds")
count=$(curl -sf -u "$user:$pass" "http://127.0.0.1:$port/v1/admin/leads" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1]))[process.argv[2]])' "$creds" "$1"; }
login=$(node -e 'console.log(JSON.stringify({ email: process.argv[1], password: process.argv[2] }))' "$(field owner_email)" "$(field owner_password)")
token=$(curl -sf -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$port/v1/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
owner_count=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/admin/leads" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
board=$(node -e 'const now=Date.now(); console.log(`start=${encodeURIComponent(new Date(now).toISOString())}&end=${encodeURIComponent(new Date(now+3*86400000).toISOString())}`)')
bookings=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/admin/bookings?$board" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
queued=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/admin/queue/assignments" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
echo "npm start: /readyz 200 (db, migrations, jobs) after ${ready} ms; Basic admin listed ${count} demo leads, the signed-in demo owner ${owner_count}; ${bookings} demo bookings in the next 3 days, ${queued} waiting for assignment"
if [ "$count" -lt 1 ] || [ "$owner_count" != "$count" ]; then echo "the demo leads are missing"; exit 1; fi
if [ "$bookings" -lt 3 ] || [ "$queued" -lt 1 ]; then echo "the demo schedule is missing"; exit 1; fi
if [ "$ready" -gt $(( deadline * 1000 )) ]; then echo "slower than the ${deadline} s promised in the README"; exit 1; fi

# The README's "Try it" blocks: each bash block after a line mentioning tools/check-start.sh.
readme="$dir/readme-examples.sh"
awk '/tools\/check-start\.sh runs the bash blocks/ { marked = 1; next }
     marked && /^```bash$/ { inside = 1; next }
     inside && /^```$/ { inside = 0; marked = 0; next }
     inside { print }' README.md \
  | sed -e "s#^API=http://127.0.0.1:8000\$#API=http://127.0.0.1:$port#" -e "s#^CREDS=var/dev-admin-credentials.json\$#CREDS=$creds#" >"$readme"
if ! grep -q "^API=http://127.0.0.1:$port$" "$readme" || ! grep -q "^CREDS=$creds$" "$readme"; then echo "the README examples no longer set API and CREDS as this check expects"; exit 1; fi
out="$dir/readme-examples.out"
if ! bash -euo pipefail "$readme" >"$out" 2>&1; then echo "a README example failed:"; tail -40 "$out"; exit 1; fi
expect() { if ! grep -q -- "$1" "$out"; then echo "README examples: expected $2 in their output:"; cat "$out"; exit 1; fi; }
expect '"Harbor View Co-op"' 'the demo leads'
expect 'dempotent-Replayed: true' 'the replayed booking'
expect '"auth.password_change_required"' 'the temporary-password refusal'
expect '"in_progress"' 'the started job'
expect '"completed"' 'the completed job'
expect '^204$' 'the worker sign-out'
expect '"status":"PARTIAL","currency":"USD","total_cents":12960,"paid_cents":5000' 'the partly paid invoice'
expect '"status":"PAID","currency":"USD","total_cents":12960,"paid_cents":12960,"outstanding_cents":0' 'the paid invoice'
expect '^application/pdf, ' 'the invoice PDF'
expect '"status":"OVERDUE","paid_cents":0,"settled_cents":0,"mismatch":false' 'the overdue demo invoice'
expect '"client_name":"James Okafor","days_overdue":1[5-7],' 'the overdue queue'
# The confirmed booking's mail went through the outbox: the in-process deliverer (polling the
# embedded database every second) wrote it to the log (EMAIL_MODE=log, the dev default).
mailed=""
for _ in $(seq 1 50); do
  if grep -q 'Mail not sent (EMAIL_MODE=log): booking_confirmed to office@brightside-dental.example.com' "$log"; then mailed=yes; break; fi
  sleep 0.1
done
if [ -z "$mailed" ]; then echo "the booking confirmation did not reach the log through the outbox within 5 s:"; tail -20 "$log"; exit 1; fi
echo "README examples: $(grep -c . "$readme") lines ran as written against the fresh start"

