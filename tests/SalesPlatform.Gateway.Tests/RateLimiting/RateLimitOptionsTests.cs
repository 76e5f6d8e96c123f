using System.Security.Claims;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

using SalesPlatform.Gateway.ApiKeys;
using SalesPlatform.Gateway.RateLimiting;

namespace SalesPlatform.Gateway.Tests.RateLimiting;

public class RateLimitOptionsTests
{
    private static RateLimitOptions Shipped()
    {
        // The gateway's own appsettings.json, as shipped (not a copy in the test output).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SalesPlatform.sln")))
        {
            root = root.Parent!;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root.FullName, "gateway", "SalesPlatform.Gateway", "appsettings.json"))
            .Build();
        return configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()!;
    }

    private static RateLimitOptions Valid() => new()
    {
        Tiers = { ["standard"] = new RateLimitRule { PermitLimit = 10 }, ["premium"] = new RateLimitRule { PermitLimit = 100 } },
    };

    [Fact]
    public void Validate_ShippedSettings_HasNoErrors()
    {
        var options = Shipped();

        Assert.Empty(options.Validate());
        Assert.True(options.Tiers["premium"].PermitLimit > options.Tiers["standard"].PermitLimit);
    }

    [Fact]
    public void Validate_ZeroPermits_NamesTheSetting()
    {
        var options = Valid();
        options.Tiers["premium"].PermitLimit = 0;

        Assert.Contains("RateLimiting:Tiers:premium:PermitLimit must be positive.", options.Validate());
    }

    [Fact]
    public void Validate_WindowBelowOneSecond_NamesTheSetting()
    {
        var options = Valid();
        options.User.Window = TimeSpan.FromMilliseconds(999);

        Assert.Contains("RateLimiting:User:Window must be between 1 second and 1 day.", options.Validate());
    }

    [Fact]
    public void Validate_WindowOfOneSecond_IsAccepted()
    {
        var options = Valid();
        options.User.Window = TimeSpan.FromSeconds(1);

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_UnknownDefaultTier_IsAnError()
    {
        var options = Valid();
        options.DefaultTier = "gold";

        Assert.Single(options.Validate());
    }

    [Fact]
    public void ForTier_UnknownTier_UsesDefaultTier()
    {
        var options = Valid();

        Assert.Same(options.Tiers["standard"], options.ForTier("gold"));
        Assert.Same(options.Tiers["premium"], options.ForTier("premium"));
    }

    [Fact]
    public void Classify_ApiKeyRequest_CountsAgainstTheKeyWithItsTier()
    {
        var options = Valid();
        var context = new DefaultHttpContext();
        context.Items[ApiKeyMiddleware.CredentialItem] = new PartnerCredential("token", Guid.CreateVersion7(), "premium", "k1");

        var (subject, rule) = RateLimitMiddleware.Classify(context, options);

        Assert.Equal("key:k1", subject);
        Assert.Same(options.Tiers["premium"], rule);
    }

    [Fact]
    public void Classify_SignedInStaff_CountsAgainstThePerson()
    {
        var options = Valid();
        var person = Guid.CreateVersion7();
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", person.ToString()), new Claim("role", "rep")], "test")),
        };

        var (subject, rule) = RateLimitMiddleware.Classify(context, options);

        Assert.Equal($"user:{person}", subject);
        Assert.Same(options.User, rule);
    }

    [Fact]
    public void Classify_PartnerToken_CountsAgainstThePartnerWithItsTier()
    {
        var options = Valid();
        var partner = Guid.CreateVersion7();
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("sub", partner.ToString()), new Claim("partner_id", partner.ToString()), new Claim("partner_tier", "premium")],
                "test")),
        };

        var (subject, rule) = RateLimitMiddleware.Classify(context, options);

        Assert.Equal($"partner:{partner}", subject);
        Assert.Same(options.Tiers["premium"], rule);
    }

    [Fact]
    public void Classify_Anonymous_CountsAgainstTheClientAddress()
    {
        var options = Valid();
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("10.1.2.3");

        var (subject, rule) = RateLimitMiddleware.Classify(context, options);

        Assert.Equal("ip:10.1.2.3", subject);
        Assert.Same(options.Anonymous, rule);
    }
}
