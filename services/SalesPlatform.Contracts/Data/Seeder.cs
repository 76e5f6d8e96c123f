using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Data;

/// <summary>
/// Runs at start in Development or with <c>Seed:DemoData=true</c>: the demo company's contracts with the demo customers, one in every status (a
/// draft, one of 1,280,000 in review that finance and legal approved and that waits for the VP, an approved one, signed ones with payment plans,
/// one instalment overdue, a completed one, a void one), with their approvals, legal reviews, documents, payments and audit trails. Fixed ids,
/// dates relative to the day it runs; idempotent under a transaction-scoped advisory lock. Events come with the end-to-end demo data (issue 18).
/// </summary>
public sealed class Seeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration) : IHostedService
{
    private const long SeedLockKey = 0x636f6e745f736565; // "cont_see"

    private sealed record DemoContract(string Key, string Title, string Customer, string CustomerName, Guid Owner, decimal Amount, string Status, int SignedDaysAgo,
        (int DueDaysFromSigning, decimal Share, bool Paid)[] Plan);

    private static readonly DemoContract[] Contracts =
    [
        new("c01", "苏州精密三期视觉检测合同（草稿）", "szjm", "苏州精密机械有限公司", DemoOrganization.Rep.Id, 200_000m, ContractStatus.Draft, 0, []),
        new("c02", "北京华能储能产线合同", "bjny", "北京华能新能源有限公司", DemoOrganization.RegionReps[0].Id, 1_280_000m, ContractStatus.InReview, 0,
            [(30, 0.3m, false), (120, 0.7m, false)]),
        new("c03", "南京智能装备视觉一期合同", "njzn", "南京智能装备股份有限公司", DemoOrganization.Rep.Id, 120_000m, ContractStatus.Approved, 0, [(30, 1m, false)]),
        new("c04", "武汉同济冷链监测合同", "whyy", "武汉同济医药有限公司", DemoOrganization.RegionReps[2].Id, 450_000m, ContractStatus.InForce, 75,
            [(15, 0.3m, true), (45, 0.4m, false), (120, 0.3m, false)]),
        new("c05", "西安秦川 MES 一期合同", "xajx", "西安秦川机械制造有限公司", DemoOrganization.RegionReps[4].Id, 300_000m, ContractStatus.Signed, 10, [(30, 0.5m, false), (90, 0.5m, false)]),
        new("c06", "苏州精密二期扩产合同", "szjm", "苏州精密机械有限公司", DemoOrganization.Rep.Id, 860_000m, ContractStatus.Completed, 200,
            [(30, 0.3m, true), (90, 0.7m, true)]),
        new("c07", "成都天府门店盘点合同", "cdls", "成都天府连锁商贸有限公司", DemoOrganization.RegionReps[3].Id, 96_000m, ContractStatus.Void, 0, []),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData")))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<ContractsDbContext>(), TimeProvider.System.GetUtcNow(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task SeedAsync(ContractsDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        var ids = Contracts.Select(c => DemoOrganization.DemoId("contracts", c.Key)).ToList();
        var present = (await db.Contracts.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var policy = ApprovalPolicy.Default;
        foreach (var demo in Contracts.Where(c => !present.Contains(DemoOrganization.DemoId("contracts", c.Key))))
        {
            var id = DemoOrganization.DemoId("contracts", demo.Key);
            var signedAt = now.AddDays(-demo.SignedDaysAgo);
            var created = signedAt.AddDays(-14);
            var contract = new Contract
            {
                Id = id, Number = $"HT{ReportingCalendar.China.ToLocal(created):yyyyMMdd}-{demo.Key.ToUpperInvariant()}DEMO", Title = demo.Title,
                CustomerId = DemoOrganization.DemoId("customers", demo.Customer), CustomerName = demo.CustomerName, OwnerId = demo.Owner, Amount = demo.Amount,
                Currency = "CNY", Cost = Math.Round(demo.Amount * 0.62m, 2), Lines = [new ContractItem("VIS-200", "视觉检测工作站", 1, demo.Amount, demo.Amount, null)],
                PriceAdjustmentClause = "主要原材料价格波动超过 5% 时双方协商调价", PenaltyClause = "逾期交付每日按合同金额 0.05% 支付违约金", CreatedAt = created, UpdatedAt = now,
            };
            db.Contracts.Add(contract);
            db.Record(id, "drafted", "demo", null, created);
            var plan = demo.Plan.Select((p, i) => new Instalment
            {
                ContractId = id, Sequence = i + 1, DueDate = ReportingCalendar.China.DateOf(signedAt.AddDays(p.DueDaysFromSigning)),
                Amount = i == demo.Plan.Length - 1 ? demo.Amount - demo.Plan.Take(i).Sum(x => Math.Round(demo.Amount * x.Share, 2)) : Math.Round(demo.Amount * p.Share, 2),
            }).ToList();
            db.Instalments.AddRange(plan);
            if (demo.Status == ContractStatus.Draft)
            {
                continue;
            }

            if (demo.Status == ContractStatus.Void)
            {
                contract.Status = ContractStatus.Void;
                db.Record(id, "voided", "demo", "客户年度预算取消", now.AddDays(-2));
                continue;
            }

            contract.Round = 1;
            contract.RequiredSteps = [.. policy.StepsFor(demo.Amount)];
            contract.RiskRating = "low";
            contract.Status = ContractStatus.InReview;
            contract.ApprovalStatus = "pending";
            db.Record(id, "submitted", "demo", "round 1", created.AddDays(1));
            var roles = contract.RequiredSteps.SelectMany(s => s.Roles).ToList();
            var deciding = demo.Status == ContractStatus.InReview ? roles.Where(r => r != Roles.Vp).ToList() : roles;
            foreach (var role in deciding)
            {
                var person = DemoOrganization.People.First(p => p.Role == role || (role == Roles.SalesDirector && p.Id == DemoOrganization.Director.Id));
                db.Approvals.Add(new ContractApproval { ContractId = id, Round = 1, Role = role, Approved = true, PersonId = person.Id, By = person.Name, Comment = "同意", At = created.AddDays(2) });
                db.Record(id, $"approved:{role}", person.Name, "同意", created.AddDays(2));
            }

            contract.Legal = new LegalReview([.. LegalReview.Checklist.Select(c => new ChecklistItem(c, true, null))], DemoOrganization.Legal.Name, created.AddDays(2));
            db.Record(id, "legal-review-passed", DemoOrganization.Legal.Name, null, created.AddDays(2));
            if (demo.Status == ContractStatus.InReview)
            {
                continue;
            }

            (contract.Status, contract.ApprovalStatus) = (ContractStatus.Approved, "approved");
            db.Record(id, "approval-complete", "system", "round 1", created.AddDays(3));
            if (demo.Status == ContractStatus.Approved)
            {
                continue;
            }

            var bytes = contract.CanonicalDocument(plan);
            (contract.Document, contract.DocumentSha256, contract.SignedBy, contract.SignedAt, contract.Status) =
                (bytes, Contract.Sha256(bytes), "客户授权代表", signedAt, ContractStatus.Signed);
            db.Record(id, "signed", "demo", $"sha256 {contract.DocumentSha256}", signedAt);
            foreach (var (instalment, paid) in plan.Zip(demo.Plan.Select(p => p.Paid)).Where(x => x.Second))
            {
                var received = ReportingCalendar.China.StartOf(instalment.DueDate).AddHours(-20);
                db.Payments.Add(new PaymentEntry { ContractId = id, InstalmentId = instalment.Id, Amount = instalment.Amount, ReceivedAt = received, Reference = "演示回单", RecordedBy = DemoOrganization.Finance.Name });
                (instalment.Paid, instalment.Status, instalment.PaidAt) = (instalment.Amount, InstalmentStatus.Paid, received);
                contract.Status = ContractStatus.InForce;
            }

            var today = ReportingCalendar.China.DateOf(now);
            foreach (var instalment in plan.Where(i => i.Paid < i.Amount && i.DueDate < today))
            {
                instalment.Status = InstalmentStatus.Overdue;
            }

            if (demo.Status == ContractStatus.Completed)
            {
                contract.Status = ContractStatus.Completed;
                db.Record(id, "fully-paid", "system", null, plan.Max(i => i.PaidAt!.Value));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
