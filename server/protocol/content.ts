// Message content is structured data, never HTML: widgets render it through Lit
// bindings only, so author text can never become markup.
import { z } from 'zod';

const text = z.string().max(2000);
const safeUrl = z
  .string()
  .max(2048)
  .refine((u) => /^(https:|mailto:|\/(?!\/))/i.test(u) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i.test(u), {
    message: 'links must be https:, mailto: or a same-site path',
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
]);
export type Block = z.infer<typeof block>;

export const buttonAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dismiss') }),
  z.object({ type: z.literal('url'), url: safeUrl }),
]);

export const button = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(80),
  style: z.enum(['primary', 'secondary']).default('primary'),
  action: buttonAction,
});

export const messageContent = z.object({
  title: z.string().max(200).default(''),
  body: z.array(block).max(50).default([]),
  buttons: z.array(button).max(3).default([]),
});

export type MessageContent = z.infer<typeof messageContent>;
export type MessageButton = z.infer<typeof button>;
