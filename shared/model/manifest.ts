/** Collection status of one artifact (BUNDLE-FORMAT.md, manifest.json). */
export type ArtifactStatus = 'ok' | 'absent' | 'error' | 'skipped';

/** One entry of `manifest.artifacts`. */
export interface ManifestArtifact {
  /** Path relative to the bundle root, with `/` separators. */
  path: string;
  /** Kind of artifact (`registry`, `command`, `events`, `file`, `iis-log`, …). */
  kind: string;
  /** What produced it on the host (command line or original Windows path). */
  source?: string;
  /** Collection status. */
  status: ArtifactStatus;
  /** Exit code of the command that produced it, when a command did. */
  exitCode?: number;
  /** Lower-case hex SHA-256 of the file as written. */
  sha256?: string;
  /** Size in bytes. */
  bytes?: number;
  /** Why collection failed or was skipped. */
  error?: string;
}

/** Redaction applied on export, or null. */
export interface Redaction {
  /** `pseudonymize` keeps certificates; `strict` replaces them with summaries. */
  mode: 'pseudonymize' | 'strict';
  /** When the redaction was done (ISO 8601). */
  at: string;
  /** Which classes of data were replaced. */
  rules: string[];
}

/** `manifest.json` of an NDES host bundle, format 1. */
export interface Manifest {
  /** Always `ndes-host-bundle`. */
  format: 'ndes-host-bundle';
  /** Format version: 1. */
  version: 1;
  /** When collection finished (UTC, ISO 8601); the rules' "now". */
  collectedAt: string;
  /** The collected host. */
  host: { computerName: string; dnsHostName?: string; domain?: string };
  /** What collected it, and the host's locale. */
  collector: {
    name?: string;
    version?: string;
    elevated?: boolean;
    culture?: string;
    timeZone?: string;
    utcOffsetMinutes?: number;
  };
  /** Redaction applied, or null. */
  redaction: Redaction | null;
  /** Every artifact the collector tried to collect. */
  artifacts: ManifestArtifact[];
}
