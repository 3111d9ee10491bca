/**
 * Repeating invoice schedules: the next bill date and each bill's due date, as Xero computes them.
 * Dates are calendar dates `YYYY-MM-DD`. Pure.
 */
export type ScheduleUnit = 'WEEKLY' | 'MONTHLY';

function parts(date: string): [number, number, number] {
  const [y = 0, m = 1, d = 1] = date.slice(0, 10).split('-').map(Number);
  return [y, m, d];
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `start` advanced by `n` periods; monthly steps keep the start's day, clamped to the month's end. */
export function advance(start: string, period: number, unit: ScheduleUnit, n: number): string {
  const [y, m, d] = parts(start);
  if (unit === 'WEEKLY') return format(Date.UTC(y, m - 1, d + 7 * period * n));
  const monthIndex = m - 1 + period * n;
  const year = y + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  return format(Date.UTC(year, month - 1, Math.min(d, daysInMonth(year, month))));
}

export function dueDate(billDate: string, dueDay: number, dueDateType: string): string {
  const [y, m, d] = parts(billDate);
  switch (dueDateType) {
    case 'DAYSAFTERBILLMONTH':
    case 'DAYSAFTERINVOICEMONTH':
      return format(Date.UTC(y, m - 1, daysInMonth(y, m) + dueDay));
    case 'OFCURRENTMONTH':
      return format(Date.UTC(y, m - 1, Math.min(Math.max(dueDay, 1), daysInMonth(y, m))));
    case 'OFFOLLOWINGMONTH': {
      const ny = m === 12 ? y + 1 : y;
      const nm = m === 12 ? 1 : m + 1;
      return format(Date.UTC(ny, nm - 1, Math.min(Math.max(dueDay, 1), daysInMonth(ny, nm))));
    }
    default:
      return format(Date.UTC(y, m - 1, d + dueDay));
  }
}
