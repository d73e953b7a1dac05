#!/usr/bin/env node
// The keyward command: the built CLI (npm run build), Node only, sharing the app's vault and keychain.
require("../out/main/cli.js");
