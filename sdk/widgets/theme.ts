// Shared look of every widget, themeable by the host page through CSS custom properties set
// on the widget elements or any ancestor (they inherit into shadow DOM):
//
//   --uptake-accent     primary buttons, links, progress       default #2a5bd7 (dark: #7aa2ff)
//   --uptake-accent-fg  text on the accent colour               default #fff (dark: #0b1220)
//   --uptake-bg         surface background                      default #fff (dark: #1f2630)
//   --uptake-fg         text                                    default #1b2430 (dark: #eef2f6)
//   --uptake-muted      secondary text, close buttons           default #5b6775 (dark: #a9b4c0)
//   --uptake-radius     corner radius of surfaces               default 10px
//   --uptake-font       font family                             default system-ui
//   --uptake-shadow     surface shadow                          default a soft 28px shadow
//   --uptake-overlay    dimming behind modals                   default rgb(15 23 42 / 55%)
//   --uptake-z          stacking order where the top layer is unavailable   default 2147483000
//
// Dark colours follow prefers-color-scheme; prefers-reduced-motion turns every animation off.
import { css } from 'lit';

export const theme = css`
  :host {
    --_accent: var(--uptake-accent, #2a5bd7);
    --_on-accent: var(--uptake-accent-fg, #fff);
    --_bg: var(--uptake-bg, #fff);
    --_fg: var(--uptake-fg, #1b2430);
    --_muted: var(--uptake-muted, #5b6775);
    --_line: color-mix(in srgb, var(--_fg) 16%, transparent);
    --_radius: var(--uptake-radius, 10px);
    --_shadow: var(--uptake-shadow, 0 8px 28px rgb(15 23 42 / 22%));
    --_z: var(--uptake-z, 2147483000);
    font: 14px/1.45 var(--uptake-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--uptake-accent, #7aa2ff);
      --_on-accent: var(--uptake-accent-fg, #0b1220);
      --_bg: var(--uptake-bg, #1f2630);
      --_fg: var(--uptake-fg, #eef2f6);
      --_muted: var(--uptake-muted, #a9b4c0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { animation: none !important; transition: none !important; }
  }
  @keyframes enter {
    from { opacity: 0; transform: translateY(6px); }
  }
  [popover] { inset: auto; margin: 0; border: 0; overflow: visible; }
  .panel {
    position: fixed;
    z-index: var(--_z);
    box-sizing: border-box;
    padding: 14px 16px;
    background: var(--_bg);
    color: var(--_fg);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    animation: enter 160ms ease-out;
  }
  h2 { margin: 0 0 6px; margin-inline-end: 28px; font-size: 15px; line-height: 1.3; }
  img { display: block; max-width: 100%; margin: 4px 0 8px; border-radius: 6px; }
  .body p, .body ul, .body ol { margin: 0 0 8px; }
  .body ul, .body ol { padding-inline-start: 20px; }
  a { color: var(--_accent); }
  button { font: inherit; color: inherit; cursor: pointer; }
  button:focus-visible, textarea:focus-visible, .panel:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 10px; }
  .primary, .secondary { border-radius: 8px; padding: 6px 13px; border: 1px solid var(--_accent); font-weight: 600; }
  .primary { background: var(--_accent); color: var(--_on-accent); }
  .secondary { background: transparent; border-color: var(--_line); font-weight: 400; }
  .primary:disabled { opacity: 0.5; cursor: default; }
  .close {
    position: absolute;
    top: 6px;
    inset-inline-end: 6px;
    width: 28px;
    height: 28px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: var(--_muted);
    font-size: 18px;
    line-height: 1;
  }
  .close:hover { background: var(--_line); }
  progress { appearance: none; display: block; width: 100%; height: 6px; border: 0; border-radius: 3px; background: var(--_line); overflow: hidden; }
  progress::-webkit-progress-bar { background: transparent; }
  progress::-webkit-progress-value { background: var(--_accent); }
  progress::-moz-progress-bar { background: var(--_accent); }
  .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
