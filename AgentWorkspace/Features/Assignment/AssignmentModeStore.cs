using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>
/// The team's assignment mode: the team lead's stored choice, else <c>Workspace:Assignment:Mode</c>.
/// Every write asks for it, so it is remembered for a few seconds; this node's own change applies at
/// once, another node's within <see cref="CacheFor"/>.
/// </summary>
public sealed class AssignmentModeStore(IDbContextFactory<WorkspaceDbContext> dbFactory, IOptions<AssignmentOptions> options, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private (AssignmentMode Mode, DateTimeOffset ReadAt)? _cached;

    public async Task<AssignmentMode> CurrentAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } c && now - c.ReadAt < CacheFor && now >= c.ReadAt)
        {
            return c.Mode;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AssignmentSettings.AsNoTracking().Where(s => s.Id == 1).Select(s => (AssignmentMode?)s.Mode).SingleOrDefaultAsync(ct);
        var mode = stored ?? options.Value.Mode;
        _cached = (mode, now);
        return mode;
    }

    /// <summary>A team lead switches the mode; audited. Nothing else may.</summary>
    public async Task<bool> SetAsync(AssignmentMode mode, string userName, bool isTeamLead, CancellationToken ct = default)
    {
        if (!isTeamLead || !Enum.IsDefined(mode))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var row = await db.AssignmentSettings.SingleOrDefaultAsync(s => s.Id == 1, ct);
        var previous = row?.Mode ?? options.Value.Mode;
        if (row is null)
        {
            db.AssignmentSettings.Add(row = new AssignmentSetting { Id = 1 });
        }
        row.Mode = mode;
        row.ChangedAt = now;
        row.ChangedBy = userName;
        db.Audit.Add(new AuditEntry { Actor = userName, At = now, Action = "assignment-mode", Subject = "assignment", Detail = $"{previous} → {mode}" });
        await db.SaveChangesAsync(ct);
        _cached = (mode, now);
        return true;
    }
}
