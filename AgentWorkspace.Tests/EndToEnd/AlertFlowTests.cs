using AgentWorkspace.Features.Conversations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>Issue #15 alerts in Chromium: the settings page, and an assignment reaching a tab that is not in front.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_conversation_assigned_while_the_tab_is_hidden_counts_in_the_title_and_the_settings_switch_it_off()
    {
        var page = await browser.SignedInPageAsync("wangjie");
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await BrowserFixture.OpenAsync(page, "/settings/alerts");
        await Expect(page.GetByTestId("alerts-permission-state")).ToHaveAttributeAsync("data-permission", "granted");
        await BrowserFixture.ScreenshotAsync(page, "alert-settings");

        // The agent looks at another tab: the page is hidden, so an alert counts in its title.
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true }); }");
        var posted = await browser.App.PostMessageAsync("会员积分清零了，请帮忙查一下", customerId: $"alert-{Guid.NewGuid():N}", customerName: "提醒测试");
        var service = browser.App.Get<ConversationService>();
        Assert.Equal(ActionKind.Done, (await service.ClaimAsync(posted.ConversationId, "wangjie")).Kind);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "));

        // A customer reply on it counts too.
        await browser.App.PostMessageAsync("还在吗？", customerId: (await CustomerOf(posted.ConversationId)), customerName: "提醒测试");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(2\) "));

        // Switched off in the settings: the next reply does not count.
        await page.GetByLabel("我的会话有客户回复").UncheckAsync();
        await page.GetByTestId("alerts-save").ClickAsync();
        await Expect(page.GetByText("提醒设置已保存。")).ToBeVisibleAsync();
        await browser.App.PostMessageAsync("人呢？", customerId: (await CustomerOf(posted.ConversationId)), customerName: "提醒测试");
        await Task.Delay(1000);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(2\) "));
    }

    private async Task<string> CustomerOf(int conversationId)
    {
        var details = await browser.App.Get<ConversationQueries>().DetailsAsync(conversationId);
        return details!.Customer.ExternalId;
    }
}
