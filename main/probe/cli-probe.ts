// `ndes-doctor probe <url>`: the SCEP endpoint probe from the command line, the same steps as the
// app's panel. Exit codes: 0 no step failed, 1 a step failed, 2 bad usage.
import { parseArgs } from 'node:util';
import { runProbe } from './probe';
import type { ProbeOptions } from './probe';
import { renderProbeText } from '../../shared/probe/text';

export const PROBE_USAGE = `Usage:
  ndes-doctor probe <url> [--json] [--challenge C] [--enroll] [--ca-fingerprint SHA256]
                    [--timeout MS] [--ra-thumbprint T]... [--long-url-sizes KB,KB,...]
                    [--follow-redirects]

  <url>              the SCEP URL, e.g. https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll
  --enroll           send a real PKCSReq; without --challenge the challenge is made up and an
                     Intune-managed NDES must refuse it (FAILURE from the policy module)
  --challenge C      the challenge password to enroll with (implies --enroll)
  --ca-fingerprint   SHA-256 (hex) the CA certificate of GetCACert must have; enrollment is not
                     sent when it differs
  --ra-thumbprint T  SHA-1 thumbprint of an RA certificate in LocalMachine\\My (repeatable); GetCACert
                     must serve only these
  --long-url-sizes   sizes of the long-URL probe in KiB (default 4,16,32,60; 0 skips it)
  --timeout MS       per request (default 10000)
`;

export interface ProbeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: ProbeIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

class UsageError extends Error {}

function parse(args: string[]): { url: string; opts: ProbeOptions; json: boolean } {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      enroll: { type: 'boolean', default: false },
      challenge: { type: 'string' },
      'ca-fingerprint': { type: 'string' },
      'ra-thumbprint': { type: 'string', multiple: true },
      'long-url-sizes': { type: 'string' },
      'follow-redirects': { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [url, ...extra] = positionals;
  if (!url) throw new UsageError('probe needs a URL');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`"${url}" is not an http(s) URL`);
  }
  const opts: ProbeOptions = { enroll: values.enroll, followRedirects: values['follow-redirects'] };
  if (values.challenge !== undefined) opts.challenge = values.challenge;
  if (values['ca-fingerprint'] !== undefined) {
    const fp = values['ca-fingerprint'].replace(/[\s:]/g, '');
    if (!/^[0-9a-f]{64}$/i.test(fp))
      throw new UsageError('--ca-fingerprint must be 64 hex digits (SHA-256)');
    opts.caFingerprint = fp;
  }
  if (values['ra-thumbprint']) {
    const bad = values['ra-thumbprint'].find(
      (t) => !/^[0-9a-f]{40}$/i.test(t.replace(/[\s:]/g, '')),
    );
    if (bad !== undefined)
      throw new UsageError(`--ra-thumbprint "${bad}" is not a SHA-1 thumbprint`);
    opts.localRaThumbprints = values['ra-thumbprint'];
  }
  if (values['long-url-sizes'] !== undefined) {
    const sizes = values['long-url-sizes'].split(',').map((s) => Number(s.trim()));
    if (sizes.some((n) => !Number.isInteger(n) || n < 0 || n > 1024))
      throw new UsageError('--long-url-sizes takes whole KiB values from 0 to 1024');
    opts.longUrlSizesKb = sizes.filter((n) => n > 0);
  }
  if (values.timeout !== undefined) {
    const ms = Number(values.timeout);
    if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
      throw new UsageError('--timeout must be whole milliseconds from 100 to 600000');
    opts.timeoutMs = ms;
  }
  return { url, opts, json: values.json };
}

/** Runs `probe <url> …`; returns the exit code. */
export async function probeCommand(args: string[], io: ProbeIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    const usage =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`ndes-doctor probe: ${(err as Error).message}\n${usage ? PROBE_USAGE : ''}`);
    return 2;
  }
  const report = await runProbe(parsed.url, parsed.opts);
  io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderProbeText(report));
  return report.steps.some((s) => s.verdict === 'fail') ? 1 : 0;
}
