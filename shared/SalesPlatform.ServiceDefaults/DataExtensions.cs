using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>Registration helpers for a service's own PostgreSQL database and for Redis.</summary>
public static class DataExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on PostgreSQL from <c>ConnectionStrings:{connectionName}</c>,
    /// a ready-tagged health check for it, and, in Development or when <c>Database:MigrateOnStartup</c>
    /// is true, applies pending migrations before the service starts listening.
    /// </summary>
    public static TBuilder AddServiceDbContext<TBuilder, TDbContext>(this TBuilder builder, string connectionName,
        Action<DbContextOptionsBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set; it must name this service's PostgreSQL database.");
        }

        builder.Services.AddDbContext<TDbContext>(options =>
        {
            options.UseNpgsql(connectionString);
            configure?.Invoke(options);
        });

        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: connectionName, failureStatus: HealthStatus.Unhealthy,
            tags: [Extensions.ReadyTag], timeout: TimeSpan.FromSeconds(5));

        var migrate = builder.Environment.IsDevelopment()
            || string.Equals(builder.Configuration["Database:MigrateOnStartup"], "true", StringComparison.OrdinalIgnoreCase);
        if (migrate)
        {
            builder.Services.AddHostedService<DatabaseMigrator<TDbContext>>();
        }

        return builder;
    }

    /// <summary>
    /// Registers a shared <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{connectionName}</c>
    /// (StackExchange.Redis configuration string) that reconnects by itself, and a ready-tagged PING check.
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder, string connectionName = "redis")
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set; it must name a Redis server (host:port).");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(),
            name: connectionName, failureStatus: HealthStatus.Unhealthy, tags: [Extensions.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}

/// <summary>Applies pending EF Core migrations at start (development, tests, or when asked for).</summary>
public sealed class DatabaseMigrator<TDbContext>(IServiceProvider services, ILogger<DatabaseMigrator<TDbContext>> logger)
    : IHostedService where TDbContext : DbContext
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migrations to {Context}: {Migrations}", pending.Count,
                typeof(TDbContext).Name, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The one column naming convention of every database: snake_case, as the shared outbox and inbox tables use.</summary>
public static class NamingConventions
{
    /// <summary>Names every column of every entity (owned ones included) in snake_case; call last in <c>OnModelCreating</c>.</summary>
    public static ModelBuilder UseSnakeCaseColumns(this ModelBuilder modelBuilder)
    {
        // Types stored inside a JSON column keep their JSON property names.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsMappedToJson()))
        {
            // An owned type split into its owner's table shares the owner's key column and prefixes its own
            // columns with the navigation's name (Segment.ValueTier -> segment_value_tier).
            var ownership = entity.IsOwned() && entity.FindOwnership() is { } owned && entity.GetTableName() == owned.PrincipalEntityType.GetTableName()
                ? owned : null;
            foreach (var property in entity.GetProperties())
            {
                if (ownership is not null && property.IsPrimaryKey() && ownership.Properties.Contains(property))
                {
                    var principal = ownership.PrincipalKey.Properties[ownership.Properties.ToList().IndexOf(property)];
                    property.SetColumnName(SnakeCase(principal.Name));
                }
                else
                {
                    property.SetColumnName(ownership is null ? SnakeCase(property.Name) : SnakeCase(ownership.PrincipalToDependent!.Name + property.Name));
                }
            }
        }

        return modelBuilder;
    }

    /// <summary>OwnerId -> owner_id.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}

/// <summary>One way to keep a value object or a list of them in a <c>jsonb</c> column.</summary>
public static class JsonColumns
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores the property as <c>jsonb</c> (web JSON names), compared and snapshotted by its JSON, so a changed list or record is saved and an
    /// unchanged one is not. Null stays SQL NULL.
    /// </summary>
    public static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> HasJsonConversion<T>(
        this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, Json),
            v => System.Text.Json.JsonSerializer.Deserialize<T>(v, Json)!,
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<T>(
                (a, b) => System.Text.Json.JsonSerializer.Serialize(a, Json) == System.Text.Json.JsonSerializer.Serialize(b, Json),
                v => System.Text.Json.JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.Serialize(v, Json), Json)!));
}
