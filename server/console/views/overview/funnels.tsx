// How far accounts and users got along each journey: a bar per stage, as a share of everyone in it.
import type { Overview } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { Panel } from '../screen.tsx';

type Step = Overview['funnels'][number]['accounts'][number];

function Funnel({ title, steps, journey, linkStages }: { title: string; steps: Step[]; journey: string; linkStages: boolean }) {
  const everyone = steps[0]?.reached ?? 0;
  return (
    <div class="funnel">
      <h4>{title}</h4>
      <ol>
        {steps.map((s) => {
          const share = everyone ? s.reached / everyone : 0;
          return (
            <li key={s.stage}>
              <div class="funnel-label">
                {linkStages ? <a href={`#/accounts?journey=${encodeURIComponent(journey)}&stage=${encodeURIComponent(s.stage)}`}>{s.name}</a> : <span>{s.name}</span>}
                <span class="muted small">
                  {formatNumber(s.reached)} reached · {formatNumber(s.at)} here
                </span>
              </div>
              <div class="bar" role="img" aria-label={`${formatPercent(share)} reached ${s.name}`}>
                <span style={{ width: `${Math.round(share * 100)}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function Funnels({ funnels }: { funnels: Overview['funnels'] }) {
  return (
    <Panel title="Adoption journey funnels">
      {funnels.map((f) => (
        <div key={f.journey} class="journey-funnels">
          <h3>{f.name}</h3>
          <div class="grid two">
            <Funnel title="Accounts" steps={f.accounts} journey={f.journey} linkStages />
            <Funnel title="Users" steps={f.users} journey={f.journey} linkStages={false} />
          </div>
        </div>
      ))}
    </Panel>
  );
}
