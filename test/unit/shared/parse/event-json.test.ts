import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { parseWinEventJson } from '../../../../shared/parse/event-json';
import { ParseError } from '../../../../shared/parse/errors';

describe('parseWinEventJson', () => {
  it('reads the PS 5.1 depth-2 sample (single object, /Date()/, truncated Properties)', () => {
    const value: unknown = JSON.parse(
      new TextDecoder().decode(
        sample('command-output/getwinevent-convertto-json-ps51-depth2.json'),
      ),
    );
    expect(parseWinEventJson(value)).toEqual([
      {
        provider: 'Microsoft-Windows-Hyper-V-Netvsc',
        eventId: 13,
        qualifiers: null,
        level: 4,
        recordId: 2555,
        timeCreated: '2020-07-21T23:34:18.918Z',
        channel: 'System',
        computer: 'DESKTOP-U3FCUKI',
        userId: null,
        data: [],
        message: "Miniport NIC 'Microsoft Hyper-V Network Adapter #3' disconnected",
        culture: null,
        line: 0,
      },
    ]);
  });

  it('reads an array with Properties values, a SID object, PS 7 dates and LevelDisplayName', () => {
    const records = parseWinEventJson([
      {
        Id: 5009,
        Qualifiers: 32768,
        LevelDisplayName: 'Warning',
        RecordId: 90210,
        ProviderName: 'Microsoft-Windows-WAS',
        LogName: 'System',
        MachineName: 'NDES01.contoso.com',
        UserId: { BinaryLength: 12, AccountDomainSid: null, Value: 'S-1-5-18' },
        TimeCreated: '2024-03-01T09:15:30.5000000+01:00',
        Properties: [{ Value: 'SCEP' }, { Value: 4242 }],
        Message: "A process serving application pool 'SCEP' terminated unexpectedly.",
      },
      { Id: '10', ProviderName: 'NDESConnector', Data: ['x', null, 7], Level: 2 },
      { NotAnEvent: true },
    ]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      eventId: 5009,
      qualifiers: 32768,
      level: 3,
      userId: 'S-1-5-18',
      timeCreated: '2024-03-01T08:15:30.500Z',
      data: [{ value: 'SCEP' }, { value: '4242' }],
    });
    expect(records[1]).toMatchObject({ eventId: 10, level: 2, timeCreated: null });
    expect(records[1]?.data).toEqual([{ value: 'x' }, { value: '' }, { value: '7' }]);
  });

  it('rejects values that hold no event', () => {
    expect(parseWinEventJson([])).toEqual([]);
    expect(() => parseWinEventJson('Get-WinEvent : No events were found')).toThrow(ParseError);
    expect(() => parseWinEventJson([{ Message: 'x' }])).toThrow(/numeric Id/);
  });
});
