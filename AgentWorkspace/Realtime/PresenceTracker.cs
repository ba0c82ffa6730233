using System.Collections.Concurrent;

namespace AgentWorkspace.Realtime;

/// <summary>
/// Who has a workspace page open right now (circuits register while alive). The wall board's
/// "agents online" reads it. This node's circuits are counted here; with several nodes the Redis
/// link reports the other nodes' people (<see cref="SetNode"/>), so everyone on any node is online.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();
    private readonly ConcurrentDictionary<string, IReadOnlyCollection<string>> _otherNodes = new();

    public event Action? Changed;

    public IDisposable Enter(string userName)
    {
        _circuits.AddOrUpdate(userName, 1, (_, n) => n + 1);
        Changed?.Invoke();
        return new Leave(this, userName);
    }

    /// <summary>Everyone with a page open on any node.</summary>
    public IReadOnlyCollection<string> Online => _otherNodes.IsEmpty
        ? Here
        : [.. Here.Concat(_otherNodes.Values.SelectMany(u => u)).Distinct(StringComparer.Ordinal)];

    /// <summary>Everyone with a page open on this node (what this node reports to the others).</summary>
    public IReadOnlyCollection<string> Here => [.. _circuits.Where(p => p.Value > 0).Select(p => p.Key)];

    /// <summary>Another node's people, as it last reported them; an empty list or <see cref="ForgetNode"/> removes them.</summary>
    public void SetNode(string node, IReadOnlyCollection<string> userNames)
    {
        if (userNames.Count == 0)
        {
            ForgetNode(node);
            return;
        }
        string[] sorted = [.. userNames.Order(StringComparer.Ordinal)];
        if (_otherNodes.TryGetValue(node, out var known) && known.SequenceEqual(sorted))
        {
            return;
        }
        _otherNodes[node] = sorted;
        Changed?.Invoke();
    }

    public void ForgetNode(string node)
    {
        if (_otherNodes.TryRemove(node, out _))
        {
            Changed?.Invoke();
        }
    }

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
