// A failed tool call as the user reads it. The tool's own message is written for a model (in English, naming
// tools and telling it what to try next), so a Chinese answer says what failed and why in Chinese, from the
// error code; the English line keeps the message it has always shown.
import { TOOL_LABELS } from '../../../protocol/call-words.ts';
import type { Language } from '../../../protocol/turn.ts';
import type { Outcome } from '../outcome.ts';
import { zh } from './read.ts';

// Why it failed, by code; anything not listed gets the generic reason, never the English text.
const REASON_ZH: Record<string, string> = {
  query_timeout: '查询耗时过长被停止了，可以缩短时间范围或换个更汇总的问法',
  db_unreachable: '暂时连不上数据库，请稍后再试',
  db_auth: '服务器登录数据库失败，需要管理员处理',
  db_denied: '服务器缺少所需的数据库权限，需要管理员处理',
  bad_config: '服务器对这项分析的配置有误，需要管理员处理',
  bad_db_url: '服务器对这项分析的配置有误，需要管理员处理',
  forbidden: '你的账号角色没有使用这项分析的权限',
  not_found: '没有找到所问的对象',
  bad_input: '问题里的条件没能转换成有效的查询',
  unsupported: '这项分析不支持所问的条件',
  sql_rejected: '查询没有通过安全检查',
  not_run: '没有返回结果',
};
const GENERIC_ZH = '运行时出了错，可以换个更简单的问法再试';

export function toolErrorLine(o: Outcome, lang: Language): string {
  const e = o.error ?? { code: 'not_run', message: 'no result came back' };
  if (!zh(lang)) return `${o.name} could not run: ${e.message}`;
  return `${TOOL_LABELS[o.name]?.zh ?? '这项查询'}没能完成：${REASON_ZH[e.code] ?? GENERIC_ZH}。`;
}
