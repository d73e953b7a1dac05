#!/usr/bin/env node
// The keyward command: the built CLI (npm run build), Node only, sharing the app's vault and keychain.
// It runs on Node 24, the line Electron 45 embeds: an older Node gets one line saying so, not a stack trace.
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(
    `keyward needs Node 24 or newer (this is ${process.version}); in the repo, run . scripts/node24.sh first.\n`,
  );
  process.exit(2);
}
require('../out/main/cli.js');
