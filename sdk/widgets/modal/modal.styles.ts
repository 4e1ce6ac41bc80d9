import { css } from 'lit';

export const modalStyles = css`
  dialog {
    position: fixed;
    inset: 0;
    z-index: var(--_z);
    width: 100%;
    height: 100%;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    overflow: hidden;
  }
  dialog[open] { display: grid; place-items: center; }
  dialog::backdrop { background: none; }
  svg { position: fixed; inset: 0; width: 100%; height: 100%; fill: var(--uptake-overlay, rgb(15 23 42 / 55%)); }
  .panel { position: relative; width: min(480px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; }
  .anchored { position: fixed; top: 0; left: 0; width: min(360px, calc(100vw - 16px)); visibility: hidden; }
  .anchored.placed { visibility: visible; }
`;
