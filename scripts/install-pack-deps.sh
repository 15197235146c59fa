#!/usr/bin/env bash
# Installs what printing briefing packs (briefbook pack, tests/test_packs.py) needs from the
# system when it is missing: WeasyPrint's text layout (Debian's Pango, with HarfBuzz and
# fontconfig) and fonts with Cyrillic (Debian's fonts-dejavu-core: DejaVu Sans, Serif and
# Mono, embedded in every pack); and poppler-utils (pdftoppm), which turns a pack's pages
# into pictures to look at. No web fonts: nothing is fetched when a pack is printed.
# Idempotent and quiet when everything is already there.
set -euo pipefail

has_lib() { /sbin/ldconfig -p 2>/dev/null | grep -q "$1" || ls /usr/lib/*/"$1"* >/dev/null 2>&1; }

need_apt=()
has_lib libpango-1.0.so.0 || need_apt+=(libpango-1.0-0)
has_lib libpangoft2-1.0.so.0 || need_apt+=(libpangoft2-1.0-0)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || need_apt+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)

if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "installing ${need_apt[*]} (Debian packages) for the briefing packs"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
