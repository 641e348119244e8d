// Turns TLS 1.2 back on for SCHANNEL clients and makes .NET 4 use strong crypto in both registry
// views, so the connector can reach Intune (M-PREREQ, T-YZ2 LOC04). Only the values the check
// found wrong are written; SCHANNEL reads them at boot, so the plan needs a reboot.
import type { Finding, Snapshot } from '../model';
import { isUnusable } from '../model';
import type { FixBackup, FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { regNumber } from '../engine/computed/registry';
import { fill } from '../engine/computed/text';
import {
  buildPlan,
  guardPlan,
  refuse,
  regExportBackup,
  regKeyExists,
  regOld,
  regStep,
} from './common';
import type { FixWizard, WizardMeta } from './common';

export const strings = {
  title: 'Enable TLS 1.2 for the connector',
  why: 'The Intune connector reaches Intune over TLS 1.2; with TLS 1.2 client disabled or .NET not using strong crypto, its services cannot connect.',
  change:
    'Writes the {count} registry value(s) listed in the steps, after exporting their keys. SCHANNEL and .NET read them at start-up, so the server must restart.',
  enabled: 'Set TLS 1.2\\Client Enabled = 1',
  enabledWhy: 'Enabled=0 makes SCHANNEL refuse TLS 1.2 for outgoing connections.',
  disabledByDefault: 'Set TLS 1.2\\Client DisabledByDefault = 0',
  disabledByDefaultWhy: 'DisabledByDefault=1 keeps TLS 1.2 off unless an application asks for it.',
  strong64: 'Set SchUseStrongCrypto = 1 for 64-bit .NET 4',
  strong32: 'Set SchUseStrongCrypto = 1 for 32-bit .NET 4 (WOW6432Node)',
  strongWhy: 'Without SchUseStrongCrypto, .NET 4 applications may not offer TLS 1.2.',
  unreadable:
    'The SCHANNEL or .NET registry exports were not read, so the current values are unknown.',
  nothing: 'TLS 1.2 and strong crypto are already set; nothing to change.',
  keyMissing:
    '{key} does not exist yet; reg add creates it (undo deletes the values, not the key).',
};

const TLS12_CLIENT =
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';
const NETFX = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
const NETFX_WOW64 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319';

export const meta: WizardMeta = {
  id: 'enable-tls12',
  checks: ['tls12-enabled'],
  verifies: ['tls12-enabled'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const { regSchannel, regNetfx, regNetfxWow64 } = snapshot;
    if ([regSchannel, regNetfx, regNetfxWow64].some(isUnusable)) return refuse(strings.unreadable);
    const notes: string[] = [];
    const backups = new Map<string, FixBackup | undefined>();
    // One export per key, attached to the first step that touches it.
    const backupFor = (ev: typeof regSchannel, key: string, file: string) => {
      if (backups.has(key)) return undefined;
      const exists = regKeyExists(ev, key);
      if (!exists) notes.push(fill(strings.keyMissing, { key }));
      backups.set(key, exists ? regExportBackup(key, file) : undefined);
      return backups.get(key);
    };
    const steps: FixStep[] = [];
    const want = (
      ev: typeof regSchannel,
      key: string,
      file: string,
      name: string,
      target: number,
      wrong: (v: number | null) => boolean,
      text: { id: string; title: string; why: string },
    ) => {
      const old = regOld(ev, key, name);
      if (!wrong(regNumber(old))) return;
      const backup = backupFor(ev, key, file);
      steps.push(
        regStep({
          ...text,
          key,
          name,
          data: { type: 'REG_DWORD', value: target },
          old,
          ...(backup ? { backup } : {}),
          needsReboot: true,
        }),
      );
    };
    const tlsFile = 'schannel-tls12-client.reg';
    want(regSchannel, TLS12_CLIENT, tlsFile, 'Enabled', 1, (v) => v === 0, {
      id: 'tls12-client-enabled',
      title: strings.enabled,
      why: strings.enabledWhy,
    });
    want(regSchannel, TLS12_CLIENT, tlsFile, 'DisabledByDefault', 0, (v) => (v ?? 0) !== 0, {
      id: 'tls12-client-disabled-by-default',
      title: strings.disabledByDefault,
      why: strings.disabledByDefaultWhy,
    });
    want(regNetfx, NETFX, 'netfx-v4.reg', 'SchUseStrongCrypto', 1, (v) => (v ?? 0) === 0, {
      id: 'netfx-strong-crypto',
      title: strings.strong64,
      why: strings.strongWhy,
    });
    want(
      regNetfxWow64,
      NETFX_WOW64,
      'netfx-v4-wow64.reg',
      'SchUseStrongCrypto',
      1,
      (v) => (v ?? 0) === 0,
      {
        id: 'netfx-wow64-strong-crypto',
        title: strings.strong32,
        why: strings.strongWhy,
      },
    );
    if (steps.length === 0) return refuse(strings.nothing);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { count: steps.length }),
      steps,
      notes,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
