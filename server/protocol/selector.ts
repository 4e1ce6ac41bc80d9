// The CSS selector a message anchor or a click feature rule names an element by. `>>>` enters an
// open shadow root or a same-origin iframe's page (sdk/core/deep-selector.ts), so elements inside
// web components and embedded pages can be named.
import { z } from 'zod';

export const cssSelector = z
  .string()
  .min(1)
  .max(512)
  .describe(
    'A CSS selector; "host >>> inner" names inner inside the open shadow root of host, and "iframe#editor >>> .bold" ' +
      'names .bold in the page a same-origin iframe shows (each >>> enters one more).',
  );
