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
/// Correctness does not rest on this node: a batch of assignments (up to <see cref="BatchSize"/>, in line
/// order) is one write through the writer that also bumps each chosen agent's <see cref="AgentState.Version"/>
/// (a concurrency token) after counting their load, so of two nodes (or two arrivals) choosing the same
/// agent at once only one commits and the other reads and chooses its whole batch again; the
/// conversations' own tokens keep one conversation from getting two owners. Under PostgreSQL the same
/// conditional update blocks on the agent's row and then finds it changed.
/// </para>
/// </summary>
public sealed class AutoAssigner(
    Lazy<ConversationService> writer,
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    AssignmentModeStore modes,
    IOptions<AssignmentOptions> options,
    ILogger<AutoAssigner> logger) : IAssignmentSignals
{
    public const string Step = "auto-assigned";
    private static readonly string[] AssignableRoles = [Roles.Agent, Roles.SeniorAgent];

    private int _running;
    private int _again;

    /// <summary>Conversations assigned per write: a burst is served in a few saves instead of one per arrival.</summary>
    public const int BatchSize = 25;

    // The writer needs this class (its port) and this class needs the writer: Lazy breaks the cycle.
    private ConversationService Writer => writer.Value;

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
        // Batches in line order: one write assigns up to BatchSize, each to the least loaded agent
        // with room at that moment. A conversation left over means nobody had room on its channel:
        // later rows of that channel wait too, for the next change that frees capacity.
        var next = 0;
        while (true)
        {
            var batch = new List<WaitingRow>(BatchSize);
            while (next < line.Count && batch.Count < BatchSize)
            {
                var w = line[next++];
                if (!full.Contains(w.Channel))
                {
                    batch.Add(w);
                }
            }
            if (batch.Count == 0)
            {
                return assigned;
            }
            var noRoom = new HashSet<Channel>();
            var outcomes = await Writer.AutoAssignManyAsync([.. batch.Select(w => w.Id)], (db, waiting, now) => PickAsync(db, waiting, now, opts, noRoom, ct), ct);
            assigned += outcomes.Count;
            full.UnionWith(noRoom);
        }
    }

    /// <summary>
    /// Gives one waiting conversation to the least loaded online agent with room, in one write; safe to
    /// call from any number of nodes at once. Rejected with <c>no-agent-available</c> when nobody has room.
    /// </summary>
    public async Task<ActionOutcome> AssignOneAsync(int conversationId, CancellationToken ct = default)
    {
        var noRoom = new HashSet<Channel>();
        var outcomes = await Writer.AutoAssignManyAsync([conversationId], (db, waiting, now) => PickAsync(db, waiting, now, options.Value, noRoom, ct), ct);
        if (outcomes.Count > 0)
        {
            return outcomes[0];
        }
        return noRoom.Count > 0 ? ActionOutcome.Rejected("no-agent-available") : ActionOutcome.Unchanged;
    }

    /// <summary>The order of the line: most urgent first, then the one waiting longest.</summary>
    public static IEnumerable<WaitingRow> Line(IEnumerable<WaitingRow> waiting) =>
        waiting.OrderBy(w => w.Priority).ThenBy(w => w.CreatedAt).ThenBy(w => w.Id);

    /// <summary>
    /// Inside the assignment's change: counts the online agents' loads on the conversations' channels
    /// once, then, in line order, takes for each the least loaded agent with room (counting what this
    /// batch already gave), marking each chosen agent's row so a parallel choice of the same agent fails.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, string>> PickAsync(WorkspaceDbContext db, IReadOnlyList<Conversation> waiting, DateTimeOffset now, AssignmentOptions opts, ISet<Channel> noRoom, CancellationToken ct)
    {
        // Read again on a retry: only the last attempt's answer counts.
        noRoom.Clear();
        var chosen = new Dictionary<int, string>();
        var names = await OnlineAgentsAsync(db, ct);
        if (names.Count == 0)
        {
            noRoom.UnionWith(waiting.Select(c => c.Channel));
            return chosen;
        }
        // The agents' rows (their versions) before their loads: an assignment committed after this read
        // fails our save's version check, and one committed before it is in the loads read next. Read the
        // other way round, a commit between the two reads slipped through and overfilled an agent.
        var states = await db.AgentStates.Where(s => names.Contains(s.UserName) && s.Status == AgentStatus.Online).ToListAsync(ct);
        var channels = waiting.Select(c => c.Channel).Where(ch => opts.CapacityFor(ch) > 0).Distinct().ToList();
        var loads = await db.Conversations.AsNoTracking().WhereOpen()
            .Where(c => channels.Contains(c.Channel) && c.AssigneeUserName != null && names.Contains(c.AssigneeUserName))
            .GroupBy(c => new { c.AssigneeUserName, c.Channel })
            .Select(g => new { g.Key.AssigneeUserName, g.Key.Channel, Count = g.Count() })
            .ToDictionaryAsync(g => (g.AssigneeUserName!, g.Channel), g => g.Count, ct);
        foreach (var c in waiting)
        {
            var capacity = opts.CapacityFor(c.Channel);
            if (capacity <= 0)
            {
                noRoom.Add(c.Channel);
                continue;
            }
            var agent = states
                .Select(s => (State: s, Load: loads.GetValueOrDefault((s.UserName, c.Channel))))
                .Where(a => a.Load < capacity)
                .OrderBy(a => a.Load)
                .ThenBy(a => a.State.LastAssignedAt ?? DateTimeOffset.MinValue)
                .ThenBy(a => a.State.UserName, StringComparer.Ordinal)
                .Select(a => a.State)
                .FirstOrDefault();
            if (agent is null)
            {
                noRoom.Add(c.Channel);
                continue;
            }
            loads[(agent.UserName, c.Channel)] = loads.GetValueOrDefault((agent.UserName, c.Channel)) + 1;
            if (!chosen.ContainsValue(agent.UserName))
            {
                // Once per write: the save's WHERE "Version" = @original fails if anyone else chose them meanwhile.
                agent.Version++;
            }
            // The same instant for the whole batch: equal loads go round the agents by name after it.
            agent.LastAssignedAt = now;
            chosen[c.Id] = agent.UserName;
        }
        return chosen;
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
