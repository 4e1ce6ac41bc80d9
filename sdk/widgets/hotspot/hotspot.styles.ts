import { css } from 'lit';

export const hotspotStyles = css`
  .beacon {
    position: fixed;
    top: 0;
    left: 0;
    z-index: var(--_z);
    width: 24px;
    height: 24px;
    padding: 0;
    border: 4px solid var(--_bg);
    border-radius: 50%;
    background: var(--_accent);
    box-shadow: var(--_shadow);
    visibility: hidden;
  }
  .beacon.placed { visibility: visible; }
  .beacon::after {
    content: '';
    position: absolute;
    inset: -4px;
    border: 2px solid var(--_accent);
    border-radius: 50%;
    animation: pulse 1.6s ease-out infinite;
  }
  @keyframes pulse {
    to { transform: scale(2.2); opacity: 0; }
  }
`;
