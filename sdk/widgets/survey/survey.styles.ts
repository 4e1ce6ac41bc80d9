import { css } from 'lit';

export const surveyStyles = css`
  .panel { bottom: 16px; inset-inline-end: 16px; width: min(380px, calc(100vw - 32px)); }
  .scale { display: grid; gap: 4px; margin-top: 8px; }
  .nps { grid-template-columns: repeat(11, 1fr); }
  [role='radio'] { min-height: 32px; padding: 4px; border: 1px solid var(--_line); border-radius: 6px; background: none; }
  .options [role='radio'] { padding: 8px 10px; text-align: start; }
  [aria-checked='true'] { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  .ends { display: flex; justify-content: space-between; gap: 8px; margin-top: 4px; color: var(--_muted); font-size: 12px; }
  label { display: block; margin-top: 10px; color: var(--_muted); font-size: 13px; }
  textarea { display: block; box-sizing: border-box; width: 100%; margin-top: 4px; padding: 6px 8px; border: 1px solid var(--_line); border-radius: 6px; background: none; color: inherit; font: inherit; resize: vertical; }
  .thanks { margin: 0; font-weight: 600; }
  .thanks:empty { display: none; }
`;
