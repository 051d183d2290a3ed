#!/usr/bin/env bash
# Installs what is needed (pnpm, Chromium, PostgreSQL, the Temporal CLI) and runs every test:
# lint, typecheck, unit and integration tests (against real PostgreSQL and Temporal), then the
# end-to-end tests in Debian's Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dependencies
ensure_chromium
ensure_postgres
ensure_temporal_cli
log "format, lint and typecheck"
pnpm format:check
pnpm lint
pnpm typecheck
log "build"
pnpm build
# Reports of an earlier run must not count in this run's summary.
rm -rf apps/*/test-results packages/*/test-results e2e/test-results
log "unit and integration tests"
pnpm test
log "end-to-end tests (Chromium)"
pnpm test:e2e
node scripts/test-summary.js
