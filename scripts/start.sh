#!/usr/bin/env bash
# Installs what is needed and starts Beluga on its embedded defaults (http://localhost:3000).
#
#   bash scripts/start.sh              PGlite in ./data, the local executor
#   bash scripts/start.sh --temporal   also a local Temporal dev server (built with Go when
#                                      missing; state in ./data/temporal.db, Web UI on :8233) and a
#                                      Temporal worker in the server: runs can go to Temporal
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

temporal=false
for arg in "$@"; do
  case "$arg" in
    --temporal) temporal=true ;;
    *)
      echo "usage: bash scripts/start.sh [--temporal]" >&2
      exit 64
      ;;
  esac
done

ensure_dependencies
log "building"
pnpm build

if [ "$temporal" = false ]; then
  log "starting the server"
  exec node apps/server/dist/main.js
fi

ensure_temporal_cli
port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
mkdir -p "${DATA_DIR:-./data}"
log "starting the Temporal dev server on 127.0.0.1:$port (Web UI http://localhost:$ui_port)"
# Eager activity dispatch: a worker that schedules an activity gets it back with its workflow
# task's reply, saving one trip through the server per activity task.
"$TEMPORAL_CLI_PATH" server start-dev --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" \
  --db-filename "${DATA_DIR:-./data}/temporal.db" --log-level error \
  --dynamic-config-value system.enableActivityEagerExecution=true &
dev_server=$!
trap 'kill "$dev_server" 2>/dev/null; wait "$dev_server" 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  if "$TEMPORAL_CLI_PATH" operator cluster health --address "127.0.0.1:$port" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$dev_server" 2>/dev/null || { echo "the Temporal dev server did not start" >&2; exit 1; }
  sleep 0.5
done

log "starting the server with the temporal executor and an in-process worker"
TEMPORAL_ADDRESS="127.0.0.1:$port" TEMPORAL_UI_URL="http://localhost:$ui_port" \
  BELUGA_TEMPORAL_WORKER=true node apps/server/dist/main.js &
server=$!
trap 'kill "$server" "$dev_server" 2>/dev/null; wait "$server" "$dev_server" 2>/dev/null' EXIT INT TERM
wait "$server"
