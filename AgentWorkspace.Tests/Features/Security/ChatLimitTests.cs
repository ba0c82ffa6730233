using AgentWorkspace.Features;
using AgentWorkspace.Features.Chat;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>
/// /chat's send path over the real services and database with low limits (3 messages a minute per
/// chat identity, 2 new conversations an hour per address): beyond them the page says so and
/// nothing is stored.
/// </summary>
public sealed class ChatLimitTests : ComponentTest, IClassFixture<LimitedApp>
{
    private readonly LimitedApp _app;

    public ChatLimitTests(LimitedApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<ConversationQueries>());
        Services.AddSingleton(app.Get<ConversationService>());
        Services.AddSingleton(app.Get<CircuitEventBus>());
        Services.AddSingleton(app.Get<TeamClock>());
        Services.AddSingleton(app.Get<ChatLimiter>());
    }

    private IRenderedComponent<ChatPage> Open(string chatId, string address)
    {
        var http = new DefaultHttpContext();
        http.Items[ChatSetup.ItemKey] = chatId;
        http.Items[ChatSetup.AddressItemKey] = address;
        return RenderInteractive<ChatPage>(p => p.AddCascadingValue(http));
    }

    private static void Send(IRenderedComponent<ChatPage> page, string text)
    {
        page.Find("[data-testid=chat-input]").Input(text);
        page.Find("form.chat-compose").Submit();
    }

    private async Task<int> MessagesOf(string chatId)
    {
        await using var db = _app.Db();
        return await db.Messages.CountAsync(m => m.Conversation.Customer.ExternalId == ChatSetup.CustomerIdFor(chatId), Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Beyond_the_messages_per_minute_of_one_chat_identity_the_page_says_so_and_stores_nothing()
    {
        var chatId = Guid.NewGuid().ToString("N");
        var page = Open(chatId, "10.1.0.1");
        for (var i = 1; i <= 3; i++)
        {
            Send(page, $"第{i}条：我的快递到哪了");
            page.WaitForAssertion(() => Assert.Equal(i, page.FindAll("[data-testid=chat-message]").Count));
        }
        Assert.Empty(page.FindAll("[data-testid=chat-rate-limited]"));

        Send(page, "第4条：怎么还没人回复");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chat-rate-limited]")));
        Assert.Equal(3, await MessagesOf(chatId));
        // The draft stays for a later try.
        Assert.Equal("第4条：怎么还没人回复", page.Find("[data-testid=chat-input]").GetAttribute("value"));
    }

    [Fact]
    public async Task Beyond_the_new_conversations_per_hour_of_one_address_the_page_says_so_and_stores_nothing()
    {
        const string address = "10.1.0.2";
        for (var i = 0; i < 2; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var page = Open(id, address);
            Send(page, "你好，想问下退货怎么办");
            page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=chat-message]")));
        }

        // A cleared cookie is a new chat identity, but the address has started its conversations.
        var third = Guid.NewGuid().ToString("N");
        var refused = Open(third, address);
        Send(refused, "你好，想问下退货怎么办");

        refused.WaitForAssertion(() => Assert.NotEmpty(refused.FindAll("[data-testid=chat-rate-limited]")));
        Assert.Equal(0, await MessagesOf(third));
        await using var db = _app.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == ChatSetup.CustomerIdFor(third), Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_name_over_the_limit_is_refused_on_the_server_and_nothing_is_stored()
    {
        var chatId = Guid.NewGuid().ToString("N");
        var page = Open(chatId, "10.1.0.3");
        page.Find("[data-testid=chat-name]").Change(new string('王', IngestRequest.MaxNameLength + 1));
        Send(page, "你好");

        page.WaitForAssertion(() => Assert.Contains("100", page.Find("[data-testid=chat-error]").TextContent));
        Assert.Equal(0, await MessagesOf(chatId));
    }

    [Fact]
    public async Task A_chat_identity_cookie_chosen_by_the_client_is_not_accepted()
    {
        using var client = _app.CreateClient(_app.Options());
        var chosen = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/chat");
        request.Headers.Add("Cookie", $"{ChatSetup.CookieName}={chosen}");
        var response = await client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);

        var issued = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChatSetup.CookieName + "="));
        Assert.DoesNotContain(chosen, issued);
        Assert.Contains("httponly", issued, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age", issued, StringComparison.OrdinalIgnoreCase);

        // The protected value it was given comes back as the same identity: no new cookie.
        var value = issued.Split(';')[0];
        using var again = new HttpRequestMessage(HttpMethod.Get, "/chat");
        again.Headers.Add("Cookie", value);
        var second = await client.SendAsync(again, Xunit.TestContext.Current.CancellationToken);
        Assert.False(second.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ChatSetup.CookieName + "=")));
    }
}
