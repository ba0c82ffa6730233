using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace AgentWorkspace.Realtime;

public static class RealtimeSetup
{
    public static void AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<CircuitEventBus>();
        builder.Services.AddSingleton<WorkspaceEvents>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(WorkspaceHub.Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
    }

    public static void MapRealtime(this WebApplication app) => app.MapHub<WorkspaceHub>(WorkspaceHub.Path);
}
