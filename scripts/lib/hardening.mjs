/**
 * Reading Electronegativity's SARIF output and judging our CSP the way its
 * CSP check would. Pure, unit-tested in scripts/hardening.test.ts.
 */

/**
 * Findings in a SARIF log, one line of text each.
 * @param {unknown} sarif
 * @returns {{ rule: string, file: string, line: number, message: string }[]}
 */
export function sarifFindings(sarif) {
  const runs = /** @type {any} */ (sarif)?.runs;
  if (!Array.isArray(runs)) throw new Error('not a SARIF log: no runs');
  const out = [];
  for (const run of runs) {
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      out.push({
        rule: String(r.ruleId ?? '?'),
        file: String(loc?.artifactLocation?.uri ?? '?'),
        line: Number(loc?.region?.startLine ?? 0),
        message: String(r.message?.text ?? ''),
      });
    }
  }
  return out;
}

/**
 * CSP evaluator findings that Electronegativity's CSP_GLOBAL_CHECK counts as
 * a weak policy (HIGH, MEDIUM, and their "maybe" variants).
 * @param {{ CspParser: any, CspEvaluator: any, Version: any, severities: any }} cspEvaluator the @doyensec/csp-evaluator module
 * @param {string} policy
 * @returns {{ directive: string, value: string, description: string }[]}
 */
export function weakCspFindings(cspEvaluator, policy) {
  const { CspParser, CspEvaluator, Version, severities } = cspEvaluator;
  const parsed = new CspParser(policy).csp;
  const findings = new CspEvaluator(parsed, Version.CSP3).evaluate();
  const weak = new Set([severities.HIGH, severities.MEDIUM, severities.HIGH_MAYBE, severities.MEDIUM_MAYBE]);
  return findings.filter((f) => weak.has(f.severity)).map((f) => ({ directive: f.directive, value: f.value ?? '', description: f.description }));
}
