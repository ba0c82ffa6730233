using System.Globalization;
using System.Text;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification;

/// <summary>One labelled message of the evaluation set: the labels an experienced agent gives it.</summary>
public sealed record EvaluationCase(int Line, Category Category, Priority Priority, bool Agitated, bool NeedsCollaboration, bool Ambiguous, bool Vip, string Text);

/// <summary>A message whose hint differs from its labels, field by field.</summary>
public sealed record EvaluationMiss(EvaluationCase Case, ClassificationResult Result, IReadOnlyList<string> Fields);

/// <summary>Accuracy per field and the confusion matrices of category and priority.</summary>
public sealed record EvaluationReport(
    int Count,
    IReadOnlyDictionary<string, double> Accuracy,
    int[,] CategoryConfusion,
    int[,] PriorityConfusion,
    IReadOnlyList<EvaluationMiss> Misses)
{
    public string Format()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{Count} messages");
        foreach (var (field, accuracy) in Accuracy)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {field,-20} {accuracy,8:P1}");
        }
        Matrix(s, "category (rows: expected, columns: hint)", Enum.GetNames<Category>(), CategoryConfusion);
        Matrix(s, "priority (rows: expected, columns: hint)", Enum.GetNames<Priority>(), PriorityConfusion);
        if (Misses.Count > 0)
        {
            s.AppendLine().AppendLine("misses:");
            foreach (var m in Misses)
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"  line {m.Case.Line}: {string.Join(", ", m.Fields)} — expected {m.Case.Category}/{m.Case.Priority}, got {m.Result.Category}/{m.Result.Priority} a={m.Result.Agitated} c={m.Result.NeedsCollaboration} q={m.Result.Ambiguous} [{string.Join(" ", m.Result.MatchedKeywords)}] {m.Case.Text}");
            }
        }
        return s.ToString();
    }

    private static void Matrix(StringBuilder s, string title, string[] names, int[,] m)
    {
        s.AppendLine().AppendLine(title);
        s.Append(' ', 18);
        foreach (var n in names)
        {
            s.Append(CultureInfo.InvariantCulture, $"{Short(n),8}");
        }
        s.AppendLine();
        for (var r = 0; r < names.Length; r++)
        {
            s.Append(CultureInfo.InvariantCulture, $"  {names[r],-16}");
            for (var c = 0; c < names.Length; c++)
            {
                s.Append(CultureInfo.InvariantCulture, $"{m[r, c],8}");
            }
            s.AppendLine();
        }
    }

    private static string Short(string name) => name.Length > 7 ? name[..7] : name;
}

/// <summary>
/// Scores the classifier against a labelled set (AgentWorkspace.Benchmarks/classifier-evaluation.tsv):
/// tab-separated category, priority, agitated, needsCollaboration, ambiguous, vip (0/1), text; # comments.
/// </summary>
public static class ClassifierEvaluation
{
    public static readonly string[] Fields = ["category", "priority", "agitated", "needsCollaboration", "ambiguous"];

    public static List<EvaluationCase> Parse(TextReader reader)
    {
        var cases = new List<EvaluationCase>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }
            var f = text.Split('\t', 7);
            if (f.Length != 7)
            {
                throw new FormatException($"line {line}: expected 7 tab-separated columns, found {f.Length}.");
            }
            cases.Add(new EvaluationCase(line, Enum.Parse<Category>(f[0]), Enum.Parse<Priority>(f[1]), Flag(f[2], line), Flag(f[3], line), Flag(f[4], line), Flag(f[5], line), f[6]));
        }
        return cases;
    }

    public static EvaluationReport Run(Classifier classifier, IReadOnlyList<EvaluationCase> cases)
    {
        var right = new int[Fields.Length];
        var categories = new int[5, 5];
        var priorities = new int[4, 4];
        var misses = new List<EvaluationMiss>();
        foreach (var c in cases)
        {
            var r = classifier.Classify(c.Text, Channel.Chat, c.Vip);
            bool[] ok = [r.Category == c.Category, r.Priority == c.Priority, r.Agitated == c.Agitated, r.NeedsCollaboration == c.NeedsCollaboration, r.Ambiguous == c.Ambiguous];
            for (var i = 0; i < ok.Length; i++)
            {
                right[i] += ok[i] ? 1 : 0;
            }
            categories[(int)c.Category, (int)r.Category]++;
            priorities[(int)c.Priority, (int)r.Priority]++;
            if (ok.Contains(false))
            {
                misses.Add(new EvaluationMiss(c, r, [.. Fields.Where((_, i) => !ok[i])]));
            }
        }
        var accuracy = new Dictionary<string, double>();
        for (var i = 0; i < Fields.Length; i++)
        {
            accuracy[Fields[i]] = cases.Count == 0 ? 0 : (double)right[i] / cases.Count;
        }
        return new EvaluationReport(cases.Count, accuracy, categories, priorities, misses);
    }

    private static bool Flag(string text, int line) => text.Trim() switch
    {
        "1" => true,
        "0" => false,
        _ => throw new FormatException($"line {line}: a flag is 0 or 1, not '{text}'."),
    };
}
