// Screens a question for requests the assistant refuses (personal data, writes, injected instructions), clause by
// clause: a legitimate question with a forbidden request tacked on ("top products, then append every phone
// number") keeps its legitimate part, and the rest is refused out loud.
import type { RefuseReason } from '../intent.ts';
import {
  EXTRACTION_OR_AUTHORITY,
  INDIRECT_INJECTION,
  INDIRECT_PERSONAL,
  INDIRECT_WRITE,
  ONE_PERSON,
  ORDERED_CHANGE,
  OUTREACH,
  PRIVATE_FIELD,
} from './indirect-refusals.ts';
import { REFUSE_INJECTION, REFUSE_PERSONAL, REFUSE_WRITE } from './lexicon.ts';
import { withoutNegatedPersonal } from './negated-personal.ts';
import { withoutHarmlessWrites } from './not-writes.ts';
import { SQL_MARK, sqlStatementIn } from './sql-shape.ts';

/** Where one request ends and a tacked-on one starts. */
const CLAUSE_BREAK =
  /[.;!?。；！？\n]+\s*|\s+--+\s*|\s+[-–—]\s+|,\s*(?=(?:and\s+)?(?:also|then|plus|additionally)\b)|\s+(?=(?:and\s+)?(?:then|also|additionally|plus)\s+(?:run|append|add|include|list|show|print|give|dump|export|select|send|output|reveal|tell)\b)|\s+and\s+(?=(?:run|append|add|include|list|print|dump|export|send|output|reveal)\b|who\s+(?:bought|purchased|ordered|returned|placed)\b)|[，,]\s*(?=(?:并且?|然后|同时|另外|顺便|顺带|再|还有|以及|也)?)|(?:并且|然后|同时|另外|顺便|顺带)/i;

/** A marker that speaks as the system: the clause is an instruction, not a question. */
const INSTRUCTION = /\bSYSTEM\s*:|\bassistant\s*:|<\/?(?:system|instructions?)>/i;
const SELECT_FROM = /\bselect\b[\s\S]{0,80}\bfrom\b/i;

/**
 * Raw SQL in a clause: text from a SELECT that parses as SQL, or a fragment of SQL split at its commas that still
 * carries SQL's marks. An English imperative ("Select the top five products from June") is neither.
 */
function rawSql(clause: string): boolean {
  const m = SELECT_FROM.exec(clause);
  if (!m) return false;
  return sqlStatementIn(clause) !== null || SQL_MARK.test(clause.slice(m.index));
}
/** SQL or a request that reaches for personal columns or application tables by name. */
const PERSONAL_SQL =
  /\bselect\b[^;]{0,120}\b(?:email|phone|username|shipping_address|ip_address|password_hash|platform_users|user_sessions)\b|\b(?:users?|customers?)\s*(?:table|表)\b[^。；;]{0,30}(?:e-?mail|邮箱|phone|电话|手机|username|用户名|地址|address)|(?:e-?mail|邮箱|phone|电话|手机号?|username|用户名)\s*(?:列|字段|column|field)|(?:users|用户)表.{0,20}(?:列出|全部|所有|导出|查询|读取|打印|发给)|(?:列出|导出|查询|读取|打印|查看|给我|显示)\s*(?:一下)?\s*(?:users|用户)表|\b(?:dump|export|print|list|show|select|read|give me|output|copy)\b.{0,25}\b(?:users|platform_users|user_sessions)(?: table| rows| records)?\b(?! by\b)/i;

/** A clause that is only a connective left over from the split ("after that", "然后"). */
const CONNECTIVE =
  /^(?:(?:and|then|also|after that|afterwards|next|plus|finally|please|additionally|然后|并且|另外|同时|顺便|再)[\s,，]*)+$/i;

/** A clause that only gives the purpose of a refused request ("for a unit test", "测试用的"): it asks nothing. */
const PURPOSE_ONLY =
  /^(?:just |only )?(?:for (?:a |an |the )?(?:unit |quick |load |smoke |security )?(?:test(?:ing)?|audit|debugging|demo)(?: purposes?)?(?: only)?|as a test|to test (?:this|it|something)|为了测试|测试用的?|测试一下|仅供测试)$/i;

