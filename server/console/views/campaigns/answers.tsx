// A survey's answers: the NPS score with promoters, passives and detractors (or the count per
// option), then the latest answers with their comments; every answer as CSV.
import { useState } from 'preact/hooks';
import type { AnswersFilter, Campaign } from '../../api.ts';
import { formatDateTime, formatDecimal, formatNumber, formatPercent } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { ExportFile } from '../export-file.tsx';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { UserCell } from '../user-cell.tsx';

export function SurveyAnswersPanel({ campaign }: { campaign: Campaign }) {
  const api = client.value!;
  const [only, setOnly] = useState<AnswersFilter>({});
  const [resource, retry] = useResource(() => api.campaignAnswers(campaign.id, only), [api, campaign.id, only.group, only.choice, only.comments]);
  const options = campaign.question?.type === 'choice' ? campaign.question.options : [];
  // Which answers the list shows: everyone's, one NPS group's or one option's, with a comment or not.
  const kinds: { label: string; pick: Pick<AnswersFilter, 'group' | 'choice'> }[] = [
    { label: 'All', pick: {} },
    ...(campaign.question?.type === 'choice'
      ? options.map((o) => ({ label: o.label, pick: { choice: o.id } }))
      : (['promoter', 'passive', 'detractor'] as const).map((group) => ({ label: `${group[0]!.toUpperCase()}${group.slice(1)}s`, pick: { group } }))),
  ];
  return (
    <Panel title="Survey answers" id="campaign-answers" actions={<ExportFile label="Export CSV" load={() => api.campaignAnswersCsv(campaign.id)} filename={`answers-${campaign.id}.csv`} />}>
      <Loaded resource={resource} retry={retry} isEmpty={(a) => a.total === 0 && !only.group && !only.choice && !only.comments} empty="Nobody has answered yet.">
        {(answers) => (
          <>
            {answers.nps && (
              <div class="nps">
                <p class="kpi">NPS {formatDecimal(answers.nps.score)}</p>
                <p class="muted">
                  {formatNumber(answers.nps.responses)} answers: {formatNumber(answers.nps.promoters)} promoters (9–10), {formatNumber(answers.nps.passives)} passives (7–8), {formatNumber(answers.nps.detractors)} detractors (0–6)
                </p>
                <div class="stack" role="img" aria-label={`promoters ${formatPercent(answers.nps.promoters / answers.nps.responses)}, detractors ${formatPercent(answers.nps.detractors / answers.nps.responses)}`}>
                  <span class="health-green" style={{ width: `${(answers.nps.promoters / answers.nps.responses) * 100}%` }} />
                  <span class="health-yellow" style={{ width: `${(answers.nps.passives / answers.nps.responses) * 100}%` }} />
                  <span class="health-red" style={{ width: `${(answers.nps.detractors / answers.nps.responses) * 100}%` }} />
                </div>
              </div>
            )}
            {answers.choices && (
              <table class="preview-table">
                <tbody>
                  {options.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">{o.label}</th>
                      <td class="num">{formatNumber(answers.choices![o.id] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>Latest answers</h3>
            <div class="toggles" role="group" aria-label="Show answers">
              {kinds.map(({ label, pick }) => (
                <button key={label} type="button" class="chip" aria-pressed={only.group === pick.group && only.choice === pick.choice} onClick={() => setOnly({ ...pick, comments: only.comments })}>
                  {label}
                </button>
              ))}
              <label class="inline">
                <input type="checkbox" checked={!!only.comments} onChange={(e) => setOnly({ ...only, comments: (e.target as HTMLInputElement).checked ? 'only' : undefined })} /> with a comment
              </label>
            </div>
            {answers.total === 0 ? (
              <p class="empty">No answer of these.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">User</th>
                      <th scope="col">Answer</th>
                      <th scope="col">Comment</th>
                      <th scope="col">When</th>
                    </tr>
                  </thead>
                  <tbody>
                    {answers.answers.map((a, i) => (
                      <tr key={i}>
                        <UserCell userId={a.visitorId} name={a.name} />
                        <td>{a.score !== null ? a.score : (options.find((o) => o.id === a.choice)?.label ?? a.choice)}</td>
                        <td class="note">{a.comment ?? ''}</td>
                        <td>{formatDateTime(a.answeredAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </Panel>
  );
}
