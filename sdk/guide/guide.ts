// Asks the server what to show on this page view, waits for anchors, loads the widgets
// chunk only when something must be shown, carries out what the user pressed, and reports
// it all as ordinary events. State that outlives a widget lives here: which tour step is on
// screen, which checklist items are ticked.
import type { DecidedMessage, DecidedStep, DecideResponse } from '../../server/protocol/decide.ts';
import type { MessageEventName } from '../../server/protocol/events.ts';
import { matchesPathPattern } from '../../server/protocol/path-pattern.ts';
import { guarded, warnOnce } from '../core/log.ts';
import { storage } from '../core/storage.ts';
import type { Tracker } from '../core/tracker.ts';
import { waitForElement } from './anchor.ts';
import { ANCHOR_CLICK, type MessageHandlers, type Pressable, type ShownMessage, type Widgets } from './widgets-api.ts';

/** After the user's own events, a showing checklist asks again this much later, so used features tick. */
export const CHECKLIST_RECHECK_MS = 1000;
/** A decision not answered by then shows nothing. */
export const DECIDE_TIMEOUT_MS = 10_000;
/** How long a survey says thanks before it closes. */
export const THANKS_MS = 2000;

type Tour = Extract<DecidedMessage, { kind: 'tour' }>;

/**
 * How to reach the page a tour step lives on: '' when it is this page, its path when the step's
 * page is a plain path, null when only a pattern (/reports/*) names it: the tour waits there.
 */
const wayTo = (step: DecidedStep): string | null =>
  !step.page || matchesPathPattern(step.page, location.pathname) ? '' : step.page.includes('*') ? null : step.page;

export interface GuideOptions {
  tracker: Tracker;
  loadWidgets: () => Promise<Widgets>;
  emit: (name: string, payload?: unknown) => void;
  /** Follows a url action. Default: location.assign, or a new tab with `newTab`. */
  navigate?: (url: string, newTab?: boolean) => void;
}

interface Showing {
  message: DecidedMessage;
  /** On the page; missing while the anchor or the widgets chunk is awaited. */
  element?: ShownMessage;
  target?: Element | null;
  /** Tours: the step on screen. */
  step?: number;
  /** message_shown was reported (a tour reports it once, not per step). */
  seen?: boolean;
  /** message_completed was reported (a checklist with every item done). */
  done?: boolean;
  /** Checklist items whose checklist_item_completed went out from this page (the server may not have it yet). */
  ticked?: Set<string>;
}

interface Queued {
  start: string | undefined;
  done: Promise<void>;
}

export class Guide {
  private _showing = new Map<string, Showing>();
  /** The decision being asked for, and at most one more waiting for it. */
  private _deciding: Promise<void> | null = null;
  private _queued: Queued | null = null;
  private _recheck?: ReturnType<typeof setTimeout>;

  constructor(private readonly _options: GuideOptions) {}

  /**
   * Decides again, e.g. after identify or a route change; `start` asks the server to start that
   * tour. One decision at a time: one sent while another is out could not tell the server what
   * the other puts on screen, so under a cap of 1 the first would take the only show and the
   * second, newer answer would say nothing — a show spent and never seen. Calls made meanwhile
   * share one decision, asked once the current one is in.
   */
  refresh(start?: string): Promise<void> {
    if (!this._deciding) return this._decide(start);
    if (this._queued) {
      if (start) this._queued.start = start;
      return this._queued.done;
    }
    const next = () => {
      this._queued = null;
      return this._decide(queued.start);
    };
    const queued: Queued = { start, done: this._deciding.then(next, next) };
    this._queued = queued;
    return queued.done;
  }

  private _decide(start: string | undefined): Promise<void> {
    const deciding = this._apply(start).finally(() => {
      if (this._deciding === deciding && !this._queued) this._deciding = null;
    });
    this._deciding = deciding;
    return deciding;
  }

