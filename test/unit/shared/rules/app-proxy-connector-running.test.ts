import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/app-proxy-connector-running';
import { judge, ok, state } from '../../../helpers/snapshot';
import { parsePsJson } from '../../../../shared/parse/ps-json';

const FILE = 'commands/services.json';
const W3SVC = {
  Name: 'W3SVC',
  DisplayName: 'World Wide Web Publishing Service',
  State: 'Running',
  StartMode: 'Auto',
  StartName: 'LocalSystem',
  PathName: 'C:\\Windows\\system32\\svchost.exe -k iissvcs',
};
const wapc = (State: string, StartMode: string) => ({
  Name: 'WAPCSvc',
  DisplayName: 'Microsoft Entra private network connector',
  State,
  StartMode,
  StartName: 'NT AUTHORITY\\NetworkService',
  PathName:
    '"C:\\Program Files\\Microsoft Entra private network connector\\ApplicationProxyConnectorService.exe"',
});
const UPDATER = {
  Name: 'WAPCUpdaterSvc',
  DisplayName: 'Microsoft Entra private network connector updater',
  State: 'Running',
  StartMode: 'Auto',
  StartName: 'LocalSystem',
  PathName:
    '"C:\\Program Files\\Microsoft Entra private network connector Updater\\ApplicationProxyConnectorUpdaterService.exe"',
};
// services.json as PowerShell 5.1 ConvertTo-Json writes it (one object is not wrapped in an array).
const services = (value: unknown) => ok(parsePsJson(JSON.stringify(value, null, 4)), FILE);

describe('app-proxy-connector-running', () => {
  it.each([
    ['Running and Auto passes', [W3SVC, wapc('Running', 'Auto'), UPDATER], 'pass'],
    ['a single service object (PS 5.1) passes', wapc('Running', 'Auto'), 'pass'],
    ['Stopped fails', [W3SVC, wapc('Stopped', 'Auto'), UPDATER], 'fail'],
    ['Running but Manual fails', [W3SVC, wapc('Running', 'Manual')], 'fail'],
    ['Disabled fails', [wapc('Stopped', 'Disabled')], 'fail'],
    ['not installed is not applicable', [W3SVC], 'not-applicable'],
  ])('%s', (_name, value, expected) => {
    expect(judge(rule, { services: services(value) }).status).toBe(expected);
  });

  it('shows both connector services', () => {
    const f = judge(rule, { services: services([W3SVC, wapc('Stopped', 'Manual'), UPDATER]) });
    expect(f.summary).toBe(
      'Microsoft Entra private network connector is Stopped with start mode Manual; it must be Running with start mode Auto.',
    );
    expect(f.evidence).toEqual([
      {
        kind: 'table',
        caption: 'Application proxy connector services',
        headers: ['Name', 'DisplayName', 'State', 'StartMode', 'StartName'],
        rows: [
          [
            'WAPCSvc',
            'Microsoft Entra private network connector',
            'Stopped',
            'Manual',
            'NT AUTHORITY\\NetworkService',
          ],
          [
            'WAPCUpdaterSvc',
            'Microsoft Entra private network connector updater',
            'Running',
            'Auto',
            'LocalSystem',
          ],
        ],
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('start-app-proxy-connector');
  });

  it('is unknown when services.json is absent', () => {
    expect(judge(rule, { services: { state: 'absent', path: FILE } }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when services.json is %s',
    (st) => {
      expect(judge(rule, { services: state(st, FILE) }).status).toBe('unknown');
    },
  );
});
