import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { parseXmlTree, childNamed, childrenNamed } from '../../../../shared/parse/xml-tree';
import type { XmlElement } from '../../../../shared/parse/xml-tree';
import { ParseError } from '../../../../shared/parse/errors';

function find(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement | undefined {
  if (pred(el)) return el;
  for (const c of el.children) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return undefined;
}

describe('parseXmlTree', () => {
  const root = parseXmlTree(
    new TextDecoder().decode(
      sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
    ),
  );

  it('returns the document element with 1-based lines and no comments', () => {
    expect(root.name).toBe('configuration');
    expect(root.line).toBe(13);
    // The commented-out <location path="Default Web Site" overrideMode="Allow"> (line 35) is not an element.
    expect(childrenNamed(root, 'location').map((l) => [l.attrs['path'], l.line])).toEqual([
      ['Default Web Site/CertSrv/mscep_admin', 801],
      ['Default Web Site/CertSrv/mscep', 830],
    ]);
    expect(childNamed(root, 'configSections')?.line).toBe(42);
  });

  it('unescapes attribute values', () => {
    const prop = find(root, (e) => e.name === 'property' && e.attrs['id'] === '2163');
    expect(prop?.attrs['value']).toBe('0\nC:\\Windows\\system32\\CertSrv\\mscep\\mscep.dll\n');
    expect(prop?.line).toBe(151);
  });

  it('handles a BOM, CRLF and multi-line start tags', () => {
    const t =
      '\uFEFF<?xml version="1.0"?>\r\n<a>\r\n  <b x="1"\r\n     y="&amp;&lt;">\r\n  </b>\r\n</a>\r\n';
    const a = parseXmlTree(t);
    expect(a.children[0]).toEqual({ name: 'b', attrs: { x: '1', y: '&<' }, children: [], line: 3 });
  });

  it('throws ParseError with the line on malformed input', () => {
    const bad =
      '<configuration>\n  <system.webServer>\n    <security>\n  </system.webServer>\n</configuration>';
    try {
      parseXmlTree(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).line).toBe(4);
    }
    expect(() => parseXmlTree('')).toThrow(/empty XML document/);
    expect(() => parseXmlTree('<a></a><b/>')).toThrow(ParseError);
    expect(() => parseXmlTree('\u0000\u0001\u0002binary')).toThrow(ParseError);
    expect(() => parseXmlTree('<a>')).toThrow(/unclosed tag: a/);
  });
});
