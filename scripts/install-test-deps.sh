#!/usr/bin/env bash
# Installs what the browser and HTML tests need on a fresh Debian machine:
#   - chromium (headless browser tests), from Debian, when not on PATH;
#   - pdftotext (poppler-utils: text of printed PDFs), from Debian, when not on PATH;
#   - a Java runtime (vnu.jar, the Nu HTML checker), from Debian, when not on PATH;
#   - node and npm, from Debian, when npm is not on PATH;
#   - node_modules/ via `npm ci`, when missing or older than package-lock.json.
# Idempotent and quiet: one line for each thing it does; full tool output is
# shown only when a step fails. Run from anywhere; it works in the repo root.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { echo "install-test-deps: $*"; }

# run DESCRIPTION CMD...: run quietly, print the output only on failure.
run() {
  local what=$1 out
  shift
  out=$(mktemp)
  if ! "$@" >"$out" 2>&1; then
    log "FAILED: $what" >&2
    cat "$out" >&2
    rm -f "$out"
    exit 1
  fi
  rm -f "$out"
}

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    SUDO=(__need_root__)
  else
    SUDO=(sudo)
  fi
fi

APT_PKGS=()
command -v chromium >/dev/null 2>&1 || APT_PKGS+=(chromium)
# pdftotext reads the printed fiche d'orientation in the assistant's browser tests.
command -v pdftotext >/dev/null 2>&1 || APT_PKGS+=(poppler-utils)
# Java before npm ci: vnu-jar's postinstall otherwise tries to download a JRE.
command -v java >/dev/null 2>&1 || APT_PKGS+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || APT_PKGS+=(nodejs npm)

if ((${#APT_PKGS[@]})); then
  if [[ ${SUDO[0]-} == __need_root__ ]]; then
    log "need root or sudo to install: ${APT_PKGS[*]}" >&2
    exit 1
  fi
  log "apt-get update"
  run "apt-get update" "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  log "apt-get install -y ${APT_PKGS[*]}"
  run "apt-get install ${APT_PKGS[*]}" "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}"
else
  log "chromium, pdftotext, java and npm already on PATH: no apt-get"
fi

# npm writes node_modules/.package-lock.json on every install: it dates the tree.
stamp=node_modules/.package-lock.json
[[ -f $stamp ]] || stamp=node_modules
if [[ ! -d node_modules ]]; then
  log "npm ci (node_modules/ missing)"
  run "npm ci" npm ci --no-audit --no-fund --loglevel=error
elif [[ package-lock.json -nt $stamp ]]; then
  log "npm ci (node_modules/ older than package-lock.json)"
  run "npm ci" npm ci --no-audit --no-fund --loglevel=error
else
  log "node_modules/ up to date with package-lock.json: no npm ci"
fi
