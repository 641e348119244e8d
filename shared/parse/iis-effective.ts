// Resolves an IIS setting the way IIS merges configuration: global section, then for each path
// prefix the applicationHost <location> tags and the web.config there, honoring section locking
// (overrideModeDefault, <location overrideMode/allowOverride>) and inheritInChildApplications.
// Ref: learn.microsoft.com/iis/get-started/planning-for-security/how-to-use-locking-in-iis-configuration
import { childNamed, childrenNamed } from './xml-tree';
import type { XmlElement } from './xml-tree';
import type { EffectiveValue, IisConfig, IisConfigFile } from './application-host';

interface Scope {
  file: IisConfigFile;
  /** `<configuration>` or `<location>`: the element the section elements sit in. */
  container: XmlElement;
  /** Normalized, lower-case target path ('' = global). */
  path: string;
  label: string;
  exactOnly: boolean;
  fromWebConfig: boolean;
  /** Sort key: depth, then apphost locations (0) < web.config locations (1) < web.config (2). */
  key: number[];
}

type Item = { attrs: Record<string, string>; file: string; line: number };

const KEY_ATTRS = ['name', 'fileExtension', 'path', 'verb', 'value', 'segment'];
const ITEM_NAMES = new Set(['add', 'mimeMap', 'error']);

function norm(p: string): string {
  const t = p
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\/+|\/+$/g, '');
  return t === '.' ? '' : t.toLowerCase();
}

function joinPath(a: string, b: string): string {
  const nb = norm(b);
  return nb === '' ? a : a === '' ? nb : `${a}/${nb}`;
}

function depth(p: string): number {
  return p === '' ? 0 : p.split('/').length;
}

function appliesTo(scopePath: string, exactOnly: boolean, target: string): boolean {
  if (scopePath === target) return true;
  if (exactOnly) return false;
  return scopePath === '' || target.startsWith(scopePath + '/');
}

function locationScopes(file: IisConfigFile, base: string, web: boolean, idx: number): Scope[] {
  return childrenNamed(file.root, 'location').map((loc, i) => {
    const raw = loc.attrs['path'] ?? '';
    const path = joinPath(base, raw);
    return {
      file,
      container: loc,
      path,
      label: norm(raw) === '' && !web ? '(global)' : `<location path="${raw}">`,
      exactOnly: loc.attrs['inheritInChildApplications']?.toLowerCase() === 'false',
      fromWebConfig: web,
      key: [depth(path), web ? 1 : 0, idx, i + 1],
    };
  });
}

