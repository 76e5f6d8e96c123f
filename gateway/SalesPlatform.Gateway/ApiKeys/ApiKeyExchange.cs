using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.ApiKeys;

/// <summary>What an API key stands for: a partner, with a short-lived token identity issued for it, and the key's scopes.</summary>
public sealed record PartnerCredential(string AccessToken, Guid PartnerId, string Tier, string KeyId)
{
    /// <summary>The key's scopes (<see cref="SalesPlatform.ServiceDefaults.ApiScopes"/>); empty = partner defaults.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}

/// <summary>
/// Trades an API key for a partner token at identity (the gateway's confidential client with the
/// API-key grant) and caches the answer, positive or negative, in Redis for a few seconds so every
/// replica shares it and a revocation takes effect within <see cref="ApiKeyOptions.CacheDuration"/>.
/// The cache key is a hash of the key; the key itself is never stored or logged.
/// </summary>
public sealed partial class ApiKeyExchange(HttpClient http, IConnectionMultiplexer redis, IOptions<ApiKeyOptions> options,
    ILogger<ApiKeyExchange> logger)
{
    public const string GrantType = "urn:salesplatform:params:oauth:grant-type:api-key";
    private const string Rejected = "-";
    private static readonly TimeSpan TokenSafetyMargin = TimeSpan.FromSeconds(30);

    /// <summary>The partner behind <paramref name="apiKey"/>, or null when identity rejects the key.</summary>
    public async Task<PartnerCredential?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var cacheKey = "gw:apikey:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        var database = redis.GetDatabase();
        var cached = await database.StringGetAsync(cacheKey);
        if (cached.HasValue)
        {
            return cached == Rejected ? null : JsonSerializer.Deserialize<PartnerCredential>(cached.ToString());
        }

        var (credential, lifetime) = await ExchangeAsync(apiKey, cancellationToken);
        var ttl = credential is null ? options.Value.CacheDuration : Min(options.Value.CacheDuration, lifetime - TokenSafetyMargin);
        if (ttl > TimeSpan.Zero)
        {
            await database.StringSetAsync(cacheKey, credential is null ? Rejected : JsonSerializer.Serialize(credential), ttl);
        }

        return credential;
    }

    private async Task<(PartnerCredential? Credential, TimeSpan Lifetime)> ExchangeAsync(string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Value.IdentityAddress), "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = GrantType,
                ["client_id"] = options.Value.ClientId,
                ["client_secret"] = options.Value.ClientSecret ?? "",
                ["api_key"] = apiKey,
            }),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
        {
            LogRejected(logger, (int)response.StatusCode);
            return (null, TimeSpan.Zero);
        }

        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken),
            cancellationToken: cancellationToken);
        var accessToken = body.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = TimeSpan.FromSeconds(body.RootElement.GetProperty("expires_in").GetInt32());

        // Straight from identity over the gateway's own authenticated call: read, not re-validated.
        var token = new JsonWebToken(accessToken);
        var credential = new PartnerCredential(accessToken,
            Guid.Parse(token.GetClaim("partner_id").Value),
            token.TryGetClaim("partner_tier", out var tier) ? tier.Value : "",
            token.TryGetClaim("api_key_id", out var keyId) ? keyId.Value : "")
        {
            Scopes = [.. token.Claims.Where(c => c.Type == "scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
        };
        return (credential, lifetime);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity rejected an API key (status {Status})")]
    private static partial void LogRejected(ILogger logger, int status);
}
