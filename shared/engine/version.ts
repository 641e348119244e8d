/** Version of the analysis engine and of the rule set; both are recorded in every report. */
export const ENGINE_VERSION = '0.1.0';
export const RULESET_VERSION = '2026.11.1';
