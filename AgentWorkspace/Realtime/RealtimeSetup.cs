using AgentWorkspace.Features;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using Microsoft.AspNetCore.Identity;
using StackExchange.Redis;

namespace AgentWorkspace.Realtime;

public static class RealtimeSetup
{
    public static void AddRealtime(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        builder.Services.AddSingleton<CircuitEventBus>();
        builder.Services.AddSingleton<WorkspaceEvents>();
        builder.Services.AddSingleton<IConversationEvents>(sp => sp.GetRequiredService<WorkspaceEvents>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<ConversationViewers>();
        builder.Services.AddSingleton<HubSessions>();
        builder.AddNodeLink(signalR);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        builder.Services.AddAuthorizationBuilder().AddPolicy(WorkspaceHub.Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            // A connector key receives conversations and messages only with the read scope.
            .RequireAssertion(ctx => !ctx.User.IsInRole(ApiKeyAuthenticationHandler.ConnectorRole)
                || ctx.User.HasClaim(ConnectorScopes.ClaimType, ConnectorScopes.Read)));
    }

    /// <summary>
    /// <c>ConnectionStrings:Redis</c> empty: one node, events stay in-process as before. Set: hub
    /// clients go through SignalR's Redis backplane and circuits, caches and presence through
    /// <see cref="RedisNodeLink"/>, so every node sees what any node did.
    /// </summary>
    private static void AddNodeLink(this WebApplicationBuilder builder, Microsoft.AspNetCore.SignalR.ISignalRServerBuilder signalR)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            return;
        }
        builder.Services.AddFeatureOptions<NodeOptions>(builder.Configuration, NodeOptions.Section)
            .Validate(o => o.HeartbeatEvery > TimeSpan.Zero && o.CacheReloadWait > TimeSpan.Zero,
                "Workspace:Nodes:HeartbeatEvery and CacheReloadWait must be positive.");
        signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(RedisNodeLink.Prefix + "hub"));
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            // Start (and keep retrying) while Redis is away; /health says so meanwhile.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<RedisNodeLink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisNodeLink>());
        builder.Services.AddSingleton<ICircuitEventRelay>(sp => sp.GetRequiredService<RedisNodeLink>());
        builder.Services.AddSingleton<INodeCacheBroadcast>(sp => sp.GetRequiredService<RedisNodeLink>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
    }

    // A connection ends when the sign-in behind it expires, instead of living on with old powers.
    public static void MapRealtime(this WebApplication app) =>
        app.MapHub<WorkspaceHub>(WorkspaceHub.Path, o => o.CloseOnAuthenticationExpiration = true);
}
