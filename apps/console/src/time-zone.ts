// the front door's time zone, as the api gives it (GET /api/auth/me `timeZone`, from
// config/calendar.yml): every date and time the console shows is in it, wherever the browser is
let zone: string | undefined;
const formats = new Map<string, Intl.DateTimeFormat>();

export function setTimeZone(value: string): void {
  if (value === zone) return;
  zone = value;
  formats.clear();
}

// before sign-in nothing dated is shown; the browser's own zone stands in until /me answers
export function timeZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// an en-GB format in the front door's zone, made once per zone
export function zoned(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${timeZone()}|${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timeZone() });
    formats.set(id, format);
  }
  return format;
}

// minutes the zone is ahead of UTC at an instant (+60 for London in summer)
function offsetMinutes(at: number): number {
  const name =
    zoned('offset', { timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0; // "GMT" alone: no offset
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

// the instant of a wall-clock date and time where the front door is ("2026-03-29", "09:30"),
// plus `days` on: what a date and time typed in the console mean. Two passes settle a time
// near a change of the clocks on the offset in force at it.
export function instantAt(date: string, time = '00:00', days = 0): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day + days, hour, minute);
  const first = wall - offsetMinutes(wall) * 60_000;
  return new Date(wall - offsetMinutes(first) * 60_000);
}
