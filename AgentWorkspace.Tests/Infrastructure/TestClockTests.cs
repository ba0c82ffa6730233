namespace AgentWorkspace.Tests.Infrastructure;

public sealed class TestClockTests
{
    [Theory]
    [InlineData("2026-11-23T08:59:00+08:00", "2026-11-23T09:00:00+08:00")] // Monday before nine: the same morning
    [InlineData("2026-11-23T09:00:00+08:00", "2026-11-30T09:00:00+08:00")] // Monday at nine: strictly after
    [InlineData("2026-12-01T21:00:00+00:00", "2026-12-07T09:00:00+08:00")] // Wednesday 05:00 in Shanghai
    [InlineData("2026-12-06T23:30:00+00:00", "2026-12-07T09:00:00+08:00")] // Sunday UTC is already Monday in Shanghai
    public void Fake_clocks_start_on_the_next_monday_morning_after_the_real_now(string realNow, string expected)
    {
        var start = TestClock.NextMondayMorning(DateTimeOffset.Parse(realNow, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(DayOfWeek.Monday, start.ToOffset(TimeSpan.FromHours(8)).DayOfWeek);
    }

    [Fact]
    public void A_new_fake_clock_is_never_behind_the_real_one()
    {
        var clock = TestClock.NewFake();

        Assert.True(clock.GetUtcNow() > DateTimeOffset.UtcNow);
        Assert.True(clock.GetUtcNow() - DateTimeOffset.UtcNow <= TimeSpan.FromDays(7));
    }
}
