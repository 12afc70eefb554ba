import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('allows only the app itself by default', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(csp).toContain("connect-src 'self';");
  });
  it('adds the hub origin for both polling and websocket', () => {
    const csp = contentSecurityPolicy({ connectOrigins: ['http://127.0.0.1:4781'] });
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4781 ws://127.0.0.1:4781;");
  });
});
