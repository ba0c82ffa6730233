using System.Linq.Expressions;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>SPEC §7: 王姐's solution must reach the customer within <c>SecondHandling:Due</c>, else 李姐 hears of it.</summary>
public sealed class SecondHandlingRule : ConversationRule
{
    public override RuleKind Kind => RuleKind.SecondHandlingOverdue;
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.SecondHandlingDueAt;
    protected override Expression<Func<Conversation, bool>> Applies => c => c.Status == ConversationStatus.SecondHandling && c.SecondHandlingRepliedAt == null;

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            if (c.Status != ConversationStatus.SecondHandling || c.SecondHandlingRepliedAt is not null || c.SecondHandlingDueAt is not { } due || due > x.Now)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            x.RuleKey = $"second-handling-overdue:{id}:{c.ResolveCount}";
            x.Step("second-handling-overdue", c.SecondHandlingOwner, actor: "system");
            return Task.FromResult(x.Escalate(EscalationReason.SecondHandlingOverdue, note: c.SecondHandlingOwner));
        }, ct: ct);
}
