using System.Globalization;

namespace AgentWorkspace.Features.Sla;

/// <summary>
/// Counts working time on the team calendar. "N 个工作日" is N working days' worth of working hours
/// counted from the moment the conversation arrived: a message on Monday 10:00 with 1 working day is due
/// Tuesday 10:00; one arriving Friday after hours is due at the end of Monday.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly bool[] _workDays = new bool[8];
    private readonly HashSet<DateOnly> _holidays = [];

    public WorkingCalendar(TeamCalendar calendar)
    {
        _zone = TryZone(calendar.TimeZone) ?? TimeZoneInfo.Utc;
        _start = calendar.WorkStart;
        _end = calendar.WorkEnd;
        foreach (var c in calendar.WorkDays ?? "")
        {
            if (c is >= '1' and <= '7')
            {
                _workDays[c - '0'] = true;
            }
        }
        foreach (var line in ParseHolidays(calendar.Holidays, out _))
        {
            _holidays.Add(line);
        }
    }

    public TimeSpan WorkingDayLength => _end > _start ? _end - _start : TimeSpan.Zero;

    public bool IsWorkingDay(DateOnly day) => _workDays[day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek] && !_holidays.Contains(day);

    /// <summary><paramref name="days"/> working days of working time after <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var remaining = WorkingDayLength * days;
        if (remaining <= TimeSpan.Zero || !_workDays.Contains(true))
        {
            // A calendar without working time cannot count working days: fall back to calendar days.
            return from + TimeSpan.FromDays(days);
        }
        var local = TimeZoneInfo.ConvertTime(from, _zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        for (var i = 0; i < 3700; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }
            var open = day.ToDateTime(_start);
            var close = day.ToDateTime(_end);
            var begin = local > open ? local : open;
            if (begin >= close)
            {
                continue;
            }
            var available = close - begin;
            if (remaining <= available)
            {
                return ToInstant(begin + remaining);
            }
            remaining -= available;
        }
        return from + TimeSpan.FromDays(days);
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, _zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static TimeZoneInfo? TryZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>yyyy-MM-dd dates, one per line (commas and spaces also separate); <paramref name="bad"/> lists the rest.</summary>
    public static List<DateOnly> ParseHolidays(string? text, out List<string> bad)
    {
        var days = new List<DateOnly>();
        bad = [];
        foreach (var part in (text ?? "").Split(['\n', '\r', ',', ' ', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                days.Add(d);
            }
            else
            {
                bad.Add(part);
            }
        }
        return days;
    }
}
