import { describe, expect, it } from 'vitest';
import { redactLines, sniffUnit, looksBinary } from '../../../../main/acquire/bundle/redact-stream';
import { w3cByteLine } from '../../../../main/acquire/bundle/w3c-bytes';
import { Redactor } from '../../../../shared/redact/redactor';
import { Tokenizer } from '../../../../shared/redact/tokenizer';
import { RegTransform } from '../../../../shared/redact/reg';
import { TextTransform, W3cTransform } from '../../../../shared/redact/lines';

function redactor(): Redactor {
  const t = new Tokenizer();
  t.addHost('ndes01.corp.contoso.com');
  t.addNetbios('CORP', 'corp.contoso.com');
  t.addAccount('CORP\\svc-ndes');
  return new Redactor('pseudonymize', t);
}

/** Feeds `bytes` in small chunks (splitting lines and UTF-16 code units) and joins the output. */
async function pipe(
  bytes: Buffer,
  make: (r: Redactor) => Parameters<typeof redactLines>[1],
  chunk = 7,
  w3c = false,
) {
  const r = redactor();
  const t = make(r);
  async function* input() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: Buffer[] = [];
  const byteLine = w3c ? w3cByteLine(t as W3cTransform) : undefined;
  for await (const c of redactLines(input(), t, 'cp437', undefined, byteLine)) out.push(c);
  return Buffer.concat(out);
}

describe('redactLines', () => {
  it('rewrites a UTF-16LE .reg export in UTF-16LE with its BOM and CRLF', async () => {
    const text =
      'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]\r\n"Configuration"="ndes01.corp.contoso.com\\\\CA"\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const out = await pipe(bytes, (r) => new RegTransform(r));
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(out.subarray(2).toString('utf16le')).toBe(
      text.replace('ndes01.corp.contoso.com', 'host-1.domain-1.example'),
    );
  });

  it('keeps unchanged lines byte for byte, whatever their encoding, and the missing final newline', async () => {
    const cp437 = Buffer.from([0x56, 0xe9, 0x72, 0x69, 0x66, 0x69, 0x65, 0x72, 0x0d, 0x0a]);
    const bytes = Buffer.concat([
      Buffer.from('\ufefffirst line\r\n', 'utf8'),
      cp437,
      Buffer.from('host ndes01 here\nlast CORP\\svc-ndes', 'utf8'),
    ]);
    const out = await pipe(bytes, (r) => new TextTransform(r), 5);
    expect(out).toEqual(
      Buffer.concat([
        Buffer.from('\ufefffirst line\r\n', 'utf8'),
        cp437,
        Buffer.from('host host-1 here\nlast DOMAIN-1\\account-1', 'utf8'),
      ]),
    );
  });

  it('redacts W3C rows on their bytes', async () => {
    const rows =
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status\r\n2026-11-20 00:00:01 10.0.10.25 GET /certsrv/mscep/mscep.dll operation=GetCACert&message=ndes01 443 CORP\\svc-ndes 10.0.20.11 Mozilla/5.0+ndes01 200\r\n';
    const out = await pipe(Buffer.from(rows), (r) => new W3cTransform(r), 13, true);
    expect(out.toString()).toBe(
      rows
        .replace('10.0.10.25', '192.0.2.1')
        .replace('message=ndes01', 'message=host-1')
        .replace('CORP\\svc-ndes', 'DOMAIN-1\\account-1')
        .replace('10.0.20.11', '192.0.2.2'),
    );
  });

  it('sniffs encodings and binary data', () => {
    expect(sniffUnit(Buffer.from('Windows Registry', 'utf16le')).unit).toBe('utf16le');
    expect(sniffUnit(Buffer.from([0xfe, 0xff, 0, 65])).unit).toBe('utf16be');
    expect(sniffUnit(Buffer.from('Windows Registry', 'utf16le').swap16()).unit).toBe('utf16be');
    expect(looksBinary(Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02]))).toBe(true);
    expect(looksBinary(Buffer.from('plain text\r\n'))).toBe(false);
  });
});
