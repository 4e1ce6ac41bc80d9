// Which features go with success: for each feature, how often accounts that use it reach the
// chosen outcome against accounts that do not, and a way to nudge the accounts without it (a new
// campaign aimed at them, with the feature as its goal and a holdout to measure the nudge). The
// outcome lives in the address (#/overview?outcome=trait&trait=renewed&value=true) to share it.
import { useEffect, useState } from 'preact/hooks';
import type { FeatureImpact as Impact, FeatureImpactQuery, TraitChoice } from '../../api.ts';
import { formatNumber, formatPercent, formatPoints } from '../../format.ts';
import { client } from '../../state.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Empty, Loaded } from '../status.tsx';

const OUTCOMES = [
  { value: 'adopted', label: 'reached the adopted stage' },
  { value: 'green', label: 'have green health' },
  { value: 'trait', label: 'have an account trait…' },
] as const;

/** "reached the adopted stage", "have green health", "have renewed = true". */
const outcomeText = (q: FeatureImpactQuery) => (q.outcome === 'trait' ? `have ${q.trait} = ${q.value}` : OUTCOMES.find((o) => o.value === q.outcome)!.label);

/** The outcome asked for in the address; adoption when none (or a trait without its name). */
function impactQuery(query: URLSearchParams): FeatureImpactQuery {
  const outcome = query.get('outcome');
  const trait = query.get('trait');
  if (outcome === 'trait' && trait) return { outcome, trait, value: query.get('value') ?? '' };
  return { outcome: outcome === 'green' ? 'green' : 'adopted' };
}

const show = (q: FeatureImpactQuery) => navigate(href(['overview'], { ...q }), { replace: true });

const ratioText = (x: number | null) => (x === null ? '—' : `${x >= 10 ? Math.round(x) : x.toFixed(1)}×`);

/** Picks the outcome; a trait is named and valued in two fields (suggesting the accounts' own) and applied with Compare. */
function OutcomePicker({ query, traits }: { query: FeatureImpactQuery; traits: readonly TraitChoice[] }) {
  const [outcome, setOutcome] = useState<FeatureImpactQuery['outcome']>(query.outcome);
  const [trait, setTrait] = useState(query.trait ?? '');
  const [value, setValue] = useState(query.value ?? '');
  const values = traits.find((t) => t.key === trait.trim())?.values ?? [];
  // The address changed (a link, Back): show what it asks for.
  useEffect(() => {
    setOutcome(query.outcome);
    if (query.trait) setTrait(query.trait);
    if (query.value !== undefined) setValue(query.value);
  }, [query.outcome, query.trait, query.value]);
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (trait.trim()) show({ outcome: 'trait', trait: trait.trim(), value: value.trim() });
      }}
    >
      <label class="filter">
        <span class="filter-label">Success is accounts that</span>
        <select
          value={outcome}
          onChange={(e) => {
            const next = (e.target as HTMLSelectElement).value as FeatureImpactQuery['outcome'];
            setOutcome(next);
            if (next !== 'trait') show({ outcome: next });
          }}
        >
          {OUTCOMES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {outcome === 'trait' && (
        <>
          <label class="filter">
            <span class="filter-label">Trait</span>
            <input value={trait} required maxLength={256} placeholder="renewed" list="impact-trait-keys" onInput={(e) => setTrait((e.target as HTMLInputElement).value)} />
          </label>
          <label class="filter">
            <span class="filter-label">equals</span>
            <input value={value} required maxLength={256} placeholder="true" list="impact-trait-values" onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          </label>
          <datalist id="impact-trait-keys">
            {traits.map((t) => (
              <option key={t.key} value={t.key} />
            ))}
          </datalist>
          <datalist id="impact-trait-values">
            {values.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <button type="submit" class="secondary small">
            Compare
          </button>
        </>
      )}
    </form>
  );
}

