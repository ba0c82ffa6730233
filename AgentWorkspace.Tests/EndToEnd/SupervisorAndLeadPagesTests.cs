using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>The supervisors' and team leads' other pages, live in Chromium, with a screenshot of each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisorAndLeadPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Lijie_sees_a_new_urgent_escalation_live_with_its_age_ticking_and_reads_the_reports()
    {
        var page = await browser.SignedInPageAsync("lijie");
        await BrowserFixture.OpenAsync(page, "/escalations");

        await browser.App.PostMessageAsync("重复扣款了！订单被取消，钱没退", channel: "Phone", customerId: "e2e-esc", customerName: "孙丽");
        var row = page.GetByTestId("escalation-row").Filter(new() { HasText = "孙丽" });
        await Expect(row).ToBeVisibleAsync();
        // The pop-up for 李姐 reads in the team's language.
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "紧急问题：孙丽" })).ToBeVisibleAsync();
        var age = row.Locator("td").Nth(1);
        var first = await age.InnerTextAsync();
        await Expect(age).Not.ToHaveTextAsync(first, new() { Timeout = 5_000 });
        await BrowserFixture.ScreenshotAsync(page, "escalations");

        await BrowserFixture.OpenAsync(page, "/reports");
        await Expect(page.GetByTestId("report-frt-change")).ToBeVisibleAsync();
        await Expect(page.Locator("table").Filter(new() { HasText = "紧急" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reports");

        await BrowserFixture.OpenAsync(page, "/reports/weekly");
        await page.GetByTestId("weekly-compile").ClickAsync();
        await Expect(page.GetByTestId("weekly-topics")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "weekly-report");
    }

    [Fact]
    public async Task Lead_tries_a_sample_against_the_keyword_table_and_sees_the_template_list_and_sla_table()
    {
        var page = await browser.SignedInPageAsync("lead");
        await BrowserFixture.OpenAsync(page, "/settings/keywords");
        await BrowserFixture.FillUntilAsync(page.GetByTestId("keywords-try"), "賬號異常，馬上處理！！", page.GetByTestId("keywords-try-result"));
        // The page carries the whole table (250+ rows); on a loaded machine its first update can take several seconds.
        await Expect(page.GetByTestId("keywords-try-result")).ToContainTextAsync("技术支持", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("keywords-try-reasons")).ToContainTextAsync("账号异常");
        await Expect(page.GetByTestId("phrases")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("这不是我们的问题"));
        await BrowserFixture.ScreenshotAsync(page, "keywords");

        await BrowserFixture.OpenAsync(page, "/templates");
        await Expect(page.GetByTestId("template-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("template-satisfied").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(—|\d+%)$"));
        await BrowserFixture.ScreenshotAsync(page, "templates");

        await BrowserFixture.OpenAsync(page, "/settings/sla");
        await Expect(page.GetByTestId("sla-Urgent-Chat")).ToHaveValueAsync("5");
        await BrowserFixture.ScreenshotAsync(page, "sla");
    }
}
