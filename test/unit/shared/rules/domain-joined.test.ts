import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/domain-joined';
import { judge, psJson, state } from '../../../helpers/snapshot';

const computer = (partOfDomain: unknown, domain: string) =>
  psJson(
    {
      Name: 'NDES01',
      DNSHostName: 'ndes01',
      Domain: domain,
      PartOfDomain: partOfDomain,
      DomainRole: 3,
    },
    'commands/computer.json',
  );

describe('domain-joined', () => {
  it.each([
    ['a domain member passes', true, 'corp.contoso.com', 'pass'],
    ['a workgroup server fails', false, 'WORKGROUP', 'fail'],
    ['PartOfDomain as text "True" passes', 'True', 'corp.contoso.com', 'pass'],
    ['a missing PartOfDomain is unknown', null, 'corp.contoso.com', 'unknown'],
  ])('%s', (_name, part, domain, expected) => {
    expect(judge(rule, { computer: computer(part, domain) }).status).toBe(expected);
  });

  it('names the domain', () => {
    const f = judge(rule, { computer: computer(true, 'corp.contoso.com') });
    expect(f.summary).toBe('The server is a member of the domain corp.contoso.com.');
    expect(f.evidence[0]).toMatchObject({
      kind: 'keyValue',
      items: [
        { key: 'PartOfDomain', value: 'true' },
        { key: 'Domain', value: 'corp.contoso.com' },
      ],
    });
  });

  it('names the workgroup when not joined', () => {
    expect(judge(rule, { computer: computer(false, 'WORKGROUP') }).summary).toContain('WORKGROUP');
  });

  it.each(['absent', 'error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when computer.json is %s',
    (st) => {
      expect(judge(rule, { computer: state(st, 'commands/computer.json') }).status).toBe('unknown');
    },
  );
});
