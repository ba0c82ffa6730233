using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// PostgreSQL's own full-text search over the same terms as SQLite: a tsvector per conversation (the
/// 'simple' configuration: no stemming or stop words, the terms are already folded bigrams and whole
/// words) under a GIN index; each word is a phrase (&lt;-&gt;), its last token a prefix (:*) when the
/// word may go on, all words required (&amp;). Only provider-neutral EF/ADO calls are used, so this
/// compiles without the Npgsql package; <see cref="Ddl"/> goes into the PostgreSQL migration.
/// </summary>
public sealed class PostgreSqlSearchIndex : ISearchIndex
{
    /// <summary>The schema for the PostgreSQL migration (after the Conversations table exists).</summary>
    public const string Ddl =
        """
        CREATE TABLE IF NOT EXISTS "SearchConversations" (
            "ConversationId" integer NOT NULL PRIMARY KEY REFERENCES "Conversations" ("Id") ON DELETE CASCADE,
            "Terms" tsvector NOT NULL);
        CREATE INDEX IF NOT EXISTS "IX_SearchConversations_Terms" ON "SearchConversations" USING GIN ("Terms");
        """;

    public IQueryable<int> ConversationsMatching(WorkspaceDbContext db, IReadOnlyList<SearchWord> words) =>
        db.SearchMatches.FromSqlRaw(
            """SELECT "ConversationId" FROM "SearchConversations" WHERE "Terms" @@ to_tsquery('simple', {0})""",
            TsQuery(words)).Select(m => m.ConversationId);

    /// <summary>('订单' &lt;-&gt; '单号') &amp; ('2305':*). Tokens are letters and digits only, so the quoting is safe.</summary>
    public static string TsQuery(IReadOnlyList<SearchWord> words) =>
        string.Join(" & ", words.Select(w => "(" + string.Join(" <-> ", w.Tokens.Select((t, i) => i == w.Tokens.Count - 1 && w.LastIsPrefix ? $"'{t}':*" : $"'{t}'")) + ")"));

    public async Task WriteAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken ct = default)
    {
        foreach (var d in documents)
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "SearchConversations" ("ConversationId", "Terms") VALUES ({0}, to_tsvector('simple', {1}))
                ON CONFLICT ("ConversationId") DO UPDATE SET "Terms" = EXCLUDED."Terms"
                """,
                [d.ConversationId, SearchTerms.ForIndex(d.Text)], ct);
        }
    }

    public async Task<IReadOnlyList<int>> UnindexedAsync(WorkspaceDbContext db, int limit, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<int>(
            """
            SELECT c."Id" AS "Value" FROM "Conversations" c
            WHERE NOT EXISTS (SELECT 1 FROM "SearchConversations" s WHERE s."ConversationId" = c."Id")
            ORDER BY c."Id" LIMIT {0}
            """, limit).ToListAsync(ct);
}
