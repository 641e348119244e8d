// `npm test`: set-up (dependencies, Debian packages, build), then lint, typecheck, unit and
// integration tests. Ends with a "N passed, N failed" line.
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDebianPackages, ensureNodeModules, run } from './setup.mjs';

ensureNodeModules();
ensureDebianPackages([
  ['chromium', 'chromium'],
  ['scepserver', 'scep'],
]);
build();

const steps = [
  ['lint (eslint)', 'npx', ['eslint', '.']],
  ['format (prettier)', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
];
let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}`);
  if (run(cmd, args) !== 0) {
    console.error(`!! ${name} failed`);
    failed++;
  }
}
console.log('\n== unit and integration tests (vitest)');
mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
const report = path.join(ROOT, 'test-results', 'vitest.json');
const code = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
let passed = 0;
let testsFailed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  testsFailed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
} catch {
  testsFailed++;
}
if (code !== 0 && testsFailed === 0) testsFailed = 1;

console.log('\n== end-to-end tests (Playwright, browser mode in Debian Chromium)');
const e2eReport = path.join(ROOT, 'test-results', 'e2e.json');
const e2eCode = run('npx', ['playwright', 'test', '--reporter=list,json'], {
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
});
try {
  const r = JSON.parse(readFileSync(e2eReport, 'utf8'));
  passed += r.stats.expected;
  testsFailed += r.stats.unexpected + (r.stats.flaky ?? 0);
  if (e2eCode !== 0 && r.stats.unexpected === 0) testsFailed++;
} catch {
  testsFailed++;
}
console.log(`\n${passed} passed, ${testsFailed + failed} failed`);
process.exit(testsFailed + failed > 0 ? 1 : 0);
