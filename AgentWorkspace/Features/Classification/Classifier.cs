using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification;

/// <summary>
/// The classification hint, compiled from the keyword table: fold the text, one Aho–Corasick pass
/// that finds every keyword and every term of every combination rule with its position, then the
/// rules of 表1 and 表2 on those matches. No rule re-reads the text. Immutable and thread-safe.
/// </summary>
public sealed class Classifier
{
    public const int MaxTextLength = MessageText.MaxLength;
    public const int DefaultWindow = 20;
    public const int MaxWindow = 200;
    public const int MaxSets = 6;

    /// <summary>How far, in characters, before or after a rule's span a negation term still cancels it.</summary>
    public const int NegationReach = 8;

    /// <summary>Suggestion rows of at least this weight win over the topic words they mention (建议增加物流查询功能).</summary>
    public const int StrongSuggestionWeight = 3;

    /// <summary>A complaint score from which a complaint outranks consultation and technical words.</summary>
    public const int ComplaintOutranks = 3;

    private const int MaxHits = 128;
    private const int NegationSet = 15;

    private readonly KeywordAutomaton _automaton;
    private readonly int[] _patternLength;
    private readonly int[][] _patternRows;   // pattern → keyword rows it fires
    private readonly int[][] _patternTerms;  // pattern → (rule << 4 | set) for every rule term, set 15 = negation
    private readonly Row[] _rows;
    private readonly Rule[] _rules;
    private readonly string[] _topics;

    private readonly record struct Row(string Keyword, KeywordKind Kind, Category? Category, int Topic, Priority? Priority, string[] Questions, int Weight);

    private readonly record struct Rule(string Text, int Sets, int Window, Category? Category, int Topic, Priority? Priority, int Weight);

    private Classifier(IReadOnlyList<KeywordEntry> entries)
    {
        var usable = entries.Where(e => !string.IsNullOrWhiteSpace(e.Keyword)).ToList();
        _topics = [.. usable.Select(e => e.Topic).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        var patterns = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowsOf = new List<List<int>>();
        var termsOf = new List<List<int>>();
        var rows = new List<Row>();
        var rules = new List<Rule>();
        foreach (var e in usable)
        {
            var topic = e.Topic is { Length: > 0 } t ? Array.IndexOf(_topics, t) : -1;
            if (e.Kind == KeywordKind.Combination)
            {
                var sets = ParseSets(e.Keyword);
                if (sets.Count == 0 || sets.Count > MaxSets)
                {
                    continue;
                }
                var rule = rules.Count;
                rules.Add(new Rule(e.Keyword.Trim(), sets.Count, Math.Clamp(e.Window ?? DefaultWindow, 1, MaxWindow), e.Category, topic, e.Priority, Math.Max(1, e.Weight)));
                for (var s = 0; s < sets.Count; s++)
                {
                    foreach (var term in sets[s])
                    {
                        termsOf[Pattern(term)].Add(rule << 4 | s);
                    }
                }
                foreach (var term in Terms(e.Negations))
                {
                    termsOf[Pattern(term)].Add(rule << 4 | NegationSet);
                }
                continue;
            }
            rowsOf[Pattern(e.Keyword.Trim())].Add(rows.Count);
            rows.Add(new Row(
                e.Keyword.Trim(),
                e.Kind,
                e.Category,
                topic,
                e.Priority,
                e.ClarifyingQuestions?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                Math.Max(1, e.Weight)));
        }
        _rows = [.. rows];
        _rules = [.. rules];
        _patternRows = [.. rowsOf.Select(l => l.Distinct().ToArray())];
        _patternTerms = [.. termsOf.Select(l => l.Distinct().ToArray())];
        var folded = patterns.OrderBy(p => p.Value).Select(p => p.Key).ToList();
        _patternLength = [.. folded.Select(p => p.Length)];
        _automaton = new KeywordAutomaton(folded);

        int Pattern(string text)
        {
            var key = ScriptFolding.Fold(text);
            if (!patterns.TryGetValue(key, out var index))
            {
                index = patterns.Count;
                patterns.Add(key, index);
                rowsOf.Add([]);
                termsOf.Add([]);
            }
            return index;
        }
    }

    public static Classifier Build(IEnumerable<KeywordEntry> entries) => new([.. entries]);

    /// <summary>Keyword rows plus combination rules.</summary>
    public int KeywordCount => _rows.Length + _rules.Length;

    public int RuleCount => _rules.Length;

    /// <summary><c>支付失败|扣款 + 订单取消</c> → [[支付失败, 扣款], [订单取消]]; empty terms and sets are dropped.</summary>
    public static List<string[]> ParseSets(string? text) =>
        [.. (text ?? "").Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Terms)
            .Where(set => set.Length > 0)];