/** Every scope that applies to `configPath`, least specific first. */
function scopesFor(cfg: IisConfig, configPath: string): Scope[] {
  const ah = cfg.applicationHost;
  const all: Scope[] = [
    {
      file: ah,
      container: ah.root,
      path: '',
      label: '(global)',
      exactOnly: false,
      fromWebConfig: false,
      key: [0, 0, 0, 0],
    },
    ...locationScopes(ah, '', false, 0),
  ];
  cfg.webConfigs.forEach((wc, i) => {
    const path = norm(wc.configPath);
    const key = [depth(path), 2, i + 1, 0];
    all.push({
      file: wc,
      container: wc.root,
      path,
      label: 'web.config',
      exactOnly: false,
      fromWebConfig: true,
      key,
    });
    all.push(...locationScopes(wc, path, true, i + 1));
  });
  const target = norm(configPath);
  const cmp = (a: Scope, b: Scope): number => {
    for (let i = 0; i < a.key.length; i++) {
      const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  return all.filter((s) => appliesTo(s.path, s.exactOnly, target)).sort(cmp);
}

/** All descendants reached by the '/'-separated element names in `path` ('' = `el` itself). */
function descend(el: XmlElement, path: string): XmlElement[] {
  let level = [el];
  for (const seg of path.split('/').filter((s) => s !== '')) {
    level = level.flatMap((e) => childrenNamed(e, seg));
  }
  return level;
}

function declaration(cfg: IisConfig, sectionPath: string): XmlElement | undefined {
  const segs = sectionPath.split('/').filter((s) => s !== '');
  let el = childNamed(cfg.applicationHost.root, 'configSections');
  for (const [i, seg] of segs.entries()) {
    if (!el) return undefined;
    const kind = i === segs.length - 1 ? 'section' : 'sectionGroup';
    el = childrenNamed(el, kind).find((c) => c.attrs['name'] === seg);
  }
  return el;
}

/** Why a web.config at `path` may not set the section, or null when it may. */
function lockReason(cfg: IisConfig, sectionPath: string, path: string): string | null {
  const decl = declaration(cfg, sectionPath);
  if (decl?.attrs['allowDefinition'] === 'AppHostOnly') return 'section is AppHostOnly';
  let allow = (decl?.attrs['overrideModeDefault'] ?? 'Allow').toLowerCase() !== 'deny';
  let why = 'overrideModeDefault="Deny"';
  for (const s of scopesFor(cfg, path)) {
    if (s.fromWebConfig || s.container.name !== 'location') continue;
    if (descend(s.container, sectionPath).length === 0) continue;
    const mode = s.container.attrs['overrideMode']?.toLowerCase();
    const allowOverride = s.container.attrs['allowOverride']?.toLowerCase();
    if (mode === 'allow' || (mode !== 'deny' && allowOverride === 'true')) allow = true;
    else if (mode === 'deny' || allowOverride === 'false') {
      allow = false;
      why = `locked by ${s.label} (line ${s.container.line})`;
    }
  }
  return allow ? null : why;
}

function redact(attr: string, value: string): string {
  return attr.toLowerCase() === 'password' && value !== '' ? '[redacted]' : value;
}

/** Walk the applicable section elements of `sectionPath` for `configPath`, least specific first. */
function walkSections(
  cfg: IisConfig,
  configPath: string,
  sectionPath: string,
  visit: (section: XmlElement, scope: Scope) => void,
  ignored: NonNullable<EffectiveValue['ignored']>,
): void {
  for (const scope of scopesFor(cfg, configPath)) {
    const sections = descend(scope.container, sectionPath);
    if (sections.length === 0) continue;
    const reason = scope.fromWebConfig ? lockReason(cfg, sectionPath, scope.path) : null;
    if (reason !== null) {
      for (const s of sections) ignored.push({ file: scope.file.file, line: s.line, reason });
      continue;
    }
    for (const s of sections) visit(s, scope);
  }
}

/**
 * Effective value of `attr` on `elementPath` (relative to the section, '' = the section element)
 * at `configPath` (e.g. 'Default Web Site/CertSrv/mscep'); value null when no level sets it.
 */
export function effectiveAttribute(
  cfg: IisConfig,
  configPath: string,
  sectionPath: string,
  elementPath: string,
  attr: string,
): EffectiveValue {
  let result: EffectiveValue = { value: null, file: null, line: null, location: '(default)' };
  const ignored: NonNullable<EffectiveValue['ignored']> = [];
  walkSections(
    cfg,
    configPath,
    sectionPath,
    (section, scope) => {
      for (const el of descend(section, elementPath)) {
        const v = el.attrs[attr];
        if (v === undefined) continue;
        result = {
          value: redact(attr, v),
          file: scope.file.file,
          line: el.line,
          location: scope.label,
        };
      }
    },
    ignored,
  );
  if (ignored.length > 0) result.ignored = ignored;
  return result;
}

function itemKey(attrs: Record<string, string>): string | null {
  const k = KEY_ATTRS.find((a) => attrs[a] !== undefined);
  return k === undefined ? null : `${k}=${(attrs[k] ?? '').toLowerCase()}`;
}

/**
 * Effective items of a collection (`<add>` / `<remove>` / `<clear/>`) at `configPath`;
 * `collectionPath` is relative to the section ('' = the section itself, e.g. modules, handlers).
 */
export function effectiveCollection(
  cfg: IisConfig,
  configPath: string,
  sectionPath: string,
  collectionPath: string,
): { items: Item[] } {
  let items: Item[] = [];
  walkSections(
    cfg,
    configPath,
    sectionPath,
    (section, scope) => {
      for (const coll of descend(section, collectionPath)) {
        for (const c of coll.children) {
          if (c.name === 'clear') {
            items = [];
            continue;
          }
          const key = itemKey(c.attrs);
          if (c.name === 'remove') {
            if (key !== null) items = items.filter((it) => itemKey(it.attrs) !== key);
            continue;
          }
          if (!ITEM_NAMES.has(c.name)) continue;
          const attrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(c.attrs)) attrs[k] = redact(k, v);
          const item = { attrs, file: scope.file.file, line: c.line };
          const at = key === null ? -1 : items.findIndex((it) => itemKey(it.attrs) === key);
          if (at >= 0) items[at] = item;
          else items.push(item);
        }
      }
    },
    [],
  );
  return { items };
}
