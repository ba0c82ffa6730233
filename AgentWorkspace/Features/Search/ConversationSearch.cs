using System.ComponentModel.DataAnnotations;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Search;

/// <summary>Search settings (<c>Workspace:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>Conversations per result page.</summary>
    [Range(5, 100)]
    public int PageSize { get; set; } = 20;
}

/// <summary>
/// One search: free text (order numbers with or without 【】, customer id or name, message text in
/// either script) and filters. <paramref name="From"/> and <paramref name="To"/> are team days, both included.
/// </summary>
public sealed record SearchRequest(
    string? Query = null,
    ConversationStatus? Status = null,
    Channel? Channel = null,
    Category? Category = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 1)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Query) && Status is null && Channel is null && Category is null && From is null && To is null;
}

/// <summary>A conversation found, with the newest of its messages that contains a searched word (or its preview).</summary>
public sealed record SearchHit(ConversationSummary Conversation, string Excerpt);

/// <param name="Total">Matches counted, at most <see cref="ConversationSearch.MaxCounted"/> + 1 (then <see cref="MoreThan"/>).</param>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize, IReadOnlyList<string> Words)
{
    public bool MoreThan => Total > ConversationSearch.MaxCounted;
    public int PageCount => Math.Max(1, (Math.Min(Total, ConversationSearch.MaxCounted) + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>
/// Finds conversations: each word narrows (a conversation matches a word through any of its messages
/// or its customer), filters are columns, newest first, one page at a time. The full-text part is
/// the database's (<see cref="ISearchIndex"/>); the rest is one LINQ query for either provider.
/// Newest first: by id, which grows with arrival.
/// </summary>
public sealed class ConversationSearch(IDbContextFactory<WorkspaceDbContext> dbFactory, ISearchIndex index, TeamClock clock, IOptions<SearchOptions> options)
{
    /// <summary>Matches are counted up to this many; beyond it the page shows "more than".</summary>
    public const int MaxCounted = 1000;

    public int PageSize => options.Value.PageSize;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        var words = SearchTerms.ForQuery(request.Query);
        var display = DisplayWords(request.Query);
        var page = Math.Max(1, request.Page);
        // Text that folds to nothing searchable (only punctuation) finds nothing rather than everything.
        if (request.IsEmpty || (words.Count == 0 && !string.IsNullOrWhiteSpace(request.Query)))
        {
            return new SearchResults([], 0, page, PageSize, display);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hasFilters = request.Status is not null || request.Channel is not null || request.Category is not null || request.From is not null || request.To is not null;
        List<Conversation> rows;
        int total;
        if (words.Count > 0 && !hasFilters)
        {
            // Words alone: the index itself pages, newest (highest id) first, and stops early; a
            // common word never makes the database visit every conversation that contains it.
            var matching = index.ConversationsMatching(db, words);
            total = await matching.Take(MaxCounted + 1).CountAsync(ct);
            page = Math.Min(page, LastPage(total));
            var ids = await matching.OrderByDescending(id => id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            rows = [.. (await db.Conversations.AsNoTracking().Include(c => c.Customer).Where(c => ids.Contains(c.Id)).ToListAsync(ct)).OrderByDescending(c => c.Id)];
        }
        else
        {
            var query = Filtered(db, request, words);
            // Counting every match costs more than the page itself, and nobody pages through
            // thousands: the count stops at MaxCounted and the page says "more than".
            total = await query.Select(c => c.Id).Take(MaxCounted + 1).CountAsync(ct);
            page = Math.Min(page, LastPage(total));
            // Newest first by id: ids grow with arrival, and the primary key orders without a sort.
            rows = await query
                .Include(c => c.Customer)
                .OrderByDescending(c => c.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(ct);
        }

        var excerpts = await ExcerptsAsync(db, rows.Select(r => r.Id).ToList(), display, ct);
        var hits = rows.Select(c => new SearchHit(ConversationSummary.From(c), excerpts.GetValueOrDefault(c.Id) ?? c.Preview)).ToList();
        return new SearchResults(hits, total, page, PageSize, display);
    }

    private int LastPage(int total) => Math.Max(1, (Math.Min(total, MaxCounted) + PageSize - 1) / PageSize);

    private IQueryable<Conversation> Filtered(WorkspaceDbContext db, SearchRequest request, IReadOnlyList<SearchWord> words)
    {
        var query = db.Conversations.AsNoTracking();
        if (words.Count > 0)
        {
            var matching = index.ConversationsMatching(db, words);
            query = query.Where(c => matching.Contains(c.Id));
        }
        if (request.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (request.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }
        if (request.Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }
        if (request.From is { } from)
        {
            var start = clock.StartOf(from);
            query = query.Where(c => c.CreatedAt >= start);
        }
        if (request.To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            query = query.Where(c => c.CreatedAt < end);
        }
        return query;
    }

    /// <summary>The words as the page highlights them: folded, brackets and other punctuation dropped.</summary>
    public static IReadOnlyList<string> DisplayWords(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]))
                .Where(w => w.Length > 0)
                .Distinct()
                .Take(SearchTerms.MaxWords)];

    /// <summary>For each conversation on the page, its newest message that contains a searched word (folded, as the index reads it).</summary>
    private static async Task<Dictionary<int, string>> ExcerptsAsync(WorkspaceDbContext db, List<int> ids, IReadOnlyList<string> words, CancellationToken ct)
    {
        var found = new Dictionary<int, string>();
        if (ids.Count == 0 || words.Count == 0)
        {
            return found;
        }
        var folded = words.Select(Classification.ScriptFolding.Fold).ToList();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.ConversationId, m.Text })
            .Take(ids.Count * 50)
            .ToListAsync(ct);
        foreach (var m in messages)
        {
            if (!found.ContainsKey(m.ConversationId))
            {
                var text = Classification.ScriptFolding.Fold(m.Text);
                if (folded.Any(w => text.Contains(w, StringComparison.Ordinal)))
                {
                    found[m.ConversationId] = m.Text.Length > 200 ? m.Text[..200] + "…" : m.Text;
                }
            }
        }
        return found;
    }
}
