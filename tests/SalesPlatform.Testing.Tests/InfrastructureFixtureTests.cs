using Npgsql;
using StackExchange.Redis;
using Xunit;

namespace SalesPlatform.Testing.Tests;

public sealed class InfrastructureFixtureTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task CreateDatabase_TwoCalls_GiveSeparateDatabases()
    {
        var first = await fixture.Infrastructure.CreateDatabaseAsync("separate");
        var second = await fixture.Infrastructure.CreateDatabaseAsync("separate");

        await ExecuteAsync(first, "CREATE TABLE marker (id int)");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    [Fact]
    public async Task Fixture_ClassDatabase_AcceptsConnections()
    {
        Assert.Equal(1, await ScalarAsync(fixture.Database, "SELECT 1"));
    }

    [Fact]
    public async Task CreateVirtualHost_NewPrefix_VirtualHostExistsAndUriNamesIt()
    {
        var uri = new Uri(await fixture.Infrastructure.CreateVirtualHostAsync("Orders Tests"));

        var name = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        Assert.StartsWith("orders-tests-", name, StringComparison.Ordinal);
        Assert.Contains(name, await fixture.Infrastructure.GetVirtualHostsAsync());
        Assert.Equal("amqp", uri.Scheme);
    }

    [Fact]
    public async Task NextRedisDatabase_TwoCalls_GiveDifferentDatabasesThatDoNotShareKeys()
    {
        var first = fixture.Infrastructure.NextRedisDatabase();
        var second = fixture.Infrastructure.NextRedisDatabase();
        Assert.NotEqual(first, second);

        await using var a = await ConnectionMultiplexer.ConnectAsync(first);
        await using var b = await ConnectionMultiplexer.ConnectAsync(second);
        await a.GetDatabase().StringSetAsync("marker", "a");

        Assert.Equal("a", (string?)await a.GetDatabase().StringGetAsync("marker"));
        Assert.False(await b.GetDatabase().KeyExistsAsync("marker"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
