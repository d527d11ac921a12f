// Follow-up questions for the chips. When a turn's summary has none, a model may still have written them
// as the answer's closing block: a short heading ("You could also ask:", "你还可以问：") and 2–6 bullets.
// That block moves from the text to the chips so it is not shown twice.

export function splitSuggestions(answer: string): { answer: string; suggestions: string[] } {
  const text = answer.replace(/\s+$/, '');
  const cut = text.lastIndexOf('\n\n');
  const block = text.slice(cut + 2).split('\n');
  const heading = block[0]?.trim() ?? '';
  const bullets = block.slice(1);
  const isHeading = /[:：]$/.test(heading) && heading.length <= 30 && !/\d/.test(heading);
  const items = bullets.map((l) => /^\s*(?:[-*•]|\d+[.)])\s+(.+)$/.exec(l)?.[1]?.trim());
  if (cut < 0 || !isHeading || items.length < 2 || items.length > 6 || items.some((s) => !s || s.length > 120)) {
    return { answer, suggestions: [] };
  }
  return { answer: text.slice(0, cut), suggestions: (items as string[]).slice(0, 4) };
}
