using System.Text;
using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Search;

/// <summary>One word of a query: its tokens must appear consecutively; the last one may be a prefix.</summary>
public sealed record SearchWord(IReadOnlyList<string> Tokens, bool LastIsPrefix);

/// <summary>
/// How text becomes index terms, the same way for the SQLite and the PostgreSQL index. Text is folded
/// like the classifier folds it (Traditional → Simplified, width, case), so 無法登錄 finds 无法登录.
/// Chinese has no spaces and most of its words and names are two characters (退款, 王芳), which a
/// trigram index cannot match, so a run of CJK characters is indexed as overlapping bigrams plus
/// its last character (订单号 → 订单 单号 号) and a query is matched as a phrase of its bigrams: any
/// substring of two or more characters is found exactly, a single character by prefix. Latin
/// letters and digits stay whole words (order numbers, customer ids), found whole or by prefix;
/// punctuation, including 【】, separates and is never indexed.
/// </summary>
public static class SearchTerms
{
    /// <summary>Longest query text taken; longer input is cut (a search box, not a document).</summary>
    public const int MaxQueryLength = 100;

    /// <summary>At most this many words are combined (each narrows the result).</summary>
    public const int MaxWords = 8;

    /// <summary>The space-separated terms to index for <paramref name="text"/>.</summary>
    public static string ForIndex(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length * 3);
        foreach (var token in Tokens(ScriptFolding.Fold(text), keepLastOfFinalRun: true))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }
            builder.Append(token.Text);
        }
        return builder.ToString();
    }

    /// <summary>The words of a query (split on spaces); empty when nothing searchable remains.</summary>
    public static IReadOnlyList<SearchWord> ForQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        var text = query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
        var words = new List<SearchWord>();
        foreach (var part in ScriptFolding.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = Tokens(part, keepLastOfFinalRun: false).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }
            var last = tokens[^1];
            // A whole final word may continue in the text (2305 → 230518001); a single final CJK
            // character is found as the start of a bigram. A final run of two or more CJK characters
            // is complete as bigrams.
            var prefix = !last.Cjk || last.Text.Length == 1;
            var word = new SearchWord([.. tokens.Select(t => t.Text)], prefix);
            if (!words.Contains(word, WordComparer.Instance))
            {
                words.Add(word);
            }
            if (words.Count == MaxWords)
            {
                break;
            }
        }
        return words;
    }

    private readonly record struct Token(string Text, bool Cjk);

    /// <param name="keepLastOfFinalRun">
    /// The index keeps each CJK run's last character as a token of its own (so one character is
    /// found by prefix wherever it stands); a query drops it from its final run, whose text may go on.
    /// </param>
    private static IEnumerable<Token> Tokens(string folded, bool keepLastOfFinalRun)
    {
        var i = 0;
        while (i < folded.Length)
        {
            var kind = KindOf(folded[i]);
            if (kind == CharKind.Separator)
            {
                i++;
                continue;
            }
            var start = i;
            while (i < folded.Length && KindOf(folded[i]) == kind)
            {
                i++;
            }
            var run = folded[start..i];
            if (kind == CharKind.Word)
            {
                yield return new Token(run, false);
                continue;
            }
            for (var j = 0; j + 1 < run.Length; j++)
            {
                yield return new Token(run.Substring(j, 2), true);
            }
            var isFinalRun = !HasMoreTokens(folded, i);
            if (run.Length == 1 || keepLastOfFinalRun || !isFinalRun)
            {
                yield return new Token(run[^1].ToString(), true);
            }
        }
    }

    private static bool HasMoreTokens(string folded, int from)
    {
        for (var k = from; k < folded.Length; k++)
        {
            if (KindOf(folded[k]) != CharKind.Separator)
            {
                return true;
            }
        }
        return false;
    }

    private enum CharKind
    {
        Separator,
        Word,
        Cjk,
    }

    // Ideographs, kana and hangul are letters from U+2E80 on; surrogate halves (rare extension
    // ideographs) are treated as separators rather than split into meaningless halves.
    private static CharKind KindOf(char c) =>
        c < 0x80 ? (char.IsAsciiLetterOrDigit(c) ? CharKind.Word : CharKind.Separator)
        : char.IsSurrogate(c) ? CharKind.Separator
        : c >= 0x2E80 && char.IsLetter(c) ? CharKind.Cjk
        : char.IsLetterOrDigit(c) ? CharKind.Word
        : CharKind.Separator;

    private sealed class WordComparer : IEqualityComparer<SearchWord>
    {
        public static readonly WordComparer Instance = new();

        public bool Equals(SearchWord? x, SearchWord? y) =>
            x is not null && y is not null && x.LastIsPrefix == y.LastIsPrefix && x.Tokens.SequenceEqual(y.Tokens);

        public int GetHashCode(SearchWord obj) => obj.Tokens.Count;
    }
}
