// What a "slack" webhook says for each event: one line, links into the console when its address
// is known, and nothing a person typed read by Slack as a link or a mention.
import { describe, expect, it } from 'vitest';
import type { WebhookEnvelope } from '../../server/protocol/webhook.ts';
import { slackBody, slackText } from '../../server/webhooks/slack.ts';

const envelope = (type: WebhookEnvelope['type'], data: Record<string, unknown>): WebhookEnvelope => ({ id: 'e1', type, createdAt: '2026-11-20T10:00:00.000Z', workspaceId: 'w1', data });
const CONSOLE = 'https://uptake.example/console/';

describe('Slack messages', () => {
  it('says each kind of event in a line', () => {
    expect(slackText(envelope('alert.resolved', { rule: 'no-touch', subjectKind: 'account', subjectId: 'acct 1', resolvedBy: 'system' }), CONSOLE)).toBe(
      ':white_check_mark: <https://uptake.example/console/#/accounts/acct%201|acct 1>: alert rule no-touch cleared by itself',
    );
    expect(slackText(envelope('alert.resolved', { rule: 'no-touch', subjectKind: 'account', subjectId: 'a1', subjectName: 'Maple', resolvedBy: 'cs@maple.example' }))).toBe(
      ':white_check_mark: Maple: alert rule no-touch resolved by cs@maple.example',
    );
    expect(slackText(envelope('alert.raised', { rule: 'anchors', subjectKind: 'campaign', subjectId: 'c1', subjectName: 'Nudge', message: 'anchor #x missing 5 times in 24 h' }), CONSOLE)).toBe(
      ':rotating_light: <https://uptake.example/console/#/campaigns/c1|Nudge>: anchor #x missing 5 times in 24 h (alert rule anchors)',
    );
    expect(slackText(envelope('certification.awarded', { userId: 'u1', accountId: null, program: 'cf', programName: 'ClinicFlow Certified', level: 2, name: 'Level 2 · Practice pro' }), CONSOLE)).toBe(
      ':trophy: <https://uptake.example/console/#/users/u1|u1> reached Level 2 · Practice pro in ClinicFlow Certified',
    );
    expect(slackText(envelope('survey.answered', { visitorId: 'u1', accountId: 'a1', score: null, choice: 'sms', choiceLabel: 'Text message', comment: null, campaignName: null }))).toBe(
      ':speech_balloon: u1 (a1) answered “Text message”',
    );
    expect(slackText(envelope('webhook.test', { webhookId: 'w' }))).toBe(':wave: Uptake test event: this webhook works.');
    expect(slackText(envelope('user.erased', { userId: 'u<1>', erasedAt: '2026-11-20T10:00:00.000Z' }))).toBe(':wastebasket: User u&lt;1&gt; was erased on request: erase what you hold about them too.');
    expect(slackText(envelope('account.erased', { accountId: 'a1', usersErased: ['u1', 'u2'] }))).toBe(':wastebasket: Account a1 was erased on request, with 2 of its users: erase what you hold about them too.');
  });

  it('escapes what people wrote, names and comments alike, and quotes every line of a comment', () => {
    const text = slackText(envelope('survey.answered', { visitorId: '<@U123>', accountId: null, score: 9, npsGroup: 'promoter', comment: 'Great\n<!here> & more', campaignName: 'NPS <b>' }));
    expect(text).toBe(':speech_balloon: &lt;@U123&gt; answered 9/10 (promoter) to NPS &lt;b&gt;\n>Great\n>&lt;!here&gt; &amp; more');
  });

  it('sends it as {"text"} JSON', () => {
    expect(JSON.parse(slackBody(JSON.stringify(envelope('webhook.test', {}))))).toEqual({ text: ':wave: Uptake test event: this webhook works.' });
  });
});
