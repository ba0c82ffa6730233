using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Conversations;

public sealed class IngestApiTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    [Fact]
    public async Task Posted_message_opens_a_conversation_and_answers_201_with_its_ids()
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId = "ingest-201", customerName = "李娜", text = "请问退款流程是什么？" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("conversationId").GetInt32();
        Assert.True(body.GetProperty("messageId").GetInt64() > 0);
        Assert.True(body.GetProperty("firstResponseDueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("classification").ValueKind);

        await using var db = app.Db();
        var stored = await db.Conversations.Include(c => c.Customer).SingleAsync(c => c.Id == id);
        Assert.Equal("ingest-201", stored.Customer.ExternalId);
        Assert.Equal("李娜", stored.Customer.Name);
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == id));
    }

    [Fact]
    public async Task Same_external_id_twice_is_stored_once_and_returns_the_first_result()
    {
        var first = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "retry-1", externalId: "wx-778");
        var second = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "retry-1", externalId: "wx-778");

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.True(second.Duplicate);
        await using var db = app.Db();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.IngestKey == "Chat:wx-778"));
    }

    [Fact]
    public async Task Next_message_from_a_customer_joins_the_open_conversation_on_that_channel()
    {
        var first = await app.PostMessageAsync("你好", channel: "Social", customerId: "join-1");
        var second = await app.PostMessageAsync("在吗？订单【230518001】还没到", channel: "Social", customerId: "join-1");
        var otherChannel = await app.PostMessageAsync("邮件再问一次", channel: "Email", customerId: "join-1");

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.NotEqual(first.ConversationId, otherChannel.ConversationId);
    }

    [Fact]
    public async Task Missing_api_key_is_401()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId = "x", text = "hi" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/conversations/1")).StatusCode);
    }

    [Theory]
    [InlineData("{\"channel\":\"Chat\",\"customerId\":\"bad-1\",\"text\":", "body")]
    [InlineData("{\"channel\":\"Fax\",\"customerId\":\"bad-1\",\"text\":\"你好\"}", "channel")]
    [InlineData("{\"channel\":\"Chat\",\"customerId\":\"bad-1\",\"text\":\"   \"}", "text")]
    [InlineData("{\"channel\":\"Chat\",\"text\":\"你好\"}", "customerId")]
    [InlineData("{\"channel\":7,\"customerId\":\"bad-1\",\"text\":\"你好\"}", "channel")]
    [InlineData("[1,2]", "body")]
    public async Task Bad_input_is_400_problem_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await CountsAsync();
        using var client = app.ApiClient();

        var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Over_long_text_is_rejected()
    {
        var before = await CountsAsync();
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId = "long-1", text = new string('长', 4001) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Conversation_reads_back_with_customer_messages_and_timeline()
    {
        var posted = await app.PostMessageAsync("<script>alert(1)</script> 优惠券怎么使用", customerId: "read-1", customerName: "周杰");
        using var client = app.ApiClient();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{posted.ConversationId}");

        Assert.Equal("Chat", body.GetProperty("channel").GetString());
        Assert.Equal("周杰", body.GetProperty("customer").GetProperty("name").GetString());
        var message = body.GetProperty("messages")[0];
        Assert.Equal("Customer", message.GetProperty("authorKind").GetString());
        Assert.StartsWith("<script>", message.GetProperty("text").GetString());
        Assert.Equal("created", body.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.True(body.TryGetProperty("escalatedAt", out _));
        Assert.True(body.TryGetProperty("satisfaction", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/conversations/999999")).StatusCode);
    }

    private async Task<(int Conversations, int Messages, int Customers)> CountsAsync()
    {
        await using var db = app.Db();
        return (await db.Conversations.CountAsync(), await db.Messages.CountAsync(), await db.Customers.CountAsync());
    }
}
