using System.Linq.Expressions;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>SPEC §6: a customer waited <c>Escalation:NoResponseAfter</c> for an agent → 李姐.</summary>
public sealed class NoResponseRule : ConversationRule
{
    public override RuleKind Kind => RuleKind.NoResponse;
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.NoResponseEscalationDueAt;
    protected override Expression<Func<Conversation, bool>> Applies => IsOpen;

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            if (!c.IsOpen || c.NoResponseEscalationDueAt is not { } due || due > x.Now)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            c.NoResponseEscalationDueAt = null;
            x.RuleKey = $"no-response:{id}:{due.UtcTicks}";
            return Task.FromResult(x.Escalate(EscalationReason.NoResponse));
        }, ct: ct);
}
