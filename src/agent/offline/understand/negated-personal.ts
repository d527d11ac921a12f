// A personal-data noun the question explicitly turns down ("no emails needed", "without contact details",
// "不需要联系方式") is not an ask for that data: such spans are blanked before the personal-data screen reads
// the text. Only the negated noun goes; a noun asked for next to it ("emails, no phone numbers") still screens.

/** The personal-data nouns a question can turn down. */
const NOUN_EN =
  '(?:e-?mails?(?: addresses?)?|phone(?: numbers?| nos?\\.?)?|mobile(?: numbers?)?|telephone(?: numbers?)?|contact (?:details|info|information)|(?:shipping |home |postal |street )?addresse?s?|names?|usernames?|personal (?:data|info|information|details)|pii)';
// Words that may stand between the negation and the noun without changing what is turned down.
const FILLER_EN =
  "(?:any|the|their|its|customer'?s?'?|buyer'?s?'?|user'?s?'?|shopper'?s?'?|individual|specific|actual|of|personal|contact)";
const NEG_EN =
  "(?:\\bno need for|\\b(?:do(?:es)?n't|do(?:es)? not|won't|will not|shan't) (?:need|want|include|require|care about)|\\bnot (?:interested in|including)|\\b(?:no|not|without|excluding|except|minus|skip(?:ping)?|omit(?:ting)?|leave out)\\b)";

const BEFORE_EN = new RegExp(
  `${NEG_EN}(?:\\s+${FILLER_EN}){0,3}\\s+${NOUN_EN}\\b(?:\\s+(?:needed|required|necessary|please))?`,
  'gi',
);
const AFTER_EN = new RegExp(
  `\\b${NOUN_EN}\\s+(?:(?:are|is)\\s+)?(?:not|n't|aren't|isn't)\\s+(?:needed|required|necessary|wanted)\\b`,
  'gi',
);

const NOUN_ZH =
  '(?:邮箱(?:地址)?|电子邮件(?:地址)?|电话(?:号码?)?|手机号?码?|联系方式|联系信息|收货地址|地址|姓名|名字|个人信息|微信号?)';
const FILLER_ZH = '(?:给|看|提供|列出|显示|查|客户|用户|买家|顾客|他们|她们|任何|具体|个人|的)';
const NEG_ZH = '(?:不需要|不用|不要|无需|不必|没必要|不想要|不想看|不含|不包括|不包含)';
const ZH = new RegExp(`${NEG_ZH}${FILLER_ZH}{0,4}${NOUN_ZH}`, 'g');

/** The text with every turned-down personal-data noun blanked out. */
export function withoutNegatedPersonal(text: string): string {
  return text.replace(BEFORE_EN, ' ').replace(AFTER_EN, ' ').replace(ZH, ' ');
}
