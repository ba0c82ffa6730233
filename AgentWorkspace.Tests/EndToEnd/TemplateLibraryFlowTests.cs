using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class TemplateLibraryFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Lead_edits_a_template_and_agent1_inserts_the_new_wording()
    {
        var lead = await browser.SignedInPageAsync("lead");
        await BrowserFixture.OpenAsync(lead, "/templates");
        var row = lead.GetByTestId("template-row").Filter(new() { HasText = "优惠券使用指引" });
        await row.GetByTestId("template-edit").ClickAsync();
        await lead.WaitForURLAsync("**/templates/*");
        await BrowserFixture.WaitInteractiveAsync(lead);
        var solution = lead.GetByTestId("template-part-Solution");
        await solution.FillAsync("在结算页点“优惠券”即可抵扣（新版说明：可与满减叠加）。");
        await Expect(lead.GetByTestId("template-preview")).ToContainTextAsync("可与满减叠加");
        await lead.GetByTestId("template-save").ClickAsync();
        await Expect(lead.GetByTestId("template-version")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(lead, "template-editor");

        var posted = await browser.App.PostMessageAsync("优惠券怎么使用？结算时没有抵扣", channel: "Email", customerId: "e2e-coupon", customerName: "赵敏");
        var agent = await browser.SignedInPageAsync("agent1");
        await BrowserFixture.OpenAsync(agent, $"/conversations/{posted.ConversationId}");
        var suggestion = agent.GetByTestId("template-suggestion").Filter(new() { HasText = "优惠券使用指引" });
        await Expect(suggestion).ToContainTextAsync("v2");
        await suggestion.GetByTestId("template-insert").ClickAsync();
        await Expect(agent.GetByTestId("reply-input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("可与满减叠加"));
    }
}
