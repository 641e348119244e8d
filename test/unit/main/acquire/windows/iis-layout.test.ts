// What the collector reads from applicationHost.config, on real NDES configs (Sleepw4lker,
// Windows Server 2019/2022) and on the fixture host with a service account and https binding.
import { describe, expect, it } from 'vitest';
import {
  iisLayout,
  physicalPathOf,
  scepUrls,
} from '../../../../../main/acquire/windows/iis-layout';
import { parseXmlTree } from '../../../../../shared/parse/xml-tree';
import { bundleFiles } from '../../../../fixtures/lib/write-bundle';
import { healthyHost } from '../../../../fixtures/lib/spec';
import { sample } from '../../../../helpers/paths';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('iisLayout', () => {
  it.each([
    'Sleepw4lker-ws2019-NDES-applicationHost.config',
    'Sleepw4lker-ws2022-NDES-applicationHost.config',
  ])('finds the SCEP site, its log folder and pool identity in %s', (file) => {
    const l = iisLayout(text(sample(`applicationhost-config/${file}`)));
    expect(l.scep?.site).toMatchObject({ name: 'Default Web Site', id: '1' });
    expect(l.scep?.app.applicationPool).toBe('SCEP');
    expect(l.logSites).toEqual([
      { id: '1', name: 'Default Web Site', logDirectory: '%SystemDrive%\\inetpub\\logs\\LogFiles' },
    ]);
    expect(l.identityType).toBe('ApplicationPoolIdentity');
    expect(l.serviceAccount).toBeNull();
    expect(l.webConfigs).toEqual([
      {
        bundlePath: 'iis/web.config/Default Web Site/web.config',
        winPath: '%SystemDrive%\\inetpub\\wwwroot\\web.config',
      },
      {
        bundlePath: 'iis/web.config/Default Web Site/CertSrv/web.config',
        winPath: '%SystemDrive%\\inetpub\\wwwroot\\CertSrv\\web.config',
      },
      {
        bundlePath: 'iis/web.config/Default Web Site/CertSrv/mscep/web.config',
        winPath: 'C:\\Windows\\system32\\CertSrv\\mscep\\web.config',
      },
    ]);
    expect(scepUrls(l, 'ndes.adcslabor.de')).toEqual([
      'http://ndes.adcslabor.de/certsrv/mscep/mscep.dll',
    ]);
  });

  it('has no SCEP site before NDES is installed', () => {
    const l = iisLayout(
      text(
        sample('applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original'),
      ),
    );
    expect(l.scep).toBeNull();
    expect(l.logSites).toEqual([]);
    expect(l.webConfigs).toEqual([]);
    expect(scepUrls(l, 'x')).toEqual([]);
  });

  it('reads the service account and prefers the https binding (fixture host)', async () => {
    const files = await bundleFiles(healthyHost());
    const l = iisLayout(text(files.get('iis/applicationHost.config')!));
    expect(l.serviceAccount).toBe('CORP\\svc-ndes');
    expect(l.identityType).toBe('SpecificUser');
    expect(scepUrls(l, 'ndes01.corp.contoso.com')).toEqual([
      'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
    ]);
  });

  it('uses a site-level log folder and a non-default port', () => {
    const config = `<?xml version="1.0" encoding="UTF-8"?>
<configuration><system.applicationHost>
  <applicationPools><add name="SCEP"><processModel identityType="SpecificUser" userName="svc-ndes@corp.contoso.com" /></add></applicationPools>
  <sites>
    <site name="Default Web Site" id="1"><application path="/"><virtualDirectory path="/" physicalPath="C:\\inetpub\\wwwroot" /></application></site>
    <site name="NDES" id="3">
      <application path="/"><virtualDirectory path="/" physicalPath="D:\\sites\\ndes\\" /></application>
      <application path="/CertSrv/mscep" applicationPool="SCEP"><virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" /></application>
      <bindings><binding protocol="https" bindingInformation="[::]:8443:scep.contoso.com" /></bindings>
      <logFile directory="D:\\Logs\\IIS\\" />
    </site>
    <siteDefaults><logFile directory="%SystemDrive%\\inetpub\\logs\\LogFiles" /></siteDefaults>
  </sites>
</system.applicationHost></configuration>`;
    const l = iisLayout(config);
    expect(l.logSites).toEqual([{ id: '3', name: 'NDES', logDirectory: 'D:\\Logs\\IIS\\' }]);
    expect(l.serviceAccount).toBe('svc-ndes@corp.contoso.com');
    expect(l.webConfigs.map((w) => w.winPath)).toEqual([
      'D:\\sites\\ndes\\web.config',
      'D:\\sites\\ndes\\CertSrv\\web.config',
      'C:\\Windows\\system32\\CertSrv\\mscep\\web.config',
    ]);
    expect(scepUrls(l, 'ignored')).toEqual([
      'https://scep.contoso.com:8443/certsrv/mscep/mscep.dll',
    ]);
  });
});

describe('physicalPathOf', () => {
  it('maps through the longest application, then the longest virtual directory', () => {
    const site = parseXmlTree(`<site name="S" id="1">
      <application path="/"><virtualDirectory path="/" physicalPath="C:\\www" /><virtualDirectory path="/CertSrv" physicalPath="E:\\cs" /></application>
      <application path="/CertSrv/mscep"><virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" /></application>
    </site>`);
    expect(physicalPathOf(site, '/')).toBe('C:\\www');
    expect(physicalPathOf(site, '/certsrv')).toBe('E:\\cs');
    expect(physicalPathOf(site, '/CertSrv/x/y')).toBe('E:\\cs\\x\\y');
    expect(physicalPathOf(site, '/CertSrv/mscep')).toBe('C:\\Windows\\system32\\CertSrv\\mscep');
    expect(physicalPathOf(site, '/other')).toBe('C:\\www\\other');
  });
});
