// The embed snippet a product team pastes into its pages: the loader plus one init call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './paths.ts';

let loader: string | undefined;

function loaderSource(): string {
  loader ??= readFileSync(join(distDir, 'sdk', 'loader.js'), 'utf8').trim();
  return loader;
}

export function renderSnippet({ writeKey, host }: { writeKey: string; host: string }): string {
  const config = JSON.stringify({ writeKey, host }).replace(/</g, '\\u003c');
  return `<script>\n${loaderSource()}\nuptake.init(${config});\n</script>`;
}
