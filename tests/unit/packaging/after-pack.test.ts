import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Context {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
interface Hook {
  (
    context: Context,
    flip?: typeof flipFuses,
    log?: (line: string) => void,
  ): Promise<{ flipped: boolean; binary: string }>;
  HARDENED_FUSES: Record<string, unknown>;
  FUSE_SENTINEL: string;
  fuseOptionsFor(context: Context): Record<string, unknown>;
  packedBinary(context: Context): string;
}
const afterPack = createRequire(import.meta.url)('../../../scripts/after-pack.cjs') as Hook;

const ARM64 = 3;
const X64 = 1;
const context = (appOutDir: string, electronPlatformName: string, arch = X64): Context => ({
  appOutDir,
  electronPlatformName,
  arch,
  packager: { appInfo: { productFilename: 'Keyward' }, executableName: 'keyward' },
});

/** A file with an Electron 45-shaped fuse wire (version 1, 8 fuses, as Electron ships them) and nothing else. */
function syntheticBinary(): Buffer {
  // RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://.
  const electronDefaults = '10110001';
  return Buffer.concat([
    Buffer.from('binary before '),
    Buffer.from(afterPack.FUSE_SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from(electronDefaults),
    Buffer.from(' binary after'),
  ]);
}

describe('the afterPack hook hardens the packed Electron binary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyward-after-pack-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for exactly the hardened fuse set', () => {
    expect(afterPack.HARDENED_FUSES).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('resets the ad-hoc signature only on arm64 macOS, and finds the binary per platform', () => {
    expect(afterPack.fuseOptionsFor(context(dir, 'darwin', ARM64))).toEqual({
      ...afterPack.HARDENED_FUSES,
      resetAdHocDarwinSignature: true,
    });
    expect(afterPack.fuseOptionsFor(context(dir, 'darwin', X64))).toEqual(afterPack.HARDENED_FUSES);
    expect(afterPack.fuseOptionsFor(context(dir, 'linux', ARM64))).toEqual(afterPack.HARDENED_FUSES);
    expect(afterPack.packedBinary(context(dir, 'darwin'))).toBe(join(dir, 'Keyward.app'));
    expect(afterPack.packedBinary(context(dir, 'win32'))).toBe(join(dir, 'Keyward.exe'));
    expect(afterPack.packedBinary(context(dir, 'linux'))).toBe(join(dir, 'keyward'));
  });

  it('flips a real fuse wire to the hardened set and leaves the rest of the binary alone', async () => {
    const binary = join(dir, 'keyward');
    const before = syntheticBinary();
    await writeFile(binary, before);
    const log = vi.fn();
    await expect(afterPack(context(dir, 'linux'), flipFuses, log)).resolves.toEqual({ flipped: true, binary });
    const wire = await getCurrentFuseWire(binary);
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(on);
    expect((await readFile(binary)).length).toBe(before.length);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('fuses hardened'));
  });

  it('skips a placeholder without a fuse wire with a line that says so, and flips nothing', async () => {
    await writeFile(join(dir, 'keyward'), '#!/bin/sh\necho placeholder\n');
    const flip = vi.fn();
    const log = vi.fn();
    await expect(afterPack(context(dir, 'linux'), flip, log)).resolves.toMatchObject({ flipped: false });
    expect(flip).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^after-pack: SKIPPED fuses: .*keyward has no fuse wire/));
  });

  it('fails the build when a binary with a fuse wire is not flipped', async () => {
    await writeFile(join(dir, 'keyward'), syntheticBinary());
    await expect(
      afterPack(
        context(dir, 'linux'),
        vi.fn(async () => 0),
        vi.fn(),
      ),
    ).rejects.toThrow(/changed no fuse wire/);
    await expect(
      afterPack(
        context(dir, 'linux'),
        vi.fn(async () => Promise.reject(new Error('wire too short'))),
        vi.fn(),
      ),
    ).rejects.toThrow('wire too short');
    await expect(afterPack(context(dir, 'freebsd'), flipFuses, vi.fn())).rejects.toThrow(
      /no fuse rule for platform "freebsd"/,
    );
  });

  it('fails the build when the packed binary is missing', async () => {
    await expect(afterPack(context(dir, 'linux'), flipFuses, vi.fn())).rejects.toThrow(/ENOENT/);
  });
});
