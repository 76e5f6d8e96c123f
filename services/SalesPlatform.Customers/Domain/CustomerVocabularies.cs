using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

/// <summary>The customers API's own word lists, in zh-CN and en-US.</summary>
public static class CustomerVocabularies
{
    private static Term T(string code, string zh, string en, params string[] synonyms) => new(code, zh, en, synonyms);

    /// <summary>Where in the relationship a survey is taken.</summary>
    public static readonly Vocabulary Touchpoints = new("survey-touchpoints",
    [
        T("presales", "售前", "Presales", "售前阶段"),
        T("contract-signing", "合同签订", "Contract signing", "签约"),
        T("delivery-acceptance", "交付验收", "Delivery acceptance", "验收"),
        T("after-sales", "售后", "After-sales", "售后服务阶段"),
    ]);

    /// <summary>What a complaint is about.</summary>
    public static readonly Vocabulary ComplaintCategories = new("complaint-categories",
    [
        T("product", "产品", "Product", "产品质量", "quality"),
        T("service", "服务", "Service", "服务态度", "售后服务"),
        T("process", "流程", "Process", "流程问题", "交付流程", "delivery"),
    ]);

    /// <summary>How serious a complaint is (it sets the response time).</summary>
    public static readonly Vocabulary ComplaintSeverities = new("complaint-severities",
    [
        T("normal", "一般", "Normal", "普通"),
        T("urgent", "紧急", "Urgent", "加急"),
        T("major", "重大", "Major", "严重", "critical"),
    ]);

    /// <summary>A contact's role in the customer's buying decision.</summary>
    public static readonly Vocabulary ContactRoles = new("contact-roles",
    [
        T("decision-maker", "决策者", "Decision maker", "拍板人", "decision"),
        T("influencer", "影响者", "Influencer", "影响人"),
        T("procurement", "采购", "Procurement", "采购负责人", "buyer"),
        T("technical-evaluator", "技术评估", "Technical evaluator", "技术负责人", "技术把关"),
        T("finance", "财务", "Finance", "财务负责人"),
        T("user", "使用者", "User", "最终用户", "end user"),
        T("champion", "内部支持者", "Champion", "支持者", "coach"),
    ]);

    /// <summary>RFM segments (<see cref="SegmentationPolicy"/>).</summary>
    public static readonly Vocabulary RfmSegments = new("rfm-segments",
    [
        T("high-value", "高价值客户", "High-value", "重要价值客户"),
        T("potential", "潜力客户", "Potential", "潜在价值客户"),
        T("general", "一般客户", "General", "普通客户"),
        T("lost", "流失客户", "Lost", "已流失"),
    ]);

    /// <summary>Value tiers by share of profit (seed 000).</summary>
    public static readonly Vocabulary ValueTiers = new("value-tiers",
    [
        T("high-value", "高价值", "High-value", "高价值客户", "A类"),
        T("important", "重要", "Important", "重要客户", "B类"),
        T("general", "一般", "General", "一般客户", "C类"),
        T("low-value", "低价值", "Low-value", "低价值客户", "D类"),
    ]);

    /// <summary>Lifecycle stages, with the strategy of each.</summary>
    public static readonly Vocabulary LifecycleStages = new("lifecycle-stages",
    [
        T("awareness", "认知期", "Awareness", "认知"),
        T("development", "开发期", "Development", "成长期", "开发"),
        T("mature", "成熟期", "Mature", "成熟"),
        T("decline", "衰退期", "Decline", "衰退"),
        T("lost", "流失期", "Lost", "流失"),
    ]);

    /// <summary>How a follow-up happened.</summary>
    public static readonly Vocabulary FollowUpKinds = new("follow-up-kinds",
    [
        T("call", "电话", "Call", "电话沟通", "phone"),
        T("visit", "拜访", "Visit", "上门拜访", "现场拜访"),
        T("meeting", "会议", "Meeting", "线上会议", "会谈"),
        T("email", "邮件", "E-mail", "电子邮件"),
        T("wechat", "微信", "WeChat", "企业微信"),
    ]);

    /// <summary>What a win-back task offers an at-risk customer.</summary>
    public static readonly Vocabulary WinBackOffers = new("win-back-offers",
    [
        T("exclusive-discount", "专属折扣", "Exclusive discount", "专属优惠"),
        T("extended-service-term", "延长服务期", "Extended service term", "延长服务期限"),
        T("value-added-service", "增值服务", "Value-added service", "增值服务包"),
    ]);
}
