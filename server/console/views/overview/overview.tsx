// Overview: the success equation, journey funnels, health, contact coverage, open alerts,
// feature adoption, the features that go with success and the campaigns that move the numbers.
import { Fragment } from 'preact';
import { formatDay, formatNumber, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { href } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { AlertList } from '../alerts/alert-list.tsx';
import { Panel, Screen } from '../screen.tsx';
import { Empty, Loaded } from '../status.tsx';
import { CampaignLift } from './campaign-lift.tsx';
import { FeatureAdoption } from './feature-adoption.tsx';
import { FeatureImpactPanel } from './feature-impact.tsx';
import { Funnels } from './funnels.tsx';
import { ContactCoverage, HealthDistribution, NetPromoterScore } from './health-coverage.tsx';
import { SuccessEquation } from './success-equation.tsx';

/** The newest open alerts shown here; the rest are one click away in the feed. */
const OVERVIEW_ALERTS = 6;

export function OverviewScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.overview(), [api]);
  return (
    <Screen title="Overview" lead={resource.status === 'ready' ? `As of ${formatDay(resource.data.asOf)}` : undefined}>
      <Loaded
        resource={resource}
        retry={retry}
        isEmpty={(o) => o.successEquation.customers === 0}
        empty={
          <>
            No accounts yet. They appear once your product calls <code>uptake.group(accountId, traits)</code>; the snippet is under <a href="#/settings">Settings</a>.
          </>
        }
      >
        {(o) => (
          <>
            <SuccessEquation overview={o} />
            <div class="grid two">
              <HealthDistribution health={o.health} />
              <ContactCoverage coverage={o.coverage} />
              <NetPromoterScore nps={o.nps} />
            </div>
            <Panel title={`Open alerts (${formatNumber(o.alerts.open)})`} id="open-alerts" actions={<a href="#/alerts">Alert feed</a>}>
              {o.alerts.byRule.length > 0 && (
                <p class="alert-rules-summary small">
                  <span class="muted">By rule: </span>
                  {o.alerts.byRule.map((r, i) => (
                    <Fragment key={r.rule}>
                      {i > 0 && ' · '}
                      <a href={href(['alerts'], { from: r.rule })}>
                        {humanize(r.rule)} {formatNumber(r.count)}
                      </a>
                    </Fragment>
                  ))}
                </p>
              )}
              {o.alerts.latest.length ? <AlertList alerts={o.alerts.latest.slice(0, OVERVIEW_ALERTS)} onChanged={retry} /> : <Empty>No open alerts.</Empty>}
              {o.alerts.open > OVERVIEW_ALERTS && (
                <p class="muted small">
                  and {formatNumber(o.alerts.open - OVERVIEW_ALERTS)} more in the <a href="#/alerts">alert feed</a>
                </p>
              )}
            </Panel>
            <Funnels funnels={o.funnels} />
            <FeatureAdoption features={o.featureAdoption} />
            <FeatureImpactPanel />
            <CampaignLift />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
