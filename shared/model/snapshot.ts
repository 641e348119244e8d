import type { Ev } from './evidence';
import type { Manifest } from './manifest';
import type { RegFile } from '../parse/reg-file';
import type { SeceditInf } from '../parse/secedit-inf';
import type { PsValue } from '../parse/ps-json';
import type { SslCertBinding } from '../parse/netsh-sslcert';
import type { EventRecord } from '../parse/event-xml';
import type { IisConfig } from '../parse/application-host';
import type { IisLogSummary, HttpErrSummary } from '../parse/iis-log-summary';
import type { CertSummary } from '../parse/certificates';

/** Output of a command kept as text, with its parsed form. */
export interface CommandText<T = undefined> {
  /** Text as decoded from the bundle. */
  text: string;
  /** Parsed form, when the command has a parser. */
  parsed: T;
}

/** One row of `certs/index.json` (BUNDLE-FORMAT.md, certs/). */
export interface CertIndexEntry {
  store: string;
  thumbprint: string;
  file: string | null;
  hasPrivateKey: boolean | null;
  keyProvider: string | null;
  keySpec: number | null;
  friendlyName: string | null;
  templateName: string | null;
  privateKeyAcl: { identity: string | null; sid: string | null; rights: string }[] | null;
}

/** A certificate from a LocalMachine store, with what the index says about its key. */
export interface StoreCert extends CertSummary {
  /** `My`, `Root` or `CA`. */
  store: string;
  /** Bundle path of the DER (or strict-mode JSON summary). */
  file: string;
  /** The `certs/index.json` row, when there is one. */
  index: CertIndexEntry | null;
  /** Template name resolved from the v1 extension, the v2 OID via template-oids.json, or the index. */
  template: string | null;
}

/** The machine certificate stores. */
export interface CertStores {
  certs: StoreCert[];
  /** Whether `certs/index.json` was `ok` (RA certs need it). */
  indexState: string;
}

/** Log files of a set that could not be read (log-scan rule: then no finding is not a pass). */
export interface LogAvailability {
  unavailable: { path: string; state: string; error: string | null }[];
}

/** One HTTP exchange of the collector's SCEP probe (`probe/mscep.json`). */
export interface ProbeExchange {
  name: string;
  url: string;
  method: string;
  status: number | null;
  headers: Record<string, string>;
  /** First 64 KiB of the body, base64. */
  bodyBase64: string | null;
  elapsedMs: number | null;
  error: string | null;
  /** Certificates parsed from the matching `probe/getcacert-<n>.p7b`, for getcacert entries. */
  p7bCerts?: CertSummary[] | null;
  /** Bundle path of that .p7b. */
  p7bFile?: string | null;
}

/**
 * Everything parsed from one bundle: the rules' only input (STYLE "pipeline"). Each key is one
 * piece of evidence a rule can declare; values are serializable so a run can be stored and re-judged.
 */
export interface Snapshot {
  /** Snapshot schema. */
  schema: 'ndes-doctor-snapshot/1';
  /** The bundle manifest (host, collectedAt, collector, artifacts). */
  manifest: Manifest;

  os: Ev<PsValue>;
  computer: Ev<PsValue>;
  windowsFeatures: Ev<PsValue>;
  services: Ev<PsValue>;
  installedProducts: Ev<PsValue>;
  localGroups: Ev<PsValue>;
  serviceAccount: Ev<PsValue>;
  templateOids: Ev<PsValue>;
  userRights: Ev<SeceditInf>;
  appPools: Ev<
    { name: string; state: string | null; attrs: Record<string, string>; line: number }[]
  >;
  sites: Ev<
    {
      name: string;
      id: string | null;
      state: string | null;
      bindings: string | null;
      line: number;
    }[]
  >;
  sslBindings: Ev<SslCertBinding[]>;
  setspn: Ev<{ account: string | null; spns: string[] }[]>;
  certutilPing: Ev<CommandText<{ alive: boolean; server: string | null }>>;
  caTemplates: Ev<CommandText<{ name: string; displayName: string; line: number }[]>>;

  regMscep: Ev<RegFile>;
  regHttpParameters: Ev<RegFile>;
  regIntune: Ev<RegFile>;
  regIeEscAdmins: Ev<RegFile>;
  regIeEscUsers: Ev<RegFile>;
  regDotnet: Ev<RegFile>;
  regSchannel: Ev<RegFile>;
  regNetfx: Ev<RegFile>;
  regNetfxWow64: Ev<RegFile>;
  regNtCurrentVersion: Ev<RegFile>;
  regRebootCbs: Ev<RegFile>;
  regRebootWu: Ev<RegFile>;
  regSessionManager: Ev<RegFile>;

  iisConfig: Ev<IisConfig>;
  iisLogs: Ev<IisLogSummary & LogAvailability>;
  httpErr: Ev<HttpErrSummary & LogAvailability>;
  certs: Ev<CertStores>;

  eventsApplication: Ev<EventRecord[]>;
  eventsSystem: Ev<EventRecord[]>;
  eventsCapi2: Ev<EventRecord[]>;
  eventsConnectorAdmin: Ev<EventRecord[]>;
  eventsConnectorOperational: Ev<EventRecord[]>;
  eventsLegacyConnector: Ev<EventRecord[]>;
  eventsDeployment: Ev<EventRecord[]>;

  ndesPluginLog: Ev<CommandText<string[]>>;
  setupMsiLog: Ev<CommandText<string[]>>;

  probe: Ev<ProbeExchange[]>;
}

/** Names of the evidence a rule can declare. */
export type EvidenceKey = Exclude<keyof Snapshot, 'schema' | 'manifest'>;
