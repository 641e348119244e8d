// Settings kept between sessions (the external SCEP URLs to probe), in a small JSON file next to
// the run history. Values are validated on read and write: the file is data, not trusted input.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppSettings } from '../../shared/ipc/channels';

const DEFAULTS: AppSettings = { probeUrls: [] };
const MAX_URLS = 20;

/** Only absolute http(s) URLs without credentials are kept. */
export function cleanUrls(urls: unknown): string[] {
  if (!Array.isArray(urls)) return [];
  const out: string[] = [];
  for (const u of urls) {
    if (typeof u !== 'string' || u.length > 2048) continue;
    try {
      const url = new URL(u.trim());
      if (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        !url.username &&
        !url.password
      ) {
        if (!out.includes(url.href)) out.push(url.href);
      }
    } catch {
      // not a URL: dropped
    }
  }
  return out.slice(0, MAX_URLS);
}

export class SettingsFile {
  constructor(private readonly file: string) {}

  static beside(dbPath: string): SettingsFile {
    return new SettingsFile(path.join(path.dirname(dbPath), 'settings.json'));
  }

  get(): AppSettings {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<AppSettings>;
      return { probeUrls: cleanUrls(raw.probeUrls) };
    } catch {
      return { ...DEFAULTS };
    }
  }

  set(change: Partial<AppSettings>): AppSettings {
    const next: AppSettings = { ...this.get() };
    if (change.probeUrls !== undefined) next.probeUrls = cleanUrls(change.probeUrls);
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(tmp, this.file);
    return next;
  }
}
