// Dates relative to the sandbox's "today", so the record never goes stale.
// Everything is UTC; times of day are given explicitly.

const DAY_MS = 86_400_000;

export class Clock {
  /** Midnight UTC of today. */
  readonly midnight: number;

  constructor(readonly today: Date) {
    this.midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  }

  /** `YYYY-MM-DDThh:mm:ssZ`, `days` before today at the given time (negative days are in the future). */
  daysAgo(days: number, time = '09:00'): string {
    return instant(this.midnight - days * DAY_MS + timeMs(time));
  }

  /** `YYYY-MM-DD`, `days` before today. */
  dateDaysAgo(days: number): string {
    return isoDate(this.midnight - days * DAY_MS);
  }

  /** Calendar months before today (day clamped to the month's length). */
  monthsAgo(months: number, time = '09:00'): string {
    return instant(this.#monthsBack(months) + timeMs(time));
  }

  dateMonthsAgo(months: number): string {
    return isoDate(this.#monthsBack(months));
  }

  yearsAgo(years: number, time = '09:00'): string {
    return this.monthsAgo(years * 12, time);
  }

  /** An exact instant `minutes` before `today` itself (not midnight): for what is happening now. */
  minutesAgo(minutes: number): string {
    return instant(Math.floor(this.today.getTime() / 60_000) * 60_000 - minutes * 60_000);
  }

  /** Milliseconds since the epoch of an instant `days` (fractional) before today's midnight. */
  msDaysAgo(days: number): number {
    return this.midnight - days * DAY_MS;
  }

  #monthsBack(months: number): number {
    const d = new Date(this.midnight);
    const target = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
    const year = Math.floor(target / 12);
    const month = target - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay));
  }
}

export function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds days to an ISO date or instant, keeping its form. */
export function plusDays(iso: string, days: number): string {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) + days * DAY_MS;
  return iso.length === 10 ? isoDate(ms) : instant(ms);
}

/** Adds minutes to an instant. */
export function plusMinutes(iso: string, minutes: number): string {
  return instant(Date.parse(iso) + minutes * 60_000);
}

function timeMs(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}
