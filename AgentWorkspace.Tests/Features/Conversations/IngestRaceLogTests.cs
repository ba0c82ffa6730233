using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

/// <summary>A handled race is not an error: the operator's log says "fail" only when someone must act.</summary>
public sealed class IngestRaceLogTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    [Fact]
    public async Task First_messages_of_one_customer_at_once_store_every_message_and_log_no_error()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.PostMessageAsync($"第{i}条：我的订单怎么还没发货？", customerId: "race-log-1", externalId: $"race-log-{i}")));

        await using var db = app.Db();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.ExternalId == "race-log-1"));
        Assert.Single(replies.Select(r => r.ConversationId).Distinct());
        Assert.Equal(12, await db.Messages.CountAsync(m => m.Conversation.Customer.ExternalId == "race-log-1"));
        Assert.Empty(app.Log.Errors);
    }
}
