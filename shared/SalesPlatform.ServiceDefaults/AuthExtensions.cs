using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>Settings of the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>OIDC authority (issuer URL) whose discovery document and keys validate tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>Expected audience of access tokens.</summary>
    public string Audience { get; set; } = "salesplatform";

    /// <summary>Issuer expected with <see cref="SigningKey"/> (tests).</summary>
    public string Issuer { get; set; } = "salesplatform-dev";

    /// <summary>
    /// Symmetric signing key (at least 32 characters) that a test fixture generates at run time and
    /// hands to the host under test, instead of an authority. Never committed; refused next to an
    /// <see cref="Authority"/> and outside the Development and Testing environments.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS (true outside development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>JWT bearer validation and the role policies shared by all services.</summary>
public static class AuthExtensions
{
    /// <summary>
    /// Validates bearer tokens from <see cref="AuthOptions.Authority"/> (any OIDC server) only, or, for a
    /// host under test, only those signed with <see cref="AuthOptions.SigningKey"/>: a service trusts
    /// exactly one issuer, so a key that leaks cannot mint tokens next to the authority. Adds one policy per
    /// role (admins pass every role policy) plus <see cref="Policies.Staff"/>, <see cref="Policies.Manager"/>
    /// and <see cref="Policies.AnyCaller"/>. Endpoints require a signed-in caller unless marked anonymous.
    /// </summary>
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException(
                "Auth is not configured: set Auth:Authority (the OIDC issuer URL of the identity service).");
        }

        if (options.SigningKey is { Length: < 32 })
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                throw new InvalidOperationException(
                    "Auth:SigningKey and Auth:Authority are both set: a service trusts one issuer. Remove Auth:SigningKey (it is for tests only).");
            }

            if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
            {
                throw new InvalidOperationException(
                    $"Auth:SigningKey is for tests only and is refused in the {builder.Environment.EnvironmentName} environment; set Auth:Authority.");
            }
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = "name",
                    RoleClaimType = Caller.RoleClaim,
                    ValidAudience = options.Audience,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                if (!string.IsNullOrWhiteSpace(options.Authority))
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                }

                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKeys =
                        [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey!))];
                }
            });

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role, Roles.Admin));
        }

        authorization.AddPolicy(Policies.Staff, policy => policy.RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true && !Caller.From(context.User).IsPartner));
        authorization.AddPolicy(Policies.Manager, policy =>
            policy.RequireRole([.. Roles.Managers, Roles.Admin]));
        authorization.AddPolicy(Policies.AnyCaller, policy => policy.RequireAuthenticatedUser());
        authorization.SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().Build());

        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        return builder;
    }
}
