using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification;

/// <summary>
/// The classification hint, compiled from the keyword table: fold the text, one Aho–Corasick pass,
/// then the rules of 表1 and 表2. Immutable; allocates only the result.
/// </summary>
public sealed class Classifier
{
    public const int MaxTextLength = 4000;
    private const int MaxHits = 64;

    private readonly KeywordAutomaton _automaton;
    private readonly Row[] _rows;
    private readonly string[] _topics;

    private readonly record struct Row(string Keyword, KeywordKind Kind, Category? Category, int Topic, Priority? Priority, string[] Questions, int Weight);

    private Classifier(IReadOnlyList<KeywordEntry> entries)
    {
        var usable = entries.Where(e => !string.IsNullOrWhiteSpace(e.Keyword)).ToList();
        _topics = [.. usable.Select(e => e.Topic).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        _rows = [.. usable.Select(e => new Row(
            e.Keyword.Trim(),
            e.Kind,
            e.Category,
            e.Topic is { Length: > 0 } t ? Array.IndexOf(_topics, t) : -1,
            e.Priority,
            e.ClarifyingQuestions?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Math.Max(1, e.Weight)))];
        _automaton = new KeywordAutomaton([.. _rows.Select(r => ScriptFolding.Fold(r.Keyword))]);
    }

    public static Classifier Build(IEnumerable<KeywordEntry> entries) => new([.. entries]);

    public int KeywordCount => _rows.Length;

    public ClassificationResult Classify(string text, Channel channel = Channel.Chat)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Math.Min(text.Length, MaxTextLength);
        Span<char> folded = stackalloc char[length];
        ScriptFolding.Fold(text.AsSpan(0, length), folded);
        Span<int> hits = stackalloc int[MaxHits];
        var count = _automaton.Scan(folded, hits);
        hits = hits[..count];

        Span<int> categoryScore = stackalloc int[5];
        Span<int> topicScore = stackalloc int[Math.Max(1, _topics.Length)];
        topicScore.Clear();
        var ruledPriority = (Priority?)null;
        var agitated = HasRepeatedExclamation(folded);
        var suggestion = false;
        var collaboration = false;
        string[]? questions = null;
        foreach (var index in hits)
        {
            var row = _rows[index];
            if (row.Category is { } category)
            {
                categoryScore[(int)category] += row.Weight;
            }
            if (row.Topic >= 0)
            {
                topicScore[row.Topic] += row.Weight;
            }
            if (row.Priority is { } p && (ruledPriority is null || p < ruledPriority))
            {
                ruledPriority = p;
            }
            switch (row.Kind)
            {
                case KeywordKind.Agitation:
                    agitated = true;
                    break;
                case KeywordKind.Suggestion:
                    suggestion = true;
                    break;
                case KeywordKind.Collaboration:
                    collaboration = true;
                    break;
                case KeywordKind.Ambiguity when questions is null && row.Questions.Length > 0:
                    questions = row.Questions;
                    break;
            }
        }

        var categoriesHit = 0;
        foreach (var score in categoryScore[..4])
        {
            categoriesHit += score > 0 ? 1 : 0;
        }
        var topic = BestTopic(topicScore);
        Category result;
        Priority priority;
        if (suggestion)
        {
            // 建议/希望增加…功能 wins over the topic words it mentions (a suggestion about 物流 is not a logistics issue).
            result = Category.Suggestion;
            topic = null;
            priority = ruledPriority == Priority.Urgent ? Priority.Urgent : Priority.Low;
        }
        else
        {
            result = BestCategory(categoryScore);
            var byCategory = result switch
            {
                Category.Complaint => Priority.High,
                Category.Suggestion => Priority.Low,
                _ => Priority.Medium,
            };
            priority = ruledPriority is { } ruled && ruled < byCategory ? ruled : byCategory;
        }

        var ambiguous = questions is not null;
        // 待协同: fits no category (and no clarifying question helps), or spans many departments.
        var needsCollaboration = collaboration || categoriesHit >= 3 || (result == Category.Unclassified && !ambiguous);
        return new ClassificationResult(
            result,
            topic,
            priority,
            Keywords(hits),
            ambiguous,
            questions ?? [],
            needsCollaboration,
            agitated);
    }

    private string[] Keywords(ReadOnlySpan<int> hits)
    {
        if (hits.Length == 0)
        {
            return [];
        }
        var keywords = new string[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            keywords[i] = _rows[hits[i]].Keyword;
        }
        return keywords;
    }

    /// <summary>Ties go to the category that needs most care: complaint, then technical support, then consultation.</summary>
    private static Category BestCategory(ReadOnlySpan<int> score)
    {
        var best = Category.Unclassified;
        var bestScore = 0;
        foreach (var candidate in (ReadOnlySpan<Category>)[Category.Complaint, Category.TechnicalSupport, Category.Consultation, Category.Suggestion])
        {
            if (score[(int)candidate] > bestScore)
            {
                best = candidate;
                bestScore = score[(int)candidate];
            }
        }
        return best;
    }

    private string? BestTopic(ReadOnlySpan<int> score)
    {
        var best = -1;
        for (var i = 0; i < _topics.Length; i++)
        {
            if (score[i] > 0 && (best < 0 || score[i] > score[best]))
            {
                best = i;
            }
        }
        return best < 0 ? null : _topics[best];
    }

    /// <summary>Repeated exclamation marks (!!, ！！！ after folding) read as agitation.</summary>
    private static bool HasRepeatedExclamation(ReadOnlySpan<char> folded) => folded.IndexOf("!!") >= 0;
}
