using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// SQLite FTS5: two contentless tables (the text already lives in Messages and Customers) keyed by
/// the row's id, tokenised by unicode61 over the terms <see cref="SearchTerms"/> writes. Created by
/// the AddSearch migration.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    public IQueryable<int> ConversationsMatching(WorkspaceDbContext db, SearchWord word)
    {
        var match = MatchExpression(word);
        return db.Database.SqlQueryRaw<int>(
            """
            SELECT m."ConversationId" AS "Value" FROM "SearchMessages" s JOIN "Messages" m ON m."Id" = s.rowid WHERE "SearchMessages" MATCH {0}
            UNION
            SELECT c."Id" AS "Value" FROM "Conversations" c WHERE c."CustomerId" IN (SELECT rowid FROM "SearchCustomers" WHERE "SearchCustomers" MATCH {0})
            """, match);
    }

    /// <summary>An FTS5 phrase of the word's tokens, the last one a prefix when the word may go on.</summary>
    public static string MatchExpression(SearchWord word) =>
        $"\"{string.Join(' ', word.Tokens)}\"{(word.LastIsPrefix ? "*" : "")}";

    // contentless_delete=1 lets REPLACE drop the old terms by rowid (a renamed customer, a catch-up racing a live write).
    public Task IndexMessagesAsync(DbContext db, IReadOnlyList<IndexedText> messages, CancellationToken ct = default) =>
        WriteAsync(db, """INSERT OR REPLACE INTO "SearchMessages" (rowid, "Terms") VALUES ({0}, {1})""", messages, ct);

    public Task IndexCustomersAsync(DbContext db, IReadOnlyList<IndexedText> customers, CancellationToken ct = default) =>
        WriteAsync(db, """INSERT OR REPLACE INTO "SearchCustomers" (rowid, "Terms") VALUES ({0}, {1})""", customers, ct);

    private static async Task WriteAsync(DbContext db, string sql, IReadOnlyList<IndexedText> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await db.Database.ExecuteSqlRawAsync(sql, [row.Id, SearchTerms.ForIndex(row.Text)], ct);
        }
    }

    public async Task<IReadOnlyList<IndexedText>> UnindexedMessagesAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<UnindexedRow>(
            """
            SELECT m."Id" AS "Id", m."Text" AS "Text" FROM "Messages" m
            WHERE NOT EXISTS (SELECT 1 FROM "SearchMessages" s WHERE s.rowid = m."Id")
            ORDER BY m."Id" LIMIT {0}
            """, limit)
            .Select(r => new IndexedText(r.Id, r.Text))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<IndexedText>> UnindexedCustomersAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<UnindexedRow>(
            """
            SELECT c."Id" AS "Id", c."ExternalId" || ' ' || coalesce(c."Name", '') AS "Text" FROM "Customers" c
            WHERE NOT EXISTS (SELECT 1 FROM "SearchCustomers" s WHERE s.rowid = c."Id")
            ORDER BY c."Id" LIMIT {0}
            """, limit)
            .Select(r => new IndexedText(r.Id, r.Text))
            .ToListAsync(ct);

    /// <summary>The migration's DDL (kept here beside the queries that depend on it).</summary>
    public const string Ddl =
        """
        CREATE VIRTUAL TABLE "SearchMessages" USING fts5("Terms", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE "SearchCustomers" USING fts5("Terms", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
        """;

    public const string DropDdl =
        """
        DROP TABLE IF EXISTS "SearchMessages";
        DROP TABLE IF EXISTS "SearchCustomers";
        """;
}

/// <summary>A row read back for the catch-up.</summary>
public sealed record UnindexedRow(long Id, string Text);
