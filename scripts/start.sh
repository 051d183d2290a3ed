#!/usr/bin/env bash
# Installs what is needed and starts Beluga on its embedded defaults (http://localhost:3000).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dependencies
log "building"
pnpm build
log "starting the server"
exec node apps/server/dist/main.js
