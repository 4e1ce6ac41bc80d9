import { css } from 'lit';

export const slideoutStyles = css`
  .panel { top: 0; bottom: 0; width: min(380px, 100vw); padding: 24px; overflow: auto; animation: slide 220ms ease-out; --_from: 100%; }
  /* Rounded only where the panel meets the page. */
  .right { right: 0; border-radius: var(--_radius) 0 0 var(--_radius); }
  .left { left: 0; border-radius: 0 var(--_radius) var(--_radius) 0; --_from: -100%; }
  @keyframes slide {
    from { transform: translateX(var(--_from)); }
  }
`;
