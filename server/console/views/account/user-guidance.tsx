// The user page's guidance: what each campaign did with this user (shown, dismissed, held out,
// answered…), and "would they see it?" for any campaign, without typing the user's id again.
import { useId, useState } from 'preact/hooks';
import type { Campaign, UserGuidance } from '../../api.ts';
import { formatDate, formatNumber, humanize } from '../../format.ts';
import { ExplainForm } from '../campaigns/explain.tsx';
import { Panel } from '../screen.tsx';
import { Empty } from '../status.tsx';
import { TimeAgo } from '../time-ago.tsx';

const times = (n: number) => (n === 1 ? 'once' : `${formatNumber(n)} times`);

/** What happened between the user and one campaign, in the order it usually happens. */
export function guidanceFacts(g: UserGuidance, now = Date.now()): string[] {
  const facts: string[] = [];
  if (g.heldOut) facts.push(`Held out by ${g.heldOut.reason === 'global' ? 'the workspace’s global holdout' : 'the campaign’s holdout'}`);
  if (g.shows > 0) facts.push(`Shown ${times(g.shows)}`);
  // Decide counted it under a cap, but the browser never reported it on screen: a missing anchor,
  // or the user left the page first.
  else if (g.handedOut > 0) facts.push(`Handed out ${times(g.handedOut)}, never rendered`);
  const step = g.tourStep === null ? '' : ` at step ${formatNumber(g.tourStep + 1)}`;
  if (g.kind === 'tour' && g.completedAt) facts.push('Completed the tour');
  else if (g.tourDoneAt) facts.push(`Left the tour${step}`);
  else if (g.tourStep !== null) facts.push(`On the tour${step}`);
  if (g.itemsDone.length) facts.push(`Ticked ${g.itemsDone.length === 1 ? '1 checklist item' : `${formatNumber(g.itemsDone.length)} checklist items`}`);
  if (g.clickedAt) facts.push('Clicked');
  if (g.dismissedAt) facts.push('Dismissed');
  if (g.snoozedUntil && Date.parse(g.snoozedUntil) > now) facts.push(`Snoozed until ${formatDate(g.snoozedUntil)}`);
  if (g.completedAt && g.kind !== 'tour') facts.push('Completed');
  if (g.goal) facts.push(`Reached the goal on ${formatDate(g.goal.reachedAt)}`);
  if (g.answer) {
    const { score, npsGroup, choice, choiceLabel } = g.answer;
    facts.push(score !== null ? `Answered ${score} (${npsGroup})` : `Answered “${choiceLabel ?? choice}”`);
  }
  return facts;
}

function CampaignCell({ g }: { g: UserGuidance }) {
  if (g.name === null) return <span class="muted">Deleted campaign</span>;
  return (
    <>
      <a href={`#/campaigns/${encodeURIComponent(g.campaignId)}`}>{g.name}</a> <span class="pill">{humanize(g.kind ?? '')}</span>
      {g.campaignStatus !== 'live' && <span class="muted small"> ({g.campaignStatus})</span>}
    </>
  );
}

export function GuidanceHistory({ rows }: { rows: UserGuidance[] }) {
  return (
    <Panel title="Guidance" id="user-guidance">
      {rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">What happened</th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.campaignId}>
                <th scope="row">
                  <CampaignCell g={g} />
                </th>
                <td>
                  {guidanceFacts(g).join(' · ')}
                  {g.answer?.comment && <blockquote class="answer-comment">{g.answer.comment}</blockquote>}
                </td>
                <td>{g.lastActivityAt ? <TimeAgo at={g.lastActivityAt} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>No campaign has reached this user yet.</Empty>
      )}
    </Panel>
  );
}

/** "Would they see it?": every rule of one campaign's decision for this user, on an optional page. */
export function WouldTheySee({ userId, campaigns }: { userId: string; campaigns: Campaign[] }) {
  const choices = campaigns.filter((c) => c.status !== 'archived').sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || a.name.localeCompare(b.name));
  const [campaignId, setCampaignId] = useState(choices[0]?.id ?? '');
  const campaignField = useId();
  return (
    <Panel title="Would they see a campaign?" id="user-explain">
      {choices.length ? (
        <ExplainForm target={() => ({ campaignId, userId })}>
          <div class="field">
            <label for={campaignField}>Campaign</label>
            <select id={campaignField} value={campaignId} onChange={(e) => setCampaignId((e.target as HTMLSelectElement).value)}>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.status === 'live' ? '' : ` (${c.status})`}
                </option>
              ))}
            </select>
          </div>
        </ExplainForm>
      ) : (
        <Empty>
          No campaigns yet. <a href="#/campaigns">Create one</a>.
        </Empty>
      )}
    </Panel>
  );
}
