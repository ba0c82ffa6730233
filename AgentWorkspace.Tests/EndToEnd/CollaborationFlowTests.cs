using AgentWorkspace.Features.Assignment;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>
/// Issue #15 in Chromium: the lead switches to automatic assignment, agent1 (online) receives a new
/// conversation without claiming it, agent2 sees agent1 viewing and typing, and a note with @lijie
/// reaches 李姐 live and under 我的提及.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollaborationFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Automatic_assignment_viewers_and_a_note_that_mentions_lijie()
    {
        var statuses = browser.App.Get<AgentStatusService>();
        var others = new List<string>();
        try
        {
            // The lead switches the team to automatic assignment on the settings page.
            var lead = await browser.SignedInPageAsync("lead");
            await BrowserFixture.OpenAsync(lead, "/settings/assignment");
            await lead.GetByTestId("assignment-mode-Automatic").CheckAsync();
            await lead.GetByTestId("assignment-save").ClickAsync();
            await Expect(lead.Locator(".mud-snackbar")).ToContainTextAsync("分配方式已保存");
            await BrowserFixture.ScreenshotAsync(lead, "assignment-settings");
            Assert.Equal(AssignmentMode.Automatic, await browser.App.Get<AssignmentModeStore>().CurrentAsync());
            // Only agent1 takes new work in this flow: everyone else earlier flows left online (their own
            // test members too) goes on a break.
            await using (var db = browser.App.Db())
            {
                others.AddRange(await db.AgentStates.Where(s => s.UserName != "agent1" && s.Status == AgentStatus.Online).Select(s => s.UserName).ToListAsync());
            }
            foreach (var other in others.Union(["agent2", "wangjie"]).ToList())
            {
                Assert.Null(await statuses.SetAsync(other, AgentStatus.Break, other));
            }

            // agent1 signs in and is 在线 from the top bar.
            var agent1 = await browser.SignedInPageAsync("agent1");
            await BrowserFixture.OpenAsync(agent1, "/queue");
            await Expect(agent1.GetByTestId("agent-status")).ToHaveAttributeAsync("data-status", "Online");

            // A new conversation arrives and is agent1's without a claim.
            var posted = await browser.App.PostMessageAsync("你好，我在微博上看到活动，优惠券怎么领？", channel: "Social", customerId: "e2e-auto-assign", customerName: "周琳");
            await browser.App.Get<AutoAssigner>().WhenIdleAsync();
            await using (var db = browser.App.Db())
            {
                Assert.Equal("agent1", await db.Conversations.Where(c => c.Id == posted.ConversationId).Select(c => c.AssigneeUserName).SingleAsync());
            }
            await BrowserFixture.OpenAsync(agent1, $"/conversations/{posted.ConversationId}");
            await Expect(agent1.GetByTestId("conversation-owner")).ToContainTextAsync("agent1");
            await Expect(agent1.Locator("[data-testid=timeline] li[data-kind=auto-assigned]")).ToHaveCountAsync(1);

            // agent2 (on a break: the status stays chosen) opens it and sees agent1 there, then typing.
            var agent2 = await browser.SignedInPageAsync("agent2");
            await BrowserFixture.OpenAsync(agent2, $"/conversations/{posted.ConversationId}");
            await Expect(agent2.GetByTestId("agent-status")).ToHaveAttributeAsync("data-status", "Break");
            var viewers = agent2.GetByTestId("viewers");
            await Expect(viewers).ToContainTextAsync("小王");
            await Expect(agent1.GetByTestId("viewers")).ToContainTextAsync("小张");
            await agent1.GetByTestId("reply-input").PressSequentiallyAsync("您好，");
            await Expect(viewers.Locator("[data-user=agent1]")).ToHaveAttributeAsync("data-typing", "true");
            await BrowserFixture.ScreenshotAsync(agent2, "collision-viewers");

            // 李姐 is somewhere in the workspace; agent2 writes a note that names her.
            var lijie = await browser.SignedInPageAsync("lijie");
            await BrowserFixture.OpenAsync(lijie, "/queue");
            await agent2.GetByTestId("note-input").FillAsync("@lijie 这位客户问的活动规则需要您确认");
            await agent2.GetByTestId("note-add").ClickAsync();
            await Expect(agent2.Locator("[data-testid=message][data-author=Note]")).ToContainTextAsync("需要您确认");
            await Expect(agent1.Locator("[data-testid=message][data-author=Note]")).ToContainTextAsync("需要您确认");
            await Expect(lijie.Locator(".mud-snackbar")).ToContainTextAsync("提到了您");
            await BrowserFixture.ScreenshotAsync(agent2, "conversation-note");

            // The badge beside the status counts it, live; 我的提及 marks it unread until she reads it.
            await Expect(lijie.GetByTestId("mentions-unread")).ToBeVisibleAsync();
            await lijie.GetByTestId("nav-mentions").ClickAsync();
            await BrowserFixture.WaitInteractiveAsync(lijie);
            var mention = lijie.Locator($"[data-testid=mention][data-conversation-id='{posted.ConversationId}']");
            await Expect(mention).ToContainTextAsync("需要您确认");
            await Expect(mention).ToHaveAttributeAsync("data-unread", "true");
            await BrowserFixture.ScreenshotAsync(lijie, "mentions");
            await lijie.GetByTestId("mentions-mark-all-read").ClickAsync();
            await Expect(mention).ToHaveAttributeAsync("data-unread", "false");
            await Expect(lijie.GetByTestId("mentions-unread")).ToHaveCountAsync(0);

            // The customer never sees it.
            var chat = await browser.App.Get<ConversationQueries>().LatestForCustomerAsync("e2e-auto-assign", AgentWorkspace.Features.Channel.Social);
            Assert.DoesNotContain(chat!.Messages, m => m.AuthorKind == AuthorKind.Note);

            // The wall board shows the statuses.
            await BrowserFixture.OpenAsync(lijie, "/wallboard");
            await Expect(lijie.Locator("[data-testid=board-agent][data-user=agent1]")).ToHaveAttributeAsync("data-status", "Online");
            await Expect(lijie.Locator("[data-testid=board-agent][data-user=agent2]")).ToHaveAttributeAsync("data-status", "Break");
            await BrowserFixture.ScreenshotAsync(lijie, "wallboard-agent-status");
        }
        finally
        {
            // The other flows claim by hand.
            await browser.App.Get<AssignmentModeStore>().SetAsync(AssignmentMode.Manual, "lead", isTeamLead: true);
            foreach (var other in others.Union(["agent2", "wangjie"]))
            {
                await statuses.SetAsync(other, AgentStatus.Online, other);
            }
        }
    }
}
