#!/usr/bin/env bash
# Contract tests of Balai's machine endpoints (issue #19 item 6): docs/openapi.json (served
# at /api/openapi.json) is validated as OpenAPI 3.1, then schemathesis generates requests
# from it against a running Balai and checks every answer: no 5xx, status codes, content
# types, headers and JSON bodies as the document says, bad input refused, auth not ignored.
#
#   tests/contract/run.sh           short (CI): 5 examples per operation, no stateful phase
#   tests/contract/run.sh --long    longer: 300 examples per operation and the stateful
#                                   phase, within 15 minutes
#   BALAI_BIN=path/to/balai         the binary (default target/debug/balai; built with
#                                   `cargo build` if it is missing)
#   BALAI_CONTRACT_VENV=dir         where the Python packages go (default target/contract-venv)
#
# It installs schemathesis and openapi-spec-validator (tests/contract/requirements.txt,
# every version pinned) into a venv of its own, starts Balai on a free loopback port with a
# fresh SQLite database seeded by `balai seed --demo` and `balai seed --reports 60`, makes
# two partner keys with `balai partner add` (an Open311 key with `submit`; an agency key of
# kemenhub with `read,update`), hands schemathesis real tracking codes and service codes as
# dictionaries (half the generated values; the rest are made up, to reach the 404s), and
# stops the server. XML answers are checked for status and content type only: schemathesis
# has no XML reader (the Open311 tests in tests/api/open311.rs parse the XML).
# Failures are listed with a curl line each; the server's log is tests/contract/artifacts/server.log.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
step() { printf '\n-- %s\n' "$*"; }
long=""
case "${1:-}" in
  --long) long=1 ;;
  "") ;;
  *) echo "usage: tests/contract/run.sh [--long]" >&2; exit 2 ;;
esac

step "Python packages"
VENV="${BALAI_CONTRACT_VENV:-$ROOT/target/contract-venv}"
if ! cmp -s "$HERE/requirements.txt" "$VENV/.balai-installed" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/.balai-installed"
fi
"$VENV/bin/schemathesis" --version

step "the document (openapi-spec-validator)"
"$VENV/bin/openapi-spec-validator" docs/openapi.json

step "Balai server"
BALAI_BIN="${BALAI_BIN:-target/debug/balai}"
if [ ! -x "$BALAI_BIN" ]; then
  echo "$BALAI_BIN is missing: building it once"
  cargo build --quiet
fi
ART="$HERE/artifacts"
rm -rf "$ART"
mkdir -p "$ART"
DATA="$(mktemp -d)"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  [ -n "${BALAI_CONTRACT_KEEP:-}" ] && echo "kept: $DATA" >&2 || rm -rf "$DATA"
}
trap cleanup EXIT
export BALAI_DATA_DIR="$DATA" BALAI_LOG_FORMAT=json
"$BALAI_BIN" seed --demo >"$DATA/demo.tsv" 2>"$ART/seed.log" || { cat "$ART/seed.log" >&2; exit 1; }
"$BALAI_BIN" seed --reports 60 --seed 1 >>"$ART/seed.log" 2>&1 || { cat "$ART/seed.log" >&2; exit 1; }
# The keys are printed once, on a line `key: ...`; they stay in this run's temporary folder.
key_of() { sed -n 's/^key: //p'; }
OPEN311_KEY="$("$BALAI_BIN" partner add --name "Contract tests" --scope submit,read --per-minute 100000 | key_of)"
AGENCY_KEY="$("$BALAI_BIN" partner add --name "Contract tests (kemenhub)" --agency kemenhub --scope read,update --per-minute 100000 | key_of)"
[ -n "$OPEN311_KEY" ] && [ -n "$AGENCY_KEY" ] || { echo "balai partner add printed no key" >&2; exit 1; }
BALAI_BIND=127.0.0.1:0 "$BALAI_BIN" serve >"$ART/server.log" 2>&1 &
SERVER=$!
PORT=""
for _ in $(seq 1 100); do
  if ! kill -0 "$SERVER" 2>/dev/null; then echo "Balai stopped at start:" >&2; cat "$ART/server.log" >&2; exit 1; fi
  PORT="$(grep -o '"message":"Balai is serving","port":[0-9]*' "$ART/server.log" | grep -o '[0-9]*$' || true)"
  [ -n "$PORT" ] && break
  sleep 0.2
