// A small event log whose every metric was computed by hand (see the comments), shared by the
// analytics tests. "Today" is 2026-11-20 (UTC); the 30-day window starts 2026-10-22, the 7-day
// window 2026-11-14.
import type { IngestItem, Store } from '../../server/store/store.ts';
import type { TrackedEvent } from '../../server/protocol/events.ts';

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const YESTERDAY = new Date('2026-11-19T12:00:00.000Z');

export const FEATURES = [
  { key: 'appointments', name: 'Appointments', description: '', isKey: true, rule: { type: 'event', event: 'Appointment Booked' } },
  { key: 'patients', name: 'Patients', description: '', isKey: true, rule: { type: 'event', event: 'Patient Added' } },
  { key: 'reminders', name: 'Reminders', description: '', isKey: true, rule: { type: 'event', event: 'Reminder Scheduled' } },
  { key: 'payments', name: 'Payments', description: '', isKey: true, rule: { type: 'event', event: 'Payment Collected' } },
  { key: 'messages', name: 'Messages', description: '', isKey: false, rule: { type: 'event', event: 'Message Sent' } },
] as const;

let n = 0;
function item(event: Record<string, unknown>, features: string[] = []): IngestItem {
  const full = { messageId: `fx-${++n}`, context: {}, properties: {}, traits: {}, ...event } as unknown as TrackedEvent;
  return { event: full, timestamp: new Date(String(event['timestamp'])).toISOString(), receivedAt: NOW.toISOString(), features, verified: null };
}
const use = (userId: string, groupId: string, feature: string, timestamp: string) =>
  item({ type: 'track', userId, groupId, event: feature, timestamp }, [feature]);

export function fixtureLog(): IngestItem[] {
  const items: IngestItem[] = [
    // Big Clinic: 4 seats, contract 12 months old today → tenure d.
    item({ type: 'group', userId: 'u1', groupId: 'big', timestamp: '2026-09-01T09:00:00Z', traits: { name: 'Big Clinic', seats: 4, contractStart: '2025-11-20', industry: 'dental' } }),
    // Small Clinic: no seats trait; contract 2026-08-21 → 2 whole months → tenure a.
    item({ type: 'group', userId: 'u4', groupId: 'small', timestamp: '2026-09-15T09:00:00Z', traits: { name: 'Small Clinic', contractStart: '2026-08-21' } }),
    // Empty Clinic: only an anonymous visitor, so no users; contract 2026-07-20 → exactly 4 months → tenure b.
    item({ type: 'group', anonymousId: 'anon-1', groupId: 'empty', timestamp: '2026-11-10T09:00:00Z', traits: { name: 'Empty Clinic', seats: 10, contractStart: '2026-07-20' } }),
  ];
  // u1: appointments on the 8 days 11-13…11-20, and the other three key features on 11-20:
  // breadth 4 and 8 active days in 30 → champion.
  for (let d = 13; d <= 20; d++) items.push(use('u1', 'big', 'appointments', `2026-11-${d}T10:00:00Z`));
  for (const f of ['patients', 'reminders', 'payments']) items.push(use('u1', 'big', f, '2026-11-20T08:00:00Z'));
  // u2: three key features on 11-19 → adopted.
  for (const f of ['appointments', 'patients', 'reminders']) items.push(use('u2', 'big', f, '2026-11-19T10:00:00Z'));
  // u3: appointments once on 11-01 → onboarded; a page view at 02:00 on 11-14 in UTC+5, which
  // is 11-13 21:00 UTC: outside the 7-day window although it is the 14th locally.
  items.push(use('u3', 'big', 'appointments', '2026-11-01T10:00:00Z'));
  items.push(item({ type: 'page', userId: 'u3', groupId: 'big', name: 'Home', timestamp: '2026-11-14T02:00:00+05:00' }));
  // u4: appointments on 10-01 only (50 days ago) → onboarded, inactive.
  items.push(use('u4', 'small', 'appointments', '2026-10-01T10:00:00Z'));
  return items;
}

export async function loadFixture(store: Store, ws: string) {
  for (const f of FEATURES) await store.saveFeature(ws, { ...f, rule: { ...f.rule } });
  await store.ingest(ws, fixtureLog());
}
