#!/bin/sh
# Run Postfix in the foreground; RELAYHOST (optional) sends everything via a smarthost.
set -e
if [ -n "$RELAYHOST" ]; then postconf -e "relayhost = $RELAYHOST"; fi
exec postfix start-fg