done
[ -n "$PORT" ] || { echo "Balai did not say which port it serves on:" >&2; cat "$ART/server.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
echo "Balai at $BASE"

# Real values for the path parameters and the POST's service code, as schemathesis
# dictionaries: tracking codes of the demo reports and of synthetic public ones (from the
# open data), the cases in the agency key's queue, and the service codes Balai lists.
json_list() { python3 -c 'import json, sys; print(json.dumps(sorted({l.strip() for l in sys.stdin if l.strip()})))'; }
report_codes="$( { cut -f3 "$DATA/demo.tsv" | grep -E '^[0-9A-Z]{3}-' || true
  curl -sf "$BASE/data/reports.csv" | sed -n '2,20p' | cut -d, -f1 | tr -d '"'; } | json_list)"
agency_codes="$(curl -sf -H "Authorization: Bearer $AGENCY_KEY" "$BASE/api/v1/agency/cases" |
  python3 -c 'import json, sys; [print(c["code"]) for c in json.load(sys.stdin)["cases"]]' | json_list)"
service_codes="$(curl -sf "$BASE/open311/v2/services.json" | python3 -c 'import json, sys; [print(s["service_code"]) for s in json.load(sys.stdin)]' | json_list)"
for list in report_codes agency_codes service_codes; do
  [ "${!list}" != "[]" ] || { echo "no $list found for the dictionaries" >&2; exit 1; }
done
# One block per operation (schemathesis merges the blocks that match one operation, and a
# later block's empty parameters would hide an earlier block's). Schema-valid but refused,
# rightly: the filters' and a report's valid values are content (categories, agencies,
# provinces, regencies, the form's length limits) and a postponement must be after today,
# which a JSON schema cannot say without copying the content into the document. For those
# operations "a schema-valid request is accepted" is not checked; every other check is.
CONFIG="$DATA/schemathesis.toml"
cat >"$CONFIG" <<TOML
[dictionaries.report-codes]
values = $report_codes

[dictionaries.agency-codes]
values = $agency_codes

[dictionaries.service-codes]
values = $service_codes

[[operations]]
include-operation-id = "open311Service"
parameters = { "path.code" = { dictionary = "service-codes", probability = 0.5 } }

[[operations]]
include-operation-id = "open311Request"
parameters = { "path.id" = { dictionary = "report-codes", probability = 0.5 } }

[[operations]]
include-operation-id = "feedReport"
parameters = { "path.code" = { dictionary = "report-codes", probability = 0.5 } }

[[operations]]
include-operation-id = "open311CreateRequest"
parameters = { "body.api_key" = "$OPEN311_KEY", "body.service_code" = { dictionary = "service-codes", probability = 0.5 } }
checks = { positive_data_acceptance = { enabled = false } }

[[operations]]
include-operation-id = "agencyQueue"
headers = { Authorization = "Bearer $AGENCY_KEY" }

[[operations]]
include-operation-id = "agencyCase"
headers = { Authorization = "Bearer $AGENCY_KEY" }
parameters = { "path.code" = { dictionary = "agency-codes", probability = 0.5 } }

[[operations]]
include-operation-id = "agencyAct"
headers = { Authorization = "Bearer $AGENCY_KEY" }
parameters = { "path.code" = { dictionary = "agency-codes", probability = 0.5 } }
checks = { positive_data_acceptance = { enabled = false } }

[[operations]]
include-operation-id = ["openDataCsv", "openDataJson", "feedResolved"]
checks = { positive_data_acceptance = { enabled = false } }
TOML

if [ -n "$long" ]; then
  step "schemathesis, long: 300 examples per operation, stateful phase, at most 15 minutes"
  args=(--max-examples 300 --phases examples,coverage,fuzzing,stateful --max-time 900)
else
  step "schemathesis, short: 5 examples per operation"
  args=(--max-examples 5 --phases examples,coverage,fuzzing)
fi
status=0
# From the artifacts folder: schemathesis keeps a cache (.schemathesis/) where it runs.
cd "$ART"
"$VENV/bin/schemathesis" --config-file "$CONFIG" run "$BASE/api/openapi.json" --url "$BASE" \
  --seed "${BALAI_CONTRACT_SEED:-20261203}" --workers 1 --request-timeout 30 \
  --report junit --report-dir "$ART" "${args[@]}" || status=$?
# Errors Balai logged (a 5xx, a failed query...). actix-http logs a request it cannot parse
# (a header schemathesis made unreadable) at ERROR too, and answers it 400: not counted.
errors="$(grep '"level":"ERROR"' "$ART/server.log" | grep -v '"target":"actix_http::h1::dispatcher"' || true)"
if [ -n "$errors" ]; then
  echo "the server logged errors during the run:" >&2
  echo "$errors" | head -20 >&2
  status=1
fi
exit "$status"
