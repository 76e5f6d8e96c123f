using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using StackExchange.Redis;

namespace SalesPlatform.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ for one test process. The servers start once per process on
/// free loopback ports through <c>scripts/infra.sh</c> and stop when the process exits (also when
/// tests fail). When <c>SALESPLATFORM_TEST_POSTGRES</c>, <c>SALESPLATFORM_TEST_REDIS</c>,
/// <c>SALESPLATFORM_TEST_RABBITMQ</c> and <c>SALESPLATFORM_TEST_RABBITMQ_MANAGEMENT</c> are set (CI
/// starts one set of servers for all test projects), those servers are used and nothing starts.
/// Isolation comes from a database, a virtual host and a Redis database per test class.
/// </summary>
public sealed class TestInfrastructure
{
    /// <summary>Number of Redis databases the servers are started with (<c>--databases 256</c>).</summary>
    public const int RedisDatabases = 256;

    private static readonly Lazy<Task<TestInfrastructure>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _fallbackRedisDatabase = Random.Shared.Next(RedisDatabases);

    private readonly Uri _managementUrl;
    private readonly Lazy<ConnectionMultiplexer> _redisAllocator;
    private readonly HttpClient _management;

    private TestInfrastructure(string postgres, string redis, string rabbitMq, string managementUrl)
    {
        PostgresConnectionString = postgres;
        RedisConnectionString = redis;
        RabbitMqConnectionString = rabbitMq;
        _managementUrl = new Uri(managementUrl.EndsWith('/') ? managementUrl : managementUrl + "/");
        _redisAllocator = new(() => ConnectionMultiplexer.Connect(redis));
        var rabbit = new Uri(rabbitMq);
        _management = new HttpClient { BaseAddress = _managementUrl, Timeout = TimeSpan.FromSeconds(30) };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(rabbit.UserInfo))));
    }

    /// <summary>Admin connection string of PostgreSQL (database <c>postgres</c>, a superuser).</summary>
    public string PostgresConnectionString { get; }

    /// <summary>Redis connection string (<c>host:port</c>), database 0.</summary>
    public string RedisConnectionString { get; }

    /// <summary>AMQP URI of RabbitMQ's default virtual host (<c>amqp://user:pass@127.0.0.1:port/</c>).</summary>
    public string RabbitMqConnectionString { get; }

    /// <summary>Base URL of the RabbitMQ management HTTP API.</summary>
    public Uri RabbitMqManagementUrl => _managementUrl;

    /// <summary>The process-wide infrastructure; the first call starts the servers (about 10 s).</summary>
    public static Task<TestInfrastructure> GetAsync() => Instance.Value;

    /// <summary>Creates a new empty database named after <paramref name="prefix"/> plus a unique suffix.</summary>
    /// <returns>Connection string of the new database.</returns>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix, '_', 63);
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Creates a RabbitMQ virtual host named after <paramref name="prefix"/> plus a unique suffix
    /// (through the management API) and grants the connection's user full permissions on it.
    /// </summary>
    /// <returns>AMQP URI of the new virtual host.</returns>
    public async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var name = UniqueName(prefix, '-', 100);
        var rabbit = new Uri(RabbitMqConnectionString);
        var user = Uri.UnescapeDataString(rabbit.UserInfo.Split(':')[0]);
        var vhost = Uri.EscapeDataString(name);

        using (var response = await _management.PutAsync($"api/vhosts/{vhost}", null))
        {
            await EnsureSuccessAsync(response, $"create virtual host {name}");
        }

        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        using (var response = await _management.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}", permissions))
        {
            await EnsureSuccessAsync(response, $"grant {user} on virtual host {name}");
        }

        return new UriBuilder(rabbit) { Path = "/" + vhost }.Uri.AbsoluteUri;
    }

    /// <summary>
    /// Redis connection string on a database number no other caller got recently
    /// (<c>host:port,defaultDatabase=N</c>, N in 1..255). Numbers come from a counter kept in
    /// Redis database 0, so test processes sharing one server do not collide; they cycle after 255.
    /// </summary>
    public string NextRedisDatabase()
    {
        int database;
        try
        {
            var counter = _redisAllocator.Value.GetDatabase(0).StringIncrement("salesplatform-tests:next-database");
            database = 1 + (int)((counter - 1) % (RedisDatabases - 1));
        }
        catch (RedisException)
        {
            database = 1 + (Interlocked.Increment(ref _fallbackRedisDatabase) & int.MaxValue) % (RedisDatabases - 1);
        }

        return $"{RedisConnectionString},defaultDatabase={database}";
    }

    /// <summary>Lists the virtual hosts RabbitMQ knows (from the management API).</summary>
    public async Task<IReadOnlyList<string>> GetVirtualHostsAsync()
    {
        var hosts = await _management.GetFromJsonAsync<List<VirtualHost>>("api/vhosts") ?? [];
        return [.. hosts.Select(h => h.Name)];
    }

    private sealed record VirtualHost(string Name);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"RabbitMQ management API: could not {what}: {(int)response.StatusCode} {body}");
        }
    }

    private static string UniqueName(string prefix, char separator, int maxLength)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : separator)]);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var head = clean.Length > maxLength - suffix.Length - 1 ? clean[..(maxLength - suffix.Length - 1)] : clean;
        return string.IsNullOrEmpty(head) ? "t" + separator + suffix : head + separator + suffix;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("SALESPLATFORM_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("SALESPLATFORM_TEST_REDIS");
        var rabbit = Environment.GetEnvironmentVariable("SALESPLATFORM_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("SALESPLATFORM_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(redis) && !string.IsNullOrEmpty(rabbit) &&
            !string.IsNullOrEmpty(management))
        {
            return new TestInfrastructure(postgres, redis, rabbit, management);
        }

        if (!string.IsNullOrEmpty(postgres) || !string.IsNullOrEmpty(redis) || !string.IsNullOrEmpty(rabbit))
        {
            throw new InvalidOperationException(
                "Set all of SALESPLATFORM_TEST_POSTGRES, _REDIS, _RABBITMQ and _RABBITMQ_MANAGEMENT, or none of them.");
        }

        var (_, values) = await InfraScript.StartNewAsync("tests", postgres: true, redis: true, only: null);
        return new TestInfrastructure(
            Required(values, "ConnectionStrings__postgres"),
            Required(values, "ConnectionStrings__redis"),
            Required(values, "ConnectionStrings__rabbitmq"),
            Required(values, "RABBITMQ_MANAGEMENT_URL"));
    }

    internal static string Required(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"infra.sh start did not print {key}.");
}
