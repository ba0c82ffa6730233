using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Alerts;

/// <summary>Reads and saves each user's alert choices; open tabs of that user pick a change up at once.</summary>
public sealed class AlertPreferencesStore(IDbContextFactory<WorkspaceDbContext> dbFactory)
{
    /// <summary>Raised after a save, with the user whose choices changed.</summary>
    public event Action<AlertPreferences>? Changed;

    public async Task<AlertPreferences> GetAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == userName, ct)
            ?? AlertPreferences.Defaults(userName);
    }

    public async Task SaveAsync(AlertPreferences preferences, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(preferences.UserName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AlertPreferences.SingleOrDefaultAsync(p => p.UserName == preferences.UserName, ct);
        if (stored is null)
        {
            stored = new AlertPreferences { UserName = preferences.UserName };
            db.AlertPreferences.Add(stored);
        }
        stored.Assigned = preferences.Assigned;
        stored.CustomerReply = preferences.CustomerReply;
        stored.AtRisk = preferences.AtRisk;
        stored.Mention = preferences.Mention;
        stored.Sound = preferences.Sound;
        await db.SaveChangesAsync(ct);
        Changed?.Invoke(Copy(stored));
    }

    private static AlertPreferences Copy(AlertPreferences p) => new()
    {
        UserName = p.UserName,
        Assigned = p.Assigned,
        CustomerReply = p.CustomerReply,
        AtRisk = p.AtRisk,
        Mention = p.Mention,
        Sound = p.Sound,
    };
}
