using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using Microsoft.AspNetCore.Identity;

namespace AgentWorkspace.Realtime;

public static class RealtimeSetup
{
    public static void AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<CircuitEventBus>();
        builder.Services.AddSingleton<WorkspaceEvents>();
        builder.Services.AddSingleton<IConversationEvents>(sp => sp.GetRequiredService<WorkspaceEvents>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<ConversationViewers>();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        builder.Services.AddAuthorizationBuilder().AddPolicy(WorkspaceHub.Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            // A connector key receives conversations and messages only with the read scope.
            .RequireAssertion(ctx => !ctx.User.IsInRole(ApiKeyAuthenticationHandler.ConnectorRole)
                || ctx.User.HasClaim(ConnectorScopes.ClaimType, ConnectorScopes.Read)));
    }

    // A connection ends when the sign-in behind it expires, instead of living on with old powers.
    public static void MapRealtime(this WebApplication app) =>
        app.MapHub<WorkspaceHub>(WorkspaceHub.Path, o => o.CloseOnAuthenticationExpiration = true);
}
