/**
 * Times and durations as the board and the detail panel show them. The
 * center keeps Beijing time whatever the workstation's zone (see
 * `shell/clockFormat.ts`), so every formatter pins `Asia/Shanghai`.
 */
import { CENTER_TIME_ZONE } from '../shell/clockFormat';

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: CENTER_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const HM = new Intl.DateTimeFormat('en-GB', { timeZone: CENTER_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** en-CA formats as YYYY-MM-DD. */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: CENTER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `2026-11-26`: the Beijing calendar day of `ms`. */
export function beijingDay(ms: number): string {
  return DAY.format(ms);
}

/** `14:03:12` in Beijing time. */
export function beijingTime(ms: number): string {
  return TIME.format(ms);
}

/** `14:03` in Beijing time. */
export function beijingHm(ms: number): string {
  return HM.format(ms);
}

/** `2026-11-26 14:03:12` in Beijing time. */
export function beijingDateTime(ms: number): string {
  return `${beijingDay(ms)} ${beijingTime(ms)}`;
}

/**
 * The board's time column: always `HH:mm:ss`, plus `MM-DD` when the day is
 * not today (in Beijing), so an overnight alert is never mistaken for a fresh one.
 */
export function boardTime(ms: number, now: number): { time: string; date?: string } {
  const day = beijingDay(ms);
  const time = beijingTime(ms);
  return day === beijingDay(now) ? { time } : { time, date: day.slice(5) };
}

/** Localises a duration unit; the keys are `board.duration.*` in the i18n files. */
export type DurationText = (key: 'seconds' | 'minutes' | 'hoursMinutes' | 'daysHours', values: Record<string, number>) => string;

/**
 * A compact age ("45秒", "12分", "3时05分", "2天4时"): precise when fresh,
 * coarse when old. Negative input (a clock a little ahead) counts as 0.
 */
export function compactDuration(ms: number, text: DurationText): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return text('seconds', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return text('minutes', { m });
  const h = Math.floor(m / 60);
  if (h < 24) return text('hoursMinutes', { h, m: m % 60 });
  return text('daysHours', { d: Math.floor(h / 24), h: h % 24 });
}

/** `3:05:09` / `45:09` (h:mm:ss, minutes:seconds under an hour) for SLA countdowns; the sign is shown by the caller. */
export function clockDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}
