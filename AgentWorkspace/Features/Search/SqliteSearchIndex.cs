using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// SQLite FTS5: one contentless table (the text already lives in Messages and Customers) whose rowid
/// is the conversation id, tokenised by unicode61 over the terms <see cref="SearchTerms"/> writes.
/// Created by the SearchAndAlerts migration.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    /// <summary>The migration's DDL (the migration carries its own copy).</summary>
    public const string Ddl =
        """
        CREATE VIRTUAL TABLE "SearchConversations" USING fts5("Terms", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
        """;

    public IQueryable<int> ConversationsMatching(WorkspaceDbContext db, IReadOnlyList<SearchWord> words) =>
        db.SearchMatches.FromSqlRaw(
            """SELECT rowid AS "ConversationId" FROM "SearchConversations" WHERE "SearchConversations" MATCH {0}""",
            MatchExpression(words)).Select(m => m.ConversationId);

    /// <summary>Each word an FTS5 phrase of its tokens (the last a prefix when the word may go on), all required.</summary>
    public static string MatchExpression(IReadOnlyList<SearchWord> words) =>
        string.Join(" AND ", words.Select(w => $"\"{string.Join(' ', w.Tokens)}\"{(w.LastIsPrefix ? "*" : "")}"));

    // contentless_delete=1 lets REPLACE drop a document's old terms by rowid.
    public async Task WriteAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken ct = default)
    {
        foreach (var d in documents)
        {
            await db.Database.ExecuteSqlRawAsync(
                """INSERT OR REPLACE INTO "SearchConversations" (rowid, "Terms") VALUES ({0}, {1})""",
                [d.ConversationId, SearchTerms.ForIndex(d.Text)], ct);
        }
    }

    public async Task<IReadOnlyList<int>> UnindexedAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<int>(
            """
            SELECT c."Id" AS "Value" FROM "Conversations" c
            WHERE NOT EXISTS (SELECT 1 FROM "SearchConversations" s WHERE s.rowid = c."Id")
            ORDER BY c."Id" LIMIT {0}
            """, limit).ToListAsync(ct);
}
