import { css } from 'lit';

export const tooltipStyles = css`
  .panel {
    position: fixed;
    top: 0;
    left: 0;
    z-index: 2147483000;
    box-sizing: border-box;
    width: max-content;
    max-width: min(320px, calc(100vw - 16px));
    padding: 14px 16px 14px;
    background: var(--_bg);
    color: var(--_fg);
    font: 14px/1.45 var(--_font);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    visibility: hidden;
  }
  .panel.placed {
    visibility: visible;
    animation: enter 160ms ease-out;
  }
  @keyframes enter {
    from { opacity: 0; transform: scale(0.96); }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel.placed { animation: none; }
  }
  h2 {
    margin: 0 28px 6px 0;
    font-size: 15px;
    line-height: 1.3;
  }
  .body p { margin: 0 0 8px; }
  .body ul { margin: 0 0 8px; padding-inline-start: 20px; }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 10px;
  }
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
  .close:hover { background: color-mix(in srgb, var(--_fg) 8%, transparent); }
  .arrow {
    position: absolute;
    width: 10px;
    height: 10px;
    background: var(--_bg);
    transform: rotate(45deg);
  }
`;
