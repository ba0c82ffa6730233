using AgentWorkspace.Features;

namespace AgentWorkspace.Tests.Features;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("24:00:00", 24 * 3600)]
    [InlineData("01:00:00", 3600)]
    [InlineData("00:03:00", 180)]
    [InlineData("00:00:05", 5)]
    [InlineData("36:30:00", 36 * 3600 + 1800)]
    [InlineData("1.00:00:00", 24 * 3600)]
    public void Hours_may_exceed_23_so_24_00_00_means_a_day(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));
}
