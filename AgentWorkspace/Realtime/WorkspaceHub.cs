using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Realtime;

/// <summary>
/// The one hub. Browsers of signed-in staff and external clients holding the connector key join
/// groups by role and by user; a client viewing one conversation joins that conversation's group.
/// </summary>
[Authorize(Policy = WorkspaceHub.Policy)]
public sealed class WorkspaceHub(IDbContextFactory<WorkspaceDbContext> dbFactory, HubSessions sessions) : Hub<IWorkspaceClient>
{
    public const string Path = "/hubs/workspace";
    public const string Policy = "HubClients";

    public static string RoleGroup(string role) => $"role:{role}";
    public static string UserGroup(string userName) => $"user:{userName}";
    public static string ConversationGroup(int id) => $"conversation:{id}";

    /// <summary>Everyone who sees the whole queue: staff roles and connectors.</summary>
    public const string AllStaffGroup = "staff";

    /// <summary>Signed-in staff only, never a connector key: where internal notes go (issue #15).</summary>
    public const string StaffPeopleGroup = "staff-people";

    /// <summary>Where escalations go: what only supervisors and leads may see.</summary>
    public static readonly IReadOnlyList<string> SupervisorGroups = [RoleGroup(Roles.Supervisor), RoleGroup(Roles.TeamLead)];

    /// <summary>How many conversations one connection may watch at once.</summary>
    public const int MaxWatchedPerConnection = 50;

    private const string WatchedItem = "watched";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, AllStaffGroup);
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoleGroup(role));
        }
        if (Roles.All.Any(user.IsInRole) && !user.IsInRole(ApiKeyAuthenticationHandler.ConnectorRole))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, StaffPeopleGroup);
        }
        if (user.Identity?.Name is { } name)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(name));
        }
        sessions.Add(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Joins one conversation's group. Only callers who may read conversations (queue staff, a
    /// connector key with the read scope) and only for a conversation that exists; at most
    /// <see cref="MaxWatchedPerConnection"/> per connection.
    /// </summary>
    public async Task WatchConversation(int conversationId)
    {
        var user = Context.User!;
        var mayRead = Roles.All.Any(user.IsInRole)
            || (user.IsInRole(ApiKeyAuthenticationHandler.ConnectorRole) && user.HasClaim(ConnectorScopes.ClaimType, ConnectorScopes.Read));
        if (!mayRead)
        {
            throw new HubException("Watching a conversation needs a staff role or the read scope.");
        }
        var watched = Watched();
        if (watched.Contains(conversationId))
        {
            return;
        }
        if (watched.Count >= MaxWatchedPerConnection)
        {
            throw new HubException($"One connection watches at most {MaxWatchedPerConnection} conversations; unwatch one first.");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted))
        {
            if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, Context.ConnectionAborted))
            {
                throw new HubException($"Conversation {conversationId} does not exist.");
            }
        }
        watched.Add(conversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
    }

    public async Task UnwatchConversation(int conversationId)
    {
        Watched().Remove(conversationId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
    }

    private HashSet<int> Watched()
    {
        if (Context.Items[WatchedItem] is not HashSet<int> watched)
        {
            Context.Items[WatchedItem] = watched = [];
        }
        return watched;
    }

    /// <summary>
    /// A bare broadcast through the same hub and group as the workspace events, with no database
    /// work: the floor the ingest-to-client latency is measured against. Connectors only.
    /// </summary>
    [Authorize(Roles = ApiKeyAuthenticationHandler.ConnectorRole)]
    public Task Ping(long sequence) => Clients.Group(AllStaffGroup).Pong(sequence);
}
