#!/bin/sh
# The dashboard tests drive Debian's headless Chromium; install it if missing.
# Needs root (as on CI and the dev machines); otherwise those tests skip.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the dashboard tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium; browser tests will skip" >&2
fi
exit 0
