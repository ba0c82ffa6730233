using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

public sealed class ConcurrentChangeTests(SharedApp app)
{
    [Fact]
    public async Task Resolve_that_races_another_writer_is_applied_to_the_fresh_row_not_lost()
    {
        var service = app.Get<ConversationService>();
        var posted = await app.PostMessageAsync("退款多久到账", customerId: "race-resolve");
        var interleaved = false;

        var outcome = await service.ChangeAsync(posted.ConversationId, "agent1", ConversationService.ChangeRules.Anyone, async x =>
        {
            var (c, now) = (x.Conversation, x.Now);
            if (!interleaved)
            {
                // Another writer (a job) saves between our read and our save.
                interleaved = true;
                await using var other = app.Db();
                var row = await other.Conversations.SingleAsync(x => x.Id == c.Id);
                row.Resolution = "job-wrote-this";
                await other.SaveChangesAsync();
            }
            if (!c.IsOpen)
            {
                return ActionOutcome.Unchanged;
            }
            c.Status = ConversationStatus.Resolved;
            c.ResolvedAt = now;
            return ActionOutcome.Done("resolved");
        }, CancellationToken.None);

        Assert.Equal(ActionKind.Done, outcome.Kind);
        await using var db = app.Db();
        var stored = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
        Assert.Equal(ConversationStatus.Resolved, stored.Status);
        Assert.Equal("job-wrote-this", stored.Resolution);
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "resolved"));
    }

    [Fact]
    public async Task Claim_that_loses_the_race_is_a_conflict_naming_the_winner()
    {
        var service = app.Get<ConversationService>();
        var posted = await app.PostMessageAsync("优惠券怎么用", customerId: "race-claim");
        var interleaved = false;

        var outcome = await service.ChangeAsync(posted.ConversationId, "agent1", ConversationService.ChangeRules.Anyone, async x =>
        {
            var (c, now) = (x.Conversation, x.Now);
            if (!interleaved)
            {
                interleaved = true;
                Assert.Equal(ActionKind.Done, (await service.ClaimAsync(c.Id, "agent2")).Kind);
            }
            if (c.AssigneeUserName is { } owner && owner != "agent1")
            {
                return ActionOutcome.Conflict(owner);
            }
            c.AssigneeUserName = "agent1";
            return ActionOutcome.Done("claimed");
        }, CancellationToken.None);

        Assert.Equal((ActionKind.Conflict, "agent2"), (outcome.Kind, outcome.ConflictWith));
        await using var db = app.Db();
        Assert.Equal("agent2", (await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).AssigneeUserName);
    }

    [Fact]
    public async Task Customer_message_arriving_while_agents_act_is_never_lost()
    {
        var service = app.Get<ConversationService>();
        for (var round = 0; round < 20; round++)
        {
            var customer = $"race-ingest-{round}";
            var posted = await app.PostMessageAsync("优惠券怎么用", customerId: customer);
            using var start = new ManualResetEventSlim();
            var follow = Task.Run(() => { start.Wait(); return service.IngestAsync(new IngestCommand(Channel.Chat, customer, null, "在吗？", null)); });
            var claim = Task.Run(() => { start.Wait(); return service.ClaimAsync(posted.ConversationId, "agent1"); });
            // The owner-to-be confirms the hint in another tab (a colleague would be refused once agent1 owns it).
            var confirm = Task.Run(() => { start.Wait(); return service.ConfirmClassificationAsync(posted.ConversationId, "agent1"); });
            start.Set();
            await Task.WhenAll(follow, claim, confirm);

            Assert.Equal(posted.ConversationId, (await follow).ConversationId);
            Assert.Equal(ActionKind.Done, (await claim).Kind);
            Assert.Equal(ActionKind.Done, (await confirm).Kind);
            await using var db = app.Db();
            Assert.Equal(2, await db.Messages.CountAsync(m => m.ConversationId == posted.ConversationId));
            var stored = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId);
            Assert.Equal("agent1", stored.AssigneeUserName);
            Assert.NotNull(stored.ClassifiedAt);
            Assert.Equal("在吗？", stored.Preview);
        }
    }

    [Fact]
    public async Task Connector_retries_racing_each_other_store_the_message_and_its_step_once()
    {
        var service = app.Get<ConversationService>();
        using var start = new ManualResetEventSlim();
        var deliveries = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return service.IngestAsync(new IngestCommand(Channel.Social, "race-retry", "周敏", "退款什么时候到账？", "wb-7001"));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(deliveries);

        Assert.Single(results.Select(r => r.MessageId).Distinct());
        Assert.Single(results, r => !r.Duplicate);
        await using var db = app.Db();
        var conversationId = results[0].ConversationId;
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == conversationId));
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == conversationId && t.Kind == "created"));
    }
}
