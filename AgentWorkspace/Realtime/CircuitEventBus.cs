using System.Collections.Immutable;

using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Fans workspace events out to this node's Blazor circuits in-process. Components subscribe and
/// dispose their subscription (the eShop OrderStatusNotificationService shape). On several nodes
/// this is the one class a backplane subscriber feeds.
/// </summary>
public sealed class CircuitEventBus(ILogger<CircuitEventBus> logger)
{
    private ImmutableArray<Func<WorkspaceEvent, Task>> _listeners = [];

    public IDisposable Subscribe(Func<WorkspaceEvent, Task> listener)
    {
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(listener));
        return new Subscription(this, listener);
    }

    public void Publish(WorkspaceEvent e)
    {
        foreach (var listener in _listeners)
        {
            // Each circuit marshals onto its own dispatcher; one slow page must not hold up the rest.
            _ = Deliver(listener, e);
        }
    }

    private async Task Deliver(Func<WorkspaceEvent, Task> listener, WorkspaceEvent e)
    {
        try
        {
            // A push runs for another user's page: it must not carry the publisher's identity into
            // that page's code, so services' own role checks refuse anything it tries to change.
            Features.WorkspaceCaller.Current = Features.WorkspaceCaller.Nobody;
            await listener(e);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A circuit listener failed to take a workspace event");
        }
    }

    private sealed class Subscription(CircuitEventBus bus, Func<WorkspaceEvent, Task> listener) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref bus._listeners, l => l.Remove(listener));
    }
}
