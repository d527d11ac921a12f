// Tables are titled by the tool call that made them ("breakdown (metric=net_sales, dimension=channel, ...)").
// A file name or a heading wants words: the tool's name and its short plain arguments, no JSON.

const TOOL_CALL = /^([a-z_]+) \((.*)\)$/s;
const MAX_ARGS = 4;

export function readableTableTitle(title: string): string {
  const m = TOOL_CALL.exec(title.trim());
  if (!m) return title.replace(/_/g, ' ');
  const [, tool, args] = m as unknown as [string, string, string];
  const values = args
    .split(/, (?=[a-z_]+=)/)
    .map((a) => a.slice(a.indexOf('=') + 1))
    .filter((v) => v && v.length <= 30 && !/^[[{"]/.test(v) && v !== 'true' && v !== 'false');
  return [tool, ...values.slice(0, MAX_ARGS)].join(' ').replace(/_/g, ' ');
}
