using System.Diagnostics;
using System.Globalization;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// The seeded keyword table against the labelled evaluation set: accuracy per field, confusion
/// matrices, every miss; then a single-threaded throughput pass over the same messages.
/// </summary>
public static class AccuracyHarness
{
    public static void Run(string? path)
    {
        path = Path.Combine(AppContext.BaseDirectory, path ?? "classifier-evaluation.tsv");
        List<EvaluationCase> cases;
        using (var reader = File.OpenText(path))
        {
            cases = ClassifierEvaluation.Parse(reader);
        }
        var classifier = Classifier.Build(KeywordTableDefaults.Create());
        var report = ClassifierEvaluation.Run(classifier, cases);
        Console.WriteLine(report.Format());

        // Throughput on the evaluation messages themselves (BenchmarkDotNet's "classifier" mode is the reference figure).
        var texts = cases.Select(c => c.Text).ToArray();
        for (var i = 0; i < 200_000; i++)
        {
            classifier.Classify(texts[i % texts.Length], Channel.Chat, (i & 7) == 0);
        }
        const int n = 3_000_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            classifier.Classify(texts[i % texts.Length], Channel.Chat, (i & 7) == 0);
        }
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {n / watch.Elapsed.TotalSeconds:N0} messages/s on one thread ({watch.Elapsed.TotalNanoseconds / n:N0} ns each)"));
    }
}
