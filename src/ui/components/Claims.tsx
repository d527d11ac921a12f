// The answer's claims that the tools' findings do not back: contradicted ones in plain sight with the
// reason, unverified ones folded away. The verifier writes its reasons as fixed English templates; they
// are re-worded here for a reader who does not know week keys or metric ids, in the reader's language.
import { CHANNEL_LABELS, type ClaimNote, type ClaimsCheck, METRIC_LABELS } from '../../protocol/index.ts';
import { type Lang, lang, t } from '../i18n.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A finding's name as a reader says it: a week key as "the week of 22 Dec 2025", a channel id as its label. */
export function nameText(name: string, over: string | undefined, l: Lang): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(name.trim());
  if (d) {
    const [y, m, day] = [d[1]!, Number(d[2]), Number(d[3])];
    if (over === 'month') return l === 'zh' ? `${y}年${m}月` : `${MONTHS_EN[m - 1]} ${y}`;
    const date = l === 'zh' ? `${y}年${m}月${day}日` : `${day} ${MONTHS_EN[m - 1]} ${y}`;
    if (over === 'week') return l === 'zh' ? `${date}当周` : `the week of ${date}`;
    return date;
  }
  const labels = { ...CHANNEL_LABELS, ...METRIC_LABELS } as Record<string, { en: string; zh: string } | undefined>;
  return labels[name.trim()]?.[l] ?? name;
}

const GRAIN_ZH: Record<string, string> = { day: '天', week: '周', month: '月' };
const list = (s: string, over: string | undefined, l: Lang) =>
  s
    .split(', ')
    .map((n) => nameText(n, over, l))
    .join(l === 'zh' ? '、' : ', ');

type Rewrite = [RegExp, (m: string[], l: Lang) => string];

