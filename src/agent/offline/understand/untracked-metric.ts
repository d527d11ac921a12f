// Named retail KPIs that no tool computes, by the input they need: web analytics (bounce rate, time on site, page
// views per visit), ad delivery (impressions, click-through rate, CPM, email opens), customer value (lifetime value,
// acquisition cost, churn), satisfaction surveys (NPS, CSAT) and stock flow (inventory turnover, sell-through).
// Satisfaction as such is not one of them: the reviews' ratings measure it (free-shape.ts reads it so).
// A question naming one of them gets "I can't compute X" first, even when it also names a metric or an analysis the
// tools do have ("how's our NPS trending", "客户终身价值是多少"): answering with that other metric would be a quiet
// substitution. What the tools DO compute stays answerable: conversion rate, the funnel's cart drop-off, retention by
// cohort, days of cover, average rating, sessions. Pure.
import type { Lacking } from '../intent.ts';
import type { Entry } from './lexicon.ts';

const e = (re: RegExp, value: Lacking): Entry<Lacking> => ({ re, value });

/** People who are not customers: their churn or satisfaction is some other unknown measure, not a customer KPI. */
const NOT_CUSTOMERS = /\b(?:staff|employees?|workers?|team members?|hires?|agents?)\b|员工|人员|离职|人力/i;

export const UNTRACKED_METRICS: Entry<Lacking>[] = [
  e(
    /\bbounce[- ]?rates?\b|\bbounces?\b|\btime (?:spent )?on (?:the )?(?:site|page|website)\b|\b(?:session|visit|stay|dwell)(?:ing)? (?:duration|length|time)s?\b|\bdwell time\b|\bhow long (?:do |did )?(?:people|visitors|users|shoppers) (?:stay|spend|browse)\b|\bpage ?views?\b|\bpageviews?\b|\bpages? per (?:session|visit|visitor)\b|\bexit rates?\b|\bscroll depth\b|跳出率|停留(?:时长|时间|多久)|浏览时长|访问时长|页面浏览量|\bPV\b|人均浏览(?:页数|量)|(?:每次)?访问深度|退出率/i,
    'web_analytics',
  ),
  e(
    /\b(?:ad )?impressions?\b|\bclick[- ]?through(?: rates?)?\b|\bctr\b|\bcpm\b|\b(?:ad|email|newsletter) (?:reach|clicks|opens?)\b|\bopen rates?\b|\bunsubscribe(?:s| rates?)?\b|曝光(?:量|数)?|展现量|展示量|点击率|广告点击|千次展示|打开率|退订率/i,
    'ad_delivery',
  ),
  e(
    /\b(?:customer )?life ?time value\b|\bltv\b|\bclv\b|\bcltv\b|\b(?:customer )?acquisition costs?\b|\bcost (?:to|of) acquir(?:e|ing) (?:a )?(?:new )?customers?\b|\bcac\b|\bchurn(?:ed|ing| rates?)?\b|\battrition\b|终身价值|生命周期价值|获客成本|拉新成本|(?:客户|顾客|用户|会员|买家)(?:的)?流失(?:率)?|流失(?:了)?多少(?:客户|顾客|用户)/i,
    'customer_value',
  ),
  e(
    /\bnps\b|\bnet promoter\b|\bcsat\b|\b(?:customer )?satisfaction surveys?\b|\bcustomer effort score\b|净推荐值|推荐值|满意度调查|满意度问卷/i,
    'satisfaction',
  ),
  e(
    /\b(?:inventory|stock) turn(?:over|s)?(?: rates?| ratios?)?\b|\bturns? of (?:inventory|stock)\b|\bsell[- ]?through(?: rates?)?\b|\bgmroi\b|库存周转(?:率|次数)?|存货周转|周转率|周转次数|售罄率|动销率/i,
    'stock_flow',
  ),
  // The funnel has no checkout step (views, add-to-carts, orders): a checkout started is not an order.
  e(
    /\bcheckouts? (?:started|begun|initiated|opened)\b|\b(?:started|starting|starts|began|begin|begins|initiated|initiating|initiates) (?:a |the )?checkouts?\b|\bcheckout (?:starts|initiations?|page (?:views|visits))\b|\bbegin[- ]checkouts?\b|发起结算|开始结算|进入结算(?:页)?|结算页|发起结账|开始结账/i,
    'checkout_step',
  ),
];

/** The class of KPI the question names that no tool computes, if any. */
export function untrackedMetric(q: string): Lacking | undefined {
  for (const entry of UNTRACKED_METRICS) {
    if (!entry.re.test(q)) continue;
    if ((entry.value === 'customer_value' || entry.value === 'satisfaction') && NOT_CUSTOMERS.test(q)) continue;
    return entry.value;
  }
  return undefined;
}
