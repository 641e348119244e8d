// `npm run bench`: every performance target of the project, measured on this machine.
import { benchDiagnose } from './diagnose';
import { benchUi } from './ui';
import { benchStore } from './store';
import { benchProbe } from './probe';
import { benchExport } from './export';

async function main(): Promise<void> {
  const only = process.argv[2];
  const sections: [string, () => Promise<string[]>][] = [
    ['diagnose (>= 1 GB IIS logs)', () => benchDiagnose()],
    ['ui (browser mode)', () => benchUi()],
    ['store (10,000 runs)', () => benchStore()],
    ['probe (full incl. enrollment)', () => benchProbe()],
    ['export (>= 1 GB logs, pseudonymize)', () => benchExport()],
  ];
  for (const [name, run] of sections) {
    if (only && !name.startsWith(only)) continue;
    console.log(`\n== ${name}`);
    for (const line of await run()) console.log(line);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
