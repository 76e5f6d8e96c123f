namespace SalesPlatform.Leads.Endpoints;

/// <summary>Request examples shown in the OpenAPI document (and so in the gateway's /docs).</summary>
internal static class LeadExamples
{
    public static readonly object Capture = new
    {
        source = "trade-show",
        campaign = "cimt-2026",
        company = new { name = "Suzhou Precision Parts Co.", industry = "manufacturing", size = "200-999", region = "East China", province = "Jiangsu", city = "Suzhou" },
        contact = new { name = "Li Wei", title = "Procurement Manager", email = "li.wei@szpp.example", phone = "+86 512 6532 1234" },
        budget = new { amount = 800000m, currency = "CNY", confirmed = true },
        expectedStart = "2027-01-15",
        purchasingCycle = "annual-budget",
        consent = new { lawfulBasis = "legitimate-interest", optOut = false },
    };

    public static readonly object Interaction = new { kind = "site-visit" };

    public static readonly object Activity = new
    {
        kind = "call",
        outcome = "Interested; needs a demo for the plant manager",
        nextStep = "Demo at the Suzhou plant",
        nextStepAt = "2026-12-03T02:00:00Z",
    };

    public static readonly object Convert = new { opportunityName = "Suzhou Precision Parts: CNC line upgrade" };

    public static readonly object Reason = new { reason = "No budget before 2028" };

    public static readonly object Reassign = new { ownerId = "d9530061-0b23-5ef8-92cd-99907c4213e0", reason = "Rep on leave until January" };
}
