#!/usr/bin/env bash
# Install the Debian packages listed in tests/system-packages.txt that are missing.
# Does nothing when all are present; needs root (or sudo) otherwise.
set -euo pipefail
list="$(dirname "$0")/system-packages.txt"
missing=()
while read -r pkg _; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages for the tests: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure the system's own mail on install: say "none"
# (the tests run their own instance from a temporary folder).
if printf '%s\n' "${missing[@]}" | grep -qx postfix; then
  printf '%s\n' "postfix postfix/main_mailer_type select No configuration" \
    "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
