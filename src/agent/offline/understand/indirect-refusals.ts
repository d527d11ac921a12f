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

/**
 * One person singled out: a customer, user or account by its id ("customer #48213", "用户ID 10086") with a request
 * for their record, or who stands behind one order ("who placed order 1042", "订单88231是谁下的"). Counts and splits of
 * customers name no one, so they do not match.
 */
export const ONE_PERSON =
  /\b(?:customer|user|buyer|shopper|client|member|account)\s*(?:(?:#|no\.?|number|id)\s*#?\d{2,}|(?!(?:19|20)\d\d\b)\d{3,})\b|\b(?:everything|all (?:the )?(?:data|info(?:rmation)?|details)|profile|records?|file|history|details)\b[^.?]{0,25}\b(?:on|of|for|about) (?:the )?(?:customer|user|buyer|shopper|client|account) [\w@.-]+|\bwho (?:placed|made|owns?|submitted|paid for) (?:the |this |that )?order\b|\bwhose order\b|\b(?:customers?|buyers?|shoppers?|users?|people|persons?|who)\b[\s\S]{0,80}\btheir (?:full |real |first |last )?names?\b|\bwho (?:bought|purchased|ordered|returned|spent) (?:the )?most\b|\bwhich (?:individual |specific )?(?:users?|customers?|buyers?|shoppers?|clients?|accounts?|people)\b (?:have|has|had|spent|bought|made|placed|returned|visited|ordered|purchased)\b[^.?]{0,25}\b(?:the )?most\b|\bwho (?:are|were|is|was) (?:the |our )?(?:\d+ |three |five |ten |twenty )?(?:top|best|biggest|largest|most valuable|highest[- ]spending|leading|loyal|vip|heaviest|most frequent)\s+(?:\d+ |three |five |ten |twenty )?(?:customers?|buyers?|shoppers?|spenders?|clients?|purchasers?)\b(?! (?:by|per|across|in each|in terms of)\b)|\bname (?:the |our )?(?:top |best |biggest )?(?:\d+ )?(?:customers|buyers|spenders|shoppers|clients)\b|\b(?:full|exact|delivery|billing|complete|precise|residential) address\b|\bwho (?:bought|purchased|ordered|returned) (?:them|it|these|those|this|that|each)\b|(?:都|分别)是谁(?:买|下单|购买|退货?)|谁(?:买|购买|退)了(?:这些|它们|那些|这个|那个)|\b(?:export|download|dump)\s+(?:all |every |the whole |the full |the entire |our )*(?:customers?|users?|buyers?|shoppers?|accounts?|members?)\b(?! (?:by|per|counts?|numbers?)\b)|(?:导出|下载)(?:全部|所有|整个|一份)?的?(?:客户|用户|买家|会员|顾客)(?!数|量|结构|分布|占比|增长)|(?:把|将)(?:全部|所有|整个)?的?(?:客户|用户|买家|会员|顾客)(?:名单|清单|信息|资料|数据)?都?(?:导出|下载)|(?:用户|客户|买家|顾客|会员|账号|账户)\s*(?:ID|id|编号|号|#)\s*#?\d{2,}|(?:订单|这单|那单|这笔|那笔)[^，。？?]{0,12}是谁(?:下|买|付|拍)的|谁下的(?:单|这单|那单)|(?:买家|客户|顾客|用户|下单人|收件人|收货人)的?(?:名字|姓名|全名|真名)/i;

/**
 * Private fields no table exposes to the assistant and that are personal or secret whatever the question around
 * them: birthdays, card and bank numbers, street-level whereabouts, who is logged in, and keys or connection
 * secrets of the system itself.
 */
export const PRIVATE_FIELD =
  /\b(?:whatsapp|sms|dm|wechat|text|call|ring)\s+(?:the |our |these |those |all |every |each )?(?:top |best |biggest |lapsed |repeat |loyal |new |vip |churned )?(?:customers?|buyers?|shoppers?|clients?|spenders?|members?)\b|\be-?mail (?:on|of|for|behind|attached to|linked to|tied to) (?:the |this |that |each |every )?(?:order|account|customer|user|buyer|shopper|reviewer)\b|\bwhose e-?mail\b|\b(?:customer|user|buyer|shopper|client|their|reviewer)s?'? (?:phones|mobiles|cell ?phones|handles|socials)\b|\b(?:instagram|twitter|tiktok|facebook|linkedin|whatsapp|wechat|social media|social) (?:handles?|profiles?|accounts?|ids?|numbers?)\b|\btheir handles\b|\bdevice (?:ids?|fingerprints?)\b|\b(?:cookie|advertising|ad) ids?\b|\bgps\b|\b(?:gps |exact |precise )?coordinates\b|\blatitude\b|\blongitude\b|\bwho (?:wrote|left|posted|gave|submitted|authored) (?:the |this |that |these |those |our |a |an )?(?:[\w-]+ ){0,2}(?:reviews?|ratings?|comments?|complaints?)\b|\breviewers?'? (?:names?|ids?|identit(?:y|ies)|e-?mails?|profiles?|usernames?)\b|\bnames? of (?:the )?reviewers?\b|\bwhich (?:customers?|users?|buyers?|shoppers?|reviewers?|people) (?:left|wrote|posted|gave)\b|\bwho (?:received|got|signed for) (?:the |this |that )?(?:order|parcel|package|delivery|shipment)\b|\b(?:recipient|addressee)s?'? (?:names?|details)\b|\b(?:raw|all|every|full|the) (?:rows?|records?|data|contents?|entries) (?:of|from|in) (?:the )?(?:users|platform_users|user_sessions|customers?|sessions?) table\b|\bbirth ?days? of\b|\b(?:customers?|users?|buyers?|shoppers?|their|his|her|members?)'?s?'? birth ?days?\b|\bdates? of birth\b|\bdob\b|\b(?:credit |debit |bank |payment )?card (?:numbers?|nos?\.?|details|digits)\b|\blast (?:4|four) digits\b|\bcvv\b|\bcvc\b|\biban\b|\bbank (?:account|routing) (?:numbers?|details)\b|\bwhich streets?\b|\bstreets? (?:do|does|did) [\w\s]{1,30}\b(?:live|reside|stay)\b|\bstreet[- ]level\b|\bhouse numbers?\b|\b(?:zip|post(?:al)?) ?codes? (?:of|for) (?:the |our |each |every )?(?:customers?|buyers?|users?|shoppers?)\b|\b(?:which|who)\b[^.?]{0,25}\b(?:is|are|was|were) (?:currently |still )?(?:logged|signed) (?:in|on)\b|\b(?:logged|signed) (?:in|on) (?:right now|currently|at the moment)\b|\b(?:log-?in|sign-?in) sessions?\b|\bsession (?:ids?|tokens?|cookies?|keys?)\b|\bsessions? table\b|\b(?:access|secret|api|private|ssh|signing|encryption)[ _-]?keys?\b|\b(?:aws|api|client|app) secrets?\b|\bconnection strings?\b|\b(?:env|environment) (?:vars?|variables)\b|\b(?:database|db|mysql|sql|admin|root) (?:password|login|user(?:name)?)s?\b|(?:客户|用户|买家|顾客|会员|他们|她们|他|她|每个人)的?(?:生日|出生日期|出生年月)|生日(?:都)?是(?:哪|几)|哪天生日|出生日期|出生年月|银行卡号|信用卡号|卡号|卡的?后四位|银行账号|哪条街|哪个街道|住址|家庭地址|详细地址|会话表|登录会话|会话(?:ID|id|令牌|token)|谁(?:在线|登录了?|在登录)|(?:在线|已登录|登录中)的?(?:用户|账号|账户)|(?:差评|好评|评论|评价|留言)的?(?:作者|发布者|用户|人)是谁|(?:差评|好评|评论|评价|留言)(?:都|分别)?是谁(?:写|发|留|给)的?|谁(?:写|发|留|给)了?(?:这条|这些|那条|那些)?(?:差评|好评|评论|评价)|(?:收件人|收货人)(?:是谁|叫什么|的?(?:姓名|名字|电话|信息))|(?:输出|附上|贴出|贴上|发我|发出|给出|展示)(?:一下)?(?:整个|全部)?(?:users|用户|会话|客户)表|(?:users|用户|会话|客户)表(?:的)?(?:原始|全部|所有|完整)(?:数据|内容|记录|行)|(?:手机|设备)(?:ID|id|标识)|GPS|经纬度|定位坐标|(?:给|向)[^，。？?]{0,12}(?:客户|买家|顾客|用户|会员)[^，。？?]{0,6}(?:发|群发|推送)(?:一条|一封|个|条|封)?[^，。？?]{0,4}(?:短信|邮件|消息|通知|推送)|(?:发|群发)(?:一条|一封)?[^，。？?]{0,4}(?:短信|邮件|消息)给[^，。？?]{0,6}(?:客户|买家|顾客|用户|会员)|(?:登录|访问|访客|来源)\s*IP|密钥|秘钥|(?:access|secret)\s*key|连接串|连接字符串|环境变量/i;

/** Where an order to do something starts: the start of the text or a sentence, or a "please", "can you". */
const ORDER_TO = String.raw`(?:^|[.;!?。；！？,，:：]\s*|\b(?:please|pls|can you|could you|would you|go ahead and|i want you to|i need you to)\s+)`;

/**
 * A change ordered on one record or on the system's settings: an order cancelled, refunded or re-statused, a code or
 * record created, prices moved by a percentage, access granted. Each needs the order together with its object, so a
 * count of cancelled orders or "how many new users" stays a question.
 */
export const ORDERED_CHANGE = new RegExp(
  [
    // an order, return or payment acted on by its number: "cancel order 123", "refund return #88"
    String.raw`\b(?:cancel|refund|void|reopen|re-open|ship|approve|reject|restore|reverse|close)\s+(?:the |this |that |my )?(?:orders?|returns?|refunds?|transactions?|payments?)\s*(?:#|no\.?|number|id)?\s*\d{2,}`,
    String.raw`${ORDER_TO}(?:cancel|refund|void|reopen)\s+(?:the |this |that |these |those |my |all )?(?:orders?|returns?|refunds?|transactions?|payments?)\b`,
    // "drop the returns", "get rid of all cancelled orders", "clean out the returns table"
    String.raw`${ORDER_TO}(?:drop|delete|remove|erase|wipe|purge|clear|clean out|clear out|get rid of|trash|destroy|nuke|empty)\s+(?!(?:in|of|off|by|from|to|down|out)\b)(?:all |the |every |our |those |these |any |of )*(?:[\w-]+ ){0,2}(?:returns?|orders?|customers?|users?|data|rows?|records?|reviews?|products?|tables?|entries|history|logs?|sessions?|campaigns?|inventory|stock|refunds?|accounts?)\b`,
    // "set all bikini prices to $10", "make all bikinis cost 10 dollars"
    String.raw`${ORDER_TO}(?:set|change|make|update|edit|modify|adjust|lower|raise|reduce|increase|cut|drop|put|move|mark (?:down|up))\s+(?:the |all |every |our |each )*(?:[\w'-]+ ){0,3}(?:prices?|costs?|stock|inventory|status(?:es)?|quantit(?:y|ies)|discounts?)\b[^.?]{0,30}\bto\s+(?:[$€£]?\d|zero|free)`,
    String.raw`${ORDER_TO}make (?:all |every |the |our )*(?:[\w'-]+ ){0,3}(?:cost|be priced at|sell for|priced at)\s+[$€£]?\d`,
    // "switch order 5531's status to cancelled"
    String.raw`${ORDER_TO}(?:switch|set|change|move|flip|update|put|turn)\s+(?:order\s*#?\d+'?s?|the|its|their|these|those|all|every|this|that)\b[^.?]{0,30}\bstatus(?:es)?(?:\s+(?:of|for|on)\s+[^.?]{1,25}?)?\s+(?:to|as|into)\b`,
    // "add a discount code", "insert a dummy order", "create a new user"
    String.raw`${ORDER_TO}(?:add|create|set up|make|generate|issue|insert|register|open|enter)\s+(?:a |an |one |some |new |another |test |dummy |fake )+(?:discount |promo |coupon |voucher |gift )?(?:codes?|coupons?|vouchers?|products?|users?|accounts?|orders?|records?|rows?|entries|campaigns?|categor(?:y|ies)|skus?|reviews?|returns?)\b`,
    String.raw`\binsert (?:a |an |one |some |new |test |dummy |fake )*(?:rows?|records?|entries|lines?|values?|orders?)\b`,
    // "raise every swimsuit's price by 10%"
    String.raw`${ORDER_TO}(?:raise|lower|increase|decrease|cut|reduce|bump|drop|hike|change|adjust)\s+(?:the |all |every |our )*[\w' -]{0,30}?\b(?:prices?|costs?|stock|inventory)\b[^.?]{0,30}\bby\s+[$€£]?\d`,
    // catalogue, campaign and order actions: "rename the category", "pause the campaign", "restock …", "send an email to …"
    String.raw`${ORDER_TO}(?:undo|revert|roll ?back|rename|merge|archive|unarchive|restock|replenish|pause|resume|launch|relaunch|schedule|activate|deactivate|publish|unpublish|delist|discontinue|suspend|ban|block|unblock|reactivate)\s+(?:the|a|an|all|every|our|this|that|these|those|my|its|their|yesterday's|today's|last)\b`,
    String.raw`${ORDER_TO}apply (?:a |an |the )?(?:[\d.]+ ?% ?|\w+ )?(?:discount|coupon|code|markdown|promo(?:tion)?|price cut)s? (?:to|on)\b`,
    String.raw`${ORDER_TO}refund (?:everyone|everybody|all|them|those|these|each|every)\b`,
    String.raw`${ORDER_TO}(?:send|e-?mail|forward|post|share)\b[^.?]{0,40}\bto (?:the |our |my |all |every )?(?:whole |entire )?(?:team|colleagues|boss|manager|everyone|everybody|staff|slack|channel|group|board)\b`,
    // "give my colleague write access", "revoke"
    String.raw`${ORDER_TO}(?:give|grant|assign)\s+(?:[\w']+\s+){0,3}(?:read|write|edit|admin|owner|full|delete|db|database)?\s*(?:access|permissions?|privileges?|rights)\b|\brevoke\b`,
    // 中文: "帮我取消订单123", "把订单5531取消", "新增一个优惠码", "开通写权限"
    String.raw`(?:帮我|请|麻烦|给我|替我|帮忙)(?:把)?(?:取消|作废|撤销|退掉|关闭|恢复)|(?:取消|作废|撤销|关闭|恢复)(?:一下)?(?:订单|这笔|那笔|这单|那单)\s*#?\d{2,}`,
    String.raw`(?:把|将)(?:订单|这笔|那笔|这单|那单)\s*#?\d*[^，。？?]{0,8}(?:取消|作废|退款|撤销)`,
    '(?:新增|添加|创建|录入|插入|生成|加)(?:一下)?(?:一个|一条|一些|个|条|几个|几条|一批|一张)(?:新的?)?[^，。？?]{0,6}(?:优惠码|折扣码|优惠券|券码|商品|产品|用户|账号|账户|订单|记录|数据|活动|评论)',
    '(?:往|向|在)[^，。？?]{0,10}(?:表|库)[^，。？?]{0,4}(?:插|加|写|塞|录)(?:入|进)?(?:一条|一行|几条|一些|条|行)',
    '(?:修改|更改|更新|调整|设置)[^，。？?]{0,16}(?:价格|库存|状态|数量|金额|折扣)(?:为|成|到|改为)',
    String.raw`(?:把|将)[^，。？?]{0,20}(?:调到|调成|调为|改到|降到|涨到|提到|设成|定为|定成)\s*[$¥￥]?\d|(?:改价|调价)(?:为|到|成)\s*[$¥￥]?\d`,
    '(?:把|将)[^，。？?]{0,20}(?:全|都|统统|全部)?(?:删了|删掉|删光|删除|清掉|抹掉|干掉)',
    String.raw`(?:把|将)[^，。？?]{0,20}(?:上调|下调|提高|降低|调高|调低|上涨|涨价|降价|打折)(?:到|至)?\s*\d`,
    String.raw`(?:(?:^|[，,：:。；;！!]\s*|帮我|请|麻烦|帮忙|替我)(?:一下)?|(?:把|将)[^，。？?]{0,16}?)(?:改名|重命名|合并|归档|补货|补充库存|上架|下架|暂停|停掉|启动|关闭)(?![了过的])`,
    String.raw`(?:给|把|将)[^，。？?]{0,15}打[一二三四五六七八九\d]+折`,
    '(?:发|转发)(?:一封|一条)?(?:邮件|消息)?给(?:整个|全)?(?:团队|同事|老板|领导|大家|群)',
    '(?:开|建|新建|注册|创建)(?:一)?个[^，。？?]{0,6}(?:账号|账户|用户|管理员)',
    '(?:开通|授予|给予?|分配|开放|加上)[^，。？?]{0,12}(?:权限|访问权)|写权限|管理员权限|提权',
  ].join('|'),
  'i',
);

/** An order to contact customers: "email our VIP customers", "send a promo to lapsed buyers". It needs their contact details. */
export const OUTREACH = new RegExp(
  [
    String.raw`${ORDER_TO}(?:send|notify|push|mail out|forward)\b[^.?]{0,40}\bto (?:all |every |each |our |the |these |those )?(?:[\w-]+ ){0,2}(?:customers?|buyers?|shoppers?|subscribers?|clients?|members?)\b`,
    String.raw`${ORDER_TO}(?:e-?mail|message|notify|sms|dm|mail)\s+(?:the |our |these |those |all |every |each )?(?:(?:top|best|biggest|vip|lapsed|repeat|loyal|new|churned|inactive|first-time|returning|high-value) ){0,2}(?:customers?|buyers?|shoppers?|clients?|members?)\b`,
  ].join('|'),
  'i',
);

/** Asks for the assistant's own instructions or tool set, or claims an authority that lifts its rules. */
export const EXTRACTION_OR_AUTHORITY =
  /\b(?:your|the) (?:tool (?:definitions?|schemas?|specs?|specifications|list)|hidden (?:instructions?|rules?|prompts?)|(?:initial|original|internal|secret|underlying) (?:instructions?|prompts?|rules?|configuration))\b|\bhidden instructions?\b|\bwhat (?:instructions|rules|directions) (?:were|have) you (?:been )?given\b|\binstructions (?:you were|you've been|you have been) given\b|\b(?:quote|repeat|print|show|reveal|dump|output|paste) (?:me )?(?:your|the) (?:instructions|rules|prompt|configuration|config|tools)\b|\brepeat (?:everything|all|the text|the words|what(?:'s| is)) (?:above|before|written above)\b|\babove this line\b|\bI (?:hereby )?authori[sz]e you\b|\b(?:you have|you've got|you now have|there are) no (?:rules|restrictions|limits|guardrails|filters)\b|\bunrestricted (?:ai|assistant|mode|model|access)\b|\bDAN\b|\bdo anything now\b|\bno longer (?:bound|restricted|limited)\b|\benable (?:developer|god|admin|debug|unrestricted|jailbreak|root) mode\b|\b(?:role-?play|roleplay) as\b|\bimagine (?:you are|you're|being) (?:an? )?(?:unrestricted|unfiltered|uncensored|different|evil|rogue|admin|dba|root)\b|不再受(?:任何)?(?:限制|约束)|没有(?:任何)?限制的?(?:AI|助手|模型|模式)|没有任何限制|不受(?:任何)?限制|开发者模式|无限制模式|(?:角色)?扮演|假装你是|假设你是(?:管理员|DBA|数据库|开发者|系统|root)|以(?:管理员|DBA|开发者|root|超级用户)(?:的)?身份|重复(?:上面|以上|前面)(?:所有|全部)?的?(?:内容|文字|话)|(?:上面|以上)的?内容原样|\b(?:the )?(?:admin|administrator|dba|developer|owner|ceo|boss|security team) (?:has |have )?(?:already )?(?:approved|authori[sz]ed|signed off|okayed|cleared)\b|\b(?:turn|switch|shut) off (?:the |your )?(?:privacy|pii|data|security|content)? ?(?:filters?|checks?|guards?|masking|redaction|restrictions?|limits?)\b|\b(?:disable|bypass|skip|lift|remove|suspend)\s+(?:the |your |all )?(?:privacy|pii|data|security|safety|content)? ?(?:filters?|checks?|guards?|guardrails?|masking|redaction|restrictions?|rules?)\b|工具定义|工具列表|系统指令|内部指令|隐藏指令|初始指令|你的(?:指令|规则原文|提示)|(?:已经|已)?授权(?:了|给你)|我授权|(?:管理员|开发者|老板|DBA)(?:已经|已)?(?:同意|批准|授权|允许)|(?:关掉|关闭|绕过|跳过|解除|暂停)(?:一下)?(?:你的)?(?:隐私|安全|数据)?(?:过滤|检查|限制|保护|脱敏|审查)/i;
