using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Data;

/// <summary>
/// Runs at start in Development or with <c>Seed:DemoData=true</c>: the customers of the demo company (华信智造集团), with valid
/// credit codes, owned by the demo reps, three waiting in the pool, purchase histories that give every segment and lifecycle
/// stage, surveys, an open complaint and one customer whose falling orders, falling satisfaction and rising complaints put it at
/// risk. Fixed ids and dates relative to the day it runs; idempotent (a customer is inserted only when its id is absent) under a
/// transaction-scoped advisory lock. The contracts behind the purchases come from the end-to-end demo data (issue 18).
/// </summary>
public sealed class Seeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration) : IHostedService
{
    private const long SeedLockKey = 0x637573745f736565; // "cust_see"

    private sealed record DemoCustomer(string Key, string Name, string Industry, string Size, Guid? Owner, int[] PurchaseDaysAgo, decimal Amount,
        string Contact, string Title, string Role);

    private static readonly DemoCustomer[] Customers =
    [
        new("szjm", "苏州精密机械有限公司", "manufacturing", "1000+", DemoOrganization.Rep.Id, [12, 75, 140, 210, 300, 420], 1_200_000m, "王芳", "采购经理", "procurement"),
        new("njzn", "南京智能装备股份有限公司", "manufacturing", "200-999", DemoOrganization.Rep.Id, [20, 160], 380_000m, "李强", "总经理", "decision-maker"),
        new("wxxcl", "无锡新材料科技有限公司", "manufacturing", "50-199", DemoOrganization.Rep.Id, [40], 95_000m, "赵敏", "技术总监", "technical-evaluator"),
        new("hzwl", "杭州云联物流有限公司", "logistics", "200-999", DemoOrganization.ChannelRep.Id, [200, 260], 160_000m, "钱进", "信息化经理", "influencer"),
        new("bjny", "北京华能新能源有限公司", "energy", "1000+", DemoOrganization.RegionReps[0].Id, [30, 95, 180, 250], 2_600_000m, "孙浩", "财务总监", "finance"),
        new("szdz", "深圳前海电子科技有限公司", "it", "200-999", DemoOrganization.RegionReps[1].Id, [400], 220_000m, "周婷", "采购主管", "procurement"),
        new("whyy", "武汉同济医药有限公司", "healthcare", "1000+", DemoOrganization.RegionReps[2].Id, [15, 200, 230, 250, 280], 640_000m, "吴刚", "副总裁", "decision-maker"),
        new("cdls", "成都天府连锁商贸有限公司", "retail", "200-999", DemoOrganization.RegionReps[3].Id, [], 0m, "郑雪", "运营总监", "influencer"),
        new("xajx", "西安秦川机械制造有限公司", "manufacturing", "1000+", DemoOrganization.RegionReps[4].Id, [60, 300], 450_000m, "冯涛", "设备部长", "user"),
        new("sykj", "沈阳北方重工科技有限公司", "manufacturing", "1000+", null, [500, 620], 300_000m, "陈勇", "采购经理", "procurement"),
        new("gzsm", "广州南沙港口物流有限公司", "logistics", "50-199", null, [], 0m, "林珊", "总经理助理", "influencer"),
        new("tjyh", "天津滨海医疗器械有限公司", "healthcare", "50-199", null, [90], 60_000m, "何军", "采购员", "procurement"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData")))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await SeedAsync(db, scope.ServiceProvider.GetRequiredService<SegmentationRun>(), TimeProvider.System.GetUtcNow(), cancellationToken);
        // Score churn now rather than at the job's next round, so the at-risk customer shows on the first visit.
        await scope.ServiceProvider.GetRequiredService<ChurnScan>().RunOnceAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The fixed id of a demo record.</summary>
    public static Guid IdOf(string key) => DemoOrganization.DemoId("customers", key);

    /// <summary>A valid credit code for a demo customer (the 17 characters from its key, then the check character).</summary>
    public static string CreditCodeOf(string key)
    {
        const string digits = "0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("credit:" + key));
        var first17 = "91" + "3205" + "00" + new string([.. hash.Take(9).Select(b => digits[b % 10])]);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static string Money(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task SeedAsync(CustomersDbContext db, SegmentationRun segmentation, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        var ids = Customers.Select(c => IdOf(c.Key)).ToList();
        var present = (await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var complaints = await PolicyStore.LoadAsync<ComplaintPolicy>(db, ct);
        foreach (var demo in Customers.Where(c => !present.Contains(IdOf(c.Key))))
        {
            var id = IdOf(demo.Key);
            var person = demo.Owner is { } o ? DemoOrganization.People.First(p => p.Id == o) : DemoOrganization.RegionReps[5];
            var (region, province, city) = DemoOrganization.PlaceOf(person.UnitId);
            var created = now.AddDays(-(demo.PurchaseDaysAgo.DefaultIfEmpty(30).Max() + 30));
            var customer = Customer.Create(new CustomerDetails(demo.Name, CreditCodeOf(demo.Key), demo.Industry, demo.Size, region, province, city,
                [new CustomerContact(demo.Contact, demo.Title, demo.Role, null, null)], ["演示数据"]), demo.Owner, null, null, created, id);
            db.Customers.Add(customer);
            db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(created), CustomerId = id, Kind = "customer.created", OccurredAt = created,
                Summary = $"客户“{demo.Name}”已建档（演示数据）/ Customer {demo.Name} created (demo data)",
            });
            foreach (var (days, i) in demo.PurchaseDaysAgo.Select((d, i) => (d, i)))
            {
                var at = now.AddDays(-days);
                db.Purchases.Add(new Purchase
                {
                    ContractId = IdOf($"{demo.Key}:contract:{i}"), CustomerId = id, SignedAt = at, Amount = demo.Amount, Currency = "CNY",
                    BaseAmount = demo.Amount, Cost = Math.Round(demo.Amount * 0.62m, 2),
                });
                db.Timeline.Add(new TimelineEntry
                {
                    Id = Guid.CreateVersion7(at), CustomerId = id, Kind = "contract.signed", Subject = $"contract:{IdOf($"{demo.Key}:contract:{i}")}", OccurredAt = at,
                    Summary = $"签订合同 CNY {Money(demo.Amount)} / Contract signed: CNY {Money(demo.Amount)}",
                });
                customer.Dealt(at);
            }

            if (demo.Owner is not null)
            {
                customer.FollowedUp(now.AddDays(-(demo.Key == "whyy" ? 25 : 5)));
            }
        }

        await db.SaveChangesAsync(ct);
        if (!present.Contains(IdOf("whyy")))
        {
            // The at-risk customer: satisfied a year ago, unhappy now, with two complaints this half-year and one still open.
            var whyy = IdOf("whyy");
            db.Surveys.Add(new SurveyResponse { Id = IdOf("whyy:survey:0"), CustomerId = whyy, OwnerId = DemoOrganization.RegionReps[2].Id, Score = 9,
                Touchpoint = "delivery-acceptance", Comment = "交付准时", AnsweredAt = now.AddDays(-240) });
            db.Surveys.Add(new SurveyResponse { Id = IdOf("whyy:survey:1"), CustomerId = whyy, OwnerId = DemoOrganization.RegionReps[2].Id, Score = 4,
                Touchpoint = "after-sales", Comment = "售后响应太慢，设备停机两天", AnsweredAt = now.AddDays(-20) });
            db.Complaints.Add(Complaint.Open(whyy, "service", "urgent", "售后工程师两天未到场，生产线停机", now.AddDays(-60), complaints));
            db.Complaints.Add(Complaint.Open(whyy, "product", "normal", "冷链监测模块数据丢失", now.AddHours(-20), complaints));
            db.Surveys.Add(new SurveyResponse { Id = IdOf("szjm:survey:0"), CustomerId = IdOf("szjm"), OwnerId = DemoOrganization.Rep.Id, Score = 10,
                Touchpoint = "contract-signing", Comment = "方案专业，报价透明", AnsweredAt = now.AddDays(-12) });
            db.Surveys.Add(new SurveyResponse { Id = IdOf("bjny:survey:0"), CustomerId = IdOf("bjny"), OwnerId = DemoOrganization.RegionReps[0].Id, Score = 8,
                Touchpoint = "delivery-acceptance", AnsweredAt = now.AddDays(-30) });
            await db.SaveChangesAsync(ct);
        }

        await segmentation.SegmentAsync(null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
