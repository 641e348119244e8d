import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/channels';
import { isAllowedEvent, isAllowedInvoke, unwrapResult } from '../../../preload/allowlist';

const INVOKE = Object.keys(INVOKE_CHANNELS);
const EVENTS = Object.keys(EVENT_CHANNELS);
const MADE_UP = [
  'not-a-channel',
  'run:delete-everything',
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

describe('preload allowlist', () => {
  it('allows every invoke channel of the shared map', () => {
    expect(INVOKE).toContain('app:info');
    expect(INVOKE).toContain('evidence:find');
    for (const c of INVOKE) expect(isAllowedInvoke(c), c).toBe(true);
  });

  it('allows every event of the shared map', () => {
    expect(EVENTS).toEqual(['run:progress', 'log:line', 'shell:output', 'shell:exit']);
    for (const e of EVENTS) expect(isAllowedEvent(e), e).toBe(true);
  });

  it('refuses made-up names, prototype keys and non-strings', () => {
    for (const name of [...MADE_UP, 42, null, undefined, { toString: () => 'app:info' }]) {
      expect(isAllowedInvoke(name), String(name)).toBe(false);
      expect(isAllowedEvent(name), String(name)).toBe(false);
    }
  });

  it('keeps invoke channels and events apart', () => {
    for (const e of EVENTS) expect(isAllowedInvoke(e), e).toBe(false);
    for (const c of INVOKE) expect(isAllowedEvent(c), c).toBe(false);
  });
});

describe('unwrapResult', () => {
  it('returns the value of a successful call', () => {
    expect(unwrapResult({ ok: true, value: { mode: 'electron' } })).toEqual({ mode: 'electron' });
    expect(unwrapResult({ ok: true, value: null })).toBeNull();
  });

  it("throws the handler's plain message", () => {
    expect(() => unwrapResult({ ok: false, error: 'Unknown upload.' })).toThrow(
      /^Unknown upload\.$/,
    );
  });

  it('throws on an answer that is not an envelope', () => {
    expect(() => unwrapResult(undefined)).toThrow(/malformed/);
    expect(() => unwrapResult({ value: 1 })).toThrow(/malformed/);
  });
});
