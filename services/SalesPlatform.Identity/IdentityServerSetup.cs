using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

using OpenIddict.Server;

using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Domain;

namespace SalesPlatform.Identity;

/// <summary>OpenIddict server, the sign-in cookie and validation of this service's own admin API.</summary>
public static class IdentityServerSetup
{
    /// <summary>Cookie scheme of the login page used by the authorization endpoint.</summary>
    public const string LoginScheme = "SalesPlatform.Login";

    public static WebApplicationBuilder AddIdentityServer(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentityServiceOptions.Section);
        var options = section.Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();
        builder.Services.Configure<IdentityServiceOptions>(section);
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();

        builder.Services.AddAuthentication().AddCookie(LoginScheme, cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.HttpOnly = true;
        });

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/logout");

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowCustomFlow(IdentityClients.ApiKeyGrantType);
                if (builder.Environment.IsDevelopment())
                {
                    // Scripts and tests sign in with curl; never offered outside development.
                    server.AllowPasswordFlow();
                }

                server.RegisterScopes("openid", "profile", "email", "roles", "offline_access");

                // Services validate plain signed JWTs with any JwtBearer handler.
                server.DisableAccessTokenEncryption();
                if (!string.IsNullOrWhiteSpace(options.Issuer))
                {
                    server.SetIssuer(new Uri(options.Issuer));
                }

                if (!string.IsNullOrWhiteSpace(options.SigningCertificatePath))
                {
                    var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.SigningCertificatePath,
                        options.SigningCertificatePassword);
                    server.AddSigningCertificate(certificate).AddEncryptionCertificate(certificate);
                }
                else if (builder.Environment.IsDevelopment())
                {
                    // Kept on disk (outside git) so a developer's tokens survive a restart of identity.
                    var (signing, encryption) = DevelopmentKeys.LoadOrCreate(
                        options.DevelopmentKeysDirectory is { Length: > 0 } directory ? directory : DevelopmentKeys.DefaultDirectory);
                    server.AddSigningKey(signing).AddEncryptionKey(encryption);
                }
                else
                {
                    throw new InvalidOperationException(
                        "Identity:SigningCertificatePath is not set; outside development tokens need a persistent signing certificate.");
                }

                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        // This service's own admin API takes tokens it issued itself: validate them with the server's
        // keys in process instead of fetching its own discovery document over the network.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IOptionsMonitor<OpenIddictServerOptions>>((jwt, server) =>
            {
                var current = server.CurrentValue;
                jwt.Authority = null;
                jwt.MetadataAddress = null!;
                jwt.ConfigurationManager = null;
                jwt.TokenValidationParameters.IssuerSigningKeys =
                    [.. current.SigningCredentials.Select(credentials => credentials.Key)];
                jwt.TokenValidationParameters.ValidateIssuer = current.Issuer is not null;
                jwt.TokenValidationParameters.ValidIssuer = current.Issuer?.AbsoluteUri;
                jwt.TokenValidationParameters.TokenDecryptionKeys =
                    [.. current.EncryptionCredentials.Select(credentials => credentials.Key)];
            });

        return builder;
    }
}
