using SalesPlatform.Domain;

namespace SalesPlatform.Opportunities.Domain;

/// <summary>The opportunities API's own word lists, in zh-CN and en-US.</summary>
public static class OpportunityVocabularies
{
    private static Term T(string code, string zh, string en, params string[] synonyms) => new(code, zh, en, synonyms);

    /// <summary>The pipeline's stages.</summary>
    public static readonly Vocabulary Stages = new("stages",
    [
        T("prospect-identification", "潜在客户识别", "Prospect identification", "识别", "线索识别"),
        T("needs-confirmation", "需求确认", "Needs confirmation", "需求分析"),
        T("solution-matching", "方案匹配", "Solution matching", "方案", "报价阶段"),
        T("decision-follow-up", "决策跟进", "Decision follow-up", "决策", "商务谈判"),
        T(StagePolicy.Won, "赢单", "Won", "成交", "签约"),
        T(StagePolicy.Lost, "丢单", "Lost", "输单", "失败"),
    ]);

    /// <summary>What was done on a deal.</summary>
    public static readonly Vocabulary ActivityKinds = new("activity-kinds",
    [
        T("call", "电话", "Call", "电话沟通", "phone"),
        T("visit", "拜访", "Visit", "上门拜访"),
        T("meeting", "会议", "Meeting", "会谈"),
        T("email", "邮件", "E-mail", "电子邮件"),
        T("wechat", "微信", "WeChat", "企业微信"),
        T("demo", "产品演示", "Demo", "演示"),
        T("trial", "试用", "Trial", "产品试用"),
        T("poc", "POC验证", "Proof of concept", "概念验证", "POC"),
        T("executive-meeting", "高层会面", "Executive meeting", "高层会谈", "高层拜访"),
    ]);

    /// <summary>What a price-book entry is.</summary>
    public static readonly Vocabulary ProductKinds = new("product-kinds",
    [
        T("product", "产品", "Product"),
        T("bundle", "组合套餐", "Bundle", "套餐", "捆绑"),
        T("service-pack", "增值服务包", "Value-added service pack", "服务包"),
        T("concession", "非价格让步", "Non-price concession", "让步", "免费培训", "优先支持"),
    ]);

    /// <summary>Why a deal was lost (data for win/loss analysis).</summary>
    public static readonly Vocabulary LossReasons = new("loss-reasons",
    [
        T("price", "价格", "Price", "价格过高", "too expensive"),
        T("product-fit", "产品不匹配", "Product fit", "功能不满足"),
        T("competitor", "竞争对手", "Competitor", "被竞品抢单"),
        T("budget", "预算取消", "Budget cut", "预算不足", "no budget"),
        T("timing", "时机", "Timing", "项目延期", "delayed"),
        T("relationship", "客户关系", "Relationship", "关系不足"),
        T("no-decision", "未决策", "No decision", "搁置"),
        T("other", "其他", "Other"),
    ]);
}
