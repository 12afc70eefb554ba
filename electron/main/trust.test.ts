import { describe, expect, it } from 'vitest';
import { appUrlToRelativePath, isAppUrl } from './trust';

describe('isAppUrl', () => {
  it('accepts the app protocol origin only', () => {
    expect(isAppUrl('app://longwatch/index.html')).toBe(true);
    expect(isAppUrl('app://longwatch/incidents/4')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://longwatch/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('accepts the dev server origin when one is given', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });
});

describe('appUrlToRelativePath', () => {
  it('maps files and falls back to index.html for routes', () => {
    expect(appUrlToRelativePath('app://longwatch/assets/index-abc.js')).toBe('assets/index-abc.js');
    expect(appUrlToRelativePath('app://longwatch/')).toBe('index.html');
    expect(appUrlToRelativePath('app://longwatch/wall')).toBe('index.html');
  });

  it('refuses anything that escapes the renderer folder', () => {
    // The URL parser folds dot segments, so this stays inside the folder.
    expect(appUrlToRelativePath('app://longwatch/%2e%2e/%2e%2e/package.json')).toBe('package.json');
    // Decoded once only: a double-encoded dot segment is a literal file name, not a climb.
    expect(appUrlToRelativePath('app://longwatch/assets/%252e%252e/x.js')).toBe('assets/%2e%2e/x.js');
    expect(appUrlToRelativePath('app://longwatch/assets/..%5c..%5csecret.txt')).toBeNull();
    expect(appUrlToRelativePath('app://longwatch/a%00.js')).toBeNull();
    expect(appUrlToRelativePath('app://longwatch/%E0%A4%A.js')).toBeNull();
    expect(appUrlToRelativePath('app://other/index.html')).toBeNull();
  });
});
