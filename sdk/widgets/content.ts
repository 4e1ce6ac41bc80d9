// Structured content → Lit templates. Author text only ever reaches the page through Lit
// text and attribute bindings, so it can never become markup or script. URLs are checked
// again here although the server validated them: the widgets never trust what they receive.
import { html, nothing, type TemplateResult } from 'lit';
import type { Block, Inline, MessageContent } from '../../server/protocol/content.ts';

const sameSite = /^\/(?!\/)|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i;

/** Only https:, mailto: and same-site paths become links; anything else renders as plain text. */
export const isSafeLink = (url: string): boolean => /^(https:|mailto:)/i.test(url) || sameSite.test(url);

/** Only https: and same-site images are shown. */
export const isSafeImage = (src: string): boolean => /^https:\/\//i.test(src) || sameSite.test(src);

function inline(node: Inline): TemplateResult | string {
  if ('link' in node) {
    return isSafeLink(node.link) ? html`<a href=${node.link} target="_blank" rel="noopener noreferrer">${node.text}</a>` : node.text;
  }
  let out: TemplateResult | string = node.text;
  if (node.italic) out = html`<em>${out}</em>`;
  if (node.bold) out = html`<strong>${out}</strong>`;
  return out;
}

const items = (list: Inline[][]) => list.map((item) => html`<li>${item.map(inline)}</li>`);

export function renderBlocks(blocks: readonly Block[] | undefined): TemplateResult | typeof nothing {
  if (!blocks?.length) return nothing;
  return html`${blocks.map((block) =>
    'p' in block ? html`<p>${block.p.map(inline)}</p>` : 'ul' in block ? html`<ul>${items(block.ul)}</ul>` : html`<ol>${items(block.ol)}</ol>`,
  )}`;
}

/** Title (id "title", for aria-labelledby), image and body of a message. */
export function renderContent({ title, image, body }: MessageContent): TemplateResult {
  return html`${title ? html`<h2 id="title" part="title">${title}</h2>` : nothing}${image && isSafeImage(image.src)
      ? html`<img part="image" src=${image.src} alt=${image.alt} />`
      : nothing}${body?.length ? html`<div class="body" part="body">${renderBlocks(body)}</div>` : nothing}`;
}
