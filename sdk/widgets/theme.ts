// Shared look of every widget, themeable by the host page through CSS custom properties.
import { css } from 'lit';

export const theme = css`
  :host {
    --_accent: var(--uptake-accent, #2a5bd7);
    --_bg: var(--uptake-bg, #ffffff);
    --_fg: var(--uptake-fg, #1b2430);
    --_muted: var(--uptake-muted, #5b6775);
    --_radius: var(--uptake-radius, 10px);
    --_font: var(--uptake-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_shadow: var(--uptake-shadow, 0 8px 28px rgba(15, 23, 42, 0.22));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--uptake-bg, #1f2630);
      --_fg: var(--uptake-fg, #eef2f6);
      --_muted: var(--uptake-muted, #a9b4c0);
      --_accent: var(--uptake-accent, #7aa2ff);
    }
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    color: #fff;
    border: 0;
    border-radius: 8px;
    padding: 7px 14px;
    font-weight: 600;
  }
  .secondary {
    background: transparent;
    color: var(--_fg);
    border: 1px solid color-mix(in srgb, var(--_fg) 25%, transparent);
    border-radius: 8px;
    padding: 6px 13px;
  }
  a {
    color: var(--_accent);
  }
`;
