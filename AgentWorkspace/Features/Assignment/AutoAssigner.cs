using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>
/// Automatic assignment (<c>Workspace:Assignment:Mode</c> = Automatic): each waiting conversation goes to
/// an online agent with spare capacity on its channel, the least loaded first (equal loads: whoever was
/// assigned longest ago); the line is served most urgent first, then oldest first. An agent on 忙碌 / 小休
/// / 离线 gets nothing new. A conversation nobody can take stays unclaimed (the wall board says why) until
/// an agent comes online or frees capacity, which runs the line again.
/// <para>
/// Correctness does not rest on this node: each assignment is one write through the writer that also
/// bumps the chosen agent's <see cref="AgentState.Version"/> (a concurrency token) after counting their
/// load, so of two nodes (or two arrivals) choosing the same agent at once only one commits and the other
/// counts again; the conversation's own token keeps one conversation from getting two owners. Under
/// PostgreSQL the same conditional update blocks on the agent's row and then finds it changed.
/// </para>
/// </summary>
public sealed class AutoAssigner(
    IServiceProvider services,
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    AssignmentModeStore modes,
    IOptions<AssignmentOptions> options,
    ILogger<AutoAssigner> logger) : IAssignmentSignals
{
    public const string Step = "auto-assigned";
    private static readonly string[] AssignableRoles = [Roles.Agent, Roles.SeniorAgent];

    private int _running;
    private int _again;

    // The writer needs this class (its port) and this class needs the writer: it is resolved when first used.
    private ConversationService Writer => services.GetRequiredService<ConversationService>();

    public async Task ChangedAsync(ConversationSummary summary, string step, string? previousAssignee, CancellationToken ct = default)
    {
        if (step == Step)
        {
            return;
        }
        var waiting = summary.IsOpen && summary.AssigneeUserName is null;
        var freed = previousAssignee is not null && (!summary.IsOpen || summary.AssigneeUserName != previousAssignee);
        if ((waiting || freed) && await modes.CurrentAsync(ct) == AssignmentMode.Automatic)
        {
            Request();
        }
    }

    private readonly Lock _gate = new();
    private int _outstanding;
    private TaskCompletionSource _idle = CompletedIdle();

    /// <summary>
    /// Runs the line in the background: the writer's caller (an ingest request) answers at once instead of
    /// waiting for the line, which under a burst of arrivals could keep running for a while.
    /// </summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_outstanding++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await RequestAsync();
            }
            finally
            {
                lock (_gate)
                {
                    if (--_outstanding == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }
        });
    }

    /// <summary>Completes once every background run requested so far on this node has finished.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    /// <summary>
    /// Runs the line now, or — when a run is already going on this node — makes sure it runs once more
    /// after it, so a request is never lost and runs never overlap on one node.
    /// </summary>
    public async Task RequestAsync(CancellationToken ct = default)
    {
        Volatile.Write(ref _again, 1);
        while (Volatile.Read(ref _again) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            try
            {
                Volatile.Write(ref _again, 0);
                await RunAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Automatic assignment failed; the next change or the sweep tries again");
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
    }

    /// <summary>One pass over the line: how many conversations got an owner.</summary>
    private async Task<int> RunAsync(CancellationToken ct)
    {
        if (await modes.CurrentAsync(ct) != AssignmentMode.Automatic)
        {
            return 0;
        }
        var opts = options.Value;
        List<WaitingRow> line;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if ((await OnlineAgentsAsync(db, ct)).Count == 0)
            {
                return 0;
            }
            var waiting = await db.Conversations.AsNoTracking().WhereOpen()
                .Where(c => c.AssigneeUserName == null)
                .Select(c => new WaitingRow(c.Id, c.Channel, c.Priority, c.CreatedAt))
                .ToListAsync(ct);
            line = [.. Line(waiting.Where(w => opts.CapacityFor(w.Channel) > 0))];
        }
        var assigned = 0;
        var full = new HashSet<Channel>();
        foreach (var w in line)
        {
            if (full.Contains(w.Channel))
            {
                continue;
            }
            var outcome = await AssignOneAsync(w.Id, ct);
            if (outcome.Kind == ActionKind.Done)
            {
                assigned++;
            }
            else if (outcome.Reason == "no-agent-available")
            {
                // Nobody has room on this channel: later rows of the same channel wait too.
                full.Add(w.Channel);
            }
        }
        return assigned;
    }

    /// <summary>
    /// Gives one waiting conversation to the least loaded online agent with room, in one write; safe to
    /// call from any number of nodes at once. Rejected with <c>no-agent-available</c> when nobody has room.
    /// </summary>
    public Task<ActionOutcome> AssignOneAsync(int conversationId, CancellationToken ct = default) =>
        Writer.AutoAssignAsync(conversationId, x => PickAsync(x, options.Value, ct), ct);

    /// <summary>The order of the line: most urgent first, then the one waiting longest.</summary>
    public static IEnumerable<WaitingRow> Line(IEnumerable<WaitingRow> waiting) =>
        waiting.OrderBy(w => w.Priority).ThenBy(w => w.CreatedAt).ThenBy(w => w.Id);

    /// <summary>
    /// Inside the assignment's change: counts the online agents' loads on the conversation's channel and
    /// takes the least loaded with room, marking their row so a parallel choice of the same agent fails.
    /// </summary>
    private static async Task<string?> PickAsync(ConversationChange x, AssignmentOptions opts, CancellationToken ct)
    {
        var channel = x.Conversation.Channel;
        var capacity = opts.CapacityFor(channel);
        if (capacity <= 0)
        {
            return null;
        }
        var names = await OnlineAgentsAsync(x.Db, ct);
        if (names.Count == 0)
        {
            return null;
        }
        var loads = await LoadsAsync(x.Db, names, channel, ct);
        var states = await x.Db.AgentStates.Where(s => names.Contains(s.UserName)).ToListAsync(ct);
        var chosen = states
            .Select(s => (State: s, Load: loads.GetValueOrDefault(s.UserName)))
            .Where(a => a.State.Status == AgentStatus.Online && a.Load < capacity)
            .OrderBy(a => a.Load)
            .ThenBy(a => a.State.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.State.UserName, StringComparer.Ordinal)
            .Select(a => a.State)
            .FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }
        chosen.LastAssignedAt = x.Now;
        chosen.Version++;
        return chosen.UserName;
    }

    /// <summary>Open conversations per agent on one channel.</summary>
    internal static async Task<Dictionary<string, int>> LoadsAsync(WorkspaceDbContext db, IReadOnlyCollection<string> names, Channel channel, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().WhereOpen()
            .Where(c => c.Channel == channel && c.AssigneeUserName != null && names.Contains(c.AssigneeUserName))
            .GroupBy(c => c.AssigneeUserName!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Agents and senior agents who are 在线 and not disabled: who may receive conversations.</summary>
    internal static async Task<List<string>> OnlineAgentsAsync(WorkspaceDbContext db, CancellationToken ct) =>
        await (from s in db.AgentStates
               where s.Status == AgentStatus.Online
               join u in db.Users on s.UserName equals u.UserName
               where !u.IsDisabled
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where AssignableRoles.Contains(r.Name!)
               select s.UserName).Distinct().ToListAsync(ct);
}

public sealed record WaitingRow(int Id, Channel Channel, Priority Priority, DateTimeOffset CreatedAt);
