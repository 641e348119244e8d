// Reads regedit / `reg export` files (REGEDIT5 and REGEDIT4, format per
// https://support.microsoft.com/help/310516): the collector exports MSCEP, NDESConnector and
// HTTP\Parameters this way, and every registry-based NDES check reads values from here.
import { ParseError } from './errors';
import { dataFromBytes, parseHexList, REG_BINARY } from './reg-data';
import { RegKeyCollector } from './reg-keys';
import { splitLines } from './text-decode';

export { findKey, findValue, subKeys } from './reg-keys';
export { regValueText } from './reg-data';

export type RegData =
  | { type: 'REG_SZ'; value: string }
  | { type: 'REG_EXPAND_SZ'; value: string }
  | { type: 'REG_MULTI_SZ'; value: string[] }
  | { type: 'REG_DWORD'; value: number }
  | { type: 'REG_QWORD'; value: string }
  | { type: 'REG_BINARY' | 'REG_NONE'; hex: string }
  | { type: 'REG_OTHER'; rawType: number; hex: string }
  | { type: 'DELETE' };

/** One value; `name` is '' for the default value (`@`); `line` is 1-based, its first line. */
export interface RegValue {
  name: string;
  data: RegData;
  line: number;
}

/** One key block; `[-HKEY...]` gives `deleted: true`. */
export interface RegKey {
  path: string;
  deleted: boolean;
  values: RegValue[];
  line: number;
}

export interface RegFile {
  header: 'REGEDIT5' | 'REGEDIT4';
  keys: RegKey[];
  warnings: string[];
}

const V5_HEADER = 'Windows Registry Editor Version 5.00';

/** Reads a `"..."` token starting at `s[pos]`; only `\\` and `\"` are escapes in .reg files. */
function readQuoted(s: string, pos: number): { text: string; end: number } | undefined {
  let text = '';
  for (let j = pos + 1; j < s.length; j++) {
    const c = s[j];
    const next = s[j + 1];
    if (c === '\\' && (next === '\\' || next === '"')) {
      text += next;
      j++;
    } else if (c === '"') {
      return { text, end: j + 1 };
    } else {
      text += c;
    }
  }
  return undefined;
}

/** Text after a value's data must be empty or a `;` comment. */
function isTailOk(tail: string): boolean {
  const t = tail.trim();
  return t === '' || t.startsWith(';');
}

interface ValueResult {
  name?: string;
  /** Index of the last physical line the value used. */
  last: number;
  warning?: string;
}

interface Ctx {
  lines: string[];
  ansi: boolean;
  /** The text ends without a line break, so its last line may be cut short. */
  cutAtEnd: boolean;
}

