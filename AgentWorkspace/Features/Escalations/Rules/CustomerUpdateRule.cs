using System.Linq.Expressions;
using AgentWorkspace.Features.Conversations;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>
/// Seed 000 步骤4: while a conversation has an open escalation the customer hears from us every
/// <c>Escalation:CustomerUpdateEvery</c>. At the end of each window the owner is reminded for the next,
/// and a window without any message to the customer is marked <c>customer-update-missed</c>.
/// </summary>
public sealed class CustomerUpdateRule(IOptions<EscalationOptions> options) : ConversationRule
{
    public override RuleKind Kind => RuleKind.CustomerUpdateReminder;
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.NextCustomerUpdateDueAt;
    protected override Expression<Func<Conversation, bool>> Applies => IsOpen;

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            if (!c.IsOpen || c.NextCustomerUpdateDueAt is not { } due || due > x.Now)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            var every = options.Value.CustomerUpdateEvery;
            var owner = c.AssigneeUserName ?? c.EscalatedTo ?? options.Value.Supervisor;
            x.RuleKey = $"update-reminder:{id}:{due.UtcTicks}";
            if (c.LastAgentMessageAt is not { } last || last < due - every)
            {
                x.Step("customer-update-missed", owner, actor: "system");
            }
            c.NextCustomerUpdateDueAt = x.Now + every;
            x.Notify(owner, "customer-update", $"请向客户同步处理进度：{c.Customer.DisplayName} — {c.Preview}");
            return Task.FromResult(ActionOutcome.Done("customer-update-reminder", owner));
        }, ct: ct);
}
