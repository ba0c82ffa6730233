using System.Globalization;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// The search page's form and its link: <c>/search?q=…&amp;status=…&amp;channel=…&amp;category=…&amp;from=yyyy-MM-dd&amp;to=…&amp;page=n</c>,
/// so any result page can be shared. A filter that does not parse is dropped and named, never guessed.
/// </summary>
public sealed class SearchForm
{
    public string? Query { get; set; }
    public ConversationStatus? Status { get; set; }
    public Channel? Channel { get; set; }
    public Category? Category { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public sealed record Parsed(SearchForm Form, SearchRequest Request, string? Error);

    public static Parsed Parse(string? q, string? status, string? channel, string? category, string? from, string? to, int? page)
    {
        var bad = new List<string>();
        var form = new SearchForm
        {
            Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Status = ParseEnum<ConversationStatus>(status, "status", bad),
            Channel = ParseEnum<Channel>(channel, "channel", bad),
            Category = ParseEnum<Category>(category, "category", bad),
            From = ParseDate(from, "from", bad),
            To = ParseDate(to, "to", bad),
        };
        return new Parsed(form, form.ToRequest(page ?? 1), bad.Count == 0 ? null : string.Join(", ", bad));
    }

    public SearchRequest ToRequest(int page) => new(Query, Status, Channel, Category, From, To, Math.Max(1, page));

    public static SearchForm Of(SearchRequest r) => new()
    {
        Query = r.Query,
        Status = r.Status,
        Channel = r.Channel,
        Category = r.Category,
        From = r.From,
        To = r.To,
    };

    public string ToUrl(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("q", Query);
        Add("status", Status?.ToString());
        Add("channel", Channel?.ToString());
        Add("category", Category?.ToString());
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (page > 1)
        {
            Add("page", page.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "/search" : $"/search?{string.Join('&', parts)}";
    }

    private static T? ParseEnum<T>(string? text, string name, List<string> bad) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        bad.Add(name);
        return null;
    }

    private static DateOnly? ParseDate(string? text, string name, List<string> bad)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        bad.Add(name);
        return null;
    }
}
