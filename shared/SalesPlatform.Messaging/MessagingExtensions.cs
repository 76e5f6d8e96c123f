using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SalesPlatform.Events;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Messaging;

/// <summary>Settings of <c>Messaging</c> besides the outbox.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Messaging";

    /// <summary>Immediate retries of a failing consumer (exponential back-off) before the message goes to the _error queue.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>First retry interval.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry interval.</summary>
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Declare receive queues as quorum queues (RabbitMQ clusters in Kubernetes).</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// Prefix of queue names. Every service must have its own: two services whose consumers share a class name
    /// (<c>LeadConvertedConsumer</c> in team performance and in customers) would otherwise share one queue and each get only
    /// some of the events. Defaults to the service's name (<c>SalesPlatform.Customers</c> gives <c>customers-lead-converted</c>).
    /// </summary>
    public string? EndpointPrefix { get; set; }

    /// <summary>The default prefix for an application: the last part of its name, lower case.</summary>
    public static string DefaultPrefix(string applicationName) => applicationName.Split('.')[^1].ToLowerInvariant();
}

/// <summary>MassTransit on RabbitMQ with the SalesPlatform conventions, plus the outbox relay.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Registers MassTransit 8 on RabbitMQ (<c>ConnectionStrings:rabbitmq</c>, an amqp URI) with
    /// kebab-case endpoints, retry with exponential back-off then the <c>_error</c> queue,
    /// correlation ids carried in headers, and the outbox relay for <typeparamref name="TDbContext"/>.
    /// <paramref name="configureConsumers"/> adds the service's consumers (<c>x.AddConsumer&lt;LeadConvertedConsumer&gt;()</c>).
    /// </summary>
    public static TBuilder AddMessaging<TBuilder, TDbContext>(this TBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TBuilder : IHostApplicationBuilder
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:rabbitmq is not set; it must be an amqp URI such as amqp://guest:guest@127.0.0.1:5672/.");
        }

        var broker = RabbitMqAddress.Parse(connectionString);
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));

        builder.Services.AddMassTransit(bus =>
        {
            var prefix = options.EndpointPrefix ?? MessagingOptions.DefaultPrefix(builder.Environment.ApplicationName);
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            // The product runs offline and never reports to a vendor (MassTransit 8.4+ would post usage telemetry).
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            configureConsumers?.Invoke(bus);

            if (options.QuorumQueues)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.SetQuorumQueue();
                    }
                });
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                });

                // Only concrete events get exchanges; the abstract base would fan every event out again.
                rabbit.Publish<IntegrationEvent>(publish => publish.Exclude = true);
                rabbit.UseConsumeFilter(typeof(CorrelationConsumeFilter<>), context);
                rabbit.UseMessageRetry(retry => retry.Exponential(options.RetryLimit, options.RetryMinInterval,
                    options.RetryMaxInterval, TimeSpan.FromMilliseconds(100)));
                rabbit.ConfigureEndpoints(context);
            });
        });

        var relayEnabled = builder.Configuration.GetSection(OutboxOptions.Section).GetValue("RelayEnabled", true);
        if (relayEnabled)
        {
            builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        }

        return builder;
    }
}

/// <summary>Makes the correlation id of a consumed message the current one, so events it causes carry it on.</summary>
public sealed class CorrelationConsumeFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    /// <inheritdoc />
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        CorrelationContext.Current = context.Headers.Get<string>(CorrelationContext.HeaderName)
            ?? context.CorrelationId?.ToString("N") ?? CorrelationContext.NewId();
        return next.Send(context);
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context.CreateFilterScope("correlation");
}

/// <summary>Host, port, virtual host and credentials parsed from an amqp URI.</summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">AMQP port.</param>
/// <param name="VirtualHost">Virtual host ("/" when the URI has no path).</param>
/// <param name="Username">User.</param>
/// <param name="Password">Password.</param>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    /// <summary>Parses <c>amqp://user:password@host:port/vhost</c>; a missing user is guest/guest, a missing path the "/" vhost.</summary>
    public static RabbitMqAddress Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new InvalidOperationException($"ConnectionStrings:rabbitmq '{uri}' is not an amqp:// URI.");
        }

        var credentials = parsed.UserInfo.Split(':', 2);
        var user = credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        var path = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (ushort)5672 : (ushort)parsed.Port;
        return new RabbitMqAddress(parsed.Host, port, path.Length == 0 ? "/" : path, user, password);
    }
}