/** "83% of 12": the share of the group that reached the outcome, and the group's size. */
function Share({ group }: { group: Impact['with'] }) {
  return (
    <td class="num">
      {group.accounts ? (
        <>
          {formatPercent(group.rate)} <span class="muted small">of {formatNumber(group.accounts)}</span>
        </>
      ) : (
        <span class="muted">none</span>
      )}
    </td>
  );
}

function Row({ impact }: { impact: Impact }) {
  const { with: withIt, without, difference, ratio, significant } = impact;
  const tone = significant ? ((difference.estimate ?? 0) > 0 ? 'good' : 'bad') : undefined;
  return (
    <tr>
      <th scope="row">
        {impact.name} {impact.isKey && <span class="pill">key</span>}
      </th>
      <Share group={withIt} />
      <Share group={without} />
      <td class="num">
        <span class={tone}>{formatPoints(difference.estimate)}</span>
        {difference.low !== null && (
          <span class="muted small">
            {' '}
            ({formatPoints(difference.low)} to {formatPoints(difference.high)})
          </span>
        )}
      </td>
      <td class="num">{ratioText(ratio.estimate)}</td>
      {canEdit.value && (
        <td>
          {(difference.estimate ?? 0) > 0 && without.accounts > 0 && (
            <a href={href(['campaigns', 'new'], { kind: 'tooltip', nudge: impact.feature })}>Nudge the {formatNumber(without.accounts)} without it</a>
          )}
        </td>
      )}
    </tr>
  );
}

export function FeatureImpactPanel() {
  const api = client.value!;
  const query = impactQuery(route.value.query);
  const key = JSON.stringify(query);
  const [resource, retry] = useResource(() => api.featureImpact(query), [api, key]);
  return (
    <Panel title="Features that go with success" id="feature-impact">
      <OutcomePicker query={query} traits={resource.status === 'ready' ? resource.data.traits : []} />
      <Loaded
        resource={resource}
        retry={retry}
        isEmpty={(r) => r.features.length === 0 || r.accounts === 0}
        empty={
          <Empty>
            {query.outcome === 'trait' ? (
              <>
                No account has a <code>{query.trait}</code> trait yet. Your product's <code>uptake.group(accountId, traits)</code> call (or a CRM sync through it) sets account traits.
              </>
            ) : (
              <>
                No features defined yet: there is nothing to compare. <a href="#/features">Define the features</a> that matter to your customers' success.
              </>
            )}
          </Empty>
        }
      >
        {(report) => (
          <>
            <p class="muted">
              {formatNumber(report.reached)} of {formatNumber(report.accounts)} accounts {query.outcome === 'trait' ? `with a ${query.trait} trait ` : ''}
              {outcomeText(query)} ({formatPercent(report.accounts ? report.reached / report.accounts : null)}).
              {query.outcome === 'trait' && ' Accounts without the trait are left out: their outcome is not known yet.'}
            </p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Feature</th>
                    <th scope="col">Accounts using it</th>
                    <th scope="col">Accounts without it</th>
                    <th scope="col">Difference (95 %)</th>
                    <th scope="col">Ratio</th>
                    {canEdit.value && <th scope="col">Act</th>}
                  </tr>
                </thead>
                <tbody>
                  {report.features.map((f) => (
                    <Row key={f.feature} impact={f} />
                  ))}
                </tbody>
              </table>
            </div>
            <p class="muted small">
              Each column: the share of those accounts that {outcomeText(query)}. A difference in colour is one its 95 % interval keeps on one side of zero; the surest
              come first. An association, not a cause: accounts that take up a feature differ in other ways too. A nudge with a holdout measures what the feature is worth.
              {query.outcome !== 'trait' &&
                ' Journey stages and health are computed from feature use, so key features go with them partly by construction: an outcome from outside the product, such as a renewal trait from your CRM, is the truer test.'}
            </p>
          </>
        )}
      </Loaded>
    </Panel>
  );
}
