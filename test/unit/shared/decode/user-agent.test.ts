import { describe, it, expect } from 'vitest';
import {
  classifyUserAgent,
  DEVICE_PLATFORMS,
  PROBE_USER_AGENT,
} from '../../../../shared/decode/user-agent';
import type { Platform } from '../../../../shared/decode/user-agent';

// [user agent as logged, cs-uri-query, isProbeWindow, expected platform, why]
const cases: [string | null, string | null, boolean, Platform, string][] = [
  // §5 rule 0: the collector probe, only inside the 15-minute window and only the exact string.
  ['NDES-Doctor-Probe/1', 'operation=GetCACaps&message=x', true, 'probe', 'probe in window'],
  ['NDES-Doctor-Probe/1', 'operation=GetCACaps&message=x', false, 'other', 'probe UA too early'],
  ['NDES-Doctor-Probe/12', null, true, 'other', 'not exactly the probe UA'],
  ['ndes-doctor-probe/1', null, true, 'other', 'probe UA is case-sensitive'],
  // rule 1: legacy policy module (Microsoft doc rows)
  ['NDES_Plugin', null, false, 'policy-module', 'VerifyRequest 201 0 0'],
  ['NDES_Plugin', null, true, 'policy-module', 'in the probe window but not the probe'],
  // rule 2: Windows NDES client, encoded and decoded
  [
    'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
    'operation=GetCACaps&message=default',
    false,
    'windows',
    'W3C-encoded',
  ],
  ['Mozilla/4.0 (compatible; Win32; NDES client)', null, false, 'windows', 'decoded'],
  // rule 3: iOS / iPadOS
  [
    'profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0',
    'operation=GetCACert&message=SCEP%20Authority',
    false,
    'ios',
    'iOS 10 (SEED-D2N 500 sample)',
  ],
  ['profiled/1.0+CFNetwork/975.0.3+Darwin/18.2.0', null, false, 'ios', 'iOS 12 (S-CRP500)'],
  ['SomeAgent+Darwin/22.1.0', null, false, 'ios', 'Darwin alone'],
  // rule 4 / 5: Android
  [
    'Dalvik/2.1.0+(Linux;+U;+Android+5.0;+P01M+Build/LRX21V)',
    'operation=GetCACert&message=ca',
    false,
    'android',
    'Dalvik (Microsoft doc)',
  ],
  ['jscep/2.5.0', null, false, 'android', 'jscep (unverified UA)'],
  // order: rule 1 beats rule 3, rule 2 beats rule 3
  ['NDES_Plugin+Darwin', null, false, 'policy-module', 'first rule wins'],
  ['NDES+client+profiled', null, false, 'windows', 'first rule wins'],
  // rule 6: Microsoft validation scripts, by query
  [
    'Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.17763.1',
    'operation=GetCACaps&message=test',
    false,
    'tool',
    'Validate-NDESConfiguration message=test',
  ],
  [
    'Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.17763.1',
    'operation=GetCACaps&message=NDESLongUrlValidatorStep1of3',
    false,
    'tool',
    'Validate-NDESUrl',
  ],
  [null, 'operation=GetCACerts&MESSAGE=Test', false, 'tool', 'no UA, key and value any case'],
  [
    'curl/8.0',
    'operation=GetCACaps&message=testing',
    false,
    'other',
    'message must be exactly test',
  ],
  // a device UA wins over a test message
  ['Dalvik/2.1.0', 'operation=GetCACaps&message=test', false, 'android', 'UA rules come first'],
  // rule 7
  ['Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)', null, false, 'other', 'browser'],
  [null, null, false, 'other', 'no UA (-)'],
  ['-', null, false, 'other', 'raw dash'],
];

describe('classifyUserAgent (CHECKS.md §5)', () => {
  it.each(cases)('%s  %s  window=%s -> %s (%s)', (ua, query, window, expected) => {
    expect(classifyUserAgent(ua, query, window)).toBe(expected);
  });

  it('does not scan a long base64 PKIOperation message for the validator marker', () => {
    const message = 'MIIK'.padEnd(8000, 'A') + 'NDESLongUrlValidatorStep1of3';
    expect(classifyUserAgent('curl/8', `operation=PKIOperation&message=${message}`, false)).toBe(
      'other',
    );
  });

  it('exposes the probe UA and the device platforms', () => {
    expect(PROBE_USER_AGENT).toBe('NDES-Doctor-Probe/1');
    expect([...DEVICE_PLATFORMS].sort()).toEqual(['android', 'ios', 'windows']);
  });
});
