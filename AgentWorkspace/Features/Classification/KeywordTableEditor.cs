using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Classification;

public sealed record KeywordRowError(int Row, string Key);

/// <summary>
/// The team lead's keyword table: all rows valid or nothing saved; a save
/// applies to new messages at once (the live classifier is swapped), and is audited.
/// </summary>
public sealed class KeywordTableEditor(IDbContextFactory<WorkspaceDbContext> dbFactory, KeywordTableLoader loader, TimeProvider time)
{
    public const int MaxKeywordLength = 30;

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

    /// <summary>The "try it" box: classify with the table as edited, before saving.</summary>
    public static ClassificationResult Try(IEnumerable<KeywordEntry> rows, string text) =>
        Classifier.Build(rows).Classify(text ?? "");

    public async Task<List<KeywordRowError>> SaveAsync(IReadOnlyList<KeywordEntry> rows, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        Security.WorkspaceCaller.Require(Accounts.Roles.TeamLead);
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
            }));
            db.Audit.Add(new AuditEntry { Actor = actor, At = time.GetUtcNow(), Action = "keywords-saved", Subject = "keyword table", Detail = $"{before} → {rows.Count} rows" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await loader.ReloadAsync(ct);
        return errors;
    }
}
