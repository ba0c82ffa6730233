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
}
