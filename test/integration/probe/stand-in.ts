// Local stand-ins for the probe tests: an HTTP(S) server that answers like IIS in front of NDES,
// healthy (403 on the bare URL, the fixture CA + RA certificates, a policy module that refuses
// made-up challenges) or broken (403.x, 500, 503, 404.15, 414, a hanging socket, a huge body).
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { iisErrorPage } from '../../fixtures/lib/healthy/probe';
import { CACAPS } from '../../fixtures/lib/healthy/probe';
import { healthyHost } from '../../fixtures/lib/spec';
import { buildCerts } from '../../fixtures/lib/certs';
import { keyPair } from '../../fixtures/lib/keys';
import { degeneratePkcs7 } from '../../fixtures/lib/p7b';
import { contentInfo, openEnvelope, OIDS } from '../../../main/probe/scep-crypto';
import { SCEP, signPkiMessage } from '../../../main/probe/scep-message';

export const SCEP_PATH = '/certsrv/mscep/mscep.dll';

/** Collection time of the fixture host; its RA certificates are valid then. */
export const FIXTURE_NOW = Date.parse('2026-11-20T09:14:03Z');

export interface SeenRequest {
  method: string;
  url: string;
  userAgent: string | undefined;
  host: string | undefined;
}

export interface StandIn {
  origin: string;
  /** origin + SCEP_PATH */
  url: string;
  requests: SeenRequest[];
  stop(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** Starts a server on 127.0.0.1 with a free port; https when `tls` is given. */
export async function startStandIn(
  handler: Handler,
  tls?: { key: string; cert: string },
): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      userAgent: req.headers['user-agent'],
      host: req.headers.host,
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  };
  // maxHeaderSize: let long URLs reach the handler, which plays HTTP.sys and IIS limits itself.
  const server = tls
    ? https.createServer({ ...tls, maxHeaderSize: 256 * 1024 }, listener)
    : http.createServer({ maxHeaderSize: 256 * 1024 }, listener);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${SCEP_PATH}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const IIS_HEADERS = { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' };

export function iis(res: ServerResponse, status: number, title: string, detail = ''): void {
  const body = iisErrorPage(status, title, detail);
  res.writeHead(status, { ...IIS_HEADERS, 'Content-Type': 'text/html' });
  res.end(body);
}

/** IIS's detailed page for a substatus (what a local browser sees). */
export function iisDetailed(res: ServerResponse, status: number, sub: number, text: string): void {
  res.writeHead(status, { ...IIS_HEADERS, 'Content-Type': 'text/html' });
  res.end(`<html><body><h3>HTTP Error ${status}.${sub} - ${text}</h3></body></html>`);
}

export const NDES_PAGE =
  '<HTML><Head><Title>Network Device Enrollment Service</Title></Head><Body><P> Network Device Enrollment Service allows you to obtain certificates for routers or other network devices using the Simple Certificate Enrollment Protocol (SCEP). </P></Body></HTML>';

/** What the request-length limits of the stand-in do past `bytes` of request target. */
export type LimitMode = '404.15' | '404.14' | 'httpsys-400' | '414';

export interface NdesOptions {
  base?: 'forbidden' | 'ndes-page';
  /** Flip the last byte of the CertRep (its signature). */
  tamper?: boolean;
  limit?: { bytes: number; mode: LimitMode };
}

export interface NdesFixture {
  p7b: Uint8Array;
  issuingDer: Uint8Array;
  raCepThumbprint: string;
  raEaThumbprint: string;
  raCepKey: KeyObject;
  raEaCert: pkijs.Certificate;
  raEaKey: CryptoKey;
}

/** The healthy fixture host's issuing CA and RA pair, with the RA private keys. */
export async function ndesFixture(): Promise<NdesFixture> {
  const spec = healthyHost();
  const built = await buildCerts(spec.certs);
  const get = (id: string) => {
    const c = built.get(id);
    if (!c) throw new Error(`fixture certificate ${id} missing`);
    return c;
  };
  const cep = get('ra-cep');
  const ea = get('ra-ea');
  const issuing = get('issuing');
  return {
    p7b: degeneratePkcs7([ea.der, cep.der, issuing.der]),
    issuingDer: issuing.der,
    raCepThumbprint: cep.thumbprint,
    raEaThumbprint: ea.thumbprint,
    raCepKey: KeyObject.from((await keyPair(cep.spec.key)).privateKey),
    raEaCert: pkijs.Certificate.fromBER(new Uint8Array(ea.der)),
    raEaKey: (await keyPair(ea.spec.key)).privateKey,
  };
}

function attrString(sd: pkijs.SignedData, oid: string): asn1js.AsnType | undefined {
  return sd.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

/**
 * mscep.dll with the Intune policy module as far as a made-up challenge goes: the request is
 * decrypted with the CEP Encryption key (so it must have been encrypted to that certificate) and
 * answered with a CertRep FAILURE / badRequest signed by the Enrollment Agent certificate.
 */
async function pkiOperation(f: NdesFixture, message: Uint8Array): Promise<Uint8Array> {
  const sd = new pkijs.SignedData({
    schema: contentInfo(message, OIDS.signedData, 'request').content,
  });
  const inner = (sd.encapContentInfo.eContent as asn1js.OctetString).getValue();
  const csrDer = openEnvelope(new Uint8Array(inner), f.raCepKey);
  pkijs.CertificationRequest.fromBER(new Uint8Array(csrDer)); // a real PKCS#10, or this throws
  const tid = attrString(sd, SCEP.transactionId) as asn1js.PrintableString;
  const nonce = attrString(sd, SCEP.senderNonce) as asn1js.OctetString;
  const attr = (type: string, value: asn1js.AsnType) =>
    new pkijs.Attribute({ type, values: [value] });
  return signPkiMessage({
    content: new Uint8Array(0),
    attributes: [
      attr(SCEP.transactionId, new asn1js.PrintableString({ value: tid.valueBlock.value })),
      attr(SCEP.messageType, new asn1js.PrintableString({ value: '3' })),
      attr(SCEP.pkiStatus, new asn1js.PrintableString({ value: '2' })),
      attr(SCEP.failInfo, new asn1js.PrintableString({ value: '2' })),
      attr(
        SCEP.senderNonce,
        new asn1js.OctetString({ valueHex: crypto.getRandomValues(new Uint8Array(16)) }),
      ),
      attr(SCEP.recipientNonce, new asn1js.OctetString({ valueHex: nonce.getValue() })),
    ],
    signerCert: f.raEaCert,
    signerKey: f.raEaKey,
    hash: 'SHA-256',
  });
}

/** IIS + mscep.dll + Intune policy module, as far as the probe can tell them apart. */
export function ndesHandler(f: NdesFixture, o: NdesOptions = {}): Handler {
  return (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const target = (req.url ?? '').length;
    if (o.limit && target > o.limit.bytes) {
      const m = o.limit.mode;
      if (m === '404.15') return iisDetailed(res, 404, 15, 'Not Found (query string too long)');
      if (m === '404.14') return iisDetailed(res, 404, 14, 'Not Found (URL too long)');
      if (m === '414') return iis(res, 414, 'Request-URI Too Long');
      res.writeHead(400, { 'Content-Type': 'text/html', Server: 'Microsoft-HTTPAPI/2.0' });
      return res.end(
        '<h2>Bad Request - Request Too Long</h2><hr><p>HTTP Error 400. The size of the request headers is too long.</p>',
      );
    }
    if (url.pathname.toLowerCase() !== SCEP_PATH) return iisDetailed(res, 404, 0, 'Not Found');
    const op = url.searchParams.get('operation');
    if (op === null) {
      if (o.base === 'ndes-page') {
        res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': 'text/html' });
        return res.end(NDES_PAGE);
      }
      return iis(
        res,
        403,
        'Forbidden: Access is denied.',
        'You do not have permission to view this directory or page.',
      );
    }
    if (op === 'GetCACaps') {
      res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': 'text/plain' });
      return res.end(CACAPS);
    }
    if (op === 'GetCACert') {
      res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': 'application/x-x509-ca-ra-cert' });
      return res.end(Buffer.from(f.p7b));
    }
    if (op === 'PKIOperation') {
      const message =
        req.method === 'POST' ? body : Buffer.from(url.searchParams.get('message') ?? '', 'base64');
      pkiOperation(f, new Uint8Array(message)).then(
        (rep) => {
          if (o.tamper) rep[rep.length - 1] = (rep[rep.length - 1] ?? 0) ^ 0xff;
          res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': 'application/x-pki-message' });
          res.end(Buffer.from(rep));
        },
        // mscep.dll answers a message it cannot read with 500 (and NDES event 17).
        () => iis(res, 500, 'Internal server error.'),
      );
      return;
    }
    return iis(res, 500, 'Internal server error.');
  };
}

/** Every request answered with one fixed status and IIS page (a broken IIS). */
export function fixedHandler(status: number, title: string, detail = ''): Handler {
  return (_req, res) => iis(res, status, title, detail);
}
