using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Classification;

public sealed record KeywordRowError(int Row, string Key);

/// <summary>
/// The team lead's keyword table: all rows valid or nothing saved; a save
/// applies to new messages at once (the live classifier is swapped), and is audited.
/// </summary>
public sealed class KeywordTableEditor(IDbContextFactory<WorkspaceDbContext> dbFactory, KeywordTableLoader loader, NodeCaches caches, TimeProvider time)
{
    public const int MaxKeywordLength = 30;
    public const int MaxRuleLength = 300;

    public async Task<List<KeywordEntry>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Keywords.AsNoTracking().OrderBy(k => k.Kind).ThenBy(k => k.Id).ToListAsync(ct);
    }

    public static List<KeywordRowError> Validate(IReadOnlyList<KeywordEntry> rows)
    {
        var errors = new List<KeywordRowError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (string.IsNullOrWhiteSpace(r.Keyword))
            {
                errors.Add(new(i, "keyword-required"));
            }
            else if (r.Kind == KeywordKind.Combination)
            {
                ValidateRule(r, i, errors);
            }
            else if (r.Keyword.Trim().Length > MaxKeywordLength)
            {
                errors.Add(new(i, "keyword-too-long"));
            }
            if (r.Kind == KeywordKind.Topic && string.IsNullOrWhiteSpace(r.Topic))
            {
                errors.Add(new(i, "keyword-topic-required"));
            }
            if (r.Kind == KeywordKind.Priority && r.Priority is null)
            {
                errors.Add(new(i, "keyword-priority-required"));
            }
            if (r.Kind is KeywordKind.Category or KeywordKind.Suggestion && r.Category is null)
            {
                errors.Add(new(i, "keyword-category-required"));
            }
            if (r.Kind == KeywordKind.Ambiguity && string.IsNullOrWhiteSpace(r.ClarifyingQuestions))
            {
                errors.Add(new(i, "keyword-questions-required"));
            }
            if (r.Weight is < 1 or > 10)
            {
                errors.Add(new(i, "keyword-weight-range"));
            }
        }
        return errors;
    }

    /// <summary>A combination rule: 1–6 term sets of terms no longer than a keyword, a window, and an effect.</summary>
    private static void ValidateRule(KeywordEntry r, int i, List<KeywordRowError> errors)
    {
        var sets = Classifier.ParseSets(r.Keyword);
        var terms = sets.SelectMany(s => s).Concat(Classifier.Terms(r.Negations)).ToList();
        if (r.Keyword.Trim().Length > MaxRuleLength || (r.Negations?.Length ?? 0) > MaxRuleLength)
        {
            errors.Add(new(i, "keyword-rule-too-long"));
        }
        else if (sets.Count == 0 || sets.Count > Classifier.MaxSets || terms.Any(t => t.Length > MaxKeywordLength))
        {
            errors.Add(new(i, "keyword-rule-sets"));
        }
        if (r.Window is < 1 or > Classifier.MaxWindow)
        {
            errors.Add(new(i, "keyword-window-range"));
        }
        else if (r.Window is { } w && sets.Count > 0 && sets.Sum(s => s.Min(t => t.Length)) > w)
        {
            errors.Add(new(i, "keyword-window-too-small"));
        }
        if (r.Category is null && r.Priority is null && string.IsNullOrWhiteSpace(r.Topic))
        {
            errors.Add(new(i, "keyword-rule-effect"));
        }
    }

    /// <summary>A hash of every row's fields, so the editor rebuilds its try-it classifier only after an edit.</summary>
    public static int Signature(IEnumerable<KeywordEntry> rows)
    {
        var hash = new HashCode();
        foreach (var r in rows)
        {
            hash.Add(r.Keyword);
            hash.Add(r.Kind);
            hash.Add(r.Category);
            hash.Add(r.Topic);
            hash.Add(r.Priority);
            hash.Add(r.ClarifyingQuestions);
            hash.Add(r.Weight);
            hash.Add(r.Window);
            hash.Add(r.Negations);
        }
        return hash.ToHashCode();
    }

    /// <summary>The "try it" box: classify with the table as edited, before saving.</summary>
    public static ClassificationResult Try(IEnumerable<KeywordEntry> rows, string text, bool vip = false) =>
        Classifier.Build(rows).Classify(text ?? "", Channel.Chat, vip);

    public async Task<List<KeywordRowError>> SaveAsync(IReadOnlyList<KeywordEntry> rows, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        var errors = Validate(rows);
        if (errors.Count > 0)
        {
            return errors;
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var before = await db.Keywords.CountAsync(ct);
            db.Keywords.RemoveRange(await db.Keywords.ToListAsync(ct));
            db.Keywords.AddRange(rows.Select(r => new KeywordEntry
            {
                Keyword = r.Keyword.Trim(),
                Kind = r.Kind,
                Category = r.Category,
                Topic = string.IsNullOrWhiteSpace(r.Topic) ? null : r.Topic.Trim(),
                Priority = r.Priority,
                ClarifyingQuestions = string.IsNullOrWhiteSpace(r.ClarifyingQuestions) ? null : r.ClarifyingQuestions.Trim(),
                Weight = r.Weight,
                Window = r.Kind == KeywordKind.Combination ? r.Window ?? Classifier.DefaultWindow : null,
                Negations = r.Kind == KeywordKind.Combination && !string.IsNullOrWhiteSpace(r.Negations) ? r.Negations.Trim() : null,
            }));
            db.Audit.Add(new AuditEntry { Actor = actor, At = time.GetUtcNow(), Action = "keywords-saved", Subject = "keyword table", Detail = $"{before} → {rows.Count} rows" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // Every node classifies the next message with the new table, not only this one.
        await caches.ChangedAsync(loader, ct);
        return errors;
    }
}
