#!/usr/bin/env bash
# Install the Debian packages lede builds and tests with (only what is missing).
set -euo pipefail
pkgs=(build-essential cmake pkg-config liblua5.4-dev libpcre2-dev libcmocka-dev
      libreadline-dev libcjson-dev libxml2-dev zlib1g-dev libzstd-dev liblzma-dev
      libutf8proc-dev libpoppler-glib-dev xz-utils zstd enscript ghostscript jq tmux time chromium
      python3-distributed    # python3-distributed: tests/cli/test_dask.sh only
      man-db groff-base zsh) # man -l docs/lede.1; zsh: the zsh completion checks
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
