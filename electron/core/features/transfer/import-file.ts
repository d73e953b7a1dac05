import { pipeline } from 'node:stream/promises';
import { parse as csvParser } from 'csv-parse';
import { AppError } from '../../errors';
import { openRegularFile, readChunks, readUserFile } from '../../files/read-user-file';
import { CsvRows, type ImportFormat, parseImport, type RawRow } from './parse-import';

/** The largest file an import reads. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** What reading an import took: bytes from the file and CSV records handed to the row builder. */
export interface ImportReadStats {
  bytes: number;
  records: number;
}

/** Sizes round up to a tenth of a MiB, so a file just over the cap never reads as "32 MiB". */
const tooLarge = (size: number | null): AppError =>
  new AppError(
    'invalid_input',
    `The file is ${size === null ? 'larger than 32 MiB' : `${Math.ceil(size / 104_857.6) / 10} MiB`}; Keyward imports files up to 32 MiB.`,
  );

/**
 * Reads an import file the user chose: only an ordinary file, at most MAX_IMPORT_BYTES read whatever its
 * size claims, and a CSV parsed as it streams in, so reading and parsing stop at row MAX_IMPORT_ROWS + 1.
 */
export async function readImportFile(
  path: string,
  format: ImportFormat,
  stats: ImportReadStats = { bytes: 0, records: 0 },
): Promise<RawRow[]> {
  if (format === 'json')
    return parseImport((await readUserFile(path, MAX_IMPORT_BYTES, tooLarge, stats)).toString('utf8'), 'json');
  const { handle, size } = await openRegularFile(path);
  const rows = new CsvRows();
  try {
    if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
    await pipeline(
      readChunks(handle, MAX_IMPORT_BYTES, () => tooLarge(null), stats),
      csvParser(rows.options()),
    );
  } catch (err) {
    throw rows.failure(err);
  } finally {
    stats.records = rows.records;
    await handle.close();
  }
  return rows.finish();
}
