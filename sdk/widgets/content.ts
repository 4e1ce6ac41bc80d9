// Structured content → Lit templates. Author text only ever reaches the page through Lit
// text and attribute bindings, so it can never become markup or script.
import { html, nothing, type TemplateResult } from 'lit';
import type { Block, Inline } from '../../server/protocol/content.ts';

/** Only https:, mailto: and same-site paths become links; anything else renders as plain text. */
export function isSafeLink(url: string): boolean {
  return /^(https:|mailto:)/i.test(url) || /^\/(?!\/)/.test(url) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i.test(url);
}

function inline(node: Inline): TemplateResult | string {
  if ('link' in node) {
    return isSafeLink(node.link) ? html`<a href=${node.link} target="_blank" rel="noopener noreferrer">${node.text}</a>` : node.text;
  }
  let out: TemplateResult | string = node.text;
  if (node.italic) out = html`<em>${out}</em>`;
  if (node.bold) out = html`<strong>${out}</strong>`;
  return out;
}

export function renderBlocks(blocks: readonly Block[] | undefined): TemplateResult | typeof nothing {
  if (!blocks?.length) return nothing;
  return html`${blocks.map((block) =>
    'p' in block
      ? html`<p>${block.p.map(inline)}</p>`
      : 'ul' in block
        ? html`<ul>${block.ul.map((item) => html`<li>${item.map(inline)}</li>`)}</ul>`
        : html`<ol>${block.ol.map((item) => html`<li>${item.map(inline)}</li>`)}</ol>`,
  )}`;
}
