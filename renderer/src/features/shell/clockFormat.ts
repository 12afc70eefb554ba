/**
 * The command center keeps Beijing time (UTC+8) whatever the workstation's
 * own time zone is, so every desk and every log reads the same clock.
 */
export const CENTER_TIME_ZONE = 'Asia/Shanghai';

export interface ClockParts {
  date: string;
  weekday: string;
  time: string;
}

const cache = new Map<string, Intl.DateTimeFormat[]>();

function formats(locale: string): Intl.DateTimeFormat[] {
  let f = cache.get(locale);
  if (!f) {
    f = [
      new Intl.DateTimeFormat('en-CA', { timeZone: CENTER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
      new Intl.DateTimeFormat(locale, { timeZone: CENTER_TIME_ZONE, weekday: 'short' }),
      new Intl.DateTimeFormat('en-GB', { timeZone: CENTER_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    ];
    cache.set(locale, f);
  }
  return f;
}

/** `{date: '2026-11-26', weekday: '周四', time: '19:52:03'}` in Beijing time. */
export function clockParts(at: Date, locale: string): ClockParts {
  const [date, weekday, time] = formats(locale);
  return { date: date!.format(at), weekday: weekday!.format(at), time: time!.format(at) };
}
