#!/usr/bin/env bash
# Installs Pagefind 1.6 (the program that makes the site's search index, run by
# briefbook.engines.pagefind) into the Python environment's scripts folder ($1; default
# .venv/bin), where briefbook looks for it first, when it is missing or another version.
#
# Why from npm: PyPI's pagefind[extended] stops at 1.5.2, while npm's pagefind 1.6.0 ranks
# the pages of a word found on every page of a 5,000-brief site about 1.7 times faster
# (docs/benchmark.md). The version and each platform's download are pinned with their
# integrity in package-lock.json, which `npm ci` checks. Without a binary for this
# platform, briefbook uses PyPI's Pagefind 1.5.2 (the same index format, a slower search).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.venv/bin}

if ! command -v npm >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "installing nodejs npm (Debian packages) for Pagefind"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

# Only the site's packages (--omit=dev: not the browser tests' checkers, which
# scripts/install-browser-deps.sh adds), when missing or older than the lock file.
stamp=node_modules/.package-lock.json
if [[ ! -f node_modules/pagefind/package.json || ! -f $stamp || package-lock.json -nt $stamp ]]
then
  echo "installing npm packages (pagefind) for the site's search"
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
fi

binary=$(find node_modules/@pagefind -path '*/bin/pagefind_extended' -type f 2>/dev/null | head -n 1)
if [[ -z $binary ]]; then
  echo "no Pagefind 1.6 for this platform in npm's packages: the site's search index will be" \
       "made by PyPI's Pagefind 1.5.2"
  exit 0
fi
mkdir -p "$bin_dir"
if ! cmp -s "$binary" "$bin_dir/pagefind_extended"; then
  install -m 755 "$binary" "$bin_dir/pagefind_extended"
fi