// One entry per reason template of src/guardrails/claims.ts; a reason that matches none is shown as written.
const REWRITES: Rewrite[] = [
  [
    /^(.+) is a partial (day|week|month), left out$/,
    ([, n, g], l) =>
      l === 'zh'
        ? `${nameText(n!, g, l)}不是完整的${GRAIN_ZH[g!]}，不参与比较`
        : `${nameText(n!, g, l)} is not a full ${g}, so it is left out`,
  ],
  [
    /^the (highest|lowest) (full )?(\S+) is (.+?) \(([^)]+)\)(?:, not (.+))?$/,
    ([, which, full, g, n, v, not], l) => {
      const who = nameText(n!, g, l);
      if (l === 'zh') {
        const grain = GRAIN_ZH[g!] ?? g;
        const head = `${full ? '完整' : ''}${grain}中${which === 'highest' ? '最高' : '最低'}的是${who}（${v}）`;
        return not ? `${head}，而不是${list(not, g, l)}` : head;
      }
      const head = `the ${which} ${full ? 'full ' : ''}${g} was ${who} (${v})`;
      return not ? `${head}, not ${list(not, g, l)}` : head;
    },
  ],
  [
    /^no (highest|lowest|change|share) finding names what the sentence names$/,
    (_m, l) => (l === 'zh' ? '查询结果中没有与这句话对应的数据' : 'the query results say nothing about what it names'),
  ],
  [
    /^no part shows a (drop|rise) in (.+)$/,
    ([, w, metric], l) =>
      l === 'zh'
        ? `${nameText(metric!, undefined, l)}没有任何部分${w === 'drop' ? '下降' : '上升'}`
        : `no part of ${nameText(metric!, undefined, l)} shows a ${w}`,
  ],
  [
    /^the biggest (drop|rise) is (.+?) \(([^)]+)\), not (.+)$/,
    ([, w, n, v, not], l) =>
      l === 'zh'
        ? `${w === 'drop' ? '降幅' : '增幅'}最大的是${nameText(n!, undefined, l)}（${v}），而不是${list(not!, undefined, l)}`
        : `the biggest ${w} was ${nameText(n!, undefined, l)} (${v}), not ${list(not!, undefined, l)}`,
  ],
  [
    /^(.+) (went up|went down|did not change) \((.+) → (.+)\), not (up|down)$/,
    ([, n, how, a, b], l) => {
      const who = nameText(n!, undefined, l);
      if (l !== 'zh') return `${who} ${how} (${a} → ${b})`;
      return `${who}${how === 'went up' ? '上升了' : how === 'went down' ? '下降了' : '没有变化'}（${a} → ${b}）`;
    },
  ],
  [
    /^(.+) changed (.+), not (.+)$/,
    ([, n, by, not], l) =>
      l === 'zh'
        ? `${nameText(n!, undefined, l)}的变化是 ${by}，而不是 ${not}`
        : `${nameText(n!, undefined, l)} changed by ${by}, not ${not}`,
  ],
  [
    /^(.+) is (\S+%) of the total, not (.+)$/,
    ([, n, p, not], l) =>
      l === 'zh'
        ? `${nameText(n!, undefined, l)}占总数的 ${p}，而不是 ${not}`
        : `${nameText(n!, undefined, l)} is ${p} of the total, not ${not}`,
  ],
  [/^no stock finding in the results$/, (_m, l) => (l === 'zh' ? '查询结果不含库存数据' : 'no stock data was queried')],
  [
    /^(\d+) item\(s\) are out of stock: (.+)$/,
    ([, n, items], l) => (l === 'zh' ? `有 ${n} 款商品缺货：${items}` : `${n} item(s) are out of stock: ${items}`),
  ],
  [
    /^the results show nothing out of stock$/,
    (_m, l) => (l === 'zh' ? '查询结果显示没有商品缺货' : 'the data shows nothing out of stock'),
  ],
  [/^(.+) is not out of stock$/, ([, n], l) => (l === 'zh' ? `${n} 并未缺货` : `${n} is not out of stock`)],
  [
    /^(\d+) items meet "(.+)", not (\d+)$/,
    ([, n, cond, not], l) =>
      l === 'zh' ? `符合“${cond}”的有 ${n} 项，而不是 ${not} 项` : `${n} items are ${cond}, not ${not}`,
  ],
  [
    /^no count finding for this condition$/,
    (_m, l) => (l === 'zh' ? '查询结果中没有这项计数' : 'nothing in the results counts this'),
  ],
];

/** The verifier's reason in the reader's words; several reasons are joined with "; ". */
export function reasonText(reason: string, l: Lang): string {
  const parts = reason.split('; ').map((part) => {
    for (const [re, say] of REWRITES) {
      const m = re.exec(part);
      if (m) return say([...m], l);
    }
    return part;
  });
  return parts.join(l === 'zh' ? '；' : '; ');
}

function ClaimList({ notes, label }: { notes: ClaimNote[]; label: string }) {
  return (
    <ul class="claims-list">
      {notes.map((n, i) => (
        <li key={i}>
          <span class="visually-hidden">{label}: </span>
          <q>{n.sentence}</q> — {reasonText(n.reason, lang.value)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Contradicted claims as a headed list in a warning box, always open; unverified ones inside a closed
 * disclosure. The headings carry the count in words, so the state never rests on colour alone.
 */
export function Claims({ claims }: { claims: ClaimsCheck | null }) {
  if (!claims) return null;
  const { contradicted, unverified } = claims;
  if (!contradicted.length && !unverified.length) return null;
  return (
    <div class="claims">
      {contradicted.length > 0 && (
        <section class="warning claims-contradicted" role="note">
          <h3 class="small">⚠ {t.value.claimsContradicted(contradicted.length)}</h3>
          <ClaimList notes={contradicted} label={t.value.claimContradicted} />
        </section>
      )}
      {unverified.length > 0 && (
        <details class="claims-unverified muted small">
          <summary>
            <h3 class="small" style={{ display: 'inline' }}>
              {t.value.claimsUnverified(unverified.length)}
            </h3>
          </summary>
          <ClaimList notes={unverified} label={t.value.claimUnverified} />
        </details>
      )}
    </div>
  );
}
