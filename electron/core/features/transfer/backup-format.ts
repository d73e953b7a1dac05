import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';

/** The encrypted backup container, version 1: its byte layout is in docs/backup-format.md. */
export const BACKUP_MAGIC = Buffer.from('KWBACKUP', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
export const MIN_PASSPHRASE_LENGTH = 12;
const MAX_PASSPHRASE_LENGTH = 1024;
const KDF_SCRYPT = 1;
const SALT_BYTES = 32;
const CHECK_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const OFFSET = {
  version: 8,
  kdf: 10,
  logN: 11,
  r: 12,
  p: 13,
  salt: 14,
  check: 46,
  nonce: 62,
  length: 74,
  body: 78,
} as const;
export const BACKUP_HEADER_BYTES = OFFSET.body;
/** Regions of the file, for tests and for explaining damage. */
export const BACKUP_REGIONS = {
  magic: [0, 8],
  version: [8, 10],
  kdfParams: [10, 14],
  salt: [14, 46],
  keyCheck: [46, 62],
  nonce: [62, 74],
  length: [74, 78],
} as const;
/** scrypt's memory is 128·N·r bytes: 2^17 · 8 is exactly 128 MiB, the most a backup may ask for. */
const MAX_KDF_MEMORY = 128 * 1024 * 1024;
/** Node counts a little overhead on top of 128·N·r. */
const MAXMEM = MAX_KDF_MEMORY + 8 * 1024 * 1024;
export const DEFAULT_KDF = { logN: 17, r: 8, p: 1 } as const;
export interface KdfParams {
  logN: number;
  r: number;
  p: number;
}
const MAX_BODY_BYTES = 512 * 1024 * 1024;

/** Why a passphrase cannot protect a backup, or null when it can. Said before any work is done. */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH)
    return `A backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (this one has ${length}).`;
  if (length > MAX_PASSPHRASE_LENGTH)
    return `A backup passphrase may be at most ${MAX_PASSPHRASE_LENGTH} characters long.`;
  return null;
}

/** Encrypts `plaintext` under a key derived from `passphrase`; fresh salt and nonce every time. */
export async function seal(plaintext: Buffer, passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<Buffer> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new AppError('invalid_input', problem, { passphrase: problem });
  assertKdf(kdf, 'asked for are');
  if (plaintext.length > MAX_BODY_BYTES)
    throw new AppError('invalid_input', 'The vault is too large for one backup file.');
  const header = Buffer.alloc(OFFSET.body);
  BACKUP_MAGIC.copy(header, 0);
  header.writeUInt16BE(BACKUP_FORMAT_VERSION, OFFSET.version);
  header.writeUInt8(KDF_SCRYPT, OFFSET.kdf);
  header.writeUInt8(kdf.logN, OFFSET.logN);
  header.writeUInt8(kdf.r, OFFSET.r);
  header.writeUInt8(kdf.p, OFFSET.p);
  randomBytes(SALT_BYTES).copy(header, OFFSET.salt);
  const keys = await deriveKeys(passphrase, header.subarray(OFFSET.salt, OFFSET.check), kdf);
  keyCheck(keys.check, header).copy(header, OFFSET.check);
  randomBytes(NONCE_BYTES).copy(header, OFFSET.nonce);
  header.writeUInt32BE(plaintext.length, OFFSET.length);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, header.subarray(OFFSET.nonce, OFFSET.length));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  keys.enc.fill(0);
  keys.check.fill(0);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Decrypts a sealed backup; every way it can fail has its own message, and none quotes the passphrase. */
