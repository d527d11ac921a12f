// Number words, English and Chinese: "top ten", "前十", "第二季度" in questions, "twelve products" in answers.
// Here, below the offline model, so the claims check reads a count the way a question is read.

const EN: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

const ZH_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一..九十九 as written in dates and counts; null when not a Chinese numeral. */
export function zhNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return null;
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? ZH_DIGIT[s] : null;
  const tens = i === 0 ? 1 : ZH_DIGIT[s[i - 1]];
  const ones = i === s.length - 1 ? 0 : ZH_DIGIT[s[i + 1]];
  if (tens === undefined || ones === undefined) return null;
  return tens * 10 + ones;
}

/** "10", "ten", "十" → 10. */
export function anyNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const en = EN[s.toLowerCase()];
  if (en !== undefined) return en;
  return zhNumber(s);
}

export const NUMBER_WORD = String.raw`\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|[一二两三四五六七八九十]+`;
