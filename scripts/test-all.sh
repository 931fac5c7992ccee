#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure. Each stage's output stays on
# screen and is also kept in test-results/stages/<stage>.log. The last line is always
# "N passed, N failed", added up from mocha's "N passing" / "N failing" of the test stages.
set -uo pipefail
cd "$(dirname "$0")/.."

LOG_DIR=test-results/stages
COUNTED_STAGES=" test:unit test:exthost test:e2e "
passed=0
failed=0

# The last "N <word>" summary line of a log (mocha prints one per run), colour codes removed.
mocha_count() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -Eo "^[[:space:]]*[0-9]+ $2" | tail -n 1 | grep -Eo '[0-9]+' || echo 0
}

summary() {
  echo "$passed passed, $failed failed"
}

run_stage() {
  local stage=$1 log="$LOG_DIR/${1//:/-}.log" start=$SECONDS rc stage_passed stage_failed
  printf '\n==> npm run %s\n' "$stage"
  npm run "$stage" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  printf '<== npm run %s: exit %s after %ss\n' "$stage" "$rc" $((SECONDS - start))
  if [[ $COUNTED_STAGES == *" $stage "* ]]; then
    stage_passed=$(mocha_count "$log" passing)
    stage_failed=$(mocha_count "$log" failing)
    passed=$((passed + stage_passed))
    failed=$((failed + stage_failed))
  fi
  if ((rc != 0)); then
    # A stage that fails without reporting a failing test (lint, a crash) still counts as one
    # failure, so the last line never reads "0 failed" for a failed run.
    if [[ $COUNTED_STAGES != *" $stage "* ]] || ((stage_failed == 0)); then failed=$((failed + 1)); fi
    echo "npm test stopped: '$stage' failed (logs in $LOG_DIR/)"
    summary
    exit "$rc"
  fi
}

mkdir -p "$LOG_DIR"
for stage in lint typecheck build test:unit package test:exthost test:e2e; do
  run_stage "$stage"
done
summary
