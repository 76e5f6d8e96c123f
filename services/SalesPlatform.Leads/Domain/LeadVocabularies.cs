using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Domain;

/// <summary>The leads API's own closed word lists (sources, lawful bases, activity kinds), in zh-CN and en-US.</summary>
public static class LeadVocabularies
{
    public const string PartnerReferral = "partner-referral";
    public const string PurchasedList = "purchased-list";

    private static Term T(string code, string zh, string en, params string[] synonyms) => new(code, zh, en, synonyms);

    /// <summary>Where leads come from: shared, since opportunities carry the source too.</summary>
    public static Vocabulary Sources => Vocabularies.LeadSources;

    /// <summary>GDPR article 6 lawful bases (and their PIPL counterparts).</summary>
    public static readonly Vocabulary LawfulBases = new("lawful-bases",
    [
        T("consent", "个人同意", "Consent", "同意"),
        T("contract", "合同履行", "Contract", "合同"),
        T("legal-obligation", "法定义务", "Legal obligation"),
        T("vital-interests", "重大利益", "Vital interests"),
        T("public-task", "公共利益", "Public task"),
        T("legitimate-interest", "合法利益", "Legitimate interest", "正当利益"),
    ]);

    /// <summary>How the buyer purchases (采购周期): what need fit compares with the ideal customer profile.</summary>
    public static readonly Vocabulary PurchasingCycles = new("purchasing-cycles",
    [
        T("immediate", "立即采购", "Immediate need", "急需", "马上采购", "urgent"),
        T("this-quarter", "本季度采购", "This quarter", "本季度", "三个月内", "within 3 months"),
        T("annual-budget", "年度预算采购", "Annual budget cycle", "年度预算", "年度采购计划", "annual plan", "budget cycle"),
        T("tender", "招标采购", "Public tender", "招投标", "公开招标", "bidding", "RFP"),
        T("framework", "框架协议采购", "Framework agreement", "框架协议", "年度框架", "frame contract"),
        T("ad-hoc", "零星采购", "Ad hoc", "临时采购", "occasional"),
    ]);

    public static readonly Vocabulary ActivityKinds = new("activity-kinds",
    [
        T("call", "电话", "Call", "致电", "phone call"),
        T("email", "邮件", "E-mail", "电子邮件"),
        T("visit", "拜访", "Visit", "上门拜访", "面谈"),
        T("demo", "演示", "Demo", "产品演示", "demonstration"),
    ]);
}
