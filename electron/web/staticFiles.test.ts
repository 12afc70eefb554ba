import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './staticFiles';

const root = '/srv/renderer';

describe('resolveStaticPath', () => {
  it('serves files below the root and routes to index.html', () => {
    expect(resolveStaticPath(root, '/assets/a.js?v=1')).toBe('/srv/renderer/assets/a.js');
    expect(resolveStaticPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticPath(root, '/wall')).toBe('/srv/renderer/index.html');
  });
  it('never escapes the root', () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fsecret.js', '/a%00.js', '/%E0%A4%A']) {
      const resolved = resolveStaticPath(root, p);
      expect(resolved === null || resolved.startsWith('/srv/renderer/')).toBe(true);
    }
  });
});
