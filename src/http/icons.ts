/**
 * Icons from Tabler (the maintained @tabler/icons package, MIT), inlined into pages as SVG so no icon
 * is fetched from anywhere: `<%- icon('search') %>` in a template. Decorative (aria-hidden): every icon
 * sits beside words that say the same.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const OUTLINE = path.join(path.dirname(createRequire(import.meta.url).resolve('@tabler/icons/package.json')), 'icons', 'outline');
const cache = new Map<string, string>();

/** The named Tabler outline icon as inline SVG markup; an unknown name is an error at first use (a typo in a view). */
export function icon(name: string): string {
  const known = cache.get(name);
  if (known !== undefined) return known;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Icon name "${name}" is not a Tabler icon name`);
  const svg = readFileSync(path.join(OUTLINE, `${name}.svg`), 'utf8')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/ (width|height|class)="[^"]*"/g, '')
    .replace('<svg ', `<svg class="icon" aria-hidden="true" focusable="false" width="18" height="18" `)
    .replace(/<path stroke="none" d="M0 0h24v24H0z" fill="none" \/>\s*/, '')
    .trim();
  cache.set(name, svg);
  return svg;
}
