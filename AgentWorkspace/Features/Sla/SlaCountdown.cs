namespace AgentWorkspace.Features.Sla;

public enum SlaTone
{
    /// <summary>More than half of the SLA left.</summary>
    Green,

    /// <summary>Between a fifth and a half left.</summary>
    Amber,

    /// <summary>Under a fifth left (the wall board's "at risk").</summary>
    Red,

    /// <summary>Past due: the clock counts up.</summary>
    Breached,

    /// <summary>The clock stopped (first response given).</summary>
    Stopped,

    /// <summary>No agent SLA applies (self-service): nothing counts down, nothing breaches.</summary>
    NoTarget,
}

public readonly record struct Countdown(string Text, SlaTone Tone)
{
    public bool Breached => Tone == SlaTone.Breached;
}

/// <summary>The countdown every queue row and the wall board show; pure so tests pin its edges.</summary>
public static class SlaCountdown
{
    public const double AtRiskShare = 0.2;
    private const double AmberShare = 0.5;

    public static Countdown For(DateTimeOffset startedAt, DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt is { } due ? For(startedAt, due, now) : new Countdown("—", SlaTone.NoTarget);

    public static Countdown For(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var left = dueAt - now;
        if (left < TimeSpan.Zero)
        {
            return new Countdown("+" + Format(-left), SlaTone.Breached);
        }
        var total = dueAt - startedAt;
        var share = total <= TimeSpan.Zero ? 0 : left / total;
        var tone = share > AmberShare ? SlaTone.Green : share > AtRiskShare ? SlaTone.Amber : SlaTone.Red;
        return new Countdown(Format(left), tone);
    }

    /// <summary>mm:ss under an hour, h:mm:ss beyond; whole seconds, rounded up while counting down.</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(span.TotalSeconds - 1e-9);
        if (seconds < 0)
        {
            seconds = 0;
        }
        var h = seconds / 3600;
        var m = seconds / 60 % 60;
        var s = seconds % 60;
        return h > 0 ? $"{h}:{m:00}:{s:00}" : $"{m:00}:{s:00}";
    }

    /// <summary>
    /// The first instant after <paramref name="now"/> at which <see cref="For(DateTimeOffset, DateTimeOffset, DateTimeOffset)"/>
    /// gives another tone; null once breached (the tone no longer changes). Pages re-render a clock
    /// only then and let the browser tick its text between (the figure alone is not worth a render batch).
    /// </summary>
    public static DateTimeOffset? NextToneChange(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var total = dueAt - startedAt;
        if (total > TimeSpan.Zero)
        {
            foreach (var share in (ReadOnlySpan<double>)[AmberShare, AtRiskShare])
            {
                // Exactly at the boundary the share is no longer above it, so the boundary itself is the change.
                var boundary = dueAt - total * share;
                if (boundary > now && For(startedAt, dueAt, boundary).Tone != For(startedAt, dueAt, now).Tone)
                {
                    return boundary;
                }
            }
        }
        // Breached means strictly past due.
        return now <= dueAt ? dueAt.AddTicks(1) : null;
    }

    public static bool IsAtRisk(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset now) =>
        For(startedAt, dueAt, now).Tone == SlaTone.Red;
}
