import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/not-domain-controller';
import { judge, psJson, state } from '../../../helpers/snapshot';

const computer = (role: unknown) =>
  psJson(
    {
      Name: 'NDES01',
      DNSHostName: 'ndes01',
      Domain: 'corp.contoso.com',
      PartOfDomain: true,
      DomainRole: role,
    },
    'commands/computer.json',
  );

describe('not-domain-controller', () => {
  it.each([
    ['a member server (3) passes', 3, 'pass'],
    ['a standalone server (2) passes', 2, 'pass'],
    ['a backup domain controller (4) fails', 4, 'fail'],
    ['a primary domain controller (5) fails', 5, 'fail'],
    ['a missing DomainRole is unknown', null, 'unknown'],
  ])('%s', (_name, role, expected) => {
    expect(judge(rule, { computer: computer(role) }).status).toBe(expected);
  });

  it('names the role', () => {
    const f = judge(rule, { computer: computer(5) });
    expect(f.summary).toBe(
      'The server is a domain controller (DomainRole 5: primary domain controller).',
    );
    expect(f.evidence[0]).toMatchObject({
      items: [{ key: 'DomainRole', value: '5 (primary domain controller)' }],
    });
  });

  it.each(['absent', 'error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when computer.json is %s',
    (st) => {
      expect(judge(rule, { computer: state(st, 'commands/computer.json') }).status).toBe('unknown');
    },
  );
});
