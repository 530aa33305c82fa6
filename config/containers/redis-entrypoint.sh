#!/bin/sh
# Without a configuration file Redis refuses every client but loopback ones (protected mode); in a container the
# clients are other containers, on a network of their own, so the official image turns it off, and so does this one.
set -eu
if [ "$1" = redis-server ]; then
    shift
    exec redis-server "$@" --protected-mode no
fi
exec "$@"
