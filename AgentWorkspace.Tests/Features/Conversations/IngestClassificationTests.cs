using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

/// <summary>Ingest stores the hint and computes the due times from it; a priority change recomputes them from arrival.</summary>
public sealed class IngestClassificationTests(SharedApp app)
{
    [Fact]
    public async Task Ingested_conversation_carries_its_classification_and_due_time()
    {
        var before = DateTimeOffset.UtcNow;
        var posted = await app.PostMessageAsync("会员积分无法兑换，页面提示错误", channel: "Email", customerId: "cls-ingest");

        // A fault with core rights (积分无法兑换 + 页面提示错误) is technical support, 高 (seed 000 step 2's example).
        Assert.Equal(("TechnicalSupport", "membership", "High"), (posted.Classification.Category, posted.Classification.Topic, posted.Classification.Priority));
        Assert.InRange(posted.FirstResponseDueAt!.Value - before, TimeSpan.FromMinutes(29.9), TimeSpan.FromMinutes(30.1));
        await using var db = app.Db();
        var stored = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
        Assert.Equal(Priority.High, stored.Priority);
        Assert.Equal(stored.CreatedAt.AddHours(4), stored.ResolutionDueAt);
    }

    [Fact]
    public async Task Changing_the_priority_recomputes_the_due_time_from_arrival()
    {
        var posted = await app.PostMessageAsync("怎么修改收货地址", channel: "Email", customerId: "cls-priority");
        await using (var db = app.Db())
        {
            var before = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
            Assert.Equal(before.CreatedAt.AddHours(2), before.FirstResponseDueAt);
        }

        await app.Get<ConversationService>().ChangePriorityAsync(posted.ConversationId, "agent1", Priority.Urgent);

        await using var check = app.Db();
        var after = await check.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
        Assert.Equal(after.CreatedAt.AddMinutes(5), after.FirstResponseDueAt);
        Assert.Equal(Priority.Urgent, after.Priority);
    }
}