function parseValue(ctx: Ctx, start: number): { result: ValueResult; data?: RegData } {
  const lineNo = start + 1;
  const t = (ctx.lines[start] ?? '').trimStart();
  let name: string;
  let pos: number;
  if (t.startsWith('@')) {
    name = '';
    pos = 1;
  } else {
    const q = readQuoted(t, 0);
    if (!q) return { result: { last: start, warning: `line ${lineNo}: unterminated value name` } };
    name = q.text;
    pos = q.end;
  }
  const shown = name === '' ? '@' : `"${name}"`;
  const fail = (why: string, last = start): { result: ValueResult } => ({
    result: { name, last, warning: `line ${lineNo}: value ${shown} ${why}; ignored` },
  });
  const eq = t.slice(pos).match(/^\s*=\s*/);
  if (!eq) return fail('has no "="');
  const rest = t.slice(pos + eq[0].length);
  const onLastLine = ctx.cutAtEnd && start === ctx.lines.length - 1;

  if (/^-\s*(;.*)?$/.test(rest)) return { result: { name, last: start }, data: { type: 'DELETE' } };
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    if (!q)
      return fail(onLastLine ? 'is truncated (unterminated string)' : 'has an unterminated string');
    const r: ValueResult = { name, last: start };
    if (!isTailOk(rest.slice(q.end)))
      r.warning = `line ${lineNo}: text after value ${shown} ignored`;
    return { result: r, data: { type: 'REG_SZ', value: q.text } };
  }
  const dword = rest.match(/^dword:([0-9a-fA-F]{1,8})(.*)$/i);
  if (dword) {
    const [, digits = '', tail = ''] = dword;
    if (!isTailOk(tail)) return fail(`has an invalid dword "${rest.trim()}"`);
    if (onLastLine && digits.length < 8 && tail.trim() === '') return fail('is truncated');
    return {
      result: { name, last: start },
      data: { type: 'REG_DWORD', value: parseInt(digits, 16) },
    };
  }
  const hex = rest.match(/^hex(?:\(([0-9a-fA-F]{1,8})\))?:/i);
  if (!hex) return fail(`has unsupported data "${rest.slice(0, 40)}"`);
  const rawType = hex[1] === undefined ? REG_BINARY : parseInt(hex[1], 16);
  // Long hex data wraps with a trailing backslash; hand-edited files may put a comment after it.
  let body = rest.slice(hex[0].length);
  let last = start;
  let joined = '';
  for (;;) {
    const chunk = (body.split(';')[0] ?? '').trimEnd();
    if (!chunk.endsWith('\\')) {
      joined += chunk;
      break;
    }
    joined += chunk.slice(0, -1);
    const next = ctx.lines[last + 1];
    if (next === undefined) return fail('is truncated (file ends inside a hex continuation)', last);
    if (!/^\s+[0-9a-fA-F,\\]/.test(next)) {
      return fail(`is incomplete (line ${last + 2} does not continue its hex data)`, last);
    }
    last++;
    body = next;
  }
  // A file cut mid-line (no final line break) that stops after a comma or half a byte.
  const trimmed = joined.trim();
  const lastToken = trimmed.split(',').pop() ?? '';
  if (
    ctx.cutAtEnd &&
    last === ctx.lines.length - 1 &&
    (trimmed.endsWith(',') || /^\s*[0-9a-fA-F]\s*$/.test(lastToken))
  ) {
    return fail(`is truncated at line ${last + 1}`, last);
  }
  const bytes = parseHexList(joined);
  if (!bytes) return fail('has malformed hex data', last);
  return { result: { name, last }, data: dataFromBytes(rawType, bytes, ctx.ansi) };
}

function readHeader(lines: string[]): { header: RegFile['header']; index: number } {
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const first = (lines[i] ?? '').trim();
  if (first.startsWith(V5_HEADER)) return { header: 'REGEDIT5', index: i };
  if (/^REGEDIT4(\s|;|$)/.test(first)) return { header: 'REGEDIT4', index: i };
  throw new ParseError(`not a registry export: missing "${V5_HEADER}" header`);
}

/** Parses decoded `.reg` text. Throws ParseError only when the header is missing. */
export function parseRegFile(text: string): RegFile {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = splitLines(body);
  const { header, index } = readHeader(lines);
  const warnings: string[] = [];
  const collector = new RegKeyCollector(warnings);
  const ctx: Ctx = { lines, ansi: header === 'REGEDIT4', cutAtEnd: !/[\r\n]$/.test(body) };
  let current: ReturnType<RegKeyCollector['open']> | undefined;

  for (let i = index + 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const t = (lines[i] ?? '').trim();
    if (t === '' || t.startsWith(';')) continue;
    if (t.startsWith('[')) {
      // Key names may contain ']'; regedit ignores anything after the last one.
      const close = t.lastIndexOf(']');
      const inner = close > 0 ? t.slice(1, close) : '';
      const deleted = inner.startsWith('-');
      const path = (deleted ? inner.slice(1) : inner).trim();
      if (path === '') {
        warnings.push(`line ${lineNo}: malformed key line ignored; its values are skipped`);
        current = undefined;
      } else {
        current = collector.open(path, deleted, lineNo);
      }
      continue;
    }
    if (!t.startsWith('"') && !t.startsWith('@')) {
      warnings.push(`line ${lineNo}: unrecognised line ignored`);
      continue;
    }
    const { result, data } = parseValue(ctx, i);
    i = result.last;
    if (result.warning) warnings.push(result.warning);
    if (!data || result.name === undefined) continue;
    if (!current) {
      warnings.push(`line ${lineNo}: value outside any valid key ignored`);
    } else if (current.deleted) {
      warnings.push(`line ${lineNo}: value under deleted key "${current.path}" ignored`);
    } else {
      collector.addValue(current, { name: result.name, data, line: lineNo });
    }
  }
  return { header, keys: collector.keys, warnings };
}
