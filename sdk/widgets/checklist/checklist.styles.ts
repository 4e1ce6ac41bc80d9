import { css } from 'lit';

export const checklistStyles = css`
  .panel { bottom: 16px; inset-inline-start: 16px; width: min(320px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; }
  .head { display: flex; width: 100%; align-items: baseline; gap: 8px; margin-bottom: 8px; padding: 0; padding-inline-end: 28px; border: 0; background: none; font-weight: 600; font-size: 15px; text-align: start; }
  .count { margin-inline-start: auto; color: var(--_muted); font-weight: 400; font-size: 13px; }
  [hidden] { display: none; }
  ul { list-style: none; margin: 12px 0 0; padding: 0; }
  li > * { display: flex; gap: 10px; width: 100%; padding: 7px 4px; border: 0; border-radius: 6px; background: none; text-align: start; }
  li > button:hover { background: var(--_line); }
  .mark { flex: none; width: 16px; height: 16px; margin-top: 2px; border: 2px solid var(--_line); border-radius: 50%; box-sizing: border-box; }
  .done .mark { border-color: var(--_accent); background: var(--_accent); box-shadow: inset 0 0 0 3px var(--_bg); }
  .done .label { color: var(--_muted); text-decoration: line-through; }
  small { display: block; color: var(--_muted); }
`;
