using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations.Rules;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Escalations;

/// <summary>
/// Runs the timed rules: one firing by kind (the Hangfire job), every due one (the minutely sweep),
/// and at start-up the overdue ones then a timer for each pending one (the reconciler). It knows no
/// rule by name; each rule re-reads its row and fires through <see cref="ConversationService"/>.
/// </summary>
public sealed class RuleRunner(
    IEnumerable<ITimedRule> rules,
    ConversationService conversations,
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    TimeProvider time,
    IRuleScheduler scheduler,
    ILogger<RuleRunner> logger)
{
    private readonly Dictionary<RuleKind, ITimedRule> _byKind = rules.ToDictionary(r => r.Kind);

    /// <summary>
    /// Hangfire keeps schedule times in whole seconds (truncating), so a job is taken up to a second
    /// before its due time; it waits out the rest rather than find its rule not yet due and do nothing.
    /// </summary>
    private static readonly TimeSpan EarlyWakeTolerance = TimeSpan.FromSeconds(2);

    public IReadOnlyCollection<ITimedRule> Rules => _byKind.Values;

    public async Task FireIfDueAsync(RuleKind kind, int id, CancellationToken ct = default)
    {
        if (!_byKind.TryGetValue(kind, out var rule))
        {
            logger.LogWarning("No rule is registered for {Rule}; job for {Id} ignored", kind, id);
            return;
        }
        DateTimeOffset? due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await rule.DueAtAsync(db, id, ct);
        }
        if (due is { } at)
        {
            // Timers and the wall clock can disagree by a millisecond: wait until the clock itself has passed.
            for (var early = at - time.GetUtcNow(); early > TimeSpan.Zero && early <= EarlyWakeTolerance; early = at - time.GetUtcNow())
            {
                await Task.Delay(early + TimeSpan.FromMilliseconds(5), time, ct);
            }
        }
        await rule.FireAsync(conversations, id, ct);
    }

    /// <summary>Fires every rule whose time has passed: at start-up (downtime) and every minute (lost jobs).</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        List<(ITimedRule Rule, RuleDue Due)> due = [];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var rule in Rules)
            {
                due.AddRange((await rule.PendingAsync(db, now, ct)).Select(d => (rule, d)));
            }
        }
        foreach (var (rule, d) in due)
        {
            try
            {
                await rule.FireAsync(conversations, d.Id, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sweep could not fire {Rule} for {Id}; the next sweep retries", rule.Kind, d.Id);
            }
        }
        return due.Count;
    }

    /// <summary>At start-up: fire what fell due while the server was down, schedule the rest.</summary>
    public async Task ReconcileAsync(CancellationToken ct = default)
    {
        var fired = await SweepAsync(ct);
        var scheduled = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var rule in Rules)
        {
            foreach (var d in await rule.PendingAsync(db, null, ct))
            {
                scheduler.Schedule(rule.Kind, d.Id, d.DueAt);
                scheduled++;
            }
        }
        logger.LogInformation("Rule reconciler fired {Fired} overdue rules and scheduled {Pending} pending ones", fired, scheduled);
    }
}
