// A webhook in the "slack" format gets `{"text": …}` instead of the envelope: what happened in one
// line, with links into the console, as a Slack (or Mattermost) incoming webhook shows it. It is
// made from the stored envelope when sent, so every retry sends the same bytes. People's words
// (comments, names, messages quoting them) are escaped: Slack would read `<!channel>` or
// `<https://…|text>` in them as a mention or a link.
import type { WebhookEnvelope } from '../protocol/webhook.ts';

/** Slack's three control characters, as its formatting guide asks. */
const escape = (text: unknown): string => String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** `<url|label>` when the console's address is known, the label alone otherwise. */
function link(consoleUrl: string | undefined, route: string, label: string): string {
  return consoleUrl ? `<${consoleUrl}#/${route}|${escape(label)}>` : escape(label);
}

function subject(data: Record<string, unknown>, consoleUrl: string | undefined): string {
  const id = String(data['subjectId'] ?? '');
  const name = str(data['subjectName']) ?? id;
  const kind = data['subjectKind'] === 'campaign' ? 'campaigns' : 'accounts';
  return link(consoleUrl, `${kind}/${encodeURIComponent(id)}`, name);
}

const user = (id: unknown, consoleUrl: string | undefined) => link(consoleUrl, `users/${encodeURIComponent(String(id))}`, String(id));
const account = (id: unknown, consoleUrl: string | undefined) => (id ? ` (${link(consoleUrl, `accounts/${encodeURIComponent(String(id))}`, String(id))})` : '');

/** The text of one event. */
export function slackText(envelope: WebhookEnvelope, consoleUrl?: string): string {
  const d = envelope.data;
  switch (envelope.type) {
    case 'alert.raised':
      return `:rotating_light: ${subject(d, consoleUrl)}: ${escape(d['message'])} (alert rule ${escape(d['rule'])})`;
    case 'alert.resolved': {
      const by = str(d['resolvedBy']);
      const how = by === 'system' ? 'cleared by itself' : by ? `resolved by ${escape(by)}` : 'resolved';
      return `:white_check_mark: ${subject(d, consoleUrl)}: alert rule ${escape(d['rule'])} ${how}`;
    }
    case 'certification.awarded':
      return `:trophy: ${user(d['userId'], consoleUrl)}${account(d['accountId'], consoleUrl)} reached ${escape(d['name'])}${str(d['programName']) ? ` in ${escape(d['programName'])}` : ''}`;
    case 'survey.answered': {
      const answer = d['score'] !== null && d['score'] !== undefined ? `${escape(d['score'])}/10 (${escape(d['npsGroup'])})` : `“${escape(d['choiceLabel'] ?? d['choice'])}”`;
      const survey = str(d['campaignName']) ? ` to ${escape(d['campaignName'])}` : '';
      const comment = str(d['comment']) ? `\n>${escape(d['comment']).replace(/\n/g, '\n>')}` : '';
      return `:speech_balloon: ${user(d['visitorId'], consoleUrl)}${account(d['accountId'], consoleUrl)} answered ${answer}${survey}${comment}`;
    }
    case 'user.erased':
      return `:wastebasket: User ${escape(d['userId'])} was erased on request: erase what you hold about them too.`;
    case 'account.erased': {
      const people = Array.isArray(d['usersErased']) ? d['usersErased'].length : 0;
      return `:wastebasket: Account ${escape(d['accountId'])} was erased on request, with ${people} of its users: erase what you hold about them too.`;
    }
    case 'webhook.test':
      return ':wave: Uptake test event: this webhook works.';
  }
}

/** The body POSTed to a "slack" webhook for the stored envelope. */
export function slackBody(envelopeJson: string, consoleUrl?: string): string {
  return JSON.stringify({ text: slackText(JSON.parse(envelopeJson) as WebhookEnvelope, consoleUrl) });
}
