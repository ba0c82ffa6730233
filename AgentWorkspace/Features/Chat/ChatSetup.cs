namespace AgentWorkspace.Features.Chat;

public static class ChatSetup
{
    public const string CookieName = "aw_chat";
    public const string ItemKey = "aw-chat-id";

    public static void AddChat(this WebApplicationBuilder builder)
    {
    }

    /// <summary>
    /// A customer on /chat is known by a random cookie, issued on the first visit before the page
    /// renders (an interactive circuit cannot set cookies itself).
    /// </summary>
    public static void UseChatIdentity(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/chat") && HttpMethods.IsGet(http.Request.Method))
        {
            var id = http.Request.Cookies[CookieName];
            if (id is null || !Guid.TryParseExact(id, "N", out _))
            {
                id = Guid.NewGuid().ToString("N");
                http.Response.Cookies.Append(CookieName, id, new CookieOptions
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Expires = DateTimeOffset.UtcNow.AddDays(90),
                });
            }
            http.Items[ItemKey] = id;
        }
        await next();
    });

    public static string CustomerIdFor(string chatId) => $"chat-{chatId}";
}
