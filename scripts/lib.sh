# Shared helpers for scripts/start.sh and scripts/test.sh. Every function is idempotent: it checks
# what is already there and installs only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"
TEMPORAL_CLI_VERSION="1.5.1"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  # Node.js 20.19 or newer (Vite 8 and require(esm) need it).
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
    echo "Node.js 20.19 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
  fi
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install -g --silent "pnpm@$PNPM_VERSION"
  fi
}

ensure_dependencies() {
  ensure_node
  ensure_pnpm
  log "pnpm install"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only)
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
  export CHROMIUM_PATH=/usr/bin/chromium
}

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  if [ -z "$(pg_bin_dir)" ] || ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
  local version port
  version="$(basename "$(dirname "$(pg_bin_dir)")")"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    log "creating PostgreSQL $version cluster"
    as_root pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" main start
  fi
  port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
  # A dedicated role for the tests; it may create the throwaway databases each suite uses.
  as_root runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'beluga') THEN
    CREATE ROLE beluga LOGIN PASSWORD 'beluga' CREATEDB;
  END IF;
END $$;
SELECT 'CREATE DATABASE beluga OWNER beluga'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'beluga') \gexec
SQL
  export TEST_DATABASE_URL="postgres://beluga:beluga@127.0.0.1:$port/beluga"
}

temporal_cli_path() {
  local gobin
  gobin="$(go env GOBIN 2>/dev/null || true)"
  [ -n "$gobin" ] || gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
  echo "$gobin/temporal"
}

ensure_temporal_cli() {
  local bin
  bin="$(temporal_cli_path)"
  # The CLI built by go install reports 0.0.0-DEV; its module version is in the build info.
  if [ ! -x "$bin" ] || ! go version -m "$bin" 2>/dev/null | grep -Eq "^\s+mod\s+github.com/temporalio/cli\s+v$TEMPORAL_CLI_VERSION\b"; then
    command -v go >/dev/null || { echo "Go is required to build the Temporal CLI" >&2; exit 1; }
    log "building the Temporal CLI $TEMPORAL_CLI_VERSION (go install, a few minutes the first time)"
    (cd /tmp && go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION")
  fi
  export TEMPORAL_CLI_PATH="$bin"
}
