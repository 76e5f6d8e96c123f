using SalesPlatform.Testing;

namespace SalesPlatform.Identity.Tests.Hosting;

/// <summary>One identity service per test class, on the class's own database.</summary>
public class IdentityFixture : InfrastructureFixture
{
    public IdentityFactory Identity { get; private set; } = null!;

    /// <summary>Client on the identity service's real address.</summary>
    public HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Identity = new IdentityFactory(Database);
        Client = Identity.Start();
    }

    public override async Task DisposeAsync()
    {
        Client.Dispose();
        await Identity.DisposeAsync();
        await base.DisposeAsync();
    }
}
