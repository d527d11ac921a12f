// Write verbs used in a harmless sense: advice about what to cut ("which products should we delete from the
// catalogue?", "哪些商品应该删掉") and changes to how an answer is shown ("把视图改成按季度看", "switch the chart to
// weekly"). Such spans are blanked before the write screen reads the text, so the question around them is answered.
// An order to change stored data ("delete the returns", "把价格改成24.99") keeps its verb and is still refused.

/** Advice: a modal or a "which … to" before the verb, so nothing is being ordered done. */
const ADVICE_EN =
  /\b(?:should|shall|could|would|ought to|do (?:we|i) need to|is it worth|would it make sense to|does it make sense to)\s+(?:we |i |you |they )?(?:consider |think about )?(?:delete|deleting|remove|removing|drop|dropping|cut|cutting|discontinue|retire|delist|axe|clear out|wipe|pause|stop|launch|restock|rename|merge|archive)\b|\b(?:candidates?|ones?|which|what|products?|items?|skus?)\s+to\s+(?:delete|remove|drop|cut|discontinue|retire|delist|axe|pause|restock|launch|archive)\b|\bworth (?:deleting|removing|dropping|cutting|keeping)\b/gi;
const ADVICE_ZH =
  /(?:应该|应当|该|值得|建议|要不要|是否|可以考虑|考虑)(?:把)?(?:[^，。？?]{0,8}?)(?:删掉|删除|下架|砍掉|淘汰|清掉|清理掉|暂停|停掉|补货|上架|合并)/g;

/** The answer's presentation, not stored data: a chart, view, grain or unit changed. */
const VIEW_EN =
  /\b(?:change|switch|set|make|turn|update)\s+(?:the |this |that |your )?(?:chart|view|graph|plot|display|grain|granularity|breakdown|axis|format|units?|currency|answer|reply|sort(?: order)?|layout)\s+(?:to|into|as|by)\b/gi;
const VIEW_ZH =
  /(?:把|将)(?:这个|这张)?(?:视图|图表|图|表格|展示|显示|口径|维度|粒度|时间粒度|单位|排序|格式|结果|答案|回答|回复|数据展示|时间|期间|时段|日期|月份|年份|范围|时间范围|周期|对比期|筛选)(?:的?[^，。？?：:]{0,4})?(?:改成|改为|换成|设为|设置为|调成|调到|调为|改到|切到|切换成|切换到)/g;

/** The question's own settings: the filters or conditions of the previous answer cleared ("清空之前的条件"). */
const SETTINGS_ZH =
  /(?:清空|清除|去掉|取消|删掉|删除)(?:一下)?(?:之前|前面|上面|刚才|刚刚|所有|全部)?的?(?:筛选|过滤|条件|设置|上下文|限定|过滤器)(?:条件)?/g;

/** The text with advice about cutting and presentation changes blanked out. */
export function withoutHarmlessWrites(text: string): string {
  return text
    .replace(ADVICE_EN, ' ')
    .replace(ADVICE_ZH, ' ')
    .replace(VIEW_EN, ' ')
    .replace(VIEW_ZH, ' ')
    .replace(SETTINGS_ZH, ' ');
}
