using AgentWorkspace.Features.Accounts.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AgentWorkspace.Features.Accounts;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/account");

        // A plain form post (fields username, password) so scripts and password managers work.
        // Anti-forgery is off for this one endpoint: a login form has no session to forge yet.
        group.MapPost("/login", async (
            [FromForm] string? username,
            [FromForm] string? password,
            [FromForm] string? returnUrl,
            SignInManager<WorkspaceUser> signIn,
            HttpContext http) =>
        {
            var target = SafeReturnUrl(returnUrl);
            if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
            {
                return Results.Redirect($"/account/login?error=missing&returnUrl={Uri.EscapeDataString(target)}");
            }
            var result = await signIn.PasswordSignInAsync(username.Trim(), password, isPersistent: true, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var error = result.IsLockedOut ? "locked" : "invalid";
                return Results.Redirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(target)}");
            }
            var user = await signIn.UserManager.FindByNameAsync(username.Trim());
            SetCultureCookie(http, user!.Culture);
            return Results.LocalRedirect(target);
        }).DisableAntiforgery().AllowAnonymous();

        group.MapPost("/logout", async (SignInManager<WorkspaceUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        });

        // Language per user: stored on the account, applied through the culture cookie.
        group.MapPost("/culture", async ([FromForm] string culture, [FromForm] string? returnUrl, UserManager<WorkspaceUser> users, HttpContext http) =>
        {
            if (culture is not ("zh-Hans" or "en"))
            {
                return Results.BadRequest();
            }
            if (await users.GetUserAsync(http.User) is { } user)
            {
                user.Culture = culture;
                await users.UpdateAsync(user);
            }
            SetCultureCookie(http, culture);
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).RequireAuthorization();
    }

    internal static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : LoginPage.DefaultLanding;
}
