using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations.Rules;
using Hangfire;

namespace AgentWorkspace.Features.Escalations;

/// <summary>
/// Turns stored due times into Hangfire jobs. Jobs carry only the kind and an id and re-read the
/// database, so a job scheduled twice (by an action and by the reconciler) has the effect of one.
/// </summary>
public sealed class HangfireRuleScheduler(IBackgroundJobClient jobs, IEnumerable<ITimedRule> rules) : IRuleScheduler
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

    public void Schedule(RuleKind kind, int id, DateTimeOffset dueAt) =>
        jobs.Schedule<RuleJob>(j => j.RunAsync(kind, id, CancellationToken.None), dueAt);

    public Task FireNowAsync(RuleKind kind, int id, ConversationService writer, CancellationToken ct) =>
        _rules.Single(r => r.Kind == kind).FireAsync(writer, id, ct);
}

/// <summary>
/// The one Hangfire job class; it dispatches by kind. Retries are on purpose: a locked database or a
/// lost race is transient, and the body is idempotent, so retrying can never fire a rule twice.
/// </summary>
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 2, 5, 10, 30])]
public sealed class RuleJob(RuleRunner runner)
{
    public Task RunAsync(RuleKind kind, int id, CancellationToken ct) => runner.FireIfDueAsync(kind, id, ct);
}

/// <summary>
/// Job storage is in memory (Hangfire.Storage.SQLite is not obtainable here), so the database is
/// the truth: at start-up every pending rule is scheduled again (past ones run at once), and a
/// sweep every minute fires anything a lost job missed.
/// </summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class RuleSweepJob(RuleRunner runner)
{
    public const string RecurringId = "rule-sweep";

    public Task RunAsync(CancellationToken ct) => runner.SweepAsync(ct);
}
