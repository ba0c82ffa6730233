using AgentWorkspace.Features.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace AgentWorkspace.Realtime;

/// <summary>
/// The single event path: every change to a conversation (ingest, an agent's action, a job) is
/// published here once, after the database write. It pushes to hub clients through
/// <see cref="IHubContext{THub,T}"/> (a Redis backplane later changes nothing above it) and to this
/// node's Blazor circuits through <see cref="CircuitEventBus"/>, so no circuit opens its own
/// connection back to the server.
/// </summary>
public sealed class WorkspaceEvents(
    IHubContext<WorkspaceHub, IWorkspaceClient> hub,
    CircuitEventBus circuits,
    IEnumerable<ICircuitEventRelay> relays,
    ILogger<WorkspaceEvents> logger) : IConversationEvents
{
    private readonly ICircuitEventRelay[] _relays = [.. relays];

    public async Task ConversationChanged(ConversationSummary summary)
    {
        ToCircuits(new WorkspaceEvent.ConversationChanged(summary));
        // Every hub connection is in the staff group (OnConnectedAsync), so a watcher's conversation
        // group would deliver the same event to it a second time: once per connection is the staff group.
        await Safely(() => hub.Clients.Group(WorkspaceHub.AllStaffGroup).ConversationChanged(summary));
    }

    public async Task MessageAppended(MessageView message)
    {
        ToCircuits(new WorkspaceEvent.MessageAppended(message));
        if (message.AuthorKind == AuthorKind.Note)
        {
            // An internal note is for staff only: connector keys sit in the staff group, so notes go to the signed-in staff's own group and nowhere else.
            await Safely(() => hub.Clients.Group(WorkspaceHub.StaffPeopleGroup).MessageAppended(message));
            return;
        }
        await Safely(() => hub.Clients.Group(WorkspaceHub.AllStaffGroup).MessageAppended(message));
    }

    public async Task ClassificationConfirmed(ConversationSummary summary)
    {
        ToCircuits(new WorkspaceEvent.ConversationChanged(summary));
        await Safely(() => hub.Clients.Group(WorkspaceHub.AllStaffGroup).ClassificationConfirmed(summary));
    }

    public async Task EscalationRaised(EscalationView escalation)
    {
        ToCircuits(new WorkspaceEvent.EscalationRaised(escalation));
        // Escalations are the supervisors' and leads' business: agents and connectors do not receive them.
        await Safely(() => hub.Clients.Groups(WorkspaceHub.SupervisorGroups).EscalationRaised(escalation));
    }

    public async Task NotificationRaised(NotificationView notification)
    {
        ToCircuits(new WorkspaceEvent.NotificationRaised(notification));
        await Safely(() => hub.Clients.Group(WorkspaceHub.UserGroup(notification.Recipient)).NotificationRaised(notification));
    }

    /// <summary>This node's circuits at once; other nodes' circuits through the relay (Redis), when there is one.</summary>
    private void ToCircuits(WorkspaceEvent e)
    {
        circuits.Publish(e);
        foreach (var relay in _relays)
        {
            relay.Forward(e);
        }
    }

    /// <summary>The database already holds the change; a failed push must not fail the caller's write.</summary>
    private async Task Safely(Func<Task> push)
    {
        try
        {
            await push();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Pushing a workspace event to hub clients failed");
        }
    }
}
