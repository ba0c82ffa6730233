namespace AgentWorkspace.Features.Classification;

/// <summary>
/// The live classifier. A reload compiles the new table off to the side and swaps one reference,
/// so classification never waits for a team lead's edit.
/// </summary>
public sealed class KeywordTable
{
    private Classifier _current = Classifier.Build(KeywordTableDefaults.Create());

    public Classifier Current => Volatile.Read(ref _current);

    public void Replace(IEnumerable<KeywordEntry> rows) => Volatile.Write(ref _current, Classifier.Build(rows));
}
