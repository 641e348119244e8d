import type { CheckStatus, Severity, StepId } from './step';

/** Points at one registry value in a `.reg` export. */
export interface RegistryValueEvidence {
  kind: 'registryValue';
  /** Bundle file, e.g. `registry/mscep.reg`. */
  file: string;
  /** Full key path as exported. */
  keyPath: string;
  /** Value name; `@` for the default value. */
  valueName: string;
  /** Value as text, or null when the value is missing. */
  value: string | null;
  /** 1-based line of the value in the file. */
  line?: number;
}

/** Lines of a log or text file. */
export interface LogLinesEvidence {
  kind: 'logLines';
  /** Bundle file. */
  file: string;
  /** The lines, with 1-based numbers. */
  lines: { line: number; text: string }[];
  /** How many matching lines there were in all (lines shows a sample). */
  total?: number;
  /** Caption. */
  caption?: string;
}

/** One Windows event, or a group of identical ones. */
export interface EventEvidence {
  kind: 'event';
  /** Bundle file. */
  file: string;
  provider: string;
  eventId: number;
  level: number;
  /** EventRecordID of the newest event of the group. */
  recordId: number | null;
  /** TimeCreated of the newest event (UTC ISO). */
  timeCreated: string | null;
  /** EventData values. */
  data: { name?: string; value: string }[];
  /** Localized message, for display. */
  message?: string;
  /** Number of events grouped here. */
  count: number;
  /** Oldest TimeCreated of the group. */
  firstSeen?: string | null;
  /** 1-based line of the newest event in the file. */
  line?: number;
}

/** A certificate, by thumbprint. */
export interface CertificateEvidence {
  kind: 'certificate';
  /** Bundle file of the DER. */
  file: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** Why this certificate is shown. */
  role?: string;
  /** Template name, when known. */
  template?: string | null;
  /** EKU OIDs, or null when the certificate has no EKU extension. */
  eku?: string[] | null;
  hasPrivateKey?: boolean | null;
}

/** A configuration value and where it came from (IIS). */
export interface ConfigEvidence {
  kind: 'config';
  /** Bundle file that sets the value. */
  file: string;
  /** 1-based line of the element. */
  line?: number;
  /** `<location path>` or level description. */
  location: string;
  /** Section or attribute path, e.g. `requestFiltering/requestLimits@maxUrl`. */
  setting: string;
  /** Effective value, or null when unset (default applies). */
  value: string | null;
}

/** Name/value facts. */
export interface KeyValueEvidence {
  kind: 'keyValue';
  caption?: string;
  items: { key: string; value: string }[];
}

/** A small table. */
export interface TableEvidence {
  kind: 'table';
  caption?: string;
  headers: string[];
  rows: string[][];
}

/** Free text. */
export interface TextEvidence {
  kind: 'text';
  text: string;
}

/** An artifact that could not be used. */
export interface ArtifactEvidence {
  kind: 'artifact';
  file: string;
  state: string;
  error?: string;
}

/** Evidence attached to a finding: data, never markup (STYLE principle 5). */
export type EvidenceItem =
  | RegistryValueEvidence
  | LogLinesEvidence
  | EventEvidence
  | CertificateEvidence
  | ConfigEvidence
  | KeyValueEvidence
  | TableEvidence
  | TextEvidence
  | ArtifactEvidence;

/** A raw code and what it means (CHECKS.md §4). */
export interface Decoded {
  /** Raw value as seen (e.g. `500.0.1346`, `0x80094800`, event `20502`). */
  raw: string;
  /** Meaning. */
  meaning: string;
  /** Check that covers this cause, when one does. */
  checkId?: string;
}

/** A way to fix a finding. */
export interface FixRef {
  /** Fix wizard id from CHECKS.md, or `manual`. */
  wizard: string;
  /** The fix as an admin reads it, commands included. */
  text: string;
}

/** The outcome of one check. */
export interface Finding {
  checkId: string;
  status: CheckStatus;
  severity: 'critical' | 'high' | 'medium' | 'low';
  step: StepId;
  /** Title of the check (the passing form). */
  title: string;
  /** One-sentence result for this host. */
  summary: string;
  /** Why the check matters. */
  why: string;
  evidence: EvidenceItem[];
  decoded: Decoded[];
  fixes: FixRef[];
}

export type { CheckStatus, Severity };
