using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Templates;

/// <summary>Seed 001's brand-voice rules: impatient, dismissive phrasing is never sent.</summary>
public static class ForbiddenPhrases
{
    public static readonly IReadOnlyList<string> Defaults =
    [
        "这个问题我们已经回答过了",
        "这不是我们的问题",
        "你自己看说明",
        "你自己去查",
        "不归我们管",
        "我也没办法",
        "这是规定",
        "爱买不买",
    ];
}

public sealed record ForbiddenPhraseMatch(string Phrase, int Index);

public static class ForbiddenPhraseChecker
{
    /// <summary>Finds phrases whatever the script or width the text is typed in (folding keeps positions).</summary>
    public static IReadOnlyList<ForbiddenPhraseMatch> Find(string text, IEnumerable<string> phrases)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var folded = ScriptFolding.Fold(text);
        var found = new List<ForbiddenPhraseMatch>();
        foreach (var phrase in phrases)
        {
            if (string.IsNullOrWhiteSpace(phrase))
            {
                continue;
            }
            var at = folded.IndexOf(ScriptFolding.Fold(phrase.Trim()), StringComparison.Ordinal);
            if (at >= 0)
            {
                found.Add(new ForbiddenPhraseMatch(phrase.Trim(), at));
            }
        }
        return found;
    }
}