    public static string[] Terms(string? text) =>
        (text ?? "").Split(['|', '｜'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public ClassificationResult Classify(string text, Channel channel = Channel.Chat, bool vip = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Math.Min(text.Length, MaxTextLength);
        Span<char> folded = stackalloc char[length];
        ScriptFolding.Fold(text.AsSpan(0, length), folded);
        Span<KeywordHit> hitBuffer = stackalloc KeywordHit[MaxHits];
        var hits = hitBuffer[.._automaton.ScanAll(folded, hitBuffer)];

        Span<byte> rowFired = stackalloc byte[_rows.Length];
        rowFired.Clear();
        Span<byte> ruleTouched = stackalloc byte[_rules.Length];
        ruleTouched.Clear();
        Span<int> order = stackalloc int[_rows.Length];
        var fired = 0;
        foreach (var hit in hits)
        {
            foreach (var row in _patternRows[hit.Keyword])
            {
                if (rowFired[row] == 0)
                {
                    rowFired[row] = 1;
                    order[fired++] = row;
                }
            }
            foreach (var term in _patternTerms[hit.Keyword])
            {
                if ((term & 15) != NegationSet)
                {
                    ruleTouched[term >> 4] = 1;
                }
            }
        }
        var firedRows = order[..fired];

        Span<int> categoryScore = stackalloc int[5];
        categoryScore.Clear();
        Span<int> categoryEvidence = stackalloc int[5];   // first row (≥ 0) or rule (~index) that scored
        categoryEvidence.Fill(int.MinValue);
        Span<int> topicScore = stackalloc int[Math.Max(1, _topics.Length)];
        topicScore.Clear();
        var ruledPriority = (Priority?)null;
        var priorityEvidence = int.MinValue;
        var agitationRow = -1;
        var suggestionScore = 0;
        var strongSuggestion = false;
        var suggestionRow = -1;
        Span<bool> keywordCategories = stackalloc bool[5];
        keywordCategories.Clear();
        var collaborationRow = -1;
        var ambiguityRow = -1;
        foreach (var index in firedRows)
        {
            var row = _rows[index];
            if (row.Kind == KeywordKind.Suggestion)
            {
                // Suggestion words are weighed against the rest below, not added to a category yet.
                suggestionScore += row.Weight;
                strongSuggestion |= row.Weight >= StrongSuggestionWeight;
                suggestionRow = suggestionRow < 0 || (row.Weight > _rows[suggestionRow].Weight) ? index : suggestionRow;
                continue;
            }
            if (row.Category is { } keywordCategory)
            {
                keywordCategories[(int)keywordCategory] = true;
            }
            Score(categoryScore, categoryEvidence, topicScore, row.Category, row.Topic, row.Weight, index);
            if (row.Priority is { } p && (ruledPriority is null || p < ruledPriority))
            {
                ruledPriority = p;
                priorityEvidence = index;
            }
            switch (row.Kind)
            {
                case KeywordKind.Agitation when agitationRow < 0:
                    agitationRow = index;
                    break;
                case KeywordKind.Collaboration when collaborationRow < 0:
                    collaborationRow = index;
                    break;
                case KeywordKind.Ambiguity when ambiguityRow < 0 && row.Questions.Length > 0:
                    // Stays "ambiguous" below only if nothing else says what the text is about.
                    ambiguityRow = index;
                    break;
            }
        }

        var negatedRule = -1;
        for (var r = 0; r < _rules.Length; r++)
        {
            if (ruleTouched[r] == 0)
            {
                continue;
            }
            if (!Matches(r, hits, out var negated))
            {
                negatedRule = negated && negatedRule < 0 ? r : negatedRule;
                continue;
            }
            var rule = _rules[r];
            Score(categoryScore, categoryEvidence, topicScore, rule.Category, rule.Topic, rule.Weight, ~r);
            if (rule.Priority is { } p && (ruledPriority is null || p < ruledPriority))
            {
                ruledPriority = p;
                priorityEvidence = ~r;
            }
        }

        var form = AgitatedForm(text.AsSpan(0, length), folded);
        var agitated = agitationRow >= 0 || form is not null;

        // Many departments at once (退款、物流、登录、态度…) is counted on the words, not on rules built from them.
        var categoriesHit = 0;
        foreach (var hit in keywordCategories[..4])
        {
            categoriesHit += hit ? 1 : 0;
        }
        var topic = BestTopic(topicScore);
        var reasons = new List<ClassificationReason>(5);
        var result = BestCategory(categoryScore);
        if (result is Category.Consultation or Category.TechnicalSupport && categoryScore[(int)Category.Complaint] >= ComplaintOutranks)
        {
            // A complaint word outranks the topic words that say what it is about (我要投诉你们的快递员…).
            result = Category.Complaint;
        }
        // 表1/表2 precedence: complaint words, a high or urgent criterion or an agitated customer outrank
        // suggestion words (a politely worded complaint that says 希望能… is still a complaint); otherwise a
        // suggestion wins when it weighs at least as much as the other words it mentions.
        var outranked = categoryScore[(int)Category.Complaint] > 0 || ruledPriority <= Priority.High || agitated;
        var suggestion = suggestionScore > 0 && !outranked && (strongSuggestion || result == Category.Unclassified || suggestionScore >= categoryScore[(int)result]);
        if (suggestion)
        {
            result = Category.Suggestion;
            topic = null;
            reasons.Add(new("category", nameof(Category.Suggestion), "keyword", _rows[suggestionRow].Keyword));
        }
        else if (result == Category.Unclassified && suggestionScore > 0 && agitated)
        {
            // An angry "suggestion" (建议你们…！！！) is a complaint in suggestion's clothes.
            result = Category.Complaint;
            reasons.Add(new("category", nameof(Category.Complaint), agitationRow >= 0 ? "keyword" : "form", agitationRow >= 0 ? _rows[agitationRow].Keyword : form));
        }
        else if (result == Category.Unclassified && suggestionScore > 0)
        {
            result = Category.Suggestion;
            reasons.Add(new("category", nameof(Category.Suggestion), "keyword", _rows[suggestionRow].Keyword));
        }
        else if (result != Category.Unclassified)
        {
            reasons.Add(Because("category", result.ToString(), categoryEvidence[(int)result]));
        }
        else
        {
            reasons.Add(new("category", nameof(Category.Unclassified), "default", null));
        }

        var byCategory = result switch
        {
            Category.Complaint => Priority.High,
            Category.Suggestion => Priority.Low,
            _ => Priority.Medium,
        };
        Priority priority;
        if (result == Category.Suggestion)
        {
            // Only an urgent criterion lifts a genuine suggestion; otherwise 表2 低 stands.
            priority = ruledPriority == Priority.Urgent ? Priority.Urgent : Priority.Low;
            reasons.Add(priority == Priority.Urgent ? Because("priority", priority.ToString(), priorityEvidence) : new("priority", priority.ToString(), "category", nameof(Category.Suggestion)));
        }
        else if (ruledPriority is { } ruled && ruled <= byCategory)
        {
            priority = ruled;
            reasons.Add(Because("priority", priority.ToString(), priorityEvidence));
        }
        else
        {
            priority = byCategory;
            reasons.Add(new("priority", priority.ToString(), result == Category.Complaint ? "category" : "default", result == Category.Complaint ? nameof(Category.Complaint) : null));
        }
        if (negatedRule >= 0)
        {
            reasons.Add(new("priority", priority.ToString(), "negated", _rules[negatedRule].Text));
        }
        if (vip && priority > Priority.Urgent)
        {
            // 用户价值 (seed 000 step 2): a VIP is one level more pressing than the text alone says.
            var from = priority;
            priority--;
            reasons.Add(new("priority", priority.ToString(), "vip", from.ToString()));
        }

        if (agitated)
        {
            reasons.Add(agitationRow >= 0 ? new("agitated", "true", "keyword", _rows[agitationRow].Keyword) : new("agitated", "true", "form", form));
        }
        // An ambiguity row without a category (用不了) is ambiguous only when nothing else names the subject.
        var ambiguous = ambiguityRow >= 0 && (_rows[ambiguityRow].Category is not null || categoryScore[..4].IndexOfAnyExcept(0) < 0);
        if (ambiguous)
        {
            reasons.Add(new("ambiguous", "true", "keyword", _rows[ambiguityRow].Keyword));
        }
        // 待协同: fits no category (and no clarifying question helps), or spans many departments.
        var needsCollaboration = collaborationRow >= 0 || categoriesHit >= 3 || (result == Category.Unclassified && !ambiguous);
        if (needsCollaboration)
        {
            reasons.Add(collaborationRow >= 0 ? new("needsCollaboration", "true", "keyword", _rows[collaborationRow].Keyword)
                : categoriesHit >= 3 ? new("needsCollaboration", "true", "category", "3+")
                : new("needsCollaboration", "true", "category", nameof(Category.Unclassified)));
        }
        return new ClassificationResult(
            result,
            topic,
            priority,
            Keywords(firedRows),
            ambiguous,
            ambiguous ? _rows[ambiguityRow].Questions : [],
            needsCollaboration,
            agitated,
            reasons);
    }

    private static void Score(Span<int> categoryScore, Span<int> evidence, Span<int> topicScore, Category? category, int topic, int weight, int source)
    {
        if (category is { } c)
        {
            categoryScore[(int)c] += weight;
            if (evidence[(int)c] == int.MinValue)
            {
                evidence[(int)c] = source;
            }
        }
        if (topic >= 0)
        {
            topicScore[topic] += weight;
        }
    }

    private ClassificationReason Because(string field, string value, int source) =>
        source == int.MinValue ? new(field, value, "default", null)
        : source >= 0 ? new(field, value, "keyword", _rows[source].Keyword)
        : new(field, value, "rule", _rules[~source].Text);

    /// <summary>
    /// Does rule <paramref name="rule"/> hold: one term of every set inside a span of at most the rule's
    /// window, in any order, with no negation term within <see cref="NegationReach"/> of the span?
    /// Tries every term occurrence as the span's start and takes the earliest-ending term of each set
    /// from there, which finds the shortest span starting at each occurrence.
    /// </summary>
    private bool Matches(int rule, ReadOnlySpan<KeywordHit> hits, out bool negated)
    {
        negated = false;
        var sets = _rules[rule].Sets;
        var window = _rules[rule].Window;
        foreach (var anchor in hits)
        {
            if (!InAnySet(anchor.Keyword, rule))
            {
                continue;
            }
            var start = anchor.End - _patternLength[anchor.Keyword] + 1;
            var end = anchor.End;
            var complete = true;
            for (var set = 0; set < sets && complete; set++)
            {
                var best = int.MaxValue;
                foreach (var hit in hits)
                {
                    if (hit.End < best && hit.End - _patternLength[hit.Keyword] + 1 >= start && In(hit.Keyword, rule << 4 | set))
                    {
                        best = hit.End;
                    }
                }
                complete = best != int.MaxValue;
                end = complete ? Math.Max(end, best) : end;
            }
            if (!complete || end - start + 1 > window)
            {
                continue;
            }
            if (Negated(rule, hits, start, end))
            {
                negated = true;
                continue;
            }
            return true;
        }
        return false;
    }

    private bool Negated(int rule, ReadOnlySpan<KeywordHit> hits, int start, int end)
    {
        foreach (var hit in hits)
        {
            var hitStart = hit.End - _patternLength[hit.Keyword] + 1;
            if (hitStart >= start - NegationReach && hit.End <= end + NegationReach && In(hit.Keyword, rule << 4 | NegationSet))
            {
                return true;
            }
        }
        return false;
    }

    private bool In(int pattern, int code) => Array.IndexOf(_patternTerms[pattern], code) >= 0;

    private bool InAnySet(int pattern, int rule)
    {
        foreach (var term in _patternTerms[pattern])
        {
            if (term >> 4 == rule && (term & 15) != NegationSet)
            {
                return true;
            }
        }
        return false;
    }

    private string[] Keywords(ReadOnlySpan<int> rows)
    {
        if (rows.Length == 0)
        {
            return [];
        }
        var keywords = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keywords[i] = _rows[rows[i]].Keyword;
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

    /// <summary>
    /// Agitation from the text's form, not its words (seed 000 四.1): repeated !/? (full width folds to
    /// ASCII), 。。。, or shouting in capitals (two or more all-capital Latin words, six letters or more in
    /// a row, so “APP” or “VIP” alone does not count). Returns what was seen, or null.
    /// </summary>
    public static string? AgitatedForm(ReadOnlySpan<char> original, ReadOnlySpan<char> folded)
    {
        for (var i = 1; i < folded.Length; i++)
        {
            if (folded[i] is '!' or '?' && folded[i - 1] is '!' or '?')
            {
                return folded[i - 1] == '?' && folded[i] == '?' ? "??" : "!!";
            }
            if (i >= 2 && folded[i] == '。' && folded[i - 1] == '。' && folded[i - 2] == '。')
            {
                return "。。。";
            }
        }
        var letters = 0;
        var words = 0;
        var inWord = false;
        foreach (var c in original)
        {
            var upper = c is >= 'A' and <= 'Z' or >= 'Ａ' and <= 'Ｚ';
            if (upper)
            {
                letters++;
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
                continue;
            }
            inWord = false;
            if (c is ' ' or '\u3000' or ',' or '，' or '!' or '！' or '?' or '？')
            {
                continue;
            }
            if (letters >= 6 && words >= 2)
            {
                return "CAPS";
            }
            letters = 0;
            words = 0;
        }
        return letters >= 6 && words >= 2 ? "CAPS" : null;
    }
}
