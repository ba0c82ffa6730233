using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// A row of the index's raw match query, mapped to no table (keyless, <c>ToView(null)</c>). Through
/// <c>FromSqlRaw</c> the match id stays a plain column in the composed SQL: a scalar
/// <c>SqlQueryRaw&lt;int&gt;</c> is wrapped in <c>CAST(… AS INTEGER)</c>, which keeps SQLite from
/// reading FTS5's matches in id order and joining them on the primary key.
/// </summary>
public sealed class SearchMatch
{
    public int ConversationId { get; set; }
}

/// <summary>One conversation's searchable text: its customer's id and name, then every message.</summary>
public readonly record struct SearchDocument(int ConversationId, string Text);

/// <summary>
/// The database's own full-text index behind one port: SQLite FTS5 or PostgreSQL tsvector/GIN, chosen
/// by <c>Workspace:Database:Provider</c>. One document per conversation (keyed by its id), so a
/// match is a conversation id at once and every word must be in the same conversation. Filters,
/// order and paging are LINQ and the same for both.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Ids of conversations that contain every word.</summary>
    IQueryable<int> ConversationsMatching(WorkspaceDbContext db, IReadOnlyList<SearchWord> words);

    /// <summary>Adds or replaces documents, inside the caller's transaction when there is one.</summary>
    Task WriteAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> conversations without a document (written before the index existed, or lost to a crash).</summary>
    Task<IReadOnlyList<int>> UnindexedAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default);
}

/// <summary>Builds documents from the rows, the same for both providers.</summary>
public static class SearchDocuments
{
    public static async Task<IReadOnlyList<SearchDocument>> LoadAsync(DbContext db, IReadOnlyCollection<int> conversationIds, CancellationToken ct = default)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }
        var ids = conversationIds.ToList();
        var heads = await db.Set<Conversations.Conversation>().AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Customer.ExternalId, c.Customer.Name })
            .ToListAsync(ct);
        var messages = (await db.Set<Conversations.Message>().AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId))
            .OrderBy(m => m.Id)
            .Select(m => new { m.ConversationId, m.Text })
            .ToListAsync(ct))
            .ToLookup(m => m.ConversationId, m => m.Text);
        return [.. heads.Select(h => new SearchDocument(h.Id, string.Join('\n', [h.ExternalId, h.Name ?? "", .. messages[h.Id]])))];
    }
}

/// <summary>The database providers search knows (<c>Workspace:Database:Provider</c>).</summary>
public static class DatabaseProviders
{
    public const string Key = "Workspace:Database:Provider";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    public static bool IsPostgreSql(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value) || value.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return value.Equals(PostgreSql, StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new InvalidOperationException($"{Key} is '{value}'; use {Sqlite} or {PostgreSql}.");
    }
}