export async function open(file: Buffer, passphrase: string): Promise<Buffer> {
  if (file.length === 0) throw new AppError('invalid_input', 'The backup file is empty (0 bytes).');
  const lead = Math.min(file.length, BACKUP_MAGIC.length);
  if (!file.subarray(0, lead).equals(BACKUP_MAGIC.subarray(0, lead))) {
    throw new AppError(
      'invalid_input',
      'This is not a Keyward backup file (it does not start with the Keyward backup marker).',
    );
  }
  if (file.length < OFFSET.version + 2) throw truncated(file.length, BACKUP_HEADER_BYTES + TAG_BYTES);
  const version = file.readUInt16BE(OFFSET.version);
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new AppError(
      'invalid_input',
      `This backup uses format version ${version}; this Keyward reads format version ${BACKUP_FORMAT_VERSION} only${version > BACKUP_FORMAT_VERSION ? ' (it was made by a newer Keyward: update first)' : ''}.`,
    );
  }
  if (file.length < OFFSET.body + TAG_BYTES) throw truncated(file.length, OFFSET.body + TAG_BYTES);
  if (file.readUInt8(OFFSET.kdf) !== KDF_SCRYPT)
    throw new AppError(
      'invalid_input',
      'The backup names a key-derivation method Keyward does not use: the file header is damaged.',
    );
  const kdf: KdfParams = {
    logN: file.readUInt8(OFFSET.logN),
    r: file.readUInt8(OFFSET.r),
    p: file.readUInt8(OFFSET.p),
  };
  assertKdf(kdf, 'in the file are');
  const expected = OFFSET.body + file.readUInt32BE(OFFSET.length) + TAG_BYTES;
  if (file.length < expected) throw truncated(file.length, expected);
  if (file.length > expected)
    throw new AppError(
      'invalid_input',
      `The backup file has ${file.length - expected} unexpected bytes after its end: it was altered or joined with something else.`,
    );
  const header = file.subarray(0, OFFSET.body);
  const keys = await deriveKeys(passphrase, header.subarray(OFFSET.salt, OFFSET.check), kdf);
  try {
    if (!timingSafeEqual(keyCheck(keys.check, header), header.subarray(OFFSET.check, OFFSET.nonce))) {
      throw new AppError(
        'invalid_input',
        'The passphrase is wrong (or the backup header was altered). Nothing was restored.',
        { passphrase: 'wrong passphrase' },
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', keys.enc, header.subarray(OFFSET.nonce, OFFSET.length));
    decipher.setAAD(header);
    decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(file.subarray(OFFSET.body, file.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new AppError(
        'invalid_input',
        'The backup was altered or damaged after it was made: its contents do not authenticate. Nothing was restored.',
      );
    }
  } finally {
    keys.enc.fill(0);
    keys.check.fill(0);
  }
}

function truncated(actual: number, expected: number): AppError {
  return new AppError(
    'invalid_input',
    `The backup file is truncated: it has ${actual} bytes where ${expected} were written. Copy it again from where it was saved.`,
  );
}

// Bounds for reading: a file may not make Keyward spend more than 128 MiB, nor accept a weak derivation.
function assertKdf(kdf: KdfParams, where: string): void {
  const ok =
    kdf.logN >= 15 &&
    kdf.logN <= 20 &&
    kdf.r >= 8 &&
    kdf.r <= 32 &&
    kdf.p >= 1 &&
    kdf.p <= 4 &&
    128 * 2 ** kdf.logN * kdf.r <= MAX_KDF_MEMORY;
  if (!ok)
    throw new AppError(
      'invalid_input',
      `The key-derivation settings ${where} out of range (scrypt N=2^${kdf.logN}, r=${kdf.r}, p=${kdf.p}; Keyward uses N from 2^15 to 2^17, r ≥ 8, within 128 MiB): the file header is damaged.`,
    );
}

function deriveKeys(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<{ enc: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      salt,
      64,
      { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, maxmem: MAXMEM },
      (err, key) => {
        if (err)
          reject(new AppError('internal', 'The backup key could not be derived on this machine (scrypt failed).'));
        else resolve({ enc: key.subarray(0, 32), check: key.subarray(32) });
      },
    );
  });
}

function keyCheck(checkKey: Buffer, header: Buffer): Buffer {
  return createHmac('sha256', checkKey).update(header.subarray(0, OFFSET.check)).digest().subarray(0, CHECK_BYTES);
}
