using System.Net.Sockets;

namespace SalesPlatform.Testing;

/// <summary>
/// A RabbitMQ server of its own (not the shared one), for tests that stop and restart the broker.
/// Runs on free loopback ports with its state in a temp directory; disposing it stops it and
/// removes the state. Also removed at process exit.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private readonly InfraScript _script;

    private RabbitMqNode(InfraScript script, string connectionString, Uri managementUrl)
    {
        _script = script;
        ConnectionString = connectionString;
        ManagementUrl = managementUrl;
    }

    /// <summary>AMQP URI of the node's default virtual host.</summary>
    public string ConnectionString { get; }

    /// <summary>Base URL of the node's management HTTP API.</summary>
    public Uri ManagementUrl { get; }

    /// <summary>AMQP port of the node on 127.0.0.1.</summary>
    public int Port => new Uri(ConnectionString).Port;

    /// <summary>Starts a new dedicated node and waits until it accepts AMQP connections.</summary>
    public static async Task<RabbitMqNode> StartDedicatedAsync()
    {
        var (script, values) = await InfraScript.StartNewAsync(
            $"rabbitmq-{Guid.NewGuid():N}"[..17], postgres: false, redis: false, only: "rabbitmq");
        return new RabbitMqNode(
            script,
            TestInfrastructure.Required(values, "ConnectionStrings__rabbitmq"),
            new Uri(TestInfrastructure.Required(values, "RABBITMQ_MANAGEMENT_URL")));
    }

    /// <summary>Stops the server (its port closes); state, users and durable queues are kept.</summary>
    public Task StopAsync() => _script.StopAsync();

    /// <summary>Starts the stopped server again on the same ports and state; returns when AMQP accepts connections.</summary>
    public async Task StartAsync() => await _script.StartAsync(only: "rabbitmq");

    /// <summary>True when something accepts TCP connections on the node's AMQP port.</summary>
    public async Task<bool> IsAcceptingConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the node and removes its state.</summary>
    public async ValueTask DisposeAsync() => await _script.DestroyAsync();
}
