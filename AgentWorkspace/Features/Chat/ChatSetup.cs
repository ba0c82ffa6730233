using AgentWorkspace.Features.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Chat;

public static class ChatSetup
{
    public const string CookieName = "aw_chat";
    public const string ItemKey = "aw-chat-id";
    public const string AddressItemKey = "aw-chat-address";
    private const string Purpose = "AgentWorkspace.Chat.Identity.v1";

    public static void AddChat(this WebApplicationBuilder builder)
    {
    }

    /// <summary>
    /// A customer on /chat is known by a random id in a cookie, issued on the first visit before the
    /// page renders (an interactive circuit cannot set cookies itself). The cookie carries the id
    /// protected by Data Protection, so a client cannot choose someone else's id.
    /// </summary>
    public static void UseChatIdentity(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/chat") && HttpMethods.IsGet(http.Request.Method))
        {
            var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            var id = Unprotect(protector, http.Request.Cookies[CookieName]);
            if (id is null)
            {
                id = Guid.NewGuid().ToString("N");
                var lifetime = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ChatIdentityLifetime;
                http.Response.Cookies.Append(CookieName, protector.Protect(id), new CookieOptions
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = !app.Environment.IsDevelopment() || http.Request.IsHttps,
                    MaxAge = lifetime,
                });
            }
            http.Items[ItemKey] = id;
            http.Items[AddressItemKey] = WorkspaceCaller.ClientAddress(http);
        }
        await next();
    });

    private static string? Unprotect(IDataProtector protector, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 512)
        {
            return null;
        }
        try
        {
            var id = protector.Unprotect(cookie);
            return Guid.TryParseExact(id, "N", out _) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static string CustomerIdFor(string chatId) => $"chat-{chatId}";
}
