// Windows feature install state (Get-WindowsFeature output), dotted version compare and the .NET
// Framework 4.x Release → version map, shared by the host prerequisite rules (M-PREREQ, T-VALID #5).
// Release thresholds: https://learn.microsoft.com/dotnet/framework/migration-guide/how-to-determine-which-versions-are-installed
import type { TableEvidence } from '../../model';
import { psArray, psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';

/** One feature as `windows-features.json` lists it; `installState` null when not listed. */
export interface FeatureState {
  name: string;
  installState: string | null;
}

/** Install state of a feature by name (case-insensitive); null when the entry is missing. */
export function featureState(features: PsValue | undefined, name: string): FeatureState {
  const want = name.toLowerCase();
  for (const f of psArray(features)) {
    if ((psString(psProp(f, 'Name')) ?? '').toLowerCase() !== want) continue;
    return { name, installState: installStateText(psProp(f, 'InstallState')) };
  }
  return { name, installState: null };
}

/** InstallState as text; the enum number (0 Available, 1 Installed, 2 Removed, …) when not stringified. */
function installStateText(v: PsValue | undefined): string | null {
  const names = ['Available', 'Installed', 'Removed', 'InstallPending', 'UninstallPending'];
  if (typeof v === 'number') return names[v] ?? String(v);
  return psString(v);
}

/** True only for state `Installed` (a missing entry is not installed). */
export function isInstalled(f: FeatureState): boolean {
  return (f.installState ?? '').toLowerCase() === 'installed';
}

/** A table of features and their states, `(not listed)` for missing entries. */
export function featuresTable(
  caption: string,
  features: readonly FeatureState[],
  missingText = '(not listed)',
): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Feature', 'InstallState'],
    rows: features.map((f) => [f.name, f.installState ?? missingText]),
  };
}

/** Dotted numeric version (`10.0.20348`) as numbers, or null when it does not parse. */
export function parseVersion(text: string | null | undefined): number[] | null {
  const t = (text ?? '').trim();
  if (!/^\d+(\.\d+)*$/.test(t)) return null;
  return t.split('.').map(Number);
}

/** Compares dotted versions part by part as numbers (missing parts count as 0): <0, 0, >0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Minimum `NDP\v4\Full\Release` of each .NET Framework 4.x version, newest first. */
const DOTNET_RELEASES: readonly [number, string][] = [
  [533320, '4.8.1'],
  [528040, '4.8'],
  [461808, '4.7.2'],
  [461308, '4.7.1'],
  [460798, '4.7'],
  [394802, '4.6.2'],
  [394254, '4.6.1'],
  [393295, '4.6'],
  [379893, '4.5.2'],
  [378675, '4.5.1'],
  [378389, '4.5'],
];

/** The .NET Framework 4.7.2 Release value, the connector's minimum. */
export const DOTNET_472_RELEASE = 461808;

/** The .NET Framework version a Release value stands for, or null below 4.5. */
export function dotnetVersion(release: number): string | null {
  return DOTNET_RELEASES.find(([min]) => release >= min)?.[1] ?? null;
}

/** The six features iis-features-installed requires (CHECKS.md); the install wizard adds the same. */
export const REQUIRED_IIS_FEATURES = [
  'Web-Filtering',
  'Web-Asp-Net45',
  'NET-Framework-45-Core',
  'NET-WCF-HTTP-Activation45',
  'Web-Metabase',
  'Web-WMI',
] as const;
