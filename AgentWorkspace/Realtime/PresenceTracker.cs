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

    /// <summary>Whether the person has any page open (on this node; a cross-node presence answers for all nodes).</summary>
    public bool IsPresent(string userName) => _circuits.TryGetValue(userName, out var n) && n > 0;

    /// <summary>A person's last page closed (issue #15: their status turns 离线 after a grace period).</summary>
    public event Action<string>? LastLeft;

    private sealed class Leave(PresenceTracker tracker, string userName) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                var left = tracker._circuits.AddOrUpdate(userName, 0, (_, n) => Math.Max(0, n - 1));
                tracker.Changed?.Invoke();
                if (left == 0)
                {
                    tracker.LastLeft?.Invoke(userName);
                }
            }
        }
    }
}
