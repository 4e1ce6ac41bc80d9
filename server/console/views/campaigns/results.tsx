// What a campaign achieved: exposures and reactions, goal conversion of the users (and accounts)
// who saw it against those held out, the lift with its 95 % interval, per account; survey
// answers; and the "why doesn't this user see it?" lookup.
import type { Campaign, CampaignResults } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { client } from '../../state.ts';
import { href } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { SurveyAnswersPanel } from './answers.tsx';
import { ExplainLookup } from './explain.tsx';
import { LiftInterval, liftText, noLiftYet } from './lift-interval.tsx';

type Comparison = NonNullable<CampaignResults['users']>;

function Kpis({ results }: { results: CampaignResults }) {
  const items: [string, number][] = [
    ['Exposures', results.exposures],
    ['Unique users', results.uniqueUsers],
    ['Clicked', results.clicks],
    ['Dismissed', results.dismissals],
    ['Held out', results.heldOut.users],
  ];
  return (
    <dl class="metrics">
      {items.map(([label, value]) => (
        <div class="metric" key={label}>
          <dt>{label}</dt>
          <dd>{formatNumber(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ConversionTable({ comparison, unit }: { comparison: Comparison; unit: 'Users' | 'Accounts' }) {
  const row = (label: string, g: Comparison['exposed']) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">{formatNumber(g.users)}</td>
      <td class="num">{formatNumber(g.converted)}</td>
      <td class="num">{formatPercent(g.rate, true)}</td>
    </tr>
  );
  return (
    <table class="conversion">
      <caption>{unit} as the unit</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" class="num">{unit}</th>
          <th scope="col" class="num">Reached the goal</th>
          <th scope="col" class="num">Conversion</th>
        </tr>
      </thead>
      <tbody>
        {row('Saw it', comparison.exposed)}
        {row('Held out', comparison.heldOut)}
      </tbody>
    </table>
  );
}

export function LiftSummary({ comparison, unit }: { comparison: Comparison; unit: 'user' | 'account' }) {
  const { lift } = comparison;
  if (lift.absolute.estimate === null) return <p class="muted">{noLiftYet(comparison, unit)}</p>;
  return (
    <div class="lift-summary">
      <LiftInterval interval={lift.absolute} significant={lift.significant} width={320} label={`Lift per ${unit}`} />
      <p>
        <strong>{liftText(lift.absolute)}</strong> absolute ·{' '}
        {lift.relative.estimate === null ? (
          // A ratio to a held-out rate of zero has no value, however long the campaign runs.
          <span class="muted">no relative lift while no held-out {unit} reached the goal</span>
        ) : (
          <>
            <strong>{liftText(lift.relative, true)}</strong> relative
          </>
        )}
        <br />
        <span class={lift.significant ? (lift.absolute.estimate > 0 ? 'good' : 'bad') : 'muted'}>
          {lift.significant ? (lift.absolute.estimate > 0 ? 'It helps: the 95 % interval is above zero.' : 'It hurts: the 95 % interval is below zero.') : 'Not significant yet: the 95 % interval includes zero.'}
        </span>
      </p>
    </div>
  );
}

function PerAccount({ rows }: { rows: CampaignResults['perAccount'] }) {
  if (!rows.length) return <p class="empty">No account has seen it or been held out yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col" class="num">Users who saw it</th>
            <th scope="col" class="num">Converted</th>
            <th scope="col" class="num">Held out</th>
            <th scope="col" class="num">Converted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.accountId}>
              <th scope="row">
                <a href={href(['accounts', r.accountId])}>{r.name ?? r.accountId}</a>
              </th>
              <td class="num">{formatNumber(r.exposed.users)}</td>
              <td class="num">{r.exposed.users ? formatPercent(r.exposed.rate) : '—'}</td>
              <td class="num">{formatNumber(r.heldOut.users)}</td>
              <td class="num">{r.heldOut.users ? formatPercent(r.heldOut.rate) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResultsBody({ campaign, results }: { campaign: Campaign; results: CampaignResults }) {
  return (
    <>
      <Kpis results={results} />
      <Panel title="Goal conversion and lift" id="campaign-lift">
        {!results.goal ? (
          <p class="empty">
            No goal set, so there is nothing to compare. <a href={href(['campaigns', campaign.id])}>Set a goal and a holdout</a> to measure lift.
          </p>
        ) : (
          <>
            <p class="muted">Goal: {results.goal.description}. Holdout: {campaign.holdoutPercent} % of the audience.</p>
            <div class="grid two">
              {results.users && (
                <div>
                  <ConversionTable comparison={results.users} unit="Users" />
                  <LiftSummary comparison={results.users} unit="user" />
                </div>
              )}
              {results.accounts && (
                <div>
                  <ConversionTable comparison={results.accounts} unit="Accounts" />
                  <LiftSummary comparison={results.accounts} unit="account" />
                </div>
              )}
            </div>
          </>
        )}
      </Panel>
      <Panel title="Per account" id="campaign-accounts">
        <PerAccount rows={results.perAccount} />
      </Panel>
    </>
  );
}

export function CampaignResultsScreen({ id }: { id: string }) {
  const api = client.value!;
  const [resource, retry] = useResource(() => Promise.all([api.campaign(id), api.campaignResults(id)]), [api, id]);
  const name = resource.status === 'ready' ? resource.data[0].name : 'Campaign';
  return (
    <Screen
      title={`${name}: results`}
      lead="Only a message really rendered counts as an exposure."
      actions={
        <>
          <a href={href(['campaigns'])}>All campaigns</a>
          <a href={href(['campaigns', id])}>Edit</a>
          <button type="button" class="secondary small" onClick={retry}>
            Refresh
          </button>
        </>
      }
    >
      <Loaded resource={resource} retry={retry} loading="Counting…">
        {([campaign, results]) => (
          <>
            <ResultsBody campaign={campaign} results={results} />
            {campaign.kind === 'survey' && <SurveyAnswersPanel campaign={campaign} />}
            <ExplainLookup campaign={campaign} />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
