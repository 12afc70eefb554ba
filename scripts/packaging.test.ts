/**
 * The installer configuration is checked against electron-builder's own
 * schema (the builder itself cannot run offline: it downloads Electron), and
 * the icons it names exist at the sizes the desktops use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
// ajv and js-yaml as electron-builder itself resolves them.
const fromBuilder = createRequire(join(root, 'node_modules/app-builder-lib/package.json'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const Ajv = fromBuilder('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, { target?: string[]; icon?: string }>;

  it('is valid for electron-builder', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? null, JSON.stringify(validate.errors)).toBeNull();
    expect(ok).toBe(true);
  });

  it('builds AppImage and deb for Linux and NSIS for Windows, with icons that exist', () => {
    expect(config['linux']?.target).toEqual(['AppImage', 'deb']);
    expect(config['win']?.target).toEqual(['nsis']);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, `resources/icons/png/${size}x${size}.png`)), `${size}`).toBe(true);
    expect(existsSync(join(root, config['win']?.icon ?? 'missing'))).toBe(true);
  });
});
