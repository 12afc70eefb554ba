import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../shared/csp';
import { sarifFindings, weakCspFindings } from './lib/hardening.mjs';

const require = createRequire(import.meta.url);
const cspEvaluator = require('@doyensec/csp-evaluator') as Parameters<typeof weakCspFindings>[0];

describe('sarifFindings', () => {
  it('lists every result with its rule and place', () => {
    const sarif = {
      runs: [
        {
          results: [
            { ruleId: 'AUXCLICK_JS_CHECK', message: { text: 'Limit navigation' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'main/window.ts' }, region: { startLine: 18 } } }] },
          ],
        },
      ],
    };
    expect(sarifFindings(sarif)).toEqual([{ rule: 'AUXCLICK_JS_CHECK', file: 'main/window.ts', line: 18, message: 'Limit navigation' }]);
    expect(sarifFindings({ runs: [{ results: [] }] })).toEqual([]);
    expect(() => sarifFindings({})).toThrow(/SARIF/);
  });
});

describe('weakCspFindings', () => {
  it('passes our policy apart from the reviewed items and catches a weak one', () => {
    const ours = weakCspFindings(cspEvaluator, contentSecurityPolicy({ connectOrigins: ['https://hub.example.gov.cn'] }));
    expect(ours.map((f) => `${f.directive} ${f.value}`)).toEqual(["script-src 'self'"]);
    const weak = weakCspFindings(cspEvaluator, "default-src *; script-src 'unsafe-inline' 'unsafe-eval'");
    expect(weak.length).toBeGreaterThan(1);
  });
});
