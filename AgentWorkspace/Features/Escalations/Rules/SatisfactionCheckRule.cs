using System.Linq.Expressions;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>SPEC §7: <c>SatisfactionCheck:Delay</c> after a resolution the customer is asked, once per resolution.</summary>
public sealed class SatisfactionCheckRule : ConversationRule
{
    public const string Question = "您的问题已解决，请问对本次服务是否满意?";

    /// <summary>Seed 001 NPS: an optional 0–10 question after 满意/不满意; the answer comes back as <c>nps</c>.</summary>
    public const string NpsQuestion = "（可选）您有多大可能向朋友推荐我们？请打 0–10 分。";

    public override RuleKind Kind => RuleKind.SatisfactionCheck;
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.SatisfactionCheckDueAt;
    protected override Expression<Func<Conversation, bool>> Applies => c => c.Status == ConversationStatus.Resolved && c.SatisfactionCheckSentAt == null;

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            if (c.Status != ConversationStatus.Resolved || c.SatisfactionCheckSentAt is not null || c.SatisfactionCheckDueAt is not { } due || due > x.Now)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            c.SatisfactionCheckSentAt = x.Now;
            // Other channels receive it through their outbound path: connectors listen to MessageAppended on the hub.
            x.Say(AuthorKind.System, "system", Question + "\n" + NpsQuestion);
            x.RuleKey = $"satisfaction:{id}:{c.ResolveCount}";
            return Task.FromResult(ActionOutcome.Done("satisfaction-check-sent", c.Channel.ToString()));
        }, ct: ct);
}
