#!/usr/bin/env bash
# A walkthrough of the org API with curl against a running org service: establish the organisation,
# people join, a tribe, squads, a chapter and a guild, a squad moves, and the org tree now and before.
#
#   TOKEN=$(npm run -s token -- --sub 00000000-0000-4000-8000-000000000001 --tenant acme --roles admin) \
#   ORG_URL=http://127.0.0.1:3001 npm run scenario:org
set -euo pipefail
ORG_URL="${ORG_URL:-http://127.0.0.1:3001}"
: "${TOKEN:?set TOKEN to an admin token: npm run -s token -- --sub <uuid> --tenant <org> --roles admin}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
# call METHOD PATH [JSON]: prints the request and the response (status, then body); the body on stdout.
call() {
  local method=$1 path=$2 body=${3:-} response
  printf '%s %s %s\n' "$method" "$path" "$body" >&2
  response=$(curl -sS -X "$method" "$ORG_URL$path" -H "authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' ${body:+-d "$body"} -w '\n%{http_code}')
  printf '  → %s %s\n' "${response##*$'\n'}" "${response%$'\n'*}" >&2
  printf '%s\n' "${response%$'\n'*}"
}
id_of() { sed -n 's/.*"id":"\([^"]*\)".*/\1/p'; }

step "Establish the organisation (409 if it already is)"
call POST /organisation '{"name":"Acme Music"}' >/dev/null

step "People join"
ann=$(call POST /people '{"name":"Ann","email":"ann@acme.example"}' | id_of)
ben=$(call POST /people '{"name":"Ben","email":"ben@acme.example"}' | id_of)

step "Two tribes, a squad, a chapter and a guild"
payments=$(call POST /tribes '{"name":"Payments","mission":"Money moves safely"}' | id_of)
discovery=$(call POST /tribes '{"name":"Discovery","mission":"Find the next song"}' | id_of)
checkout=$(call POST /squads "{\"tribeId\":\"$payments\",\"name\":\"Checkout\"}" | id_of)
backend=$(call POST /chapters "{\"tribeId\":\"$payments\",\"name\":\"Backend\",\"craft\":\"backend\"}" | id_of)
web=$(call POST /guilds '{"name":"Web","interest":"Web performance"}' | id_of)

step "Leads and members"
call PUT "/tribes/$payments/lead" "{\"personId\":\"$ann\"}" >/dev/null
call PUT "/squads/$checkout/product-owner" "{\"personId\":\"$ben\"}" >/dev/null
call POST "/squads/$checkout/members" "{\"personId\":\"$ann\"}" >/dev/null
call POST "/squads/$checkout/members" "{\"personId\":\"$ben\"}" >/dev/null
call POST "/chapters/$backend/members" "{\"personId\":\"$ann\"}" >/dev/null
call POST "/guilds/$web/members" "{\"personId\":\"$ben\"}" >/dev/null

step "A second chapter for Ann is refused (409, the field named)"
data=$(call POST /chapters "{\"tribeId\":\"$payments\",\"name\":\"Data\",\"craft\":\"data\"}" | id_of)
call POST "/chapters/$data/members" "{\"personId\":\"$ann\"}" >/dev/null

sleep 1
before=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
sleep 1
step "Checkout moves to Discovery (members keep their chapter until an admin revisits it, ADR 0010)"
call POST "/squads/$checkout/move" "{\"toTribeId\":\"$discovery\"}" >/dev/null

sleep 1
step "Ann's profile"
call GET "/people/$ann" >/dev/null
step "The org tree now"
call GET /org/tree >/dev/null
step "The org tree as it stood at $before"
call GET "/org/tree?asOf=$before" >/dev/null
