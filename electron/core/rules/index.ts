export { checkTokenWrite, type RuleProblem } from './write-rules';
export { computeFindings } from './findings/compute-findings';
export { resolveFindingSettings, leadTimesFor, rotationDaysFor } from './finding-settings';
export { parseIpAllowlist, type AllowlistEntry, type AllowlistProblem } from './ip-allowlist';
export { effectiveExpiry } from './expiry';
