using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Leads.Jobs;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>Leads learn the customers from the customers service's events (ADR 18): capture and import flag leads of existing customers.</summary>
public sealed class KnownCustomerTests(LeadsApp app) : IClassFixture<LeadsApp>
{
    [Fact]
    public async Task ImportAndCapture_FlagLeadsOfCompaniesThatAreCustomersAlready_ByNormalisedName_OnceWhateverTheRedeliveries()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = Guid.CreateVersion7();
        var registered = new CustomerRegistered(customer, $"苏州精密机械{tag}有限公司", null, LeadsApp.EastRep);
        await app.PublishAndWaitAsync(registered);
        await app.PublishAndWaitAsync(registered);
        await app.PublishAndWaitAsync(new CustomerOwnerChanged(customer, LeadsApp.EastRep, LeadsApp.EastRep2, "reassigned", "区域调整"));

        var csv = string.Join('\n', "company,contact_name,email,lawful_basis",
            $"苏州精密机械{tag}有限公司,王芳,wang@{tag}.cn,consent",
            $"无锡新材料{tag},李雷,li@{tag}.cn,consent");
        using var upload = await app.Client(Roles.CitySupervisor, LeadsApp.Supervisor)
            .PostAsync($"/api/leads/imports?fileName=list.csv&campaign=c{tag}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var job = (await upload.ReadJsonAsync()).GetProperty("id").GetGuid();
        await app.ServiceAsync<ImportProcessor, bool>(async p =>
        {
            await p.RunAsync(job, CancellationToken.None);
            return true;
        });
        var captured = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", new
        {
            source = "website", company = new { name = $"苏州精密机械{tag}有限公司" }, contact = new { name = "赵强", email = $"zhao@{tag}.cn" },
            consent = new { lawfulBasis = "consent" },
        }, HttpStatusCode.Created);

        var known = await app.DbAsync(db => db.KnownCustomers.AsNoTracking().Where(k => k.CustomerId == customer).ToListAsync());
        var leads = await app.DbAsync(db => db.Leads.AsNoTracking().Where(l => l.Campaign == "c" + tag).OrderBy(l => l.Company).ToListAsync());
        var rows = await app.DbAsync(db => db.ImportRows.AsNoTracking().Where(r => r.JobId == job).OrderBy(r => r.RowNumber).ToListAsync());
        Assert.Equal(LeadsApp.EastRep2, Assert.Single(known).OwnerId);
        Assert.Equal([null, customer], leads.Select(l => l.ExistingCustomerId));
        Assert.Contains(customer.ToString(), rows[0].Reason);
        Assert.Null(rows[1].Reason);
        Assert.Equal(customer, captured.GetProperty("existingCustomerId").GetGuid());
    }
}
