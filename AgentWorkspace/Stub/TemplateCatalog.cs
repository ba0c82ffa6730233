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
        var latest = await db.TemplateVersions.AsNoTracking()
            .Where(v => ids.Contains(v.TemplateId) && v.Number == v.Template.CurrentVersionNumber)
            .ToDictionaryAsync(v => v.TemplateId, ct);
        var values = TemplateContextBuilder.Build(
            conversation.Customer.Name,
            CustomerGender.Unknown,
            agentName,
            conversation.Messages.Where(m => m.AuthorKind == AuthorKind.Customer).Select(m => m.Text));
        return [.. ranked.Where(t => latest.ContainsKey(t.Id)).Select(t =>
        {
            var version = latest[t.Id];
            return new TemplateSuggestion(t.Id, version.Id, version.Number, t.Name, t.Scenario, TemplateRenderer.Render(version.Parts, values, conversation.Classification.Agitated));
        })];
    }

    public async Task<IReadOnlyList<string>> ForbiddenPhrasesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ForbiddenPhrases.AsNoTracking().Select(p => p.Phrase).ToListAsync(ct);
    }
}
