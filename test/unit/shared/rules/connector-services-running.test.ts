import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-services-running';
import { judge, psJson, state } from '../../../helpers/snapshot';

const PATH = 'commands/services.json';
const svc = (Name: string, State = 'Running', StartMode = 'Auto', StartName = 'LocalSystem') => ({
  Name,
  DisplayName: Name,
  State,
  StartMode,
  StartName,
  PathName: `"C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\${Name}\\${Name}.exe"`,
});
const W3SVC = svc('W3SVC');
const services = (...rows: object[]) => psJson(rows, PATH);
const CURRENT = [
  svc('PFXCertificateConnectorSvc'),
  svc('PkiCreateConnectorSvc'),
  svc('PkiRevokeConnectorSvc'),
  svc('AzureADConnectAgentUpdater'),
];

describe('connector-services-running', () => {
  it.each([
    [
      'the current connector services running automatically pass',
      services(W3SVC, ...CURRENT),
      'pass',
    ],
    [
      'the legacy service running automatically passes',
      services(W3SVC, svc('NDESConnectorSvc', 'Running', 'Auto', 'NT AUTHORITY\\NETWORK SERVICE')),
      'pass',
    ],
    [
      'a stopped service fails',
      services(W3SVC, ...CURRENT, svc('NDESConnectorSvc', 'Stopped')),
      'fail',
    ],
    [
      'a manual service fails',
      services(svc('PFXCertificateConnectorSvc', 'Running', 'Manual')),
      'fail',
    ],
    [
      'a service stuck in Start Pending fails',
      services(svc('PkiCreateConnectorSvc', 'Start Pending')),
      'fail',
    ],
    [
      'a stopped details-only service does not count',
      services(
        svc('PFXCertificateConnectorSvc'),
        svc('AzureADConnectAgentUpdater', 'Stopped', 'Manual'),
      ),
      'pass',
    ],
    ['no connector service is not applicable', services(W3SVC, svc('WAPCSvc')), 'not-applicable'],
    ['absent services.json is unknown', { state: 'absent' as const, path: PATH }, 'unknown'],
  ])('%s', (_name, ev, expected) => {
    expect(judge(rule, { services: ev }).status).toBe(expected);
  });

  it('names each bad service and lists details services with their accounts', () => {
    const f = judge(rule, {
      services: services(
        ...CURRENT.slice(0, 2),
        svc('PkiRevokeConnectorSvc', 'Start Pending', 'Auto', 'CORP\\svc-conn'),
      ),
    });
    expect(f.summary).toBe(
      '1 connector service(s) are not Running with start mode Auto: PkiRevokeConnectorSvc is Start Pending with start mode Auto.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      headers: ['Name', 'DisplayName', 'State', 'StartMode', 'StartName'],
      rows: [
        [
          'PFXCertificateConnectorSvc',
          'PFXCertificateConnectorSvc',
          'Running',
          'Auto',
          'LocalSystem',
        ],
        ['PkiCreateConnectorSvc', 'PkiCreateConnectorSvc', 'Running', 'Auto', 'LocalSystem'],
        [
          'PkiRevokeConnectorSvc',
          'PkiRevokeConnectorSvc',
          'Start Pending',
          'Auto',
          'CORP\\svc-conn',
        ],
      ],
    });
    expect(f.evidence[1]).toMatchObject({ kind: 'text' });
    expect(f.fixes[0]?.wizard).toBe('start-connector-services');
  });

  it('shows AzureADConnectAgentUpdater in the details of a pass', () => {
    const f = judge(rule, { services: services(W3SVC, ...CURRENT) });
    expect(f.summary).toBe(
      'All 3 installed connector services (PFXCertificateConnectorSvc, PkiCreateConnectorSvc, PkiRevokeConnectorSvc) are Running with start mode Auto.',
    );
    expect(f.evidence[0]).toMatchObject({
      rows: expect.arrayContaining([expect.arrayContaining(['AzureADConnectAgentUpdater'])]),
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when services.json is %s',
    (st) => {
      expect(judge(rule, { services: state(st, PATH) }).status).toBe('unknown');
    },
  );
});
