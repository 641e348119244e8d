// Views of a run for the renderer: its bundle's files, the manifest hash check, certificates.
import type { CertificateView } from '../../shared/ipc/channels';
import type { Snapshot } from '../../shared/model';
import { isOk } from '../../shared/model';
import { roleOf } from '../../shared/engine/computed/cert-roles';
import { openBundle } from '../acquire/bundle/reader';
import { verifyBundle } from '../acquire/bundle/verify';

/** Manifest hashes of an opened bundle, as a sentence for the admin. */
export async function checkIntegrity(location: string): Promise<{ ok: boolean; message: string }> {
  try {
    const v = await verifyBundle(location);
    if (v.ok) return { ok: true, message: `All ${v.checked} files match the manifest hashes.` };
    const parts = [
      ...v.mismatches.map((m) => `${m.path} differs from the manifest`),
      ...v.missing.map((m) => `${m} is missing`),
    ];
    return {
      ok: false,
      message: `The bundle does not match its manifest: ${parts.slice(0, 10).join('; ')}${parts.length > 10 ? `; and ${parts.length - 10} more` : ''}.`,
    };
  } catch (err) {
    return {
      ok: false,
      message: `The manifest hashes could not be checked: ${(err as Error).message}`,
    };
  }
}

/** The files of a bundle, or null when it cannot be opened any more. */
export async function bundleFiles(
  location: string,
): Promise<{ path: string; size: number }[] | null> {
  try {
    const bundle = await openBundle(location);
    const files = bundle.entries.map((e) => ({ path: e.path, size: e.size }));
    await bundle.close();
    return files;
  } catch {
    return null;
  }
}

export function certificateViews(s: Snapshot): CertificateView[] {
  if (!isOk(s.certs)) return [];
  return s.certs.value.certs.map((c) => ({
    store: c.store,
    file: c.file,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    subjectCN: c.subjectCN,
    issuerCN: c.issuerCN,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    eku: c.eku,
    keyUsage: c.keyUsage,
    sanDns: c.sanDns,
    template: c.template,
    hasPrivateKey: c.index?.hasPrivateKey ?? null,
    keyProvider: c.index?.keyProvider ?? null,
    role: roleOf(s, c),
    isCA: c.isCA,
    selfIssued: c.selfIssued,
    aki: c.aki,
    ski: c.ski,
  }));
}
