#!/usr/bin/env bash
# Lints the checked-in contract with an OpenAPI 3 linter (Redocly CLI, from the npm registry).
# Exit 0 when the contract is valid (warnings allowed), 1 when it has errors, 2 when the linter
# cannot be installed here.
set -euo pipefail
cd "$(dirname "$0")/.."
REDOCLY_VERSION=2.77.0
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
if ! command -v npx >/dev/null 2>&1; then
  echo "lint-openapi: npx is not installed" >&2
  exit 2
fi
if ! npx --yes "@redocly/cli@${REDOCLY_VERSION}" --version >/dev/null 2>&1; then
  echo "lint-openapi: @redocly/cli@${REDOCLY_VERSION} cannot be installed" >&2
  exit 2
fi
npx --yes "@redocly/cli@${REDOCLY_VERSION}" lint --format=summary openapi/openapi.yaml
