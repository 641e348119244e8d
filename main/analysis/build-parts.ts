// The artifacts made of several files: IIS configuration (+ web.config files), the certificate
// stores and the SCEP probe. (The logs are in log-sets.ts.)
import type { CertIndexEntry, CertStores, Ev, ProbeExchange, StoreCert } from '../../shared/model';
import type { PsValue } from '../../shared/parse/ps-json';
import { parsePsJson, psArray, psNumber, psProp, psString } from '../../shared/parse/ps-json';
import { decodeText } from '../../shared/parse/text-decode';
import { parseIisConfig } from '../../shared/parse/application-host';
import type { IisConfig } from '../../shared/parse/application-host';
import { parseCertificate, certificatesFromPkcs7 } from '../../shared/parse/certificates';
import type { CertSummary } from '../../shared/parse/certificates';
import type { ArtifactReader } from './build-snapshot';
import { describe } from './describe-error';

/**
 * applicationHost.config plus the web.config files on the path to CertSrv/mscep. Passwords
 * (processModel `[enc:…:enc]` blobs) are removed by the parser and never reach the snapshot.
 */
export async function buildIisConfig(r: ArtifactReader): Promise<Ev<IisConfig>> {
  const path = 'iis/applicationHost.config';
  const webConfigs: { file: string; text: string }[] = [];
  const warnings: string[] = [];
  for (const e of r.bundle.entries) {
    if (!/^iis\/web\.config\/.+\/web\.config$/i.test(e.path)) continue;
    const wc = await r.text(e.path, (t) => t);
    if (wc.state === 'ok' && wc.value !== undefined)
      webConfigs.push({ file: e.path, text: wc.value });
    else warnings.push(wc.error ?? `${e.path}: ${wc.state}`);
  }
  const ev = await r.text(path, (text) => parseIisConfig({ file: path, text }, webConfigs));
  if (ev.state !== 'ok' || !ev.value) return { ...ev, value: undefined };
  warnings.push(...ev.value.warnings, ...(ev.warnings ?? []));
  return {
    state: 'ok',
    path,
    value: ev.value.config,
    exitCode: ev.exitCode,
    warnings: warnings.length ? warnings : undefined,
  };
}

/** certs/index.json + certs/LocalMachine/<Store>/*.cer (or strict-mode .json summaries). */
export async function buildCertStores(
  r: ArtifactReader,
  templateOids: Ev<PsValue>,
): Promise<Ev<CertStores>> {
  const indexEv = await r.text('certs/index.json', parsePsJson);
  const index = new Map<string, CertIndexEntry>();
  if (indexEv.state === 'ok') {
    for (const row of psArray(indexEv.value)) {
      const entry = indexEntry(row);
      if (entry) index.set(`${entry.store.toLowerCase()}|${entry.thumbprint}`, entry);
    }
  }
  const oidNames = new Map<string, string>();
  if (templateOids.state === 'ok') {
    for (const t of psArray(templateOids.value)) {
      const oid = psString(psProp(t, 'Oid'));
      const name = psString(psProp(t, 'Name'));
      if (oid && name) oidNames.set(oid, name);
    }
  }
  const certs: StoreCert[] = [];
  const warnings: string[] = [];
  const files = r.bundle.entries.filter((e) =>
    /^certs\/LocalMachine\/[^/]+\/[^/]+\.(cer|json)$/i.test(e.path),
  );
  if (files.length === 0 && indexEv.state !== 'ok') {
    const pre = r.precheck('certs/index.json');
    return {
      state: pre?.state ?? indexEv.state,
      path: 'certs/',
      error: pre?.error ?? indexEv.error,
    };
  }
  for (const f of files) {
    const store = f.path.split('/')[2] ?? '';
    try {
      const bytes = await r.bundle.read(f.path, 4 * 1024 ** 2);
      const summary = f.path.toLowerCase().endsWith('.json')
        ? strictSummary(decodeText(bytes).text)
        : await parseCertificate(bytes);
      const idx = index.get(`${store.toLowerCase()}|${summary.thumbprint}`) ?? null;
      const template =
        summary.templateName ??
        (summary.templateOid ? (oidNames.get(summary.templateOid) ?? null) : null) ??
        idx?.templateName ??
        null;
      certs.push({ ...summary, store, file: f.path, index: idx, template });
    } catch (err) {
      warnings.push(describe(f.path, err));
    }
  }
  return {
    state: 'ok',
    path: 'certs/',
    value: { certs, indexState: indexEv.state },
    warnings: warnings.length ? warnings : undefined,
  };
}

