using System.Net.Http.Json;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class HandOffFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Agent_opens_a_ticket_the_department_answers_live_a_colleague_is_refused_and_lijie_takes_over()
    {
        var posted = await browser.App.PostMessageAsync("APP一打开就闪退，设备型号iPhone13", customerId: "e2e-handoff", customerName: "赵磊");

        // agent1 answers (which claims it) and opens a ticket to 技术部.
        var agent1 = await browser.SignedInPageAsync("agent1");
        await BrowserFixture.OpenAsync(agent1, $"/conversations/{posted.ConversationId}");
        await agent1.GetByTestId("reply-input").FillAsync("您好，已为您提交技术部排查，请稍候。");
        await agent1.GetByTestId("send").ClickAsync();
        await Expect(agent1.GetByTestId("conversation-owner")).ToContainTextAsync("agent1");
        await agent1.GetByTestId("open-ticket").ClickAsync();
        await agent1.GetByTestId("ticket-person").FillAsync("张工");
        await agent1.GetByTestId("ticket-description").FillAsync("iPhone13 打开APP即闪退，连续3次");
        await agent1.GetByTestId("ticket-submit").ClickAsync();
        var ticket = agent1.GetByTestId("ticket");
        await Expect(ticket).ToHaveAttributeAsync("data-state", "awaiting");

        // The department answers from its own system; agent1 sees it without reloading.
        int ticketId;
        await using (var db = browser.App.Db())
        {
            ticketId = await db.CollaborationTickets.Where(t => t.ConversationId == posted.ConversationId).Select(t => t.Id).SingleAsync();
        }
        using (var api = browser.App.ApiClient())
        {
            var answered = await api.PostAsJsonAsync($"/api/tickets/{ticketId}/feedback", new { feedback = "已定位为iOS兼容问题，今晚发版修复", by = "技术部·张工" });
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        }
        await Expect(ticket).ToHaveAttributeAsync("data-state", "answered");
        await Expect(ticket.GetByTestId("ticket-feedback")).ToContainTextAsync("今晚发版修复");
        await Expect(agent1.Locator("[data-testid=timeline] li[data-kind=collaboration-feedback]")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(agent1, "handoff-ticket-feedback");

        // agent2 is told who owns it, and the service refuses the reply.
        var agent2 = await browser.SignedInPageAsync("agent2");
        await BrowserFixture.OpenAsync(agent2, $"/conversations/{posted.ConversationId}");
        await Expect(agent2.GetByTestId("not-owner")).ToContainTextAsync("agent1");
        await agent2.GetByTestId("reply-input").FillAsync("我来回答这个问题");
        await agent2.GetByTestId("send").ClickAsync();
        await Expect(agent2.Locator(".mud-snackbar")).ToContainTextAsync("agent1");
        await Expect(agent2.GetByTestId("reply-input")).ToHaveValueAsync("我来回答这个问题");
        await BrowserFixture.ScreenshotAsync(agent2, "handoff-not-owner");
        await using (var db = browser.App.Db())
        {
            Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == posted.ConversationId && m.Text == "我来回答这个问题"));
        }

        // 李姐 takes it over; agent1's page shows the new owner live.
        var lijie = await browser.SignedInPageAsync("lijie");
        await BrowserFixture.OpenAsync(lijie, $"/conversations/{posted.ConversationId}");
        await lijie.GetByTestId("take-over").ClickAsync();
        await lijie.GetByTestId("take-over-confirm").ClickAsync();
        await Expect(lijie.GetByTestId("conversation-owner")).ToContainTextAsync("lijie");
        await Expect(lijie.Locator("[data-testid=timeline] li[data-kind=taken-over]")).ToHaveCountAsync(1);
        await Expect(agent1.GetByTestId("conversation-owner")).ToContainTextAsync("lijie");
        await Expect(agent1.GetByTestId("not-owner")).ToContainTextAsync("lijie");
        await BrowserFixture.ScreenshotAsync(lijie, "handoff-taken-over");

        await using var check = browser.App.Db();
        Assert.Equal("lijie", (await check.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).AssigneeUserName);
    }
}
