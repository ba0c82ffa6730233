using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>A message or customer to (re)index: the text goes through <see cref="SearchTerms.ForIndex"/>.</summary>
public readonly record struct IndexedText(long Id, string Text);

/// <summary>
/// The database's own full-text index behind one port: SQLite FTS5 or PostgreSQL tsvector/GIN, chosen
/// by <c>Workspace:Database:Provider</c>. Everything else in search (filters, order, paging) is LINQ
/// and the same for both.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Conversations with a message, or a customer (id or name), that contains the word.</summary>
    IQueryable<int> ConversationsMatching(WorkspaceDbContext db, SearchWord word);

    /// <summary>Adds or replaces messages in the index, inside the caller's transaction when there is one.</summary>
    Task IndexMessagesAsync(DbContext db, IReadOnlyList<IndexedText> messages, CancellationToken ct = default);

    /// <summary>Adds or replaces customers (external id and name).</summary>
    Task IndexCustomersAsync(DbContext db, IReadOnlyList<IndexedText> customers, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> messages not yet in the index (written before the index existed, or lost to a crash between save and index).</summary>
    Task<IReadOnlyList<IndexedText>> UnindexedMessagesAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> customers not yet in the index, as "externalId name".</summary>
    Task<IReadOnlyList<IndexedText>> UnindexedCustomersAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default);
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
