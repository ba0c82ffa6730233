using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Sla;

/// <summary>One editable cell: minutes to first response, optional hours to resolution.</summary>
public sealed class SlaCell
{
    public Priority Priority { get; init; }
    public Channel Channel { get; init; }
    public double FirstResponseMinutes { get; set; }
    public double? ResolutionHours { get; set; }
}

public sealed record SlaValidationError(Priority Priority, Channel Channel, string Key);

/// <summary>The team lead's priority × channel table: all cells valid or nothing saved, every change audited.</summary>
public sealed class SlaPolicyEditor(IDbContextFactory<WorkspaceDbContext> dbFactory, TimeProvider time)
{
    public const double MaxFirstResponseMinutes = 7 * 24 * 60;
    public const double MaxResolutionHours = 30 * 24;

    public async Task<List<SlaCell>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await SlaPolicy.LoadAsync(db, ct);
        return [.. from p in Enum.GetValues<Priority>()
                   from ch in Enum.GetValues<Channel>()
                   select new SlaCell
                   {
                       Priority = p,
                       Channel = ch,
                       FirstResponseMinutes = policy.FirstResponse(p, ch).TotalMinutes,
                       ResolutionHours = policy.Resolution(p, ch)?.TotalHours,
                   }];
    }

    public static List<SlaValidationError> Validate(IEnumerable<SlaCell> cells)
    {
        var errors = new List<SlaValidationError>();
        foreach (var c in cells)
        {
            if (double.IsNaN(c.FirstResponseMinutes) || c.FirstResponseMinutes <= 0 || c.FirstResponseMinutes > MaxFirstResponseMinutes)
            {
                errors.Add(new(c.Priority, c.Channel, "sla-first-response-range"));
            }
            if (c.ResolutionHours is { } h && (double.IsNaN(h) || h <= 0 || h > MaxResolutionHours))
            {
                errors.Add(new(c.Priority, c.Channel, "sla-resolution-range"));
            }
            else if (c.ResolutionHours is { } r && TimeSpan.FromHours(r) < TimeSpan.FromMinutes(c.FirstResponseMinutes))
            {
                errors.Add(new(c.Priority, c.Channel, "sla-resolution-before-response"));
            }
        }
        return errors;
    }

    /// <summary>Returns the validation errors; when there are any, nothing is written.</summary>
    public async Task<List<SlaValidationError>> SaveAsync(IReadOnlyCollection<SlaCell> cells, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.TeamLead);
        var errors = Validate(cells);
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SlaPolicy.ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var cell in cells)
        {
            var first = TimeSpan.FromMinutes(cell.FirstResponseMinutes);
            TimeSpan? resolution = cell.ResolutionHours is { } h ? TimeSpan.FromHours(h) : null;
            var row = rows.SingleOrDefault(r => r.Priority == cell.Priority && r.Channel == cell.Channel);
            if (row is null)
            {
                row = new SlaPolicyRow { Priority = cell.Priority, Channel = cell.Channel };
                db.SlaPolicy.Add(row);
            }
            else if (row.FirstResponse == first && row.Resolution == resolution)
            {
                continue;
            }
            db.Audit.Add(new AuditEntry
            {
                Actor = actor,
                At = now,
                Action = "sla-changed",
                Subject = $"{cell.Priority}×{cell.Channel}",
                Detail = $"{row.FirstResponse} / {row.Resolution?.ToString() ?? "—"} → {first} / {resolution?.ToString() ?? "—"}",
            });
            row.FirstResponse = first;
            row.Resolution = resolution;
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    // ---- Channel targets (seed 001 响应时间目标) and the team calendar -------------------------

    public const int MaxWorkingDays = 30;

    public async Task<List<ChannelSlaTarget>> LoadChannelTargetsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await SlaPolicy.LoadAsync(db, ct);
        return [.. Enum.GetValues<Channel>().Select(ch => policy.Channels.FirstOrDefault(c => c.Channel == ch) is { } t
            ? new ChannelSlaTarget { Channel = ch, ConsultationMinutes = t.ConsultationMinutes, ComplaintMinutes = t.ComplaintMinutes, ComplaintWorkingDays = t.ComplaintWorkingDays, UrgentComplaintMinutes = t.UrgentComplaintMinutes }
            : new ChannelSlaTarget { Channel = ch })];
    }

    public static List<SlaValidationError> ValidateChannelTargets(IEnumerable<ChannelSlaTarget> targets)
    {
        var errors = new List<SlaValidationError>();
        foreach (var t in targets)
        {
            foreach (var minutes in new[] { t.ConsultationMinutes, t.ComplaintMinutes, t.UrgentComplaintMinutes })
            {
                if (minutes is { } m && (double.IsNaN(m) || m <= 0 || m > MaxFirstResponseMinutes))
                {
                    errors.Add(new(Priority.Medium, t.Channel, "sla-first-response-range"));
                    break;
                }
            }
            if (t.ComplaintWorkingDays is { } d && d is < 1 or > MaxWorkingDays)
            {
                errors.Add(new(Priority.Medium, t.Channel, "sla-working-days-range"));
            }
            else if (t.ComplaintWorkingDays is not null && t.ComplaintMinutes is not null)
            {
                errors.Add(new(Priority.Medium, t.Channel, "sla-complaint-one-unit"));
            }
        }
        return errors;
    }

    /// <summary>Self-service never gets a target: it has no agent SLA (N/A in seed 001).</summary>
    public async Task<List<SlaValidationError>> SaveChannelTargetsAsync(IReadOnlyCollection<ChannelSlaTarget> targets, string actor, CancellationToken ct = default)
    {
        var errors = ValidateChannelTargets(targets);
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ChannelSlaTargets.ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var t in targets.Where(t => t.Channel != Channel.SelfService))
        {
            var row = rows.SingleOrDefault(r => r.Channel == t.Channel);
            if (row is null)
            {
                row = new ChannelSlaTarget { Channel = t.Channel };
                db.ChannelSlaTargets.Add(row);
            }
            else if (row.ConsultationMinutes == t.ConsultationMinutes && row.ComplaintMinutes == t.ComplaintMinutes
                && row.ComplaintWorkingDays == t.ComplaintWorkingDays && row.UrgentComplaintMinutes == t.UrgentComplaintMinutes)
            {
                continue;
            }
            db.Audit.Add(new AuditEntry
            {
                Actor = actor,
                At = now,
                Action = "sla-channel-changed",
                Subject = t.Channel.ToString(),
                Detail = $"{Describe(row)} → {Describe(t)}",
            });
            row.ConsultationMinutes = t.ConsultationMinutes;
            row.ComplaintMinutes = t.ComplaintMinutes;
            row.ComplaintWorkingDays = t.ComplaintWorkingDays;
            row.UrgentComplaintMinutes = t.UrgentComplaintMinutes;
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static string Describe(ChannelSlaTarget t) =>
        $"consultation {t.ConsultationMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"} min / complaint "
        + (t.ComplaintWorkingDays is { } d ? $"{d} working days" : $"{t.ComplaintMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"} min")
        + (t.UrgentComplaintMinutes is { } u ? $", urgent {u.ToString(System.Globalization.CultureInfo.InvariantCulture)} min" : "");

    public async Task<TeamCalendar> LoadCalendarAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TeamCalendars.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct) ?? new TeamCalendar();
    }

    /// <summary>Error keys for the calendar's fields ("timeZone", "hours", "workDays", "holidays"); empty when valid.</summary>
    public static Dictionary<string, string> ValidateCalendar(TeamCalendar c)
    {
        var errors = new Dictionary<string, string>();
        if (WorkingCalendar.TryZone(c.TimeZone) is null)
        {
            errors["timeZone"] = "calendar-zone-unknown";
        }
        if (c.WorkEnd <= c.WorkStart)
        {
            errors["hours"] = "calendar-hours-order";
        }
        if (string.IsNullOrEmpty(c.WorkDays) || c.WorkDays.Any(ch => ch is < '1' or > '7') || c.WorkDays.Distinct().Count() != c.WorkDays.Length)
        {
            errors["workDays"] = "calendar-workdays-required";
        }
        WorkingCalendar.ParseHolidays(c.Holidays, out var bad);
        if (bad.Count > 0)
        {
            errors["holidays"] = "calendar-holiday-format";
        }
        return errors;
    }

    public async Task<Dictionary<string, string>> SaveCalendarAsync(TeamCalendar calendar, string actor, CancellationToken ct = default)
    {
        var errors = ValidateCalendar(calendar);
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TeamCalendars.OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new TeamCalendar();
            db.TeamCalendars.Add(row);
        }
        var holidays = WorkingCalendar.ParseHolidays(calendar.Holidays, out _).Distinct().Order().ToList();
        var detail = $"{row.TimeZone} {row.WorkStart:HH\\:mm}–{row.WorkEnd:HH\\:mm} {row.WorkDays} → {calendar.TimeZone.Trim()} {calendar.WorkStart:HH\\:mm}–{calendar.WorkEnd:HH\\:mm} {calendar.WorkDays}, {holidays.Count} holidays";
        row.TimeZone = calendar.TimeZone.Trim();
        row.WorkStart = calendar.WorkStart;
        row.WorkEnd = calendar.WorkEnd;
        row.WorkDays = new string([.. calendar.WorkDays.Order()]);
        row.Holidays = string.Join('\n', holidays.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        db.Audit.Add(new AuditEntry { Actor = actor, At = time.GetUtcNow(), Action = "calendar-changed", Subject = "team calendar", Detail = detail });
        await db.SaveChangesAsync(ct);
        return errors;
    }
}
