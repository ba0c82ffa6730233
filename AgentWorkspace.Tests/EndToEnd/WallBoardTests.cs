using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class WallBoardTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_message_posted_by_the_api_changes_the_board_without_reload()
    {
        var page = await browser.SignedInPageAsync("lijie", 1920, 1080);
        await BrowserFixture.OpenAsync(page, "/wallboard");
        var open = page.GetByTestId("tile-open").Locator(".tile-value");
        var before = int.Parse(await open.InnerTextAsync());
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await browser.App.PostMessageAsync("支付失败导致订单取消了，钱已经扣了！", channel: "Phone", customerId: "e2e-board", customerName: "陈静");

        await Expect(open).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 10_000 });
        // The "most urgent five" list orders by due time, so conversations other flows left breached
        // may rank ahead of this one; the escalation it raised is announced whatever else is open.
        await Expect(page.GetByTestId("new-escalation")).ToContainTextAsync("陈静");
        Assert.Equal(0, navigations);
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollHeight - window.innerHeight");
        Assert.True(scroll <= 0, $"The board scrolls by {scroll}px at 1920×1080");
        await BrowserFixture.ScreenshotAsync(page, "wallboard");
    }
}
