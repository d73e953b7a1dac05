#!/usr/bin/env bash
# Node 24 (the line Electron 45 embeds) for development, tests, the CLI and CI, next to the system's node.
#   . scripts/node24.sh            this shell gets Node 24 first on PATH
#   bash scripts/node24.sh CMD...  runs CMD with it
# When `node` is older than 24, installs the pinned node-linux-<arch> package from the npm registry into
# the project's .node/ folder once (about 10 s) and puts its bin first on PATH; /usr/bin/node stays as is.

_kw_node24() {
  local version=24.22.3 root arch pkg home major
  root=$(CDPATH= cd -- "$(dirname -- "$1")/.." && pwd) || return 1
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 24 ] && return 0

  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch=x64 ;;
    Linux-aarch64 | Linux-arm64) arch=arm64 ;;
    *)
      echo "node24: no node-linux package for $(uname -s) $(uname -m); install Node 24 from nodejs.org" >&2
      return 1
      ;;
  esac
  pkg="node-linux-$arch"
  home="$root/.node/node_modules/$pkg"
  if [ "$("$home/bin/node" --version 2>/dev/null)" != "v$version" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "node24: npm is needed once, to fetch $pkg@$version from the npm registry" >&2
      return 1
    fi
    echo "node24: installing Node $version ($pkg) into .node/" >&2
    npm install --prefix "$root/.node" --no-audit --no-fund --save-exact --loglevel=error "$pkg@$version" >&2 || return 1
  fi
  # npm and npx run on whichever `node` comes first on PATH, so they and every script they start get this one.
  export PATH="$home/bin:$PATH"
  # keytar builds from source here (its prebuilt download is not reachable): Node 24's own headers.
  export npm_package_config_node_gyp_nodedir="$home"
}

# Sourced: set up this shell and hand the outcome to the caller. (zsh names the sourced file with %x.)
if [ -n "${ZSH_VERSION:-}" ]; then
  case ${ZSH_EVAL_CONTEXT:-} in *:file*) _kw_node24 "${(%):-%x}"; return $? ;; esac
elif [ "${BASH_SOURCE[0]:-$0}" != "$0" ]; then
  _kw_node24 "${BASH_SOURCE[0]}"
  return $?
fi
_kw_node24 "$0" || exit 1
if [ "$#" -eq 0 ]; then
  echo "usage: . scripts/node24.sh   or   bash scripts/node24.sh <command> [args...]" >&2
  exit 2
fi
exec "$@"
