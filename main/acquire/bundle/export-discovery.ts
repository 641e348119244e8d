// Reads the structured artifacts the tokenizer is seeded from (shared/redact/discover.ts) before a
// redacted export starts, so every name is known before the first file is written.
import type { BundleSource } from './reader';
import type { Fallback } from './redact-stream';
import { decodeText } from '../../../shared/parse/text-decode';

export const DISCOVERY_FILES = [
  'commands/computer.json',
  'commands/service-account.json',
  'commands/local-groups.json',
  'commands/services.json',
  'commands/netsh-http-show-sslcert.txt',
  'commands/setspn-L.txt',
  'certs/index.json',
  'iis/applicationHost.config',
  'registry/mscep.reg',
  'registry/microsoft-intune.reg',
  'probe/mscep.json',
];

/** Decoded texts of the discovery files present in the bundle (unreadable ones are skipped). */
export async function discoveryTexts(
  bundle: BundleSource,
  fallback: Fallback,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const p of DISCOVERY_FILES) {
    const e = bundle.entry(p);
    if (!e) continue;
    try {
      const bytes = await bundle.read(e.path, 64 * 1024 ** 2);
      const oem = p.startsWith('commands/') && p.endsWith('.txt');
      texts.set(p, decodeText(bytes, { fallback: oem ? fallback : 'windows-1252' }).text);
    } catch {
      // A damaged or oversized file is still redacted with what the other files taught.
    }
  }
  return texts;
}
