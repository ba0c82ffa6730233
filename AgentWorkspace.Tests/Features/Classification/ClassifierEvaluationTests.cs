using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Classification;

/// <summary>The labelled evaluation set the README's figures come from must meet the goals.</summary>
public sealed class ClassifierEvaluationTests
{
    [Fact]
    public void The_seeded_table_meets_the_goals_on_the_evaluation_set()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "classifier-evaluation.tsv"));
        var cases = ClassifierEvaluation.Parse(reader);
        Assert.True(cases.Count >= 300, $"{cases.Count} messages");
        Assert.Contains(cases, c => c.Text != ScriptFolding.Fold(c.Text) && c.Text.Any(ch => ch > 0x2E80));
        foreach (var category in Enum.GetValues<Category>())
        {
            Assert.Contains(cases, c => c.Category == category);
        }
        foreach (var priority in Enum.GetValues<Priority>())
        {
            Assert.Contains(cases, c => c.Priority == priority);
        }

        var report = ClassifierEvaluation.Run(Classifier.Build(KeywordTableDefaults.Create()), cases);

        var detail = report.Format();
        Assert.True(report.Accuracy["category"] >= 0.95, detail);
        Assert.True(report.Accuracy["priority"] >= 0.90, detail);
        foreach (var flag in new[] { "agitated", "needsCollaboration", "ambiguous" })
        {
            Assert.True(report.Accuracy[flag] >= 0.90, detail);
        }
    }

    [Fact]
    public void A_malformed_line_names_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => ClassifierEvaluation.Parse(new StringReader("# header\nConsultation\tMedium\t0\t0\t2\t0\t你好")));
        Assert.Contains("line 2", ex.Message);
    }
}
