import { formatDay } from '../common/dates.js';
import type { Organisation } from '../common/tenancy.js';

const STATUS_LABELS: Record<Organisation['status'], { label: string; badge: string }> = {
  connected: { label: 'Connected', badge: 'badge-ok' },
  disconnected: { label: 'Disconnected', badge: 'badge-bad' },
  needs_reconnect: { label: 'Token expired: reconnect', badge: 'badge-warn' },
};

function ago(date: Date | null, now: Date): string {
  if (!date) return 'Never';
  const minutes = Math.round((now.getTime() - date.getTime()) / 60000);
  if (minutes < 1) return 'Just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return formatDay(date);
}

export function organisationsView(organisations: Organisation[], now: Date) {
  return {
    rows: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      shortCode: o.shortCode ?? '',
      currency: o.baseCurrency ?? '',
      country: o.countryCode ?? '',
      status: STATUS_LABELS[o.status].label,
      badge: STATUS_LABELS[o.status].badge,
      connected: o.status === 'connected',
      disconnected: o.status === 'disconnected',
      lastSuccess: ago(o.lastXeroSuccessAt, now),
      lastSuccessIso: o.lastXeroSuccessAt?.toISOString() ?? '',
    })),
  };
}
