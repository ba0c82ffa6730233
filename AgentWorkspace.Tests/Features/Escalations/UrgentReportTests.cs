using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Escalations;

public sealed class UrgentReportTests(SharedApp app)
{
    [Fact]
    public async Task Urgent_conversation_is_reported_to_lijie_at_once()
    {
        var posted = await app.PostMessageAsync("支付失败导致订单取消了，钱已经扣了", channel: "Phone", customerId: "cls-urgent");

        Assert.Equal("Urgent", posted.Classification.Priority);
        await using var db = app.Db();
        var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId);
        Assert.Equal((EscalationReason.Urgent, "lijie"), (escalation.Reason, escalation.AssignedTo));
        Assert.True(await db.Notifications.AnyAsync(n => n.ConversationId == posted.ConversationId && n.Recipient == "lijie"));
    }
}
