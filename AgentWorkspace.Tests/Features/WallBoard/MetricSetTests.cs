using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.WallBoard;

namespace AgentWorkspace.Tests.Features.WallBoard;

public sealed class MetricSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static MetricRow Row(int respondAfterSeconds = -1, int dueSeconds = 300, bool resolved = false, int resolveCount = 0,
        SatisfactionAnswer? satisfaction = null, bool escalated = false, double? classifySeconds = null, bool auto = false,
        ConversationStatus status = ConversationStatus.Open) => new(
        T0,
        T0.AddSeconds(dueSeconds),
        respondAfterSeconds >= 0 ? T0.AddSeconds(respondAfterSeconds) : null,
        respondAfterSeconds > dueSeconds,
        resolved ? T0.AddMinutes(30) : null,
        resolveCount,
        satisfaction,
        escalated,
        classifySeconds,
        auto,
        classifySeconds is null ? null : T0.AddSeconds(classifySeconds.Value),
        "agent1",
        Priority.Urgent,
        Channel.Chat,
        Category.Consultation,
        status);

    [Fact]
    public void Empty_day_has_no_figures_rather_than_zeros()
    {
        var m = MetricSet.Of([], T0);
        Assert.Equal(0, m.Conversations);
        Assert.Null(m.ResponseCompliance);
        Assert.Null(m.AverageFirstResponse);
        Assert.Null(m.Csat);
        Assert.Null(m.FirstContactResolution);
        Assert.Null(m.EscalationRate);
        Assert.Null(m.ClassifiedWithin10s);
    }

    [Fact]
    public void Compliance_counts_late_answers_and_unanswered_breaches_against_the_team()
    {
        MetricRow[] rows =
        [
            Row(respondAfterSeconds: 60),
            Row(respondAfterSeconds: 120),
            Row(respondAfterSeconds: 400),                  // answered after the 5-minute SLA
            Row(),                                           // still waiting, already past due at T0+10 min
            Row(dueSeconds: 3600),                           // still waiting, not yet due: not judged
        ];

        var m = MetricSet.Of(rows, T0.AddMinutes(10));

        Assert.Equal(3, m.Responded);
        Assert.Equal(2, m.WithinSla);
        Assert.Equal(1, m.BreachedUnanswered);
        Assert.Equal(0.5, m.ResponseCompliance);
        Assert.Equal(TimeSpan.FromSeconds((60 + 120 + 400) / 3.0), m.AverageFirstResponse);
    }

    [Fact]
    public void Csat_fcr_escalation_rate_and_classification_speed_have_known_answers()
    {
        MetricRow[] rows =
        [
            Row(resolved: true, resolveCount: 1, satisfaction: SatisfactionAnswer.Satisfied, classifySeconds: 4),
            Row(resolved: true, resolveCount: 2, satisfaction: SatisfactionAnswer.Satisfied, classifySeconds: 9),
            Row(resolved: true, resolveCount: 1, satisfaction: SatisfactionAnswer.Unresolved, classifySeconds: 10, auto: true),
            Row(resolved: true, resolveCount: 1, satisfaction: SatisfactionAnswer.Unsatisfied, escalated: true, classifySeconds: 15),
        ];

        var m = MetricSet.Of(rows, T0.AddHours(1));

        Assert.Equal(0.5, m.Csat);                       // 2 of 4 answered 满意
        Assert.Equal(0.5, m.FirstContactResolution);     // reopened once, and 未解决, do not count
        Assert.Equal(0.25, m.EscalationRate);
        Assert.Equal(0.5, m.ClassifiedWithin10s);        // auto-accepted and 15 s do not count
    }

    [Theory]
    [InlineData(0.95, 0.9, TileState.Good)]
    [InlineData(0.9, 0.9, TileState.Good)]
    [InlineData(0.89, 0.9, TileState.Bad)]
    public void At_least_targets_colour_green_or_red(double value, double target, TileState expected) =>
        Assert.Equal(expected, Targets.AtLeast(value, target));

    [Fact]
    public void At_most_targets_colour_the_other_way_and_no_data_is_neither()
    {
        Assert.Equal(TileState.Good, Targets.AtMost(0.04, 0.05));
        Assert.Equal(TileState.Bad, Targets.AtMost(0.06, 0.05));
        Assert.Equal(TileState.NoData, Targets.AtMost(null, 0.05));
    }
}
