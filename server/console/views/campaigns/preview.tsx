// The live preview: the draft rendered by the real SDK widgets, as a customer's user would see
// it. The widgets chunk (/sdk/widgets.js) is imported at run time inside a frame — never
// bundled into the console — because widgets use the top layer (modals, popovers) and fixed
// positions that must stay inside the frame, not cover the editor. A stand-in element in the
// frame plays the anchor.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageHandlers, ShownMessage, Widgets } from '../../../../sdk/guide/widgets-api.ts';
import { formatLanguage } from '../../format.ts';
import { type CampaignDraft, draftLocales, previewMessage } from '../../state/campaigns.ts';

/** The frame's page: a sketch of a product, the anchor stand-in on the side facing the message, and the widgets import. */
const FRAME_PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;height:100vh;font:13px/1.4 system-ui,sans-serif;background:#f5f7fa;color:#1b2430;overflow:hidden}
.sketch{position:absolute;inset:16px;display:grid;gap:10px;align-content:start}
.sketch i{display:block;height:10px;border-radius:5px;background:#e6eaf0}.sketch i:nth-child(odd){width:70%}
#preview-anchor{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);font:inherit;font-size:12px;padding:6px 10px;border:2px dashed #2456c9;border-radius:8px;background:#fff;color:#2456c9}
body[data-placement^=right] #preview-anchor{left:12px;transform:translateY(-50%)}
body[data-placement^=left] #preview-anchor{left:auto;right:12px;transform:translateY(-50%)}
body[data-placement^=top] #preview-anchor{top:auto;bottom:24px;transform:translateX(-50%)}
body[data-placement^=bottom] #preview-anchor{top:24px;transform:translateX(-50%)}
</style></head><body><div class="sketch" aria-hidden="true"><i></i><i></i><i></i><i></i><i></i><i></i></div><button id="preview-anchor" type="button">Anchor</button>
<script type="module">
import('/sdk/widgets.js').then(
  (widgets) => { window.uptakeWidgets = widgets; dispatchEvent(new Event('uptake-widgets')); },
  (error) => { window.uptakeWidgetsError = String(error); dispatchEvent(new Event('uptake-widgets')); });
</script></body></html>`;

type FrameWindow = Window & { uptakeWidgets?: Widgets; uptakeWidgetsError?: string };

/** The anchor of what is on screen: the draft's, or the current tour step's. */
const anchorOf = (draft: CampaignDraft, step: number) => (draft.kind === 'tour' ? draft.steps?.[step]?.anchor : draft.kind === 'tooltip' || draft.kind === 'hotspot' || draft.kind === 'modal' ? draft.anchor : undefined);

export function CampaignPreview({ draft, delayMs = 150 }: { draft: CampaignDraft; delayMs?: number }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const shown = useRef<ShownMessage | null>(null);
  const [widgets, setWidgets] = useState<Widgets | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [closed, setClosed] = useState(false);
  /** The translation shown; null: the message as written. */
  const [chosenLocale, setLocale] = useState<string | null>(null);
  const locales = draftLocales(draft);
  // A translation removed while shown: back to the message as written.
  const locale = chosenLocale && locales.includes(chosenLocale) ? chosenLocale : null;
  const steps = draft.steps?.length ?? 0;
  const shownStep = Math.min(step, Math.max(0, steps - 1));
  const selector = anchorOf(draft, shownStep)?.selector;
  const key = JSON.stringify(draft);

  const onLoad = () => {
    const win = frame.current?.contentWindow as FrameWindow | null;
    if (!win) return;
    const take = () => {
      if (win.uptakeWidgets) setWidgets(win.uptakeWidgets);
      else if (win.uptakeWidgetsError) setFailure(`the widgets could not load (${win.uptakeWidgetsError})`);
    };
    take();
    win.addEventListener('uptake-widgets', take);
  };

  // An edit shows the message again after someone closed it in the preview.
  useEffect(() => setClosed(false), [key]);
  useEffect(() => {
    if (!widgets) return;
    if (closed) {
      shown.current?.remove();
      shown.current = null;
      return;
    }
    const timer = setTimeout(() => {
      const doc = frame.current?.contentDocument;
      if (!doc) return;
      const anchor = doc.getElementById('preview-anchor')!;
      const pointsWith = anchorOf(draft, shownStep);
      // Leave the message room on the side it opens to.
      doc.body.dataset.placement = pointsWith?.placement ?? '';
      anchor.hidden = !pointsWith;
      // Widgets move focus into themselves (a modal must); the author is typing in the editor.
      const typing = document.activeElement as HTMLElement | null;
      shown.current?.remove();
      const handlers: MessageHandlers = {
        onShown: () => undefined,
        onButton: ({ action }) => {
          if (action?.type === 'next') setStep((s) => Math.min(s + 1, Math.max(0, steps - 1)));
          else if (action?.type === 'back') setStep((s) => Math.max(0, s - 1));
          else setClosed(true);
        },
        onDismiss: () => setClosed(true),
        onAnswer: () => undefined,
        onAnchorLost: () => undefined, // the preview's sample anchor stays
      };
      try {
        shown.current = widgets.show(previewMessage(draft, locale), pointsWith ? anchor : null, handlers, { step: shownStep, announce: true });
        setFailure(null);
      } catch (error) {
        setFailure(`this draft cannot be shown yet (${(error as Error).message})`);
      }
      const giveBack = () => {
        if (typing && typing !== document.body && document.activeElement === frame.current) typing.focus({ preventScroll: true });
      };
      requestAnimationFrame(giveBack);
      setTimeout(giveBack, 120);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [widgets, key, step, closed, locale]);

  useEffect(() => () => shown.current?.remove(), []);

  return (
    <section class="campaign-preview" aria-label="Live preview">
      <div class="panel-head">
        <h2>Live preview</h2>
        <div class="actions">
          {locales.length > 0 && (
            <label class="inline small">
              Language
              <select value={locale ?? ''} onChange={(e) => setLocale((e.target as HTMLSelectElement).value || null)}>
                <option value="">As written</option>
                {locales.map((tag) => (
                  <option key={tag} value={tag}>
                    {formatLanguage(tag)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {draft.kind === 'tour' && steps > 1 && (
            <span class="small muted">
              Step {shownStep + 1} of {steps}{' '}
              <button type="button" class="secondary small" disabled={step === 0} onClick={() => setStep((s) => Math.max(0, s - 1))}>
                Back
              </button>{' '}
              <button type="button" class="secondary small" disabled={step >= steps - 1} onClick={() => setStep((s) => s + 1)}>
                Next
              </button>
            </span>
          )}
          {closed && (
            <button type="button" class="secondary small" onClick={() => setClosed(false)}>
              Show again
            </button>
          )}
        </div>
      </div>
      {failure && <p class="error-note">Preview unavailable: {failure}</p>}
      <iframe ref={frame} class="preview-frame" title="Preview of the message as users see it" srcdoc={FRAME_PAGE} onLoad={onLoad} />
      <p class="hint">
        {selector && (
          <>
            The dashed box stands in for <code>{selector}</code>.{' '}
          </>
        )}
        Rendered by the same widgets your users get. Buttons only act here: links do not open, nothing is recorded.
      </p>
    </section>
  );
}
