using System.Net;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>
/// A connector's SignalR client that hands its key to <c>AccessTokenProvider</c> (what
/// <c>accessTokenFactory</c> does in JavaScript) sends it as <c>Authorization: Bearer</c> at
/// negotiate and on the transport's requests; the hub takes that form, the HTTP API does not.
/// </summary>
public sealed class HubBearerTests(SharedApp app)
{
    private HubConnection Connect(string key, HttpTransportType transport) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "hubs/workspace"), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = transport;
            o.AccessTokenProvider = () => Task.FromResult<string?>(key);
            // The test server's WebSocket client stands in for ClientWebSocket, which the SignalR
            // client gives the token as the same Authorization header.
            o.WebSocketFactory = async (context, ct) =>
            {
                var client = app.Server.CreateWebSocketClient();
                var token = await context.Options.AccessTokenProvider!();
                client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
                return await client.ConnectAsync(context.Uri, ct);
            };
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task A_connector_joins_the_hub_with_its_key_as_a_bearer_token(HttpTransportType transport)
    {
        await using var hub = Connect(WorkspaceApp.ApiKey, transport);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<ConversationSummary>();
        hub.On<ConversationSummary>(nameof(IWorkspaceClient.ConversationChanged), c => changed.Writer.TryWrite(c));
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var posted = await app.PostMessageAsync("发票什么时候开", customerId: $"hub-bearer-{transport}", customerName: "周芳");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var summary = await changed.Reader.ReadAsync(timeout.Token);
            if (summary.Id == posted.ConversationId)
            {
                break;
            }
        }
    }

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task A_wrong_bearer_key_is_refused_with_401(HttpTransportType transport)
    {
        await using var hub = Connect("not-a-connector-key", transport);
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_http_api_still_takes_the_key_only_in_X_Api_Key()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { channel = "Chat", customerId = "bearer-api", text = "你好" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkspaceApp.ApiKey);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
