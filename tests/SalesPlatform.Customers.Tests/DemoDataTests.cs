using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Tests;

/// <summary>The demo company's customers: valid codes, the pool, every lifecycle stage, an at-risk customer; loading twice adds nothing.</summary>
public sealed class DemoDataTests(CustomersApp app) : IClassFixture<CustomersApp>
{
    [Fact]
    public async Task DemoCustomers_LoadOnce_WithValidCodes_ThreeInThePool_EveryLifecycleStage_AndOneAtRisk()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            for (var i = 0; i < 2; i++)
            {
                await Seeder.SeedAsync(services.GetRequiredService<CustomersDbContext>(), services.GetRequiredService<SegmentationRun>(), DateTimeOffset.UtcNow,
                    CancellationToken.None);
            }

            await services.GetRequiredService<ChurnScan>().RunOnceAsync(CancellationToken.None);
        }

        var customers = await app.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Tags.Contains("演示数据")).ToListAsync());
        Assert.Equal(12, customers.Count);
        Assert.All(customers, c => Assert.Null(CreditCode.Problem(c.CreditCode!)));
        Assert.Equal(3, customers.Count(c => c.OwnerId is null));
        Assert.Equal(SegmentationPolicy.LifecycleStages.Order(), customers.Select(c => c.Segment!.Lifecycle).Distinct().Order());
        var atRisk = Assert.Single(customers, c => c.ChurnRaisedAt is not null);
        Assert.Equal(Seeder.IdOf("whyy"), atRisk.Id);
        Assert.Equal(80, atRisk.ChurnScore);
        Assert.Contains(customers, c => c.Segment!.ValueTier == "high-value");
        Assert.Equal(1, await app.WithDbAsync(db => db.WinBackTasks.CountAsync(t => t.CustomerId == atRisk.Id)));
    }
}
