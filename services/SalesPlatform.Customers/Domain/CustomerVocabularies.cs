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
}
