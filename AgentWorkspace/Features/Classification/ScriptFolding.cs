namespace AgentWorkspace.Features.Classification;

/// <summary>
/// Folds text so keywords match whatever the customer typed: Traditional → Simplified (無法登錄 =
/// 无法登录), full-width → half-width (ＡＰＰ！ = app!), ASCII case. One char in, one char out, so
/// positions in the folded text are positions in the original.
/// </summary>
public static class ScriptFolding
{
    private const string ResourceName = "AgentWorkspace.Classification.TraditionalToSimplified.txt";

    /// <summary>The whole fold as one lookup per UTF-16 unit.</summary>
    private static readonly char[] Map = BuildMap();

    public static char Fold(char c) => Map[c];

    public static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Map[source[i]];
        }
        return source.Length;
    }

    public static string Fold(string text) => string.Create(text.Length, text, static (span, s) => Fold(s, span));

    /// <summary>Number of Traditional → Simplified pairs loaded (for tests and diagnostics).</summary>
    public static int TraditionalPairs { get; private set; }

    private static char[] BuildMap()
    {
        var map = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            map[c] = (char)c;
        }
        // Full-width ASCII variants (！ through ～) and the ideographic space.
        for (var c = 0xFF01; c <= 0xFF5E; c++)
        {
            map[c] = (char)(c - 0xFEE0);
        }
        map[0x3000] = ' ';
        using (var stream = typeof(ScriptFolding).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing."))
        using (var reader = new StreamReader(stream))
        {
            var pairs = 0;
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 2 && line[0] != '#')
                {
                    map[line[0]] = line[1];
                    pairs++;
                }
            }
            TraditionalPairs = pairs;
        }
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (map[c] is >= 'A' and <= 'Z')
            {
                map[c] = (char)(map[c] + 32);
            }
        }
        return map;
    }
}
