/** Connections' dates look like `2019-12-07T18:46:19.5165400`: UTC, seven fractional digits, no Z. */
export const connectionDate = (ms: number): string => `${new Date(ms).toISOString().slice(0, 23)}0000`;

/** The 401 detail Xero sends for an expired token: `token expired at 01/08/2020 22:13:10` (UTC). */
export function expiredAtText(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}
