/** Types of hardening.mjs (scripts are plain ES modules). */
export interface SarifFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}
export interface CspWeakness {
  directive: string;
  value: string;
  description: string;
}
export function sarifFindings(sarif: unknown): SarifFinding[];
export function weakCspFindings(cspEvaluator: { CspParser: unknown; CspEvaluator: unknown; Version: unknown; severities: unknown }, policy: string): CspWeakness[];
