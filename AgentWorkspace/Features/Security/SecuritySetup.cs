using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Security;

public static class SecuritySetup
{
    public const string ApiRateLimitPolicy = "api";

    /// <summary>Limits, sessions, Data Protection, forwarded headers, HSTS and the scope policies.</summary>
    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.RevalidateEvery > TimeSpan.Zero && o.ChatIdentityLifetime > TimeSpan.Zero, "Workspace:Security durations must be positive.")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Workspace:Security:KnownProxies must be IP addresses.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ChatLimiter>();
        // The hub's WebSocket carries a connector key as ?access_token=; the request-start line would
        // log it with the query, so that category stays at Warning whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Warning);

        // Keys in the database: every node reads the same ring, and a restart keeps everyone signed in.
        builder.Services.AddDataProtection().SetApplicationName("AgentWorkspace").PersistKeysToDbContext<WorkspaceDbContext>();

        builder.Services.AddScoped<AuthenticationStateProvider, WorkspaceRevalidatingAuthenticationStateProvider>();
        builder.Services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>>((o, s) => o.ValidationInterval = s.Value.RevalidateEvery);

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(ApiRateLimitPolicy, http =>
            {
                var perSecond = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.ApiRequestsPerSecond;
                var key = http.User.FindFirstValue(ConnectorScopes.KeyClaimType) ?? "address:" + WorkspaceCaller.ClientAddress(http);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perSecond,
                    Window = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
        });

        var auth = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in ConnectorScopes.All)
        {
            auth.AddPolicy(ConnectorScopes.PolicyName(scope), p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiKeyAuthenticationHandler.ConnectorRole)
                .RequireClaim(ConnectorScopes.ClaimType, scope));
        }

        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, s) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in s.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Every cookie HttpOnly and SameSite; Secure outside Development (unless HTTPS is off because a
        // proxy without forwarded headers terminates it, where only requests that were HTTPS get it).
        var alwaysSecure = !builder.Environment.IsDevelopment()
            && builder.Configuration.GetValue($"{SecurityOptions.Section}:{nameof(SecurityOptions.HttpsRedirection)}", true);
        var securePolicy = alwaysSecure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = securePolicy);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = securePolicy;
        });
    }

    /// <summary>First in the pipeline: the real client address and scheme, HTTPS, and the response headers every page carries.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (security.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment() && security.HttpsRedirection)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseCookiePolicy();
        app.UseMiddleware<BadRequestMiddleware>();
        app.Use((http, next) =>
        {
            var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            http.Items[NonceItem] = nonce;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            return next(http);
        });
    }

    /// <summary>The per-response nonce App.razor puts on its one inline script (the import map).</summary>
    public const string NonceItem = "aw-csp-nonce";

    /// <summary>
    /// Scripts only from this origin, plus the import map carrying this response's nonce (no eval:
    /// blazor.web.js and MudBlazor's script need none). MudBlazor's theme writes a style element
    /// and components set style attributes, so styles allow 'unsafe-inline'. The circuit's
    /// WebSocket goes back to this host ('self' covers ws/wss of the same origin).
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>After authentication: the per-key API limit, and who the caller is for the services' own role checks.</summary>
    public static void UseSecurity(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use((http, next) =>
        {
            WorkspaceCaller.Current = http.User;
            // A seeded or reset password is shared knowledge: nothing else opens until it is changed.
            if (http.User.HasClaim(c => c.Type == WorkspaceClaims.MustChangePassword)
                && HttpMethods.IsGet(http.Request.Method) && IsPage(http.Request.Path))
            {
                http.Response.Redirect($"/account/password?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
                return Task.CompletedTask;
            }
            return next(http);
        });
    }

    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/account") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
        && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/api")
        && !path.StartsWithSegments("/health") && !Path.HasExtension(path.Value);

    /// <summary>Requires a connector key holding <paramref name="scope"/> (ingest, read, satisfaction, tickets).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ConnectorScopes.PolicyName(scope));
}
