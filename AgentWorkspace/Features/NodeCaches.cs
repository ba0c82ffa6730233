namespace AgentWorkspace.Features;

/// <summary>Something a node keeps in memory that must follow a change made on any node (the keyword table).</summary>
public interface INodeCache
{
    /// <summary>The name other nodes know it by; a contract between nodes of different versions.</summary>
    string Name { get; }

    Task ReloadAsync(CancellationToken ct = default);
}

/// <summary>Tells the other nodes that a cache changed (Realtime's Redis link, when several nodes share one database).</summary>
public interface INodeCacheBroadcast
{
    Task ChangedAsync(string name, CancellationToken ct = default);
}

/// <summary>
/// The one way to say "this cache changed": this node reloads it at once, then every other node is told
/// and, where a broadcast can wait for them, has reloaded before the saver's call returns, so the next
/// message on any node sees the change. With one node there is no broadcast and nothing else happens.
/// </summary>
public sealed class NodeCaches(IEnumerable<INodeCacheBroadcast> broadcasts)
{
    public async Task ChangedAsync(INodeCache cache, CancellationToken ct = default)
    {
        await cache.ReloadAsync(ct);
        foreach (var broadcast in broadcasts)
        {
            await broadcast.ChangedAsync(cache.Name, ct);
        }
    }
}
