/**
 * Writes an export file piece by piece (a large export never sits whole in memory), and removes
 * what was written when the work fails or is cancelled, so that no half file is left behind.
 */
import { open, rm } from 'node:fs/promises';

export async function writeInPieces<T>(path: string, fill: (write: (chunk: string) => Promise<void>) => Promise<T>): Promise<T> {
  const file = await open(path, 'w');
  let ok = false;
  try {
    const result = await fill(async (chunk) => {
      if (chunk) await file.write(chunk, null, 'utf8');
    });
    ok = true;
    return result;
  } finally {
    await file.close();
    if (!ok) await rm(path, { force: true });
  }
}
