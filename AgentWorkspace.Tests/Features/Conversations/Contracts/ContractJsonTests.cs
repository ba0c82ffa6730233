using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Tests.Features.Conversations.Contracts;

/// <summary>
/// The hub's and the API's JSON are contracts that connectors parse: these pin every field name
/// (and the shape of its value) of <see cref="ConversationSummary"/> and <see cref="MessageView"/>
/// exactly as they were serialized before the read models became named types.
/// </summary>
public sealed class ContractJsonTests(SharedApp app)
{
    [Fact]
    public async Task Hub_sends_the_summary_and_the_message_with_todays_field_names()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/workspace"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["X-Api-Key"] = WorkspaceApp.ApiKey;
            })
            .Build();
        var changed = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        var appended = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("ConversationChanged", c => changed.Writer.TryWrite(c));
        hub.On<JsonElement>("MessageAppended", m => appended.Writer.TryWrite(m));
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var posted = await app.PostMessageAsync("合同字段：我的订单还没发货", customerId: "contract-hub-1", customerName: "钱七");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var summary = await ReadUntil(changed.Reader, c => c.GetProperty("id").GetInt32() == posted.ConversationId, timeout.Token);
        Assert.Equal(SummaryFields, Names(summary));
        AssertEnumsAre(JsonValueKind.Number, summary, SummaryEnums);
        var message = await ReadUntil(appended.Reader, m => m.GetProperty("conversationId").GetInt32() == posted.ConversationId, timeout.Token);
        Assert.Equal(MessageFields, Names(message));
        AssertEnumsAre(JsonValueKind.Number, message, MessageEnums);
        Assert.Equal("contract-hub-1", message.GetProperty("customerId").GetString());
        Assert.Equal("customer", message.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Api_sends_the_messages_of_a_conversation_with_todays_field_names()
    {
        var posted = await app.PostMessageAsync("合同字段：退款什么时候到账", customerId: "contract-api-1", customerName: "孙八");
        using var api = app.ApiClient();

        var details = await api.GetFromJsonAsync<JsonElement>($"/api/conversations/{posted.ConversationId}", TestContext.Current.CancellationToken);

        var message = details.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == posted.MessageId);
        Assert.Equal(MessageFields, Names(message));
        AssertEnumsAre(JsonValueKind.String, message, MessageEnums);
        Assert.Equal("Chat", message.GetProperty("channel").GetString());
        Assert.Equal("contract-api-1", message.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Api_serializes_a_summary_with_todays_field_names()
    {
        // POST /api/conversations/{id}/satisfaction answers with a summary through the API's own options.
        var posted = await app.PostMessageAsync("合同字段：发票怎么开", customerId: "contract-api-2", customerName: "周九");
        var summary = await app.Services.GetRequiredService<ConversationQueries>().SummaryAsync(posted.ConversationId, TestContext.Current.CancellationToken);
        var options = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var json = JsonSerializer.SerializeToElement(summary, options);

        Assert.Equal(SummaryFields, Names(json));
        AssertEnumsAre(JsonValueKind.String, json, SummaryEnums);
    }

    private static string Names(JsonElement e) => string.Join(", ", e.EnumerateObject().Select(p => p.Name));

    private static void AssertEnumsAre(JsonValueKind kind, JsonElement e, string[] enums)
    {
        foreach (var name in enums)
        {
            Assert.Equal((name, kind), (name, e.GetProperty(name).ValueKind));
        }
    }

    private static async Task<JsonElement> ReadUntil(ChannelReader<JsonElement> reader, Func<JsonElement, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var item = await reader.ReadAsync(ct);
            if (match(item))
            {
                return item;
            }
        }
    }

    // Taken from the output before the change (the hub writes enums as numbers, the API as names).
    private const string SummaryFields = "id, customerExternalId, customerName, channel, preview, status, category, topic, priority, matchedKeywords, ambiguous, needsCollaboration, agitated, createdAt, classifiedAt, classificationAutoAccepted, firstResponseDueAt, firstRespondedAt, lastCustomerMessageAt, assigneeUserName, escalatedAt, escalatedTo, secondHandlingOwner, secondHandlingDueAt, version, reviewRequestedAt, resolutionDueAt, reasons, isOpen, customerDisplayName, isEscalated, isClassified, dueAt, awaitsFirstResponse, awaitsReview";
    private const string TodaysMessageFields = "id, conversationId, authorKind, authorName, text, createdAt";

    // Added by issue 22 after today's fields: a connector routes a reply without asking for the conversation.
    private const string MessageFields = TodaysMessageFields + ", channel, customerId, kind";
    private static readonly string[] SummaryEnums = ["channel", "status", "category", "priority"];
    private static readonly string[] MessageEnums = ["authorKind", "channel"];
}
