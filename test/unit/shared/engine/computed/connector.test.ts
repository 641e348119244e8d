import { describe, expect, it } from 'vitest';
import {
  connectorPresence,
  findHostTime,
  parseHostTime,
} from '../../../../../shared/engine/computed/connector';
import { psJson, reg, state } from '../../../../helpers/snapshot';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

describe('parseHostTime', () => {
  it.each([
    // [text, culture, utcOffsetMinutes, expected UTC, format]
    ['2026-11-19T08:15:30Z', 'pt-BR', -180, '2026-11-19T08:15:30.000Z', 'iso-8601'],
    ['2026-11-19T08:15:30+01:00', 'fr-FR', 60, '2026-11-19T07:15:30.000Z', 'iso-8601'],
    ['2026-11-19 08:15:30', 'de-DE', 60, '2026-11-19T07:15:30.000Z', 'iso-8601'],
    ['2026-11-19T08:15:30.1234567', 'en-US', -300, '2026-11-19T13:15:30.123Z', 'iso-8601'],
    ['11/19/2026 8:15:30 AM', 'en-US', -300, '2026-11-19T13:15:30.000Z', 'culture'],
    ['11/19/2026 12:05:00 AM', 'en-US', 0, '2026-11-19T00:05:00.000Z', 'culture'],
    ['11/19/2026 12:05:00 PM', 'en-US', 0, '2026-11-19T12:05:00.000Z', 'culture'],
    ['3/4/2026 1:02:03 PM', 'en-US', 0, '2026-03-04T13:02:03.000Z', 'culture'],
    ['04/03/2026 13:02:03', 'pt-BR', -180, '2026-03-04T16:02:03.000Z', 'culture'],
    ['19/11/2026 08:15:30', 'fr-FR', 60, '2026-11-19T07:15:30.000Z', 'culture'],
    ['19.11.2026 08:15:30', 'de-DE', 60, '2026-11-19T07:15:30.000Z', 'culture'],
    ['2026/11/19 8:15:30', 'ja-JP', 540, '2026-11-18T23:15:30.000Z', 'culture'],
    ['19/11/2026 8:15:30 p. m.', 'es-MX', -360, '2026-11-20T02:15:30.000Z', 'culture'],
    // FILETIME is UTC: the host offset does not apply.
    ['134395497300000000', 'pt-BR', -180, '2026-11-19T08:15:30.000Z', 'filetime'],
  ])('%s (%s, %i)', (text, culture, offset, expected, format) => {
    const t = parseHostTime(text, culture, offset);
    expect(iso(t?.utcMs)).toBe(expected);
    expect(t?.format).toBe(format);
  });

  it.each([
    ['not a date', 'en-US'],
    ['19/11/2026 08:15:30', 'en-US'],
    ['31.02.2026 10:00:00', 'de-DE'],
    ['04/03/2026 13:02:03', undefined],
    ['11/19/2026 13:15:30 PM', 'en-US'],
  ])('does not read %s with culture %s', (text, culture) => {
    expect(parseHostTime(text, culture, 0)).toBeNull();
  });

  it('reads an unambiguous date without a culture', () => {
    expect(iso(parseHostTime('19/11/2026 08:15:30', undefined, 0)?.utcMs)).toBe(
      '2026-11-19T08:15:30.000Z',
    );
  });

  it('reads registry data: QWORD FILETIME and an 8-byte binary FILETIME', () => {
    const r = reg(
      '[HKEY_LOCAL_MACHINE\\T]\r\n"Q"=hex(b):00,7d,fa,23,fe,77,dd,01\r\n"B"=hex:00,7d,fa,23,fe,77,dd,01\r\n',
    );
    const values = r.value!.keys[0]!.values;
    const q = parseHostTime(values[0]!.data, 'en-US', 0);
    const b = parseHostTime(values[1]!.data, 'en-US', 0);
    expect(q?.format).toBe('filetime');
    expect(q?.utcMs).toBe(b?.utcMs);
    expect(iso(q?.utcMs)).toBe('2026-11-19T08:15:30.000Z');
  });
});

describe('findHostTime', () => {
  it.each([
    ['[11/19/2026 8:15:30 AM] Calling VerifyRequest ...', 'en-US', '2026-11-19T08:15:30.000Z'],
    ['19/11/2026 08:15:30 - Sending request', 'pt-BR', '2026-11-19T11:15:30.000Z'],
    ['2026-11-19 08:15:30.123 Verify challenge returns true', 'en-US', '2026-11-19T08:15:30.123Z'],
  ])('%s', (line, culture, expected) => {
    const offset = culture === 'pt-BR' ? -180 : 0;
    expect(iso(findHostTime(line, culture, offset)?.utcMs)).toBe(expected);
  });

  it('finds nothing in a line without a date', () => {
    expect(
      findHostTime('Sending request to certificate registration point.', 'en-US', 0),
    ).toBeNull();
  });
});

describe('connectorPresence', () => {
  const products = (...names: string[]) =>
    psJson(names.map((n) => ({ DisplayName: n, DisplayVersion: '6.2301.1.0' })));
  const services = (...names: string[]) =>
    psJson(names.map((n) => ({ Name: n, State: 'Running' })));
  const intune = (key: string) =>
    reg(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\${key}]\r\n"X"="1"\r\n`);

  it('finds the current connector by product, the legacy one by service', () => {
    const p = connectorPresence({
      installedProducts: products('Certificate Connector for Microsoft Intune'),
      services: services('NDESConnectorSvc'),
      regIntune: { state: 'absent', path: 'registry/microsoft-intune.reg' },
    });
    expect([p.current, p.legacy]).toEqual(['present', 'present']);
    expect(p.evidence.items).toEqual([
      { key: 'Certificate Connector for Microsoft Intune', value: 'installed product 6.2301.1.0' },
      { key: 'Microsoft Intune Connector', value: 'service NDESConnectorSvc' },
    ]);
  });

  it('finds a connector by a registry subkey alone', () => {
    const p = connectorPresence({
      installedProducts: products(),
      services: services(),
      regIntune: intune('NDESConnector\\ConnectionStatus'),
    });
    expect([p.current, p.legacy]).toEqual(['absent', 'present']);
  });

  it('is unknown when nothing shows a connector and a source is unreadable', () => {
    const p = connectorPresence({
      installedProducts: products(),
      services: state('error', 'commands/services.json'),
      regIntune: intune('Other'),
    });
    expect([p.current, p.legacy]).toEqual(['unknown', 'unknown']);
    expect(p.unreadable).toEqual(['commands/services.json (error)']);
  });
});
