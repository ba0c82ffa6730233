namespace AgentWorkspace.Features.Conversations;

/// <summary>The figures built on satisfaction answers, computed one way for the template list and the weekly report.</summary>
public static class SatisfactionFigures
{
    /// <summary>满意 among the answered checks (unanswered ones are left out); null when none was answered.</summary>
    public static double? SatisfiedShare(IEnumerable<SatisfactionAnswer?> answers)
    {
        int answered = 0, satisfied = 0;
        foreach (var answer in answers)
        {
            if (answer is { } a)
            {
                answered++;
                satisfied += a == SatisfactionAnswer.Satisfied ? 1 : 0;
            }
        }
        return answered == 0 ? null : satisfied / (double)answered;
    }

    /// <summary>The median: the middle value, or the mean of the two middle ones; null when there is none.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> spans)
    {
        var sorted = spans.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
