import type { Report } from '../model';

/**
 * The `--json` document (`ndes-doctor-report/1`): the report with its fields in a stable order,
 * one finding per check.
 */
export function toJsonReport(report: Report): Report {
  return {
    schema: report.schema,
    host: report.host,
    collectedAt: report.collectedAt,
    engine: report.engine,
    source: report.source,
    steps: report.steps,
    findings: report.findings.map((f) => ({
      checkId: f.checkId,
      status: f.status,
      severity: f.severity,
      step: f.step,
      title: f.title,
      summary: f.summary,
      why: f.why,
      evidence: f.evidence,
      decoded: f.decoded,
      fixes: f.fixes,
    })),
    artifactProblems: report.artifactProblems,
    redaction: report.redaction,
  };
}
