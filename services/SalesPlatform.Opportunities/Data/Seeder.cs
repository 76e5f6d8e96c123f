using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Data;

/// <summary>
/// Runs at start in Development or with <c>Seed:DemoData=true</c>: the demo company's price book (a dozen products with volume tiers, a
/// vision-inspection bundle, service packs and concessions) and its deals with the demo customers (two open deals in every stage with the
/// activities, needs analyses and quotes their stage needs, two won with an accepted quote, two lost with the reason and competitor).
/// Fixed ids and dates relative to the day it runs; idempotent under a transaction-scoped advisory lock. The events and the whole-company
/// history come with the end-to-end demo data (issue 18).
/// </summary>
public sealed class Seeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration) : IHostedService
{
    private const long SeedLockKey = 0x6f7070735f736565; // "opps_see"

    private static Product P(string code, string name, decimal list, decimal cost, string unit, string kind = "product", PriceTier[]? tiers = null,
        BundleComponent[]? components = null) => new()
    {
        Id = DemoOrganization.DemoId("products", code), Code = code, Name = name, Kind = kind, Currency = "CNY", ListPrice = list, UnitCost = cost, Unit = unit,
        Tiers = [.. tiers ?? []], Components = [.. components ?? []],
        SegmentPrices = kind == "product" && list >= 10_000m ? [new("high-value", MoneyMath.Round(list * 0.97m))] : [],
    };

    /// <summary>The demo price book.</summary>
    public static readonly IReadOnlyList<Product> PriceBook =
    [
        P("VIS-200", "视觉检测工作站", 10_000m, 6_000m, "台", tiers: [new(10, 9_500m, null), new(50, 9_000m, null), new(100, 8_500m, null)]),
        P("CAM-5M", "工业相机（500 万像素）", 3_000m, 1_800m, "台", tiers: [new(20, 2_800m, null)]),
        P("LENS-FA", "工业定焦镜头", 800m, 400m, "个"),
        P("LIGHT-RING", "环形 LED 光源", 500m, 220m, "个"),
        P("SW-INSPECT", "缺陷检测软件授权", 5_000m, 500m, "套", tiers: [new(10, null, 0.10m)]),
        P("PLC-CTRL", "产线控制器", 4_000m, 2_600m, "台", tiers: [new(20, 3_700m, null)]),
        P("AGV-300", "AGV 搬运机器人（300 kg）", 120_000m, 82_000m, "台", tiers: [new(5, 112_000m, null)]),
        P("MES-LIC", "MES 系统授权（每工厂）", 60_000m, 9_000m, "套"),
        P("KIT-VISION", "视觉检测套装（2 相机 + 2 镜头 + 光源 + 软件）", 12_500m, 0m, "套", "bundle", tiers: [new(10, 12_000m, null)],
            components: [new("CAM-5M", 2), new("LENS-FA", 2), new("LIGHT-RING", 1), new("SW-INSPECT", 1)]),
        P("SVC-GOLD", "金牌维保服务包（一年）", 8_000m, 3_000m, "年", "service-pack"),
        P("SVC-INSTALL", "现场安装调试", 5_000m, 2_500m, "次", "service-pack"),
        P("CON-TRAIN", "免费操作培训（两天）", 0m, 3_000m, "次", "concession"),
        P("CON-PRIORITY", "优先技术支持（一年）", 0m, 2_000m, "年", "concession"),
    ];

    private sealed record DemoDeal(string Key, string Name, string Customer, string CustomerName, Guid Owner, string Stage, (string Code, decimal Quantity)[] Lines,
        int OpenedDaysAgo, string? LostReason = null, string? Competitor = null);

