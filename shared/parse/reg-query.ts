// Reads the text output of `reg query <KEY> /s` (https://learn.microsoft.com/windows-server/administration/windows-commands/reg-query),
// the fallback when a `.reg` export is unavailable. Values are split on the REG_* type column
// because names contain spaces, and the "(Default)" label is localized.
import { ParseError } from './errors';
import type { RegData, RegFile, RegKey } from './reg-file';
import { parseHexRun, toHex } from './reg-data';
import { RegKeyCollector } from './reg-keys';
import { splitLines } from './text-decode';

const KEY_LINE = /^(HKEY_[A-Z_]+|HKLM|HKCU|HKCR|HKU|HKCC)(\\.*)?$/i;
const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?\s*$/;

/** Value types reg.exe prints by name that have no dedicated RegData variant. */
const OTHER_TYPES: Record<string, number> = {
  REG_DWORD_BIG_ENDIAN: 5,
  REG_LINK: 6,
  REG_RESOURCE_LIST: 8,
  REG_FULL_RESOURCE_DESCRIPTOR: 9,
  REG_RESOURCE_REQUIREMENTS_LIST: 10,
};

function parseHexNumber(s: string): bigint | undefined {
  const m = s.trim().match(/^0x([0-9a-fA-F]{1,16})$/);
  return m?.[1] === undefined ? undefined : BigInt('0x' + m[1]);
}

/** Converts the data column for one type; undefined when it does not fit the type. */
function toData(type: string, raw: string): RegData | undefined {
  switch (type) {
    case 'REG_SZ':
      return { type: 'REG_SZ', value: raw };
    case 'REG_EXPAND_SZ':
      return { type: 'REG_EXPAND_SZ', value: raw };
    case 'REG_MULTI_SZ':
      // reg.exe joins the strings with the two characters `\0`.
      return { type: 'REG_MULTI_SZ', value: raw === '' ? [] : raw.split('\\0') };
    case 'REG_DWORD': {
      const n = parseHexNumber(raw);
      return n === undefined || n > 0xffffffffn
        ? undefined
        : { type: 'REG_DWORD', value: Number(n) };
    }
    case 'REG_QWORD': {
      const n = parseHexNumber(raw);
      return n === undefined ? undefined : { type: 'REG_QWORD', value: n.toString() };
    }
    case 'REG_BINARY':
    case 'REG_NONE': {
      const bytes = parseHexRun(raw);
      return bytes ? { type, hex: toHex(bytes) } : undefined;
    }
  }
  const rawType = OTHER_TYPES[type];
  const bytes = parseHexRun(raw);
  return rawType === undefined || !bytes
    ? undefined
    : { type: 'REG_OTHER', rawType, hex: toHex(bytes) };
}

/**
 * Parses `reg query` output into the same shape as a `.reg` file. Lines that are neither keys
 * nor values (a transcript prompt, `End of search: …`) are skipped; `ERROR:` lines become
 * warnings. Throws ParseError when the text holds no key and no error line.
 */
export function parseRegQuery(text: string): RegFile {
  // Some cmd.exe redirections write CR CR LF; treat it as one line break.
  const body = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\r\n/g, '\r\n');
  const lines = splitLines(body);
  const warnings: string[] = [];
  const collector = new RegKeyCollector(warnings);
  let current: RegKey | undefined;
  let sawError = false;

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    if (!/^\s/.test(line)) {
      const trimmed = line.trimEnd();
      if (KEY_LINE.test(trimmed)) {
        current = collector.open(trimmed, false, lineNo);
      } else if (/^ERROR:/i.test(trimmed)) {
        sawError = true;
        warnings.push(`line ${lineNo}: ${trimmed}`);
      }
      return;
    }
    const m = line.match(VALUE_LINE);
    if (!m) {
      warnings.push(`line ${lineNo}: unrecognised value line ignored`);
      return;
    }
    const [, rawName = '', type = '', raw = ''] = m;
    const data = toData(type, raw);
    if (!data) {
      warnings.push(`line ${lineNo}: ${type} data "${raw.slice(0, 40)}" not understood; ignored`);
      return;
    }
    if (!current) {
      warnings.push(`line ${lineNo}: value before any key ignored`);
      return;
    }
    // "(Default)" is localized ("(Standard)", "(Par défaut)"); a parenthesised name is the default.
    const name = /^\(.*\)$/.test(rawName) ? '' : rawName;
    collector.addValue(current, { name, data, line: lineNo });
  });

  if (collector.keys.length === 0 && !sawError) {
    throw new ParseError('not reg query output: no HKEY_... key line found');
  }
  return { header: 'REGEDIT5', keys: collector.keys, warnings };
}
