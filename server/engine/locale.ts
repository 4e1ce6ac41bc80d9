// Picks the translation of a message for the visitor's language: the exact tag, then its
// language alone, then the default content (pt-BR → pt → default).
import type { MessageContent } from '../protocol/content.ts';

export function pickLocale(
  content: MessageContent,
  variants: Readonly<Record<string, MessageContent>> | undefined,
  locale: string | undefined,
): MessageContent {
  if (!variants || !locale) return content;
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0]!;
  let byLanguage: MessageContent | undefined;
  for (const [tag, variant] of Object.entries(variants)) {
    const lower = tag.toLowerCase();
    if (lower === wanted) return variant;
    if (lower === language) byLanguage = variant;
  }
  return byLanguage ?? content;
}

/** Whether a locale condition's tag covers the visitor's locale: "pt" covers "pt-BR", not the reverse. */
export function localeCovers(tag: string, locale: string): boolean {
  const t = tag.toLowerCase();
  const l = locale.toLowerCase();
  return l === t || l.startsWith(`${t}-`);
}
