using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Tests.Features.Conversations;

public sealed class SatisfactionFiguresTests
{
    [Fact]
    public void Satisfied_share_counts_only_answered_checks()
    {
        SatisfactionAnswer?[] answers = [SatisfactionAnswer.Satisfied, null, SatisfactionAnswer.Unsatisfied, SatisfactionAnswer.Satisfied, SatisfactionAnswer.Unresolved];

        Assert.Equal(0.5, SatisfactionFigures.SatisfiedShare(answers));
        Assert.Null(SatisfactionFigures.SatisfiedShare([null, null]));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        TimeSpan[] spans = [TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(100)];

        Assert.Equal(TimeSpan.FromMinutes(35), SatisfactionFigures.Median(spans));
        Assert.Equal(TimeSpan.FromMinutes(30), SatisfactionFigures.Median(spans[..3]));
        Assert.Null(SatisfactionFigures.Median([]));
    }
}
