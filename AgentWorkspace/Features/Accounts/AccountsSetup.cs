using AgentWorkspace.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace AgentWorkspace.Features.Accounts;

public static class AccountsSetup
{
    public const string ConnectorPolicy = "Connector";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<ConnectorKeyOptions>(builder.Configuration, "Ingest");
        builder.Services.AddFeatureOptions<SeedOptions>(builder.Configuration, "Seed");
        builder.Services.AddFeatureOptions<SignInLimitsOptions>(builder.Configuration, "Limits");
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.Cookie.Name = "AgentWorkspace.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            // A signed-in user without the role gets a real 403, not a redirect to a login they already have.
            o.Events.OnRedirectToAccessDenied = ctx => Forbidden(ctx.HttpContext);
        });
        builder.Services.AddIdentityCore<WorkspaceUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // No lockout: it let anyone who knew a user name keep that person out. Sign-in is
                // throttled per address and per name instead (Security/LoginThrottle).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkspaceDbContext>()
            .AddClaimsPrincipalFactory<WorkspaceClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // Identity's stores want a scoped context; the rest of the app uses the factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkspaceDbContext>>().CreateDbContext());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConnectorPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyAuthenticationHandler.ConnectorRole));
        builder.Services.AddScoped<AccountSeeder>();
        builder.Services.AddSingleton<ConnectorKeyStore>();
        builder.Services.AddScoped<TeamAdmin>();
    }

    public static void MapAccounts(this WebApplication app) => app.MapAccountEndpoints();

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/hangfire/stats"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    internal static async Task Forbidden(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (!http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hubs"))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("""
                <!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>403 无权访问</title>
                <style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#f5f6fa;display:grid;place-items:center;height:100vh;margin:0}
                main{background:#fff;padding:2rem 3rem;border-radius:8px;box-shadow:0 2px 8px #0002}</style></head>
                <body><main><h1>403 · 无权访问</h1><p>您的角色不能打开此页面。You do not have access to this page.</p><p><a href="/">返回首页 / Home</a></p></main></body></html>
                """);
        }
    }
}
