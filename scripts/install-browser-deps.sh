#!/usr/bin/env bash
# Installs what the browser tests (tests/browser/) need when it is missing:
#   - Debian's Chromium (driven by the playwright Python package; never `playwright install`),
#   - a Java runtime for the Nu HTML Checker (Debian's openjdk-17-jre-headless),
#   - the npm packages pinned in package-lock.json (axe-core, vnu-jar; and world-atlas, read only
#     by scripts/make_map_extract.py) via `npm ci`.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)

if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "installing ${need_apt[*]} (Debian packages) for the browser tests"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Reinstall the npm packages when they are missing or the lock file is newer than the install.
# --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime from the network; Java
# comes from Debian instead (above). The checker itself is the jar shipped in the package.
stamp=node_modules/.package-lock.json
if [[ ! -f node_modules/axe-core/axe.min.js || ! -f node_modules/vnu-jar/build/dist/vnu.jar \
      || ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "installing npm packages (axe-core, vnu-jar) for the browser tests"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
