using System.Threading.Channels;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Realtime;

public sealed class WorkspaceHubTests(SharedApp app)
{
    private HubConnection Connect(string? apiKey) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "hubs/workspace"), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (apiKey is not null)
            {
                o.Headers["X-Api-Key"] = apiKey;
            }
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    [Fact]
    public async Task Hub_client_receives_the_conversation_after_a_message_is_posted()
    {
        await using var hub = Connect(WorkspaceApp.ApiKey);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<ConversationSummary>();
        var appended = System.Threading.Channels.Channel.CreateUnbounded<MessageView>();
        hub.On<ConversationSummary>(nameof(IWorkspaceClient.ConversationChanged), c => changed.Writer.TryWrite(c));
        hub.On<MessageView>(nameof(IWorkspaceClient.MessageAppended), m => appended.Writer.TryWrite(m));
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var posted = await app.PostMessageAsync("APP闪退，连续3次了", customerId: "hub-1", customerName: "赵敏");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var summary = await ReadUntil(changed.Reader, c => c.Id == posted.ConversationId, timeout.Token);
        Assert.Equal("赵敏", summary.CustomerName);
        Assert.Equal("APP闪退，连续3次了", summary.Preview);
        var message = await ReadUntil(appended.Reader, m => m.ConversationId == posted.ConversationId, timeout.Token);
        Assert.Equal(posted.MessageId, message.Id);
    }

    [Fact]
    public async Task A_connector_watching_a_conversation_receives_each_event_once()
    {
        await using var hub = Connect(WorkspaceApp.ApiKey);
        var appended = System.Threading.Channels.Channel.CreateUnbounded<MessageView>();
        hub.On<MessageView>(nameof(IWorkspaceClient.MessageAppended), m => appended.Writer.TryWrite(m));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var first = await app.PostMessageAsync("请问发票怎么开？", customerId: "hub-once", customerName: "钱多多");
        await hub.InvokeAsync("WatchConversation", first.ConversationId, TestContext.Current.CancellationToken);

        var second = await app.PostMessageAsync("抬头写公司名", customerId: "hub-once", customerName: "钱多多");
        Assert.Equal(first.ConversationId, second.ConversationId);
        // A third conversation's message is the marker: events of one connection arrive in order, so once
        // it is here every copy of the second message would have arrived too.
        var marker = await app.PostMessageAsync("你好", customerId: "hub-once-marker", customerName: "孙");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<MessageView>();
        while (true)
        {
            var m = await appended.Reader.ReadAsync(timeout.Token);
            seen.Add(m);
            if (m.Id == marker.MessageId)
            {
                break;
            }
        }
        Assert.Single(seen, m => m.Id == second.MessageId);
    }

    [Fact]
    public async Task Hub_refuses_a_client_without_sign_in_or_key()
    {
        await using var hub = Connect(apiKey: null);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("401", error.Message);
    }

    private static async Task<T> ReadUntil<T>(ChannelReader<T> reader, Func<T, bool> match, CancellationToken ct)
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
}
