using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.WallBoard;

public sealed class NpsAnswerTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task The_optional_0_to_10_answer_is_stored_with_the_satisfaction_answer_and_bad_values_change_nothing()
    {
        var posted = await app.PostMessageAsync("请问退款流程是什么？", customerId: "nps-1");
        var service = app.Get<ConversationService>();
        Assert.Equal(ActionKind.Done, (await service.ReplyAsync(posted.ConversationId, "agent1", null, "您好，退款流程如下……")).Kind);
        Assert.Equal(ActionKind.Done, (await service.ResolveAsync(posted.ConversationId, "agent1")).Kind);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await app.Get<AgentWorkspace.Features.Escalations.RuleRunner>().FireIfDueAsync(AgentWorkspace.Features.Conversations.RuleKind.SatisfactionCheck, posted.ConversationId);

        using var client = app.ApiClient();
        var bad = await client.PostAsJsonAsync($"/api/conversations/{posted.ConversationId}/satisfaction", new { answer = "满意", nps = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("nps", await bad.Content.ReadAsStringAsync());
        await using (var db = app.Db())
        {
            var c = await db.Conversations.SingleAsync(x => x.Id == posted.ConversationId);
            Assert.Null(c.Satisfaction);
            Assert.Null(c.NpsScore);
        }

        var ok = await client.PostAsJsonAsync($"/api/conversations/{posted.ConversationId}/satisfaction", new { answer = "满意", nps = 9 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using var db2 = app.Db();
        var stored = await db2.Conversations.SingleAsync(x => x.Id == posted.ConversationId);
        Assert.Equal((SatisfactionAnswer.Satisfied, 9), (stored.Satisfaction, stored.NpsScore));
    }
}
