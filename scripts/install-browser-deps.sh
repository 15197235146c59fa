#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's Chromium.
# Idempotent and quiet when everything is already there.
set -euo pipefail

need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)

if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "installing ${need_apt[*]} (Debian packages) for the browser tests"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
