// Real diagnoses of fixture hosts for the run-history tests, one bundle write + diagnosis per host
// per test file, and fresh temporary database paths.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagnoseBundle } from '../../main/analysis/diagnose';
import type { Diagnosis } from '../../main/analysis/diagnose';
import { fixtureHost } from '../fixtures/hosts';
import { writeBundle } from '../fixtures/lib/write-bundle';

let rootDir: string | null = null;
/** This test file's temporary folder, made on first use. */
function root(): string {
  rootDir ??= mkdtempSync(path.join(tmpdir(), 'ndes-store-'));
  return rootDir;
}
const cache = new Map<string, Promise<Diagnosis & { dir: string }>>();

/** Writes fixture host `name` as a bundle folder and diagnoses it (cached). */
export function diagnoseHost(name: string): Promise<Diagnosis & { dir: string }> {
  let p = cache.get(name);
  if (!p) {
    const host = fixtureHost(name);
    if (!host) throw new Error(`no fixture host ${name}`);
    const dir = path.join(root(), 'bundles', name);
    p = writeBundle(host.spec, dir).then(async () => ({ ...(await diagnoseBundle(dir)), dir }));
    cache.set(name, p);
  }
  return p;
}

let n = 0;
/** A database path in a new temporary folder (the file does not exist yet). */
export function tempDbPath(): string {
  return path.join(mkdtempSync(path.join(root(), `db-${++n}-`)), 'runs.db');
}

/** Removes this test file's bundles and databases (call from afterAll). */
export function removeStoreTemp(): void {
  if (rootDir !== null) rmSync(rootDir, { recursive: true, force: true });
  rootDir = null;
  cache.clear();
}
