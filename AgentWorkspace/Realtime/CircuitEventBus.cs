using System.Collections.Immutable;
using System.Threading.Channels;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Fans workspace events out to this node's Blazor circuits in-process. Components subscribe and
/// dispose their subscription (the eShop OrderStatusNotificationService shape). On several nodes
/// this is the one class a backplane subscriber feeds.
/// </summary>
/// <remarks>
/// Publishing only queues: each subscription takes its events in order on the thread pool. A page's
/// <c>InvokeAsync</c> runs inline when its circuit is idle, so handing the event straight to the
/// listeners made the publisher (an ingest request, a job) render every open page itself, one after
/// another: with thousands of circuits a POST waited for all of them, on one core.
/// </remarks>
public sealed class CircuitEventBus(ILogger<CircuitEventBus> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public IDisposable Subscribe(Func<WorkspaceEvent, Task> listener)
    {
        var subscription = new Subscription(this, listener);
        ImmutableInterlocked.Update(ref _subscriptions, s => s.Add(subscription));
        return subscription;
    }

    public void Publish(WorkspaceEvent e)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Enqueue(e);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly CircuitEventBus _bus;
        private readonly Func<WorkspaceEvent, Task> _listener;
        private readonly Channel<WorkspaceEvent> _events = Channel.CreateUnbounded<WorkspaceEvent>(new UnboundedChannelOptions { SingleReader = true });

        public Subscription(CircuitEventBus bus, Func<WorkspaceEvent, Task> listener)
        {
            _bus = bus;
            _listener = listener;
            // Deliveries run in the subscriber's own context: a page renders in its user's language
            // (the culture flows with it), never in the publisher's or the process default.
            _ = Task.Run(DeliverAsync);
        }

        public void Enqueue(WorkspaceEvent e) => _events.Writer.TryWrite(e);

        private async Task DeliverAsync()
        {
            await foreach (var e in _events.Reader.ReadAllAsync())
            {
                try
                {
                    // A push runs for another user's page: it must not carry the publisher's identity into
                    // that page's code, so services' own role checks refuse anything it tries to change.
                    Features.WorkspaceCaller.Current = Features.WorkspaceCaller.Nobody;
                    await _listener(e);
                }
                catch (Exception ex)
                {
                    _bus.Log(ex);
                }
            }
        }

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref _bus._subscriptions, s => s.Remove(this));
            _events.Writer.TryComplete();
        }
    }

    private void Log(Exception ex) => logger.LogDebug(ex, "A circuit listener failed to take a workspace event");
}
