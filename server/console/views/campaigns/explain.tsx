// "Why doesn't user X see this?": every rule of the decision in order, passed or failed, with the
// reason in words, and the audience's conditions one by one.
import { useId, useState } from 'preact/hooks';
import { ApiFailure, type Campaign, type Explanation } from '../../api.ts';
import { humanize, withReadableTimes } from '../../format.ts';
import { client } from '../../state.ts';
import { Panel } from '../screen.tsx';

type Lookup = { status: 'idle' } | { status: 'busy' } | { status: 'done'; explanation: Explanation } | { status: 'error'; message: string };

const mark = (passed: boolean | null) => (passed === null ? '–' : passed ? '✓' : '✗');
const markLabel = (passed: boolean | null) => (passed === null ? 'not checked' : passed ? 'passes' : 'fails');

function Rules({ explanation }: { explanation: Explanation }) {
  const failing = explanation.rules.find((r) => !r.passed);
  return (
    <>
      <p class={explanation.shown ? 'good' : 'bad'} role="status">
        {explanation.shown ? `${explanation.visitorId} would see it now.` : `${explanation.visitorId} does not see it: ${failing ? `${humanize(failing.rule)} — ${withReadableTimes(failing.reason)}` : 'a rule fails'}.`}
      </p>
      <ol class="explain-rules">
        {explanation.rules.map((rule) => (
          <li key={rule.rule} class={rule.passed ? 'pass' : 'fail'}>
            <span class="verdict" aria-label={markLabel(rule.passed)}>
              {mark(rule.passed)}
            </span>{' '}
            <strong>{humanize(rule.rule)}</strong>: {withReadableTimes(rule.reason)}
            {rule.conditions && rule.conditions.length > 0 && (
              <ul class="explain-conditions">
                {rule.conditions.map((c, i) => (
                  <li key={i} style={{ marginLeft: `${c.depth * 16}px` }} class={c.passed === null ? 'unknown' : c.passed ? 'pass' : 'fail'}>
                    <span class="verdict" aria-label={markLabel(c.passed)}>
                      {mark(c.passed)}
                    </span>{' '}
                    {withReadableTimes(c.reason)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Runs explain lookups and keeps the latest one's state (busy, the explanation or the error). */
export function useExplain() {
  const api = client.value!;
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const run = async (campaignId: string, userId: string, url: string) => {
    setLookup({ status: 'busy' });
    try {
      const explanation = await api.explainCampaign(campaignId, { userId, ...(url.trim() ? { url: url.trim() } : {}) });
      setLookup({ status: 'done', explanation });
    } catch (error) {
      setLookup({ status: 'error', message: error instanceof ApiFailure ? error.message : String(error) });
    }
  };
  const fail = (message: string) => setLookup({ status: 'error', message });
  return { lookup, run, fail };
}

/** The outcome under an explain form: the error, or every rule of the decision. */
export function ExplainOutcome({ lookup }: { lookup: Lookup }) {
  if (lookup.status === 'error')
    return (
      <p class="error-note" role="alert">
        {lookup.message}
      </p>
    );
  return lookup.status === 'done' ? <Rules explanation={lookup.explanation} /> : null;
}

/** The optional page a lookup is for: page rules only pass or fail against a URL. */
export function PageField({ id, value, onInput }: { id: string; value: string; onInput: (value: string) => void }) {
  return (
    <div class="field grow">
      <label for={id}>On page (optional)</label>
      <input id={id} type="text" placeholder="https://app.example.com/settings" value={value} onInput={(e) => onInput((e.target as HTMLInputElement).value)} />
    </div>
  );
}

export function ExplainLookup({ campaign }: { campaign: Campaign }) {
  const [userId, setUserId] = useState('');
  const [url, setUrl] = useState('');
  const { lookup, run, fail } = useExplain();
  const ids = { user: useId(), url: useId() };
  const submit = (event: Event) => {
    event.preventDefault();
    if (!userId.trim()) return fail('Type the user id your product sends with identify().');
    void run(campaign.id, userId.trim(), url);
  };
  return (
    <Panel title="Why doesn’t a user see this?" id="campaign-explain">
      <form class="explain-form fields" onSubmit={submit}>
        <div class="field">
          <label for={ids.user}>User id</label>
          <input id={ids.user} type="text" value={userId} onInput={(e) => setUserId((e.target as HTMLInputElement).value)} />
        </div>
        <PageField id={ids.url} value={url} onInput={setUrl} />
        <button type="submit" disabled={lookup.status === 'busy'}>
          {lookup.status === 'busy' ? 'Checking…' : 'Explain'}
        </button>
      </form>
      <ExplainOutcome lookup={lookup} />
    </Panel>
  );
}
