using AgentWorkspace.Features.Conversations;
using Hangfire;

namespace AgentWorkspace.Features.Escalations;

/// <summary>
/// Turns stored due times into Hangfire jobs. Jobs carry only ids and re-read the database, so a
/// job scheduled twice (by an action and by the reconciler) has the effect of one.
/// </summary>
public sealed class HangfireRuleScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<WorkspaceOptions> options) : IRuleScheduler
{
    public void Schedule(Conversation c)
    {
        if (c.ClassifiedAt is null)
        {
            ScheduleAt(RuleKind.ClassificationAutoAccept, c.Id, c.CreatedAt + options.Value.Classification.ConfirmWithin);
        }
        ScheduleAt(RuleKind.NoResponse, c.Id, c.NoResponseEscalationDueAt);
        ScheduleAt(RuleKind.SatisfactionCheck, c.Id, c.SatisfactionCheckSentAt is null ? c.SatisfactionCheckDueAt : null);
        ScheduleAt(RuleKind.CustomerUpdateReminder, c.Id, c.NextCustomerUpdateDueAt);
    }

    public void ScheduleTicket(CollaborationTicket t)
    {
        if (t.FeedbackAt is null && t.EscalatedAt is null)
        {
            ScheduleAt(RuleKind.CollaborationNoFeedback, t.Id, t.FeedbackDueAt);
        }
    }

    public async Task ReportUrgentAsync(int conversationId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalationService>().ReportUrgentAsync(conversationId, ct);
    }

    private void ScheduleAt(RuleKind kind, int id, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
        {
            jobs.Schedule<RuleJob>(j => j.RunAsync(kind, id, CancellationToken.None), due);
        }
    }
}

/// <summary>
/// The one Hangfire job class. Retries are on purpose: a locked database or a lost race is
/// transient, and the body is idempotent, so retrying can never fire a rule twice.
/// </summary>
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 2, 5, 10, 30])]
public sealed class RuleJob(EscalationService escalations)
{
    public Task RunAsync(RuleKind kind, int id, CancellationToken ct) => escalations.FireIfDueAsync(kind, id, ct);
}

/// <summary>
/// Job storage is in memory (Hangfire.Storage.SQLite is not obtainable here), so the database is
/// the truth: at start-up every pending rule is scheduled again (past ones run at once), and a
/// sweep every minute fires anything a lost job missed.
/// </summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class RuleSweepJob(EscalationService escalations)
{
    public const string RecurringId = "rule-sweep";

    public Task RunAsync(CancellationToken ct) => escalations.SweepAsync(ct);
}