function indexEntry(row: PsValue): CertIndexEntry | null {
  const thumb = psString(psProp(row, 'Thumbprint'));
  const store = psString(psProp(row, 'Store'));
  if (!thumb || !store) return null;
  const acl = psProp(row, 'PrivateKeyAcl');
  const hasKey = psProp(row, 'HasPrivateKey');
  return {
    store,
    thumbprint: thumb.replace(/[^0-9a-f]/gi, '').toUpperCase(),
    file: psString(psProp(row, 'File')),
    hasPrivateKey: typeof hasKey === 'boolean' ? hasKey : null,
    keyProvider: psString(psProp(row, 'KeyProvider')),
    keySpec: psNumber(psProp(row, 'KeySpec')),
    friendlyName: psString(psProp(row, 'FriendlyName')),
    templateName: psString(psProp(row, 'TemplateName')),
    privateKeyAcl:
      acl === null || acl === undefined
        ? null
        : psArray(acl).map((a) => ({
            identity: psString(psProp(a, 'Identity')),
            sid: psString(psProp(a, 'Sid')),
            rights: psString(psProp(a, 'Rights')) ?? '',
          })),
  };
}

/** A strict-mode certificate summary (redacted export) read in place of the DER. */
function strictSummary(text: string): CertSummary {
  const v = JSON.parse(text) as Partial<CertSummary>;
  if (!v.thumbprint || !v.notAfter || !v.notBefore) throw new Error('not a certificate summary');
  return {
    serialNumber: '',
    subject: '',
    issuer: '',
    subjectCN: null,
    issuerCN: null,
    selfIssued: false,
    selfSignatureValid: null,
    eku: null,
    keyUsage: null,
    sanDns: [],
    sanOther: [],
    templateName: null,
    templateOid: null,
    templateMajor: null,
    templateMinor: null,
    ski: null,
    aki: null,
    isCA: null,
    signatureAlgorithm: '',
    publicKeyAlgorithm: '',
    keySize: null,
    ...v,
    notBefore: v.notBefore,
    notAfter: v.notAfter,
    thumbprint: v.thumbprint.toUpperCase(),
  };
}

/** probe/mscep.json with the GetCACert .p7b files parsed. */
export async function buildProbe(r: ArtifactReader): Promise<Ev<ProbeExchange[]>> {
  const ev = await r.text('probe/mscep.json', parsePsJson);
  if (ev.state !== 'ok') return { ...ev, value: undefined };
  const exchanges: ProbeExchange[] = psArray(ev.value).map((x) => {
    const headers: Record<string, string> = {};
    const h = psProp(x, 'headers');
    if (h && typeof h === 'object' && !Array.isArray(h)) {
      for (const [k, v] of Object.entries(h)) headers[k.toLowerCase()] = String(v);
    }
    return {
      name: psString(psProp(x, 'name')) ?? '',
      url: psString(psProp(x, 'url')) ?? '',
      method: psString(psProp(x, 'method')) ?? 'GET',
      status: psNumber(psProp(x, 'status')),
      headers,
      bodyBase64: psString(psProp(x, 'bodyBase64')),
      elapsedMs: psNumber(psProp(x, 'elapsedMs')),
      error: psString(psProp(x, 'error')),
    };
  });
  const warnings: string[] = [];
  const getcacert = exchanges.filter((x) => x.name === 'getcacert');
  const zeroBased =
    r.bundle.entry('probe/getcacert-0.p7b') !== undefined ||
    r.bundle.entry('probe/getcacert-0.json') !== undefined;
  for (let i = 0; i < getcacert.length; i++) {
    const x = getcacert[i]!;
    let file = `probe/getcacert-${zeroBased ? i : i + 1}.p7b`;
    // A redacted export replaces the PKCS#7 with a JSON array of strict-mode summaries.
    const summaries = file.replace(/\.p7b$/, '.json');
    if (!r.bundle.entry(file) && r.bundle.entry(summaries)) file = summaries;
    if (!r.bundle.entry(file)) {
      x.p7bCerts = null;
      x.p7bFile = null;
      continue;
    }
    try {
      const bytes = await r.bundle.read(file, 4 * 1024 ** 2);
      if (file.endsWith('.json')) {
        const list = JSON.parse(decodeText(bytes).text) as unknown;
        if (!Array.isArray(list)) throw new Error('not an array of certificate summaries');
        x.p7bCerts = list.map((c) => strictSummary(JSON.stringify(c)));
      } else {
        const ders = await certificatesFromPkcs7(bytes);
        x.p7bCerts = await Promise.all(ders.map((d) => parseCertificate(d)));
      }
      x.p7bFile = file;
    } catch (err) {
      warnings.push(describe(file, err));
      x.p7bCerts = null;
      x.p7bFile = file;
    }
  }
  return { ...ev, value: exchanges, warnings: warnings.length ? warnings : undefined };
}
