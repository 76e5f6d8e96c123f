using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace SalesPlatform.AppHost.Tests;

/// <summary>The AppHost's model as declared (not started): no container resource, since no container engine exists here.</summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task Model_WithLocalServers_HasNoContainerResource_AndRunsEveryServerAsAnExecutable()
    {
        var data = Directory.CreateTempSubdirectory("apphost-model").FullName;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SalesPlatform_AppHost>(
                [$"--SalesPlatform:DataDirectory={data}"], (options, _) => options.DisableDashboard = true);
            var resources = builder.Resources.ToList();

            Assert.Empty(resources.OfType<ContainerResource>());
            Assert.All(new[] { "postgres", "redis", "rabbitmq", "epmd" },
                name => Assert.IsAssignableFrom<ExecutableResource>(resources.Single(r => r.Name == name)));
            Assert.All(new[] { "identity", "teamperformance", "leads", "customers", "opportunities", "contracts", "analytics", "gateway" },
                name => Assert.IsType<ProjectResource>(resources.Single(r => r.Name == name)));
            Assert.All(new[] { "identitydb", "teamperformancedb", "leadsdb", "customersdb", "opportunitiesdb", "contractsdb", "analyticsdb" },
                name => Assert.IsType<DatabaseResource>(resources.Single(r => r.Name == name)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
