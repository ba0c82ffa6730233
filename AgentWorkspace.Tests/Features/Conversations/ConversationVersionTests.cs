using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

public sealed class ConversationVersionTests(SharedApp app)
{
    [Fact]
    public async Task Every_write_to_a_conversation_takes_the_next_version_and_its_event_carries_it()
    {
        var posted = await app.PostMessageAsync("请问优惠券怎么使用？", customerId: "version-1");
        var service = app.Get<ConversationService>();

        var before = await VersionOf(posted.ConversationId);
        var claimed = await service.ClaimAsync(posted.ConversationId, "agent1");
        var replied = await service.ReplyAsync(posted.ConversationId, "agent1", null, "您好，优惠券在结算页使用。");

        Assert.Equal(before + 1, claimed.Conversation!.Version);
        Assert.Equal(before + 2, replied.Conversation!.Version);
        Assert.Equal(before + 2, await VersionOf(posted.ConversationId));
    }

    private async Task<long> VersionOf(int id)
    {
        await using var db = app.Db();
        return await db.Conversations.Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
    }
}
