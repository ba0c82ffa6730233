using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class ClassifyApiTests(SharedApp app)
{
    [Fact]
    public async Task Classify_answers_the_hint_in_the_contract_shape()
    {
        using var client = app.ApiClient();
        var body = await (await client.PostAsJsonAsync("/api/classify", new { text = "賬號異常，馬上處理！！", channel = "Chat" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("TechnicalSupport", body.GetProperty("category").GetString());
        Assert.True(body.GetProperty("ambiguous").GetBoolean());
        Assert.True(body.GetProperty("agitated").GetBoolean());
        Assert.Equal("您是指无法登录，还是收不到验证码?", body.GetProperty("clarifyingQuestions")[0].GetString());
        foreach (var field in new[] { "topic", "priority", "matchedKeywords", "needsCollaboration" })
        {
            Assert.True(body.TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_text_is_400(string text)
    {
        using var client = app.ApiClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text })).StatusCode);
    }

    [Fact]
    public async Task Over_long_text_and_unknown_channel_are_400_and_the_key_is_required()
    {
        using var client = app.ApiClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text = new string('字', 4001) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text = "你好", channel = "Fax" })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/classify", new { text = "你好" })).StatusCode);
    }

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
    public async Task Urgent_conversation_is_reported_to_lijie_at_once()
    {
        var posted = await app.PostMessageAsync("支付失败导致订单取消了，钱已经扣了", channel: "Phone", customerId: "cls-urgent");

        Assert.Equal("Urgent", posted.Classification.Priority);
        await using var db = app.Db();
        var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId);
        Assert.Equal((EscalationReason.Urgent, "lijie"), (escalation.Reason, escalation.AssignedTo));
        Assert.True(await db.Notifications.AnyAsync(n => n.ConversationId == posted.ConversationId && n.Recipient == "lijie"));
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
