// Asks the server what to show on this page view, waits for anchors, loads the widgets
// chunk only when something must be shown, and reports what the user did with it.
import type { DecidedMessage, DecideResponse } from '../../server/protocol/decide.ts';
import type { MessageEventName } from '../../server/protocol/events.ts';
import { warnOnce } from '../core/log.ts';
import type { Tracker } from '../core/tracker.ts';
import { waitForElement } from './anchor.ts';
import type { Widgets } from './widgets-api.ts';

// Literal names checked against the protocol's type, so the SDK never bundles the schemas.
const MESSAGE_EVENTS = {
  shown: 'message_shown',
  clicked: 'message_clicked',
  dismissed: 'message_dismissed',
  anchorMissing: 'anchor_missing',
} as const satisfies Record<string, MessageEventName>;

export interface GuideOptions {
  tracker: Tracker;
  loadWidgets: () => Promise<Widgets>;
  emit: (name: string, payload?: unknown) => void;
  navigate?: (url: string) => void;
}

export class Guide {
  private _showing = new Map<string, () => void>();
  private _decision = 0;

  constructor(private readonly _options: GuideOptions) {}

  /** Decides again, e.g. after identify or a route change. Older answers are ignored. */
  async refresh(): Promise<void> {
    const { tracker } = this._options;
    if (tracker.optedOut) return;
    const decision = ++this._decision;
    // Deliver pending events first so the decision sees the latest feature use.
    await tracker.queue.flush();
    const messages = await this._fetchDecision();
    if (!messages || decision !== this._decision) return;
    const wanted = new Set(messages.map((m) => m.campaignId));
    for (const [campaignId, close] of this._showing) {
      if (!wanted.has(campaignId)) {
        close();
        this._showing.delete(campaignId);
      }
    }
    for (const message of messages) {
      if (!this._showing.has(message.campaignId)) void this._show(message);
    }
  }

  private async _fetchDecision(): Promise<DecidedMessage[] | null> {
    const { config, identity } = this._options.tracker;
    try {
      const response = await fetch(`${config.host}/v1/decide`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        credentials: 'omit',
        body: JSON.stringify({
          writeKey: config.writeKey,
          userId: identity.userId,
          anonymousId: identity.anonymousId,
          accountId: identity.groupId,
          url: location.href,
          locale: navigator.language,
          ...(identity.token ? { identityToken: identity.token } : {}),
        }),
      });
      if (!response.ok) {
        warnOnce(`decide:${response.status}`, `could not ask what to show (HTTP ${response.status}); check the write key and host in uptake.init()`);
        return null;
      }
      return ((await response.json()) as DecideResponse).messages;
    } catch {
      return null; // Offline: show nothing rather than something stale.
    }
  }

  private async _show(message: DecidedMessage): Promise<void> {
    const { tracker, emit } = this._options;
    const properties = { campaignId: message.campaignId, version: message.version, kind: message.kind };
    // While the anchor and widgets load, a newer decision may drop this message; it then
    // removes this placeholder, which is how we know to stop.
    const pending = () => {};
    this._showing.set(message.campaignId, pending);
    let target: Element | null = null;
    const anchor = 'anchor' in message ? message.anchor : undefined;
    if (anchor) {
      target = await waitForElement(anchor.selector);
      if (!target) {
        tracker.track(MESSAGE_EVENTS.anchorMissing, { ...properties, selector: anchor.selector });
        if (this._showing.get(message.campaignId) === pending) this._showing.delete(message.campaignId);
        return;
      }
    }
    let widgets: Widgets;
    try {
      widgets = await this._options.loadWidgets();
    } catch {
      warnOnce('widgets', 'could not load the widgets chunk; is the Uptake host reachable from this page?');
      if (this._showing.get(message.campaignId) === pending) this._showing.delete(message.campaignId);
      return;
    }
    if (this._showing.get(message.campaignId) !== pending) return;
    const close = widgets.show(message, target, {
      onShown: () => {
        tracker.track(MESSAGE_EVENTS.shown, properties);
        emit(MESSAGE_EVENTS.shown, properties);
      },
      onButton: (button) => {
        tracker.track(MESSAGE_EVENTS.clicked, { ...properties, buttonId: button.id });
        emit(MESSAGE_EVENTS.clicked, { ...properties, buttonId: button.id });
        this._close(message.campaignId);
        if (button.action.type === 'url') (this._options.navigate ?? ((url) => location.assign(url)))(button.action.url);
      },
      onDismiss: () => {
        tracker.track(MESSAGE_EVENTS.dismissed, properties);
        emit(MESSAGE_EVENTS.dismissed, properties);
        this._close(message.campaignId);
      },
    });
    this._showing.set(message.campaignId, close);
  }

  private _close(campaignId: string): void {
    this._showing.get(campaignId)?.();
    this._showing.delete(campaignId);
  }
}
