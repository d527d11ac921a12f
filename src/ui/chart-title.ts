// Vega draws a chart's title on one line and cuts it at the chart's edge: on a phone "销售额：2025年7月实际与预期"
// lost its last words. The title is split into lines that fit the width the chart is drawn at, breaking
// between words in English and between characters in Chinese (never before a closing mark). Widths are
// estimated from the font size: a CJK character is about one em wide, other characters about 0.62 em in bold.
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const TOKEN =
  /[\p{Script=Han}\u3000-\u303f\uff00-\uffef][，。：；、）」』！？]?|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+\s*|\s+/gu;

export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? fontSize : fontSize * 0.62;
  return w;
}

/** The title as lines no wider than `maxWidth` px; a single word longer than that keeps a line of its own. */
export function titleLines(text: string, maxWidth: number, fontSize = 13): string[] {
  if (textWidth(text, fontSize) <= maxWidth) return [text];
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(TOKEN) ?? []) {
    if (line.trim() && textWidth(`${line}${token}`.trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** A spec's title (a string or a title object) fitted to `width` px, its text and subtitle in lines. */
export function fitTitle(title: unknown, width: number): Record<string, unknown> {
  const t =
    typeof title === 'object' && title !== null && !Array.isArray(title)
      ? (title as Record<string, unknown>)
      : { text: title };
  // Vega-Lite's default title and subtitle sizes: the specs set no other.
  const fit = (v: unknown, size: number) => {
    if (typeof v !== 'string' || width <= 0) return v;
    const lines = titleLines(v, width, size);
    return lines.length === 1 ? v : lines;
  };
  return { ...t, text: fit(t.text, 13), ...(t.subtitle === undefined ? {} : { subtitle: fit(t.subtitle, 10) }) };
}
