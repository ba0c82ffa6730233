using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>Issue #12 in Chromium: the combination rules and reasons in the keyword editor, the channel SLA table and calendar, the board's targets.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FidelityPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Lead_tries_the_seeds_urgent_case_sees_channel_targets_and_the_board_shows_targets_per_channel()
    {
        var page = await browser.SignedInPageAsync("lead", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/settings/keywords");
        await BrowserFixture.FillUntilAsync(page.GetByTestId("keywords-try"), "付款成功了，订单却显示已取消", page.GetByTestId("keywords-try-result"));
        // Several seconds on a loaded machine: the page carries the whole keyword table.
        await Expect(page.GetByTestId("keywords-try-result")).ToContainTextAsync("紧急", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("keywords-try-reasons")).ToContainTextAsync("组合规则", new() { Timeout = 20_000 });
        await page.GetByTestId("keywords-try-vip").CheckAsync();
        await page.GetByTestId("keywords-try").FillAsync("请问退款流程是什么？");
        await Expect(page.GetByTestId("keywords-try-reasons")).ToContainTextAsync("VIP", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("keywords-try-result")).ToContainTextAsync("高");
        await BrowserFixture.ScreenshotAsync(page, "keywords-rules");

        await BrowserFixture.OpenAsync(page, "/settings/sla");
        await Expect(page.GetByTestId("sla-complaint-Chat")).ToHaveValueAsync("10");
        await Expect(page.GetByTestId("sla-complaint-days-Email")).ToHaveValueAsync("1");
        await Expect(page.GetByTestId("sla-channel-SelfService")).ToContainTextAsync("不适用");
        await page.GetByTestId("calendar-holidays").FillAsync("2026-13-45");
        await page.GetByTestId("calendar-save").ClickAsync();
        await Expect(page.GetByTestId("calendar-error-holidays")).ToBeVisibleAsync();
        await page.GetByTestId("sla-channel-table").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "sla-channels");

        await browser.App.PostMessageAsync("我要投诉，客服态度太差了！！", channel: "Phone", customerId: "e2e-fid-1", customerName: "钱军");
        await BrowserFixture.OpenAsync(page, "/wallboard");
        await Expect(page.GetByTestId("tile-avg-first-response-Phone")).ToContainTextAsync("< 00:30");
        await Expect(page.GetByTestId("tile-avg-first-response-Chat")).ToContainTextAsync("< 02:00");
        await Expect(page.GetByTestId("tile-complaint-escalation-rate")).ToContainTextAsync("≤ 5%");
        await Expect(page.GetByTestId("tile-nps")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tile-high-close-breaches")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "wallboard-targets");
    }
}
