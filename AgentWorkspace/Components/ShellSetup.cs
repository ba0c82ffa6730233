using System.Globalization;
using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace AgentWorkspace.Components;

public static class ShellSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-Hans"), new("en")];

    public static void AddShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // Simplified Chinese unless the user chose English (stored on the account, carried by the culture cookie).
            o.DefaultRequestCulture = new RequestCulture("zh-Hans");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void UseShell(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapShell<TApp>(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapRazorComponents<TApp>().AddInteractiveServerRenderMode();
    }
}
