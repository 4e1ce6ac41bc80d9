import { css } from 'lit';

export const certificationStyles = css`
  .toggle {
    position: fixed;
    bottom: 80px;
    inset-inline-end: 16px;
    z-index: var(--_z);
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 12px 4px 4px;
    padding-inline: 4px 12px;
    border: 0;
    border-radius: 999px;
    background: var(--_bg);
    box-shadow: var(--_shadow);
    font-weight: 600;
  }
  .level { display: grid; place-items: center; width: 28px; height: 28px; border-radius: 50%; background: var(--_accent); color: var(--_on-accent); }
  .panel { bottom: 124px; inset-inline-end: 16px; width: min(320px, calc(100vw - 32px)); }
  [part='level'] { margin: 0 0 8px; font-weight: 600; }
  h3 { margin: 8px 0 4px; font-size: 13px; color: var(--_muted); }
  ul { list-style: none; margin: 0; padding: 0; }
  li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2px 8px; margin-bottom: 8px; }
  .n { color: var(--_muted); }
  .done .n { color: var(--_accent); }
`;
