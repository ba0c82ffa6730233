using System.Collections.Concurrent;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Who has a workspace page open on this node right now (circuits register while alive). The wall
/// board's "agents online" reads it; with several nodes this moves to the backplane.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();

    public event Action? Changed;

    public IDisposable Enter(string userName)
    {
        _circuits.AddOrUpdate(userName, 1, (_, n) => n + 1);
        Changed?.Invoke();
        return new Leave(this, userName);
    }

    public IReadOnlyCollection<string> Online => [.. _circuits.Where(p => p.Value > 0).Select(p => p.Key)];

    private sealed class Leave(PresenceTracker tracker, string userName) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                tracker._circuits.AddOrUpdate(userName, 0, (_, n) => Math.Max(0, n - 1));
                tracker.Changed?.Invoke();
            }
        }
    }
}
