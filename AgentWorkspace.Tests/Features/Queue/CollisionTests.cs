using System.Security.Claims;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Queue;

/// <summary>
/// Collision (issue #15), with two circuits' page states against the real app: who else has the
/// conversation open and who is typing, a supervisor confirming before replying over an agent, and the
/// warning when the customer writes while someone types.
/// </summary>
public sealed class CollisionTests(SharedApp app)
{
    private static ConversationPageState Open(IServiceScope scope, string userName, string displayName, string role, out ClaimsPrincipal user)
    {
        var state = scope.ServiceProvider.GetRequiredService<ConversationPageState>();
        state.Attach(work => work(), () => { }, (outcome, _) => outcome.Succeeded);
        user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(WorkspaceClaims.DisplayName, displayName), new Claim(ClaimTypes.Role, role)], "test"));
        return state;
    }

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), () => what);

    [Fact]
    public async Task Each_page_shows_who_else_has_the_conversation_open_and_who_is_typing_live()
    {
        var posted = await app.PostMessageAsync("订单地址填错了", customerId: "collision-viewers");
        using var one = app.Services.CreateScope();
        using var two = app.Services.CreateScope();
        var agent1 = Open(one, "agent1", "小王", Roles.Agent, out var user1);
        var agent2 = Open(two, "agent2", "小张", Roles.Agent, out var user2);

        await agent1.OpenAsync(posted.ConversationId, user1);
        Assert.Empty(agent1.OtherViewers);
        await agent2.OpenAsync(posted.ConversationId, user2);

        Assert.Equal(["agent1"], agent2.OtherViewers.Select(v => v.UserName));
        await UntilAsync(() => agent1.OtherViewers.Any(v => v is { UserName: "agent2", DisplayName: "小张" }), "agent1 sees agent2 arrive");

        agent2.Draft!.Text = "您好";
        agent2.Typed();
        await UntilAsync(() => agent1.OtherViewers.Any(v => v is { UserName: "agent2", Typing: true }), "agent1 sees agent2 typing");

        agent2.Detach();
        await UntilAsync(() => agent1.OtherViewers.Count == 0, "agent1 sees agent2 leave");
    }

    [Fact]
    public async Task A_supervisor_replying_on_an_agents_conversation_confirms_first()
    {
        var posted = await app.PostMessageAsync("我要投诉快递员态度差", customerId: "collision-confirm");
        Assert.True((await app.Get<ConversationService>().ClaimAsync(posted.ConversationId, "agent1")).Succeeded);
        using var scope = app.Services.CreateScope();
        var lijie = Open(scope, "lijie", "李姐", Roles.Supervisor, out var user);
        await lijie.OpenAsync(posted.ConversationId, user);

        lijie.Draft!.Text = "您好，我是主管，马上为您处理。";
        await lijie.SendAsync();
        Assert.Equal("agent1", lijie.ConfirmReplyOver);
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == posted.ConversationId));
        }

        lijie.CancelSend();
        Assert.Null(lijie.ConfirmReplyOver);
        await lijie.SendAsync();
        await lijie.ConfirmSendAsync();

        await using var check = app.Db();
        Assert.True(await check.Messages.AnyAsync(m => m.ConversationId == posted.ConversationId && m.Text == "您好，我是主管，马上为您处理。"));
        Assert.Equal("agent1", (await check.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).AssigneeUserName);
    }

    [Fact]
    public async Task An_agent_sees_that_the_customer_wrote_while_they_were_typing()
    {
        var posted = await app.PostMessageAsync("退款到哪了", customerId: "collision-customer-wrote");
        using var scope = app.Services.CreateScope();
        var agent = Open(scope, "agent1", "小王", Roles.Agent, out var user);
        await agent.OpenAsync(posted.ConversationId, user);

        await app.PostMessageAsync("还有，发票也没收到", customerId: "collision-customer-wrote");
        await UntilAsync(() => agent.Details!.Messages.Count == 2, "the thread reloads");
        Assert.False(agent.CustomerWroteWhileTyping);

        agent.Draft!.Text = "您好，退款已经";
        agent.Typed();
        await app.PostMessageAsync("在吗？", customerId: "collision-customer-wrote");
        await UntilAsync(() => agent.CustomerWroteWhileTyping, "the agent is warned");
        await UntilAsync(() => agent.Details!.Messages.Count == 3, "and sees the new message");
    }

    [Fact]
    public async Task A_colleagues_note_appears_in_an_open_page()
    {
        var posted = await app.PostMessageAsync("换货流程是什么", customerId: "collision-note");
        using var scope = app.Services.CreateScope();
        var agent = Open(scope, "agent1", "小王", Roles.Agent, out var user);
        await agent.OpenAsync(posted.ConversationId, user);

        Assert.Equal(ActionKind.Done, (await app.Get<ConversationService>().AddNoteAsync(posted.ConversationId, "agent2", "小张", "@agent1 这个客户上周也问过")).Kind);

        await UntilAsync(() => agent.Details!.Messages.Any(m => m.AuthorKind == AuthorKind.Note), "the note shows in the open page");

        // The writer's own page shows its note too, though the row's version did not change.
        agent.NoteText = "已电话联系客户";
        await agent.AddNoteAsync();
        Assert.Contains(agent.Details!.Messages, m => m.AuthorKind == AuthorKind.Note && m.Text == "已电话联系客户");
        Assert.Equal("", agent.NoteText);
    }
}
