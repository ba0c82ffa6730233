using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations.Rules;
using Hangfire;

namespace AgentWorkspace.Features.Escalations;

/// <summary>
/// Turns stored due times into Hangfire jobs. Jobs carry only the kind and an id and re-read the
/// database, so a job scheduled twice (by an action and by the reconciler) has the effect of one.
/// <para>
/// Every change to a conversation asks for its timers again, and most of them have not moved (a
/// customer's third line keeps the no-response and auto-accept times of the first), so a timer already
/// handed to Hangfire at the same instant is not handed over again. The hand-over itself runs on
/// <see cref="RuleTimerWriter"/>: Hangfire's client is synchronous, and on PostgreSQL each job is several
/// blocking round trips; made inline, every ingest held a thread-pool thread and an open database
/// transaction through them, and 50 messages a second starved the pool and exhausted the connections.
/// A timer lost on the way (a crash before the hand-over) is caught by the sweep, as any lost job is.
/// </para>
/// </summary>
public sealed class HangfireRuleScheduler(RuleTimerWriter writer, IEnumerable<ITimedRule> rules) : IRuleScheduler
{
    private readonly ITimedRule[] _rules = [.. rules];
    private readonly IConversationRule[] _conversationRules = [.. rules.OfType<IConversationRule>()];

    public void Schedule(Conversation c)
    {
        foreach (var rule in _conversationRules)
        {
            if (rule.DueAt(c) is { } due)
            {
                Schedule(rule.Kind, c.Id, due);
            }
        }
    }

    public void Schedule(RuleKind kind, int id, DateTimeOffset dueAt) => writer.Hand(kind, id, dueAt);

    public Task FireNowAsync(RuleKind kind, int id, ConversationService writer, CancellationToken ct) =>
        _rules.Single(r => r.Kind == kind).FireAsync(writer, id, ct);
}

/// <summary>
/// Hands timers to Hangfire, one at a time and in order, off the caller's thread, remembering what each
/// (rule, id) was last handed so that an unchanged due time costs nothing. A job that runs forgets its
/// timer here, so asking again for the same instant after a firing (or an early wake that found nothing
/// due) schedules a new job.
/// </summary>
public sealed class RuleTimerWriter : IAsyncDisposable
{
    /// <summary>Past this many remembered timers the memory starts over; the worst it costs is a duplicate job, which is harmless.</summary>
    private const int Remembered = 50_000;

    private readonly Channel<RuleTimer> _pending = System.Threading.Channels.Channel.CreateUnbounded<RuleTimer>();
    private readonly ConcurrentDictionary<(RuleKind Kind, int Id), DateTimeOffset> _handed = new();
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<RuleTimerWriter> _logger;
    private readonly Task _drain;
    private int _queued;

    /// <summary>
    /// The drain is the writer's own, not a hosted service: hosts that run no background work (a test
    /// that is its own scheduler) still put their timers into storage, as the inline call used to.
    /// </summary>
    public RuleTimerWriter(IBackgroundJobClient jobs, ILogger<RuleTimerWriter> logger)
    {
        _jobs = jobs;
        _logger = logger;
        _drain = Task.Run(DrainAsync);
    }

    public void Hand(RuleKind kind, int id, DateTimeOffset dueAt)
    {
        if (_handed.TryGetValue((kind, id), out var handed) && handed == dueAt)
        {
            return;
        }
        if (_handed.Count >= Remembered)
        {
            _handed.Clear();
        }
        _handed[(kind, id)] = dueAt;
        Interlocked.Increment(ref _queued);
        _pending.Writer.TryWrite(new RuleTimer(kind, id, dueAt));
    }

    /// <summary>A job for this timer is already in storage (it outlived a restart): asking for the same instant adds none.</summary>
    public void Remember(RuleKind kind, int id, DateTimeOffset dueAt) => _handed[(kind, id)] = dueAt;

    /// <summary>The job for this timer is running: the next request for it, whatever its time, is a new job.</summary>
    public void Forget(RuleKind kind, int id) => _handed.TryRemove((kind, id), out _);

    /// <summary>Timers asked for but not yet in Hangfire.</summary>
    public int Queued => Volatile.Read(ref _queued);

    private async Task DrainAsync()
    {
        await foreach (var timer in _pending.Reader.ReadAllAsync())
        {
            try
            {
                _jobs.Schedule<RuleJob>(j => j.RunAsync(timer.Kind, timer.Id, CancellationToken.None), timer.DueAt);
            }
            catch (Exception ex)
            {
                // The due time is in the database: the sweep fires it; forgetting lets the next change try again.
                _handed.TryRemove(new KeyValuePair<(RuleKind, int), DateTimeOffset>((timer.Kind, timer.Id), timer.DueAt));
                _logger.LogWarning(ex, "Could not schedule {Rule} for {Id} at {Due}; the sweep will fire it", timer.Kind, timer.Id, timer.DueAt);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    /// <summary>At shutdown the timers not yet handed over are dropped: they are in the database, and the next start's reconciler schedules them.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        while (_pending.Reader.TryRead(out _))
        {
            Interlocked.Decrement(ref _queued);
        }
        await _drain;
    }

    private readonly record struct RuleTimer(RuleKind Kind, int Id, DateTimeOffset DueAt);
}

/// <summary>
/// The one Hangfire job class; it dispatches by kind. Retries are on purpose: a locked database or a
/// lost race is transient, and the body is idempotent, so retrying can never fire a rule twice.
/// </summary>
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 2, 5, 10, 30])]
public sealed class RuleJob(RuleRunner runner, RuleTimerWriter timers)
{
    public Task RunAsync(RuleKind kind, int id, CancellationToken ct)
    {
        timers.Forget(kind, id);
        return runner.FireIfDueAsync(kind, id, ct);
    }
}

/// <summary>
/// The database is the truth, whatever the job storage kept: at start-up every pending rule is
/// scheduled (past ones run at once) unless its job survived in storage, and a sweep every minute
/// fires anything a lost job missed.
/// </summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class RuleSweepJob(RuleRunner runner)
{
    public const string RecurringId = "rule-sweep";

    public Task RunAsync(CancellationToken ct) => runner.SweepAsync(ct);
}
