// electron-builder's afterPack hook (electron-builder.yml): flips the packed Electron binary's fuses before
// signing, so the shipped binary cannot be run as plain Node, take NODE_OPTIONS or --inspect, or load an app
// other than its own integrity-checked app.asar.
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');
const { SENTINEL: FUSE_SENTINEL } = require('@electron/fuses/dist/constants');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The hardened set. GrantFileProtocolExtraPrivileges stays as Electron ships it: the window loads app://. */
const HARDENED_FUSES = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
});

/** The file that holds the fuse wire, as @electron/fuses resolves it: the framework inside a mac .app. */
function fuseFile(binary) {
  return binary.endsWith('.app')
    ? join(binary, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')
    : binary;
}

/** The packed binary electron-builder wrote into appOutDir, per platform. */
function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  throw new Error(`after-pack: no fuse rule for platform "${electronPlatformName}"`);
}

/** builder-util's Arch values that hold an arm64 slice: arm64 and universal. */
const ARM64_ARCHES = [3, 4];

/** The options for flipFuses; the ad-hoc signature is reset where arm64 macOS needs one to launch at all. */
function fuseOptionsFor(context) {
  const armMac =
    (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') &&
    ARM64_ARCHES.includes(context.arch);
  return armMac ? { ...HARDENED_FUSES, resetAdHocDarwinSignature: true } : { ...HARDENED_FUSES };
}

/** Whether the binary carries a fuse wire; a placeholder Electron (no download possible) does not. */
function hasFuseWire(binary) {
  return readFileSync(fuseFile(binary)).includes(FUSE_SENTINEL);
}

async function afterPack(context, flip = flipFuses, log = console.log) {
  const binary = packedBinary(context);
  if (!hasFuseWire(binary)) {
    log(`after-pack: SKIPPED fuses: ${binary} has no fuse wire (a placeholder, not a real Electron binary)`);
    return { flipped: false, binary };
  }
  const sentinels = await flip(binary, fuseOptionsFor(context));
  if (!(sentinels >= 1)) throw new Error(`after-pack: flipFuses changed no fuse wire in ${binary}`);
  log(
    `after-pack: fuses hardened in ${binary} (RunAsNode, NODE_OPTIONS and --inspect off; asar integrity and asar-only on)`,
  );
  return { flipped: true, binary };
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.HARDENED_FUSES = HARDENED_FUSES;
module.exports.FUSE_SENTINEL = FUSE_SENTINEL;
module.exports.fuseOptionsFor = fuseOptionsFor;
module.exports.packedBinary = packedBinary;
module.exports.hasFuseWire = hasFuseWire;
