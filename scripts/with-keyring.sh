#!/usr/bin/env bash
# Runs a command with a working Secret Service on Linux: reuses the session's keyring when it answers,
# otherwise starts a private D-Bus session with an unlocked gnome-keyring (CI and headless machines).
set -euo pipefail

if [ "$(uname -s)" != "Linux" ] || [ "${KEYWARD_KEYRING_READY:-}" = "1" ]; then
  exec "$@"
fi

if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v secret-tool >/dev/null 2>&1 \
  && timeout 5 secret-tool search --all keyward-probe none >/dev/null 2>&1; then
  exec "$@"
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: no Secret Service and no dbus-run-session/gnome-keyring-daemon to start one;" >&2
  echo "with-keyring: install them (Debian: apt-get install dbus dbus-x11 gnome-keyring libsecret-tools) or run inside a desktop session." >&2
  exec "$@"
fi

export KEYWARD_KEYRING_READY=1
exec dbus-run-session -- bash -c '
  # A throwaway keyring in a throwaway home for its data, unlocked with a throwaway password.
  export XDG_DATA_HOME="$(mktemp -d)"
  printf "keyward-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"
' bash "$@"
