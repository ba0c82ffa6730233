using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// PostgreSQL's own full-text search over the same terms as SQLite: a tsvector per message and per
/// customer (the 'simple' configuration: no stemming or stop words, the terms are already folded
/// bigrams and whole words) under a GIN index; a word is a phrase query (&lt;-&gt;), its last token a
/// prefix (:*) when the word may go on. Only provider-neutral ADO is used here, so this compiles
/// without the Npgsql package; <see cref="Ddl"/> goes into the PostgreSQL migration.
/// </summary>
public sealed class PostgreSqlSearchIndex : ISearchIndex
{
    /// <summary>The schema for the PostgreSQL migration (run once, after the Messages and Customers tables exist).</summary>
    public const string Ddl =
        """
        CREATE TABLE IF NOT EXISTS "SearchMessages" (
            "MessageId" bigint NOT NULL PRIMARY KEY REFERENCES "Messages" ("Id") ON DELETE CASCADE,
            "Terms" tsvector NOT NULL);
        CREATE INDEX IF NOT EXISTS "IX_SearchMessages_Terms" ON "SearchMessages" USING GIN ("Terms");
        CREATE TABLE IF NOT EXISTS "SearchCustomers" (
            "CustomerId" integer NOT NULL PRIMARY KEY REFERENCES "Customers" ("Id") ON DELETE CASCADE,
            "Terms" tsvector NOT NULL);
        CREATE INDEX IF NOT EXISTS "IX_SearchCustomers_Terms" ON "SearchCustomers" USING GIN ("Terms");
        """;

    public const string DropDdl =
        """
        DROP TABLE IF EXISTS "SearchMessages";
        DROP TABLE IF EXISTS "SearchCustomers";
        """;

    public IQueryable<int> ConversationsMatching(WorkspaceDbContext db, SearchWord word) =>
        db.Database.SqlQueryRaw<int>(
            """
            SELECT m."ConversationId" AS "Value" FROM "SearchMessages" s JOIN "Messages" m ON m."Id" = s."MessageId" WHERE s."Terms" @@ to_tsquery('simple', {0})
            UNION
            SELECT c."Id" AS "Value" FROM "Conversations" c JOIN "SearchCustomers" sc ON sc."CustomerId" = c."CustomerId" WHERE sc."Terms" @@ to_tsquery('simple', {0})
            """, TsQuery(word));

    /// <summary>'订单' &lt;-&gt; '单号', or '2305':* for a word that may go on. Tokens are letters and digits only, so quoting is safe.</summary>
    public static string TsQuery(SearchWord word) =>
        string.Join(" <-> ", word.Tokens.Select((t, i) => i == word.Tokens.Count - 1 && word.LastIsPrefix ? $"'{t}':*" : $"'{t}'"));

    public Task IndexMessagesAsync(DbContext db, IReadOnlyList<IndexedText> messages, CancellationToken ct = default) =>
        WriteAsync(db, """INSERT INTO "SearchMessages" ("MessageId", "Terms") VALUES ({0}, to_tsvector('simple', {1})) ON CONFLICT ("MessageId") DO UPDATE SET "Terms" = EXCLUDED."Terms" """, messages, r => r.Id, ct);

    public Task IndexCustomersAsync(DbContext db, IReadOnlyList<IndexedText> customers, CancellationToken ct = default) =>
        WriteAsync(db, """INSERT INTO "SearchCustomers" ("CustomerId", "Terms") VALUES ({0}, to_tsvector('simple', {1})) ON CONFLICT ("CustomerId") DO UPDATE SET "Terms" = EXCLUDED."Terms" """, customers, r => (int)r.Id, ct);

    private static async Task WriteAsync(DbContext db, string sql, IReadOnlyList<IndexedText> rows, Func<IndexedText, object> key, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await db.Database.ExecuteSqlRawAsync(sql, [key(row), SearchTerms.ForIndex(row.Text)], ct);
        }
    }

    public async Task<IReadOnlyList<IndexedText>> UnindexedMessagesAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<UnindexedRow>(
            """
            SELECT m."Id" AS "Id", m."Text" AS "Text" FROM "Messages" m
            WHERE NOT EXISTS (SELECT 1 FROM "SearchMessages" s WHERE s."MessageId" = m."Id")
            ORDER BY m."Id" LIMIT {0}
            """, limit)
            .Select(r => new IndexedText(r.Id, r.Text))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<IndexedText>> UnindexedCustomersAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<UnindexedRow>(
            """
            SELECT c."Id"::bigint AS "Id", c."ExternalId" || ' ' || coalesce(c."Name", '') AS "Text" FROM "Customers" c
            WHERE NOT EXISTS (SELECT 1 FROM "SearchCustomers" s WHERE s."CustomerId" = c."Id")
            ORDER BY c."Id" LIMIT {0}
            """, limit)
            .Select(r => new IndexedText(r.Id, r.Text))
            .ToListAsync(ct);
}
