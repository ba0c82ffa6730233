using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

/// <summary>Ingest's vip, salutation and appointmentAt, and the due times that follow, through real HTTP on a fake clock.</summary>
public sealed class IngestCustomerValueTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private async Task<(HttpStatusCode Status, IngestReply? Reply, string Body)> PostAsync(object body)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/messages", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<IngestReply>(Json.Options) : null, text);
    }

    [Fact]
    public async Task A_vip_is_one_level_higher_on_the_conversation_and_in_the_response_with_the_reason()
    {
        var (status, reply, body) = await PostAsync(new { channel = "Email", customerId = "vip-1", customerName = "王芳", text = "请问退款流程是什么？", vip = true, salutation = "女士" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("High", reply!.Classification.Priority);
        Assert.Contains(reply.Classification.Reasons!, r => r is { Field: "priority", Source: "vip", Evidence: "Medium" });
        Assert.Contains("\"reasons\"", body);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), reply.FirstResponseDueAt);
        await using var db = app.Db();
        var stored = await db.Conversations.Include(c => c.Customer).SingleAsync(c => c.Id == reply.ConversationId);
        Assert.Equal((Priority.High, true, "女士"), (stored.Priority, stored.Customer.IsVip, stored.Customer.Salutation));

        // The customer stays a VIP for later conversations when a connector does not say otherwise.
        var (_, again, _) = await PostAsync(new { channel = "Chat", customerId = "vip-1", text = "优惠券怎么使用？" });
        Assert.Equal("High", again!.Classification.Priority);
    }

    [Fact]
    public async Task Face_to_face_is_due_at_the_appointment_and_self_service_has_no_due_time()
    {
        var appointment = app.Clock.GetUtcNow().AddDays(2).ToOffset(TimeSpan.FromHours(8));
        var (status, reply, _) = await PostAsync(new { channel = "InPerson", customerId = "f2f-1", text = "我要投诉，上次维修没修好", appointmentAt = appointment.ToString("yyyy-MM-ddTHH:mm:sszzz") });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(appointment, reply!.FirstResponseDueAt);

        var (_, self, body) = await PostAsync(new { channel = "SelfService", customerId = "self-1", text = "支付失败导致订单取消了" });
        Assert.Null(self!.FirstResponseDueAt);
        Assert.Contains("\"firstResponseDueAt\":null", body);
        await using var db = app.Db();
        var stored = await db.Conversations.SingleAsync(c => c.Id == self.ConversationId);
        Assert.Null(stored.FirstResponseDueAt);
        Assert.Null(stored.NoResponseEscalationDueAt);

        // Never breaches: a reply long after is not a breach, and the queue lists it after everything with a due time.
        app.Clock.Advance(TimeSpan.FromDays(3));
        var queue = await app.Get<ConversationQueries>().OpenQueueAsync();
        Assert.Equal(self.ConversationId, queue.Last(c => c.FirstResponseDueAt is null).Id);
        Assert.True(queue.FindIndex(c => c.Id == self.ConversationId) > queue.FindIndex(c => c.Id == reply.ConversationId));
        Assert.Equal(AgentWorkspace.Features.Sla.SlaTone.NoTarget, AgentWorkspace.Features.Queue.RowClock.Countdown(queue.Single(c => c.Id == self.ConversationId), app.Clock.GetUtcNow()).Tone);
        var outcome = await app.Get<ConversationService>().ReplyAsync(self.ConversationId, "agent1", null, "您好，已为您查询");
        Assert.Equal(ActionKind.Done, outcome.Kind);
        await using var db2 = app.Db();
        Assert.False((await db2.Conversations.SingleAsync(c => c.Id == self.ConversationId)).FirstResponseBreached);
    }

    [Theory]
    [InlineData("{\"channel\":\"Chat\",\"customerId\":\"bad-1\",\"text\":\"你好\",\"vip\":\"yes\"}", "vip")]
    [InlineData("{\"channel\":\"Chat\",\"customerId\":\"bad-1\",\"text\":\"你好\",\"salutation\":\"先生/女士\"}", "salutation")]
    [InlineData("{\"channel\":\"InPerson\",\"customerId\":\"bad-1\",\"text\":\"你好\",\"appointmentAt\":\"明天下午\"}", "appointmentAt")]
    [InlineData("{\"channel\":\"InPerson\",\"customerId\":\"bad-1\",\"text\":\"你好\",\"appointmentAt\":\"2026-12-02T14:00:00\"}", "appointmentAt")]
    [InlineData("{\"channel\":\"Chat\",\"customerId\":\"bad-1\",\"text\":\"你好\",\"appointmentAt\":\"2026-12-02T14:00:00+08:00\"}", "appointmentAt")]
    public async Task Bad_customer_value_fields_are_400_naming_the_field_and_store_nothing(string json, string field)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsync("/api/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "bad-1"));
    }
}
