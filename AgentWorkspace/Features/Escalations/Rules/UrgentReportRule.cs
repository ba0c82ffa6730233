using System.Linq.Expressions;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>
/// SPEC §4: 李姐 hears at once whenever a conversation becomes urgent (on arrival, by a later message,
/// by an agent's change), once per time. The writer fires it right after its save; the due column lets
/// the reconciler and the sweep report it when the process died in between.
/// </summary>
public sealed class UrgentReportRule : ConversationRule
{
    public override RuleKind Kind => RuleKind.UrgentReport;
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.UrgentReportDueAt;
    protected override Expression<Func<Conversation, bool>> Applies => IsOpen;

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            if (c.UrgentReportDueAt is null)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            c.UrgentReportDueAt = null;
            if (!c.IsOpen || c.Priority != Priority.Urgent)
            {
                // Settled before the report went out (resolved, or no longer urgent): nothing to tell.
                return Task.FromResult(ActionOutcome.Done("urgent-report-dropped"));
            }
            x.RuleKey = $"urgent:{id}:{c.UrgentCount}";
            return Task.FromResult(x.Escalate(EscalationReason.Urgent));
        }, ct: ct);
}
