using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Templates;

/// <summary>The library list's filters; the page binds to it directly.</summary>
public sealed class TemplateFilter
{
    public string? Search { get; set; }
    public Category? Category { get; set; }
    public Priority? Priority { get; set; }
    public Channel? Channel { get; set; }
    public TemplateScenario? Scenario { get; set; }

    /// <summary>False: active only (the default); true: retired only; null: both.</summary>
    public bool? Retired { get; set; } = false;
}

/// <summary>Seed 002 effect tracking: how often a template is used and how its conversations end.</summary>
public sealed record TemplateEffectiveness(int TimesUsed, int Resolved, double? FirstContactResolution, int Answered, double? SatisfiedShare, TimeSpan? MedianTimeToResolve)
{
    public static readonly TemplateEffectiveness None = new(0, 0, null, 0, null, null);
}

public sealed record TemplateListRow(int Id, string Name, TemplateScenario Scenario, Category? Category, Priority? Priority, Channel? Channel, string? Topic,
    bool IsRetired, int Version, DateTimeOffset UpdatedAt, TemplateParts Parts, TemplateEffectiveness Effectiveness);

/// <summary>What the team lead's editor edits.</summary>
public sealed class TemplateForm
{
    public string Name { get; set; } = "";
    public TemplateScenario Scenario { get; set; } = TemplateScenario.General;
    public Category? Category { get; set; }
    public Priority? Priority { get; set; }
    public Channel? Channel { get; set; }
    public string? Topic { get; set; }
    public string Empathy { get; set; } = "";
    public string Confirmation { get; set; } = "";
    public string Solution { get; set; } = "";
    public string FollowUp { get; set; } = "";

    public TemplateParts Parts => new(Empathy, Confirmation, Solution, FollowUp);

    public static TemplateForm From(TemplateDraft d) => new()
    {
        Name = d.Name,
        Scenario = d.Scenario,
        Category = d.Category,
        Priority = d.Priority,
        Channel = d.Channel,
        Topic = d.Topic,
        Empathy = d.Parts.Empathy,
        Confirmation = d.Parts.Confirmation,
        Solution = d.Parts.Solution,
        FollowUp = d.Parts.FollowUp,
    };

    public static TemplateForm From(ResponseTemplate t, TemplateVersion v) => new()
    {
        Name = t.Name,
        Scenario = t.Scenario,
        Category = t.Category,
        Priority = t.Priority,
        Channel = t.Channel,
        Topic = t.Topic,
        Empathy = v.Empathy,
        Confirmation = v.Confirmation,
        Solution = v.Solution,
        FollowUp = v.FollowUp,
    };
}

public sealed record TemplateSaveResult(int? TemplateId, int? VersionNumber, IReadOnlyList<TemplateValidationError> Errors, string? NameError)
{
    public bool Saved => TemplateId is not null;
}

/// <summary>
/// The template library: every save is a new version (agents always get the newest of an active
/// template), retire instead of delete, restore an old wording as a new version, every change audited.
/// </summary>
public sealed class TemplateLibrary(IDbContextFactory<WorkspaceDbContext> dbFactory, TimeProvider time)
{
    public const int MaxNameLength = 60;

