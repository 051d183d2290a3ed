#!/usr/bin/env bash
# Runs every benchmark (`pnpm bench`) with a local PostgreSQL server started first, so the
# benches that compare PGlite with PostgreSQL (apps/server, packages/db) measure both, the
# Temporal CLI (the Temporal bench) and Chromium (the editor bench).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dependencies
ensure_postgres
ensure_temporal_cli
ensure_chromium
# turbo.json passes TEST_DATABASE_URL (and BENCH_DATABASE_URL) through to the bench tasks.
pnpm bench "$@"
