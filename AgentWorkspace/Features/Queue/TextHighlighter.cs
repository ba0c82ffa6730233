using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Queue;

public static class TextHighlighter
{
    /// <summary>
    /// Splits text into plain and keyword segments. Matching runs on the folded text (Traditional →
    /// Simplified, width, case), which folds char for char, so positions map back to the original.
    /// </summary>
    public static IEnumerable<(string Segment, bool Hit)> Split(string text, IReadOnlyList<string> keywords)
    {
        if (string.IsNullOrEmpty(text) || keywords.Count == 0)
        {
            yield return (text ?? "", false);
            yield break;
        }
        var folded = ScriptFolding.Fold(text);
        var marks = new bool[text.Length];
        foreach (var keyword in keywords)
        {
            var key = ScriptFolding.Fold(keyword);
            if (key.Length == 0)
            {
                continue;
            }
            for (var at = folded.IndexOf(key, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(key, at + key.Length, StringComparison.Ordinal))
            {
                Array.Fill(marks, true, at, key.Length);
            }
        }
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || marks[i] != marks[start])
            {
                yield return (text[start..i], marks[start]);
                start = i;
            }
        }
    }
}
