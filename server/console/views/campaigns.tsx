// The workspace's campaigns with their status and audience.
import type { Client } from '../api.ts';
import { useResource } from '../use-resource.ts';
import { formatDate, Loaded } from './status.tsx';

export function Campaigns({ client }: { client: Client }) {
  const [resource, retry] = useResource(() => client.campaigns(), [client]);
  return (
    <section aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Campaigns</h2>
      <Loaded resource={resource} retry={retry}>
        {({ campaigns }) =>
          campaigns.length === 0 ? (
            <p class="muted">No campaigns yet. Create one with POST /api/v1/campaigns.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Status</th>
                  <th class="num">Priority</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.name}
                      <div class="muted">{c.content.title}</div>
                    </td>
                    <td>{c.kind}</td>
                    <td>
                      <span class={`pill ${c.status}`}>{c.status}</span>
                    </td>
                    <td class="num">{c.priority}</td>
                    <td>{formatDate(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
