// "Why doesn't user X see this?": every rule of the decision in order, passed or failed, with the
// reason in words, and the audience's conditions one by one.
import type { ComponentChildren } from 'preact';
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
function useExplain() {
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

/**
 * An explain form and its outcome. `children` are the fields that name the campaign or the user;
 * `target` reads them when the form is sent: what to explain, or a problem to say instead. The
 * optional page comes last, since page rules only pass or fail against a URL.
 */
export function ExplainForm({ children, target }: { children: ComponentChildren; target: () => { campaignId: string; userId: string } | string }) {
  const [url, setUrl] = useState('');
  const { lookup, run, fail } = useExplain();
  const urlId = useId();
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = target();
    if (typeof chosen === 'string') return fail(chosen);
    void run(chosen.campaignId, chosen.userId, url);
  };
  return (
    <>
      <form class="explain-form fields" onSubmit={submit}>
        {children}
        <div class="field grow">
          <label for={urlId}>On page (optional)</label>
          <input id={urlId} type="text" placeholder="https://app.example.com/settings" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" disabled={lookup.status === 'busy'}>
          {lookup.status === 'busy' ? 'Checking…' : 'Explain'}
        </button>
      </form>
      {lookup.status === 'error' && (
        <p class="error-note" role="alert">
          {lookup.message}
        </p>
      )}
      {lookup.status === 'done' && <Rules explanation={lookup.explanation} />}
    </>
  );
}

export function ExplainLookup({ campaign }: { campaign: Campaign }) {
  const [userId, setUserId] = useState('');
  const userField = useId();
  return (
    <Panel title="Why doesn’t a user see this?" id="campaign-explain">
      <ExplainForm target={() => (userId.trim() ? { campaignId: campaign.id, userId: userId.trim() } : 'Type the user id your product sends with identify().')}>
        <div class="field">
          <label for={userField}>User id</label>
          <input id={userField} type="text" value={userId} onInput={(e) => setUserId((e.target as HTMLInputElement).value)} />
        </div>
      </ExplainForm>
    </Panel>
  );
}
