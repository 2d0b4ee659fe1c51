#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds rootle three
# times with -Werror (plain, ASan+UBSan, TSan) and runs every test in each.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps"

jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
# Each test runs forked under Check with its own timeout; sanitizers slow
# things down, so their timeouts stretch.
for variant in plain address thread; do
  build="$root/build/test-$variant"
  sanitize=""
  multiplier=1
  if [ "$variant" != plain ]; then
    sanitize="$variant"
    multiplier=4
  fi
  echo "=== $variant build" >&2
  cmake -S "$root" -B "$build" -DROOTLE_WERROR=ON -DROOTLE_SANITIZE="$sanitize" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"$jobs" >/dev/null
  echo "=== $variant tests" >&2
  (cd "$build" && CK_TIMEOUT_MULTIPLIER=$multiplier ctest --output-on-failure -j"$jobs")
done
