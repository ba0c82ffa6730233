using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AgentWorkspace.Realtime;

/// <summary>
/// The one hub. Browsers of signed-in staff and external clients holding the connector key join
/// groups by role and by user; a client viewing one conversation joins that conversation's group.
/// </summary>
[Authorize(Policy = WorkspaceHub.Policy)]
public sealed class WorkspaceHub : Hub<IWorkspaceClient>
{
    public const string Path = "/hubs/workspace";
    public const string Policy = "HubClients";

    public static string RoleGroup(string role) => $"role:{role}";
    public static string UserGroup(string userName) => $"user:{userName}";
    public static string ConversationGroup(int id) => $"conversation:{id}";

    /// <summary>Everyone who sees the whole queue: staff roles and connectors.</summary>
    public const string AllStaffGroup = "staff";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, AllStaffGroup);
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoleGroup(role));
        }
        if (user.Identity?.Name is { } name)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(name));
        }
        await base.OnConnectedAsync();
    }

    public Task WatchConversation(int conversationId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));

    public Task UnwatchConversation(int conversationId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));

    /// <summary>
    /// A bare broadcast through the same hub and group as the workspace events, with no database
    /// work: the floor the ingest-to-client latency is measured against. Connectors only.
    /// </summary>
    [Authorize(Roles = ApiKeyAuthenticationHandler.ConnectorRole)]
    public Task Ping(long sequence) => Clients.Group(AllStaffGroup).Pong(sequence);
}
