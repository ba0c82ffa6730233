using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Templates;

public sealed record TemplateSuggestion(int TemplateId, int VersionId, int VersionNumber, string Name, TemplateScenario Scenario, RenderedTemplate Rendered);

/// <summary>What agents get: the latest version of each active template, ranked for the conversation and filled in.</summary>
public sealed class TemplateCatalog(IDbContextFactory<WorkspaceDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TemplateSuggestion>> SuggestAsync(ConversationDetails conversation, string? agentName, int take = 6, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Templates.AsNoTracking().Where(t => !t.IsRetired).ToListAsync(ct);
        var ranked = TemplateMatcher.Rank(active, conversation.Category, conversation.Priority, conversation.Channel, conversation.Topic).Take(take).ToList();
        var ids = ranked.Select(t => t.Id).ToList();
        var latest = await TemplateLibrary.LatestVersionsAsync(db, ids, ct);
        var values = TemplateContextBuilder.Build(
            conversation.Customer.Name,
            TemplateContextBuilder.GenderOf(conversation.Customer.Salutation),
            agentName,
            conversation.Messages.Where(m => m.AuthorKind == AuthorKind.Customer).Select(m => m.Text),
            issue: IssueOf(conversation.Topic));
        return [.. ranked.Where(t => latest.ContainsKey(t.Id)).Select(t =>
        {
            var version = latest[t.Id];
            return new TemplateSuggestion(t.Id, version.Id, version.Number, t.Name, t.Scenario, TemplateRenderer.Render(version.Parts, values, conversation.Classification.Agitated));
        })];
    }

    /// <summary>
    /// The reply box's template search ("t"): every active template whose name or filled-in text holds
    /// the query (folded, so either script finds it), best fit for the conversation first.
    /// </summary>
    public async Task<IReadOnlyList<TemplateSuggestion>> SearchAsync(ConversationDetails conversation, string? agentName, string? query, int take = 8, CancellationToken ct = default)
    {
        var all = await SuggestAsync(conversation, agentName, int.MaxValue, ct);
        var folded = Classification.ScriptFolding.Fold(query?.Trim() ?? "");
        return [.. all.Where(s => folded.Length == 0
                || Classification.ScriptFolding.Fold(s.Name).Contains(folded, StringComparison.Ordinal)
                || Classification.ScriptFolding.Fold(s.Rendered.Text).Contains(folded, StringComparison.Ordinal))
            .Take(take)];
    }

    /// <summary>A short 问题描述 from the topic; the agent refines it when the template calls for detail.</summary>
    public static string? IssueOf(string? topic) => topic switch
    {
        "logistics" => "物流配送",
        "refund" => "退款",
        "membership" => "会员积分",
        "payment" => "支付",
        "coupon" => "优惠券使用",
        "login" => "无法登录",
        "malfunction" => "功能故障",
        _ => null,
    };
}
