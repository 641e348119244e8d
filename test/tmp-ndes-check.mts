import { writeAllFixtures, goldenReport } from '/work/main/test/fixtures/golden-lib';
import { HOSTS } from '/work/main/test/fixtures/hosts';
const MINE = ['mscep-templates-configured','mscep-templates-published','ca-configured','ca-reachable','ra-certificates-present','ra-certificates-valid','ra-certificates-issuer','ra-certificates-csp','ca-submit-failures'];
const dirs = await writeAllFixtures();
for (const h of HOSTS) {
  const r = await goldenReport(dirs.get(h.name)!);
  for (const f of r.findings.filter((f) => MINE.includes(f.checkId))) {
    const exp = (h.expected as Record<string,string>)[f.checkId];
    const mark = exp === undefined ? ' ' : exp === f.status ? '=' : '!';
    console.log(`${mark} ${h.name.padEnd(32)} ${f.checkId.padEnd(28)} ${f.status.padEnd(14)} exp=${exp ?? '-'} | ${f.summary}`);
  }
}
