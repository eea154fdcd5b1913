#!/usr/bin/env bash
# Every test the project has: lint, the Python suite (unit + integration) and the
# Node suites of the world and the bridge. Called by `make test` after setup.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0

echo "== ruff"
$BIN/ruff check . || status=1

for pkg in env bridge; do
  if compgen -G "$pkg/test/*.test.js" >/dev/null; then
    echo "== node tests: $pkg"
    (cd "$pkg" && node --test --test-concurrency=1 test/*.test.js) || status=1
  fi
done

echo "== pytest"
$BIN/python -m pytest "$@"
rc=$?
# Exit code 5 means "no tests collected": not a failure of the code under test.
if [ $rc -ne 0 ] && [ $rc -ne 5 ]; then status=1; fi

exit $status
