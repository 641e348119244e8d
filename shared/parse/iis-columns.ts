// Where the columns the IIS log summary reads sit in the current `#Fields` layout (-1: absent).
import type { W3cLineParser } from './w3c-log';

export interface Columns {
  version: number;
  date: number;
  time: number;
  stem: number;
  /** Number of `#Fields` names. */
  width: number;
  method: number;
  query: number;
  ua: number;
  status: number;
  substatus: number;
  win32: number;
}

/** The columns of `parser`'s current `#Fields`, tagged with its version. */
export function columnsOf(parser: W3cLineParser): Columns {
  const idx = parser.fields.index;
  const at = (name: string): number => idx.get(name) ?? -1;
  return {
    version: parser.fieldsVersion,
    date: at('date'),
    time: at('time'),
    stem: at('cs-uri-stem'),
    width: parser.fields.names.length,
    method: at('cs-method'),
    query: at('cs-uri-query'),
    ua: at('cs(user-agent)'),
    status: at('sc-status'),
    substatus: at('sc-substatus'),
    win32: at('sc-win32-status'),
  };
}
