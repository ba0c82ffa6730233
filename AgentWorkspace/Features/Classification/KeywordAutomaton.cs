namespace AgentWorkspace.Features.Classification;

/// <summary>
/// Aho–Corasick over folded keywords, compiled to a dense DFA on a compressed alphabet: one array
/// read per character of text, whatever the number of keywords. Immutable and thread-safe.
/// </summary>
public sealed class KeywordAutomaton
{
    private readonly ushort[] _alphabet;     // char → column (0 = not in any keyword)
    private readonly int _columns;
    private readonly int[] _delta;           // state * _columns + column → next state
    private readonly int[] _outputStart;     // state → start in _outputs (length states + 1)
    private readonly int[] _outputs;         // keyword indexes ending at each state, failure chain included

    public KeywordAutomaton(IReadOnlyList<string> foldedKeywords)
    {
        KeywordCount = foldedKeywords.Count;
        _alphabet = new ushort[char.MaxValue + 1];
        ushort next = 1;
        foreach (var keyword in foldedKeywords)
        {
            foreach (var c in keyword)
            {
                if (_alphabet[c] == 0)
                {
                    _alphabet[c] = next++;
                }
            }
        }
        _columns = next;

        // Trie with goto transitions.
        var transitions = new List<int[]> { NewRow() };
        var ends = new List<List<int>> { new() };
        for (var k = 0; k < foldedKeywords.Count; k++)
        {
            var state = 0;
            foreach (var c in foldedKeywords[k])
            {
                var column = _alphabet[c];
                if (transitions[state][column] == 0)
                {
                    transitions.Add(NewRow());
                    ends.Add([]);
                    transitions[state][column] = transitions.Count - 1;
                }
                state = transitions[state][column];
            }
            if (foldedKeywords[k].Length > 0)
            {
                ends[state].Add(k);
            }
        }

        // Breadth-first failure links, turning the trie into a DFA and merging outputs along the chain.
        var states = transitions.Count;
        var fail = new int[states];
        var queue = new Queue<int>();
        for (var column = 1; column < _columns; column++)
        {
            if (transitions[0][column] is var child and > 0)
            {
                fail[child] = 0;
                queue.Enqueue(child);
            }
        }
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            ends[state].AddRange(ends[fail[state]]);
            for (var column = 1; column < _columns; column++)
            {
                var child = transitions[state][column];
                if (child > 0)
                {
                    fail[child] = transitions[fail[state]][column];
                    queue.Enqueue(child);
                }
                else
                {
                    transitions[state][column] = transitions[fail[state]][column];
                }
            }
        }

        _delta = new int[states * _columns];
        _outputStart = new int[states + 1];
        var outputs = new List<int>();
        for (var s = 0; s < states; s++)
        {
            Array.Copy(transitions[s], 0, _delta, s * _columns, _columns);
            _outputStart[s] = outputs.Count;
            outputs.AddRange(ends[s].Distinct());
        }
        _outputStart[states] = outputs.Count;
        _outputs = [.. outputs];
        StateCount = states;

        int[] NewRow() => new int[_columns];
    }

    public int KeywordCount { get; }
    public int StateCount { get; }

    /// <summary>
    /// One pass over already folded <paramref name="text"/>: writes the index of each keyword found
    /// (first occurrence only, in order of appearance) into <paramref name="found"/>; returns how many.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, Span<int> found)
    {
        var count = 0;
        var current = 0;
        for (var i = 0; i < text.Length; i++)
        {
            current = _delta[current * _columns + _alphabet[text[i]]];
            for (var o = _outputStart[current]; o < _outputStart[current + 1]; o++)
            {
                var keyword = _outputs[o];
                if (count < found.Length && found[..count].IndexOf(keyword) < 0)
                {
                    found[count++] = keyword;
                }
            }
        }
        return count;
    }

    /// <summary>
    /// One pass over already folded <paramref name="text"/> recording every occurrence (keyword index
    /// and the position of its last character), in order of end position, up to the span's length.
    /// Combination rules need positions and repeats; the plain keyword list only needs <see cref="Scan"/>.
    /// </summary>
    public int ScanAll(ReadOnlySpan<char> text, Span<KeywordHit> found)
    {
        var count = 0;
        var current = 0;
        for (var i = 0; i < text.Length; i++)
        {
            current = _delta[current * _columns + _alphabet[text[i]]];
            for (var o = _outputStart[current]; o < _outputStart[current + 1] && count < found.Length; o++)
            {
                found[count++] = new KeywordHit(_outputs[o], i);
            }
        }
        return count;
    }
}

/// <summary>An occurrence of keyword <see cref="Keyword"/> ending at (and including) <see cref="End"/>.</summary>
public readonly record struct KeywordHit(int Keyword, int End);
