using System.Text;
using System.Text.RegularExpressions;

namespace AgentWorkspace.Features.Templates;

public sealed record TemplateSegment(string Text, bool IsMissing);

public sealed record RenderedTemplate(string Text, IReadOnlyList<string> MissingVariables, IReadOnlyList<TemplateSegment> Segments);

public static class TemplateMarkers
{
    /// <summary>What an unfilled variable looks like in the reply box, so the agent sees it at once.</summary>
    public const string MissingPrefix = "【待填写:";

    public static string Missing(string key) => $"{MissingPrefix}{key}】";
}

/// <summary>Fills a template's variables; what cannot be filled stays visibly marked.</summary>
public static partial class TemplateRenderer
{
    /// <summary>Seed 000 §4.1: when the customer is agitated, empathise before any procedure.</summary>
    public const string AgitatedOpener = "非常理解您的着急，";

    private static readonly string[] EmpathyWords = ["理解", "抱歉", "歉意", "不便", "着急", "感谢", "辛苦", "久等"];

    [GeneratedRegex(@"\{\{\s*([^{}]+?)\s*\}\}")]
    internal static partial Regex Placeholder();

    public static RenderedTemplate Render(TemplateParts parts, IReadOnlyDictionary<string, string> values, bool agitated)
    {
        var empathy = parts.Empathy;
        if (agitated && !EmpathyWords.Any(empathy.Contains))
        {
            empathy = AgitatedOpener + empathy;
        }
        var segments = new List<TemplateSegment>();
        var missing = new List<string>();
        foreach (var raw in new[] { empathy, parts.Confirmation, parts.Solution, parts.FollowUp })
        {
            var part = WithoutUnfilledOptional(raw, values);
            var at = 0;
            foreach (Match m in Placeholder().Matches(part))
            {
                Add(part[at..m.Index], false);
                var key = m.Groups[1].Value;
                if (values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    Add(value, false);
                }
                else
                {
                    Add(TemplateMarkers.Missing(key), true);
                    if (!missing.Contains(key))
                    {
                        missing.Add(key);
                    }
                }
                at = m.Index + m.Length;
            }
            Add(part[at..], false);
        }
        var text = new StringBuilder();
        foreach (var s in segments)
        {
            text.Append(s.Text);
        }
        return new RenderedTemplate(text.ToString().Trim(), missing, segments);

        void Add(string text, bool isMissing)
        {
            if (text.Length > 0)
            {
                segments.Add(new TemplateSegment(text, isMissing));
            }
        }
    }

    /// <summary>
    /// Leaves out optional variables nobody filled: a sentence that offers compensation goes as a whole
    /// (it ends at 。！!；), an unknown 客户称呼 goes with its comma (您好，{{客户称呼}}！ → 您好！).
    /// </summary>
    private static string WithoutUnfilledOptional(string part, IReadOnlyDictionary<string, string> values)
    {
        if (!part.Contains("{{", StringComparison.Ordinal))
        {
            return part;
        }
        foreach (Match m in Placeholder().Matches(part).Reverse())
        {
            var key = m.Groups[1].Value;
            if (!TemplateVariables.IsOptional(key) || (values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)))
            {
                continue;
            }
            if (key == TemplateVariables.Compensation.Key)
            {
                var start = part.LastIndexOfAny(SentenceEnds, Math.Max(0, m.Index - 1)) + 1;
                var end = part.IndexOfAny(SentenceEnds, m.Index + m.Length);
                end = end < 0 ? part.Length : end + 1;
                part = part[..start] + part[end..];
                continue;
            }
            var from = m.Index;
            var to = m.Index + m.Length;
            if (from > 0 && part[from - 1] is '，' or ',' or '、')
            {
                from--;
            }
            else if (to < part.Length && part[to] is '，' or ',' or '、')
            {
                to++;
            }
            part = part[..from] + part[to..];
        }
        return part;
    }

    private static readonly char[] SentenceEnds = ['。', '！', '!', '；', ';'];

    /// <summary>The variable keys a text uses.</summary>
    public static IEnumerable<string> VariablesIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value);
}
