// An account's users: their journey stage and certification level, and which key features each used.
import type { AccountUser, CertificationProgress, Feature } from '../../api.ts';
import { TimeAgo } from '../time-ago.tsx';
import { UserCell } from '../user-cell.tsx';

/** "Level 2 · Practice pro" of each program the user is in, or "—". */
export function certificationSummary(certifications: Record<string, CertificationProgress>): string {
  const levels = Object.values(certifications).filter((c) => c.level !== null);
  return levels.length ? levels.map((c) => c.levelName ?? `Level ${c.level}`).join(', ') : '—';
}

export function UsersTable({ users, stageName }: { users: AccountUser[]; stageName: (stage: string) => string }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Stage</th>
            <th scope="col">Certification</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.userId}>
              <UserCell userId={u.userId} name={u.name} />
              <td>{stageName(u.stage)}</td>
              <td>{certificationSummary(u.certifications)}</td>
              <td>
                <TimeAgo at={u.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Users × key features: a tick where the user used the feature. */
export function AdoptionGrid({ users, keyFeatures }: { users: AccountUser[]; keyFeatures: Pick<Feature, 'key' | 'name'>[] }) {
  if (!keyFeatures.length) return <p class="empty">No key features defined: mark the features that matter as key under <a href="#/features">Features</a>.</p>;
  return (
    <div class="table-wrap">
      <table class="grid-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            {keyFeatures.map((f) => (
              <th key={f.key} scope="col" class="center">
                {f.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.userId}>
              <th scope="row">{u.name ?? u.userId}</th>
              {keyFeatures.map((f) => {
                const used = u.keyFeaturesUsed.includes(f.key);
                return (
                  <td key={f.key} class={`center ${used ? 'used' : 'unused'}`}>
                    <span aria-hidden="true">{used ? '●' : '○'}</span>
                    <span class="sr-only">{used ? 'used' : 'not used'}</span>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr class="totals">
            <th scope="row">Users</th>
            {keyFeatures.map((f) => (
              <td key={f.key} class="center">
                {users.filter((u) => u.keyFeaturesUsed.includes(f.key)).length} / {users.length}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

