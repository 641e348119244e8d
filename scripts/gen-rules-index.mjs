// Regenerates shared/rules/index.ts from the rule files (one file per check id, sorted).
// The registry test fails when the index and the files disagree.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve('shared/rules');
const steps = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const rules = [];
for (const step of steps) {
  for (const f of readdirSync(path.join(root, step)).sort()) {
    if (f.endsWith('.ts')) rules.push({ step, id: f.slice(0, -3) });
  }
}
rules.sort((a, b) => (a.id < b.id ? -1 : 1));
const ident = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()).replace(/^(\d)/, '_$1');
const lines = [
  '// The rule registry: every check, sorted by id. Regenerate with `node scripts/gen-rules-index.mjs`.',
  "import type { AnyRule } from '../model';",
  ...rules.map((r) => `import ${ident(r.id)} from './${r.step}/${r.id}';`),
  '',
  '/** Every rule, sorted by check id. */',
  'export const RULES: readonly AnyRule[] = [',
  ...rules.map((r) => `  ${ident(r.id)},`),
  '];',
  '',
];
writeFileSync(path.join(root, 'index.ts'), lines.join('\n'));
console.log(`shared/rules/index.ts: ${rules.length} rules`);
