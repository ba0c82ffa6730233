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

    /// <summary>
    /// Words with filters: the count looks at this many of the newest conversations holding the words
    /// (beyond it the count is a lower bound, shown as "at least"). Bounds a search's cost whatever
    /// the history's size; the page itself is never cut short by it.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxExamined { get; set; } = 10_000;
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
    /// <summary>
    /// The count is a lower bound: words and filters together, more conversations hold the words than
    /// <see cref="SearchOptions.MaxExamined"/>, and only the newest of them were counted (this many).
    /// </summary>
    public int? ExaminedOnly { get; init; }

    public bool MoreThan => Total > ConversationSearch.MaxCounted;
    public int PageCount => Math.Max(1, (Math.Min(Total, ConversationSearch.MaxCounted) + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount || (ExaminedOnly is not null && Hits.Count == PageSize && Page * PageSize < ConversationSearch.MaxCounted);
}

/// <summary>
/// Finds conversations: each word narrows (a conversation matches a word through any of its messages
/// or its customer), filters are columns, newest first, one page at a time. The full-text part is
/// the database's (<see cref="ISearchIndex"/>); the rest is one LINQ query for either provider.
/// Newest first: by id, which grows with arrival — and is the index's own document key, so the
/// index itself delivers its matches in that order.
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
        List<int> ids;
        int total;
        int? examinedOnly = null;
        if (words.Count > 0)
        {
            // Words first: the index hands out its matches newest (highest id) first and the page stops
            // as soon as it is full, so a common word never makes the database visit every
            // conversation that holds it. Filters are checked on the way, row by row.
            var matching = index.ConversationsMatching(db, words);
            if (!hasFilters)
            {
                total = await matching.Take(MaxCounted + 1).CountAsync(ct);
            }
            else
            {
                // Counting is what costs: with selective filters every match of a common word would be
                // checked. The count looks at the newest MaxExamined matches only and, when there are
                // more, says "at least".
                var examined = options.Value.MaxExamined;
                var newest = matching.OrderByDescending(id => id).Take(examined);
                total = await MatchesFiltered(newest, db, request).Take(MaxCounted + 1).CountAsync(ct);
                if (total <= MaxCounted && await matching.Skip(examined).AnyAsync(ct))
                {
                    examinedOnly = examined;
                }
            }
            // A lower bound does not end the pages: the next one is offered while pages come back full.
            page = Math.Min(page, LastPage(examinedOnly is null ? total : MaxCounted));
            ids = await MatchesFiltered(matching, db, request).OrderByDescending(id => id)
                .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            if (examinedOnly is not null)
            {
                total = Math.Max(total, (page - 1) * PageSize + ids.Count);
            }
        }
        else
        {
            var query = Filtered(db, request);
            // Counting every match costs more than the page itself, and nobody pages through
            // thousands: the count stops at MaxCounted and the page says "more than".
            total = await query.Select(c => c.Id).Take(MaxCounted + 1).CountAsync(ct);
            page = Math.Min(page, LastPage(total));
            // Newest first by id: ids grow with arrival, and the primary key orders without a sort.
            ids = await query.OrderByDescending(c => c.Id).Select(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        }
        var rows = (await db.Conversations.AsNoTracking().Include(c => c.Customer).Where(c => ids.Contains(c.Id)).ToListAsync(ct))
            .OrderByDescending(c => c.Id).ToList();

        var excerpts = await ExcerptsAsync(db, rows.Select(r => r.Id).ToList(), display, ct);
        var hits = rows.Select(c => new SearchHit(ConversationSummary.From(c), excerpts.GetValueOrDefault(c.Id) ?? c.Preview)).ToList();
        return new SearchResults(hits, total, page, PageSize, display) { ExaminedOnly = examinedOnly };
    }

    private int LastPage(int total) => Math.Max(1, (Math.Min(total, MaxCounted) + PageSize - 1) / PageSize);

    /// <summary>
    /// The index's matches that pass the filters, the matches read first: written as a cross join
    /// (<c>from … from … where</c>), which SQLite never reorders, so it walks FTS5's matches in id order
    /// and looks each up by primary key rather than scanning a status index and probing the matches.
    /// </summary>
    private IQueryable<int> MatchesFiltered(IQueryable<int> matches, WorkspaceDbContext db, SearchRequest request) =>
        from id in matches
        from c in Filtered(db, request)
        where c.Id == id
        select id;

    private IQueryable<Conversation> Filtered(WorkspaceDbContext db, SearchRequest request)
    {
        var query = db.Conversations.AsNoTracking();
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
