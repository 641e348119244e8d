import type { CheckStatus, Health } from '../model';

/** Health and status shown by shape as well as colour (never colour alone). */
export const STATUS_ICON: Record<Health | CheckStatus, string> = {
  ok: '✔',
  pass: '✔',
  warn: '▲',
  fail: '✖',
  error: '‼',
  unknown: '?',
  info: 'ℹ',
  'not-applicable': '–',
};
