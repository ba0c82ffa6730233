using Microsoft.Playwright;

namespace AgentWorkspace.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task Agent1_signs_in_and_sees_a_message_posted_by_the_api_arrive_without_reload()
    {
        var page = await browser.SignedInPageAsync("agent1");
        await BrowserFixture.OpenAsync(page, "/queue");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("agent1");
        await page.WaitForSelectorAsync("[data-testid=queue-ready]", new() { State = WaitForSelectorState.Attached });

        var posted = await browser.App.PostMessageAsync("我的订单怎么还没发货？订单号【230518001】", customerId: "e2e-signin", customerName: "王芳");

        var row = page.Locator($"[data-conversation-id='{posted.ConversationId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("我的订单怎么还没发货");
        await BrowserFixture.ScreenshotAsync(page, "queue-agent1");
    }

    [Fact]
    public async Task Agent_switches_the_interface_to_english_and_it_stays_english()
    {
        await browser.App.PostMessageAsync("快递三天了还没到，物流一直不更新", customerId: "e2e-english", customerName: "刘洋");
        var page = await browser.SignedInPageAsync("agent2");
        await BrowserFixture.OpenAsync(page, "/queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 5 })).ToContainTextAsync("实时队列");
        var row = page.GetByTestId("queue-row").Filter(new() { HasText = "刘洋" });
        await Assertions.Expect(row.GetByTestId("hint-topic")).ToHaveTextAsync("物流");

        await page.GetByTestId("switch-language").ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("filter-unclaimed")).ToContainTextAsync("Unclaimed");
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("filter-unclaimed")).ToContainTextAsync("Unclaimed");
        // Customer text stays as written; the interface around it is English.
        await Assertions.Expect(row).ToContainTextAsync("快递三天了还没到");
        await Assertions.Expect(row.GetByTestId("hint-topic")).ToHaveTextAsync("Logistics");
        await BrowserFixture.ScreenshotAsync(page, "queue-english");
    }
}
