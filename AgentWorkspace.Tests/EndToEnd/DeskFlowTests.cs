using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>Issue #15 in Chromium: keyboard use, search from the top bar, and the phone-sized queue and conversation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskFlowTests(BrowserFixture browser)
{
    private static string UniqueOrder() => $"8{Random.Shared.NextInt64(10_000_000, 99_999_999)}";

    [Fact]
    public async Task Keys_move_in_the_queue_open_claim_search_and_show_the_list_but_not_while_typing()
    {
        var order = UniqueOrder();
        for (var i = 0; i < 3; i++)
        {
            await browser.App.PostMessageAsync($"物流查询，订单号【{order}{i}】", customerId: $"keys-{order}-{i}", customerName: $"键盘{i}");
        }
        var page = await browser.SignedInPageAsync("agent2");
        await BrowserFixture.OpenAsync(page, "/queue");
        var rows = page.GetByTestId("queue-row");
        await Expect(rows.Filter(new() { HasText = $"【{order}2】" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-kb-selected", "");
        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-kb-selected", "");
        await Expect(page.Locator("[data-testid=queue-row][data-kb-selected]")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("k");
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-kb-selected", "");

        // c claims the selected row, when it is unclaimed.
        var target = rows.Filter(new() { HasText = $"【{order}1】" });
        var targetId = await target.GetAttributeAsync("data-conversation-id");
        while (await page.Locator("[data-testid=queue-row][data-kb-selected]").GetAttributeAsync("data-conversation-id") != targetId)
        {
            await page.Keyboard.PressAsync("j");
        }
        await page.Keyboard.PressAsync("c");
        await Expect(target.GetByTestId("assignee")).ToHaveTextAsync("agent2");

        // ? shows the list; Escape hides it.
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("shortcuts")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("shortcuts")).ToBeHiddenAsync();

        // Enter opens the selected conversation.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/conversations/{targetId}");
        await BrowserFixture.WaitInteractiveAsync(page);

        // t opens the template search in the reply box, focused; typing there is not a shortcut.
        await page.GetByTestId("reply-input").WaitForAsync();
        await page.Keyboard.PressAsync("t");
        var templates = page.GetByTestId("template-search");
        await Expect(templates).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("物流");
        await Expect(page.GetByTestId("template-search-hit").First).ToBeVisibleAsync();
        await page.GetByTestId("template-search-hit").First.ClickAsync();
        await Expect(page.GetByTestId("reply-input")).Not.ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(page, "template-search");

        // Keys typed into the reply box stay text: ? and / do nothing there.
        var reply = page.GetByTestId("reply-input");
        await reply.FillAsync("");
        await reply.PressSequentiallyAsync("j/?");
        await Expect(reply).ToHaveValueAsync("j/?");
        await Expect(page.GetByTestId("shortcuts")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("search-box")).Not.ToBeFocusedAsync();

        // / focuses the top bar's box; Enter there runs the search as a link.
        await page.Locator("h1.conv-customer").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByTestId("search-box")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync($"【{order}1】");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");
        var result = page.GetByTestId("search-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToHaveAttributeAsync("href", $"/conversations/{targetId}");
    }

    [Fact]
    public async Task A_search_link_shows_its_results_in_both_scripts_with_filters_and_customer_text_as_text()
    {
        var order = UniqueOrder();
        var posted = await browser.App.PostMessageAsync($"<b>無法登錄</b><img src=x onerror=alert(1)> 訂單號【{order}】", channel: "Email", customerId: $"search-ui-{order}", customerName: "<i>陳先生</i>");
        var page = await browser.SignedInPageAsync("lijie");

        await BrowserFixture.OpenAsync(page, $"/search?q={Uri.EscapeDataString($"无法登录 {order}")}&channel=Email");
        var result = page.GetByTestId("search-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToHaveAttributeAsync("href", $"/conversations/{posted.ConversationId}");
        await Expect(result).ToContainTextAsync("<b>無法登錄</b>");
        await Expect(result).ToContainTextAsync("<i>陳先生</i>");
        await Expect(result.Locator("b, img, i")).ToHaveCountAsync(0);
        await Expect(result.Locator("mark").First).ToHaveTextAsync("無法登錄");
        await BrowserFixture.ScreenshotAsync(page, "search");

        // The filter form narrows and rewrites the link.
        await page.GetByTestId("search-channel").SelectOptionAsync("Chat");
        await page.GetByTestId("search-submit").ClickAsync();
        await page.WaitForURLAsync("**channel=Chat*");
        await Expect(page.GetByTestId("search-empty")).ToBeVisibleAsync();

        await BrowserFixture.OpenAsync(page, "/search?q=x&status=Bogus");
        await Expect(page.GetByTestId("search-error")).ToContainTextAsync("status");
    }

    [Fact]
    public async Task The_queue_the_conversation_and_search_fit_a_390_pixel_phone()
    {
        var order = UniqueOrder();
        var posted = await browser.App.PostMessageAsync($"你们的服务太差了，我要投诉！订单号【{order}】一直没发货，客服也不回复。", customerId: $"phone-{order}", customerName: "手机用户");
        var page = await browser.SignedInPageAsync("lijie", width: 390, height: 844);

        async Task AssertFitsAsync(string name)
        {
            await BrowserFixture.ScreenshotAsync(page, name);
            var width = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
            Assert.True(width <= 390, $"{name}: the page is {width}px wide on a 390px screen");
        }

        await BrowserFixture.OpenAsync(page, "/queue");
        await Expect(page.GetByTestId("queue-row").Filter(new() { HasText = order })).ToBeVisibleAsync();
        await AssertFitsAsync("phone-queue");

        await BrowserFixture.OpenAsync(page, $"/conversations/{posted.ConversationId}");
        await Expect(page.GetByTestId("reply-input")).ToBeVisibleAsync();
        await AssertFitsAsync("phone-conversation");
        // The reply box and its send button are reachable on the phone.
        var send = await page.GetByTestId("send").BoundingBoxAsync();
        Assert.NotNull(send);
        Assert.True(send.X + send.Width <= 390);

        await BrowserFixture.OpenAsync(page, $"/search?q={order}");
        await Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);
        await AssertFitsAsync("phone-search");
    }
}
