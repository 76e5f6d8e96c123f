namespace SalesPlatform.Gateway;

/// <summary>Settings of the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Paths (prefixes) whose uploads may exceed <see cref="MaxRequestBodyBytes"/>, with their own limit in bytes:
    /// purchased lead lists run to hundreds of thousands of rows.
    /// </summary>
    public Dictionary<string, long> LargeBodyPaths { get; set; } = new() { ["/api/leads/imports"] = 1L << 30 };

    /// <summary>Origins of the partner portals and the web console allowed to call the API from a browser.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>
    /// Request headers removed before forwarding because a client could forge them (identity is
    /// only ever carried by the bearer token the services validate).
    /// </summary>
    public List<string> StrippedHeaders { get; set; } = ["X-Partner-Id", "X-Person-Id", "X-User-Id", "X-Roles", "X-Api-Key-Id"];

    /// <summary>Services whose OpenAPI document the combined reference at <c>/docs</c> shows (discovery names).</summary>
    public List<string> ApiReferenceServices { get; set; } = [];
}
