#!/usr/bin/env bash
# Scale check: generate a large Ccm.log in the SMS 2003 server format (mostly routine lines, a failing push
# every 5,000 lines) and run `pushlint check --logs` on it under /usr/bin/time, printing the wall time and the
# peak resident memory. Memory should stay flat as the log grows: entries are streamed, only events are kept.
#   scripts/scale.sh [MEGABYTES...]     (default: 50 200)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/pushlint" ./cmd/pushlint
for mb in "${@:-50 200}"; do
  log="$work/ccm-$mb.log"
  python3 - "$log" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
routine = 'Waiting for change in directory "D:\\SMS\\inboxes\\ccr.box" for queue "Incoming", (30 minute backup timeout).~  $$<SMS_CLIENT_CONFIG_MANAGER><11-20-2026 09:%02d:%02d.%03d+00><thread=660 (0x294)>\n'
fail = ('ERROR: Unable to access target machine for request: "PC%d.KRC", machine name: "PC%d", error code: 53~  $$<SMS_CLIENT_CONFIG_MANAGER><11-20-2026 09:%02d:%02d.%03d+00><thread=660 (0x294)>\n'
        'Stored request "PC%d.KRC", machine name "PC%d", in queue "Retry".~  $$<SMS_CLIENT_CONFIG_MANAGER><11-20-2026 09:%02d:%02d.%03d+00><thread=660 (0x294)>\n')
with open(path, 'w', newline='\r\n') as f:
    n, size = 0, 0
    while size < mb << 20:
        m, s, ms = (n // 60000) % 60, (n // 1000) % 60, n % 1000
        if n % 5000 == 0:
            k = (n // 5000) % 500
            line = fail % (k, k, m, s, ms, k, k, m, s, ms)
        else:
            line = routine % (m, s, ms)
        f.write(line)
        size += len(line) + line.count('\n')
        n += 1
PY
  /usr/bin/time -f "$mb MB: %e s wall, %M KB max resident" "$work/pushlint" check --logs "$log" --format json --output "$work/report.json" --now 2026-11-25 || true
done
