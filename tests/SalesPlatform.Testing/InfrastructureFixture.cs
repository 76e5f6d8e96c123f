using Xunit;

namespace SalesPlatform.Testing;

/// <summary>
/// xUnit class fixture (<c>IClassFixture&lt;InfrastructureFixture&gt;</c>): each test class gets its
/// own PostgreSQL database, RabbitMQ virtual host and Redis database on the process-wide
/// <see cref="TestInfrastructure"/>.
/// </summary>
public class InfrastructureFixture : IAsyncLifetime
{
    /// <summary>The process-wide servers.</summary>
    public TestInfrastructure Infrastructure { get; private set; } = null!;

    /// <summary>Connection string of this class's own (initially empty) database.</summary>
    public string Database { get; private set; } = string.Empty;

    /// <summary>AMQP URI of this class's own virtual host.</summary>
    public string RabbitMq { get; private set; } = string.Empty;

    /// <summary>Redis connection string on this class's own database number.</summary>
    public string Redis { get; private set; } = string.Empty;

    /// <summary>Starts (or reuses) the servers and creates this class's database, vhost and Redis db.</summary>
    public virtual async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        var prefix = GetType().Name;
        Database = await Infrastructure.CreateDatabaseAsync(prefix);
        RabbitMq = await Infrastructure.CreateVirtualHostAsync(prefix);
        Redis = Infrastructure.NextRedisDatabase();
    }

    /// <summary>Nothing to do: the servers are throwaway and stop when the test process exits.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;
}
