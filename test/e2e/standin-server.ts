// The browser mode on a stand-in Windows NDES server, for walking a fix through apply, rollback and
// verification: the app's own web server and session, with the fix commands run by stand-in
// programs (test/integration/fix/standin.ts) and "collecting again" answered by a healthy bundle.
// Arguments: the bundle to open, the bundle a fresh collection returns, the run history database.
// Prints one JSON line: { url, standins } (the folder whose scenario.json steers the stand-ins).
import path from 'node:path';
import { startWebServer } from '../../main/web/server';
import { Standins } from '../integration/fix/standin';

// Bundled by server.ts into test-results/e2e-harness: two levels down, like this file.
const REPO = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const [broken, healthy, dbPath] = process.argv.slice(2);
  if (!broken || !healthy || !dbPath) throw new Error('usage: standin-server BROKEN HEALTHY DB');
  const standins = new Standins();
  const server = await startWebServer({
    rendererDir: path.join(REPO, 'dist', 'renderer'),
    demoBundle: path.join(REPO, 'dist', 'demo-bundle'),
    version: 'e2e',
    bundle: broken,
    dbPath,
    fixIo: standins.windowsIo(healthy),
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, standins: standins.dir })}\n`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await server.close();
  standins.remove();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
