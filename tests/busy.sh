#!/usr/bin/env bash
# Runs a command (by default the whole suite, `npm test`) with CPU burners beside it, as on a
# machine busy with other work: the suite must pass so. BURNERS sets how many (default 2).
#   tests/busy.sh                      # npm test beside two `yes > /dev/null`
#   BURNERS=4 tests/busy.sh npx vitest run --project integration
set -euo pipefail
burners=()
# shellcheck disable=SC2317 # called by the trap
stop_burners() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_burners EXIT
for _ in $(seq 1 "${BURNERS:-2}"); do
  yes >/dev/null &
  burners+=("$!")
done
echo "busy.sh: ${#burners[@]} CPU burners running (pids ${burners[*]}); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ "$#" -eq 0 ]; then set -- npm test; fi
status=0
"$@" || status=$?
echo "busy.sh: load at the end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit "$status"
