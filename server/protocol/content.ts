// Message content is structured data, never HTML: widgets render it through Lit
// bindings only, so author text can never become markup.
import { z } from 'zod';
import { LOCALE_TAG, LOCALE_TAG_RULE } from './locale-tag.ts';

const text = z.string().max(2000);
const safeUrl = z
  .string()
  .max(2048)
  .refine((u) => /^(https:|mailto:|\/(?!\/))/i.test(u) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i.test(u), {
    message: 'links must be https:, mailto: or a same-site path',
  });
const imageUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https:\/\//i.test(u) || /^\/(?!\/)/.test(u) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i.test(u), {
    message: 'images must be https: or a same-site path',
  });

export type Inline =
  | { text: string; bold?: boolean; italic?: boolean }
  | { link: string; text: string };

export const inline: z.ZodType<Inline> = z.union([
  z.object({ text, bold: z.boolean().optional(), italic: z.boolean().optional() }).strict(),
  z.object({ link: safeUrl, text }).strict(),
]);

export const block = z.union([
  z.object({ p: z.array(inline).max(50) }).strict(),
  z.object({ ul: z.array(z.array(inline).max(50)).max(20) }).strict(),
  z.object({ ol: z.array(z.array(inline).max(50)).max(20) }).strict(),
]);
export type Block = z.infer<typeof block>;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');

/** What a button does. The guide runtime carries these out; widgets only report the click. */
export const buttonAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dismiss') }),
  z.object({ type: z.literal('next') }),
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('snooze'), days: z.number().int().min(1).max(365) }),
  z.object({ type: z.literal('url'), url: safeUrl, newTab: z.boolean().optional() }),
  z.object({ type: z.literal('tour'), campaignId: id }),
  z.object({ type: z.literal('track'), event: z.string().min(1).max(256) }),
  z.object({ type: z.literal('complete_item'), itemId: id }),
]);
export type ButtonAction = z.infer<typeof buttonAction>;

export const button = z.object({
  id,
  label: z.string().min(1).max(80),
  style: z.enum(['primary', 'secondary']).default('primary'),
  action: buttonAction,
});

export const image = z.object({ src: imageUrl, alt: z.string().max(300) });

export const messageContent = z.object({
  title: z.string().max(200).default(''),
  body: z.array(block).max(50).default([]),
  image: image.optional(),
  buttons: z.array(button).max(3).default([]),
});

/** Translations keyed by BCP 47 tag ("fr", "pt-BR"); the server picks one per decide. */
export const localeVariants = z.record(z.string().regex(LOCALE_TAG, LOCALE_TAG_RULE), messageContent);

export type MessageContent = z.infer<typeof messageContent>;
export type MessageButton = z.infer<typeof button>;
export type MessageImage = z.infer<typeof image>;