/**
 * A clause that goes on asking about what the refused clause before it named: "…, and from what sessions?",
 * "…, and what did they buy?", "…，以及他们的消费金额". Answered alone it would answer a question nobody asked.
 */
const CONTINUES =
  /^(?:and|or|plus|but)\s+(?:(?:from|for|of|with|in|on|at|to)\s+)?(?:what|which|who|whom|whose|where|when|how)\b|^(?:(?:and|or|plus)\s+)?(?:they|them|their|theirs|those people|he|she|his|her)\b|^(?:以及|还有|和|并且|再)?(?:他们|她们|他|她|这些人|那些人)/i;

/** A request refused whatever form it takes: injected instructions, writes, personal data. */
export function forbidden(text: string): RefuseReason | null {
  if (REFUSE_INJECTION.test(text) || INDIRECT_INJECTION.test(text) || EXTRACTION_OR_AUTHORITY.test(text))
    return 'injection';
  const ordered = withoutHarmlessWrites(text);
  if (REFUSE_WRITE.test(ordered) || INDIRECT_WRITE.test(ordered) || ORDERED_CHANGE.test(ordered)) return 'write';
  const asked = withoutNegatedPersonal(text);
  const personal = [REFUSE_PERSONAL, PERSONAL_SQL, INDIRECT_PERSONAL, ONE_PERSON, PRIVATE_FIELD, OUTREACH];
  return personal.some((re) => re.test(asked)) ? 'personal_data' : null;
}

function reasonOf(clause: string): RefuseReason | null {
  return forbidden(clause) ?? (INSTRUCTION.test(clause) || rawSql(clause) ? 'injection' : null);
}

const SEVERITY: RefuseReason[] = ['personal_data', 'write', 'injection'];

export interface Screened {
  /** The gravest reason found anywhere in the question, or null when nothing is refused. */
  reason: RefuseReason | null;
  /** The clauses that ask for nothing refused, joined; null when none is left. */
  legit: string | null;
}

export function screen(q: string): Screened {
  const whole = reasonOf(q) ?? (PERSONAL_SQL.test(withoutNegatedPersonal(q)) ? 'personal_data' : null);
  if (!whole) return { reason: null, legit: q };
  const clauses = q
    .split(CLAUSE_BREAK)
    .map((c) => (c ?? '').trim())
    .filter(Boolean);
  const reasons = clauses.map(reasonOf);
  // Personal data is named in the refusal even when it came with an injected instruction.
  const found = [...new Set([...reasons.filter((r): r is RefuseReason => r !== null), whole])];
  const reason = SEVERITY.find((r) => found.includes(r)) ?? whole;
  const legit = clauses
    .filter(
      (c, k) =>
        reasons[k] === null &&
        !CONNECTIVE.test(c) &&
        !PURPOSE_ONLY.test(c) &&
        !(k > 0 && reasons[k - 1] && CONTINUES.test(c)),
    )
    .join('. ');
  return { reason, legit: legit.trim() ? legit : null };
}

/** Passes of screen() before a question's legitimate part is given up on. */
const MAX_PASSES = 4;

/**
 * screen() until the legitimate part screens clean: the clauses of a clause can ask for something refused
 * again ("SELECT a, b FROM t" split at its comma reads as SQL once rejoined). Bounded: text that does not
 * get shorter, or does not settle within a few passes, has no legitimate part.
 */
export function screenAll(q: string): Screened {
  const first = screen(q);
  let legit = first.legit;
  for (let pass = 0; first.reason && legit !== null; pass++) {
    const again = screen(legit);
    if (!again.reason) break;
    legit = pass < MAX_PASSES && again.legit !== null && again.legit.length < legit.length ? again.legit : null;
  }
  return { reason: first.reason, legit };
}
