using Microsoft.Extensions.Time.Testing;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// Where fake clocks start. Never a fixed calendar date: a sign-in cookie issued on fake time is
/// dropped by the HTTP client once the real clock passes its expiry, so a clock pinned to a past
/// day breaks every test that signs in on a later day. Always a Monday 09:00 in the team's zone
/// (Asia/Shanghai), so "today" and "this week" hold the same shape whenever the suite runs.
/// </summary>
public static class TestClock
{
    private static readonly TimeSpan TeamOffset = TimeSpan.FromHours(8);

    /// <summary>The first Monday 09:00 (+08:00) after the real now: between 0 and 7 days ahead.</summary>
    public static DateTimeOffset NextMondayMorning(DateTimeOffset? realNow = null)
    {
        var local = (realNow ?? DateTimeOffset.UtcNow).ToOffset(TeamOffset);
        var days = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var monday = new DateTimeOffset(local.Date.AddDays(days).AddHours(9), TeamOffset);
        return monday > local ? monday : monday.AddDays(7);
    }

    public static FakeTimeProvider NewFake() => new(NextMondayMorning());
}
