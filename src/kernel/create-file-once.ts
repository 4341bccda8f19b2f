// Files created on first start (demo keys, the demo pseudonym secret, the demo checkpoint key) may be
// created by several gateway processes starting together on one data folder. The content is written
// to a temporary file first and then linked into place: the link either creates the whole file or
// fails because another process already did, so nobody ever reads half a file, and everyone ends up
// with the same content (the first process's).
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** Creates `file` with `content` unless it exists; returns what the file holds afterwards. */
export function createFileOnce(file: string, content: () => string, mode = 0o600): string {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content(), { mode, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return readFileSync(file, 'utf8');
}