    public async Task<List<TemplateListRow>> ListAsync(TemplateFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Templates.AsNoTracking().AsQueryable();
        if (filter.Retired is { } retired)
        {
            query = query.Where(t => t.IsRetired == retired);
        }
        if (filter.Category is { } c)
        {
            query = query.Where(t => t.Category == c);
        }
        if (filter.Priority is { } p)
        {
            query = query.Where(t => t.Priority == p);
        }
        if (filter.Channel is { } ch)
        {
            query = query.Where(t => t.Channel == ch);
        }
        if (filter.Scenario is { } s)
        {
            query = query.Where(t => t.Scenario == s);
        }
        var templates = await query.ToListAsync(ct);
        var ids = templates.Select(t => t.Id).ToList();
        var versions = await LatestVersionsAsync(db, ids, ct);
        var effectiveness = await EffectivenessAsync(db, ids, ct);
        var rows = templates
            .Where(t => versions.ContainsKey(t.Id))
            .Select(t => new TemplateListRow(t.Id, t.Name, t.Scenario, t.Category, t.Priority, t.Channel, t.Topic, t.IsRetired, t.CurrentVersionNumber, t.UpdatedAt,
                versions[t.Id].Parts, effectiveness.GetValueOrDefault(t.Id, TemplateEffectiveness.None)));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = ScriptFolding.Fold(filter.Search.Trim());
            rows = rows.Where(r => ScriptFolding.Fold(r.Name + r.Parts.Empathy + r.Parts.Confirmation + r.Parts.Solution + r.Parts.FollowUp).Contains(term, StringComparison.Ordinal));
        }
        return [.. rows.OrderBy(r => r.Category).ThenBy(r => r.Priority).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>The current version of each template, by template id.</summary>
    internal static Task<Dictionary<int, TemplateVersion>> LatestVersionsAsync(WorkspaceDbContext db, List<int> templateIds, CancellationToken ct) =>
        db.TemplateVersions.AsNoTracking()
            .Where(v => templateIds.Contains(v.TemplateId) && v.Number == v.Template.CurrentVersionNumber)
            .ToDictionaryAsync(v => v.TemplateId, ct);

    /// <summary>Per template: times used, first-contact resolution, 满意 share and median time to resolve.</summary>
    private static async Task<Dictionary<int, TemplateEffectiveness>> EffectivenessAsync(WorkspaceDbContext db, List<int> templateIds, CancellationToken ct)
    {
        var used = await db.TemplateUsages.AsNoTracking()
            .Where(u => templateIds.Contains(u.TemplateId))
            .Join(db.Conversations, u => u.ConversationId, c => c.Id, (u, c) => new { u.TemplateId, c.Id, c.CreatedAt, c.ResolvedAt, c.ResolveCount, c.Satisfaction })
            .ToListAsync(ct);
        return used.GroupBy(u => u.TemplateId).ToDictionary(g => g.Key, g =>
        {
            var conversations = g.DistinctBy(u => u.Id).ToList();
            var resolved = conversations.Where(c => c.ResolvedAt is not null).ToList();
            var answered = conversations.Count(c => c.Satisfaction is not null);
            return new TemplateEffectiveness(
                conversations.Count,
                resolved.Count,
                resolved.Count == 0 ? null : resolved.Count(c => c.ResolveCount == 1 && c.Satisfaction != SatisfactionAnswer.Unresolved) / (double)resolved.Count,
                answered,
                SatisfactionFigures.SatisfiedShare(conversations.Select(c => c.Satisfaction)),
                SatisfactionFigures.Median(resolved.Select(c => c.ResolvedAt!.Value - c.CreatedAt)));
        });
    }

    public async Task<(ResponseTemplate Template, List<TemplateVersion> Versions)?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return null;
        }
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return (template, versions);
    }

    /// <summary>The brand-voice list the editor's validator and the agents' reply box both check.</summary>
    public async Task<IReadOnlyList<string>> ForbiddenPhrasesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ForbiddenPhrases.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Phrase).ToListAsync(ct);
    }

    public async Task<string?> SaveForbiddenPhrasesAsync(IEnumerable<string> phrases, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        var cleaned = phrases.Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).Distinct().ToList();
        if (cleaned.Any(p => p.Length > 50))
        {
            return "phrase-too-long";
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ForbiddenPhrases.RemoveRange(await db.ForbiddenPhrases.ToListAsync(ct));
        db.ForbiddenPhrases.AddRange(cleaned.Select(p => new ForbiddenPhrase { Phrase = p }));
        db.Audit.Add(new AuditEntry { Actor = actor, At = time.GetUtcNow(), Action = "phrases-saved", Subject = "forbidden phrases", Detail = string.Join("、", cleaned) });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "template-name-required"
        : name.Trim().Length > MaxNameLength ? "template-name-too-long"
        : null;

    /// <summary>Creates a template (id null) or adds a version. Nothing is written while anything is invalid.</summary>
    public async Task<TemplateSaveResult> SaveAsync(int? id, TemplateForm form, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        var errors = TemplateValidator.Validate(form.Parts, form.Scenario, await ForbiddenPhrasesAsync(ct));
        var nameError = ValidateName(form.Name);
        if (errors.Count > 0 || nameError is not null)
        {
            return new TemplateSaveResult(null, null, errors, nameError);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        ResponseTemplate template;
        if (id is { } existing)
        {
            template = await db.Templates.SingleOrDefaultAsync(t => t.Id == existing, ct) ?? throw new KeyNotFoundException($"Template {existing} does not exist.");
        }
        else
        {
            template = new ResponseTemplate { CreatedAt = now };
            db.Templates.Add(template);
        }
        AddVersion(template, form, actor, now);
        db.Audit.Add(new AuditEntry { Actor = actor, At = now, Action = id is null ? "template-created" : "template-saved", Subject = template.Name, Detail = $"v{template.CurrentVersionNumber}" });
        await db.SaveChangesAsync(ct);
        return new TemplateSaveResult(template.Id, template.CurrentVersionNumber, [], null);
    }

    /// <summary>The form's applicability onto the template and its wording as the next version (saves and the seed library).</summary>
    internal static void AddVersion(ResponseTemplate template, TemplateForm form, string actor, DateTimeOffset now)
    {
        template.Name = form.Name.Trim();
        template.Scenario = form.Scenario;
        template.Category = form.Category;
        template.Priority = form.Priority;
        template.Channel = form.Channel;
        template.Topic = string.IsNullOrWhiteSpace(form.Topic) ? null : form.Topic.Trim();
        template.CurrentVersionNumber++;
        template.UpdatedAt = now;
        template.Versions.Add(new TemplateVersion
        {
            Number = template.CurrentVersionNumber,
            Empathy = form.Empathy.Trim(),
            Confirmation = form.Confirmation.Trim(),
            Solution = form.Solution.Trim(),
            FollowUp = (form.FollowUp ?? "").Trim(),
            CreatedAt = now,
            CreatedBy = actor,
        });
    }

    /// <summary>An old wording comes back as the newest version; history is never rewritten.</summary>
    public async Task<TemplateSaveResult> RestoreAsync(int id, int versionNumber, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        var found = await GetAsync(id, ct) ?? throw new KeyNotFoundException($"Template {id} does not exist.");
        var version = found.Versions.SingleOrDefault(v => v.Number == versionNumber) ?? throw new KeyNotFoundException($"Version {versionNumber} does not exist.");
        return await SaveAsync(id, TemplateForm.From(found.Template, version), actor, ct);
    }

    public async Task SetRetiredAsync(int id, bool retired, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.SingleAsync(t => t.Id == id, ct);
        if (template.IsRetired == retired)
        {
            return;
        }
        template.IsRetired = retired;
        template.UpdatedAt = time.GetUtcNow();
        db.Audit.Add(new AuditEntry { Actor = actor, At = template.UpdatedAt, Action = retired ? "template-retired" : "template-reactivated", Subject = template.Name });
        await db.SaveChangesAsync(ct);
    }
}
