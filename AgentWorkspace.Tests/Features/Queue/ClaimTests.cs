using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Queue;

public sealed class ClaimTests(SharedApp app)
{
    [Fact]
    public async Task Two_agents_claiming_at_once_have_exactly_one_winner_and_the_other_is_told()
    {
        var service = app.Get<ConversationService>();
        for (var round = 0; round < 15; round++)
        {
            var posted = await app.PostMessageAsync("优惠券怎么使用？", customerId: $"claim-race-{round}");
            using var start = new ManualResetEventSlim();
            var first = Task.Run(() => { start.Wait(); return service.ClaimAsync(posted.ConversationId, "agent1"); });
            var second = Task.Run(() => { start.Wait(); return service.ClaimAsync(posted.ConversationId, "agent2"); });
            start.Set();
            var outcomes = await Task.WhenAll(first, second);

            Assert.Single(outcomes, o => o.Kind == ActionKind.Done);
            var loser = Assert.Single(outcomes, o => o.Kind == ActionKind.Conflict);
            await using var db = app.Db();
            var stored = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
            Assert.Equal(stored.AssigneeUserName, loser.ConflictWith);
            Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "claimed"));
        }
    }

    [Fact]
    public async Task Claiming_again_by_the_owner_changes_nothing()
    {
        var service = app.Get<ConversationService>();
        var posted = await app.PostMessageAsync("退款多久到账", customerId: "claim-twice");
        Assert.Equal(ActionKind.Done, (await service.ClaimAsync(posted.ConversationId, "agent1")).Kind);
        Assert.Equal(ActionKind.Unchanged, (await service.ClaimAsync(posted.ConversationId, "agent1")).Kind);
    }
}
