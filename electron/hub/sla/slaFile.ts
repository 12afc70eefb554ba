/**
 * SLA files (`resources/sla.json`, or one given with `--sla FILE`): read and
 * checked with `slaConfigSchema`, with a message that names the file and the
 * field when something is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { slaConfigSchema, type SlaConfig } from '@shared/domain/sla';
import type { Loaded } from '../config';

export function loadSlaFile(file: string): Loaded<SlaConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, error: `SLA file ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = slaConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `SLA file ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The center's `resources/sla.json`, found from the sources (`electron/hub/sla`),
 * from the build (`out/main` or its `chunks`), or under the working folder.
 */
export function defaultSlaFile(): string | undefined {
  const candidates = ['../../../resources/sla.json', '../../resources/sla.json'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  candidates.push(join(process.cwd(), 'resources', 'sla.json'));
  return candidates.find((c) => existsSync(c));
}

/**
 * The SLA a demo hub or web host runs with: `file` if given (an error if it
 * is bad), else the center's file, else the built-in defaults.
 */
export function slaForDemo(file: string | undefined): Loaded<SlaConfig | undefined> {
  const path = file ?? defaultSlaFile();
  if (path === undefined) return { ok: true, value: undefined };
  return loadSlaFile(path);
}

/**
 * How often to look for deadlines that ran out: every 5 s, or a tenth of the
 * shortest deadline when that is shorter (a test SLA of 0.1 minutes), never
 * more often than every 0.5 s.
 */
export function checkSecondsFor(sla: SlaConfig): number {
  const minutes = Object.values(sla.levels).flatMap((l) => [l.acknowledgeMinutes, l.resolveMinutes]);
  for (const byLevel of Object.values(sla.domainOverrides)) {
    for (const o of Object.values(byLevel ?? {})) if (o?.acknowledgeMinutes !== undefined) minutes.push(o.acknowledgeMinutes);
  }
  if (sla.escalateAfterReminderMinutes > 0) minutes.push(sla.escalateAfterReminderMinutes);
  return Math.max(0.5, Math.min(5, (Math.min(...minutes) * 60) / 10));
}
