// Windows paths as applicationHost.config and HTTP.sys spell them, expanded and mapped.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  hostEnvFromProcess,
  mappedHostPaths,
  windowsHostPaths,
} from '../../../../../main/acquire/windows/host-paths';

const env = hostEnvFromProcess({
  SYSTEMROOT: 'D:\\WINDOWS',
  SystemDrive: 'D:',
  ProgramFiles: 'D:\\Program Files (x86)',
  ProgramW6432: 'D:\\Program Files',
  ProgramData: 'D:\\ProgramData',
});

describe('host paths', () => {
  it('reads the environment case-insensitively, preferring the 64-bit Program Files', () => {
    expect(env).toMatchObject({
      SystemRoot: 'D:\\WINDOWS',
      windir: 'D:\\WINDOWS',
      SystemDrive: 'D:',
      ProgramFiles: 'D:\\Program Files',
    });
  });

  it('expands %VARS% and \\SystemRoot, leaving unknown variables alone', () => {
    const p = windowsHostPaths(env);
    expect(p.expand('%SystemDrive%\\inetpub\\logs\\LogFiles')).toBe('D:\\inetpub\\logs\\LogFiles');
    expect(p.expand('%windir%\\System32')).toBe('D:\\WINDOWS\\System32');
    expect(p.expand('\\SystemRoot\\System32\\LogFiles')).toBe('D:\\WINDOWS\\System32\\LogFiles');
    expect(p.expand('%NOPE%\\x')).toBe('%NOPE%\\x');
    expect(p.local('%ProgramFiles%\\Microsoft Intune')).toBe('D:\\Program Files\\Microsoft Intune');
    expect(p.join('C:\\a\\', 'b.log')).toBe('C:\\a\\b.log');
  });

  it('maps drive letters onto a folder, case-insensitively, for the test host', () => {
    const p = mappedHostPaths('/tmp/h', env);
    expect(p.local('C:\\Windows\\system32\\CertSrv\\mscep\\web.config')).toBe(
      path.join('/tmp/h', 'c', 'windows', 'system32', 'certsrv', 'mscep', 'web.config'),
    );
    expect(p.local('%SystemRoot%\\System32\\inetsrv')).toBe(
      path.join('/tmp/h', 'd', 'windows', 'system32', 'inetsrv'),
    );
    expect(() => p.local('relative\\path')).toThrow('not an absolute Windows path');
  });
});
