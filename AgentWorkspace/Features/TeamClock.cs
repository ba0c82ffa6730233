using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features;

/// <summary>The one clock every rule reads, plus the team's time zone for display and day cuts.</summary>
public sealed class TeamClock(TimeProvider time, IOptions<TeamOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => time.GetUtcNow();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The team's calendar day an instant falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateOnly Today => DayOf(Now);

    /// <summary>Midnight starting a team day, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>Start of the team's day containing <paramref name="instant"/>, as an instant.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset instant) => StartOf(DayOf(instant));

    public string Format(DateTimeOffset? instant, string format = "MM-dd HH:mm") =>
        instant is { } i ? ToLocal(i).ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "—";
}
