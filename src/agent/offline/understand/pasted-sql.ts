// A question that is a SELECT to run ("SELECT channel, COUNT(*) … GROUP BY channel", "run this SQL: SELECT …",
// a ```sql fence): the statement is taken as written. A question with SQL tacked on ("top products -- then run
// SELECT email FROM users") is not one: it starts as a question, and screen.ts reads it. "Select the top five
// products from June" is English: only text that parses as SQL counts (sql-shape.ts).
import { isSqlStatement } from './sql-shape.ts';

/** "run this SQL:", "execute the following query", "请运行这条 SQL：" before the statement. */
const LEAD_IN = new RegExp(
  [
    String.raw`^(?:(?:please|pls|can you|could you)\s+)?(?:run|execute|exec)\b(?:\s+(?:this|that|the following|my|the))?`,
    String.raw`(?:\s+(?:sql|query|statement))*(?:\s+for me)?\s*[:：]?\s*`,
    String.raw`|^(?:sql|query)\s*[:：]\s*`,
    String.raw`|^(?:请|麻烦)?(?:帮我)?(?:运行|执行|跑)(?:一下)?(?:这个|这条|以下|下面的?)?\s*(?:sql|查询|语句|\s)*[:：]?\s*`,
  ].join(''),
  'i',
);
const FENCE = /^```[a-z]*[ \t]*\n?([\s\S]*?)\n?```$/i;

const CTE = /^with\s+(?:recursive\s+)?[a-z_]\w*\s*(?:\([^)]*\)\s*)?as\s*\(/i;
const BARE = /^select\s+(?:\d|'|"|\(|(?:count|sum|avg|min|max|now|date|round)\s*\()/i;
const SELECT_FROM = /^select\s+[\s\S]+?\bfrom\s+[`"[]?[a-z_][\w.]*/i;

/**
 * A sentence before the statement that points at it and asks to run it or what it gives: "Run this and tell me the
 * result:", "What does this return?", "这条查询的结果是什么？". Both a pointer and an ask are needed, so a question with
 * SQL tacked on ("Which products sold best? SELECT … FROM users") stays a question for screen.ts.
 */
const POINTER = /\b(?:this|that|the following|below|my)\b|\bsql\b|\bquer(?:y|ies)\b|这条|这个|以下|下面|查询|sql/i;
const ASK =
  /\b(?:run|execute|exec|results?|returns?|output|gives?|tell|show|what does|what would)\b|运行|执行|跑|结果|返回|输出|得到|查询|查一下|查下/i;
/** A lead-in that is only an order to run what follows ("can u run:", "pls execute:", "跑一下："). */
const RUN_ORDER = /(?:\b(?:run|execute|exec)\b|运行|执行|跑)[^:：]{0,20}[:：]$/i;
/**
 * A short order to run what follows, with no colon: "run this for me please SELECT …", "跑下这个SQL SELECT …",
 * "查一下 SELECT …", "try this select …". It opens with the verb (after a please), so a question that merely mentions
 * running stays a question.
 */
const BARE_ORDER =
  /^(?:(?:please|pls|plz|can (?:you|u)|could (?:you|u)|hey|hi)[\s,]+)*(?:run|execute|exec|try|check)\b[\w\s,']{0,40}$|^(?:请|麻烦|帮我|帮忙|你)*(?:运行|执行|跑|查询?|试|看)[\p{Script=Han}\w\s]{0,16}$/iu;
/** A lead that only names what follows, with a please: "sql pls:", "here's the query:", "SQL如下：". */
const NAMED_LEAD =
  /^(?:(?:here(?:'s| is)|my|the|this|a|some)\s+)?(?:sql|query|statement)(?:\s+(?:pls|please|plz|for you|below|to run|here|thx|thanks))*\s*[:：]$|^(?:这个|这条|以下|下面的?)?(?:sql|查询|语句)(?:如下)?\s*[:：]$/i;
const MAX_LEAD = 160;
const FENCE_THEN = /^```[a-z]*[ \t]*\n?([\s\S]*?)\n?```\s*([\s\S]{1,80})$/i;
/** What may follow a fenced statement: an order to run it or a question about its result, and nothing else. */
const AFTER_ORDER =
  /^(?:(?:please|pls|can (?:you|u)|could (?:you|u))\s+)?(?:run|execute|exec)\b[\w\s,'?.!]{0,40}$|^(?:what does (?:this|it) (?:return|give)|results?\s*\??|thanks?)[\s?.!]*$|^(?:请|麻烦|帮我|帮忙)*(?:运行|执行|跑|查询|查)[\p{Script=Han}\s，。？！?!.]{0,16}$/iu;

/** The lead-in sentence and the statement after it, when a question is "<ask about this>: SELECT …". */
export function splitLead(question: string): { lead: string; statement: string } | null {
  for (const m of question.matchAll(/\b(?:select|with)\b/gi)) {
    const statement = question.slice(m.index).trim();
    if (!SELECT_FROM.test(statement) && !CTE.test(statement)) continue;
    const lead = question.slice(0, m.index).trim();
    // A lead on a line of its own ends its sentence as a colon would: "麻烦查询下面这段，结果发我⏎SELECT …".
    const ended = /[:：?？.。!！]$/.test(lead) || /\n\s*$/.test(question.slice(0, m.index));
    const asks =
      (POINTER.test(lead) && ASK.test(lead) && ended) ||
      RUN_ORDER.test(lead) ||
      BARE_ORDER.test(lead) ||
      NAMED_LEAD.test(lead);
    return lead && lead.length <= MAX_LEAD && asks ? { lead, statement } : null;
  }
  return null;
}

/** The statement when the question is one SELECT (or WITH … SELECT) to run, else null. */
export function pastedSql(question: string): string | null {
  const q = question.trim();
  const own = statementOf(q);
  if (own !== null) return own;
  // A fenced statement with a short order after it: "```sql SELECT …``` 帮我跑一下这个".
  const after = FENCE_THEN.exec(q);
  if (after && SELECT_FROM.test(after[1]!.trim()) && AFTER_ORDER.test(after[2]!.trim()))
    return after[1]!.trim().replace(/[;；\s]+$/, '');
  // The lead-in already says what follows is SQL to run, as "run this SQL:" does; a fence around it is dropped.
  const split = splitLead(q.replace(/```[a-z]*[ \t]*\n?([\s\S]*?)\n?```\s*$/i, '$1'));
  return split ? split.statement.replace(/[;；\s]+$/, '') : null;
}

function statementOf(question: string): string | null {
  let s = question;
  const lead = LEAD_IN.exec(s);
  if (lead?.[0]) s = s.slice(lead[0].length).trim();
  const fenced = FENCE.exec(s);
  if (fenced) s = fenced[1]!.trim();
  s = s.replace(/[;；\s]+$/, '');
  // "run this SQL:" or a code fence already says what follows is SQL.
  const announced = Boolean(lead?.[0] || fenced) && SELECT_FROM.test(s);
  // Otherwise only text that parses as SQL counts: English imperatives ("Select the top five …") do not.
  return announced || CTE.test(s) || BARE.test(s) || isSqlStatement(s) ? s : null;
}
