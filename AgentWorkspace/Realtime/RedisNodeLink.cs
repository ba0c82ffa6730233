using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentWorkspace.Features;
using AgentWorkspace.Features.Conversations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentWorkspace.Realtime;

/// <summary>Sends this node's circuit events to the other nodes' circuits (nothing with one node).</summary>
public interface ICircuitEventRelay
{
    void Forward(WorkspaceEvent e);
}

/// <summary><c>Workspace:Nodes</c>: how nodes that share a Redis keep each other informed.</summary>
public sealed class NodeOptions
{
    public const string Section = "Nodes";

    /// <summary>Each node repeats who is online on it this often; a node silent for three beats counts as gone.</summary>
    public TimeSpan HeartbeatEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a saver waits for the other nodes to reload a changed cache before it carries on.</summary>
    public TimeSpan CacheReloadWait { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The nodes' link over Redis pub/sub (<c>ConnectionStrings:Redis</c>), beside SignalR's own Redis
/// backplane for hub clients. It carries four things: every workspace event to the other nodes'
/// <see cref="CircuitEventBus"/> (so an agent on node B sees a message ingested on node A), cache
/// changes (the saver waits until the other nodes have reloaded), who is online on each node, and who
/// has which conversation open (and is typing) on each node.
/// A node's own messages come back to it and are ignored: its circuits were told in-process.
/// </summary>
public sealed class RedisNodeLink(
    IConnectionMultiplexer redis,
    CircuitEventBus circuits,
    PresenceTracker presence,
    ConversationViewers viewers,
    IEnumerable<INodeCache> caches,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<RedisNodeLink> logger) : BackgroundService, ICircuitEventRelay, INodeCacheBroadcast
{
    public const string Prefix = "AgentWorkspace:";
    private static readonly RedisChannel EventsChannel = RedisChannel.Literal(Prefix + "events");
    private static readonly RedisChannel CachesChannel = RedisChannel.Literal(Prefix + "caches");
    private static readonly RedisChannel AcksChannel = RedisChannel.Literal(Prefix + "cache-acks");
    private static readonly RedisChannel PresenceChannel = RedisChannel.Literal(Prefix + "presence");
    private static readonly RedisChannel ViewersChannel = RedisChannel.Literal(Prefix + "viewers");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, INodeCache> _caches = caches.ToDictionary(c => c.Name);
    private readonly ConcurrentDictionary<string, PendingReload> _pending = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heard = new();
    private string[] _lastSentPresence = [];

    public string Node => _node;

    private ISubscriber Bus => redis.GetSubscriber();

    public void Forward(WorkspaceEvent e)
    {
        var envelope = e switch
        {
            WorkspaceEvent.ConversationChanged c => new EventEnvelope(_node, Conversation: c.Conversation),
            WorkspaceEvent.MessageAppended m => new EventEnvelope(_node, Message: m.Message),
            WorkspaceEvent.EscalationRaised x => new EventEnvelope(_node, Escalation: x.Escalation),
            WorkspaceEvent.NotificationRaised n => new EventEnvelope(_node, Notification: n.Notification),
            _ => null,
        };
        if (envelope is not null)
        {
            _ = Send(EventsChannel, envelope);
        }
    }

    /// <summary>Tells the other nodes to reload <paramref name="name"/> and waits (bounded) until each has.</summary>
    public async Task ChangedAsync(string name, CancellationToken ct = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var pending = new PendingReload();
        _pending[id] = pending;
        try
        {
            var receivers = await Bus.PublishAsync(CachesChannel, JsonSerializer.Serialize(new CacheEnvelope(_node, id, name), Json));
            // Every node's link listens, this one included; the others must each answer.
            pending.Expect((int)Math.Max(0, receivers - 1));
            logger.LogInformation("Told {Nodes} other node(s) that {Cache} changed", receivers - 1, name);
            await pending.Done.WaitAsync(options.Value.CacheReloadWait, time, ct);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Not every node confirmed reloading {Cache} within {Wait}; a node that missed it reloads at its next start", name, options.Value.CacheReloadWait);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not tell the other nodes that {Cache} changed", name);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (await Bus.SubscribeAsync(EventsChannel)).OnMessage(m => OnEvent(m.Message));
        (await Bus.SubscribeAsync(CachesChannel)).OnMessage(m => OnCacheChangedAsync(m.Message));
        (await Bus.SubscribeAsync(AcksChannel)).OnMessage(m => OnAck(m.Message));
        (await Bus.SubscribeAsync(PresenceChannel)).OnMessage(m => OnPresence(m.Message));
        (await Bus.SubscribeAsync(ViewersChannel)).OnMessage(m => OnViewers(m.Message));
        presence.Changed += PresenceChanged;
        viewers.ChangedHere += ViewersChangedHere;
        try
        {
            // Ask the others who is online on them rather than wait for their next beat.
            await SendPresenceAsync(ask: true);
            using var beat = new PeriodicTimer(options.Value.HeartbeatEvery, time);
            while (await beat.WaitForNextTickAsync(stoppingToken))
            {
                await SendPresenceAsync(ask: false);
                var silentSince = time.GetUtcNow() - 3 * options.Value.HeartbeatEvery;
                foreach (var (node, heard) in _heard)
                {
                    if (heard < silentSince && _heard.TryRemove(node, out _))
                    {
                        presence.ForgetNode(node);
                        viewers.ForgetNode(node);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            presence.Changed -= PresenceChanged;
            viewers.ChangedHere -= ViewersChangedHere;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leaving: the other nodes stop counting this node's people now, not three beats later.
        try
        {
            await Bus.PublishAsync(PresenceChannel, JsonSerializer.Serialize(new PresenceEnvelope(_node, [], false), Json));
        }
        catch (RedisException)
        {
        }
        await base.StopAsync(cancellationToken);
    }

    private void OnEvent(RedisValue value)
    {
        var envelope = Read<EventEnvelope>(value);
        if (envelope is null || envelope.Node == _node)
        {
            return;
        }
        WorkspaceEvent? e = envelope switch
        {
            { Conversation: { } c } => new WorkspaceEvent.ConversationChanged(c),
            { Message: { } m } => new WorkspaceEvent.MessageAppended(m),
            { Escalation: { } x } => new WorkspaceEvent.EscalationRaised(x),
            { Notification: { } n } => new WorkspaceEvent.NotificationRaised(n),
            _ => null,
        };
        if (e is not null)
        {
            circuits.Publish(e);
        }
    }

    private async Task OnCacheChangedAsync(RedisValue value)
    {
        var envelope = Read<CacheEnvelope>(value);
        if (envelope is null || envelope.Node == _node)
        {
            return;
        }
        try
        {
            if (_caches.TryGetValue(envelope.Cache, out var cache))
            {
                await cache.ReloadAsync();
                logger.LogInformation("Reloaded {Cache}: node {Node} changed it", envelope.Cache, envelope.Node);
            }
            await Bus.PublishAsync(AcksChannel, JsonSerializer.Serialize(new AckEnvelope(_node, envelope.Id), Json));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reloading {Cache} after another node changed it failed", envelope.Cache);
        }
    }

    private void OnAck(RedisValue value)
    {
        if (Read<AckEnvelope>(value) is { } ack && _pending.TryGetValue(ack.Id, out var pending))
        {
            pending.Answered();
        }
    }

    private void OnPresence(RedisValue value)
    {
        var envelope = Read<PresenceEnvelope>(value);
        if (envelope is null || envelope.Node == _node)
        {
            return;
        }
        if (envelope.Users.Length == 0 && !envelope.Ask)
        {
            _heard.TryRemove(envelope.Node, out _);
            presence.ForgetNode(envelope.Node);
            viewers.ForgetNode(envelope.Node);
        }
        else
        {
            _heard[envelope.Node] = time.GetUtcNow();
            presence.SetNode(envelope.Node, envelope.Users);
        }
        if (envelope.Ask)
        {
            _ = SendPresenceAsync(ask: false);
            _ = Send(ViewersChannel, new ViewersEnvelope(_node, viewers.AllHere().ToDictionary(p => p.Key, p => p.Value.ToArray())));
        }
    }

    private void ViewersChangedHere(int conversationId) =>
        _ = Send(ViewersChannel, new ViewersEnvelope(_node, new Dictionary<int, ConversationViewer[]> { [conversationId] = [.. viewers.Here(conversationId)] }));

    private void OnViewers(RedisValue value)
    {
        if (Read<ViewersEnvelope>(value) is { } envelope && envelope.Node != _node)
        {
            viewers.SetNode(envelope.Node, envelope.Conversations);
        }
    }

    private void PresenceChanged()
    {
        string[] here = [.. presence.Here.Order(StringComparer.Ordinal)];
        if (!here.SequenceEqual(Volatile.Read(ref _lastSentPresence)))
        {
            _ = SendPresenceAsync(ask: false);
        }
    }

    private Task SendPresenceAsync(bool ask)
    {
        string[] here = [.. presence.Here.Order(StringComparer.Ordinal)];
        Volatile.Write(ref _lastSentPresence, here);
        return Send(PresenceChannel, new PresenceEnvelope(_node, here, ask));
    }

    private async Task Send<T>(RedisChannel channel, T envelope)
    {
        try
        {
            await Bus.PublishAsync(channel, JsonSerializer.Serialize(envelope, Json));
        }
        catch (Exception ex)
        {
            // The database holds every change; a node that misses an event shows it at its next read.
            logger.LogWarning(ex, "Publishing to the other nodes over Redis failed");
        }
    }

    private T? Read<T>(RedisValue value)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>((string)value!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored an unreadable message from another node");
            return null;
        }
    }

    private sealed record EventEnvelope(string Node, ConversationSummary? Conversation = null, MessageView? Message = null,
        EscalationView? Escalation = null, NotificationView? Notification = null);

    private sealed record CacheEnvelope(string Node, string Id, string Cache);

    private sealed record AckEnvelope(string Node, string Id);

    private sealed record PresenceEnvelope(string Node, string[] Users, bool Ask);

    /// <summary>A node's viewers of the conversations named; an empty list means nobody there any more.</summary>
    private sealed record ViewersEnvelope(string Node, Dictionary<int, ConversationViewer[]> Conversations);

    /// <summary>Counts the other nodes' answers; done when as many answered as received the change.</summary>
    private sealed class PendingReload
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private int _answers;
        private int _expected = -1;

        public Task Done => _done.Task;

        public void Expect(int count)
        {
            lock (_gate)
            {
                _expected = count;
                Check();
            }
        }

        public void Answered()
        {
            lock (_gate)
            {
                _answers++;
                Check();
            }
        }

        private void Check()
        {
            if (_expected >= 0 && _answers >= _expected)
            {
                _done.TrySetResult();
            }
        }
    }
}

/// <summary>/health is 200 only when Redis answers a PING (when it is configured).</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var rtt = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"PING {rtt.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}