    private static readonly DemoDeal[] Deals =
    [
        new("d01", "苏州精密三期视觉检测", "szjm", "苏州精密机械有限公司", DemoOrganization.Rep.Id, "prospect-identification", [("VIS-200", 20)], 5),
        new("d02", "无锡新材料质检升级", "wxxcl", "无锡新材料科技有限公司", DemoOrganization.Rep.Id, "prospect-identification", [("KIT-VISION", 4)], 9),
        new("d03", "南京智能装备 AGV 物流", "njzn", "南京智能装备股份有限公司", DemoOrganization.Rep.Id, "needs-confirmation", [("AGV-300", 4)], 20),
        new("d04", "杭州云联仓储自动化", "hzwl", "杭州云联物流有限公司", DemoOrganization.ChannelRep.Id, "needs-confirmation", [("AGV-300", 6), ("PLC-CTRL", 6)], 26),
        new("d05", "北京华能光伏板检测", "bjny", "北京华能新能源有限公司", DemoOrganization.RegionReps[0].Id, "solution-matching", [("VIS-200", 100), ("SVC-GOLD", 3)], 40),
        new("d06", "西安秦川产线 MES", "xajx", "西安秦川机械制造有限公司", DemoOrganization.RegionReps[4].Id, "solution-matching", [("MES-LIC", 2), ("SVC-INSTALL", 2)], 35),
        new("d07", "武汉同济医药冷链监测", "whyy", "武汉同济医药有限公司", DemoOrganization.RegionReps[2].Id, "decision-follow-up", [("KIT-VISION", 12), ("CON-TRAIN", 1)], 60),
        new("d08", "苏州精密二期扩产", "szjm", "苏州精密机械有限公司", DemoOrganization.Rep.Id, "decision-follow-up", [("VIS-200", 60), ("SW-INSPECT", 60)], 55),
        new("d09", "北京华能储能产线", "bjny", "北京华能新能源有限公司", DemoOrganization.RegionReps[0].Id, "won", [("AGV-300", 5), ("SVC-GOLD", 5)], 90),
        new("d10", "南京智能装备视觉一期", "njzn", "南京智能装备股份有限公司", DemoOrganization.Rep.Id, "won", [("KIT-VISION", 10), ("CON-PRIORITY", 1)], 120),
        new("d11", "深圳前海 SMT 检测", "szdz", "深圳前海电子科技有限公司", DemoOrganization.RegionReps[1].Id, "lost", [("VIS-200", 30)], 150, "price", "某国际品牌"),
        new("d12", "成都天府门店盘点", "cdls", "成都天府连锁商贸有限公司", DemoOrganization.RegionReps[3].Id, "lost", [("CAM-5M", 40)], 100, "budget"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData")))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<OpportunitiesDbContext>(), TimeProvider.System.GetUtcNow(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task SeedAsync(OpportunitiesDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        var codes = PriceBook.Select(p => p.Code).ToList();
        var present = (await db.Products.Where(p => codes.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        db.Products.AddRange(PriceBook.Where(p => !present.Contains(p.Code)));
        await db.SaveChangesAsync(ct);

        var catalog = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var stages = StagePolicy.Default;
        var leadIds = Deals.Select(d => DemoOrganization.DemoId("leads", d.Key)).ToList();
        var seeded = (await db.Opportunities.Where(o => o.LeadId != null && leadIds.Contains(o.LeadId.Value)).Select(o => o.LeadId!.Value).ToListAsync(ct)).ToHashSet();
        foreach (var deal in Deals.Where(d => !seeded.Contains(DemoOrganization.DemoId("leads", d.Key))))
        {
            var opened = now.AddDays(-deal.OpenedDaysAgo);
            var (lines, totals) = QuotePricing.Price([.. deal.Lines.Select(l => new LineRequest(l.Code, l.Quantity, 0m))], catalog, null, 0m);
            var o = Opportunity.Open(deal.Name, DemoOrganization.DemoId("customers", deal.Customer), deal.CustomerName, deal.Owner, null,
                DemoOrganization.DemoId("leads", deal.Key), "trade-show", "2026 工博会", "manufacturing", null, totals.Total, "CNY",
                DateOnly.FromDateTime(now.AddDays(90 - deal.OpenedDaysAgo / 2).UtcDateTime), [], stages.Stages[0], opened);
            db.Opportunities.Add(o);
            db.StageChanges.Add(new StageChange { OpportunityId = o.Id, ToStage = o.Stage, Amount = o.Amount, Probability = o.Probability, By = "demo", At = opened });
            var target = stages.IndexOf(deal.Stage == StagePolicy.Lost ? "solution-matching" : deal.Stage);
            var at = opened;
            void Step(string code, string? reason = null)
            {
                at = at.AddDays(Math.Max(1, deal.OpenedDaysAgo / 6));
                db.StageChanges.Add(o.MoveTo(stages.Find(code)!, "demo", reason, at));
            }

            if (target >= 1)
            {
                db.Activities.Add(new OpportunityActivity { OpportunityId = o.Id, Kind = "visit", Note = "首次拜访，了解产线现状", By = "demo", At = opened.AddHours(3) });
                Step("needs-confirmation");
            }

            if (target >= 2)
            {
                o.SetNeeds(new NeedsAnalysis("人工质检漏检率高、人力成本上升", $"约 {totals.Total / 10_000m:0} 万元，已列入年度预算", "技术评估后由采购总监与 CFO 联签",
                    ["采购总监", "CFO"]), at);
                Step("solution-matching");
            }

            if (target >= 3 || deal.Stage == StagePolicy.Lost)
            {
                var quote = new Quote
                {
                    Id = DemoOrganization.DemoId("quotes", deal.Key), OpportunityId = o.Id, Version = 1, Status = QuoteStatus.Issued, Currency = "CNY",
                    Lines = [.. lines], ListTotal = totals.ListTotal, Total = totals.Total, Cost = totals.Cost, Margin = totals.Margin, Discount = totals.Discount,
                    ValidUntil = DateOnly.FromDateTime(now.AddDays(30).UtcDateTime), PriceAdjustmentClause = "主要原材料价格波动超过 5% 时双方协商调价",
                    PenaltyClause = "逾期交付每日按合同金额 0.05% 支付违约金", CreatedBy = "demo", CreatedAt = at,
                };
                db.Quotes.Add(quote);
                if (target >= 3)
                {
                    Step("decision-follow-up");
                }

                if (deal.Stage == StagePolicy.Won)
                {
                    db.Activities.Add(new OpportunityActivity { OpportunityId = o.Id, Kind = "executive-meeting", Note = "与客户 CFO 会谈，确认投资回报", By = "demo", At = at });
                    (quote.Status, quote.AcceptedAt) = (QuoteStatus.Accepted, at.AddDays(1));
                    o.Accepted(quote.Id, quote.Total, quote.Currency, at.AddDays(1));
                    Step(StagePolicy.Won);
                }
                else if (deal.Stage == StagePolicy.Lost)
                {
                    o.MarkLost(deal.LostReason!, deal.Competitor);
                    Step(StagePolicy.Lost, deal.LostReason == "price" ? "报价高于竞品 18%" : "客户年度预算取消");
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
