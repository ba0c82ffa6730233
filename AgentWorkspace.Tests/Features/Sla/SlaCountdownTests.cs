using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Sla;

public sealed class SlaCountdownTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "05:00", SlaTone.Green)]
    [InlineData(149, "02:31", SlaTone.Green)]
    [InlineData(150, "02:30", SlaTone.Amber)]
    [InlineData(239, "01:01", SlaTone.Amber)]
    [InlineData(240, "01:00", SlaTone.Red)]
    [InlineData(299, "00:01", SlaTone.Red)]
    [InlineData(300, "00:00", SlaTone.Red)]
    [InlineData(301, "+00:01", SlaTone.Breached)]
    [InlineData(300 + 3725, "+1:02:05", SlaTone.Breached)]
    public void Urgent_five_minute_countdown_goes_green_amber_red_then_counts_up(int secondsElapsed, string text, SlaTone tone)
    {
        var countdown = SlaCountdown.For(Start, Start.AddMinutes(5), Start.AddSeconds(secondsElapsed));
        Assert.Equal(text, countdown.Text);
        Assert.Equal(tone, countdown.Tone);
    }

    [Fact]
    public void Long_due_times_show_hours()
    {
        var countdown = SlaCountdown.For(Start, Start.AddHours(24), Start.AddSeconds(1));
        Assert.Equal("23:59:59", countdown.Text);
        Assert.Equal(SlaTone.Green, countdown.Tone);
    }

    [Fact]
    public void At_risk_means_under_a_fifth_of_the_sla_left()
    {
        Assert.False(SlaCountdown.IsAtRisk(Start, Start.AddHours(2), Start.AddMinutes(95)));
        Assert.True(SlaCountdown.IsAtRisk(Start, Start.AddHours(2), Start.AddMinutes(97)));
    }

    [Theory]
    [InlineData(0, 150)]
    [InlineData(149, 150)]
    [InlineData(150, 240)]
    [InlineData(239.5, 240)]
    [InlineData(240, 300)]
    [InlineData(300, 300)]
    public void The_next_tone_change_is_the_first_instant_the_tone_differs(double secondsElapsed, double changeAt)
    {
        var due = Start.AddMinutes(5);
        var now = Start.AddSeconds(secondsElapsed);

        var next = SlaCountdown.NextToneChange(Start, due, now);

        Assert.NotNull(next);
        // Due itself is still red: breached is strictly after, one tick on.
        Assert.Equal(changeAt == 300 ? due.AddTicks(1) : Start.AddSeconds(changeAt), next);
        Assert.NotEqual(SlaCountdown.For(Start, due, now).Tone, SlaCountdown.For(Start, due, next.Value).Tone);
        Assert.Equal(SlaCountdown.For(Start, due, now).Tone, SlaCountdown.For(Start, due, next.Value.AddTicks(-1)).Tone);
    }

    [Fact]
    public void A_breached_clock_never_changes_tone_again()
    {
        Assert.Null(SlaCountdown.NextToneChange(Start, Start.AddMinutes(5), Start.AddMinutes(5).AddTicks(1)));
        Assert.Null(SlaCountdown.NextToneChange(Start, Start.AddMinutes(5), Start.AddHours(3)));
    }
}
