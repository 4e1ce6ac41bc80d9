// One user: where they are on the journey, what they used, their certification progress, and
// what guidance reached them; admins export or erase their data on request.
import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { canAdmin } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { ExportFile } from '../export-file.tsx';
import { Panel, Screen } from '../screen.tsx';
import { Empty, Loaded } from '../status.tsx';
import { EraseDialog } from './erase-dialog.tsx';
import { GuidanceHistory, WouldTheySee } from './user-guidance.tsx';

async function loadUser(id: string) {
  const api = client.value!;
  // Feature names only label the table: without them the keys stand in.
  const [user, features, campaigns] = await Promise.all([api.user(id), api.features.list().catch(() => []), api.campaigns().catch(() => [])]);
  return { ...user, campaigns, featureName: (key: string) => features.find((f) => f.key === key)?.name ?? key };
}

export function UserScreen({ id }: { id: string }) {
  const api = client.value!;
  const [resource, retry] = useResource(() => loadUser(id), [api, id]);
  const user = resource.status === 'ready' ? resource.data : null;
  const name = typeof user?.traits['name'] === 'string' ? (user.traits['name'] as string) : id;
  const [erasing, setErasing] = useState(false);
  return (
    <Screen
      title={name}
      actions={
        user &&
        canAdmin.value && (
          <>
            <ExportFile label="Export data" load={() => client.value!.userExport(user.userId)} filename={`user-${user.userId}.json`} />
            <button type="button" class="danger" onClick={() => setErasing(true)}>
              Erase user…
            </button>
          </>
        )
      }
      lead={
        user?.accountId ? (
          <>
            <a href={`#/accounts/${encodeURIComponent(user.accountId)}`}>{user.accountName ?? user.accountId}</a> › {id}
          </>
        ) : (
          id
        )
      }
    >
      {erasing && user && (
        <EraseDialog
          erasing={{
            name,
            id: user.userId,
            what: 'user',
            explanation: (
              <p>
                For a request to be forgotten. Their traits, feature use, journey stage, certifications, guidance history and survey answers are
                deleted, with the alerts and webhook deliveries that quote them. Their events stay without any id or detail, so the account keeps its
                feature use; its deployment counts one user fewer. This cannot be undone.
              </p>
            ),
            erase: async () => `Erased ${name}: ${formatNumber((await client.value!.eraseUser(user.userId)).events)} events de-identified`,
            then: user.accountId ? `#/accounts/${encodeURIComponent(user.accountId)}` : '#/accounts',
          }}
          onClose={() => setErasing(false)}
        />
      )}
      <Loaded resource={resource} retry={retry}>
        {(u) => (
          <>
            <dl class="metrics">
              <div class="metric">
                <dt>Stage</dt>
                <dd>{u.stage ? humanize(u.stage) : '—'}</dd>
              </div>
              <div class="metric">
                <dt>Key features used</dt>
                <dd>{formatNumber(u.breadth)}</dd>
              </div>
              <div class="metric">
                <dt>First seen</dt>
                <dd>{formatDateTime(u.firstSeen)}</dd>
              </div>
              <div class="metric">
                <dt>Last seen</dt>
                <dd>{formatDateTime(u.lastSeen)}</dd>
              </div>
            </dl>
            <div class="grid two">
              <Panel title="Features used" id="user-features">
                {u.features.length ? (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Feature</th>
                        <th scope="col" class="num">Uses</th>
                        <th scope="col" class="num">Active days</th>
                        <th scope="col">Last used</th>
                      </tr>
                    </thead>
                    <tbody>
                      {u.features.map((f) => (
                        <tr key={f.feature}>
                          <th scope="row">
                            {u.featureName(f.feature)} {u.keyFeaturesUsed.includes(f.feature) && <span class="pill">key</span>}
                          </th>
                          <td class="num">{formatNumber(f.uses)}</td>
                          <td class="num">{formatNumber(f.activeDays)}</td>
                          <td>{formatDateTime(f.lastSeen)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <Empty>No feature used yet.</Empty>
                )}
              </Panel>
              <Panel title="Certification" id="user-certification">
                {Object.values(u.certifications).length ? (
                  Object.values(u.certifications).map((c) => (
                    <div key={c.program} class="certification">
                      <h3>{c.programName}</h3>
                      <p>
                        <strong>{c.levelName ?? 'No level yet'}</strong>
                      </p>
                      {c.next && (
                        <>
                          <p class="muted">Working toward {c.next.name}:</p>
                          <ul class="requirements">
                            {c.next.requirements.map((r) => (
                              <li key={r.label} class={r.done ? 'done' : undefined}>
                                {r.done ? '✓' : '○'} {r.label}{' '}
                                <span class="muted small">
                                  ({formatNumber(r.have)} / {formatNumber(r.need)})
                                </span>
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </div>
                  ))
                ) : (
                  <Empty>No certification programs defined.</Empty>
                )}
              </Panel>
            </div>
            <GuidanceHistory rows={u.guidance} />
            <WouldTheySee userId={u.userId} campaigns={u.campaigns} />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
