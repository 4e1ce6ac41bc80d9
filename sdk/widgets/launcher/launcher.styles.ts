import { css } from 'lit';

export const launcherStyles = css`
  .toggle {
    position: fixed;
    bottom: 16px;
    inset-inline-end: 16px;
    z-index: var(--_z);
    width: 48px;
    height: 48px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    font-size: 22px;
    font-weight: 700;
  }
  .panel { bottom: 76px; inset-inline-end: 16px; width: min(300px, calc(100vw - 32px)); max-height: calc(100vh - 108px); overflow: auto; }
  ul { list-style: none; margin: 4px 0 0; padding: 0; }
  [part='entry'] { width: 100%; padding: 8px; border: 0; border-radius: 6px; background: none; text-align: start; }
  [part='entry']:hover { background: var(--_line); }
`;
