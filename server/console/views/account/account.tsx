// One account in detail: its numbers, users with stage and certification, which key features
// each used, health over time with its components, and what happened (touches, alerts, changes).
import { useState } from 'preact/hooks';
import { formatNumber, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { canAdmin, canEdit } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { TouchDialog } from '../accounts/touch-dialog.tsx';
import { AlertList } from '../alerts/alert-list.tsx';
import { ExportFile } from '../export-file.tsx';
import { Panel, Screen } from '../screen.tsx';
import { Empty, Loaded } from '../status.tsx';
import { EraseDialog } from './erase-dialog.tsx';
import { HealthChart, HealthComponents } from './health-chart.tsx';
import { AccountMetrics } from './metrics.tsx';
import { buildTimeline, Timeline } from './timeline.tsx';
import { AdoptionGrid, UsersTable } from './users.tsx';

async function loadAccount(id: string) {
  const api = client.value!;
  // Campaign names only label the timeline: a console without them still shows the account.
  const [detail, features, health, journeys, campaigns] = await Promise.all([
    api.account(id), api.features.list(), api.health.get(), api.journeys.list(), api.campaigns().catch(() => []),
  ]);
  return { detail, features, health, journeys, campaigns };
}

/** What the product's group() calls (and a CRM sync) say about the account, name aside (it is the title). */
function Traits({ traits }: { traits: Record<string, unknown> }) {
  const shown = Object.entries(traits).filter(([key]) => key !== 'name');
  if (!shown.length) return <Empty>No traits: the product's uptake.group(accountId, traits) call sets them.</Empty>;
  return (
    <dl class="traits">
      {shown.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AccountScreen({ id }: { id: string }) {
  const api = client.value!;
  const [resource, retry] = useResource(() => loadAccount(id), [api, id]);
  const [touching, setTouching] = useState(false);
  const [erasing, setErasing] = useState(false);
  const detail = resource.status === 'ready' ? resource.data.detail : null;
  const name = detail?.account.name ?? id;
  return (
    <Screen
      title={name}
      lead={
        <>
          <a href="#/accounts">Accounts</a> › {id}
        </>
      }
      actions={
        detail && (
          <>
            {canAdmin.value && (
              <>
                <ExportFile label="Export data" load={() => api.accountExport(id)} filename={`account-${id}.json`} />
                <button type="button" class="danger" onClick={() => setErasing(true)}>
                  Erase account…
                </button>
              </>
            )}
            {canEdit.value && (
              <button type="button" onClick={() => setTouching(true)}>
                Log a touch
              </button>
            )}
          </>
        )
      }
    >
      <Loaded resource={resource} retry={retry}>
        {({ detail, features, health, journeys, campaigns }) => {
          const journey = journeys.find((j) => j.key === detail.account.journey);
          const stageName = (stage: string) => journey?.stages.find((s) => s.key === stage)?.name ?? humanize(stage);
          const openAlerts = detail.alerts.filter((a) => a.status !== 'resolved');
          return (
            <>
              <AccountMetrics account={detail.account} stageName={`${stageName(detail.account.stage)}${journey ? ` (${journey.name})` : ''}`} />
              {openAlerts.length > 0 && (
                <Panel title="Open alerts" id="account-alerts">
                  <AlertList alerts={openAlerts} onChanged={retry} showSubject={false} />
                </Panel>
              )}
              <div class="grid two">
                <Panel title="Health history" id="health-history">
                  <HealthChart history={detail.history} thresholds={health.thresholds} />
                  <HealthComponents components={detail.account.health.components} />
                </Panel>
                <Panel title="Timeline" id="timeline">
                  <Timeline
                    entries={buildTimeline(detail, stageName, {
                      feature: (key) => features.find((f) => f.key === key)?.name ?? key,
                      campaign: (cid) => campaigns.find((c) => c.id === cid)?.name ?? cid,
                      user: (uid) => detail.users.find((u) => u.userId === uid)?.name ?? uid,
                    })}
                  />
                </Panel>
              </div>
              <Panel title={`Users (${detail.users.length})`} id="users">
                {detail.users.length ? <UsersTable users={detail.users} stageName={stageName} /> : <Empty>No users seen in this account yet.</Empty>}
              </Panel>
              <Panel title="Key feature adoption" id="adoption">
                {detail.users.length ? <AdoptionGrid users={detail.users} keyFeatures={features.filter((f) => f.isKey)} /> : <Empty>No users yet.</Empty>}
              </Panel>
              <Panel title="Traits" id="traits">
                <Traits traits={detail.traits} />
              </Panel>
            </>
          );
        }}
      </Loaded>
      {erasing && detail && (
        <EraseDialog
          erasing={{
            name,
            id,
            what: 'account',
            explanation: (
              <p>
                For a customer who left and asked for their data to go. Its people who belong to no other account are erased with it (traits, feature
                use, certifications, guidance history, survey answers); people who also work elsewhere keep their data and lose this membership. Its
                metrics, health history, CS touches, alerts and feature use are deleted; its events stay only as bare ids. This cannot be undone.
              </p>
            ),
            erase: async () => {
              const erased = await api.eraseAccount(id);
              return `Erased ${name}, with ${formatNumber(erased.usersErased.length)} of its users`;
            },
            then: '#/accounts',
          }}
          onClose={() => setErasing(false)}
        />
      )}
      {touching && detail && <TouchDialog account={{ accountId: detail.account.accountId, name }} onClose={() => setTouching(false)} onLogged={retry} />}
    </Screen>
  );
}