  /** Messages no longer decided close; persistent ones still decided stay on screen and take their new state. */
  private async _apply(start: string | undefined): Promise<void> {
    const { tracker } = this._options;
    if (tracker.optedOut) return;
    // Deliver pending events first so the decision sees the latest feature use.
    await tracker.queue.flush();
    const messages = await this._fetchDecision(start);
    if (!messages) return;
    const wanted = new Set(messages.map((m) => m.campaignId));
    // Also closed: anchored messages whose anchor the page replaced. They re-anchor below, at
    // the same tour step and without counting as another show.
    const reanchored = new Map<string, Showing>();
    for (const [campaignId, entry] of this._showing) {
      if (entry.target?.isConnected === false) reanchored.set(campaignId, entry);
      if (!wanted.has(campaignId) || reanchored.has(campaignId)) this._close(campaignId);
    }
    for (const message of messages) {
      const entry = this._showing.get(message.campaignId);
      const before = reanchored.get(message.campaignId);
      if (entry) {
        if (!message.interrupting) this._update(entry, message);
      } else if (!message.interrupting || ![...this._showing.values()].some((e) => e.message.interrupting)) {
        void this._show(message, message.kind === 'tour' ? (before?.step ?? this._tourStart(message)) : undefined, !!before);
      }
    }
  }

  /** The host page tracked an event: a showing checklist may have an item to tick. */
  tracked(): void {
    // At most one recheck pending, so a stream of events cannot postpone it forever.
    if (this._recheck || ![...this._showing.values()].some((e) => e.message.kind === 'checklist')) return;
    this._recheck = setTimeout(() => {
      this._recheck = undefined;
      void this.refresh();
    }, CHECKLIST_RECHECK_MS);
  }

