import { css } from 'lit';

export const bannerStyles = css`
  .panel { left: 8px; right: 8px; top: 8px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; padding: 10px 16px; padding-inline-end: 44px; }
  .bottom { top: auto; bottom: 8px; }
  .text { flex: 1 1 240px; }
  h2 { display: inline; margin: 0; margin-inline-end: 8px; }
  .body, .body p:last-child { display: inline; margin: 0; }
  img { display: none; }
  .actions { margin: 0; }
  .close { top: 50%; translate: 0 -50%; }
`;
