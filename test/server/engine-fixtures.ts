// Plain inputs for the pure engine: a profile, a campaign with every default filled in, a
// visitor's state and a decision input, each overridable field by field.
import type { Profile, ProfileAnalytics } from '../../server/engine/profile.ts';
import {
  type AccountCapState, type CampaignState, type DecisionInput, EMPTY_STATE, NEVER_SEEN, NO_ACCOUNT_SHOWS, type ThrottleState,
} from '../../server/engine/visitor-state.ts';
import { type Campaign, campaignInput } from '../../server/protocol/campaign.ts';
import type { z } from 'zod';

export const NOW = '2026-11-20T12:00:00.000Z';
export const PAGE = 'https://app.example/home';
export const hoursBefore = (hours: number, from = NOW) => new Date(Date.parse(from) - hours * 3_600_000).toISOString();
export const hoursAfter = (hours: number, from = NOW) => new Date(Date.parse(from) + hours * 3_600_000).toISOString();

export const use = (count: number, lastSeen = '2026-11-19T00:00:00.000Z') => ({ count, firstSeen: '2026-11-01T00:00:00.000Z', lastSeen, activeDays: 2 });

export const profile = (over: Partial<Profile> = {}): Profile => ({
  visitorId: 'u1',
  userId: 'u1',
  accountId: 'a1',
  userTraits: { role: 'Receptionist' },
  accountTraits: { plan: 'pro', seats: 12 },
  userFeatures: {},
  accountFeatures: { appointments: use(3) },
  ...over,
});

export const analytics = (over: Partial<ProfileAnalytics> = {}): ProfileAnalytics => ({
  userStage: 'onboarded',
  accountStage: 'adopted',
  healthColour: 'yellow',
  seatTier: 'B',
  score: null,
  tenureTier: 'c',
  certifications: {
    scheduling: { program: 'scheduling', programName: 'Scheduling', level: 2, levelName: 'Practitioner', next: { level: 1, name: 'Expert', requirements: [{ label: 'Use reminders', done: false, have: 0, need: 5 }] } },
  },
  ...over,
});

let ids = 0;

/** A live tooltip for everyone on every page unless told otherwise, parsed so defaults apply. */
export function campaign(over: Partial<z.input<typeof campaignInput>> & { id?: string; updatedAt?: string; version?: number } = {}): Campaign {
  const { id = `c${++ids}`, updatedAt = '2026-11-01T00:00:00.000Z', version = 1, ...input } = over;
  const parsed = campaignInput.parse({
    name: id,
    kind: 'tooltip',
    status: 'live',
    anchor: { selector: '#x' },
    content: { title: `title of ${id}` },
    ...input,
  });
  return { ...parsed, id, version, createdAt: '2026-11-01T00:00:00.000Z', updatedAt };
}

export const state = (over: Partial<CampaignState> = {}): CampaignState => ({ ...NEVER_SEEN, ...over });
export const accountCap = (over: Partial<AccountCapState> = {}): AccountCapState => ({ ...NO_ACCOUNT_SHOWS, ...over });

export interface InputOver {
  profile?: Profile;
  url?: string;
  device?: 'desktop' | 'tablet' | 'mobile';
  locale?: string;
  states?: Record<string, Partial<CampaignState>>;
  accountCaps?: Record<string, Partial<AccountCapState>>;
  throttle?: ThrottleState | null;
  globalHoldoutPercent?: number;
  throttleHours?: number;
  showing?: string[];
  start?: string;
}

export function input(over: InputOver = {}): DecisionInput {
  return {
    profile: over.profile ?? profile(),
    view: { now: NOW, url: 'url' in over ? over.url : PAGE, device: over.device, locale: over.locale },
    state: {
      campaigns: new Map(Object.entries(over.states ?? {}).map(([id, s]) => [id, state(s)])),
      accountCaps: new Map(Object.entries(over.accountCaps ?? {}).map(([id, c]) => [id, accountCap(c)])),
      throttle: over.throttle ?? EMPTY_STATE.throttle,
    },
    settings: { globalHoldoutPercent: over.globalHoldoutPercent ?? 0, throttleHours: over.throttleHours ?? 0 },
    showing: new Set(over.showing ?? []),
    start: over.start,
  };
}
