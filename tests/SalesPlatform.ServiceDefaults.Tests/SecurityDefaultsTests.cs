using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>Issue 9 at its shared roots: one trusted issuer, no committed secrets, the text rule, API-key scopes.</summary>
public sealed class SecurityDefaultsTests
{
    private static WebApplicationBuilder Builder(string environment, IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void AddDefaultAuthentication_WithAuthorityAndSigningKey_Refuses()
    {
        var builder = Builder("Development", new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            ["Auth:Authority"] = "http://127.0.0.1:5100",
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddDefaultAuthentication());
        Assert.Contains("one issuer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void AddDefaultAuthentication_SigningKeyOutsideDevelopmentAndTesting_Refuses(string environment)
    {
        var builder = Builder(environment, TestTokens.AuthSettings());

        Assert.Throws<InvalidOperationException>(() => builder.AddDefaultAuthentication());
    }

    [Fact]
    public void CommittedConfiguration_HoldsNoSigningKeyPasswordOrSecret()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SalesPlatform.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("SalesPlatform.sln not found above the test output.");
        }

        var files = Directory.EnumerateFiles(root, "appsettings*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var found = new List<string>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Walk(document.RootElement, Path.GetRelativePath(root, file), "", found);
        }

        Assert.NotEmpty(files);
        Assert.Empty(found);
    }

    private static void Walk(JsonElement element, string file, string path, List<string> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var name = property.Name;
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 }
                    && (name.EndsWith("Key", StringComparison.OrdinalIgnoreCase) || name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
                        || name.Contains("Password", StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{file}: {path}{name}");
                }

                Walk(property.Value, file, $"{path}{name}:", found);
            }
        }
        else if (element.ValueKind == JsonValueKind.String
                 && element.GetString()!.Contains("Password=", StringComparison.OrdinalIgnoreCase))
        {
            found.Add($"{file}: {path.TrimEnd(':')} (a connection string with a password)");
        }
    }

    [Theory]
    [InlineData("Suzhou 苏州", false, null)]
    [InlineData("line one\nline two\ttab", true, null)]
    [InlineData("a\0b", false, "U+0000")]
    [InlineData("a\0b", true, "U+0000")]
    [InlineData("a\nb", false, "U+000A")]
    [InlineData("bell\u0007", true, "U+0007")]
    [InlineData("del\u007f", false, "U+007F")]
    [InlineData("emoji 😀 ok", false, null)]
    public void TextInputProblem_AtEdges(string value, bool multiline, string? expected)
    {
        var problem = TextInput.Problem(value, multiline);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TextInputProblem_LoneSurrogate_IsRefused() =>
        Assert.Contains("surrogate", TextInput.Problem("lone " + '\ud800' + " surrogate"), StringComparison.Ordinal);

    [Theory]
    [InlineData("GET", "/api/leads", new[] { "leads:read" }, null)]
    [InlineData("GET", "/api/leads/123", new[] { "leads" }, null)]
    [InlineData("POST", "/api/leads", new[] { "leads:read" }, "leads:write")]
    [InlineData("POST", "/api/leads/imports", new[] { "leads:write" }, null)]
    [InlineData("GET", "/api/leads", new[] { "leads:write" }, "leads:read")]
    [InlineData("GET", "/api/leads", new[] { "performance" }, "leads:read")]
    [InlineData("GET", "/api/leadsx", new[] { "leads" }, "a scope for /api/leadsx")]
    [InlineData("DELETE", "/api/performance/x", new[] { "performance:read" }, "performance:write")]
    [InlineData("POST", "/api/customers", new string[0], null)]
    [InlineData("POST", "/api/customers", new[] { "openid" }, null)]
    public void ApiScopesMissing_ByMethodAndPath(string method, string path, string[] granted, string? expected)
    {
        Assert.Equal(expected, ApiScopes.Missing(granted, method, new PathString(path)));
    }

    [Fact]
    public void ApiScopesValidate_UnknownScope_NamesItAndTheValidOnes()
    {
        Assert.Null(ApiScopes.Validate(["leads", "performance:read", "analytics:write"]));
        var error = ApiScopes.Validate(["leads", "everything"]);
        Assert.Contains("everything", error, StringComparison.Ordinal);
        Assert.Contains("customers:read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Information", true)]
    public void HttpClientLogs_AreWarningByDefault_UnlessConfigured(string? configured, bool informationEnabled)
    {
        var settings = new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = configured,
        };
        var builder = Builder("Testing", settings);
        builder.AddServiceDefaults();
        using var app = builder.Build();
        var factory = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();

        Assert.Equal(informationEnabled, factory.CreateLogger("System.Net.Http.HttpClient.leads.LogicalHandler").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.False(factory.CreateLogger("Polly").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(factory.CreateLogger("SalesPlatform.Leads").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
    }
}
