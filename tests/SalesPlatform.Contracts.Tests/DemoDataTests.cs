using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Tests;

/// <summary>The demo contracts, loaded twice: every status, one above 500,000 waiting for the VP, an overdue instalment, documents that verify.</summary>
public sealed class DemoDataTests(ContractsApp app) : IClassFixture<ContractsApp>
{
    [Fact]
    public async Task DemoContracts_EveryStatus_OneWaitingForTheVp_OneInstalmentOverdue_SignedDocumentsVerify()
    {
        for (var i = 0; i < 2; i++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            await Seeder.SeedAsync(scope.ServiceProvider.GetRequiredService<ContractsDbContext>(), app.Clock.GetUtcNow(), CancellationToken.None);
        }

        var contracts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().ToListAsync());
        var instalments = await app.WithDbAsync(db => db.Instalments.AsNoTracking().ToListAsync());
        Assert.Equal(7, contracts.Count);
        Assert.Equal([ContractStatus.Approved, ContractStatus.Completed, ContractStatus.Draft, ContractStatus.InForce, ContractStatus.InReview, ContractStatus.Signed,
            ContractStatus.Void], contracts.Select(c => c.Status).Order(StringComparer.Ordinal));
        var waiting = await ContractsApp.ReadAsync(await app.Admin().GetAsync($"/api/contracts/{DemoOrganization.DemoId("contracts", "c02")}"));
        Assert.Equal(["vp"], waiting.GetProperty("awaitingRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Single(instalments, i => i.Status == InstalmentStatus.Overdue);
        Assert.All(contracts.Where(c => c.Document is not null), c => Assert.Equal(c.DocumentSha256, Convert.ToHexStringLower(SHA256.HashData(c.Document!))));
        Assert.All(contracts.Where(c => c.Status != ContractStatus.Draft && c.Status != ContractStatus.Void),
            c => Assert.Equal(c.Amount, instalments.Where(i => i.ContractId == c.Id).Sum(i => i.Amount)));
    }
}
