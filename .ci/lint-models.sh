#!/usr/bin/env bash
# Lints every BPMN model under bpmn/ with bpmnlint (rules: .bpmnlintrc = bpmnlint:recommended
# + camunda-compat for Camunda Platform 7.24). Exits non-zero if any model has an error
# (warnings and infos are printed but do not fail). Needs Node >= 20 and npm; uses the
# versions pinned in package-lock.json. Usage: bash .ci/lint-models.sh  (or: npm run lint:bpmn)
set -euo pipefail
cd "$(dirname "$0")/.."

# The machine's npmrc carries a setting npm warns about on every call; keep the output to errors.
export npm_config_loglevel=error

if ! command -v npm >/dev/null 2>&1; then
  echo "lint-models: npm (Node.js >= 20) is required" >&2
  exit 1
fi

npm ci --no-audit --no-fund --silent

mapfile -d '' models < <(find bpmn -type f -name '*.bpmn' -print0 | sort -z)
if [ "${#models[@]}" -eq 0 ]; then
  echo "lint-models: no .bpmn file under bpmn/" >&2
  exit 1
fi

echo "bpmnlint $(npx --no -- bpmnlint --version) on ${#models[@]} model(s): ${models[*]}"
# bpmnlint prints nothing for a clean model and exits 1 when any error is found.
if npx --no -- bpmnlint "${models[@]}"; then
  echo "bpmnlint: no errors"
else
  echo "bpmnlint: errors found (see above)" >&2
  exit 1
fi
