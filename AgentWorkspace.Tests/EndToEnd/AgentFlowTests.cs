using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AgentFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_chats_agent_confirms_inserts_a_template_replies_and_the_unhappy_answer_reaches_wangjie()
    {
        var customer = await browser.AnonymousPageAsync();
        await BrowserFixture.OpenAsync(customer, "/chat");
        await customer.GetByTestId("chat-name").FillAsync("王芳");
        await customer.GetByTestId("chat-input").FillAsync("我的订单怎么还没发货？订单号【230518101】");
        await customer.GetByTestId("chat-send").ClickAsync();
        await Expect(customer.GetByTestId("chat-message")).ToHaveCountAsync(1);

        var agent = await browser.SignedInPageAsync("agent1");
        await BrowserFixture.OpenAsync(agent, "/queue");
        var row = agent.Locator("[data-testid=queue-row]", new() { HasText = "订单号【230518101】" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("hint-topic")).ToHaveTextAsync("物流");
        await row.GetByTestId("hint-confirm").ClickAsync();
        await Expect(row.GetByTestId("hint-confirmed")).ToBeVisibleAsync();
        // The SLA figure ticks in the browser between server renders (sla-clock.js): it moves on
        // although the row's face (tone, hint) stays the same and the server sends nothing for it.
        var figure = row.Locator("[data-testid=sla-countdown] .sla-clock");
        var shown = await figure.TextContentAsync();
        await Expect(figure).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+?\d{1,2}(:\d{2}){1,2}$"));
        await Expect(figure).Not.ToHaveTextAsync(shown!, new() { Timeout = 5_000 });
        await BrowserFixture.ScreenshotAsync(agent, "queue-confirmed");

        await row.GetByTestId("open-conversation").ClickAsync();
        await agent.WaitForURLAsync("**/conversations/*");
        await agent.GetByTestId("template-insert").First.WaitForAsync();
        await agent.GetByTestId("template-insert").First.ClickAsync();
        var reply = agent.GetByTestId("reply-input");
        await Expect(reply).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("230518101"));
        // No salutation from the connector: a neutral 您好, never the literal “先生/女士” (issue #12).
        await Expect(reply).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^您好！"));
        await Expect(reply).Not.ToHaveValueAsync(new System.Text.RegularExpressions.Regex("先生/女士"));
        await Expect(agent.GetByTestId("unfilled-variable")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("send")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(agent, "conversation-template");
        // The agent fills what the system could not know before sending.
        var filled = (await reply.InputValueAsync()).Replace("【待填写:物流单号】", "SF1234567890").Replace("【待填写:预计送达】", "明日18:00前");
        await reply.FillAsync(filled);
        await Expect(agent.GetByTestId("unfilled-variable")).ToHaveCountAsync(0);
        await agent.GetByTestId("send").ClickAsync();
        await Expect(agent.GetByTestId("message").Filter(new() { HasText = "230518101" })).ToHaveCountAsync(2);

        // The customer sees the reply live.
        await Expect(customer.Locator("[data-testid=chat-message][data-author=Agent]")).ToHaveCountAsync(1);
        await Expect(customer.Locator("[data-testid=chat-message][data-author=Agent]")).ToContainTextAsync("230518101");

        // Resolve: the satisfaction check arrives on /chat after the (shortened) delay.
        await agent.GetByTestId("resolve").ClickAsync();
        await Expect(agent.GetByTestId("conversation-status")).ToHaveTextAsync("已解决");
        try
        {
            await Expect(customer.GetByTestId("satisfaction-buttons")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        catch (PlaywrightException e)
        {
            // Say where the check got stuck: not due, due but not sent, or sent but not shown.
            await using var db = browser.App.Db();
            var rows = await db.Conversations.AsNoTracking().Where(c => c.Customer.Name == "王芳" && c.Status != ConversationStatus.Open)
                .Select(c => new { c.Id, c.Status, c.SatisfactionCheckDueAt, c.SatisfactionCheckSentAt }).ToListAsync();
            throw new Xunit.Sdk.XunitException($"{e.Message}\nrows: {string.Join("; ", rows)}\nnow: {DateTimeOffset.UtcNow:O}\nserver log:\n{browser.App.Log.Tail()}\njobs:\n{browser.App.JobsReport()}");
        }
        await Expect(customer.Locator("[data-testid=chat-message][data-author=System]")).ToContainTextAsync("您的问题已解决，请问对本次服务是否满意?");
        await BrowserFixture.ScreenshotAsync(customer, "chat-satisfaction");
        await customer.GetByTestId("satisfaction-Unsatisfied").ClickAsync();
        await Expect(customer.GetByTestId("satisfaction-buttons")).ToHaveCountAsync(0);

        var wangjie = await browser.SignedInPageAsync("wangjie");
        await BrowserFixture.OpenAsync(wangjie, "/queue");
        await wangjie.GetByTestId("filter-mine").ClickAsync();
        // This flow's own order number: other browser flows (sign-in) also post a customer named 王芳.
        var second = wangjie.Locator("[data-testid=queue-row]", new() { HasText = "230518101" });
        await Expect(second).ToBeVisibleAsync();
        await Expect(second).ToContainTextAsync("二次处理");
        await Expect(second.GetByTestId("assignee")).ToHaveTextAsync("wangjie");
    }
}
