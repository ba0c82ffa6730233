namespace AgentWorkspace.Features.Templates;

public enum DiffKind
{
    Equal,
    Insert,
    Delete,
}

public sealed record DiffOp(DiffKind Kind, string Text);

/// <summary>Character-level LCS diff (Chinese has no spaces to split on) for comparing template versions.</summary>
public static class TextDiff
{
    public const int MaxLength = 4000;

    public static List<DiffOp> Compute(string oldText, string newText)
    {
        oldText ??= "";
        newText ??= "";
        if (oldText.Length > MaxLength || newText.Length > MaxLength)
        {
            return [new(DiffKind.Delete, oldText), new(DiffKind.Insert, newText)];
        }
        // Trim the common prefix and suffix first: versions usually differ in one place.
        var prefix = 0;
        while (prefix < oldText.Length && prefix < newText.Length && oldText[prefix] == newText[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < oldText.Length - prefix && suffix < newText.Length - prefix && oldText[^(suffix + 1)] == newText[^(suffix + 1)])
        {
            suffix++;
        }
        var a = oldText[prefix..^suffix];
        var b = newText[prefix..^suffix];
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var ops = new List<DiffOp>();
        Append(ops, DiffKind.Equal, oldText[..prefix]);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Append(ops, DiffKind.Equal, a[x].ToString());
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Deletions before insertions: the side-by-side view reads "was → now".
                Append(ops, DiffKind.Delete, a[x].ToString());
                x++;
            }
            else
            {
                Append(ops, DiffKind.Insert, b[y].ToString());
                y++;
            }
        }
        Append(ops, DiffKind.Equal, oldText[^suffix..]);
        return ops;
    }

    private static void Append(List<DiffOp> ops, DiffKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (ops.Count > 0 && ops[^1].Kind == kind)
        {
            ops[^1] = ops[^1] with { Text = ops[^1].Text + text };
        }
        else
        {
            ops.Add(new DiffOp(kind, text));
        }
    }
}