  private async _fetchDecision(start: string | undefined): Promise<DecidedMessage[] | null> {
    const { config, identity } = this._options.tracker;
    try {
      const response = await fetch(`${config.host}/v1/decide`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        credentials: 'omit',
        // Given up after a while (showing nothing), so the decisions queued behind it can go.
        signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(DECIDE_TIMEOUT_MS) : null,
        body: JSON.stringify({
          writeKey: config.writeKey,
          userId: identity.userId,
          anonymousId: identity.anonymousId,
          accountId: identity.groupId,
          url: location.href,
          locale: navigator.language,
          ...(identity.token ? { identityToken: identity.token } : {}),
          // Already on screen: keeping them is not another show (caps stay as they were).
          showing: [...this._showing.keys()].slice(0, 20),
          ...(start ? { start } : {}),
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

  /** A browser-local key for this visitor: tour progress, the last certification level announced. */
  private _key(what: string, id: string): string {
    const { userId, anonymousId } = this._options.tracker.identity;
    return `uptake:v1:${what}:${userId ?? anonymousId}:${id}`;
  }

  /** Where this browser keeps the step of a tour on screen (or the one Next led to). */
  private _tourKey(tour: DecidedMessage): string {
    return this._key('tour', `${tour.campaignId}:${tour.version}`);
  }

  /**
   * The step to resume a tour at. The server answers the step after the last one viewed; this
   * browser remembers the step on screen (or the one Next led to), which is where a reload
   * belongs: the server's answer is one further just because that step was viewed. Only a step
   * viewed later elsewhere (another tab or device) puts the server further ahead.
   */
  private _tourStart(tour: Tour): number {
    const stored = storage.get(this._tourKey(tour));
    const here = stored === null ? null : Number(stored) || 0;
    const start = here === null || tour.startAt > here + 1 ? tour.startAt : here;
    return Math.min(start, tour.steps.length - 1);
  }

  /** `again`: the anchor of a message on screen was replaced; one that does not come back is not reported missing. */
  private async _show(message: DecidedMessage, step?: number, seen = false, again = false): Promise<void> {
    const campaignId = message.campaignId;
    const entry: Showing = { message, step, seen };
    // While the anchor and widgets load, a newer decision may drop this message; it then
    // replaces or removes this entry, which is how we know to stop.
    const current = () => this._showing.get(campaignId) === entry;
    const drop = () => current() && this._showing.delete(campaignId);
    this._showing.set(campaignId, entry);
    const tourStep = message.kind === 'tour' ? message.steps[step!] : undefined;
    // A step of another page waits for the route change that brings the user there.
    if (message.kind === 'tour' && (!tourStep || (tourStep.page && !matchesPathPattern(tourStep.page, location.pathname)))) return void drop();
    const anchor = tourStep ? tourStep.anchor : 'anchor' in message ? message.anchor : undefined;
    let target: Element | null = null;
    if (anchor) {
      target = await waitForElement(anchor.selector);
      if (!current()) return;
      if (!target) {
        if (!again) this._report('anchor_missing', message, { selector: anchor.selector, ...(tourStep ? { stepId: tourStep.id } : {}) });
        // A modal still makes sense without its spotlight; anything pointing at nothing does not.
        if (message.kind !== 'modal') return void drop();
      }
    }
    const announce = message.kind === 'certification' && message.certification.level != null && storage.get(this._key('level', message.certification.program)) !== String(message.certification.level);
    try {
      const widgets = await this._options.loadWidgets();
      // Render in a task of its own, not in the one that evaluated the chunk: two short tasks
      // instead of one long one on the host's main thread (and one that profilers name us in).
      await new Promise<void>((resolve) => setTimeout(() => resolve(), 0));
      if (!current()) return;
      entry.target = target;
      // Back is offered only where it can lead: to this page or to one the tour can open.
      const back = !!tourStep && step! > 0 && wayTo((message as Tour).steps[step! - 1]!) !== null;
      entry.element = widgets.show(entry.message, target, this._handlers(entry, announce), { step, announce, back });
    } catch {
      warnOnce('widgets', 'could not load the widgets chunk; is the Uptake host reachable from this page?');
      drop();
    }
  }

  private _handlers(entry: Showing, announce: boolean): MessageHandlers {
    const { message } = entry;
    // Only the entry on screen may act: a late event from a closed widget changes nothing.
    const live = <A extends unknown[]>(fn: (...args: A) => void) =>
      guarded('message', (...args: A) => {
        if (this._showing.get(message.campaignId) === entry) fn(...args);
      });
    return {
      onShown: live(() => {
        if (!entry.seen) {
          entry.seen = true;
          this._report('message_shown', message);
        }
        if (message.kind === 'tour') {
          storage.set(this._tourKey(message), String(entry.step));
          this._report('tour_step_viewed', message, { stepId: message.steps[entry.step!]!.id, stepIndex: entry.step });
        }
        if (announce && message.kind === 'certification') {
          const { program, level, levelName } = message.certification;
          storage.set(this._key('level', program), String(level));
          this._report('certification_awarded', message, { program, level, levelName });
        }
        this._update(entry, entry.message);
      }),
      onButton: live((pressed) => this._act(entry, pressed)),
      onDismiss: live(() => {
        this._report('message_dismissed', message);
        this._end(message);
      }),
      // A re-render replaced the anchor: find the new one now, not at the next decision.
      onAnchorLost: live(() => {
        this._close(message.campaignId);
        void this._show(entry.message, entry.step, true, true);
      }),
      onAnswer: live((answer) => {
        this._report('survey_answered', message, answer);
        this._report('message_completed', message);
        setTimeout(() => this._showing.get(message.campaignId) === entry && this._close(message.campaignId), THANKS_MS);
      }),
    };
  }

  /** Carries out a button, checklist item or launcher entry. */
  private _act(entry: Showing, { id, action }: Pressable): void {
    const { message } = entry;
    // Moving through a tour is not a response to it, so it is not a click (which would end it).
    if (message.kind === 'tour' && (action?.type === 'next' || action?.type === 'back')) return this._step(entry, action.type === 'next', id === ANCHOR_CLICK);
    // Lists and badges stay on screen, and pressing their items is using them, not answering
    // them: a click would stop them (campaigns stop after a click by default).
    const stays = message.kind === 'checklist' || message.kind === 'launcher' || message.kind === 'certification';
    if (!stays) this._report('message_clicked', message, { buttonId: id });
    // A link opened in a new tab leaves the message where it was.
    if (!stays && !(action?.type === 'url' && action.newTab)) this._end(message);
    switch (action?.type) {
      case 'dismiss':
        return this._report('message_dismissed', message);
      case 'snooze':
        return this._report('message_snoozed', message, { days: action.days });
      case 'url':
        return this._navigate(action.url, action.newTab);
      case 'tour':
        return void this.refresh(action.campaignId);
      case 'track':
        this._options.tracker.track(action.event);
        return this.tracked();
      case 'complete_item':
        return this._completeItem(message, action.itemId);
    }
  }

  /**
   * Takes a message off the screen for good. A tour ended so (closed, or by one of its buttons) is
   * over, as the server counts it: started again (launcher, a "start a tour" button) it begins at
   * its first step, not where it was left.
   */
  private _end(message: DecidedMessage): void {
    if (message.kind === 'tour') storage.remove(this._tourKey(message));
    this._close(message.campaignId);
  }

  /** `clicked`: the user clicked the step's anchor, which takes them wherever it leads by itself. */
  private _step(entry: Showing, forward: boolean, clicked: boolean): void {
    const tour = entry.message as Tour;
    const from = entry.step!;
    const to = Math.max(0, from + (forward ? 1 : -1));
    const key = this._tourKey(tour);
    this._close(tour.campaignId);
    if (to === tour.steps.length) {
      storage.remove(key);
      this._report('tour_completed', tour);
      return this._report('message_completed', tour);
    }
    storage.set(key, String(to));
    // The step lives on another page: go there (where Next leads, else the step's own page); the
    // new page resumes at `to`.
    const url = !clicked && ((forward && tour.steps[from]!.url) || wayTo(tour.steps[to]!));
    if (url) this._navigate(url);
    else void this._show(tour, to, true);
  }

  /** Ticks an item at once, in the checklist pressed or whichever showing checklist lists it. */
  private _completeItem(from: DecidedMessage, itemId: string): void {
    const entry = [this._showing.get(from.campaignId), ...this._showing.values()].find(
      (e) => e?.message.kind === 'checklist' && e.message.items.some((item) => item.id === itemId),
    );
    const checklist = entry?.message;
    if (checklist?.kind !== 'checklist') return;
    const item = checklist.items.find((i) => i.id === itemId)!;
    // Pressed again once the server has it: nothing new to count.
    if (!item.done || item.unreported) this._tick(entry!, checklist, itemId);
    this._update(entry!, { ...checklist, items: checklist.items.map((i) => (i.id === itemId ? { ...i, done: true } : i)) });
  }

  /** Reports a checklist item completed, once per item however it was completed (button or feature use). */
  private _tick(entry: Showing, checklist: DecidedMessage, itemId: string): void {
    entry.ticked ??= new Set();
    if (entry.ticked.has(itemId)) return;
    entry.ticked.add(itemId);
    this._report('checklist_item_completed', checklist, { itemId });
  }

  /**
   * New state for a message on screen. Once a checklist is on screen, items the user's feature
   * use ticked and nobody reported yet are reported; a checklist with every item done is completed.
   */
  private _update(entry: Showing, message: DecidedMessage): void {
    entry.message = message;
    if (entry.element) entry.element.message = message;
    if (message.kind !== 'checklist' || !entry.seen) return;
    for (const item of message.items) if (item.unreported) this._tick(entry, message, item.id);
    if (!entry.done && message.items.every((item) => item.done)) {
      entry.done = true;
      this._report('message_completed', message);
    }
  }

  private _navigate(url: string, newTab?: boolean): void {
    if (this._options.navigate) this._options.navigate(url, newTab);
    else if (newTab) open(url, '_blank', 'noopener');
    else location.assign(url);
  }

  /** Tracks a message event (names checked against the protocol's) and tells the host page's listeners. */
  private _report(name: MessageEventName, message: DecidedMessage, extra?: object): void {
    const properties = { campaignId: message.campaignId, version: message.version, kind: message.kind, ...extra };
    this._options.tracker.track(name, properties);
    this._options.emit(name, properties);
  }

  private _close(campaignId: string): void {
    this._showing.get(campaignId)?.element?.remove();
    this._showing.delete(campaignId);
  }
}
