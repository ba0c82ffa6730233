using System.Collections.Concurrent;
using AgentWorkspace.Realtime;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>
/// Turns presence into status: a page opening makes its person 在线 (unless they chose otherwise), and
/// their last page closing makes them 离线 once <see cref="AssignmentOptions.OfflineGrace"/> has passed
/// without a page coming back (a reload, a dropped connection). It asks <see cref="PresenceTracker"/> only
/// whether someone is present, so a cross-node presence (e.g. Redis) can take its place unchanged.
/// </summary>
public sealed class AgentPresence : IDisposable
{
    private readonly PresenceTracker _presence;
    private readonly AgentStatusService _statuses;
    private readonly IOptions<AssignmentOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentPresence> _logger;
    private readonly ConcurrentDictionary<string, ITimer> _leaving = new(StringComparer.Ordinal);

    public AgentPresence(PresenceTracker presence, AgentStatusService statuses, IOptions<AssignmentOptions> options, TimeProvider time, ILogger<AgentPresence> logger)
    {
        _presence = presence;
        _statuses = statuses;
        _options = options;
        _time = time;
        _logger = logger;
        _presence.LastLeft += ExpectLeaving;
    }

    /// <summary>A workspace page of <paramref name="userName"/> opened; dispose when it closes.</summary>
    public async Task<IDisposable> EnterAsync(string userName, CancellationToken ct = default)
    {
        var page = _presence.Enter(userName);
        if (_leaving.TryRemove(userName, out var pending))
        {
            pending.Dispose();
        }
        try
        {
            await _statuses.ArriveAsync(userName, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not mark {User} online", userName);
        }
        return page;
    }

    /// <summary>
    /// Starts the grace period for someone who may have left (their last page closed, or the app started
    /// while the database still showed them present): 离线 unless a page of theirs opens in time.
    /// </summary>
    public void ExpectLeaving(string userName)
    {
        if (_presence.IsPresent(userName))
        {
            return;
        }
        var timer = _time.CreateTimer(_ => _ = GoOfflineAsync(userName), null, _options.Value.OfflineGrace, Timeout.InfiniteTimeSpan);
        if (_leaving.TryRemove(userName, out var earlier))
        {
            earlier.Dispose();
        }
        if (!_leaving.TryAdd(userName, timer))
        {
            timer.Dispose();
        }
    }

    private async Task GoOfflineAsync(string userName)
    {
        if (_leaving.TryRemove(userName, out var timer))
        {
            timer.Dispose();
        }
        if (_presence.IsPresent(userName))
        {
            return;
        }
        try
        {
            await _statuses.LeftAsync(userName);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not mark {User} offline", userName);
        }
    }

    public void Dispose()
    {
        _presence.LastLeft -= ExpectLeaving;
        foreach (var timer in _leaving.Values)
        {
            timer.Dispose();
        }
    }
}
