// Which colour means "up": green (the Western convention) or red (the mainland-China one). Defaults by
// the reader's language until they choose; the choice is kept per browser. It is applied as an attribute
// on <html> (styles.css swaps --up and --down) and to chart colour ranges (upColourChart).
import { computed, signal } from '@preact/signals';
import type { ChartSpec } from '../protocol/index.ts';
import { lang } from './i18n.ts';

export type UpColour = 'green' | 'red';
const KEY = 'tl_up_colour';

function saved(): UpColour | null {
  const v = localStorage.getItem(KEY);
  return v === 'green' || v === 'red' ? v : null;
}

const chosen = signal<UpColour | null>(saved());
/** The colour that means up: the reader's choice, else red for Chinese and green otherwise. */
export const upColour = computed<UpColour>(() => chosen.value ?? (lang.value === 'zh' ? 'red' : 'green'));

export function setUpColour(c: UpColour): void {
  chosen.value = c;
  localStorage.setItem(KEY, c);
}

/** Keeps <html data-up="…"> in step with the setting; returns the unsubscribe. */
export function applyUpColour(): () => void {
  return upColour.subscribe((c) => document.documentElement.setAttribute('data-up', c));
}

export const GREEN = '#2e9e5b';
export const RED = '#d0453b';

/**
 * A chart's increase/decrease colours in the reader's convention: any colour scale whose range holds both
 * the green and the red of src/tools/charts.ts has them swapped when up is red.
 */
export function upColourChart(spec: ChartSpec, c: UpColour): ChartSpec {
  if (c === 'green') return spec;
  const swap = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const lower = v.map((x) => (typeof x === 'string' ? x.toLowerCase() : x));
      if (lower.includes(GREEN) && lower.includes(RED))
        return lower.map((x) => (x === GREEN ? RED : x === RED ? GREEN : x));
      return v.map(swap);
    }
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, k === 'data' ? x : swap(x)]),
      );
    }
    return v;
  };
  return swap(spec) as ChartSpec;
}
