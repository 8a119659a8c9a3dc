#!/usr/bin/env bash
# The chaos suite a pipeline runs. Both examples beside this file call it, and
# tests/e2e/suite.test.ts runs it against mini, so what is shipped here is what is tested.
#
#   SUITE_TAGS    which scenarios (tags: in the scenario files); default quick (mini, every merge),
#                 long for the world scenarios (nightly)
#   SUITE_REPEAT  runs per scenario, for distributions and flaky detection; default 3
#   SUITE_FAIL_ON failed (default) or flaky
#   SUITE_OUT     where the JUnit and JSON reports go; default reports/
#   SUITE_ARGS    anything else for `chaos run` (e.g. --lab NAME --pool CIDR)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${SUITE_OUT:-reports}"
mkdir -p "$out"
# shellcheck disable=SC2086 # SUITE_ARGS is a list of flags on purpose
exec npx anycast-lab chaos run topology/scenarios \
  --only "${SUITE_TAGS:-quick}" \
  --repeat "${SUITE_REPEAT:-3}" \
  --fail-on "${SUITE_FAIL_ON:-failed}" \
  --down \
  --json "$out/chaos-suite.json" \
  --junit "$out/chaos-suite.xml" \
  ${SUITE_ARGS:-}
