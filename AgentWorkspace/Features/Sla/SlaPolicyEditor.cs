using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
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
        Security.WorkspaceCaller.Require(Accounts.Roles.TeamLead);
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
}
