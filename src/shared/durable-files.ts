import { open } from 'node:fs/promises';

/**
 * Files that must survive a crash once we say they are stored (DESIGN.md decision 9): the file's
 * data and the directory entry naming it are both fsynced.
 */

/** Flushes a file's data to disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory, so the names created or renamed in it survive a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file (refusing to overwrite one) and flushes its data before returning. */
export async function writeNewFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
