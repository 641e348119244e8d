import type { Finding } from './finding';
import type { StepHealth } from './step';

/** Identity of the diagnosed host, as shown in the header. */
export interface ReportHost {
  computerName: string;
  dnsHostName: string | null;
  domain: string | null;
  os: string | null;
  culture: string | null;
  timeZone: string | null;
  connectorVersion: string | null;
}

/** An artifact that the analysis could not use. */
export interface ArtifactProblem {
  path: string;
  state: string;
  error: string | null;
}

/** The report: one finding per check, and step health (`ndes-doctor-report/1`). */
export interface Report {
  schema: 'ndes-doctor-report/1';
  host: ReportHost;
  /** The bundle's collectedAt (UTC ISO). */
  collectedAt: string;
  engine: { name: 'ndes-doctor'; version: string; ruleset: string };
  /** Where the snapshot came from. */
  source: { kind: 'bundle' | 'live' | 'demo'; path: string | null; sha256: string | null };
  steps: StepHealth[];
  findings: Finding[];
  /** Artifacts that were unusable (missing, error, skipped, unparseable). */
  artifactProblems: ArtifactProblem[];
  /** Redaction applied to the bundle, if any. */
  redaction: string | null;
}
