// Requests the lexicon's direct words miss because they ask sideways: how to reach the people behind a ranking,
// a write dressed as analysis ("recalculate and save"), an override announced in markup. Each pattern needs the
// sideways verb together with its object, so counts and reads that share a word ("marked refunded", "库存归零了")
// stay questions.

/** Asks how to reach people, or for their contact handles, without saying "email" or "phone number". */
export const INDIRECT_PERSONAL =
  /\b(?:get in touch with|reach out to|reach|contact|call|ring|text|message)\s+(?:them|him|her|these|those|each|every(?:one|body)?|the (?:customers?|buyers?|shoppers?|clients?))\b|\bhow (?:do|can|could|should|would) (?:i|we) (?:reach|contact|get in touch)\b|\bcall(?:ing)? (?:sheet|list)s?\b|\bwith their (?:numbers|e-?mails?|details|handles)\b|\be-?mail (?:address )?of (?:every|each|all|our|the)\b|\b(?:customer|user|buyer|shopper|client|visitor)'s (?:e-?mail|phone|mobile|address|ip)\b|怎么联系|如何联系|(?:客户|买家|顾客|用户)(?:分别|都)?是谁|联系(?:他们|她们|他|她|客户|买家|这些)|微信号|(?:客户|买家|用户|他们|她们)的?微信(?!广告|朋友圈|渠道)|微信(?:和|与|、)(?:手机|电话)|门牌|街道|(?:访客|用户|客户|买家)的?\s*IP/i;

/** A change to stored data phrased as a fix, a save, a mark or a reset. */
export const INDIRECT_WRITE =
  /\b(?:save|write|persist|store|commit|push)\b[^.?。]{0,30}\b(?:back|to the (?:table|database|db)|into the (?:table|database|db))\b|\bfix (?:the )?(?:prices?|stock|status(?:es)?|totals?|amounts?) (?:of|for|on)\b|\bmark (?:these|those|this|that|all|the|every|orders?|\d)[^.?]{0,30}?\b(?:as )?(?:refunded|paid|shipped|delivered|cancell?ed|returned)\b|\bzero out\b|保存(?:回|到|进)|存回|写回|(?:把|将)[^，。？?]{0,20}(?:归零|清零|改一下|改到|标记)|标记(?:成|为)已?(?:退款|付款|发货|取消|退货)/i;

/** An override announced as a system or admin command, or a switch that turns the safeguards off. */
export const INDIRECT_INJECTION =
  /\b(?:system|admin|root|developer)\s+(?:override|command|mode)\b|\b(?:safety|safeguards?|filters?|guardrails?)\s+(?:off|disabled)\b|\b(?:turn|switch) off (?:the |your )?(?:safety|safeguards?|filters?|guardrails?)\b/i;
