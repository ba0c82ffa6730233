using System.Text;

namespace AgentWorkspace.Features.Templates;

public enum DiffKind
{
    Equal,
    Insert,
    Delete,
}

public sealed record DiffOp(DiffKind Kind, string Text);

/// <summary>
/// Character-level diff (Chinese has no spaces to split on) for comparing template versions.
/// Myers' algorithm in its linear-space form (middle snake, divide and conquer): the editor
/// recomputes it as the lead types, and a table of lengths for two 4,000-character versions
/// would cost 64 MB per keystroke; this costs two vectors of N+M integers per split.
/// </summary>
public static class TextDiff
{
    public const int MaxLength = 4000;

    public static List<DiffOp> Compute(string oldText, string newText)
    {
        oldText ??= "";
        newText ??= "";
        var ops = new DiffBuilder();
        if (oldText.Length > MaxLength || newText.Length > MaxLength)
        {
            ops.Add(DiffKind.Delete, oldText);
            ops.Add(DiffKind.Insert, newText);
        }
        else
        {
            Diff(oldText.AsSpan(), newText.AsSpan(), ops);
        }
        return ops.Build();
    }

    private static void Diff(ReadOnlySpan<char> a, ReadOnlySpan<char> b, DiffBuilder ops)
    {
        // Versions usually differ in one place: the common prefix and suffix cost nothing more.
        var prefix = a.CommonPrefixLength(b);
        ops.Add(DiffKind.Equal, a[..prefix]);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = CommonSuffixLength(a, b);
        var tail = a[(a.Length - suffix)..];
        a = a[..^suffix];
        b = b[..^suffix];

        if (a.IsEmpty || b.IsEmpty)
        {
            ops.Add(DiffKind.Delete, a);
            ops.Add(DiffKind.Insert, b);
        }
        else if (MiddleSnake(a, b) is var (x, y))
        {
            Diff(a[..x], b[..y], ops);
            Diff(a[x..], b[y..], ops);
        }
        else
        {
            ops.Add(DiffKind.Delete, a);
            ops.Add(DiffKind.Insert, b);
        }
        ops.Add(DiffKind.Equal, tail);
    }

    /// <summary>
    /// Where the forward and backward searches for the shortest edit script first overlap
    /// (Myers 1986, §4b): a point on an optimal path, so each half can be diffed on its own.
    /// </summary>
    private static (int X, int Y)? MiddleSnake(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int n = a.Length, m = b.Length;
        var maxD = (n + m + 1) / 2;
        var offset = maxD;
        var length = 2 * maxD + 2;
        var forward = new int[length];
        var backward = new int[length];
        Array.Fill(forward, -1);
        Array.Fill(backward, -1);
        forward[offset + 1] = 0;
        backward[offset + 1] = 0;
        var delta = n - m;
        var forwardChecks = delta % 2 != 0;
        int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
        for (var d = 0; d < maxD; d++)
        {
            for (var k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
            {
                var i1 = offset + k1;
                var x1 = k1 == -d || (k1 != d && forward[i1 - 1] < forward[i1 + 1]) ? forward[i1 + 1] : forward[i1 - 1] + 1;
                var y1 = x1 - k1;
                while (x1 < n && y1 < m && a[x1] == b[y1])
                {
                    x1++;
                    y1++;
                }
                forward[i1] = x1;
                if (x1 > n)
                {
                    k1End += 2;
                }
                else if (y1 > m)
                {
                    k1Start += 2;
                }
                else if (forwardChecks)
                {
                    var i2 = offset + delta - k1;
                    if (i2 >= 0 && i2 < length && backward[i2] != -1 && x1 >= n - backward[i2])
                    {
                        return (x1, y1);
                    }
                }
            }
            for (var k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
            {
                var i2 = offset + k2;
                var x2 = k2 == -d || (k2 != d && backward[i2 - 1] < backward[i2 + 1]) ? backward[i2 + 1] : backward[i2 - 1] + 1;
                var y2 = x2 - k2;
                while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1])
                {
                    x2++;
                    y2++;
                }
                backward[i2] = x2;
                if (x2 > n)
                {
                    k2End += 2;
                }
                else if (y2 > m)
                {
                    k2Start += 2;
                }
                else if (!forwardChecks)
                {
                    var i1 = offset + delta - k2;
                    if (i1 >= 0 && i1 < length && forward[i1] != -1)
                    {
                        var x1 = forward[i1];
                        var y1 = offset + x1 - i1;
                        if (x1 >= n - x2)
                        {
                            return (x1, y1);
                        }
                    }
                }
            }
        }
        return null;
    }

    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[^(n + 1)] == b[^(n + 1)])
        {
            n++;
        }
        return n;
    }

    /// <summary>
    /// Merges runs as they come; between two equal runs all deletions come before all insertions,
    /// so the side-by-side view reads "was → now".
    /// </summary>
    private sealed class DiffBuilder
    {
        private readonly List<DiffOp> _ops = [];
        private readonly StringBuilder _deleted = new();
        private readonly StringBuilder _inserted = new();
        private readonly StringBuilder _equal = new();

        public void Add(DiffKind kind, ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return;
            }
            if (kind == DiffKind.Equal)
            {
                FlushChanges();
                _equal.Append(text);
            }
            else
            {
                FlushEqual();
                (kind == DiffKind.Delete ? _deleted : _inserted).Append(text);
            }
        }

        public List<DiffOp> Build()
        {
            FlushChanges();
            FlushEqual();
            return _ops;
        }

        private void FlushEqual() => Flush(DiffKind.Equal, _equal);

        private void FlushChanges()
        {
            Flush(DiffKind.Delete, _deleted);
            Flush(DiffKind.Insert, _inserted);
        }

        private void Flush(DiffKind kind, StringBuilder text)
        {
            if (text.Length > 0)
            {
                _ops.Add(new DiffOp(kind, text.ToString()));
                text.Clear();
            }
        }
    }
}
