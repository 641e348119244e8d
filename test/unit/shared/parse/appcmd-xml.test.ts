import { describe, it, expect } from 'vitest';
import { parseAppcmdAppPools, parseAppcmdSites } from '../../../../shared/parse/appcmd-xml';
import { ParseError } from '../../../../shared/parse/errors';

// No public capture exists (CHECKS.md scep-apppool-running: [unverified]); these follow the shape
// appcmd.exe prints with /xml, saved through PowerShell 5.1 `Out-File -Encoding utf8` (BOM, CRLF).
const POOLS =
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n' +
  '    <APPPOOL APPPOOL.NAME="DefaultAppPool" PipelineMode="Integrated" RuntimeVersion="v4.0" state="Started" />\r\n' +
  '    <APPPOOL APPPOOL.NAME=".NET v4.5 Classic" PipelineMode="Classic" RuntimeVersion="v4.0" state="Started" />\r\n' +
  '    <APPPOOL APPPOOL.NAME="SCEP" PipelineMode="Classic" RuntimeVersion="v4.0" state="Stopped" />\r\n' +
  '</appcmd>\r\n';
const SITES =
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n' +
  '    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:,https/*:443:,https/*:443:ndes.contoso.com" state="Started" />\r\n' +
  '    <SITE SITE.NAME="Intranet &amp; Apps" SITE.ID="2" bindings="http/10.0.0.5:8080:" state="Stopped" />\r\n' +
  '</appcmd>\r\n';

describe('parseAppcmdAppPools', () => {
  it('reads names (with spaces), state and the other attributes with lines', () => {
    const pools = parseAppcmdAppPools(POOLS);
    expect(pools.map((p) => [p.name, p.state, p.line])).toEqual([
      ['DefaultAppPool', 'Started', 3],
      ['.NET v4.5 Classic', 'Started', 4],
      ['SCEP', 'Stopped', 5],
    ]);
    expect(pools[2]?.attrs).toEqual({
      'APPPOOL.NAME': 'SCEP',
      PipelineMode: 'Classic',
      RuntimeVersion: 'v4.0',
      state: 'Stopped',
    });
  });

  it('returns no pools for an empty <appcmd/> and null state when absent', () => {
    expect(parseAppcmdAppPools('<?xml version="1.0" encoding="UTF-8"?>\n<appcmd />\n')).toEqual([]);
    expect(
      parseAppcmdAppPools('<appcmd><APPPOOL APPPOOL.NAME="SCEP"/></appcmd>')[0]?.state,
    ).toBeNull();
  });

  it('throws ParseError on appcmd error text, empty output, truncation and foreign XML', () => {
    expect(() =>
      parseAppcmdAppPools(
        'ERROR ( hresult:80070005, message:Command execution failed.\r\nAccess is denied. )\r\n',
      ),
    ).toThrow(/appcmd reported an error: ERROR \( hresult:80070005/);
    expect(() => parseAppcmdAppPools('')).toThrow(/empty appcmd output/);
    expect(() => parseAppcmdAppPools(POOLS.slice(0, 200))).toThrow(ParseError);
    expect(() => parseAppcmdAppPools('<configuration/>')).toThrow(/expected <appcmd>/);
    expect(() => parseAppcmdAppPools('\u0000\u0003\u00fe\u00ff')).toThrow(ParseError);
  });
});

describe('parseAppcmdSites', () => {
  it('reads name, id, bindings and state', () => {
    expect(parseAppcmdSites(SITES).map(({ attrs: _a, ...rest }) => rest)).toEqual([
      {
        name: 'Default Web Site',
        id: '1',
        state: 'Started',
        bindings: 'http/*:80:,https/*:443:,https/*:443:ndes.contoso.com',
        line: 3,
      },
      {
        name: 'Intranet & Apps',
        id: '2',
        state: 'Stopped',
        bindings: 'http/10.0.0.5:8080:',
        line: 4,
      },
    ]);
  });

  it('ignores APPPOOL rows in a site listing', () => {
    expect(parseAppcmdSites(POOLS)).toEqual([]);
  });
});
