// Bundles are referenced by path, not copied: they can be gigabytes of IIS logs. When the admin
// asks to keep one (the server's copy will be deleted, or the bundle is evidence for a ticket),
// it is copied next to the database under bundles/<run id>/.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Folder that holds kept bundle copies for the database `dbFile`. */
export function copiesDir(dbFile: string): string {
  return path.join(path.dirname(dbFile), 'bundles');
}

/** Copies a bundle folder or zip to bundles/<id>/<name>; returns the copy's path. */
export function copyBundle(source: string, dbFile: string, id: number): string {
  if (!existsSync(source)) throw new Error(`the bundle ${source} no longer exists`);
  const dest = path.join(copiesDir(dbFile), String(id), path.basename(path.resolve(source)));
  try {
    cpSync(source, dest, { recursive: true, errorOnExist: true, force: false });
  } catch (err) {
    rmSync(path.dirname(dest), { recursive: true, force: true });
    throw err;
  }
  return dest;
}

/** Removes a kept copy made by copyBundle (only inside the copies folder). */
export function removeBundleCopy(copy: string, dbFile: string): void {
  const root = copiesDir(dbFile);
  const dir = path.dirname(path.resolve(copy));
  if (path.dirname(dir) !== root) return;
  rmSync(dir, { recursive: true, force: true });
}
