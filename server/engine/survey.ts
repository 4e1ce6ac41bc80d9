// Survey answers summed up. NPS: promoters answer 9–10, passives 7–8, detractors 0–6; the
// score is the share of promoters minus the share of detractors, from −100 to 100.
import type { CampaignInput } from '../protocol/campaign.ts';

export interface SurveyAnswer {
  visitorId: string;
  accountId: string | null;
  score: number | null;
  choice: string | null;
  comment: string | null;
  answeredAt: string;
}

export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** One decimal; null with no scores. */
  score: number | null;
}

export function npsSummary(scores: readonly number[]): NpsSummary {
  const promoters = scores.filter((s) => npsGroup(s) === 'promoter').length;
  const detractors = scores.filter((s) => npsGroup(s) === 'detractor').length;
  const responses = scores.length;
  return {
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
    score: responses ? Math.round(((promoters - detractors) / responses) * 1000) / 10 : null,
  };
}

/** How many answered each option of a single-choice question. */
export function choiceCounts(answers: readonly SurveyAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { choice } of answers) if (choice !== null) counts[choice] = (counts[choice] ?? 0) + 1;
  return counts;
}

/** The label of the option a single-choice answer picked; null for an NPS question or an option since removed. */
export function choiceLabel(question: CampaignInput['question'] | undefined, choice: string | null): string | null {
  return question?.type === 'choice' ? (question.options.find((o) => o.id === choice)?.label ?? null) : null;
}

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export const npsGroup = (score: number): NpsGroup => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/**
 * What a `survey.answered` webhook carries: the answer, the survey's name and, so a receiver can
 * route it (detractors to the account's CSM, promoters to a review request) without a second
 * call, the NPS group or the chosen option's label. `campaign` is undefined if it was deleted.
 */
export function surveyAnsweredData(
  answer: { campaignId: string; visitorId: string; accountId: string | null; score: number | null; choice: string | null; comment: string | null; at: string },
  campaign: Pick<CampaignInput, 'name' | 'question'> | undefined,
): Record<string, unknown> {
  return {
    campaignId: answer.campaignId,
    campaignName: campaign?.name ?? null,
    visitorId: answer.visitorId,
    accountId: answer.accountId,
    score: answer.score,
    npsGroup: answer.score === null ? null : npsGroup(answer.score),
    choice: answer.choice,
    choiceLabel: choiceLabel(campaign?.question, answer.choice),
    comment: answer.comment,
    answeredAt: answer.at,
  };
}
