import { css } from 'lit';

export const slideoutStyles = css`
  .panel { top: 0; bottom: 0; width: min(380px, 100vw); padding: 24px; overflow: auto; border-radius: 0; animation: slide 220ms ease-out; --_from: 100%; }
  .right { right: 0; }
  .left { left: 0; --_from: -100%; }
  @keyframes slide {
    from { transform: translateX(var(--_from)); }
  }
`;
