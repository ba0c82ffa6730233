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
            LoginThrottle throttle,
            HttpContext http) =>
        {
            var target = SafeReturnUrl(returnUrl);
            if (throttle.TryAttempt(WorkspaceCaller.ClientAddress(http), username) is { } wait)
            {
                return TooManyAttempts(http, wait);
            }
            if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password) || username.Length > MaxUserNameLength || password.Length > MaxPasswordLength)
            {
                return Results.Redirect($"/account/login?error=missing&returnUrl={Uri.EscapeDataString(target)}");
            }
            var user = await signIn.UserManager.FindByNameAsync(username.Trim());
            if (user is null)
            {
                // The same work as a known name with a wrong password, so the answer's timing tells nothing.
                DummyPassword.Verify(signIn.UserManager.PasswordHasher, password);
                return Results.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
            }
            // No Identity lockout: the throttle above backs off per address and per name instead.
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
            if (!check.Succeeded || user.IsDisabled)
            {
                return Results.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
            }
            await signIn.SignInAsync(user, isPersistent: true);
            SetCultureCookie(http, user.Culture);
            return user.MustChangePassword
                ? Results.LocalRedirect($"/account/password?returnUrl={Uri.EscapeDataString(target)}")
                : Results.LocalRedirect(target);
        }).DisableAntiforgery().AllowAnonymous();

        group.MapPost("/logout", async (SignInManager<WorkspaceUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        });

        // Every signed-in user changes their own password here; seeded and reset accounts must before anything else.
        group.MapPost("/password", async (
            [FromForm] string? current,
            [FromForm] string? next,
            [FromForm] string? confirm,
            [FromForm] string? returnUrl,
            SignInManager<WorkspaceUser> signIn,
            LoginThrottle throttle,
            HttpContext http) =>
        {
            var back = $"/account/password?returnUrl={Uri.EscapeDataString(returnUrl ?? "")}&error=";
            if (await signIn.UserManager.GetUserAsync(http.User) is not { } user)
            {
                return Results.Redirect("/account/login");
            }
            if (throttle.TryAttempt(WorkspaceCaller.ClientAddress(http), user.UserName) is { } wait)
            {
                return TooManyAttempts(http, wait);
            }
            if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next) || current.Length > MaxPasswordLength || next.Length > MaxPasswordLength)
            {
                return Results.Redirect(back + "missing");
            }
            if (next != confirm)
            {
                return Results.Redirect(back + "mismatch");
            }
            if (next == current)
            {
                return Results.Redirect(back + "weak");
            }
            var changed = await signIn.UserManager.ChangePasswordAsync(user, current, next);
            if (!changed.Succeeded)
            {
                return Results.Redirect(back + (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "wrong" : "weak"));
            }
            user.MustChangePassword = false;
            await signIn.UserManager.UpdateAsync(user);
            // The password change renewed the security stamp (other sessions end); this one continues.
            await signIn.RefreshSignInAsync(user);
            return string.IsNullOrEmpty(returnUrl)
                ? Results.LocalRedirect("/account/password?changed=1")
                : Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).RequireAuthorization();

        // Ends every session of this user: cookies elsewhere fail the stamp check, open pages end at revalidation.
        group.MapPost("/logout-everywhere", async (SignInManager<WorkspaceUser> signIn, HttpContext http) =>
        {
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        }).RequireAuthorization();

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

    public const int MaxUserNameLength = 64;
    public const int MaxPasswordLength = 256;

    private static IResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Content($"""
            <!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>429</title></head>
            <body><main><h1>尝试次数过多 · Too many sign-in attempts</h1><p>请 {seconds} 秒后再试。Please try again in {seconds} seconds.</p>
            <p><a href="/account/login">返回登录 / Back to sign-in</a></p></main></body></html>
            """, "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
    }

    internal static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });

    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : LoginPage.DefaultLanding;
}
