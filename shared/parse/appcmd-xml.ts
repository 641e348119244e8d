// Reads `appcmd list apppool /xml` and `appcmd list site /xml`: the only collected source of the
// runtime `state` (Started/Stopped) of the SCEP pool and site; applicationHost.config has none.
// appcmd writes errors as text (`ERROR ( message:… )`, e.g. when not elevated), not XML.
import { ParseError } from './errors';
import { localName, parseXmlTree } from './xml-tree';
import type { XmlElement } from './xml-tree';

export interface AppcmdAppPool {
  name: string;
  state: string | null;
  attrs: Record<string, string>;
  line: number;
}

export interface AppcmdSite {
  name: string;
  id: string | null;
  state: string | null;
  /** appcmd's summary, e.g. `http/*:80:,https/*:443:`. */
  bindings: string | null;
  attrs: Record<string, string>;
  line: number;
}

function appcmdRecords(text: string, tag: string): XmlElement[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new ParseError('empty appcmd output');
  const appcmdError = /^ERROR\s*\(.*$/m.exec(body);
  if (!body.startsWith('<') && appcmdError) {
    throw new ParseError(`appcmd reported an error: ${appcmdError[0].trim()}`, 1);
  }
  const root = parseXmlTree(text);
  if (localName(root.name).toLowerCase() !== 'appcmd') {
    throw new ParseError(`document element is <${root.name}>, expected <appcmd>`, root.line);
  }
  return root.children.filter((c) => localName(c.name).toUpperCase() === tag);
}

/** `<APPPOOL APPPOOL.NAME="SCEP" PipelineMode="Classic" RuntimeVersion="v4.0" state="Started" />`. */
export function parseAppcmdAppPools(text: string): AppcmdAppPool[] {
  const out: AppcmdAppPool[] = [];
  for (const el of appcmdRecords(text, 'APPPOOL')) {
    const name = el.attrs['APPPOOL.NAME'];
    if (name === undefined) continue;
    out.push({ name, state: el.attrs['state'] ?? null, attrs: { ...el.attrs }, line: el.line });
  }
  return out;
}

/** `<SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />`. */
export function parseAppcmdSites(text: string): AppcmdSite[] {
  const out: AppcmdSite[] = [];
  for (const el of appcmdRecords(text, 'SITE')) {
    const name = el.attrs['SITE.NAME'];
    if (name === undefined) continue;
    out.push({
      name,
      id: el.attrs['SITE.ID'] ?? null,
      state: el.attrs['state'] ?? null,
      bindings: el.attrs['bindings'] ?? null,
      attrs: { ...el.attrs },
      line: el.line,
    });
  }
  return out;
}
