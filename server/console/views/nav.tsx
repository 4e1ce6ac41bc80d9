// The console's sections, in the order a CS team works: see, act, then configure.
import { screen } from '../state/route.ts';

export const SECTIONS = [
  { screen: 'overview', label: 'Overview' },
  { screen: 'accounts', label: 'Accounts' },
  { screen: 'users', label: 'Users' },
  { screen: 'campaigns', label: 'Campaigns' },
  { screen: 'features', label: 'Features' },
  { screen: 'journeys', label: 'Journeys' },
  { screen: 'health', label: 'Health score' },
  { screen: 'tiers', label: 'Tiers' },
  { screen: 'certifications', label: 'Certification' },
  { screen: 'alerts', label: 'Alerts & webhooks' },
  { screen: 'settings', label: 'Settings' },
] as const;

export function Nav() {
  const current = screen.value;
  return (
    <nav aria-label="Sections" class="nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.screen}>
            <a href={`#/${s.screen}`} aria-current={current === s.screen ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
